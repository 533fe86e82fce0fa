"""Issue 17: every page fits a laptop (1280 px) and a phone (390 px).

Every URL of the permission matrix that a persona opens with 200 is opened in Chromium at
both widths: the ambtenaar walks every page they may open, the raadslid and the partner the
pages that look different for a reader. Each page must answer 200, must not scroll sideways
(`document.documentElement.scrollWidth`, with every <details> opened; a wide table scrolls
inside its own box instead), must keep its breadcrumbs to one line on a phone and must pass
axe (WCAG 2.1 A/AA). Screenshots land in test-results/screenshots/fit-*.png.
Downloads (PDF, DOCX, ZIP, CSV, ...) are not pages and are skipped by their content type.

The walk is split into CHUNKS so `pytest -n 2` can share it out; each chunk reports all its
failures at once.
"""

import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from playwright.sync_api import Error as PlaywrightError

from tests.test_permission_matrix import MATRIX

from .test_personas import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = {"laptop": {"width": 1280, "height": 900}, "telefoon": {"width": 390, "height": 844}}
# Not pages: logging out ends the session the rest of the walk needs.
SKIPPED = {"accounts:logout"}
HTML = "text/html"
# A page that cannot be made to fit yet: (width, URL name) -> the reason. Keep this empty:
# an entry is a known bug, and one that fits again fails the walk until it is taken off.
KNOWN_WIDE: dict[tuple[str, str], str] = {}
CHUNKS = 4
# One line of breadcrumbs (16 px text at line height 1.5), with room for rounding.
ONE_LINE = 30


def _names_for(persona: str) -> list[str]:
    """The URL names `persona` opens with 200. Readers walk only tenant pages they see
    themselves (their own variant of a page, or a page only they have); the account pages
    look the same for everyone."""
    names = []
    for name, (_, expected) in sorted(MATRIX.items()):
        if name in SKIPPED or expected["GET"][persona] != 200:
            continue
        if persona != "ambtenaar" and expected["GET"]["anonymous"] == 200:
            continue  # public page, the same for everyone
        if persona != "ambtenaar" and name.startswith("accounts:"):
            continue
        names.append(name)
    return names


def _walk() -> list[tuple[str, str]]:
    visits = [("ambtenaar", name) for name in _names_for("ambtenaar")]
    visits += [("raadslid", name) for name in _names_for("raadslid")]
    visits += [("partner", name) for name in _names_for("partner")]
    # Pages of a survey import on its way in (not in the matrix with these states), and the
    # portfolio, which the matrix only opens as a redirect.
    visits += [
        ("ambtenaar", "extra:import_mapping"),
        ("ambtenaar", "extra:import_preview"),
        # The portfolio of every gemeente and project (the menu's "Overzicht").
        ("ambtenaar", "extra:portfolio"),
        ("raadslid", "extra:portfolio"),
    ]
    return visits


VISITS = _walk()


def _chunk(index: int) -> list[tuple[str, str]]:
    return VISITS[index::CHUNKS]


def _survey_run_in_mapping(world):
    """A survey import waiting for its mapping: the widest form of the app."""
    from analysis.figures.demo_survey import write_demo_sav
    from analysis.figures.services import import_run_start

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vm_2021.sav"
        write_demo_sav(path, gemeente_code=world.gemeente.cbs_code, year=2021, respondents=300)
        upload = SimpleUploadedFile(path.name, path.read_bytes())
    return import_run_start(
        actor=world.users["ambtenaar"],
        project=world.project,
        kind="survey",
        upload=upload,
        year=2021,
    )


def _extra_url(world, name: str) -> str:
    if name == "extra:portfolio":
        return reverse("projects:home") + "?overzicht=1"
    run = _survey_run_in_mapping(world)
    run.refresh_from_db()  # read by the (eager) task: waiting for its mapping
    if name == "extra:import_mapping":
        # Variables whose names and labels are longer than a phone is wide.
        template = next(variable for variable in run.variables if variable.get("answers"))
        run.variables = run.variables + [
            template
            | {
                "name": f"v{number}_een_variabelenaam_zonder_spaties_langer_dan_de_telefoon",
                "label": f"Vraag {number}: hoe vaak komt het voor in uw buurt dat er iets "
                "gebeurt waardoor u zich onveilig voelt, ook als het niet om uzelf gaat",
            }
            for number in range(3)
        ]
        run.save(update_fields=["variables"])
    if name == "extra:import_preview":
        from analysis.figures.services import survey_mapping_submit

        run = survey_mapping_submit(actor=None, run=run, mapping=run.mapping)
    kwargs = {
        "gemeente_slug": world.gemeente.slug,
        "project_uuid": world.project.uuid,
        "run_uuid": run.uuid,
    }
    return reverse("analysis:import_detail", kwargs=kwargs)


def _published_for_readers(world) -> None:
    """A concept put before the raad and one before the werkgroep, so the readers' pages
    show their tables instead of "nothing published yet"."""
    from reports.constants import Audience, PublicationPurpose
    from reports.models import Publication
    from tests.reports.publication_helpers import stored_version

    for document, audience, purpose in (
        ("analyse", Audience.RAAD, PublicationPurpose.BESLUITVORMING),
        ("kadernota", Audience.WERKGROEP, PublicationPurpose.CONSULTATIE),
    ):
        version = stored_version(world.project, document=document, minor=9)
        Publication.objects.create(
            version=version,
            audience=audience,
            purpose=purpose,
            decision_step=5 if audience == Audience.RAAD else None,
            closes_on=None if audience == Audience.RAAD else date.today() + timedelta(days=14),
            step=world.project.current_step,
            published_by=world.users["ambtenaar"],
        )


def _url(world, name: str) -> str:
    if name.startswith("extra:"):
        return _extra_url(world, name)
    kwargs_for, _ = MATRIX[name]
    return reverse(name, kwargs=kwargs_for(world))


def _context(browser, live_server, world, persona: str, viewport: dict):
    """A browser context logged in as `persona` (the session cookie of a logged-in client)."""
    client = world.client(persona)
    client.get(reverse("accounts:overview"))
    phone = viewport["width"] < 500
    context = browser.new_context(
        locale="nl-NL", viewport=viewport, is_mobile=phone, has_touch=phone
    )
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return context


def _check(
    page, live_server, url: str, shot: str, screenshot_dir, *, phone: bool
) -> list[str] | None:
    """Problems of one page at the page's width: an empty list when it fits and passes axe,
    None when the URL is not a page (a download, or an htmx fragment shown inside a page)."""
    try:
        response = page.goto(live_server.url + url)
    except PlaywrightError as error:
        if "Download is starting" in str(error):
            return None
        raise
    if response is None:
        return ["no answer"]
    if response.request.redirected_from is not None:
        return [f"redirected to {response.url}"]
    if response.status != 200:
        return [f"status {response.status}"]
    if not response.headers.get("content-type", "").startswith(HTML):
        return None  # PDF, DOCX, ZIP, CSV, XLSX, PNG, SVG, JSON
    if "<html" not in response.text()[:1000].lower():
        return None  # an htmx fragment: checked inside its page
    problems = []
    # What a click unfolds must fit as well (the mapping page's list of variables).
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    crumbs = page.evaluate(
        "document.querySelector('nav[aria-label=Kruimelpad] ol')?.getBoundingClientRect().height"
    )
    if phone and crumbs and crumbs > ONE_LINE:
        problems.append(f"breadcrumbs take {crumbs:.0f}px, more than one line")
    if overflow > 0:
        wide = page.evaluate(_WIDEST)
        problems.append(f"scrolls sideways by {overflow}px; widest: {wide}")
    try:
        assert_accessible(page, shot, screenshot_dir)
    except AssertionError as error:
        problems.append(str(error))
    return problems


# The deepest elements that stick out to the right of the window, to name in a failure.
_WIDEST = """() => {
  const width = document.documentElement.clientWidth;
  const sticksOut = e => e.getBoundingClientRect().right > width + 1;
  const clipped = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const widest = skipClipped => {
    const out = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (skipClipped && clipped(el)) continue;
      if (sticksOut(el) && ![...el.children].some(sticksOut)) {
        let name = el.tagName.toLowerCase();
        if (el.id) name += '#' + el.id;
        if (typeof el.className === 'string' && el.className.trim()) {
          name += '.' + el.className.trim().split(/\\s+/).join('.');
        }
        out.push(name + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
      }
      if (out.length >= 4) break;
    }
    return out.join(', ');
  };
  // Something that escapes a scroll box (position: absolute) only shows in the second pass.
  return widest(true) || widest(false);
}"""


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_page_fits_a_laptop_and_a_phone_and_passes_axe(
    world, live_server, browser, screenshot_dir, chunk
):
    visits = _chunk(chunk)
    started = time.monotonic()
    # Build every URL first: the builders make what the pages show (an import, versions).
    urls = [(persona, name, _url(world, name)) for persona, name in visits]
    _published_for_readers(world)  # after the builders, which make the first version
    built = time.monotonic() - started
    failures, timings = [], []
    for width, viewport in WIDTHS.items():
        contexts = {}
        try:
            for persona, name, url in urls:
                if persona not in contexts:
                    context = _context(browser, live_server, world, persona, viewport)
                    contexts[persona] = (context, context.new_page())
                page = contexts[persona][1]
                shot = f"fit-{width}-{persona}-{name.replace(':', '-')}"
                begun = time.monotonic()
                problems = _check(
                    page, live_server, url, shot, screenshot_dir, phone=viewport["width"] < 500
                )
                if problems is None:
                    continue
                timings.append((time.monotonic() - begun, shot))
                known = (width, name) in KNOWN_WIDE
                if problems and not known:
                    failures.append(f"{width} {persona} {name} {url}:\n  " + "\n  ".join(problems))
                elif known and not problems:
                    failures.append(f"{width} {persona} {name} fits now: take it off KNOWN_WIDE")
        finally:
            for context, _ in contexts.values():
                context.close()
    print(
        f"chunk {chunk}: data in {built:.0f}s, {len(timings)} page views in "
        f"{time.monotonic() - started:.0f}s; slowest: "
        + ", ".join(f"{shot} {seconds:.1f}s" for seconds, shot in sorted(timings)[-4:])
    )
    assert not failures, f"{len(failures)} page(s) do not fit:\n" + "\n".join(failures)


def test_the_walk_covers_every_page():
    """The chunks together visit every page a persona opens, and no page twice."""
    visited = [visit for chunk in range(CHUNKS) for visit in _chunk(chunk)]
    assert sorted(visited) == sorted(VISITS)
    assert len(set(visited)) == len(visited)
    assert {name for persona, name in VISITS if persona == "ambtenaar"} >= {
        "analysis:import_detail",
        "kernbeleid:kadernota",
        "reports:overview",
        "kernbeleid:timeline",
    }
    assert ("partner", "kernbeleid:partner_home") in VISITS
    assert ("raadslid", "reports:overview") in VISITS
