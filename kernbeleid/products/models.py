"""What each step produces: startnotitie, werkgroep, meetings, beleidsvragen, kadernota with
goals, draagvlak, and the uitvoeringsprogramma with its yearly progress."""

import uuid

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from analysis.models import AnalysisTheme, Area, Indicator
from projects.models import Gemeente, Project
from projects.removal import ActiveManager, Removable
from projects.scopes import tenant_manager

from ..constants import (
    ActionStatus,
    BeleidsvraagGroup,
    BovenlokaalNiveau,
    GoalSource,
    KadernotaSection,
    Organisation,
    Taakveld,
    Verdict,
)

__all__ = [
    "Action",
    "ActionProgress",
    "BeleidsvraagAnswer",
    "BovenlokalePrioriteit",
    "DraagvlakReaction",
    "DraagvlakResponse",
    "Goal",
    "Kadernota",
    "LocalChapter",
    "Meeting",
    "Opdracht",
    "Raadsvoorstel",
    "Startnotitie",
    "WerkgroepMember",
]


class ProjectTexts(models.Model):
    """A document of free texts a project has once: the startnotitie, the kadernota. Each
    names its own one-to-one `project` field (project.startnotitie, project.kadernota)."""

    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name.capitalize()} {self.project}"


class Startnotitie(ProjectTexts):
    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="startnotitie")
    scope = models.TextField("reikwijdte en doel", blank=True)
    planning = models.TextField("planning", blank=True)
    budget = models.TextField("budget", blank=True)
    proposed_werkgroep = models.TextField("voorgestelde werkgroep", blank=True)

    class Meta:
        verbose_name = "startnotitie"
        verbose_name_plural = "startnotities"


class Opdracht(models.Model):
    """How an analysis-only project starts: the gemeente commissions the analysis (no
    raadsbesluit). Who commissioned it, what is delivered, and how long aftercare lasts."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="opdracht")
    opdrachtgever = models.CharField("opdrachtgever", max_length=200, blank=True)
    commissioned_on = models.DateField("opdracht gegeven op", null=True, blank=True)
    deliverables = models.TextField("wat wordt opgeleverd", blank=True)
    aftercare_months = models.PositiveSmallIntegerField("nazorg (maanden)", default=3)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "opdracht"
        verbose_name_plural = "opdrachten"

    def __str__(self) -> str:
        return f"Opdracht {self.project}"


class WerkgroepMember(Removable):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="werkgroep")
    name = models.CharField("naam", max_length=150)
    organisation = models.CharField("organisatie", max_length=30, choices=Organisation.choices)
    organisation_name = models.CharField("naam organisatie", max_length=150, blank=True)
    role = models.CharField("rol in de werkgroep", max_length=150, blank=True)
    # A joint plan: the gemeente the member works for; empty for the whole plan (the police
    # of the basisteam, the RIEC) and in a plan of one gemeente.
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="voor gemeente",
    )
    # The member's account, once invited: a partner who writes input and reacts (step 8).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="werkgroep_memberships",
        verbose_name="account",
    )
    # The default manager hides removed members (related managers such as project.werkgroep
    # too); `with_removed` also sees them, for the undo and the purge.
    objects = ScopedManager(_manager_class=ActiveManager, gemeente="project__gemeente")
    with_removed = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "werkgroeplid"
        verbose_name_plural = "werkgroep"
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_organisation_display()})"


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField("datum")
    title = models.CharField("titel", max_length=200)
    is_startbijeenkomst = models.BooleanField("startbijeenkomst", default=False)
    agenda = models.TextField("agenda", blank=True)
    minutes = models.TextField("verslag", blank=True)
    decisions = models.TextField("besluiten en afspraken", blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class BeleidsvraagAnswer(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="beleidsvragen")
    group = models.CharField("groep", max_length=30, choices=BeleidsvraagGroup.choices)
    question = models.CharField("beleidsvraag", max_length=300)
    answer = models.TextField("antwoord van de werkgroep", blank=True)
    # A question may be put to one partner, who answers it in their own pages.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_beleidsvragen",
        verbose_name="beantwoord door (partner)",
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField("beantwoord op", null=True, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "beleidsvraag"
        verbose_name_plural = "beleidsvragen"
        ordering = ["group", "id"]

    def __str__(self) -> str:
        return self.question


class Kadernota(ProjectTexts):
    """The kadernota's hand-written chapters; the rest (figures, priorities with their goals,
    bovenlokale kaders, besluiten) comes from elsewhere in the project."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="kadernota")
    aanleiding = models.TextField("aanleiding", blank=True)
    evaluatie = models.TextField("evaluatie vorige periode", blank=True)
    trends = models.TextField("trends en ontwikkelingen", blank=True)
    visie = models.TextField("visie", blank=True)
    aanpak = models.TextField("aanpak op hoofdlijnen", blank=True)
    borging = models.TextField("organisatie, regie en samenwerking", blank=True)
    communicatie = models.TextField("communicatie", blank=True)
    budget = models.TextField("financiën", blank=True)
    monitoring = models.TextField("monitoring en verantwoording", blank=True)

    class Meta:
        verbose_name = "kadernota"
        verbose_name_plural = "kadernota's"


class LocalChapter(models.Model):
    """One gemeente's own chapter in a joint plan's analysis or kadernota (issue 19): its
    local priorities, local themes and kernen, after the shared chapters. Written by that
    gemeente's editors under their own URL, or by the lead's editors; plain text."""

    class Document(models.TextChoices):
        ANALYSE = "analyse", "veiligheidsanalyse"
        KADERNOTA = "kadernota", "kadernota"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="local_chapters")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")
    document = models.CharField("document", max_length=20, choices=Document.choices)
    priorities = models.TextField("lokale prioriteiten", blank=True)
    themes = models.TextField("lokale thema's", blank=True)
    kernen = models.TextField("kernen", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "lokaal hoofdstuk"
        verbose_name_plural = "lokale hoofdstukken"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "gemeente", "document"], name="one_local_chapter"
            )
        ]

    def __str__(self) -> str:
        return f"Lokaal hoofdstuk {self.gemeente} ({self.get_document_display()})"

    @property
    def is_empty(self) -> bool:
        return not (self.priorities or self.themes or self.kernen)


class BovenlokalePrioriteit(models.Model):
    """A priority set above the gemeente (regionaal beleidsplan, basisteam, RIEC), each with
    its source; the kadernota lists them above its own priorities. Joint plans reuse them."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="bovenlokale_prioriteiten"
    )
    niveau = models.CharField("niveau", max_length=20, choices=BovenlokaalNiveau.choices)
    title = models.CharField("prioriteit", max_length=200)
    description = models.TextField("toelichting", blank=True)
    source = models.CharField(
        "bron", max_length=300, help_text="Bijvoorbeeld: Regionaal beleidsplan 2023-2026"
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "bovenlokale prioriteit"
        verbose_name_plural = "bovenlokale prioriteiten"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class Goal(models.Model):
    """A measurable goal under a priority: an indicator, its baseline and a target."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="goals")
    theme = models.ForeignKey(
        AnalysisTheme, on_delete=models.PROTECT, related_name="goals", verbose_name="prioriteit"
    )
    description = models.CharField("doel", max_length=300)
    # What the goal is measured on. VM and BBV goals name their `indicator` (a BBV
    # beleidsindicator is a catalogue indicator too); police goals a 47018NED crime code; own
    # registration goals a series of the gemeente.
    source_kind = models.CharField(
        "gemeten op", max_length=10, choices=GoalSource.choices, default=GoalSource.VM
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="indicator",
    )
    crime_code = models.CharField("soort misdrijf", max_length=12, blank=True)
    own_series = models.ForeignKey(
        "kernbeleid.OwnSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="goals",
        verbose_name="eigen registratie",
    )
    # Empty: the gemeente as a whole; else one of its wijken or own areas.
    area = models.ForeignKey(
        Area,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gebied",
    )
    baseline_year = models.PositiveSmallIntegerField("nulmeting (jaar)", null=True, blank=True)
    baseline_value = models.FloatField("nulmeting", null=True, blank=True)
    target_value = models.FloatField("streefwaarde", null=True, blank=True)
    target_year = models.PositiveSmallIntegerField("streefjaar", null=True, blank=True)
    maatregelen = models.TextField("maatregelen", blank=True)
    partners = models.CharField("partners", max_length=300, blank=True)
    # Euro per year for this goal's aanpak; the Financiën chapter adds them up.
    budget = models.DecimalField(
        "budget per jaar (€)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    funding = models.CharField("dekking", max_length=200, blank=True)
    # Where the begroting carries it: the programme's name and the BBV taakveld.
    begroting_programma = models.CharField("begrotingsprogramma", max_length=150, blank=True)
    taakveld = models.CharField("taakveld", max_length=4, choices=Taakveld.choices, blank=True)
    # A joint plan's goal may be one gemeente's own (goal_scope.py); empty: for the whole plan.
    # A plan of one gemeente leaves it empty.
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="alleen voor",
    )

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["theme__position", "id"]

    def __str__(self) -> str:
        return self.description

    @property
    def scope_label(self) -> str:
        """ "Gedeeld", or "Lokaal: Vaals" for one gemeente's own goal in a joint plan."""
        return f"Lokaal: {self.gemeente.name}" if self.gemeente_id else "Gedeeld"

    @property
    def measure_unit(self) -> str:
        from .goal_sources import measure_unit

        return measure_unit(self)

    @property
    def measure_name(self) -> str:
        from .goal_sources import measure_name

        return measure_name(self)


class DraagvlakResponse(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="draagvlak")
    organisation = models.CharField("organisatie", max_length=30, choices=Organisation.choices)
    section = models.CharField("onderdeel", max_length=20, choices=KadernotaSection.choices)
    verdict = models.CharField("oordeel", max_length=20, choices=Verdict.choices)
    response = models.TextField("reactie", blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "reactie achterban"
        verbose_name_plural = "draagvlak"
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "section"], name="draagvlak_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_organisation_display()} over {self.get_section_display()}"


class DraagvlakReaction(models.Model):
    """A partner's own draagvlak response to a concept version sent to them (step 8):
    akkoord, akkoord met opmerkingen, or niet akkoord, with their text."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        "reports.ReportVersion", on_delete=models.CASCADE, related_name="draagvlak_reactions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254)
    organisation = models.CharField("organisatie", max_length=150)
    verdict = models.CharField("oordeel", max_length=20, choices=Verdict.choices)
    text = models.TextField("toelichting", blank=True)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        verbose_name = "draagvlakreactie van een partner"
        verbose_name_plural = "draagvlakreacties van partners"
        ordering = ["organisation", "recorded_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "author"], name="draagvlak_reaction_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_verdict_display()} ({self.version})"


class Action(models.Model):
    """An action of the College's uitvoeringsprogramma for one year."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="actions")
    year = models.PositiveSmallIntegerField("jaar")
    title = models.CharField("actie", max_length=300)
    owner = models.CharField("trekker", max_length=150)
    partners = models.CharField("partners", max_length=300, blank=True)
    budget = models.DecimalField(
        "budget (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    start = models.DateField("start", null=True, blank=True)
    end = models.DateField("gereed", null=True, blank=True)
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name="dient doel",
    )
    status = models.CharField(
        "status", max_length=20, choices=ActionStatus.choices, default=ActionStatus.GEPLAND
    )
    begroting_programma = models.CharField("begrotingsprogramma", max_length=150, blank=True)
    taakveld = models.CharField("taakveld", max_length=4, choices=Taakveld.choices, blank=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ["year", "end", "title"]

    def __str__(self) -> str:
        return self.title


class ActionProgress(models.Model):
    """The yearly progress report on one action (step 12)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    year = models.PositiveSmallIntegerField("jaar")
    text = models.TextField("voortgang")
    status = models.CharField("status", max_length=20, choices=ActionStatus.choices)
    reported_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("action__project__gemeente")

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        constraints = [
            models.UniqueConstraint(fields=["action", "year"], name="progress_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.year}"


class Raadsvoorstel(models.Model):
    """The raadsvoorstel for one decision (step 1, 5 or 9, or the actualisatie): what users
    wrote per part. `draft` holds the text drafted from the project's own content, kept apart
    so a redraft never overwrites what a user wrote; a part left empty shows its draft."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="raadsvoorstellen")
    occasion = models.CharField("besluit", max_length=20)  # reports RaadsvoorstelOccasion
    onderwerp = models.CharField("onderwerp", max_length=300, blank=True)
    voorgesteld_besluit = models.TextField("voorgesteld besluit", blank=True)
    inleiding = models.TextField("inleiding", blank=True)
    beoogd_effect = models.TextField("beoogd effect", blank=True)
    argumenten = models.TextField("argumenten", blank=True)
    kanttekeningen = models.TextField("kanttekeningen", blank=True)
    financien = models.TextField("financiën", blank=True)
    communicatie = models.TextField("communicatie", blank=True)
    uitvoering = models.TextField("uitvoering", blank=True)
    bijlagen = models.TextField("bijlagen", blank=True)
    ontwerpbesluit = models.TextField("ontwerpbesluit", blank=True)
    # The date and number of the college's proposal, as the ontwerpbesluit cites them.
    college_date = models.DateField("datum voorstel college", null=True, blank=True)
    college_number = models.CharField("nummer voorstel", max_length=80, blank=True)
    draft = models.JSONField(default=dict)  # {field name: drafted text}
    drafted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "raadsvoorstel"
        verbose_name_plural = "raadsvoorstellen"
        constraints = [
            models.UniqueConstraint(fields=["project", "occasion"], name="raadsvoorstel_unique")
        ]

    def __str__(self) -> str:
        return f"Raadsvoorstel {self.occasion} {self.project}"
