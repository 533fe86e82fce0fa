"""Step 12, the yearly cycle: goals measured against new editions, yearly progress,
deadlines and the reminder mails."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from analysis.figures.constants import AreaKind, Direction, Series
from analysis.models import (
    AnalysisTheme,
    Area,
    ImportRun,
    Indicator,
    IndicatorResult,
    ProjectEdition,
    SurveyEdition,
)
from analysis.narrative import services as va_services
from kernbeleid import workflow
from kernbeleid.constants import ActionStatus, GoalStatus
from kernbeleid.cycle import goal_status, selectors, services
from kernbeleid.models import (
    Action,
    ActionProgress,
    CollegeBesluit,
    Goal,
    GoalMeasurement,
    ReminderSent,
    StepRecord,
)
from kernbeleid.tasks import send_deadline_reminders
from projects.constants import Role
from tests.factories import MembershipFactory, ProjectFactory, UserFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# --- Figures built by hand ------------------------------------------------------------


class Figures:
    """Editions and gemeente-wide results of one project, without a file import."""

    def __init__(self, project):
        self.project = project
        gemeente = project.gemeente
        self.area = Area.objects.create(
            gemeente=gemeente, code=gemeente.cbs_code, name=gemeente.name, kind=AreaKind.GEMEENTE
        )
        self.wijk = Area.objects.create(
            gemeente=gemeente, code="WK036300", name="Centrum", kind=AreaKind.WIJK
        )
        self.editions: dict[int, SurveyEdition] = {}

    def edition(self, year: int) -> SurveyEdition:
        if year not in self.editions:
            run = ImportRun.objects.create(
                project=self.project,
                kind="survey",
                status="done",
                original_name=f"vm{year}.csv",
                year=year,
            )
            self.editions[year] = SurveyEdition.objects.create(
                gemeente=self.project.gemeente,
                year=year,
                series=Series.for_year(year),
                import_run=run,
                respondents=1000,
                weight_column="weegfactor",
            )
            ProjectEdition.objects.create(
                project=self.project, edition=self.editions[year], year=year
            )
        return self.editions[year]

    def result(self, code, year, estimate, *, se=1.0, suppressed=False, area=None):
        return IndicatorResult.objects.create(
            edition=self.edition(year),
            indicator=Indicator.objects.get(code=code, gemeente=None),
            area=area or self.area,
            estimate=None if suppressed else estimate,
            se=None if suppressed else se,
            n=1000,
            n_eff=800.0,
            suppressed=suppressed,
        )


def make_goal(project, code="voelt_zich_weleens_onveilig", **values) -> Goal:
    va_services.analysis_ensure(project=project)
    theme = AnalysisTheme.objects.filter(field__project=project).order_by("id").first()
    defaults = {
        "indicator": Indicator.objects.get(code=code, gemeente=None),
        "baseline_year": 2021,
        "baseline_value": 30.0,
        "target_value": 25.0,
        "target_year": 2025,
    }
    return Goal.objects.create(
        project=project,
        theme=theme,
        description="Minder inwoners voelen zich weleens onveilig",
        **(defaults | values),
    )


@pytest.fixture
def figures(world):
    return Figures(world.project)


ONVEILIG = "voelt_zich_weleens_onveilig"


def measurement(goal, year) -> GoalMeasurement:
    return GoalMeasurement.objects.get(goal=goal, edition__year=year)


# --- Goal measurement -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "suppressed", "status", "significant"),
    [
        # The line from 30 (2021) to 25 (2025) stands at 27.5 in 2023 (half-time).
        # se 1.0 on both sides: z = (27 - 30) / sqrt(2) = -2.12, significant.
        (27.0, False, GoalStatus.ON_TRACK, True),
        # z = -1 / sqrt(2) = -0.71: towards the target, but behind the line at half-time.
        (29.0, False, GoalStatus.BEHIND, False),
        (24.0, False, GoalStatus.ACHIEVED, True),
        (27.5, False, GoalStatus.ON_TRACK, False),  # on the line; z = -1.77
        (None, True, GoalStatus.UNKNOWN, None),
    ],
)
def test_goal_measured_at_half_time(figures, value, suppressed, status, significant):
    goal = make_goal(figures.project)
    figures.result(ONVEILIG, 2021, 30.0)
    figures.result(ONVEILIG, 2023, value, suppressed=suppressed)
    figures.result(ONVEILIG, 2023, 50.0, area=figures.wijk)  # a wijk never counts

    assert services.goals_measure(project=figures.project) == 1

    stored = measurement(goal, 2023)
    assert stored.value == value
    assert stored.status == status
    assert stored.significant_vs_baseline is significant


@pytest.mark.parametrize(
    ("year", "value", "status"),
    [
        (2022, 31.0, GoalStatus.ON_TRACK),  # z = 0.71: not significantly worse, early
        (2022, 33.0, GoalStatus.BEHIND),  # z = 2.12: significantly the wrong way
        (2024, 26.0, GoalStatus.ON_TRACK),  # line at 3/4 of the time: 26.25
        (2024, 26.5, GoalStatus.BEHIND),
        (2025, 26.0, GoalStatus.BEHIND),  # target year reached, target not
        (2027, 25.0, GoalStatus.ACHIEVED),  # after the target year, target reached
    ],
)
def test_goal_status_over_the_period(figures, year, value, status):
    goal = make_goal(figures.project)
    figures.result(ONVEILIG, 2021, 30.0)
    figures.result(ONVEILIG, year, value)
    services.goals_measure(project=figures.project)
    assert measurement(goal, year).status == status


def test_no_test_across_a_series_break(figures):
    """Baseline 2019 (VM 2012-2019), measured in 2021 (new design): never tested."""
    goal = make_goal(figures.project, baseline_year=2019, target_year=2023)
    figures.result(ONVEILIG, 2019, 30.0, se=0.1)
    figures.result(ONVEILIG, 2021, 27.0, se=0.1)  # z would be 21: clearly "significant"
    assert figures.editions[2019].series != figures.editions[2021].series

    services.goals_measure(project=figures.project)

    stored = measurement(goal, 2021)
    assert stored.value == 27.0
    assert stored.significant_vs_baseline is None
    assert stored.status == GoalStatus.ON_TRACK  # half-time line 27.5, and 27 is better


def test_without_baseline_edition_value_is_still_judged(figures):
    goal = make_goal(figures.project)
    figures.result(ONVEILIG, 2023, 27.0)
    services.goals_measure(project=figures.project)
    stored = measurement(goal, 2023)
    assert stored.significant_vs_baseline is None
    assert stored.status == GoalStatus.ON_TRACK


def test_baseline_value_taken_from_the_baseline_edition(figures):
    goal = make_goal(figures.project, baseline_value=None)
    figures.result(ONVEILIG, 2021, 30.0)
    figures.result(ONVEILIG, 2023, 29.0)
    services.goals_measure(project=figures.project)
    assert measurement(goal, 2023).status == GoalStatus.BEHIND


@pytest.mark.parametrize(
    ("value", "status"),
    [(7.0, GoalStatus.ON_TRACK), (6.9, GoalStatus.BEHIND), (7.3, GoalStatus.ACHIEVED)],
)
def test_higher_is_better(figures, value, status):
    """Rapportcijfer 6.8 (2021) to 7.2 (2025): the line stands at 7.0 in 2023."""
    goal = make_goal(
        figures.project,
        code="rapportcijfer_veiligheid_buurt",
        baseline_value=6.8,
        target_value=7.2,
    )
    figures.result("rapportcijfer_veiligheid_buurt", 2021, 6.8, se=0.05)
    figures.result("rapportcijfer_veiligheid_buurt", 2023, value, se=0.05)
    services.goals_measure(project=figures.project)
    assert measurement(goal, 2023).status == status


@pytest.mark.parametrize(
    ("baseline", "target", "value", "status"),
    [
        (2.0, 3.0, 2.6, GoalStatus.ON_TRACK),  # up is good: line 2.5
        (2.0, 3.0, 2.4, GoalStatus.BEHIND),
        (3.0, 2.0, 2.4, GoalStatus.ON_TRACK),  # down is good: line 2.5
        (3.0, 2.0, 1.9, GoalStatus.ACHIEVED),
        (2.0, 2.0, 2.0, GoalStatus.UNKNOWN),  # a neutral goal that points nowhere
    ],
)
def test_neutral_indicator_follows_the_goal(baseline, target, value, status):
    assert (
        goal_status.goal_status(
            value=value,
            baseline=baseline,
            target=target,
            direction=Direction.NEUTRAL,
            year=2023,
            baseline_year=2021,
            target_year=2025,
            significant=None,
        )
        == status
    )


def test_goals_measure_is_idempotent_and_follows_changes(figures):
    goal = make_goal(figures.project)
    figures.result(ONVEILIG, 2021, 30.0)
    later = figures.result(ONVEILIG, 2023, 27.0)
    figures.result(ONVEILIG, 2025, 24.0)
    unmeasured = make_goal(figures.project, indicator=None)

    assert services.goals_measure(project=figures.project) == 2
    assert services.goals_measure(project=figures.project) == 0
    assert GoalMeasurement.objects.count() == 2
    assert not unmeasured.measurements.exists()

    later.estimate = 29.0
    later.save()
    assert services.goals_measure(project=figures.project) == 1
    assert measurement(goal, 2023).status == GoalStatus.BEHIND

    goal.baseline_year = 2023  # a new baseline: the 2023 measurement no longer applies
    goal.save()
    services.goals_measure(project=figures.project)
    assert list(goal.measurements.values_list("edition__year", flat=True)) == [2025]


def test_every_import_measures_the_goals(figures):
    from analysis.figures.services import comparisons_refresh

    goal = make_goal(figures.project)
    figures.result(ONVEILIG, 2021, 30.0)
    figures.result(ONVEILIG, 2023, 27.0)
    comparisons_refresh(project=figures.project)
    assert measurement(goal, 2023).status == GoalStatus.ON_TRACK


# --- Pages ----------------------------------------------------------------------------


def cycle_url(world, name):
    return reverse(
        f"kernbeleid:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid},
    )


def test_goals_page_shows_measurements_and_actions(world, figures):
    goal = make_goal(world.project)
    separate = make_goal(world.project, baseline_year=2019, target_year=2023)
    separate.description = "Doel over een trendbreuk"
    separate.save()
    figures.result(ONVEILIG, 2019, 31.0)
    figures.result(ONVEILIG, 2021, 30.0)
    figures.result(ONVEILIG, 2023, 27.0)
    services.goals_measure(project=world.project)
    Action.objects.create(
        project=world.project, year=2027, title="Buurtpreventie-apps", owner="Gemeente", goal=goal
    )

    page = world.client("ambtenaar").get(cycle_url(world, "goals")).content.decode()

    assert page.count("<h1") == 1
    assert "Minder inwoners voelen zich weleens onveilig" in page
    assert "30,0%" in page and "25,0%" in page and "27,0%" in page
    assert "op koers" in page and "significant" in page
    assert "niet getoetst: trendbreuk" in page
    assert "Buurtpreventie-apps" in page
    assert 'aria-label="Kruimelpad"' in page


def test_progress_page_shows_actions_per_year(world):
    done = Action.objects.create(
        project=world.project,
        year=2027,
        title="Cameratoezicht evalueren",
        owner="Team OOV",
        status=ActionStatus.GEREED,
    )
    Action.objects.create(
        project=world.project, year=2027, title="Woninginbraak-campagne", owner="Politie"
    )
    ActionProgress.objects.create(
        action=done, year=2027, text="Evaluatie naar de raad gestuurd.", status="gereed"
    )

    page = world.client("ambtenaar").get(cycle_url(world, "progress")).content.decode()

    assert page.count("<h1") == 1
    for year in range(2027, 2031):
        assert f'id="jaar-{year}"' in page
    assert "Cameratoezicht evalueren" in page and "Woninginbraak-campagne" in page
    assert "Evaluatie naar de raad gestuurd." in page
    assert "2 acties, 1 met een voortgangsrapportage over 2027" in page
    assert "1 gepland" in page and "1 gereed" in page


def plan(project, step: int, planned_end: date) -> None:
    """Plan the end of a step (every project has its step records from its creation)."""
    StepRecord.objects.filter(project=project, step=step).update(planned_end=planned_end)


def test_deadline_page_lists_only_own_projects(world):
    plan(world.project, 4, date(2027, 3, 1))
    plan(world.other_project, 4, date(2027, 3, 2))
    world.other_project.name = "Plan van een andere gemeente"
    world.other_project.save()

    with time_machine.travel(datetime(2027, 3, 10, 12, tzinfo=AMSTERDAM), tick=False):
        page = world.client("ambtenaar").get(reverse("kernbeleid:deadlines")).content.decode()
        outsider = world.client("outsider").get(reverse("kernbeleid:deadlines"))

    assert page.count("<h1") == 1
    assert "Stap 4: Beleidsvragen visie, veiligheidsanalyse en prioriteiten klaar" in page
    assert "te laat" in page  # 1 March lies before 10 March
    assert "1 januari 2029" in page and "Actualisatie kadernota (na 2 jaar)" in page
    assert world.other_project.name not in page
    assert world.other_project.name in outsider.content.decode()
    assert world.project.name not in outsider.content.decode()


# --- Deadlines ------------------------------------------------------------------------


def programme(year: int) -> tuple[date, str]:
    """The yearly uitvoeringsprogramma after the first: adopted before its year begins."""
    return date(year - 1, 12, 31), f"Uitvoeringsprogramma {year} vastgesteld door het college"


def test_project_deadlines(world):
    project = world.project  # 2027-2030, in step 3
    plan(project, 2, date(2026, 12, 1))  # done
    plan(project, 3, date(2027, 2, 1))
    plan(project, 5, date(2027, 5, 1))
    # Step 6 is not planned.
    Action.objects.create(
        project=project, year=2028, title="Jongerenwerk", owner="X", end=date(2028, 6, 30)
    )
    for status in (ActionStatus.GEREED, ActionStatus.VERVALLEN):
        Action.objects.create(
            project=project, year=2028, title=status, owner="X", end=date(2028, 7, 1), status=status
        )
    Action.objects.create(project=project, year=2028, title="Zonder einddatum", owner="X")

    deadlines = selectors.project_deadlines(project, date(2027, 3, 1))

    assert [(d.date, d.label, d.kind, d.overdue) for d in deadlines] == [
        (date(2027, 2, 1), "Stap 3: Startbijeenkomst werkgroep klaar", "step", True),
        (
            date(2027, 5, 1),
            "Stap 5: Vaststelling prioriteiten door de raad klaar",
            "step",
            False,
        ),
        (programme(2028)[0], programme(2028)[1], "programme", False),
        (date(2028, 6, 30), "Actie gereed: Jongerenwerk", "action", False),
        (programme(2029)[0], programme(2029)[1], "programme", False),
        (date(2029, 1, 1), "Actualisatie kadernota (na 2 jaar)", "midterm", False),
        (
            date(2029, 12, 31),  # a year before the end (new_nota_lead_days)
            "Traject nieuwe kadernota starten (de kadernota loopt af op 31 december 2030): "
            "nieuw project met dit plan als vorig plan",
            "new_nota",
            False,
        ),
        (programme(2030)[0], programme(2030)[1], "programme", False),
        (date(2030, 12, 31), "Nieuwe kadernota nodig (looptijd 4 jaar)", "nota_end", False),
    ]
    assert all(d.project == project for d in deadlines)


def test_deadlines_follow_the_route(world):
    analysis_only = ProjectFactory(gemeente=world.gemeente, analyse_only=True, current_step=2)
    plan(analysis_only, 4, date(2027, 4, 1))
    plan(analysis_only, 7, date(2027, 9, 1))
    labels = [d.label for d in selectors.project_deadlines(analysis_only, date(2027, 1, 1))]
    assert labels == ["Stap 4: Veiligheidsanalyse opstellen en opleveren klaar"]

    skipped = min(workflow.LIGHT_SKIPS - {1, 2, 3})
    world.project.traject.light_route = True
    world.project.traject.save()
    plan(world.project, skipped, date(2027, 4, 1))
    kinds = [d.kind for d in selectors.project_deadlines(world.project, date(2027, 1, 1))]
    assert "step" not in kinds and "midterm" in kinds and "nota_end" in kinds


def test_deadline_overview_is_scoped_to_the_user(world):
    today = date(2027, 1, 1)
    own = selectors.deadline_overview(world.users["adviseur"], today)
    assert {d.project for d in own} == {world.project}
    assert {d.project for d in selectors.deadline_overview(world.users["outsider"], today)} == {
        world.other_project
    }
    stranger = UserFactory(email="niemand@example.nl")
    assert selectors.deadline_overview(stranger, today) == []


# --- Reminders ------------------------------------------------------------------------


def run_reminders_on(day: date) -> list:
    """The daily beat job at 07:00 in Amsterdam; returns the mails it sent."""
    before = len(mail.outbox)
    with time_machine.travel(
        datetime(day.year, day.month, day.day, 7, tzinfo=AMSTERDAM), tick=False
    ):
        send_deadline_reminders.delay()
    return mail.outbox[before:]


@pytest.fixture
def reminder_world(world, settings):
    settings.SITE_URL = "https://integraal.example.nl/"
    # More people around the gemeente: an inactive ambtenaar, a raadslid who must not hear.
    MembershipFactory(
        user=UserFactory(email="oud@example.nl", is_active=False), gemeente=world.gemeente
    )
    MembershipFactory(
        user=UserFactory(email="raad2@example.nl"), gemeente=world.gemeente, role=Role.RAADSLID
    )
    return world


STAFF = ["adviseur@example.nl", "ambtenaar@example.nl"]


def test_reminders_go_out_14_and_2_days_before_and_1_day_after(reminder_world):
    world = reminder_world
    Action.objects.create(
        project=world.project,
        year=2027,
        title="Buurtpreventie opzetten",
        owner="Team OOV",
        end=date(2027, 6, 15),
    )
    sent: dict[date, list] = {}
    day = date(2027, 5, 20)
    while day <= date(2027, 6, 30):
        mails = run_reminders_on(day)
        if mails:
            sent[day] = mails
        day += timedelta(days=1)

    assert sorted(sent) == [date(2027, 6, 1), date(2027, 6, 13), date(2027, 6, 16)]
    for mails in sent.values():
        assert len(mails) == 1
        assert mails[0].to == STAFF
        assert "Actie gereed: Buurtpreventie opzetten" in mails[0].subject
        assert world.gemeente.name in mails[0].subject
    first = sent[date(2027, 6, 1)][0]
    assert first.subject.startswith("Herinnering:")
    assert "over 14 dagen" in first.body and "dinsdag 15 juni 2027" in first.body
    assert world.project.name in first.body
    progress = cycle_url(world, "progress")
    assert f"https://integraal.example.nl{progress}" in first.body
    assert "https://integraal.example.nl/deadlines/" in first.body
    assert "over 2 dagen" in sent[date(2027, 6, 13)][0].body
    overdue = sent[date(2027, 6, 16)][0]
    assert overdue.subject.startswith("Deadline verstreken:")
    assert "gisteren een deadline verstreken" in overdue.body

    # Never twice: the job running again the same day sends nothing.
    assert run_reminders_on(date(2027, 6, 1)) == []
    assert ReminderSent.objects.filter(project=world.project).count() == 3


def test_midterm_reminders_reach_each_gemeente_only(reminder_world):
    world = reminder_world
    deadlines = selectors.project_deadlines(world.project, date(2028, 1, 1))
    assert [d.date for d in deadlines if d.kind == "midterm"] == [date(2029, 1, 1)]
    # The programme for 2029 (due 31 December) has reminders of its own: adopted here.
    for project in (world.project, world.other_project):
        CollegeBesluit.objects.create(
            project=project, year=2029, date=date(2028, 11, 1), number="1"
        )

    mails = run_reminders_on(date(2028, 12, 18))  # 14 days before 1 January 2029

    assert len(mails) == 2  # both 2027-2030 projects have their midterm update then
    home = [message for message in mails if world.gemeente.name in message.subject]
    other = [message for message in mails if world.other.name in message.subject]
    assert [message.to for message in home] == [STAFF]
    assert [message.to for message in other] == [["outsider@example.nl"]]
    for message in mails:
        assert "Actualisatie kadernota (na 2 jaar)" in message.subject
        for persona in ("raadslid", "partner"):
            assert f"{persona}@example.nl" not in message.to + message.cc + message.bcc
    assert len(run_reminders_on(date(2028, 12, 30))) == 2
    assert len(run_reminders_on(date(2029, 1, 2))) == 2
    assert run_reminders_on(date(2029, 1, 1)) == []


def test_reminders_use_the_amsterdam_date(reminder_world):
    Action.objects.create(
        project=reminder_world.project, year=2027, title="A", owner="B", end=date(2027, 6, 15)
    )
    # 22:30 UTC on 31 May is 00:30 on 1 June in Amsterdam: 14 days before the deadline.
    with time_machine.travel(datetime(2027, 5, 31, 22, 30, tzinfo=UTC), tick=False):
        send_deadline_reminders.delay()
    assert len(mail.outbox) == 1


def test_a_failed_mail_is_retried_later(reminder_world, monkeypatch):
    Action.objects.create(
        project=reminder_world.project, year=2027, title="A", owner="B", end=date(2027, 6, 15)
    )

    def broken(self, fail_silently=False):
        raise OSError("SMTP weg")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.EmailMessage.send", broken)
        with pytest.raises(OSError):
            services.reminders_send(date(2027, 6, 1))
    assert not ReminderSent.objects.exists()
    assert services.reminders_send(date(2027, 6, 1)) == 1


def test_beat_runs_the_reminders_daily_at_seven(settings):
    from config.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["deadline-reminders"]
    assert entry["task"] == send_deadline_reminders.name
    assert entry["task"] in app.tasks
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Amsterdam"
