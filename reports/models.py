"""Report structures (the standaardindeling or a gemeente's own), numbered versions with a
snapshot of their content, render runs per format, and the review of published versions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Manager, Q

from projects.models import Bureau, Gemeente, Project, private_storage
from projects.removal import ActiveManager, Removable
from projects.scopes import tenant_manager

from .constants import (
    AgreementStatus,
    Audience,
    DocumentKind,
    FinalKind,
    PdfVariant,
    PublicationPurpose,
    RaadsvoorstelOccasion,
    RenderFormat,
    RenderStatus,
    SectionSource,
)


def document_title(document: str, part: str) -> str:
    label = DocumentKind(document).label
    if document == DocumentKind.RAADSVOORSTEL and part in RaadsvoorstelOccasion.values:
        return f"{label} {RaadsvoorstelOccasion(part).label}"
    return f"{label} {part}" if part else label


def render_upload_to(instance: "RenderRun", filename: str) -> str:
    project = instance.version.project
    return f"projecten/{project.uuid}/rapporten/{instance.uuid}/{filename}"


def template_upload_to(instance: "WordTemplate", filename: str) -> str:
    return f"gemeenten/{instance.gemeente.uuid}/sjablonen/{uuid.uuid4().hex[:8]}.docx"


class ReportStructure(models.Model):
    """An ordered list of sections. Standard ones belong to nobody; a bureau's are reusable
    across its gemeenten; a gemeente's own are the gemeente's."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField("naam", max_length=150)
    document = models.CharField("document", max_length=20, choices=DocumentKind.choices)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, null=True, blank=True, related_name="report_structures"
    )
    bureau = models.ForeignKey(
        Bureau, on_delete=models.CASCADE, null=True, blank=True, related_name="report_structures"
    )
    is_standard = models.BooleanField(
        "standaardindeling (naar de VNG/CCV-handreiking)", default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "rapportstructuur"
        verbose_name_plural = "rapportstructuren"
        ordering = ["document", "-is_standard", "name"]
        constraints = [
            models.CheckConstraint(
                name="structure_one_owner",
                condition=Q(is_standard=True, gemeente__isnull=True, bureau__isnull=True)
                | Q(is_standard=False, gemeente__isnull=False, bureau__isnull=True)
                | Q(is_standard=False, gemeente__isnull=True, bureau__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name


class StructureSection(Removable):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    structure = models.ForeignKey(
        ReportStructure, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("titel", max_length=200)
    source = models.CharField("inhoud", max_length=20, choices=SectionSource.choices)
    fixed_text = models.TextField("vaste tekst", blank=True)
    numbered = models.BooleanField("genummerd", default=True)
    # The default manager (and so structure.sections) hides removed sections from the pages,
    # the snapshots and the renders.
    objects = ActiveManager()
    with_removed = Manager()  # noqa: DJ012 (a manager; ruff takes it for a field)

    class Meta:
        verbose_name = "hoofdstuk van een structuur"
        verbose_name_plural = "hoofdstukken van een structuur"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class StructureChoice(models.Model):
    """Which structure a project uses for a document (the standard when none is chosen)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    document = models.CharField(max_length=20, choices=DocumentKind.choices)
    structure = models.ForeignKey(ReportStructure, on_delete=models.PROTECT, related_name="+")

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "gekozen structuur"
        verbose_name_plural = "gekozen structuren"
        constraints = [
            models.UniqueConstraint(fields=["project", "document"], name="structure_choice")
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.document}: {self.structure}"


class WordTemplate(models.Model):
    """A gemeente's own .docx (styles, header, logo) that DOCX output follows."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="word_template"
    )
    file = models.FileField(upload_to=template_upload_to, storage=private_storage)
    original_name = models.CharField(max_length=255)
    uploaded_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("gemeente")

    class Meta:
        verbose_name = "Word-sjabloon"
        verbose_name_plural = "Word-sjablonen"

    def __str__(self) -> str:
        return self.original_name


class ReportVersion(models.Model):
    """One numbered version of a document: its content frozen as a snapshot."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="report_versions")
    document = models.CharField("document", max_length=20, choices=DocumentKind.choices)
    # Which one of the document: the programme year of a yearly document ("2027"), the
    # occasion of a raadsvoorstel (RaadsvoorstelOccasion); empty for the analyse and the
    # kadernota. Each part is numbered on its own.
    part = models.CharField("onderdeel", max_length=20, blank=True, default="")
    # A joint plan's edition for one gemeente (its CBS code); empty for the whole plan.
    edition = models.CharField("editie", max_length=10, blank=True, default="")
    major = models.PositiveSmallIntegerField(default=0)
    minor = models.PositiveSmallIntegerField(default=1)
    content_hash = models.CharField(max_length=80)  # sha256, plus ":vN" when vastgesteld
    snapshot = models.JSONField()
    structure_name = models.CharField(max_length=150)
    # Set on a final (major.0) version only: who made it final, and on which raadsbesluit.
    finalized_as = models.CharField(max_length=12, choices=FinalKind.choices, blank=True)
    decision = models.ForeignKey(
        "kernbeleid.RaadDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="final_versions",
    )
    # The collegebesluit that vastgesteld it (finalized_as college): shown with the version.
    college_decided_on = models.DateField("datum collegebesluit", null=True, blank=True)
    college_decision_number = models.CharField("nummer collegebesluit", max_length=80, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "rapportversie"
        verbose_name_plural = "rapportversies"
        ordering = ["-major", "-minor"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "document", "part", "edition", "major", "minor"],
                name="version_unique_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_title} {self.label}"

    @property
    def document_title(self) -> str:
        """The document with its part: "Uitvoeringsprogramma integrale veiligheid 2027",
        "Raadsvoorstel vaststelling kadernota (stap 9)"."""
        return document_title(self.document, self.part)

    @property
    def label(self) -> str:
        if self.major >= 1 and self.minor == 0:
            word = "opgeleverd" if self.finalized_as == FinalKind.OPGELEVERD else "vastgesteld"
            return f"{word} {self.major}.0"
        return f"concept {self.major}.{self.minor}"

    @property
    def final(self) -> bool:
        return self.major >= 1 and self.minor == 0


class RenderRun(models.Model):
    """One render of a version in one format; the file is kept per run, so a failed render
    never touches an earlier, good file."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="renders")
    format = models.CharField(max_length=10, choices=RenderFormat.choices)
    variant = models.CharField(max_length=12, choices=PdfVariant.choices, blank=True)
    status = models.CharField(
        max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    file = models.FileField(
        upload_to=render_upload_to, storage=private_storage, blank=True, max_length=300
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        verbose_name = "opmaak"
        verbose_name_plural = "opmaken"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version} {self.format} {self.status}"

    @property
    def busy(self) -> bool:
        return self.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)


class Publication(models.Model):
    """A version put before readers: the raad, the werkgroep or named partners, with a purpose.
    Any version, at any step. Ter consultatie has a closing date for questions; ter
    besluitvorming names the raad step whose decision decides on it, and is linked to that
    decision once it is recorded."""

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="publications"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    # For the raad: whose raad. In a joint plan each gemeente's raad gets its own publication
    # (issue 19); empty on older rows: the raad of the project's gemeente.
    gemeente = models.ForeignKey(
        "projects.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="raad van",
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="partners"
    )
    purpose = models.CharField(
        "doel",
        max_length=16,
        choices=PublicationPurpose.choices,
        default=PublicationPurpose.INFORMATIE,
    )
    closes_on = models.DateField("vragen tot en met", null=True, blank=True)
    decision_step = models.PositiveSmallIntegerField("besluit in stap", null=True, blank=True)
    decision = models.ForeignKey(
        "kernbeleid.RaadDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="publications",
    )
    note = models.TextField("begeleidende tekst", blank=True)
    step = models.PositiveSmallIntegerField()  # where the project stood; for the record only
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="publication_consultation_closes",
                condition=~models.Q(purpose="consultatie") | models.Q(closes_on__isnull=False),
            ),
            models.CheckConstraint(
                name="publication_decision_to_raad",
                condition=~models.Q(purpose="besluitvorming")
                | models.Q(audience="raad", decision_step__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.get_purpose_display()} voor {self.get_audience_display()}"


class OutlineAgreement(models.Model):
    """The report's outline (opzet) as agreed with the gemeente before writing: who agreed,
    when, and the sections of that version of the structure. While the latest agreement of a
    structure is agreed, the structure is locked; a change is proposed (status proposed,
    editing allowed) and agreed again, and the page shows the difference."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="outline_agreements"
    )
    document = models.CharField("document", max_length=20, choices=DocumentKind.choices)
    number = models.PositiveSmallIntegerField("versie van de opzet", default=1)
    structure = models.ForeignKey(ReportStructure, on_delete=models.PROTECT, related_name="+")
    sections = models.JSONField(default=list)  # [{"title", "source", "numbered"}] as agreed
    status = models.CharField(max_length=10, choices=AgreementStatus.choices)
    change_reason = models.TextField("reden van de wijziging", blank=True)
    agreed_by_name = models.CharField("akkoord gegeven door", max_length=150, blank=True)
    agreed_on = models.DateField("akkoord op", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "afgesproken opzet"
        verbose_name_plural = "afgesproken opzetten"
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "document", "number"], name="outline_agreement_number"
            )
        ]

    def __str__(self) -> str:
        return f"Opzet {self.get_document_display()} v{self.number} ({self.get_status_display()})"


class Delivery(models.Model):
    """The delivered veiligheidsanalyse of an analysis-only commission, and the aftercare
    period that follows it, in which the gemeente asks questions and the adviseur answers."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="deliveries")
    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="+")
    delivered_on = models.DateField("opgeleverd op")
    delivered_to = models.CharField("opgeleverd aan", max_length=200)
    aftercare_until = models.DateField("nazorg tot en met")
    ended_at = models.DateTimeField("nazorg beëindigd op", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("project__gemeente")

    class Meta:
        verbose_name = "oplevering"
        verbose_name_plural = "opleveringen"
        ordering = ["-delivered_on", "-id"]

    def __str__(self) -> str:
        return f"Oplevering {self.version} op {self.delivered_on}"


class ReviewComment(models.Model):
    """A question or remark on one section of a published version, or an answer to one."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(max_length=80)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_label = models.CharField(max_length=254)
    body = models.TextField("vraag of opmerking")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        verbose_name = "reactie"
        verbose_name_plural = "reacties"
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author_label} over {self.section_key}"


class BeslotenBijlage(models.Model):
    """The confidential parts of a version, for named readers only (a besloten setting,
    art. 25 Gemeentewet). The version itself leaves them out with a placeholder. Each
    download is made for its reader, with their name on every page and in the metadata, and
    logged in the audit log."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.OneToOneField(
        ReportVersion, on_delete=models.CASCADE, related_name="besloten_bijlage"
    )
    readers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="lezers"
    )
    note = models.TextField("toelichting", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        verbose_name = "besloten bijlage"
        verbose_name_plural = "besloten bijlagen"

    def __str__(self) -> str:
        return f"Besloten bijlage bij {self.version}"
