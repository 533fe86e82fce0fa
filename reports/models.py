"""Report structures (VNG standard or a gemeente's own), numbered versions with a snapshot of
their content, render runs per format, and the review of published versions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from projects.models import Bureau, Gemeente, Project, private_storage
from projects.scopes import tenant_manager

from .constants import Audience, DocumentKind, PdfVariant, RenderFormat, RenderStatus, SectionSource


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
    is_standard = models.BooleanField("VNG-standaard", default=False)
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


class StructureSection(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    structure = models.ForeignKey(
        ReportStructure, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("titel", max_length=200)
    source = models.CharField("inhoud", max_length=20, choices=SectionSource.choices)
    fixed_text = models.TextField("vaste tekst", blank=True)
    numbered = models.BooleanField("genummerd", default=True)

    class Meta:
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

    def __str__(self) -> str:
        return self.original_name


class ReportVersion(models.Model):
    """One numbered version of a document: its content frozen as a snapshot."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="report_versions")
    document = models.CharField("document", max_length=20, choices=DocumentKind.choices)
    major = models.PositiveSmallIntegerField(default=0)
    minor = models.PositiveSmallIntegerField(default=1)
    content_hash = models.CharField(max_length=80)  # sha256, plus ":vN" when vastgesteld
    snapshot = models.JSONField()
    structure_name = models.CharField(max_length=150)
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
                fields=["project", "document", "major", "minor"], name="version_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.label}"

    @property
    def label(self) -> str:
        if self.major >= 1 and self.minor == 0:
            return f"vastgesteld {self.major}.0"
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
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version} {self.format} {self.status}"

    @property
    def busy(self) -> bool:
        return self.status in (RenderStatus.QUEUED, RenderStatus.RUNNING)


class Publication(models.Model):
    """A version put out for review by the raad (steps 5, 9, 11) or the partners (step 8)."""

    version = models.ForeignKey(
        ReportVersion, on_delete=models.CASCADE, related_name="publications"
    )
    audience = models.CharField(max_length=10, choices=Audience.choices)
    step = models.PositiveSmallIntegerField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)

    objects = tenant_manager("version__project__gemeente")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "audience"], name="publication_unique")
        ]

    def __str__(self) -> str:
        return f"{self.version} voor {self.get_audience_display()}"


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
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.author_label} over {self.section_key}"
