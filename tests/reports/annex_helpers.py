"""A version with confidential content, built by hand (the snapshot builders mark it once
confidential marks are set): a confidential section with a subsection under it, and a
confidential run of blocks inside an ordinary section. Each carries a marker text, so a test
can say whether a file or a page holds it."""

import io

from pypdf import PdfReader

from reports.blocks import ConfidentialBlock, NoteBlock, ParagraphsBlock, Section
from reports.models import ReportVersion
from tests.reports.snapshots import section, snapshot

OPEN_TEXT = "Het gevoel van veiligheid in Almere Haven is verbeterd."
SECRET_SECTION = "Drugslab aan de Veluwedreef is in beeld bij het RIEC."
SECRET_SUBSECTION = "Twee vastgoedpanden in Poort worden onderzocht."
SECRET_BLOCK = "De politie ziet een netwerk rond drie coffeeshops."


def confidential_snapshot(**cover):
    return snapshot(
        section("samenvatting", "Samenvatting", [ParagraphsBlock([OPEN_TEXT])]),
        Section(
            "ondermijning",
            "Ondermijning",
            1,
            True,
            [ParagraphsBlock([SECRET_SECTION])],
            confidential="geheimhouding",
        ),
        section(
            "ondermijning-vastgoed", "Vastgoed", [ParagraphsBlock([SECRET_SUBSECTION])], level=2
        ),
        section(
            "jeugd",
            "Jeugd en overlast",
            [
                ParagraphsBlock(["Overlast van jongeren neemt af."]),
                ConfidentialBlock(reason="politie", blocks=[ParagraphsBlock([SECRET_BLOCK])]),
                NoteBlock("Bron: politie Midden-Nederland."),
            ],
        ),
        **cover,
    )


def confidential_version(project, *, minor=2, **cover) -> ReportVersion:
    return ReportVersion.objects.create(
        project=project,
        document="analyse",
        major=0,
        minor=minor,
        content_hash=f"vertrouwelijk-0.{minor}",
        snapshot=confidential_snapshot(version_label=f"concept 0.{minor}", **cover).to_json(),
        structure_name="standaardindeling",
    )


def page_texts(data: bytes) -> list[str]:
    """The text of each page, with line breaks and repeated spaces as one space."""
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]
