"""Draft a raadsvoorstel from the project's own content: the startnotitie (step 1), the
priorities of the analysis (step 5), the kadernota with its goals and budget (step 9), or the
actualisatie after two years. Pure text; the service stores it in ``Raadsvoorstel.draft``, apart
from what users write.

What a confidential mark hides (a theme, a kadernota chapter) stays out of every draft: a
raadsvoorstel is a public document, so its draft never repeats what the besloten bijlage holds.
"""

import re
from datetime import date
from decimal import Decimal

from analysis.figures.charts.formatting import format_number
from analysis.narrative.selectors import analysis_settings, ranking
from kernbeleid.constants import GoalStatus
from kernbeleid.products import selectors as products
from kernbeleid.products.models import Goal, Raadsvoorstel
from projects.models import Project
from reports.constants import RaadsvoorstelOccasion

FIELDS = (
    "onderwerp",
    "voorgesteld_besluit",
    "inleiding",
    "beoogd_effect",
    "argumenten",
    "kanttekeningen",
    "financien",
    "communicatie",
    "uitvoering",
    "bijlagen",
    "ontwerpbesluit",
)

NO_ACTUALISATIE = (
    "Er is voor dit project nog geen actualisatie gestart. Start eerst de actualisatie van de "
    "kadernota; daarna kan het raadsvoorstel worden opgesteld."
)

# The legal basis the ontwerpbesluit cites. Step 9 and the actualisatie set the goals of
# art. 38b lid 1 Politiewet 2012 (the domain notes, [V]: Land van Cuijk's raadsbesluit).
# Steps 1 and 5 are the raad's kaderstelling on the way there: its general power under
# art. 147 Gemeentewet, with the Politiewet as the goal they prepare. [U] A gemeente may cite
# otherwise; the ontwerpbesluit is editable.
LEGAL_BASIS = {
    RaadsvoorstelOccasion.STAP_1: "artikel 147, eerste lid, van de Gemeentewet",
    RaadsvoorstelOccasion.STAP_5: (
        "artikel 147, eerste lid, van de Gemeentewet en artikel 38b, eerste lid, van de "
        "Politiewet 2012"
    ),
    RaadsvoorstelOccasion.STAP_9: "artikel 38b Politiewet 2012",
    RaadsvoorstelOccasion.ACTUALISATIE: "artikel 38b Politiewet 2012",
}


def euro(amount: Decimal | int | float) -> str:
    return f"€ {format_number(float(amount), 0)}"


def listed(items: list[str]) -> str:
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _lines(*items: str) -> str:
    return "\n".join(item.strip() for item in items if item and item.strip())


def _numbered(points: list[str]) -> str:
    return "\n".join(f"{n}. {point}" for n, point in enumerate(points, start=1))


def _long_date(day: date | None) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y") if day else "[datum]"


def _period(project: Project) -> str:
    return f"{project.period_start}-{project.period_end}"


# --- the project's content, public parts only ---------------------------------------------------


def _marks(project: Project):
    from reports.confidential_marking import current_marks

    return current_marks(project)


def _public_priorities(project: Project) -> list:
    marks = _marks(project)
    return [theme for theme in products.priorities(project) if not marks.theme(theme)]


def _public_goals(project: Project) -> list[Goal]:
    """The goals this gemeente's raad adopts: in a joint plan the shared goals and the
    lead's own local ones (the draft is the lead's), not another gemeente's."""
    marks = _marks(project)
    goals = (
        products.goals_for_gemeente(project, project.gemeente)
        .select_related("theme")
        .order_by("theme__field__position", "theme__position", "id")
    )
    return [goal for goal in goals if not marks.theme(goal.theme)]


def _kadernota_text(project: Project, attribute: str) -> str:
    """A chapter of the kadernota as written, or "" when it is empty or confidential."""
    if _marks(project).kadernota(attribute):
        return ""
    return (getattr(products.kadernota_for(project), attribute, "") or "").strip()


def budget_total(goals: list[Goal]) -> Decimal | None:
    """The yearly budget of the goals together, as the kadernota's Financiën table adds it."""
    budgeted = [goal.budget for goal in goals if goal.budget is not None]
    return sum(budgeted, Decimal(0)) if budgeted else None


# --- per occasion -------------------------------------------------------------------------------


def _stap_1(project: Project) -> dict[str, str]:
    start = products.startnotitie_for(project)
    members = list(products.werkgroep(project))
    werkgroep = [
        f"{m.name} ({m.organisation_name or m.get_organisation_display()})" for m in members
    ]
    period = _period(project)
    return {
        "onderwerp": f"Startnotitie integraal veiligheidsbeleid {period}",
        "voorgesteld_besluit": _numbered(
            [
                f"De startnotitie integraal veiligheidsbeleid {period} vast te stellen.",
                "In te stemmen met de reikwijdte, de planning en de voorgestelde werkgroep die "
                "de startnotitie beschrijft.",
            ]
        ),
        "inleiding": _lines(
            f"De gemeente {project.gemeente.name} stelt een nieuwe kadernota integrale "
            f"veiligheid op voor de jaren {period}, volgens de methode Kernbeleid Veiligheid "
            "van de VNG. De raad stelt op grond van artikel 38b Politiewet 2012 ten minste "
            "eens in de vier jaar de doelen voor de veiligheid vast.",
            "Met deze startnotitie begint het traject: zij beschrijft waarom en hoe de "
            "kadernota tot stand komt.",
        ),
        "beoogd_effect": (
            "Een kadernota integrale veiligheid die de raad kan vaststellen, gedragen door de "
            "partners, met doelen die te meten zijn."
        ),
        "argumenten": _lines(
            start.scope,
            (
                f"De werkgroep bestaat uit: {listed(werkgroep)}."
                if werkgroep
                else start.proposed_werkgroep
            ),
        ),
        "kanttekeningen": (
            "De werkgroep is nog niet samengesteld; de raad wordt over de samenstelling "
            "geïnformeerd."
            if not members and not start.proposed_werkgroep.strip()
            else "De planning hangt af van de beschikbaarheid van de partners in de werkgroep."
        ),
        "financien": start.budget.strip() or "De startnotitie noemt (nog) geen budget.",
        "communicatie": (
            "De raad wordt bij de prioriteiten (stap 5) en de vaststelling van de kadernota "
            "(stap 9) opnieuw om een besluit gevraagd. Inwoners en partners worden via de "
            "werkgroep en de veiligheidsanalyse betrokken."
        ),
        "uitvoering": start.planning.strip() or "De planning volgt in de startnotitie.",
        "bijlagen": (
            f"Startnotitie integraal veiligheidsbeleid {period}"
            if start.pk and (start.scope or start.planning or start.budget)
            else ""
        ),
    }


def _score(item) -> str:
    return f" (score {format_number(item.score, 2)})" if item.score is not None else ""


def _stap_5(project: Project) -> dict[str, str]:
    marks = _marks(project)
    ranked = [
        item
        for item in ranking(project, analysis_settings(project))
        if item.theme.proposed_priority and not marks.theme(item.theme)
    ]
    names = [item.theme.name for item in ranked]
    period = _period(project)
    chosen = (
        f"De volgende thema's als prioriteiten van het integraal veiligheidsbeleid {period} "
        f"vast te stellen: {listed(names)}."
        if names
        else f"De prioriteiten van het integraal veiligheidsbeleid {period} vast te stellen."
    )
    return {
        "onderwerp": f"Prioriteiten integraal veiligheidsbeleid {period}",
        "voorgesteld_besluit": _numbered(
            [
                chosen,
                "Het college te vragen op basis van deze prioriteiten de kadernota integrale "
                "veiligheid op te stellen.",
            ]
        ),
        "inleiding": (
            f"De veiligheidsanalyse van de gemeente {project.gemeente.name} beschrijft per "
            "veiligheidsveld de knelpunten, met de cijfers van de Veiligheidsmonitor en de "
            "politie. De werkgroep heeft de thema's gescoord op de ernst van het probleem en "
            "de beïnvloedbaarheid en stelt de raad de prioriteiten voor."
        ),
        "beoogd_effect": (
            "Keuzes: de gemeente en haar partners richten hun inzet de komende vier jaar op "
            "de thema's waar die het meeste verschil maakt."
        ),
        "argumenten": _lines(
            *[
                f"{item.theme.name}{_score(item)}: {item.theme.priority_reasoning.strip()}"
                if item.theme.priority_reasoning.strip()
                else f"{item.theme.name}{_score(item)}."
                for item in ranked
            ]
        )
        or "De werkgroep heeft nog geen prioriteiten voorgesteld.",
        "kanttekeningen": (
            "Thema's die geen prioriteit krijgen, blijven op basisniveau onder de aandacht "
            "van de gemeente en haar partners."
        ),
        "financien": (
            "Dit besluit heeft nog geen financiële gevolgen; de kadernota (stap 9) noemt per "
            "doel het budget."
        ),
        "communicatie": (
            "De prioriteiten worden gedeeld met de partners in de werkgroep en gelden als "
            "lokale inbreng voor het regionaal beleidsplan van de politie (artikel 39 "
            "Politiewet 2012)."
        ),
        "uitvoering": (
            "Na het besluit werkt de werkgroep per prioriteit doelen en een aanpak uit in de "
            "kadernota integrale veiligheid."
        ),
        "bijlagen": f"Veiligheidsanalyse {project.gemeente.name}",
    }


def _stap_9(project: Project) -> dict[str, str]:
    themes = _public_priorities(project)
    goals = _public_goals(project)
    total = budget_total(goals)
    period = _period(project)
    names = [theme.name for theme in themes]
    points = [f"De kadernota integrale veiligheid {period} vast te stellen."]
    if names:
        points.append(
            f"De prioriteiten {listed(names)} met de daarbij genoemde doelen vast te stellen "
            "als de doelen van de gemeente voor de veiligheid."
        )
    if total is not None:
        points.append(
            f"Kennis te nemen van het budget van {euro(total)} per jaar voor deze doelen."
        )
    by_theme = [
        f"{theme.name}: {listed([g.description for g in goals if g.theme_id == theme.id])}."
        for theme in themes
        if any(g.theme_id == theme.id for g in goals)
    ]
    open_goals = sum(1 for goal in goals if goal.budget is None)
    financien = [
        f"De doelen vragen samen {euro(total)} per jaar." if total is not None else "",
        *[
            f"{goal.description}: {euro(goal.budget)} per jaar"
            + (f" (dekking: {goal.funding})" if goal.funding else "")
            + "."
            for goal in goals
            if goal.budget is not None
        ],
        f"Voor {open_goals} doel(en) is nog geen budget genoemd." if open_goals else "",
        _kadernota_text(project, "budget"),
    ]
    from reports.constants import DocumentKind
    from reports.models import ReportVersion

    latest = (
        # The whole plan's kadernota: the raad decides on it, not on a gemeente's edition.
        ReportVersion.objects.filter(project=project, document=DocumentKind.KADERNOTA, edition="")
        .order_by("-major", "-minor")
        .first()
    )
    return {
        "onderwerp": f"Kadernota integrale veiligheid {period}",
        "voorgesteld_besluit": _numbered(points),
        "inleiding": _lines(
            f"De raad stelt op grond van artikel 38b Politiewet 2012 ten minste eens in de "
            f"vier jaar de doelen voor de veiligheid in de gemeente vast. De kadernota "
            f"integrale veiligheid {period} legt die doelen vast.",
            _kadernota_text(project, "visie"),
        ),
        "beoogd_effect": _lines(*by_theme)
        or "De kadernota noemt per prioriteit de doelen die de gemeente wil bereiken.",
        "argumenten": _lines(
            f"De prioriteiten {listed(names)} komen uit de veiligheidsanalyse en zijn met de "
            "partners in de werkgroep gekozen."
            if names
            else "",
            "Elk doel heeft een nulmeting en een streefwaarde, zodat de raad de voortgang kan "
            "volgen.",
        ),
        "kanttekeningen": (
            "De gemeente bereikt de doelen niet alleen: zij hangen ook af van de inzet van "
            "de partners, zoals politie, OM en woningcorporaties."
        ),
        "financien": _lines(*financien) or "De kadernota noemt (nog) geen budget.",
        "communicatie": _kadernota_text(project, "communicatie")
        or "Na vaststelling wordt de kadernota gepubliceerd en met de partners gedeeld.",
        "uitvoering": _lines(
            "Het college werkt de kadernota jaarlijks uit in een uitvoeringsprogramma "
            "(collegebesluit) en informeert de raad over de voortgang.",
            _kadernota_text(project, "monitoring"),
        ),
        "bijlagen": f"Kadernota integrale veiligheid {period}"
        + (f", {latest.label}" if latest else ""),
    }


def _actualisatie(project: Project) -> dict[str, str]:
    actualisatie = project.actualisaties.order_by("-started_at", "-id").first()
    if actualisatie is None:
        from django.core.exceptions import ValidationError

        raise ValidationError(NO_ACTUALISATIE)
    marks = _marks(project)
    changes = [
        change
        for change in actualisatie.priority_changes.select_related("theme").order_by("id")
        if not marks.theme(change.theme)
    ]
    period = _period(project)
    measured = []
    for goal in _public_goals(project):
        latest = goal.measurements.order_by("-year").first()
        if latest is None:
            continue
        value = "" if latest.value is None else f" {format_number(latest.value, 1)}"
        measured.append(
            f"{goal.description}: gemeten in {latest.year}{value}, "
            f"{GoalStatus(latest.status).label}."
        )
    change_lines = [
        f"{change.theme.name}: {change.get_change_display()}."
        + (f" {change.reason.strip()}" if change.reason.strip() else "")
        for change in changes
    ]
    version = actualisatie.version
    return {
        "onderwerp": f"Actualisatie kadernota integrale veiligheid {period}",
        "voorgesteld_besluit": _numbered(
            [
                f"De geactualiseerde kadernota integrale veiligheid {period} vast te stellen.",
                "In te stemmen met de wijzigingen in de prioriteiten zoals in dit voorstel "
                "beschreven.",
            ]
        ),
        "inleiding": _lines(
            f"Halverwege de looptijd van de kadernota integrale veiligheid {period} is "
            "bekeken wat de doelen tot nu toe opleveren en of de prioriteiten nog passen.",
            actualisatie.reason,
        ),
        "beoogd_effect": "Een kadernota die aansluit bij de veiligheid zoals die nu is.",
        "argumenten": _lines(*change_lines, *measured)
        or "De prioriteiten blijven ongewijzigd; er zijn nog geen metingen van de doelen.",
        "kanttekeningen": (
            "Na twee jaar zijn nog niet alle effecten te meten; een doel dat nog niet te "
            "beoordelen is, blijft staan."
        ),
        "financien": (
            f"De doelen vragen samen {euro(total)} per jaar."
            if (total := budget_total(_public_goals(project))) is not None
            else "De actualisatie verandert het budget niet."
        ),
        "communicatie": "De geactualiseerde kadernota wordt gepubliceerd en met de partners "
        "gedeeld.",
        "uitvoering": "Het college verwerkt de wijzigingen in het volgende uitvoeringsprogramma.",
        "bijlagen": (
            f"Kadernota integrale veiligheid {period} (actualisatie), {version.label}"
            if version is not None
            else ""
        ),
    }


DRAFTERS = {
    RaadsvoorstelOccasion.STAP_1: _stap_1,
    RaadsvoorstelOccasion.STAP_5: _stap_5,
    RaadsvoorstelOccasion.STAP_9: _stap_9,
    RaadsvoorstelOccasion.ACTUALISATIE: _actualisatie,
}


# --- the ontwerpbesluit -------------------------------------------------------------------------

_NUMBER = re.compile(r"^\s*(\d+[.)]|[-•*]|[a-z][.)])\s*")


def besluit_points(voorgesteld: str) -> list[str]:
    """The points of a voorgesteld besluit, one per line, without the numbers a user typed."""
    return [_NUMBER.sub("", line).strip() for line in voorgesteld.splitlines() if line.strip()]


def ontwerpbesluit_text(voorstel: Raadsvoorstel, voorgesteld: str) -> str:
    """The ontwerpbesluit: the raad, the college's proposal it read, the legal basis, and the
    numbered points of the voorgesteld besluit."""
    project = voorstel.project
    number = voorstel.college_number.strip() or "[nummer]"
    points = besluit_points(voorgesteld) or ["[voorgesteld besluit]"]
    return _lines(
        f"De raad van de gemeente {project.gemeente.name};",
        f"gelezen het voorstel van burgemeester en wethouders van "
        f"{_long_date(voorstel.college_date)}, nummer {number};",
        f"gelet op {LEGAL_BASIS[RaadsvoorstelOccasion(voorstel.occasion)]};",
        "besluit:",
        _numbered(points),
        "Aldus besloten in de openbare vergadering van [datum].",
        "De griffier,",
        "De voorzitter,",
    )


def shown(voorstel: Raadsvoorstel, field: str) -> str:
    """What the document shows for `field`: the user's text, else the draft."""
    return (getattr(voorstel, field) or "").strip() or (voorstel.draft or {}).get(field, "")


def draft_texts(voorstel: Raadsvoorstel) -> dict[str, str]:
    """Every field's draft for this voorstel's occasion (ValidationError in Dutch when the
    content it needs is missing)."""
    texts = DRAFTERS[RaadsvoorstelOccasion(voorstel.occasion)](voorstel.project)
    voorgesteld = voorstel.voorgesteld_besluit.strip() or texts["voorgesteld_besluit"]
    texts["ontwerpbesluit"] = ontwerpbesluit_text(voorstel, voorgesteld)
    return {field: texts.get(field, "") for field in FIELDS}
