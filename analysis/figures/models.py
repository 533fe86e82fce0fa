"""Figures of a gemeente: indicators, areas, editions, results, benchmarks, police figures.

They belong to the gemeente, not to one project: a gemeente takes part in the
Veiligheidsmonitor every two or four years and writes a new nota every four, so a second
plan must start with the figures of the first. A project chooses which editions it bases its
analysis on (`ProjectEdition`); benchmarks, police and BBV figures it reads from its gemeente.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from projects.models import Bureau, Gemeente, Project, private_storage
from projects.scopes import tenant_manager

from .constants import (
    OWN_AREA_KINDS,
    POPULATION_15PLUS_SOURCE,
    AreaKind,
    Direction,
    ImportKind,
    ImportStatus,
    RegionKind,
    Series,
    Source,
    Unit,
)


def import_upload_to(instance: "ImportRun", filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    gemeente = instance.gemeente if instance.gemeente_id else instance.project.gemeente
    return f"gemeenten/{gemeente.uuid}/imports/{instance.uuid}.{extension}"


class Indicator(models.Model):
    """A catalogue indicator (gemeente empty) or a gemeente's own question."""

    code = models.SlugField("code", max_length=80)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    name = models.CharField("naam", max_length=200)
    unit = models.CharField("eenheid", max_length=30, choices=Unit.choices)
    direction = models.CharField("richting", max_length=20, choices=Direction.choices)
    source = models.CharField("bron", max_length=20, choices=Source.choices)

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(gemeente__isnull=True),
                name="indicator_unique_catalogue_code",
            ),
            models.UniqueConstraint(
                fields=["code", "gemeente"],
                condition=Q(gemeente__isnull=False),
                name="indicator_unique_custom_code",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_custom(self) -> bool:
        return self.gemeente_id is not None


class Area(models.Model):
    """The gemeente as a whole, one of its wijken (CBS code WKxxxxyy), or an area of its own.

    An own area (a kern, wijkgroep or buurtgroep; code EG + gemeente digits + a number) lists
    its `members`: wijk codes, buurt codes, or the values of the file's area column that
    identify a kern. A respondent counts in every own area one of its codes or values is in
    (figures.area_sets); the definitions are kept by services.own_areas.
    """

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField("code", max_length=10)
    name = models.CharField("naam", max_length=150)
    kind = models.CharField("soort", max_length=10, choices=AreaKind.choices)
    inhabitants = models.PositiveIntegerField("inwoners", null=True, blank=True)
    members = models.JSONField("onderdelen", default=list, blank=True)
    # The year of the CBS wijk- en buurtindeling this code belongs to: CBS renumbers wijken
    # after a herindeling, and a figure of an old code is not the same area's (AreaLink).
    indeling_year = models.PositiveSmallIntegerField("jaar van de indeling", null=True, blank=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "gebied"
        verbose_name_plural = "gebieden"
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "code"], name="area_unique_code")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_own(self) -> bool:
        return self.kind in OWN_AREA_KINDS

    @property
    def label(self) -> str:
        """How pages and texts name the area: an own area with its kind ("kern Haven")."""
        return f"{self.get_kind_display()} {self.name}" if self.is_own else self.name


class AreaLink(models.Model):
    """How an area of an older indeling continues in a newer one, as the user linked them.

    One old to one new is a new code for the same area; one old to several new is a split;
    several old to one new a merge. A series across a link is shown broken, never joined.
    """

    class Kind(models.TextChoices):
        SAME = "zelfde", "zelfde gebied, nieuwe code"
        MERGED = "samengevoegd", "samengevoegd"
        SPLIT = "gesplitst", "gesplitst"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="area_links")
    old_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="links_to_new")
    new_area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="links_from_old")
    kind = models.CharField("soort wijziging", max_length=15, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "koppeling oude en nieuwe indeling"
        verbose_name_plural = "koppelingen oude en nieuwe indeling"
        constraints = [
            models.UniqueConstraint(fields=["old_area", "new_area"], name="area_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.old_area_id} → {self.new_area_id} ({self.kind})"


class ImportRun(models.Model):
    """One upload and what became of it: status, progress and errors, shown in the page."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="import_runs")
    # The project the upload was made from: where its pages link back to. The figures are
    # the gemeente's; deleting that project keeps them.
    project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="import_runs"
    )
    kind = models.CharField("soort", max_length=20, choices=ImportKind.choices)
    status = models.CharField(
        "status", max_length=20, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    progress = models.PositiveSmallIntegerField("voortgang", default=0)
    message = models.CharField("melding", max_length=500, blank=True)
    errors = models.JSONField("fouten", default=list, blank=True)
    file = models.FileField(
        "bestand", upload_to=import_upload_to, storage=private_storage, max_length=300
    )
    original_name = models.CharField("bestandsnaam", max_length=255)
    year = models.PositiveSmallIntegerField("editie", null=True, blank=True)
    mapping = models.JSONField("koppeling", default=dict, blank=True)
    variables = models.JSONField("variabelen in het bestand", default=list, blank=True)
    summary = models.JSONField("samenvatting", default=dict, blank=True)
    # The figures computed from the file and mapping, shown for checking before anything is
    # stored, with the user's confirmation of each flagged indicator (see figures/preview.py).
    preview = models.JSONField("controle voor opslaan", default=dict, blank=True)
    replace_confirmed = models.BooleanField("vervangen bevestigd", default=False)
    # The raw file is personal data: deleted after the gemeente's retention period or on
    # request; its checksum stays, so a later question about which file it was is answerable.
    file_sha256 = models.CharField("controlegetal (SHA-256)", max_length=64, blank=True)
    file_deleted_at = models.DateTimeField("bestand verwijderd op", null=True, blank=True)
    file_deleted_reason = models.CharField("reden verwijderen", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.original_name}"

    def save(self, *args, **kwargs):
        # An upload is made from a project page; its figures are that project's gemeente's.
        if self.gemeente_id is None and self.project_id is not None:
            self.gemeente_id = self.project.gemeente_id
        super().save(*args, **kwargs)

    @property
    def status_enum(self) -> ImportStatus:
        return ImportStatus(self.status)


class SurveyEdition(models.Model):
    """One year of Veiligheidsmonitor results for a gemeente, from one respondent file.

    Projects choose the editions they use (`projects`, through `ProjectEdition`); a
    re-import of a year replaces the edition for every project that used it.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="editions")
    projects = models.ManyToManyField(
        Project, through="ProjectEdition", related_name="editions", blank=True
    )
    year = models.PositiveSmallIntegerField("editie")
    series = models.CharField("reeks", max_length=10, choices=Series.choices)
    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="+")
    respondents = models.PositiveIntegerField("respondenten")
    weight_column = models.CharField("weegfactor", max_length=64)
    # The sum of the weights of every respondent in the file: a joint plan rescales each
    # gemeente's weights to its population by it (figures/combine.py). Null for editions
    # stored before it was kept.
    weight_total = models.FloatField("som van de weegfactoren", null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "editie"
        verbose_name_plural = "edities"
        ordering = ["year", "id"]
        # No unique year per gemeente: before figures belonged to the gemeente two projects
        # could each import the same year, and the migration keeps both. New imports replace
        # the year's edition (services/editions.py); a project uses at most one per year.

    def __str__(self) -> str:
        return f"Veiligheidsmonitor {self.year}"


class ProjectEdition(models.Model):
    """A project bases its analysis on this edition of its gemeente."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey(SurveyEdition, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("editie")  # copy of edition.year: one per year
    chosen_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "gekozen editie"
        verbose_name_plural = "gekozen edities"
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="project_edition_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.edition_id}"


class IndicatorResult(models.Model):
    """A stored estimate for indicator × area × edition; pages read these, never raw data.

    Percentages are stored as percentages (0-100). `change_*` compares with the previous
    edition of the same series; across a series break nothing is tested.
    """

    edition = models.ForeignKey(SurveyEdition, on_delete=models.CASCADE, related_name="results")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="results")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="results")
    estimate = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    se = models.FloatField(null=True)
    n = models.PositiveIntegerField()
    n_eff = models.FloatField()
    # The sum of the weights of the n respondents who answered: with n_eff, the estimate and
    # its se it gives back the sufficient statistics a joint plan pools (figures/combine.py).
    # Null for results stored before it was kept.
    sum_w = models.FloatField(null=True)
    suppressed = models.BooleanField(default=False)
    low_n_warning = models.BooleanField(default=False)
    previous_year = models.PositiveSmallIntegerField(null=True)
    change = models.FloatField(null=True)
    change_significant = models.BooleanField(null=True)  # None: not tested

    objects = tenant_manager("edition__gemeente")

    class Meta:
        verbose_name = "uitkomst"
        verbose_name_plural = "uitkomsten"
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "indicator", "area"], name="result_unique_cell"
            )
        ]
        indexes = [models.Index(fields=["indicator", "area"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.area_id} {self.edition_id}: {self.estimate}"

    @property
    def change_direction(self) -> int:
        if not self.change_significant or self.change is None:
            return 0
        return 1 if self.change > 0 else -1


class Population15Plus(models.Model):
    """The gemeente's inhabitants aged 15 and over on 1 January of `year`: the population the
    Veiligheidsmonitor's weights stand for, to which a joint plan rescales each gemeente's
    respondent file (figures/combine.py). Entered by hand from CBS StatLine."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="populations_15plus"
    )
    year = models.PositiveSmallIntegerField("jaar (1 januari)")
    count = models.PositiveIntegerField("inwoners van 15 jaar en ouder")
    source = models.CharField("bron", max_length=200, default=POPULATION_15PLUS_SOURCE)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "inwoners van 15 jaar en ouder"
        verbose_name_plural = "inwoners van 15 jaar en ouder"
        ordering = ["gemeente", "year"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "year"], name="population_15plus_unique")
        ]

    def __str__(self) -> str:
        return f"{self.gemeente_id} 1 januari {self.year}: {self.count}"


class Benchmark(models.Model):
    """A published figure for comparison: Nederland, province, region or another gemeente."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="benchmarks")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField("regiocode", max_length=10)
    region_name = models.CharField("regio", max_length=150)
    region_kind = models.CharField("soort regio", max_length=4, choices=RegionKind.choices)
    year = models.PositiveSmallIntegerField("jaar")
    estimate = models.FloatField(null=True)
    ci_low = models.FloatField(null=True)
    ci_high = models.FloatField(null=True)
    suppressed = models.BooleanField(default=False)
    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "vergelijkingscijfer"
        verbose_name_plural = "vergelijkingscijfers"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "indicator", "region_code", "year"],
                name="benchmark_unique_cell",
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_name} {self.year}: {self.estimate}"


class BenchmarkTest(models.Model):
    """Whether a result differs significantly from a benchmark of the same year (stored)."""

    result = models.ForeignKey(
        IndicatorResult, on_delete=models.CASCADE, related_name="benchmark_tests"
    )
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="+")
    difference = models.FloatField()
    significant = models.BooleanField()

    objects = tenant_manager("benchmark__gemeente")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["result", "benchmark"], name="benchmark_test_unique")
        ]

    def __str__(self) -> str:
        return f"{self.result_id} ~ {self.benchmark_id}: {self.significant}"

    @property
    def direction(self) -> int:
        if not self.significant:
            return 0
        return 1 if self.difference > 0 else -1


class CrimeCount(models.Model):
    """Police-registered crime (CBS 47018NED) per area and year: the objective figures."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="crime_counts")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="crime_counts")
    year = models.PositiveSmallIntegerField("jaar")
    crime_code = models.CharField("soort misdrijf", max_length=12)
    crime_label = models.CharField("omschrijving", max_length=150)
    count = models.PositiveIntegerField("aantal", null=True)
    import_run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="+")

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "geregistreerde misdrijven"
        verbose_name_plural = "geregistreerde misdrijven"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "area", "year", "crime_code"], name="crime_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.crime_label} {self.year}: {self.count}"

    @property
    def per_1000(self) -> float | None:
        if self.count is None or not self.area.inhabitants:
            return None
        return self.count * 1000 / self.area.inhabitants


class BbvFigure(models.Model):
    """A BBV beleidsindicator for the gemeente and a year, as published elsewhere (today:
    waarstaatjegemeente.nl), for a gemeente without a 47018NED file. Per 1,000 inhabitants (per
    1,000 youths for Halt); no count, so any interval shown is reconstructed and marked so."""

    class Origin(models.TextChoices):
        WAARSTAATJEGEMEENTE = "wsjg", "waarstaatjegemeente.nl"

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="bbv_figures")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("jaar")
    value = models.FloatField("per 1.000")
    origin = models.CharField("bron", max_length=10, choices=Origin.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "BBV-cijfer"
        verbose_name_plural = "BBV-cijfers"
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "indicator", "year", "origin"], name="bbv_figure_unique_cell"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.year}: {self.value}"


class MappingTemplate(models.Model):
    """A saved mapping from a file's variables to indicators, reused across gemeenten."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("naam", max_length=150)
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, null=True, blank=True, related_name="mapping_templates"
    )
    gemeente = models.ForeignKey(
        Gemeente,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mapping_templates",
    )
    mapping = models.JSONField("koppeling")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "koppelsjabloon"
        verbose_name_plural = "koppelsjablonen"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="template_owner_xor",
                condition=Q(bureau__isnull=False, gemeente__isnull=True)
                | Q(bureau__isnull=True, gemeente__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class WijkMap(models.Model):
    """An uploaded wijk GeoJSON (PDOK/CBS export) for the gemeente's maps."""

    gemeente = models.OneToOneField(Gemeente, on_delete=models.CASCADE, related_name="wijk_map")
    file = models.FileField("bestand", upload_to="gemeenten/wijkkaarten/", storage=private_storage)
    code_property = models.CharField("eigenschap met de wijkcode", max_length=64)
    name_property = models.CharField("eigenschap met de wijknaam", max_length=64)
    uploaded_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("gemeente")

    def __str__(self) -> str:
        return f"Wijkkaart {self.gemeente}"
