"""Demo participatie: what residents said before the priorities were chosen, recorded in the
demo stories (projects/demo_traject.py for Almere, projects/demo_commission.py for Amsterdam).
Linked to the demo's priority themes and its focus wijken, so the theme pages, the
wijkprofielen and the reports show them."""

from datetime import date, timedelta

from analysis.figures.demo_survey import demo_wijk_roles
from analysis.figures.models import Area
from analysis.models import AnalysisTheme, Participation
from analysis.narrative.participation import participation_create

from .demo_dating import dated, moment
from .models import Project

# (days before the analysis is written, vorm, title, reach, reach note, main points,
#  theme codes, wijk roles); {haven} and {centrum} are the gemeente's demo wijken.
PARTICIPATIONS = (
    (
        62,
        "wijkschouw",
        "Avondschouw {haven}",
        24,
        "bewoners, wijkagent, boa's en woningcorporatie",
        "Slecht verlichte looproutes tussen het station en de woonwijk\n"
        "Drugshandel bij de speeltuin en in portieken na 22.00 uur\n"
        "Bewoners melden niet meer: ‘er gebeurt toch niets mee’\n"
        "Kapotte lantaarns worden pas na weken gerepareerd",
        ("1.4", "1.2"),
        ("haven",),
    ),
    (
        41,
        "panel",
        "Inwonerspanel over overlast en veiligheidsgevoel",
        1184,
        "respons 38% van het digitale panel",
        "Overlast van jongeren en scooters in {centrum} wordt het vaakst genoemd\n"
        "Zes op de tien panelleden willen meer zichtbare handhaving in de avond\n"
        "Ouderen voelen zich ’s avonds minder veilig op straat dan vier jaar geleden",
        ("3.1", "1.4"),
        ("centrum", "haven"),
    ),
    (
        27,
        "bijeenkomst",
        "Bewonersavond ondermijning en drugs",
        65,
        "",
        "Zorgen over drugsgebruik en -handel onder jongeren\n"
        "Behoefte aan een vast aanspreekpunt bij gemeente en politie\n"
        "Bewoners willen weten wat er met meldingen gebeurt",
        ("5.2", "3.1"),
        ("centrum",),
    ),
)


def demo_participatie_load(project: Project, actor, *, before: date) -> int:
    """Record the demo participations, each some weeks before `before` (the day the analysis
    is written); a project that already has participatie is left alone. Returns how many."""
    if Participation.objects.filter(project=project).exists():
        return 0
    roles = demo_wijk_roles(project.gemeente.cbs_code)
    words = {role: name for role, (_code, name) in roles.items()}
    made = 0
    for days, method, title, reach, note, points, codes, wijk_roles in PARTICIPATIONS:
        held_on = before - timedelta(days=days)
        themes = AnalysisTheme.objects.filter(field__project=project, code__in=codes)
        areas = Area.objects.filter(
            gemeente=project.gemeente, code__in=[roles[role][0] for role in wijk_roles]
        )
        recorded = held_on + timedelta(days=3)
        with dated(project, recorded):
            participation = participation_create(
                actor=actor,
                project=project,
                method=method,
                title=title.format(**words),
                held_on=held_on,
                reach=reach,
                reach_note=note,
                main_points=points.format(**words),
                themes=list(themes),
                areas=list(areas),
            )
        Participation.objects.filter(pk=participation.pk).update(
            created_at=moment(recorded), updated_at=moment(recorded)
        )
        made += 1
    return made
