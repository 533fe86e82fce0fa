"""The demo's joint plan (issue 19): three Heuvelland gemeenten of basisteam Heuvelland write
one integraal veiligheidsplan. Gulpen-Wittem is penvoerder; Eijsden-Margraten and Vaals joined.

The story stands on step 5: each raad heard the start (two by raadsinformatiebrief, one by
raadsbesluit), the werkgroep of the three gemeenten and the basisteam wrote the analysis, each
gemeente read in its own Veiligheidsmonitor 2023 (synthetic, analysis/figures/demo_survey.py)
and entered its inhabitants aged 15 and over, and the analysis went to each raad separately.
Two raden adopted the priorities, Eijsden-Margraten's with an amendement; Vaals's raad has
yet to decide: "aangenomen in 2 van 3 raden".

Invitations and acceptances go through the services (projects/joint.py); decisions and
publications are rows dated in the story's past, as in projects/demo_traject.py. Runs once: a
second run finds the plan and changes nothing.
"""

from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from analysis.figures.demo import DEMO_MAPPING
from analysis.figures.demo_heuvelland import (
    heuvelland_benchmarks_load,
    heuvelland_police_units_load,
)
from analysis.figures.demo_survey import write_demo_sav
from analysis.figures.mapping import load_mapping_text
from analysis.figures.services import population_set, survey_import_now
from analysis.models import Indicator
from analysis.narrative.services import analysis_ensure
from kernbeleid.constants import DecisionKind, Outcome
from kernbeleid.models import Amendment, RaadDecision
from kernbeleid.products import services as steps
from kernbeleid.products.local import local_chapter_save
from kernbeleid.products.selectors import priorities
from reports.constants import Audience, PublicationPurpose

from . import demo_traject_texts as texts
from .constants import ProjectScope, Role
from .demo import DEMO_BUREAU_SLUG, DEMO_PASSWORD
from .demo_dating import THURSDAY, dated, days_ago, history_moved
from .demo_traject import analysis_write, publish_row, steps_walk, version_dated
from .joint import participant_accept, participant_invite
from .models import Bureau, Gemeente, Membership, Project, ProjectParticipant
from .services import audit_record

PLAN_NAME = "Integraal Veiligheidsplan Heuvelland 2027-2030"
LEAD = "GM1729"  # Gulpen-Wittem
# CBS code -> inhabitants (rounded, 1 January 2023), inhabitants aged 15 and over (rounded,
# CBS StatLine 03759ned) and the house colour of the demo.
# The respondents of each synthetic file are about what the VM draws in gemeenten this size.
HEUVELLAND = {
    "GM1729": {
        "inhabitants": 14_100,
        "aged_15_plus": 12_400,
        "house_colour": "#00577d",
        "respondents": 1_300,
    },
    "GM1903": {
        "inhabitants": 25_600,
        "aged_15_plus": 22_300,
        "house_colour": "#2e7d32",
        "respondents": 1_800,
    },
    "GM0981": {
        "inhabitants": 9_900,
        "aged_15_plus": 8_700,
        "house_colour": "#8e2453",
        "respondents": 1_100,
    },
}
POPULATION_SOURCE = (
    "CBS StatLine 03759ned, bevolking op 1 januari 2023, 15 jaar en ouder (afgerond)"
)
SURVEY_YEAR = 2023


def _person(email: str, name: str):
    user, created = get_user_model().objects.get_or_create(
        email=email, defaults={"full_name": name}
    )
    if created or not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


# Each gemeente's own chapter (issue 19, item 3): what only it has, per document.
LOCAL = {
    "GM1729": {
        "priorities": "Ondermijning in het buitengebied: leegstaande agrarische panden en "
        "dumpingen van drugsafval in het Geuldal.",
        "themes": "Verkeersoverlast van motorrijders en toeristen in het Geuldal in het "
        "voorjaar en de zomer.",
        "kernen": "Gulpen, Wittem, Mechelen, Epen en Slenaken: in Epen en Slenaken vooral "
        "verkeer en toerisme, in Gulpen de overlast rond het centrum in het weekend.",
    },
    "GM1903": {
        "priorities": "Woninginbraak in de grenskernen, samen met de Belgische politie.",
        "themes": "Drugstransport over de A2 en de Maas; vrachtwagens die 's nachts in de "
        "kernen parkeren.",
        "kernen": "Eijsden, Mesch, Margraten, Cadier en Keer en Noorbeek: Eijsden en Mesch "
        "liggen aan de grens en hebben de meeste inbraken.",
    },
    "GM0981": {
        "priorities": "Drugsoverlast in het centrum van Vaals, met de gemeente Aken en de "
        "Duitse politie.",
        "themes": "Overlast rond studentenhuisvesting; drugstoerisme over de grens.",
        "kernen": "Vaals, Lemiers en Vijlen: de overlast speelt in het centrum van Vaals, "
        "Lemiers en Vijlen scoren als de rest van het plangebied.",
    },
}


def _gemeenten_and_people() -> tuple[list[Gemeente], dict[str, dict]]:
    """The three gemeenten (lead first), served by the demo bureau, each with an ambtenaar and
    a raadslid; the basisteam's police officer is a partner in all three."""
    bureau = Bureau.objects.get(slug=DEMO_BUREAU_SLUG)
    gemeenten = [Gemeente.objects.get(cbs_code=code) for code in HEUVELLAND]
    politie = _person("politie@heuvelland.demo.nl", "Politie basisteam Heuvelland")
    people = {}
    for gemeente in gemeenten:
        extra = HEUVELLAND[gemeente.cbs_code]
        gemeente.inhabitants = extra["inhabitants"]
        gemeente.house_colour = extra["house_colour"]
        gemeente.save(update_fields=["inhabitants", "house_colour"])
        bureau.gemeenten.add(gemeente)
        people[gemeente.cbs_code] = {}
        for role, label in ((Role.AMBTENAAR, "Ambtenaar"), (Role.RAADSLID, "Raadslid")):
            user = _person(f"{role}@{gemeente.slug}.demo.nl", f"{label} {gemeente.name}")
            Membership.objects.get_or_create(user=user, gemeente=gemeente, defaults={"role": role})
            people[gemeente.cbs_code][role] = user
        Membership.objects.get_or_create(
            user=politie,
            gemeente=gemeente,
            defaults={"role": Role.PARTNER, "organisation": "Politie basisteam Heuvelland"},
        )
    return gemeenten, people


def _plan(gemeenten: list[Gemeente], people: dict, adviseur) -> Project:
    lead = gemeenten[0]
    project = Project.objects.create(
        gemeente=lead,
        name=PLAN_NAME,
        scope=ProjectScope.KERNBELEID,
        period_start=2027,
        period_end=2030,
        min_n=50,
        warn_n=100,
    )
    audit_record(actor=adviseur, action="project aangemaakt", obj=project, project=project)
    for gemeente in gemeenten[1:]:
        invitation = participant_invite(actor=adviseur, project=project, gemeente=gemeente)
        participant_accept(actor=people[gemeente.cbs_code][Role.AMBTENAAR], participant=invitation)
    project.refresh_from_db()
    return project


def _figures(project: Project, gemeenten: list[Gemeente], people: dict) -> None:
    """Each gemeente's own Veiligheidsmonitor 2023 and its inhabitants aged 15 and over."""
    out_dir = Path(settings.VAR_DIR) / "demo_survey"
    out_dir.mkdir(parents=True, exist_ok=True)
    mapping = load_mapping_text(DEMO_MAPPING.read_text(encoding="utf-8"), name=DEMO_MAPPING.name)
    for gemeente in gemeenten:
        path = out_dir / f"vm_{gemeente.cbs_code}_{SURVEY_YEAR}.sav"
        write_demo_sav(
            path,
            gemeente_code=gemeente.cbs_code,
            year=SURVEY_YEAR,
            respondents=HEUVELLAND[gemeente.cbs_code]["respondents"],
            seed=int(gemeente.cbs_code[2:]),  # each gemeente its own answers
        )
        survey_import_now(
            actor=people[gemeente.cbs_code][Role.AMBTENAAR],
            project=project,
            gemeente=gemeente,
            year=SURVEY_YEAR,
            mapping=mapping,
            upload=SimpleUploadedFile(path.name, path.read_bytes()),
            replace=True,
            accept_flagged="Synthetische demogegevens.",
        )
        population_set(
            actor=people[gemeente.cbs_code][Role.AMBTENAAR],
            gemeente=gemeente,
            year=SURVEY_YEAR,
            count=HEUVELLAND[gemeente.cbs_code]["aged_15_plus"],
            source=POPULATION_SOURCE,
        )


def _decision(project, gemeente, actor, *, step, day, kind, number, outcome="", notes=""):
    with dated(project, day):
        decision = RaadDecision.objects.create(
            project=project,
            gemeente=gemeente,
            step=step,
            kind=kind,
            date=day,
            number=number,
            outcome=outcome,
            notes=notes,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="raadsbesluit vastgelegd",
            obj=decision,
            project=project,
            detail={"stap": step, "raad van": gemeente.name, "datum": day.isoformat()},
        )
    return decision


def _story(project: Project, gemeenten: list[Gemeente], people: dict, today: date) -> None:
    lead, eijsden, vaals = gemeenten
    actor = people[lead.cbs_code][Role.AMBTENAAR]
    day = {
        "s1": days_ago(today, 300),
        "startnotitie": days_ago(today, 290),
        "raad1": days_ago(today, 270, THURSDAY),
        "s2": days_ago(today, 262),
        "s3": days_ago(today, 240),
        "startbijeenkomst": days_ago(today, 236),
        "s4": days_ago(today, 220),
        "analysis": days_ago(today, 120),
        "s5": days_ago(today, 110),
        "raad5": days_ago(today, 60, THURSDAY),
    }
    history_moved(project, created=day["s1"], figures=day["s4"] + timedelta(days=7))
    with dated(project, day["startnotitie"]):
        startnotitie = dict(texts.STARTNOTITIE)
        startnotitie["proposed_werkgroep"] = (
            "De drie gemeenten (OOV en jeugd), politie basisteam Heuvelland, Veiligheidsregio "
            "Zuid-Limburg, Openbaar Ministerie en de woningcorporaties. Voorzitter: de "
            "coördinator OOV van Gulpen-Wittem als penvoerder."
        )
        steps.startnotitie_save(actor=actor, project=project, **startnotitie)
    for gemeente, kind, number in (
        (lead, DecisionKind.INFORMATIEBRIEF, "RIB 2026-12"),
        (eijsden, DecisionKind.INFORMATIEBRIEF, "RIB 2026-031"),
        (vaals, DecisionKind.RAADSBESLUIT, "RB 2026-044"),
    ):
        _decision(
            project,
            gemeente,
            actor,
            step=1,
            day=day["raad1"],
            kind=kind,
            number=number,
            outcome=Outcome.AANGENOMEN if kind == DecisionKind.RAADSBESLUIT else "",
            notes=f"De raad van {gemeente.name} is geïnformeerd over het gezamenlijke plan.",
        )
    with dated(project, day["s2"] + timedelta(days=3)):
        for name, organisation, role in (
            ("Ilse Hendriks", "gemeente", "coördinator OOV Gulpen-Wittem, voorzitter"),
            ("Ruud Lemmens", "gemeente", "beleidsadviseur OOV Eijsden-Margraten"),
            ("Nadia Kreutz", "gemeente", "beleidsadviseur veiligheid en jeugd Vaals"),
            ("Marc Houben", "politie", "teamchef basisteam Heuvelland"),
            ("Anke Vluggen", "brandweer", "adviseur Veiligheidsregio Zuid-Limburg"),
            ("mr. Tom Schreurs", "om", "officier van justitie, parket Limburg"),
        ):
            steps.werkgroep_member_add(
                actor=actor, project=project, name=name, organisation=organisation, role=role
            )
    with dated(project, day["startbijeenkomst"]):
        steps.meeting_add(
            actor=actor,
            project=project,
            date=day["startbijeenkomst"],
            title="Startbijeenkomst werkgroep Heuvelland",
            is_startbijeenkomst=True,
            agenda="1. Kennismaking\n2. Eén plan voor drie gemeenten: gedeeld en lokaal\n"
            "3. Planning per raad",
            minutes="De werkgroep spreekt af één analyse voor het hele basisteam te maken, "
            "met per gemeente een eigen hoofdstuk over de kernen. Elke raad besluit apart.",
            decisions="Elke gemeente levert haar eigen Veiligheidsmonitor 2023 aan.",
        )
    analysis_ensure(project=project)
    analysis_write(project, actor, when=day["analysis"])
    with dated(project, day["analysis"]):
        for gemeente in gemeenten:
            for document in ("analyse", "kadernota"):
                local_chapter_save(
                    actor=people[gemeente.cbs_code][Role.AMBTENAAR],
                    project=project,
                    gemeente=gemeente,
                    document=document,
                    **LOCAL[gemeente.cbs_code],
                )
    analysis = version_dated(project, actor, "analyse", day["analysis"])
    with dated(project, day["raad5"] + timedelta(days=7)):
        _goals(project, gemeenten, people)
    decided = {
        lead: ("RB 2026-061", Outcome.AANGENOMEN, ""),
        eijsden: ("RB 2026-058", Outcome.GEAMENDEERD, "Amendement A1 (kernen Eijsden en Mesch)."),
    }
    for gemeente in gemeenten:
        publication = publish_row(
            actor=actor,
            version=analysis,
            audience=Audience.RAAD,
            purpose=PublicationPurpose.BESLUITVORMING,
            step=5,
            when=day["s5"],
            decision_step=5,
            note=f"Het prioriteitenvoorstel voor de raad van {gemeente.name}.",
        )
        publication.gemeente = gemeente
        publication.save(update_fields=["gemeente"])
        if gemeente not in decided:
            continue  # Vaals: the raad decides next month
        number, outcome, notes = decided[gemeente]
        decision = _decision(
            project,
            gemeente,
            actor,
            step=5,
            day=day["raad5"],
            kind=DecisionKind.RAADSBESLUIT,
            number=number,
            outcome=outcome,
            notes=notes,
        )
        publication.decision = decision
        publication.save(update_fields=["decision"])
        if outcome == Outcome.GEAMENDEERD:
            Amendment.objects.create(
                decision=decision,
                number="A1",
                part="Prioriteit woninginbraak",
                text="Voeg toe: met extra aandacht voor de grenskernen Eijsden en Mesch.",
            )
    starts = {n: day[f"s{n}"] for n in range(1, 6)}
    steps_walk(project, actor, starts, {n: starts[n] + timedelta(days=14) for n in starts})
    Project.objects.filter(pk=project.pk).update(
        next_deadline=today + timedelta(days=30),
        next_deadline_label="Besluit raad Vaals over de prioriteiten",
    )


# The werkgroep's first goals: two for the whole plan, one Vaals wrote for itself alone
# (goal_scope.py). (priority code, description, maatregelen, partners, budget per year)
SHARED_GOALS = (
    (
        "3.1",
        "Minder overlast van jeugdgroepen in de kernen van Heuvelland",
        "Eén groepsaanpak voor het basisteam; jongerenwerk ook 's avonds in de grote kernen.",
        "Politie basisteam Heuvelland, jongerenwerk, Halt",
        60_000,
        ("rondhangende_jongeren", 6.0),
    ),
    (
        "5.2",
        "Ondermijning in het buitengebied eerder zien",
        "Eén ondermijningsoverleg voor de drie gemeenten; Bibob-beleid gelijkgetrokken.",
        "Politie, OM, RIEC Limburg",
        45_000,
        None,  # no Veiligheidsmonitor figure measures it; the RIEC's signals do
    ),
)
VAALS_GOAL = (
    "1.4",
    "Minder drugsoverlast in het centrum van Vaals",
    "Gezamenlijke aanpak met de gemeente Aken en de Duitse politie; camera's bij de grens.",
    "Politie, Stadt Aachen, Bundespolizei",
    25_000,
    ("drugshandel", 9.0),  # measured on Vaals's own Veiligheidsmonitor: 12,7 % in 2023
)


def _goals(project: Project, gemeenten: list[Gemeente], people: dict) -> None:
    """The shared goals by the penvoerder; Vaals's own goal by Vaals under its own URL."""
    lead, vaals = gemeenten[0], gemeenten[2]
    themes = {theme.code: theme for theme in priorities(project)}
    for gemeente, (code, description, maatregelen, partners, budget, measure) in (
        *((lead, goal) for goal in SHARED_GOALS),
        (vaals, VAALS_GOAL),
    ):
        if measure is not None:
            indicator, target = measure
            measure = {
                "indicator": Indicator.objects.get(code=indicator, gemeente=None),
                "target_value": target,
                "target_year": project.period_end,
            }
        steps.goal_add(
            actor=people[gemeente.cbs_code][Role.AMBTENAAR],
            project=project,
            theme=themes[code],
            description=description,
            maatregelen=maatregelen,
            partners=partners,
            budget=budget,
            funding="bestaand budget openbare orde en veiligheid",
            gemeente=vaals if gemeente == vaals else None,
            access_gemeente=gemeente,
            **(measure or {}),
        )


def demo_joint_load() -> list[str]:
    """Idempotent. Needs load_demo (the bureau). Run with scopes disabled: it spans three
    gemeenten."""
    if Project.objects.filter(name=PLAN_NAME).exists():
        return [f"Heuvelland: {PLAN_NAME} staat er al; niets gewijzigd."]
    if not Bureau.objects.filter(slug=DEMO_BUREAU_SLUG).exists():
        return ["Heuvelland: draai eerst load_demo."]
    adviseur = get_user_model().objects.get(email="adviseur@veilig-advies.nl")
    with transaction.atomic():
        gemeenten, people = _gemeenten_and_people()
        project = _plan(gemeenten, people, adviseur)
        heuvelland_police_units_load()
        for gemeente in gemeenten:
            heuvelland_benchmarks_load(project, gemeente, people[gemeente.cbs_code][Role.AMBTENAAR])
        _figures(project, gemeenten, people)  # before the analysis: its drafts use them all
        _story(project, gemeenten, people, timezone.localdate())
    joined = ProjectParticipant.objects.filter(project=project, status="deelnemer").count()
    return [
        f"Heuvelland: {PLAN_NAME}, gezamenlijk plan van {joined + 1} gemeenten, op stap 5 "
        "(aangenomen in 2 van 3 raden)."
    ]
