"""The demo that `make run` loads, read as a raad and a second gemeente would: Almere's
vastgestelde kadernota has every chapter, its goals measure from the demo's own figures with a
budget and dekking, the bovenlokale kaders name their source; and Almere is a town of its own,
not Amsterdam with another name. One test, because loading the demo takes most of its time."""

import json

import pytest
from django.core.management import call_command

from analysis.figures.constants import AreaKind
from analysis.models import AnalysisTheme, Area, IndicatorResult
from analysis.narrative.constants import ThemeCoverage
from kernbeleid.constants import BovenlokaalNiveau
from kernbeleid.models import BovenlokalePrioriteit, Goal, Kadernota
from projects.models import AuditEntry, Project
from projects.nl_format import format_date
from reports.constants import DocumentKind
from reports.models import ReportVersion

CHAPTERS = (
    "aanleiding",
    "evaluatie",
    "trends",
    "visie",
    "aanpak",
    "borging",
    "communicatie",
    "budget",
    "monitoring",
)
# Almere's stadsdelen (and the parts of Almere Stad), as the gemeente names them.
ALMERE_PARTS = {"Stad", "Haven", "Buiten", "Poort", "Hout", "Pampus", "Centrum"}


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _result(project, code: str, year: int, **area) -> IndicatorResult:
    return IndicatorResult.objects.get(
        edition__projects=project,
        edition__year=year,
        indicator__code=code,
        indicator__gemeente=None,
        **{f"area__{key}": value for key, value in area.items()},
    )


def _dutch(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _kadernota(project: Project) -> None:
    nota = Kadernota.objects.get(project=project)
    for chapter in CHAPTERS:
        # Several paragraphs each, as in a real kadernota; none a heading on an empty page.
        assert len(_paragraphs(getattr(nota, chapter))) >= 3, chapter
        assert "{" not in getattr(nota, chapter), chapter  # every placeholder filled in

    # The vastgestelde version holds the chapters as they were when the raad adopted it. (The
    # standaardindeling gives the aanleiding and the aanpak no section of their own: the
    # inleiding and the priorities chapter take them in.)
    final = ReportVersion.objects.get(
        project=project, document=DocumentKind.KADERNOTA, major=1, minor=0
    )
    snapshot = json.dumps(final.snapshot, ensure_ascii=False)
    for chapter in CHAPTERS:
        first = _paragraphs(getattr(nota, chapter))[0]
        assert first in snapshot, chapter
    # The colofon is dated as the cover: the day of the raadsbesluit.
    (colofon,) = [s for s in final.snapshot["sections"] if s["key"].startswith("colofon-")]
    terms = {item["term"]: item["definition"] for item in colofon["blocks"][0]["items"]}
    assert terms["Datum"] == format_date(final.snapshot["date"])
    assert terms["Versie"] == final.snapshot["version_label"]

    # The figures the text quotes are the demo's own.
    haven = Area.objects.get(gemeente=project.gemeente, name="Almere Haven")
    for year in (2021, 2023):
        value = _result(project, "onveilig_in_buurt_weleens", year, pk=haven.pk).estimate
        assert f"{_dutch(value)} procent" in nota.trends
    gemeente_wide = _result(
        project, "onveilig_in_buurt_weleens", 2023, gemeente=project.gemeente, kind="gemeente"
    )
    assert f"{_dutch(gemeente_wide.estimate)} procent in heel Almere" in nota.trends


def _goals(project: Project) -> None:
    goals = list(Goal.objects.filter(project=project).select_related("indicator"))
    assert {goal.theme.code for goal in goals} == {"1.4", "3.1", "5.2"}
    measured = [goal for goal in goals if goal.indicator]
    assert len(measured) >= 4
    for goal in measured:
        # The nulmeting is the gemeente's figure of that indicator in that year.
        figure = _result(
            project,
            goal.indicator.code,
            goal.baseline_year,
            gemeente=project.gemeente,
            kind=AreaKind.GEMEENTE,
        )
        assert goal.baseline_year == 2023
        assert goal.baseline_value == pytest.approx(figure.estimate)
        assert goal.target_value is not None and goal.target_value != goal.baseline_value
        assert goal.target_year == 2029
        better = goal.target_value < goal.baseline_value
        assert better == (goal.indicator.direction == "higher_is_worse"), goal.description
    for goal in goals:
        assert goal.budget and goal.budget > 0, goal.description
        assert goal.funding and goal.maatregelen and goal.partners, goal.description
    # The Financiën chapter names the total the goals add up to.
    total = sum(goal.budget for goal in goals)
    nota = Kadernota.objects.get(project=project)
    assert f"€ {total:,.0f}".replace(",", ".") in nota.budget


def _bovenlokaal_and_coverage(project: Project) -> None:
    prioriteiten = list(BovenlokalePrioriteit.objects.filter(project=project))
    assert {p.niveau for p in prioriteiten} >= {
        BovenlokaalNiveau.REGIONAAL_BELEIDSPLAN,
        BovenlokaalNiveau.BASISTEAM,
        BovenlokaalNiveau.RIEC,
        BovenlokaalNiveau.VEILIGHEIDSREGIO,
    }
    for prioriteit in prioriteiten:
        assert prioriteit.title and prioriteit.description and prioriteit.source
    sources = " ".join(p.source for p in prioriteiten)
    assert "Midden-Nederland" in sources and "Flevoland" in sources  # Almere's eenheid, regio

    themes = AnalysisTheme.objects.filter(field__project=project)
    others = themes.exclude(coverage=ThemeCoverage.UITGEWERKT)
    assert {theme.coverage for theme in others} == {ThemeCoverage.BASISNIVEAU, ThemeCoverage.NVT}
    for theme in others:
        assert theme.coverage_reasoning.endswith("."), theme.code  # one sentence of reasoning
        assert not theme.proposed_priority, theme.code


def _almere_is_its_own_town(almere: Project, amsterdam: Project) -> None:
    def wijken(project):
        return dict(
            Area.objects.filter(gemeente=project.gemeente, kind=AreaKind.WIJK).values_list(
                "code", "name"
            )
        )

    own, other = wijken(almere), wijken(amsterdam)
    assert len(own) == len(other) == 8
    assert not set(own.values()) & set(other.values())
    assert all(code.startswith("WK0034") for code in own)
    for name in own.values():
        assert name.split()[0] == "Almere" and set(name.split()[1:]) & ALMERE_PARTS, name

    # Other respondents, other levels: no figure of the gemeente as a whole is Amsterdam's
    # (catalogue indicators; a gemeente's own questions are its own indicators).
    pairs = 0
    for result in IndicatorResult.objects.filter(
        edition__projects=almere, area__kind=AreaKind.GEMEENTE, indicator__gemeente=None
    ).select_related("edition", "indicator"):
        twin = IndicatorResult.objects.get(
            edition__projects=amsterdam,
            edition__year=result.edition.year,
            indicator=result.indicator,
            area__kind=AreaKind.GEMEENTE,
        )
        assert result.estimate != twin.estimate, result.indicator.code
        pairs += 1
    assert pairs >= 40
    # As planned for a new town: less drugshandel in the centre, more speeding than Amsterdam.
    centre = {"amsterdam": "Centrum", "almere": "Almere Centrum"}

    def figure(project, code, **area):
        return _result(project, code, 2023, gemeente=project.gemeente, **area).estimate

    assert figure(almere, "drugshandel", name=centre["almere"]) < figure(
        amsterdam, "drugshandel", name=centre["amsterdam"]
    )
    assert figure(almere, "te_hard_rijden", kind="gemeente") > figure(
        amsterdam, "te_hard_rijden", kind="gemeente"
    )

    # The low-n case the report relies on, in Almere too: one stadsdeel suppressed (n below
    # min_n), one shown with a warning (min_n <= n < warn_n).
    for year in (2019, 2021, 2023):
        results = IndicatorResult.objects.filter(
            edition__projects=almere,
            edition__year=year,
            indicator__code="voelt_zich_weleens_onveilig",
            area__kind=AreaKind.WIJK,
        ).select_related("area")
        suppressed = {r.area.name for r in results if r.suppressed}
        warned = {r.area.name for r in results if r.low_n_warning and not r.suppressed}
        assert suppressed == {"Almere Pampus"}, year
        assert warned == {"Almere Hout"}, year
        hout = next(r for r in results if r.area.name == "Almere Hout")
        assert almere.min_n <= hout.n < almere.warn_n


def _counts() -> dict[str, int]:
    models = (Project, Area, IndicatorResult, Kadernota, BovenlokalePrioriteit, Goal, AuditEntry)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_the_demo_kadernota_is_a_real_one_and_almere_a_town_of_its_own(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # the synthetic survey files
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    almere = Project.objects.get(name="Integraal Veiligheidsplan 2027-2030 Almere")
    amsterdam = Project.objects.get(gemeente__cbs_code="GM0363", scope="kernbeleid")

    _kadernota(almere)
    _goals(almere)
    _bovenlokaal_and_coverage(almere)
    _almere_is_its_own_town(almere, amsterdam)

    # A second run of every loader changes nothing.
    before = _counts()
    call_command("load_demo", verbosity=0)
    call_command("load_demo_survey", verbosity=0)
    call_command("load_demo_traject", verbosity=0)
    assert _counts() == before
