"""Tenancy: bureaus serve gemeenten; users are members of either; projects belong to a gemeente."""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .constants import (
    ANALYSE_LAST_STEP,
    ANALYSE_STEP_NAMES,
    KERNBELEID_STEPS,
    ConfidentialReason,
    ParticipationStatus,
    PoliceUnitKind,
    ProjectScope,
    Role,
    step_name,
)
from .scopes import tenant_manager

cbs_code_validator = RegexValidator(r"^GM\d{4}$", "Gebruik een CBS-code als GM0363.")
police_code_validator = RegexValidator(
    r"^(RE|PD|BT)\d{2,8}$",
    "Gebruik een CBS-regiocode: RE05 (eenheid), PD… (district) of BT… (basisteam).",
)
colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", "Gebruik een kleur als #1f4e79 (een # en zes hexadecimale tekens)."
)


def private_storage():
    from django.core.files.storage import storages

    return storages[settings.PRIVATE_STORAGE_ALIAS]


def logo_upload_to(instance: "Gemeente", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"gemeenten/{instance.uuid}/logo-{uuid.uuid4().hex[:8]}.{extension}"


class Provincie(models.Model):
    code = models.CharField("code", max_length=4, unique=True)  # PV20..PV31
    name = models.CharField("naam", max_length=100)

    class Meta:
        verbose_name = "provincie"
        verbose_name_plural = "provincies"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Veiligheidsregio(models.Model):
    code = models.CharField("code", max_length=4, unique=True)  # VR01..VR25
    name = models.CharField("naam", max_length=100)

    class Meta:
        verbose_name = "veiligheidsregio"
        verbose_name_plural = "veiligheidsregio's"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PoliceUnit(models.Model):
    """A regionale eenheid of the Nationale Politie, or a district or basisteam within one.

    The Veiligheidsmonitor publishes for Nederland, these units and large gemeenten, so a
    gemeente is compared with its own units. The ten eenheden are loaded by migration; the
    districts and basisteams only when an administrator loads a table (load_police_units).
    """

    code = models.CharField(
        "CBS-regiocode", max_length=10, unique=True, validators=[police_code_validator]
    )
    name = models.CharField("naam", max_length=100)
    kind = models.CharField("niveau", max_length=10, choices=PoliceUnitKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="valt onder",
    )

    class Meta:
        verbose_name = "politie-eenheid, -district of basisteam"
        verbose_name_plural = "politie-eenheden, -districten en basisteams"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """How pages name it: 'Politie-eenheid Amsterdam', never just 'Amsterdam' (a gemeente)."""
        prefix = PoliceUnitKind(self.kind).label_prefix
        if self.name.lower().startswith(prefix.lower()):
            return self.name
        return f"{prefix} {self.name}"

    @property
    def label_in_text(self) -> str:
        """The label inside a sentence: 'vergeleken met politie-eenheid Amsterdam'."""
        return self.label[:1].lower() + self.label[1:]


class Gemeente(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("naam", max_length=100)
    cbs_code = models.CharField(
        "CBS-code", max_length=6, unique=True, validators=[cbs_code_validator]
    )
    cbs_label = models.CharField(
        "CBS-naam", max_length=120, help_text="Zoals CBS StatLine de gemeente noemt."
    )
    slug = models.SlugField("slug", max_length=100, unique=True)
    provincie = models.ForeignKey(Provincie, on_delete=models.PROTECT, verbose_name="provincie")
    veiligheidsregio = models.ForeignKey(
        Veiligheidsregio, on_delete=models.PROTECT, verbose_name="veiligheidsregio"
    )
    # The police units the gemeente lies in: the eenheid is known for every gemeente,
    # district and basisteam only once an administrator has loaded them.
    politie_eenheid = models.ForeignKey(
        PoliceUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": PoliceUnitKind.EENHEID},
        verbose_name="regionale eenheid (politie)",
    )
    politie_district = models.ForeignKey(
        PoliceUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": PoliceUnitKind.DISTRICT},
        verbose_name="politiedistrict",
    )
    politie_basisteam = models.ForeignKey(
        PoliceUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": PoliceUnitKind.BASISTEAM},
        verbose_name="basisteam (politie)",
    )
    inhabitants = models.PositiveIntegerField("inwoners", null=True, blank=True)
    indeling_year = models.PositiveSmallIntegerField(
        "gemeentelijke indeling", help_text="Jaar van de CBS-indeling waaruit deze gemeente komt."
    )
    logo = models.FileField("logo", upload_to=logo_upload_to, storage=private_storage, blank=True)
    house_colour = models.CharField(
        "huiskleur",
        max_length=7,
        default="#1f4e79",
        validators=[colour_validator],
        help_text="Kleur voor de omslag en koppen van rapporten.",
    )
    # Raw respondent files are personal data (AVG): deleted this many days after a
    # successful import; the computed figures and the file's checksum stay.
    raw_file_retention_days = models.PositiveSmallIntegerField(
        "bewaartermijn respondentenbestanden (dagen)",
        default=90,
        db_default=90,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Het ruwe bestand wordt zo lang na een geslaagde import verwijderd; "
        "de berekende cijfers blijven.",
    )
    # Raadsleden's access ends with the term: a new raadslid membership ends on this date.
    raadsperiode_ends_on = models.DateField(
        "einde raadsperiode",
        null=True,
        blank=True,
        help_text="De toegang van raadsleden eindigt op deze datum.",
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:gemeente_home", kwargs={"gemeente_slug": self.slug})

    @property
    def police_units(self) -> list[PoliceUnit]:
        """Its eenheid, district and basisteam, broadest first; the unknown ones left out."""
        units = (self.politie_eenheid, self.politie_district, self.politie_basisteam)
        return [unit for unit in units if unit is not None]


class Bureau(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("naam", max_length=150)
    slug = models.SlugField("slug", max_length=100, unique=True)
    gemeenten = models.ManyToManyField(
        Gemeente, related_name="bureaus", blank=True, verbose_name="gemeenten"
    )

    class Meta:
        verbose_name = "bureau"
        verbose_name_plural = "bureaus"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        """The memberships that give access today: no end date, or one not yet passed.

        Access runs through ``ends_on`` (inclusive), in the Dutch local date. Every read
        that decides who may see or hear something goes through this, so an ended
        membership counts as no membership at all (404 on the gemeente's pages, no mails).
        Lookups from another model use it as a subquery:
        ``User.objects.filter(pk__in=Membership.objects.active().filter(...).values("user"))``.
        """
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def ended(self, today: datetime.date | None = None) -> "MembershipQuerySet":
        today = today or timezone.localdate()
        return self.filter(ends_on__lt=today)


class Membership(models.Model):
    """A user's role in one gemeente or in one bureau (whose adviseurs reach all its gemeenten)."""

    Role = Role

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, null=True, blank=True, related_name="memberships"
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    organisation = models.CharField(
        "organisatie",
        max_length=150,
        blank=True,
        help_text="Voor partners: bijvoorbeeld politie, brandweer, OM of woningcorporatie.",
    )
    # Access ends after this day (a raadslid's term, a partner's werkgroep); empty: no end.
    ends_on = models.DateField(
        "toegang tot en met",
        null=True,
        blank=True,
        help_text="Na deze dag heeft deze persoon geen toegang meer.",
    )
    end_warned_at = models.DateTimeField("gewaarschuwd over einde toegang", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.CheckConstraint(
                name="membership_gemeente_xor_bureau",
                condition=(
                    Q(gemeente__isnull=False, bureau__isnull=True)
                    | Q(gemeente__isnull=True, bureau__isnull=False)
                ),
            ),
            models.CheckConstraint(
                name="membership_bureau_is_adviseur",
                condition=Q(bureau__isnull=True) | Q(role=Role.ADVISEUR),
            ),
            models.UniqueConstraint(
                fields=["user", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="membership_unique_user_gemeente",
            ),
            models.UniqueConstraint(
                fields=["user", "bureau"],
                condition=Q(bureau__isnull=False),
                name="membership_unique_user_bureau",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.gemeente or self.bureau}"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def is_active(self, today: datetime.date | None = None) -> bool:
        return self.ends_on is None or self.ends_on >= (today or timezone.localdate())


class Project(models.Model):
    """One policy cycle of a gemeente, e.g. 'Integraal Veiligheidsplan 2027-2030'."""

    Scope = ProjectScope

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="projects")
    name = models.CharField("naam", max_length=200)
    scope = models.CharField(
        "omvang",
        max_length=20,
        choices=ProjectScope.choices,
        default=ProjectScope.KERNBELEID,
        help_text="Alleen de veiligheidsanalyse, als de gemeente de nota zelf schrijft, "
        "of het hele Kernbeleid-traject.",
    )
    period_start = models.PositiveSmallIntegerField("eerste beleidsjaar")
    period_end = models.PositiveSmallIntegerField("laatste beleidsjaar")
    current_step = models.PositiveSmallIntegerField("huidige stap", default=1)
    # A deadline of the team's own choosing (the traject's deadlines are computed in
    # kernbeleid/cycle/deadlines.py); it joins them on every deadline list.
    next_deadline = models.DateField(
        "eigen deadline",
        null=True,
        blank=True,
        help_text="Een deadline die niet uit de planning van het traject volgt; hij staat "
        "bij alle deadlines en er komen herinneringen voor.",
    )
    next_deadline_label = models.CharField("wat is dan klaar", max_length=200, blank=True)
    # A new kadernota takes a traject of about a year: the reminder to start one comes this
    # many days before the current nota's period ends.
    new_nota_lead_days = models.PositiveSmallIntegerField(
        "start nieuw traject (dagen voor het einde van de kadernota)",
        default=365,
        db_default=365,
        validators=[MinValueValidator(30), MaxValueValidator(1095)],
        help_text="Zoveel dagen voor het einde van de looptijd staat de start van een "
        "traject voor een nieuwe kadernota bij de deadlines; standaard een jaar.",
    )
    min_n = models.PositiveIntegerField(
        "minimum aantal respondenten",
        default=50,
        help_text="Cijfers op minder respondenten worden niet getoond.",
    )
    warn_n = models.PositiveIntegerField(
        "waarschuwen onder",
        default=100,
        help_text="Cijfers op minder respondenten krijgen een waarschuwing.",
    )
    # Plausibility before an edition is stored; the defaults are argued in
    # analysis/figures/plausibility.py. Also database defaults, so rows written by code that
    # predates these columns (older migrations' models) still get them.
    flag_change_points = models.FloatField(
        "signaal bij verandering groter dan (procentpunt)",
        default=10.0,
        db_default=10.0,
        validators=[MinValueValidator(0.1), MaxValueValidator(100)],
        help_text="Ten opzichte van de vorige editie; bij een gemiddelde geldt hetzelfde "
        "percentage van de schaal (10 procentpunt is 0,9 op een rapportcijfer 1–10).",
    )
    flag_change_margins = models.FloatField(
        "of groter dan (× de marge van de verandering)",
        default=5.0,
        db_default=5.0,
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text="De marge is de helft van het 95%-interval van de verandering.",
    )
    # When the werkgroep closes, its partners' access ends (their memberships' ends_on).
    werkgroep_ends_on = models.DateField(
        "werkgroep sluit op",
        null=True,
        blank=True,
        help_text="Daarna hebben de partners van de werkgroep geen toegang meer.",
    )
    benchmark_gemeenten = models.ManyToManyField(
        Gemeente,
        blank=True,
        related_name="+",
        verbose_name="vergelijkbare gemeenten",
    )
    # The plan this one follows: its goals and actions are evaluated in this one's kadernota.
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name="vorig veiligheidsplan",
    )
    # A joint plan of several gemeenten: set once the first gemeente is invited, so pages of
    # a single gemeente's plan never look up participants (projects/joint.py).
    joint = models.BooleanField("gezamenlijk plan", default=False, db_default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "project"
        verbose_name_plural = "projecten"
        ordering = ["-period_start", "name"]
        constraints = [
            models.CheckConstraint(
                name="project_period_ordered", condition=Q(period_end__gte=models.F("period_start"))
            ),
            models.CheckConstraint(
                name="project_step_in_range", condition=Q(current_step__gte=1, current_step__lte=12)
            ),
            models.CheckConstraint(
                name="project_thresholds_ordered", condition=Q(warn_n__gte=models.F("min_n"))
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "projects:project_home",
            kwargs={"gemeente_slug": self.gemeente.slug, "project_uuid": self.uuid},
        )

    @property
    def steps(self) -> list[tuple[int, str]]:
        last = ANALYSE_LAST_STEP if self.scope == ProjectScope.ANALYSE else len(KERNBELEID_STEPS)
        return [(number, step_name(number, self.scope)) for number in range(1, last + 1)]

    @property
    def step_progress(self) -> list[tuple[int, str, str]]:
        """(number, name, state) per step for the progress bar: done, current, todo, or
        not_applicable for the steps an analysis-only commission leaves out (the name says
        so), which are never "done" although the project moved past them."""
        progress = []
        for number, name in self.steps:
            if self.scope == ProjectScope.ANALYSE and number not in ANALYSE_STEP_NAMES:
                state = "not_applicable"
            elif number < self.current_step:
                state = "done"
            elif number == self.current_step:
                state = "current"
            else:
                state = "todo"
            progress.append((number, name, state))
        return progress

    @property
    def current_step_name(self) -> str:
        return step_name(self.current_step, self.scope)


class ProjectParticipant(models.Model):
    """A gemeente taking part in a joint plan whose lead (penvoerder) is ``project.gemeente``.

    Not a scoped manager: a row belongs to two tenants at once (the lead's project and the
    invited gemeente, whose home page shows the invitation), so every read filters on the
    project or the gemeente explicitly (projects/joint.py).
    """

    Status = ParticipationStatus

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="joint_participations"
    )
    status = models.CharField(
        "status",
        max_length=12,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.UITGENODIGD,
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "deelnemende gemeente"
        verbose_name_plural = "deelnemende gemeenten"
        ordering = ["gemeente__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "gemeente"], name="participant_unique_gemeente"
            )
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} in {self.project}"

    @property
    def joined(self) -> bool:
        return self.status == ParticipationStatus.DEELNEMER


class AuditEntry(models.Model):
    """Who did what to which object, and when. Written by services, never edited."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    at = models.DateTimeField("tijdstip", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="door",
    )
    actor_label = models.CharField(max_length=254, blank=True)  # kept when the user is removed
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries"
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="audit_entries"
    )
    action = models.CharField("actie", max_length=80)
    object_type = models.CharField("soort object", max_length=80, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=255, blank=True)
    detail = models.JSONField("details", default=dict, blank=True)

    # Entries without a gemeente (a bureau's membership, set up from the command line) are
    # outside every scope: no tenant page shows them.
    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditlog"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["project", "-at"]),
            models.Index(fields=["gemeente", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"


class ConfidentialMark(models.Model):
    """A part of a project marked vertrouwelijk, with the reason. The part is named by a key
    (projects/confidentiality.py builds them): a theme, one of its texts, a kadernota
    chapter, a section of a report structure, or an indicator's figure. Versions made for an
    audience leave marked parts out; the besloten bijlage carries them for named readers."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="confidential_marks"
    )
    key = models.CharField("onderdeel", max_length=120)
    reason = models.CharField("reden", max_length=20, choices=ConfidentialReason.choices)
    note = models.CharField("toelichting", max_length=300, blank=True)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "vertrouwelijk onderdeel"
        verbose_name_plural = "vertrouwelijke onderdelen"
        ordering = ["key"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="confidential_mark_unique")
        ]

    def __str__(self) -> str:
        return f"{self.key} ({self.get_reason_display()})"


from .autosave import FormDraft  # noqa: E402,F401  (the model lives beside its services)
