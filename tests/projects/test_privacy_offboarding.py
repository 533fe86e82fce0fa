"""A gemeente ends its use: export all its data as one ZIP, then erase every row and file of
it (projects/offboarding.py). The other gemeente's data stays exactly as it was."""

import hashlib
import io
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme, ImportRun
from analysis.narrative.services import theme_save
from kernbeleid.models import RaadDecision
from projects import offboarding
from projects.constants import GEMEENTE_INDELING_YEAR
from projects.gemeente_data import load_gemeenten
from projects.models import (
    AuditEntry,
    Gemeente,
    Membership,
    Project,
    Provincie,
    Veiligheidsregio,
)
from projects.offboarding import gemeente_erase, gemeente_export, gemeente_rows, row_counts
from reports.models import RenderRun, ReportVersion, WordTemplate
from tests.analysis.conftest import MAPPING, SMALL, csv_upload
from tests.factories import MembershipFactory, ProjectFactory, UserFactory
from tests.reports.snapshots import section, snapshot

User = get_user_model()


def _fill(gemeente: Gemeente, project: Project, *, marker: str, actor) -> dict:
    """A survey edition, a theme text, a rendered report file, a raad decision document and
    a word template: one of each kind of data and file the export must carry."""
    project.min_n, project.warn_n = 1, 3
    project.save()
    upload = csv_upload(SMALL.replace("WK0363", "WK" + gemeente.cbs_code[2:]))
    survey_import_now(actor=actor, project=project, upload=upload, year=2023, mapping=MAPPING)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    theme_save(actor=actor, theme=theme, base_version=1, texts={"knelpunten": f"<p>{marker}</p>"})
    version = ReportVersion.objects.create(
        project=project,
        document="analyse",
        content_hash=f"hash-{marker}",
        snapshot=snapshot(section("s1", "Samenvatting", [])).to_json(),
        structure_name="standaardindeling",
    )
    render = RenderRun.objects.create(version=version, format="pdf", status="done")
    render.file.save("analyse.pdf", ContentFile(f"%PDF rapport {marker}".encode()))
    decision = RaadDecision.objects.filter(project=project).first()
    decision.document.save("besluit.pdf", ContentFile(f"%PDF besluit {marker}".encode()))
    template = WordTemplate(gemeente=gemeente, original_name="huisstijl.docx")
    template.file.save("huisstijl.docx", ContentFile(b"PK docx " + marker.encode()))
    return {
        "render": render.file.name,
        "decision": decision.document.name,
        "template": template.file.name,
        "raw": ImportRun.objects.get(project=project, year=2023).file.name,
    }


@pytest.fixture
def two_gemeenten(world):
    """Amsterdam (to be erased) and Almere (untouched), each with a full traject."""
    home, other = world.gemeente, world.other
    ProjectFactory(gemeente=home, step=12)  # a second project: goals, decisions, actions ...
    home_project = Project.objects.filter(gemeente=home).exclude(pk=world.project.pk).get()
    other_project = ProjectFactory(gemeente=other, step=12)
    files = {
        "home": _fill(home, home_project, marker="Amsterdamse zin", actor=world.users["ambtenaar"]),
        "other": _fill(other, other_project, marker="Almeerse zin", actor=world.users["outsider"]),
    }
    # Another gemeente compares with Amsterdam: that link refers to Amsterdam too.
    world.other_project.benchmark_gemeenten.add(home)
    # Someone in both gemeenten keeps the account; the outsider stays, and so do the bureau's.
    both = UserFactory(email="beide@example.nl")
    MembershipFactory(user=both, gemeente=home)
    MembershipFactory(user=both, gemeente=other)
    world.files = files
    world.both = both
    return world


def _storage():
    return ImportRun._meta.get_field("file").storage


def _refers_to(gemeente_pk: int, project_pks: set[int]) -> list[str]:
    """Every foreign key of every model (link tables included) that still points at the
    gemeente or at one of its projects."""
    left = []
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not field.is_relation:
                continue
            if field.related_model is Gemeente:
                values = {gemeente_pk}
            elif field.related_model is Project:
                values = project_pks
            else:
                continue
            if model._base_manager.filter(**{f"{field.attname}__in": values}).exists():
                left.append(f"{model._meta.label}.{field.name}")
    return left


def test_export_zip_holds_figures_texts_documents_and_audit_log(two_gemeenten, tmp_path):
    world = two_gemeenten
    result = gemeente_export(gemeente=world.gemeente, out=tmp_path / "amsterdam.zip")
    data = (tmp_path / "amsterdam.zip").read_bytes()
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    projects = Project.objects.filter(gemeente=world.gemeente)
    edition_project = projects.exclude(pk=world.project.pk).get()

    readme = archive.read("LEESMIJ.txt").decode()
    assert "Amsterdam (GM0363)" in readme
    for name in names - {"LEESMIJ.txt"}:
        assert name in readme  # the manifest lists every file

    figures = archive.read(f"cijfers/{edition_project.uuid}/editie-2023.csv").decode("utf-8-sig")
    assert "voelt_zich_weleens_onveilig" in figures
    assert "WK036300" in figures

    texts = archive.read(f"teksten/{edition_project.uuid}.json").decode()
    assert "Amsterdamse zin" in texts
    themes = archive.read("tabellen/analysis.analysistheme.csv").decode("utf-8-sig")
    assert "Amsterdamse zin" in themes

    audit = archive.read("auditlog.csv").decode("utf-8-sig")
    assert "thema bewerkt" in audit
    assert "Melissa Overdijk (ambtenaar)" in audit or "(ambtenaar)" in audit
    assert archive.read(f"documenten/{world.files['home']['render']}") == (
        b"%PDF rapport Amsterdamse zin"
    )
    assert archive.read(f"documenten/{world.files['home']['decision']}") == (
        b"%PDF besluit Amsterdamse zin"
    )
    assert f"documenten/{world.files['home']['template']}" in names
    assert "tabellen/projects.membership.csv" in names

    # Nothing of the other gemeente is in it.
    for name in names:
        assert b"Almeerse zin" not in archive.read(name), name
    assert not any(world.files["other"]["render"] in name for name in names)


def test_erase_leaves_no_row_of_the_gemeente_and_the_other_untouched(
    two_gemeenten, tmp_path, django_capture_on_commit_callbacks
):
    world = two_gemeenten
    home, other = world.gemeente, world.other
    home_pk = home.pk
    project_pks = set(Project.objects.filter(gemeente=home).values_list("pk", flat=True))
    assert _refers_to(home_pk, project_pks)  # the check finds the data before the erase
    other_before = row_counts(gemeente_rows(other.pk))
    export = gemeente_export(gemeente=home, out=tmp_path / "export.zip")
    staff = UserFactory(email="beheer@example.nl", is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):  # the files go after the commit
        result = gemeente_erase(
            actor=staff, gemeente=home, confirm_name="amsterdam", export_sha256=export.sha256
        )

    assert _refers_to(home_pk, project_pks) == []
    assert gemeente_rows(home_pk) == {}
    assert not Gemeente.objects.filter(cbs_code="GM0363").exists()
    assert result.counts["projects.Project"] == 2
    # The other gemeente: every row still there, but the link that compared with Amsterdam.
    other_after = row_counts(gemeente_rows(other.pk))
    assert other_after.pop("projects.Project_benchmark_gemeenten", 0) == 0
    assert other_before.pop("projects.Project_benchmark_gemeenten") == 1
    assert other_after == other_before
    # Files: Amsterdam's are gone from private storage, Almere's stay.
    storage = _storage()
    for name in world.files["home"].values():
        assert not storage.exists(name), name
    for name in world.files["other"].values():
        assert storage.exists(name), name
    # Users with no membership left are removed; the others keep their account.
    for persona in ("ambtenaar", "raadslid", "partner"):
        assert not User.objects.filter(email=f"{persona}@example.nl").exists()
    for email in ("adviseur@example.nl", "outsider@example.nl", "beide@example.nl"):
        assert User.objects.filter(email=email).exists()
    assert Membership.objects.filter(user=world.both).count() == 1
    assert result.users_deleted == 3
    # One platform-level audit entry, with the export's checksum.
    entry = AuditEntry.objects.get(action="gemeente gewist")
    assert entry.gemeente_id is None and entry.project_id is None
    assert entry.actor == staff
    assert entry.detail["export (SHA-256)"] == export.sha256
    assert entry.detail["cbs-code"] == "GM0363"


def test_erase_refuses_a_wrong_name_a_missing_export_and_a_non_staff_user(two_gemeenten):
    world = two_gemeenten
    count = Project.objects.filter(gemeente=world.gemeente).count()
    with pytest.raises(ValidationError, match="Typ de naam"):
        gemeente_erase(
            actor=None, gemeente=world.gemeente, confirm_name="Amstelveen", export_sha256="a" * 64
        )
    with pytest.raises(ValidationError, match="eerst de export"):
        gemeente_erase(
            actor=None, gemeente=world.gemeente, confirm_name="Amsterdam", export_sha256=""
        )
    with pytest.raises(PermissionDenied):
        gemeente_erase(
            actor=world.users["ambtenaar"],
            gemeente=world.gemeente,
            confirm_name="Amsterdam",
            export_sha256="a" * 64,
        )
    assert Project.objects.filter(gemeente=world.gemeente).count() == count


def test_commands_export_then_erase(two_gemeenten, tmp_path, monkeypatch):
    world = two_gemeenten
    # Keys go to the database a chunk at a time (SQLite's parameter limit): small chunks
    # here, so a PROTECTed row in a later chunk is still found and deleted in order.
    monkeypatch.setattr(offboarding, "CHUNK", 7)
    out = io.StringIO()
    call_command("export_gemeente", "gm0363", str(tmp_path / "a.zip"), stdout=out)
    assert "Controlegetal (SHA-256): " in out.getvalue()
    assert zipfile.ZipFile(tmp_path / "a.zip").read("LEESMIJ.txt")

    with pytest.raises(CommandError, match="naam van de gemeente"):
        call_command(
            "erase_gemeente", "GM0363", "--confirm", "Almere", "--export", str(tmp_path / "b.zip")
        )
    assert Gemeente.objects.filter(cbs_code="GM0363").exists()
    assert not (tmp_path / "b.zip").exists()

    out = io.StringIO()
    call_command(
        "erase_gemeente",
        "GM0363",
        "--confirm",
        "Amsterdam",
        "--export",
        str(tmp_path / "b.zip"),
        stdout=out,
    )
    assert "Amsterdam (GM0363) gewist" in out.getvalue()
    digest = hashlib.sha256((tmp_path / "b.zip").read_bytes()).hexdigest()
    assert AuditEntry.objects.get(action="gemeente gewist").detail["export (SHA-256)"] == digest
    assert not Gemeente.objects.filter(cbs_code="GM0363").exists()
    assert gemeente_rows(world.gemeente.pk) == {}
    assert Project.objects.filter(gemeente=world.other).exists()

    # A gemeente that comes back: the reference data loads it again, bare.
    load_gemeenten(
        gemeente_model=Gemeente,
        provincie_model=Provincie,
        regio_model=Veiligheidsregio,
        indeling_year=GEMEENTE_INDELING_YEAR,
    )
    back = Gemeente.objects.get(cbs_code="GM0363")
    assert back.name == "Amsterdam" and not back.projects.exists()
