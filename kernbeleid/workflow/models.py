"""The traject of a project: its settings, the steps with planned and actual dates, every
move between the steps and the raad's decisions."""

import uuid

from django.conf import settings
from django.db import models

from projects.models import Project, private_storage
from projects.scopes import tenant_manager

from ..constants import DecisionKind, KennisnameKind, MotieOutcome, Outcome

__all__ = [
    "Amendment",
    "CollegeBesluit",
    "ControleVraag",
    "Motie",
    "RaadDecision",
    "RaadKennisname",
    "StepRecord",
    "StepTransition",
    "Traject",
    "college_besluit_upload_to",
    "decision_upload_to",
]


def decision_upload_to(instance: "RaadDecision", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "pdf"
    return f"projecten/{instance.project.uuid}/raadsbesluiten/{instance.uuid}.{extension}"


def college_besluit_upload_to(instance: "CollegeBesluit", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "pdf"
    return f"projecten/{instance.project.uuid}/collegebesluiten/{instance.uuid}.{extension}"


def default_skipped_steps() -> list[int]:
    return [3, 6, 8]


class Traject(models.Model):
    """Workflow settings of a project; the current step itself is Project.current_step."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="traject")
    light_route = models.BooleanField(
        "lichte route",
        default=False,
        help_text="KBV kent een kortere route voor gemeenten die het volledige traject (nog) "
        "niet doorlopen.",
    )
    # Which steps the handreiking's light route leaves out is not known, so the project
    # chooses; a new traject suggests 3, 6 and 8 (transitions.LIGHT_SKIPS).
    skipped_steps = models.JSONField(
        "overgeslagen stappen (lichte route)",
        default=default_skipped_steps,
        blank=True,
        help_text="De keuze van het project; alleen stap 3, 6 en 8 kunnen vervallen.",
    )

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"

    def __str__(self) -> str:
        return f"Traject {self.project}"

    @property
    def skipped(self) -> frozenset[int]:
        """The steps this traject leaves out: none on the full route."""
        if not self.light_route:
            return frozenset()
        return frozenset(int(step) for step in self.skipped_steps or ())


class StepRecord(models.Model):
    """Planned against actual dates of one step."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="step_records")
    step = models.PositiveSmallIntegerField("stap")
    planned_end = models.DateField("gepland klaar", null=True, blank=True)
    started_at = models.DateTimeField("begonnen", null=True, blank=True)
    completed_at = models.DateTimeField("afgerond", null=True, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "stap"
        verbose_name_plural = "stappen"
        ordering = ["step"]
        constraints = [
            models.UniqueConstraint(fields=["project", "step"], name="step_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project} stap {self.step}"


class StepTransition(models.Model):
    """Every move of a project between steps, with the reason when it goes back."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    from_step = models.PositiveSmallIntegerField()
    to_step = models.PositiveSmallIntegerField()
    reason = models.TextField("reden", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_step} → {self.to_step}"

    @property
    def is_back(self) -> bool:
        return self.to_step < self.from_step


class RaadDecision(models.Model):
    """How the raad spoke on the proposal of a raad step: a numbered raadsbesluit with its
    outcome, or (steps 1 and 5) a raadsinformatiebrief, consultation or bijeenkomst, which has
    no outcome. A decision that a later send-back or a new decision on the same step replaced
    is kept, marked superseded."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="raad_decisions")
    # Whose raad: in a joint plan every gemeente's raad decides on its own (issue 19). Empty
    # on decisions recorded before joint plans existed: the raad of the project's gemeente.
    gemeente = models.ForeignKey(
        "projects.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="raad van",
    )
    step = models.PositiveSmallIntegerField("stap")
    kind = models.CharField(
        "vorm", max_length=24, choices=DecisionKind.choices, default=DecisionKind.RAADSBESLUIT
    )
    date = models.DateField("datum raadsvergadering")
    number = models.CharField("besluitnummer of kenmerk", max_length=80, blank=True)
    outcome = models.CharField("uitkomst", max_length=20, choices=Outcome.choices, blank=True)
    document = models.FileField(
        "besluitdocument", upload_to=decision_upload_to, storage=private_storage, blank=True
    )
    notes = models.TextField("toelichting", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField("vervallen op", null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supersedes",
        verbose_name="vervangen door",
    )
    superseded_reason = models.CharField("reden vervallen", max_length=300, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "raadsbesluit"
        verbose_name_plural = "raadsbesluiten"
        ordering = ["-date", "-recorded_at"]

    def __str__(self) -> str:
        if self.kind != DecisionKind.RAADSBESLUIT:
            return f"{self.get_kind_display().capitalize()} {self.number}".strip()
        return f"Raadsbesluit {self.number} ({self.get_outcome_display()})"

    @property
    def superseded(self) -> bool:
        return self.superseded_at is not None


class Amendment(models.Model):
    """An amendement the raad adopted with its decision: it changes the text, and the
    proposal holds as amended (the kadernota carries it as a bijlage)."""

    decision = models.ForeignKey(RaadDecision, on_delete=models.CASCADE, related_name="amendments")
    number = models.CharField("nummer", max_length=40)
    part = models.CharField("onderdeel dat het wijzigt", max_length=200)
    text = models.TextField("tekst van het amendement")

    objects = tenant_manager("decision__project__gemeente")

    class Meta:
        verbose_name = "amendement"
        verbose_name_plural = "amendementen"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Amendement {self.number}"


class CollegeBesluit(models.Model):
    """The college adopts the uitvoeringsprogramma (step 10), every year or every two."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="college_besluiten")
    year = models.PositiveSmallIntegerField("programmajaar")
    date = models.DateField("datum collegebesluit")
    number = models.CharField("besluitnummer", max_length=80)
    document = models.FileField(
        "besluitdocument", upload_to=college_besluit_upload_to, storage=private_storage, blank=True
    )
    notes = models.TextField("toelichting", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "collegebesluit"
        verbose_name_plural = "collegebesluiten"
        ordering = ["-year", "-date"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="college_besluit_per_year")
        ]

    def __str__(self) -> str:
        return f"Collegebesluit {self.number} (uitvoeringsprogramma {self.year})"


class RaadKennisname(models.Model):
    """Step 11, the raad's controle: it takes note of the year's programme, asks questions and
    may answer with a motie. It cannot reject the programme."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="kennisnames")
    college_besluit = models.OneToOneField(
        CollegeBesluit, on_delete=models.CASCADE, related_name="kennisname"
    )
    kind = models.CharField("vorm", max_length=24, choices=KennisnameKind.choices)
    date = models.DateField("datum")
    reference = models.CharField("kenmerk", max_length=80, blank=True)
    notes = models.TextField("wat de raad zei", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "kennisname door de raad"
        verbose_name_plural = "kennisnames door de raad"
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"Kennisname {self.college_besluit.year} ({self.get_kind_display()})"


class ControleVraag(models.Model):
    """A question the raad asked about the year's programme, and the college's answer."""

    kennisname = models.ForeignKey(
        RaadKennisname, on_delete=models.CASCADE, related_name="questions"
    )
    asked_by = models.CharField("gesteld door", max_length=150, blank=True)
    question = models.TextField("vraag")
    answer = models.TextField("antwoord", blank=True)
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)

    objects = tenant_manager("kennisname__project__gemeente")

    class Meta:
        verbose_name = "vraag van de raad"
        verbose_name_plural = "vragen van de raad"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.question[:60]


class Motie(models.Model):
    """A motie the raad voted on with a decision (steps 1, 5, 9) or at the controle of a
    year's programme (step 11). One that asks the college for something is a task with a
    deadline until it is done."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="moties")
    step = models.PositiveSmallIntegerField("stap")
    decision = models.ForeignKey(
        RaadDecision, on_delete=models.CASCADE, null=True, blank=True, related_name="moties"
    )
    kennisname = models.ForeignKey(
        RaadKennisname, on_delete=models.CASCADE, null=True, blank=True, related_name="moties"
    )
    number = models.CharField("nummer", max_length=40)
    title = models.CharField("titel", max_length=200)
    text = models.TextField("dictum (wat de raad vraagt)")
    outcome = models.CharField("uitkomst", max_length=20, choices=MotieOutcome.choices)
    asks_action = models.BooleanField("vraagt het college iets te doen", default=False)
    task_deadline = models.DateField("uiterlijk klaar", null=True, blank=True)
    task_owner = models.CharField("wie pakt het op", max_length=150, blank=True)
    task_done_at = models.DateTimeField("afgehandeld op", null=True, blank=True)
    task_done_note = models.TextField("hoe afgehandeld", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "motie"
        verbose_name_plural = "moties"
        ordering = ["step", "id"]
        constraints = [
            models.CheckConstraint(
                name="motie_task_has_deadline",
                condition=models.Q(asks_action=False)
                | ~models.Q(outcome="aangenomen")
                | models.Q(task_deadline__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Motie {self.number}: {self.title}"

    @property
    def is_task(self) -> bool:
        """An adopted motie that asks for something is the college's task."""
        return self.asks_action and self.outcome == MotieOutcome.AANGENOMEN

    @property
    def task_open(self) -> bool:
        return self.is_task and self.task_done_at is None
