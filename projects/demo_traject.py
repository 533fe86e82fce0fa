"""The demo's shop window (`make run`, after load_demo and load_demo_survey): Almere's whole
traject through the raad, standing on step 12, and Amsterdam's analysis-only commission
(projects/demo_commission.py). Each story is one transaction and runs once: a second run finds
it done and changes nothing.

The step products go through their services (startnotitie, werkgroep, texts, goals, actions);
raad decisions, moties, publications and the controle are written as rows: the story lies in
the past, and those services date what they record today, check today's guards and the
closing date of a consultation, and send mails. Every date is relative to today
(projects/demo_dating.py)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from analysis.figures.constants import AreaKind
from analysis.figures.demo_survey import demo_wijk_roles
from analysis.models import AnalysisField, AnalysisTheme, Indicator, IndicatorResult
from analysis.narrative.services import field_status_set, priorities_save, theme_save
from kernbeleid.constants import (
    DecisionKind,
    KennisnameKind,
    MotieOutcome,
    Outcome,
)
from kernbeleid.models import (
    Action,
    Amendment,
    BeleidsvraagAnswer,
    BovenlokalePrioriteit,
    CollegeBesluit,
    ControleVraag,
    Goal,
    Kadernota,
    Motie,
    RaadDecision,
    RaadKennisname,
    StepRecord,
    StepTransition,
)
from kernbeleid.products import selectors as products
from kernbeleid.products import services as steps
from reports.blocks import HeadingBlock, ParagraphsBlock, Section
from reports.constants import Audience, DocumentKind, FinalKind, PublicationPurpose
from reports.kadernota_appendix import colofon_stamp
from reports.models import Publication, ReportVersion, ReviewComment
from reports.services import render_execute, version_finalize, version_for

from . import demo_kadernota_texts as nota_texts
from . import demo_traject_texts as texts
from .constants import ProjectScope
from .demo_dating import THURSDAY, TUESDAY, dated, days_ago, demo_user, history_moved, moment
from .demo_participatie import demo_participatie_load
from .models import Project
from .services import audit_record

ALMERE = "GM0034"


def demo_traject_load() -> list[str]:
    """Fill the demo stories that are not there yet; returns what it did, in Dutch. Needs the
    demo projects and their figures (load_demo, load_demo_survey). Run with scopes disabled:
    it spans two gemeenten."""
    from .demo_commission import demo_commission_load
    from .demo_confidential import demo_confidential_load
    from .demo_cycle import demo_cycle_documents_load, demo_cycle_load
    from .demo_goals import demo_goals_load
    from .demo_partners import demo_partners_load
    from .demo_privacy import demo_privacy_load

    done = []
    for where, story in (
        ("Almere", almere_traject_load),
        ("Amsterdam", demo_commission_load),
        ("Almere (partners)", demo_partners_load),
    ):
        try:
            done += story()
        except ValidationError as error:
            # A project someone already worked on by hand can refuse a step (a second
            # startbijeenkomst, say); its story is rolled back, the other one still loads.
            done.append(f"{where}: niet gevuld, want: {' '.join(error.messages)}")
    done += demo_confidential_load()  # issue 14: marks vertrouwelijk, after the story
    done += demo_privacy_load()  # issue 14: a deleted raw file (projects/demo_privacy.py)
    done += demo_goals_load()  # issue 15: goals on police figures, a wijk, an own registration
    done += demo_cycle_load()  # issue 16: the first plan, evaluated in the second
    done += demo_cycle_documents_load()  # issue 16: yearly documents, raadsvoorstel step 9
    from .demo_joint import demo_joint_load

    done += demo_joint_load()  # issue 19: a joint plan of three Heuvelland gemeenten
    return done


# --- shared by both stories -------------------------------------------------------------------


def html(text: str) -> str:
    return format_html("<p>{}</p>", text)


def analysis_write(project: Project, actor, *, when: date) -> None:
    """The werkgroep's texts per theme, its scores and three proposed priorities, and every
    field made definitief (the guard of step 4)."""
    words = texts.wijk_words(project.gemeente)
    themes = AnalysisTheme.objects.filter(field__project=project).select_related("field")
    with dated(project, when):
        for theme in themes:
            extra = texts.PRIORITY_THEMES.get(theme.code, {})
            written = {"knelpunten": html(texts.knelpunt(theme.code, project.gemeente))}
            for key in ("huidige_aanpak", "partners", "verbeterpunten", "bronnen"):
                if key in extra:
                    written[key] = html(extra[key].format(**words))
            theme_save(actor=actor, theme=theme, texts=written, base_version=theme.version)
        scores = {}
        criteria = ("omvang", "ernst", "trend", "beleving", "beinvloedbaarheid")
        for theme in themes:
            priority = texts.PRIORITY_THEMES.get(theme.code)
            values = priority["scores"] if priority else texts.OTHER_SCORES.get(theme.code)
            if values is None:
                continue
            scores[theme] = dict(zip(criteria, values, strict=True))
            if priority:
                scores[theme] |= {
                    "proposed_priority": True,
                    "priority_reasoning": priority["reasoning"].format(**words),
                }
        priorities_save(actor=actor, project=project, scores=scores)
        for field in AnalysisField.objects.filter(project=project):
            field_status_set(actor=actor, field=field, status="definitief")


def version_dated(project: Project, actor, document: str, when: date) -> ReportVersion:
    """The version of the content now, its cover dated on the day the story made it."""
    fresh = Project.objects.get(pk=project.pk)  # the snapshot reads project.kadernota afresh
    with dated(project, when):
        version = version_for(actor=actor, project=fresh, document=document)
    version.snapshot = colofon_stamp(dict(version.snapshot, date=when.isoformat()))
    ReportVersion.objects.filter(pk=version.pk).update(snapshot=version.snapshot)
    return version


def comment_row(
    *, actor, version: ReportVersion, section_key: str, body: str, parent=None
) -> ReviewComment:
    """A question on a section of a version, or the answer to one, as comment_add writes it.
    Written as a row: the consultation it belonged to has closed since, and the review
    service may come to refuse questions after the closing date."""
    # A row, not comment_add: the consultation has closed since (see the docstring).
    if section_key not in {section["key"] for section in version.snapshot["sections"]}:
        raise ValueError(f"{version} has no section {section_key}")
    comment = ReviewComment.objects.create(
        version=version,
        section_key=section_key,
        author=actor,
        author_label=actor.display_name(version.project.gemeente),
        body=body,
        parent=parent,
    )
    audit_record(
        actor=actor,
        action="antwoord gegeven" if parent else "vraag gesteld",
        obj=comment,
        project=version.project,
        detail={"versie": version.label, "hoofdstuk": section_key},
    )
    return comment


def renders_make(final: ReportVersion) -> None:
    """The PDF and DOCX that version_finalize requested, made here and now, so the demo has
    its files whether or not a worker runs (render_execute is idempotent: the queued task
    finds them done)."""
    for run in final.renders.all():
        render_execute(run=run)


def publish_row(
    *,
    actor,
    version: ReportVersion,
    audience: str,
    purpose: str,
    step: int,
    when: date,
    closes_on: date | None = None,
    decision_step: int | None = None,
    note: str = "",
) -> Publication:
    # A row, not publish: dated in the story's past, and the demo mails nobody.
    with dated(version.project, when) as at:
        publication = Publication.objects.create(
            version=version,
            audience=audience,
            purpose=purpose,
            closes_on=closes_on,
            decision_step=decision_step,
            note=note,
            step=step,
            published_by=actor,
            # The mails went out then: the mail job must not send them again today.
            notified_at=at,
            reminder_sent_at=at if closes_on else None,
        )
        audit_record(
            actor=actor,
            action="versie gepubliceerd",
            obj=version,
            project=version.project,
            detail={
                "versie": version.label,
                "voor": publication.get_audience_display(),
                "doel": publication.get_purpose_display(),
                **({"vragen tot en met": closes_on.isoformat()} if closes_on else {}),
            },
        )
    return publication


def steps_walk(project: Project, actor, starts: dict[int, date], planned: dict[int, date]):
    """The step records and moves of a traject that went from step to step on these dates:
    step n started on starts[n] and was done when the next one started."""
    # The workflow's own moves (project_advance) check today's guards; the demo writes its
    # history directly.
    numbers = sorted(starts)
    for index, number in enumerate(numbers):
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        StepRecord.objects.filter(project=project, step=number).update(
            started_at=moment(starts[number], 9),
            completed_at=moment(starts[following], 9) if following else None,
            planned_end=planned.get(number),
        )
        if following is None:
            continue
        with dated(project, starts[following], 9):
            StepTransition.objects.create(
                project=project, from_step=number, to_step=following, actor=actor
            )
            audit_record(
                actor=actor,
                action="volgende stap",
                obj=project,
                project=project,
                detail={"van": number, "naar": following},
            )
    Project.objects.filter(pk=project.pk).update(current_step=numbers[-1])


# --- Almere: the whole traject ------------------------------------------------------------------


@dataclass(frozen=True)
class People:
    ambtenaar: object
    adviseur: object
    partner: object


def almere_traject_load() -> list[str]:
    project = (
        Project.objects.filter(
            gemeente__cbs_code=ALMERE, scope=ProjectScope.KERNBELEID, successors__isnull=True
        )
        .order_by("created_at")
        .first()
    )
    if project is None:
        return ["Almere: geen demoproject gevonden; draai eerst load_demo."]
    if project.raad_decisions.exists() or project.current_step != 4:
        return [f"Almere: {project.name} is al verder; niets gewijzigd."]
    if not project.editions.exists():
        return ["Almere: nog geen cijfers; draai eerst load_demo_survey."]
    slug = project.gemeente.slug
    people = People(
        ambtenaar=demo_user(f"ambtenaar@{slug}.demo.nl"),
        adviseur=demo_user("adviseur@veilig-advies.nl"),
        partner=demo_user(f"partner@{slug}.demo.nl"),
    )
    with transaction.atomic():
        _almere(project, people, timezone.localdate())
    return [f"Almere: {project.name} doorloopt het hele traject en staat op stap 12."]


def _almere(project: Project, people: People, today: date) -> None:
    day = {  # the story's dates, days before today (the raad meets on Thursday)
        "s1": days_ago(today, 540),
        "startnotitie": days_ago(today, 530),
        "rib": days_ago(today, 512, THURSDAY),
        "s2": days_ago(today, 505),
        "werkgroep": days_ago(today, 495),
        "s3": days_ago(today, 490),
        "startbijeenkomst": days_ago(today, 478, TUESDAY),
        "s4": days_ago(today, 470),
        "werksessie": days_ago(today, 432, TUESDAY),
        "analysis": days_ago(today, 405),
        "consultation": days_ago(today, 404),
        "comment": days_ago(today, 398),
        "comment2": days_ago(today, 395),
        "answer": days_ago(today, 392),
        "concept2": days_ago(today, 386),
        "s5": days_ago(today, 385),
        "decision5": days_ago(today, 350, THURSDAY),
        "s6": days_ago(today, 344),
        "answers6": days_ago(today, 330),
        "s7": days_ago(today, 326),
        "kadernota": days_ago(today, 300),
        "s8": days_ago(today, 295),
        "draagvlak": days_ago(today, 276),
        "kadernota2": days_ago(today, 268),
        "s9": days_ago(today, 266),
        "decision9": days_ago(today, 232, THURSDAY),
        "s10": days_ago(today, 226),
        "actions": days_ago(today, 205),
        "motie9_done": days_ago(today, 190),
        "college": days_ago(today, 178, TUESDAY),
        "s11": days_ago(today, 176),
        "kennisname": days_ago(today, 150, THURSDAY),
        "s12": days_ago(today, 140),
        "vraag_answered": days_ago(today, 128),
        "progress": days_ago(today, 15),
    }
    actor = people.ambtenaar
    history_moved(project, created=day["s1"], figures=day["s4"] + timedelta(days=7))
    _start(project, actor, day)
    analysis = _analysis(project, people, day)
    _priorities_decided(project, actor, analysis, day)
    kadernota = _kadernota(project, actor, day)
    _kadernota_decided(project, actor, kadernota, day)
    year = _programme(project, actor, day, today)
    starts = {n: day[f"s{n}"] for n in range(1, 13)}
    # Planned against actual: the analysis and the kadernota ran late, the rest held.
    slack = {1: 7, 2: 3, 3: 5, 4: -21, 5: 0, 6: 4, 7: -10, 8: 2, 9: 1, 10: -7, 11: 3}
    planned = {n: starts[n + 1] + timedelta(days=slack[n]) for n in range(1, 12)}
    planned[12] = date(year + 1, 3, 1)
    steps_walk(project, actor, starts, planned)
    Project.objects.filter(pk=project.pk).update(
        next_deadline=planned[12],
        next_deadline_label=f"Voortgangsrapportage uitvoeringsprogramma {year} aan de raad",
    )
    from .demo_annex import demo_annex_load  # issue 14: the besloten bijlage, if any

    demo_annex_load(project)


def _start(project: Project, actor, day: dict[str, date]) -> None:
    """Steps 1 to 3: the startnotitie and the raadsinformatiebrief, the werkgroep, the
    startbijeenkomst."""
    with dated(project, day["startnotitie"]):
        steps.startnotitie_save(actor=actor, project=project, **texts.STARTNOTITIE)
    with dated(project, day["rib"]):
        # A row: raad_decision_record dates its checks today and moves the project now.
        brief = RaadDecision.objects.create(
            project=project,
            step=1,
            kind=DecisionKind.INFORMATIEBRIEF,
            date=day["rib"],
            number=f"RIB {day['rib'].year}-041",
            notes=texts.RIB_NOTES,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="raadsinformatiebrief vastgelegd",
            obj=brief,
            project=project,
            detail={"stap": 1, "kenmerk": brief.number, "datum": brief.date.isoformat()},
        )
    with dated(project, day["werkgroep"]):
        for name, organisation, organisation_name, role in texts.WERKGROEP:
            steps.werkgroep_member_add(
                actor=actor,
                project=project,
                name=name,
                organisation=organisation,
                organisation_name=organisation_name,
                role=role,
            )
    with dated(project, day["startbijeenkomst"]):
        steps.meeting_add(
            actor=actor,
            project=project,
            date=day["startbijeenkomst"],
            is_startbijeenkomst=True,
            **texts.STARTBIJEENKOMST,
        )


def _answer_beleidsvragen(project: Project, actor, groups: tuple[str, ...]) -> None:
    answers = {
        str(question.uuid): texts.BELEIDSVRAAG_ANSWERS[question.question]
        for question in BeleidsvraagAnswer.objects.filter(project=project, group__in=groups)
        if question.question in texts.BELEIDSVRAAG_ANSWERS
    }
    steps.beleidsvragen_answer(actor=actor, project=project, answers=answers)


def _analysis(project: Project, people: People, day: dict[str, date]) -> ReportVersion:
    """Step 4: the analysis written and definitief, consulted with the werkgroep (the partner
    asks, the ambtenaar answers and adapts a text), and the concept that goes to the raad."""
    actor = people.ambtenaar
    with dated(project, day["werksessie"]):
        steps.meeting_add(actor=actor, project=project, date=day["werksessie"], **texts.WERKSESSIE)
    demo_participatie_load(project, actor, before=day["analysis"])
    analysis_write(project, people.adviseur, when=day["analysis"])
    _coverage_set(project, actor, when=day["analysis"])
    with dated(project, day["analysis"]):
        _answer_beleidsvragen(project, actor, ("visie", "veiligheidsanalyse", "prioriteiten"))
    concept = version_dated(project, people.adviseur, DocumentKind.ANALYSE, day["consultation"])
    publish_row(
        actor=actor,
        version=concept,
        audience=Audience.WERKGROEP,
        purpose=PublicationPurpose.CONSULTATIE,
        step=4,
        when=day["consultation"],
        closes_on=day["consultation"] + timedelta(days=14),
        note="Graag uw reactie op de concept-veiligheidsanalyse, vóór de werksessie.",
    )
    questions = []
    for key, (section, body) in zip(("comment", "comment2"), texts.ANALYSIS_COMMENTS, strict=True):
        with dated(project, day[key], 14):
            questions.append(
                comment_row(actor=people.partner, version=concept, section_key=section, body=body)
            )
    with dated(project, day["answer"]):
        comment_row(
            actor=actor,
            version=concept,
            section_key=questions[0].section_key,
            body=texts.ANALYSIS_ANSWER,
            parent=questions[0],
        )
    theme = AnalysisTheme.objects.get(field__project=project, code="3.3")
    with dated(project, day["concept2"]):
        theme_save(
            actor=actor,
            theme=theme,
            texts={
                "knelpunten": html(
                    texts.KNELPUNTEN_33_AFTER_CONSULTATION.format(
                        **texts.wijk_words(project.gemeente)
                    )
                ),
            },
            base_version=theme.version,
            note="reactie politie uit de consultatie verwerkt",
        )
    return version_dated(project, actor, DocumentKind.ANALYSE, day["concept2"])


def _motie(project: Project, actor, *, step: int, number: str, spec: dict, deadline: date, **link):
    motie = Motie.objects.create(
        project=project,
        step=step,
        number=number,
        title=spec["title"],
        text=spec["text"],
        outcome=MotieOutcome.AANGENOMEN,
        asks_action=True,
        task_deadline=deadline,
        task_owner=spec["owner"],
        recorded_by=actor,
        **link,
    )
    audit_record(
        actor=actor,
        action="motie vastgelegd",
        obj=motie,
        project=project,
        detail={
            "stap": step,
            "uitkomst": motie.get_outcome_display(),
            "uiterlijk": deadline.isoformat(),
        },
    )
    return motie


def _decision(project: Project, actor, *, step: int, day: date, number: str, outcome: str, notes):
    # A row: raad_decision_record dates its checks today and moves the project now.
    decision = RaadDecision.objects.create(
        project=project,
        step=step,
        kind=DecisionKind.RAADSBESLUIT,
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
        detail={
            "stap": step,
            "uitkomst": decision.get_outcome_display(),
            "besluitnummer": number,
            "datum": day.isoformat(),
        },
    )
    return decision


def _priorities_decided(project, actor, analysis: ReportVersion, day: dict[str, date]) -> None:
    """Step 5: the concept analysis with the proposed priorities ter besluitvorming to the
    raad, adopted, with a motie that asks the college something (still open)."""
    publication = publish_row(
        actor=actor,
        version=analysis,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
        decision_step=5,
        step=5,
        when=day["s5"],
        note="Raadsvoorstel: vaststelling van de prioriteiten van het veiligheidsplan.",
    )
    with dated(project, day["decision5"], 22):
        decision = _decision(
            project,
            actor,
            step=5,
            day=day["decision5"],
            number=f"RB {day['decision5'].year}-112",
            outcome=Outcome.AANGENOMEN,
            notes="De raad stelt de drie prioriteiten vast: veiligheidsgevoel (focuswijk "
            "Almere Haven), jeugdoverlast en ondermijning.",
        )
        Publication.objects.filter(pk=publication.pk).update(decision=decision)
        _motie(
            project,
            actor,
            step=5,
            number=f"M{day['decision5'].year}-37",
            spec=texts.MOTIE_5,
            deadline=timezone.localdate() + timedelta(days=75),
            decision=decision,
        )


def _kadernota(project: Project, actor, day: dict[str, date]) -> ReportVersion:
    """Steps 6 to 8: aanpak and borging, the kadernota with its goals, consulted with the
    werkgroep; the partners' draagvlak, and the concept that goes to the raad."""
    with dated(project, day["answers6"]):
        _answer_beleidsvragen(project, actor, ("aanpak", "borging"))
    words = texts.wijk_words(project.gemeente) | _kadernota_figures(project)
    nota = {
        key: text.format(**words)
        for key, text in nota_texts.KADERNOTA.items()
        if not key.endswith("_after_draagvlak")
    }
    with dated(project, day["kadernota"]):
        _kadernota_save(project, actor, nota)
        _bovenlokaal(project, actor)
        _goals(project, actor)
    concept = version_dated(project, actor, DocumentKind.KADERNOTA, day["s8"])
    publish_row(
        actor=actor,
        version=concept,
        audience=Audience.WERKGROEP,
        purpose=PublicationPurpose.CONSULTATIE,
        step=8,
        when=day["s8"],
        closes_on=day["s8"] + timedelta(days=21),
        note="Check op draagvlak: graag de reactie van uw organisatie per onderdeel.",
    )
    with dated(project, day["draagvlak"]):
        steps.draagvlak_save(actor=actor, project=project, entries=list(texts.DRAAGVLAK))
    nota["borging"] += nota_texts.KADERNOTA["borging_after_draagvlak"]
    with dated(project, day["kadernota2"]):
        _kadernota_save(project, actor, nota)
    return version_dated(project, actor, DocumentKind.KADERNOTA, day["kadernota2"])


def _kadernota_save(project: Project, actor, nota: dict[str, str]) -> None:
    """Every chapter of the kadernota at once. kadernota_save still takes the four chapters
    its form had before issue 13 (the form and its service grow in the "editing" part), so the
    demo saves through the helper that service uses: the same row, the same audit entry."""
    steps._project_text_save(actor=actor, project=project, model=Kadernota, values=nota)


def _kadernota_figures(project: Project) -> dict[str, str]:
    """The key figures the chapters quote, from the demo's own results (one decimal, as the
    tables show them)."""
    roles = demo_wijk_roles(project.gemeente.cbs_code)
    figures = {}
    for key, code, role, year in nota_texts.FIGURES:
        where = {"area__code": roles[role][0]} if role else {"area__kind": AreaKind.GEMEENTE}
        result = IndicatorResult.objects.get(
            edition__projects=project,
            edition__year=year,
            indicator__code=code,
            indicator__gemeente=None,
            area__gemeente=project.gemeente,
            **where,
        )
        figures[key] = f"{result.estimate:.1f} procent".replace(".", ",")
    return figures


def _bovenlokaal(project: Project, actor) -> None:
    """The priorities of the eenheid, the basisteam, the RIEC and the veiligheidsregio that
    the kadernota lists above its own, each with its source."""
    # Rows: the service for this list comes with its form (the "editing" part of issue 13).
    for position, (niveau, title, description, source) in enumerate(nota_texts.BOVENLOKAAL):
        prioriteit = BovenlokalePrioriteit.objects.create(
            project=project,
            niveau=niveau,
            title=title,
            description=description,
            source=source,
            position=position,
        )
        audit_record(
            actor=actor,
            action="bovenlokale prioriteit toegevoegd",
            obj=prioriteit,
            project=project,
            detail={"niveau": prioriteit.get_niveau_display(), "bron": source},
        )


def _coverage_set(project: Project, actor, *, when: date) -> None:
    """The themes Almere does not work out: basisniveau or niet van toepassing, each with its
    reason, so the kadernota lists them instead of dropping them."""
    # Rows: the service for the coverage comes with its form (the "editing" part of issue 13).
    with dated(project, when):
        for code, coverage, reasoning in nota_texts.COVERAGE:
            theme = AnalysisTheme.objects.get(field__project=project, code=code)
            AnalysisTheme.objects.filter(pk=theme.pk).update(
                coverage=coverage, coverage_reasoning=reasoning
            )
            audit_record(
                actor=actor,
                action="uitwerking thema gewijzigd",
                obj=theme,
                project=project,
                detail={"thema": theme.name, "uitwerking": coverage.label},
            )


def _goals(project: Project, actor) -> None:
    """The goals under the priorities; the baseline is the gemeente's latest figure, the
    target a realistic step from it in 2029 (the VM edition before the period ends), with the
    budget per year and its dekking."""
    themes = {theme.code: theme for theme in products.priorities(project)}
    for (
        code,
        description,
        indicator_code,
        change,
        maatregelen,
        partners,
        budget,
        funding,
    ) in nota_texts.GOALS:
        indicator = (
            Indicator.objects.get(code=indicator_code, gemeente=None) if indicator_code else None
        )
        target = None
        if indicator is not None:
            baseline = products.baseline_result(project, indicator)
            target = round(baseline.estimate + change, 1)
        goal = steps.goal_add(
            actor=actor,
            project=project,
            theme=themes[code],
            description=description,
            indicator=indicator,
            target_value=target,
            target_year=2029 if indicator else None,
            maatregelen=maatregelen,
            partners=partners,
        )
        # Rows: goal_add takes the budget and dekking once its form does ("editing" part).
        Goal.objects.filter(pk=goal.pk).update(budget=budget, funding=funding)
        audit_record(
            actor=actor,
            action="doel gewijzigd",
            obj=goal,
            project=project,
            detail={"budget per jaar": budget, "dekking": funding},
        )


def _kadernota_decided(project, actor, concept: ReportVersion, day: dict[str, date]) -> None:
    """Step 9: the kadernota ter besluitvorming, adopted with amendment A1 (a bijlage of the
    vastgestelde version, with its PDF and DOCX), and a motie whose task is done."""
    publication = publish_row(
        actor=actor,
        version=concept,
        audience=Audience.RAAD,
        purpose=PublicationPurpose.BESLUITVORMING,
        decision_step=9,
        step=9,
        when=day["s9"],
        note="Raadsvoorstel: vaststelling van de kadernota integrale veiligheid 2027-2030.",
    )
    spec = texts.AMENDMENT
    with dated(project, day["decision9"], 22):
        decision = _decision(
            project,
            actor,
            step=9,
            day=day["decision9"],
            number=f"RB {day['decision9'].year}-057",
            outcome=Outcome.GEAMENDEERD,
            notes=f"Aangenomen met amendement {spec['number']} ({spec['part']}).",
        )
        Amendment.objects.create(
            decision=decision, number=spec["number"], part=spec["part"], text=spec["text"]
        )
        Publication.objects.filter(pk=publication.pk).update(decision=decision)
        motie = _motie(
            project,
            actor,
            step=9,
            number=f"M{day['decision9'].year}-21",
            spec=texts.MOTIE_9,
            deadline=day["decision9"] + timedelta(days=182),
            decision=decision,
        )
    appendix = Section(
        key="bijlage-amendementen",
        title="Bijlage: amendementen",
        numbered=False,
        blocks=[
            HeadingBlock(f"Amendement {spec['number']}: {spec['part']}"),
            ParagraphsBlock(
                [
                    spec["text"],
                    f"{spec['toelichting']} Raadsbesluit {decision.number} van "
                    f"{date_format(decision.date, 'j F Y')}.",
                ]
            ),
        ],
    )
    with dated(project, day["decision9"] + timedelta(days=1)):
        final = version_finalize(
            actor=actor,
            version=concept,
            finalized_as=FinalKind.RAAD,
            decision=decision,
            appendix=[appendix],
        )
        final.snapshot = colofon_stamp(dict(final.snapshot, date=day["decision9"].isoformat()))
        ReportVersion.objects.filter(pk=final.pk).update(snapshot=final.snapshot)
        renders_make(final)
    for audience in (Audience.RAAD, Audience.WERKGROEP):
        publish_row(
            actor=actor,
            version=final,
            audience=audience,
            purpose=PublicationPurpose.INFORMATIE,
            step=10,
            when=day["s10"],
            note="De kadernota zoals de raad haar vaststelde, met het amendement als bijlage.",
        )
    with dated(project, day["motie9_done"]) as at:
        Motie.objects.filter(pk=motie.pk).update(
            task_done_at=at, task_done_note=texts.MOTIE_9["done_note"]
        )
        audit_record(
            actor=actor,
            action="motie afgehandeld",
            obj=motie,
            project=project,
            detail={"hoe": texts.MOTIE_9["done_note"]},
        )


def _programme(project: Project, actor, day: dict[str, date], today: date) -> int:
    """Steps 10 to 12: the college's uitvoeringsprogramma for the first year, the raad's
    controle (kennisname, questions, a motie), and the progress so far. Returns its year."""
    year = min(max(today.year, project.period_start), project.period_end)
    goals = list(project.goals.order_by("id"))
    actions: list[tuple[Action, str, str]] = []
    with dated(project, day["actions"]):
        for title, owner, partners, budget, goal, early, status, progress in texts.ACTIONS:
            action = steps.action_add(
                actor=actor,
                project=project,
                year=year,
                title=title,
                owner=owner,
                partners=partners,
                budget=budget,
                # Some actions started before the year, on the college's go-ahead.
                start=day["s12"] if early else date(year, 2, 1),
                end=date(year, 12, 31),
                goal=goals[goal] if goal is not None else None,
            )
            actions.append((action, status, progress))
    with dated(project, day["college"]):
        # Rows, here and below: the controle's services check dates against today.
        besluit = CollegeBesluit.objects.create(
            project=project,
            year=year,
            date=day["college"],
            number=f"B&W {day['college'].year}-014",
            notes=texts.COLLEGE_NOTES.format(year=year),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="collegebesluit vastgelegd",
            obj=besluit,
            project=project,
            detail={"jaar": year, "besluitnummer": besluit.number},
        )
    _controle(project, actor, besluit, day)
    with dated(project, day["progress"]):
        for action, status, progress in actions:
            if progress:
                steps.action_progress_report(
                    actor=actor,
                    project=project,
                    action=action,
                    year=year,
                    text=progress,
                    status=status,
                )
    return year


def _controle(project: Project, actor, besluit: CollegeBesluit, day: dict[str, date]) -> None:
    kennisname_day = day["kennisname"]
    with dated(project, kennisname_day, 21):
        kennisname = RaadKennisname.objects.create(
            project=project,
            college_besluit=besluit,
            kind=KennisnameKind.COMMISSIE,
            date=kennisname_day,
            reference=f"Commissie Bestuur en Middelen {kennisname_day:%d-%m-%Y}",
            notes=texts.KENNISNAME_NOTES,
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="kennisname vastgelegd",
            obj=kennisname,
            project=project,
            detail={"jaar": besluit.year, "vorm": kennisname.get_kind_display()},
        )
        questions = [
            ControleVraag.objects.create(kennisname=kennisname, asked_by=who, question=question)
            for who, question, _answer in texts.CONTROLE_VRAGEN
        ]
        _motie(
            project,
            actor,
            step=11,
            number=f"M{kennisname_day.year}-64",
            spec=texts.MOTIE_11,
            deadline=timezone.localdate() + timedelta(days=40),
            kennisname=kennisname,
        )
    with dated(project, day["vraag_answered"]) as at:
        for question, (_who, _question, answer) in zip(
            questions, texts.CONTROLE_VRAGEN, strict=True
        ):
            if answer:
                ControleVraag.objects.filter(pk=question.pk).update(answer=answer, answered_at=at)
                audit_record(
                    actor=actor,
                    action="vraag van de raad beantwoord",
                    obj=question,
                    project=project,
                    detail={"gesteld door": question.asked_by},
                )
