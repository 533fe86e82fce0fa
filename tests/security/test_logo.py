"""Hostile logos: pixel bombs, broken and disguised files. A logo is opened with Pillow within a
pixel limit, decoded, and stored re-encoded as a PNG of at most 1200 px; anything else gets a
Dutch message and nothing is stored.

The big images are built here from small recipes: a 20000 x 20000 1-bit PNG is 50 kB.
"""

import io
import random
import struct
import zlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from projects.models import AuditEntry, Gemeente
from reports import services as report_services

NOT_AN_IMAGE = "Dit bestand is geen PNG- of JPEG-afbeelding. Kies een .png of .jpg."
BROKEN = "Het logo is beschadigd of onvolledig. Sla het opnieuw op als PNG of JPEG."
TOO_MANY_PIXELS = (
    "Het logo heeft te veel pixels: hooguit 25 megapixel (bijvoorbeeld 5000 × 5000). "
    "Verklein het en kies het opnieuw."
)


# --------------------------------------------------------------------------- recipes


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bilevel_png(width: int, height: int, *, rows: int | None = None) -> bytes:
    """A 1-bit white PNG, compressed row by row (never the whole image in memory). With
    `rows`, the header claims `height` but the data holds only that many rows."""
    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height if rows is None else rows))
    data += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def pillow_image(fmt: str, size: tuple[int, int], mode: str = "RGB", **options) -> bytes:
    image = Image.new(mode, size, "#00529b" if mode in ("RGB", "RGBA") else 1)
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def truncated(fmt: str) -> bytes:
    """A noisy 400 x 300 image (so its data is long), cut off halfway."""
    noise = random.Random(9).randbytes(400 * 300 * 3)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (400, 300), noise).save(buffer, format=fmt)
    whole = buffer.getvalue()
    return whole[: len(whole) // 2]


HOSTILE = [
    # (id, file name, recipe, message)
    ("svg", "logo.svg", lambda: b'<svg xmlns="http://www.w3.org/2000/svg"/>', NOT_AN_IMAGE),
    (
        "svg-as-png",
        "logo.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        NOT_AN_IMAGE,
    ),
    ("script-as-png", "logo.png", lambda: b"<script>alert(1)</script>", NOT_AN_IMAGE),
    ("png-signature-only", "logo.png", lambda: b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, NOT_AN_IMAGE),
    ("gif-as-png", "logo.png", lambda: pillow_image("GIF", (10, 10), "P"), NOT_AN_IMAGE),
    ("truncated-png", "logo.png", lambda: truncated("PNG"), BROKEN),
    ("truncated-jpeg", "logo.jpg", lambda: truncated("JPEG"), BROKEN),
    ("png-20000x20000", "logo.png", lambda: bilevel_png(20000, 20000), TOO_MANY_PIXELS),
    ("png-5001x5000", "logo.png", lambda: bilevel_png(5001, 5000), TOO_MANY_PIXELS),
    # 100000 x 100000 is past Pillow's own bomb limit: refused on opening, not decoded.
    (
        "png-100000x100000",
        "logo.png",
        lambda: bilevel_png(100000, 100000, rows=1),
        TOO_MANY_PIXELS,
    ),
]


def settings_url(world) -> str:
    return reverse("projects:gemeente_settings", kwargs={"gemeente_slug": world.gemeente.slug})


def stored_files(private_media) -> list:
    if not private_media.exists():
        return []
    return [path for path in private_media.rglob("*") if path.is_file()]


def post_logo(world, name: str, data: bytes):
    return world.client("ambtenaar").post(
        settings_url(world),
        {"house_colour": "#123456", "logo": SimpleUploadedFile(name, data)},
    )


# --------------------------------------------------------------------------- refused


@pytest.mark.parametrize(
    ("name", "recipe", "message"), [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE]
)
@pytest.mark.parametrize("weasyprint_loaded", [False, True], ids=["alone", "after-weasyprint"])
def test_hostile_logo_is_refused_in_dutch_and_nothing_changes(
    world, private_media, monkeypatch, name, recipe, message, weasyprint_loaded
):
    """Also in a process where WeasyPrint was imported: it lets Pillow accept truncated
    images everywhere, which must not let a broken logo in."""
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", weasyprint_loaded)
    data = recipe()
    assert len(data) < 2 * 1024 * 1024  # under the upload limit: Pillow must decide
    before = Gemeente.objects.filter(pk=world.gemeente.pk).values().get()
    response = post_logo(world, name, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"logo": [message]}
    assert Gemeente.objects.filter(pk=world.gemeente.pk).values().get() == before
    assert stored_files(private_media) == []
    assert not AuditEntry.objects.filter(action="instellingen gewijzigd").exists()


def test_pixel_limit_is_read_from_the_header_before_decoding(world, monkeypatch):
    """The 20000 x 20000 PNG is refused without Pillow decoding a single row."""
    from PIL import ImageFile

    decoded = []
    original = ImageFile.ImageFile.load

    def spy(self):
        decoded.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", spy)
    response = post_logo(world, "logo.png", bilevel_png(20000, 20000))
    assert response.context["form"].errors == {"logo": [TOO_MANY_PIXELS]}
    assert decoded == []


# --------------------------------------------------------------------------- accepted


@pytest.mark.parametrize(
    ("name", "data", "size", "mode"),
    [
        ("wapen.png", pillow_image("PNG", (3000, 1500)), (1200, 600), "RGB"),
        ("wapen.jpg", pillow_image("JPEG", (1500, 2400)), (750, 1200), "RGB"),
        ("wapen.jpeg", pillow_image("JPEG", (200, 100)), (200, 100), "RGB"),
        ("transparant.png", pillow_image("PNG", (2400, 2400), "RGBA"), (1200, 1200), "RGBA"),
        ("palet.png", pillow_image("PNG", (64, 32), "P"), (64, 32), "RGB"),
        ("zwartwit.png", bilevel_png(5000, 5000), (1200, 1200), "RGB"),  # exactly 25 MP
    ],
    ids=["png-large", "jpeg-portrait", "jpeg-small", "png-alpha", "png-palette", "png-25mp"],
)
def test_logo_is_stored_as_a_png_of_at_most_1200_px(world, private_media, name, data, size, mode):
    response = post_logo(world, name, data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    world.gemeente.refresh_from_db()
    assert world.gemeente.logo.name.endswith(".png")
    stored = (private_media / world.gemeente.logo.name).read_bytes()
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", size, mode)
    audit = AuditEntry.objects.get(gemeente=world.gemeente, action="instellingen gewijzigd")
    assert audit.detail["logo"]["naar"] == world.gemeente.logo.name
    logo_url = reverse("projects:gemeente_logo", kwargs={"gemeente_slug": world.gemeente.slug})
    served = world.client("raadslid").get(logo_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert b"".join(served.streaming_content) == stored


def test_jpeg_turned_by_its_exif_orientation_is_stored_upright(world, private_media):
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    data = pillow_image("JPEG", (1600, 800), exif=exif.tobytes())
    post_logo(world, "foto.jpg", data)
    world.gemeente.refresh_from_db()
    with Image.open(private_media / world.gemeente.logo.name) as image:
        assert image.size == (600, 1200)


# --------------------------------------------------------------------------- reports


def test_pdf_renders_without_a_pixel_bomb_logo_stored_before_the_check(
    world, django_capture_on_commit_callbacks
):
    """Such a logo made every PDF render fail; now the cover goes without it."""
    world.gemeente.logo.save("logo.png", ContentFile(bilevel_png(20000, 20000)))
    version = report_services.version_for(actor=None, project=world.project, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        run = report_services.render_request(actor=None, version=version, fmt="pdf")
    run.refresh_from_db()
    assert run.status == "done", run.message


def test_reports_carry_the_stored_png_logo(world, django_capture_on_commit_callbacks):
    post_logo(world, "wapen.jpg", pillow_image("JPEG", (2400, 1200)))
    version = report_services.version_for(actor=None, project=world.project, document="analyse")
    with django_capture_on_commit_callbacks(execute=True):
        pdf = report_services.render_request(actor=None, version=version, fmt="pdf")
        word = report_services.render_request(actor=None, version=version, fmt="docx")
    pdf.refresh_from_db()
    word.refresh_from_db()
    assert pdf.status == "done" and word.status == "done", (pdf.message, word.message)
    import docx
    from pypdf import PdfReader

    with pdf.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    assert list(reader.pages[0].images)  # the logo on the cover
    with word.file.open("rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    assert document.inline_shapes[0]._inline.docPr.get("descr").startswith("Logo gemeente")
