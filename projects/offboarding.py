"""When a gemeente ends its use of Integraal: export all its data as one ZIP, then erase it.

Which rows are "the gemeente's" is not a hand-kept list: ``gemeente_rows`` starts at the
Gemeente row and follows every foreign key backwards (every model of every app, the
many-to-many link tables included) until nothing new is found: its projects and
everything under them, its memberships, audit entries, word template, wijken, own
indicators, the link rows through which a bureau serves it or another gemeente's project
compares with it. A model added later is covered without a change here, and the erase test
checks the same walk finds nothing afterwards.

Decisions, also on the privacy page:
- The Gemeente row itself goes too. It is reference data from a migration
  (projects/gemeente_data.py); a gemeente that comes back is loaded again from it
  (load_gemeenten is idempotent and adds only the missing ones) or added in the admin.
  Keeping a bare row would leave "a row of that gemeente".
- Users whose only memberships were in this gemeente are deleted (name and e-mail are
  personal data with no purpose left); a user with a membership elsewhere (another
  gemeente, a bureau) keeps the account, and platform staff keep theirs. Audit entries
  elsewhere keep the name they were written with (AuditEntry.actor_label).
- Rows that are not the gemeente's stay: bureaus and their templates, the indicator
  catalogue, provincies and police units, other gemeenten's data.
- One audit entry without a gemeente records the erase, with the export's checksum.
"""

import csv
import hashlib
import io
import json
import logging
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.utils import timezone
from django_scopes import scopes_disabled

from .models import AuditEntry, Gemeente, Membership, Project, private_storage
from .services import audit_record

logger = logging.getLogger(__name__)

Rows = dict[type[models.Model], set]

# Primary keys per query: SQLite allows a limited number of parameters in one statement.
CHUNK = 500


def _chunks(pks) -> Iterable[list]:
    ordered = sorted(pks)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def _objects(model: type[models.Model], pks) -> Iterable[models.Model]:
    """The rows of these primary keys, a chunk of keys per query, in key order."""
    for chunk in _chunks(pks):
        yield from model._base_manager.filter(pk__in=chunk).order_by("pk")


# --- which rows ---------------------------------------------------------------------------


def _walked_models() -> list[type[models.Model]]:
    """Every model whose rows can belong to a gemeente: all of them but the user accounts
    (handled on their own) and Django's own bookkeeping."""
    user_model = get_user_model()
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model is not user_model
        and model._meta.app_label not in ("contenttypes", "sessions", "admin", "auth")
    ]


def _foreign_keys(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.is_relation and f.related_model is not None]


def gemeente_rows(gemeente_pk: int) -> Rows:
    """Every row that refers to the gemeente, directly or through a row that does: model ->
    set of primary keys (the Gemeente row itself included, if it still exists)."""
    found: Rows = {Gemeente: {gemeente_pk}}
    walked = _walked_models()
    with scopes_disabled():  # one gemeente, named by the operator; every app's models
        changed = True
        while changed:
            changed = False
            for model in walked:
                for fk in _foreign_keys(model):
                    targets = found.get(fk.related_model)
                    if not targets:
                        continue
                    pks = set()
                    for chunk in _chunks(targets):
                        pks.update(
                            model._base_manager.filter(**{f"{fk.name}__pk__in": chunk}).values_list(
                                "pk", flat=True
                            )
                        )
                    new = pks - found.get(model, set())
                    if new:
                        found.setdefault(model, set()).update(new)
                        changed = True
    if not Gemeente.objects.filter(pk=gemeente_pk).exists():
        found[Gemeente] = set()
    return {model: pks for model, pks in found.items() if pks}


def row_counts(rows: Rows) -> dict[str, int]:
    return {model._meta.label: len(pks) for model, pks in sorted(rows.items(), key=_label)}


def _label(item) -> str:
    return item[0]._meta.label


# --- export ---------------------------------------------------------------------------------


@dataclass
class ExportResult:
    path: Path
    sha256: str
    files: list[tuple[str, str]] = field(default_factory=list)  # (name in the ZIP, what)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, UUID | Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return str(value)


def _csv(header: list[str], rows: Iterable[Iterable]) -> bytes:
    """UTF-8 with BOM and ';', as the other exports (Excel-NL opens it as it is)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode()


def _model_csv(model: type[models.Model], pks: set) -> bytes:
    fields = list(model._meta.concrete_fields)
    header = [f.attname for f in fields]
    rows = ([getattr(obj, f.attname) for f in fields] for obj in _objects(model, pks))
    return _csv(header, rows)


def _figure_files(gemeente: Gemeente) -> Iterable[tuple[str, bytes, str]]:
    from analysis.figures.exports import to_csv
    from analysis.figures.selectors import EXPORT_COLUMNS, export_rows

    # Per project, as each project shows them (its chosen editions, its thresholds).
    for project in Project.objects.filter(gemeente=gemeente).order_by("period_start", "pk"):
        for edition in project.editions.order_by("year"):
            rows = export_rows(project, edition=edition.year, full_precision=True)
            name = f"cijfers/{project.uuid}/editie-{edition.year}.csv"
            yield (
                name,
                to_csv(EXPORT_COLUMNS, rows, full_precision=True),
                f"uitkomsten per indicator en gebied, {project.name}, editie {edition.year}",
            )


def _text_files(gemeente: Gemeente) -> Iterable[tuple[str, bytes, str]]:
    """The texts of each project as JSON, readable without the per-table CSV files."""
    from analysis.models import AnalysisTheme

    for project in Project.objects.filter(gemeente=gemeente).order_by("period_start", "pk"):
        themes = [
            {"veld": theme.field.name} | _instance_dict(theme)
            for theme in AnalysisTheme.objects.filter(field__project=project)
            .select_related("field")
            .order_by("field__position", "position")
        ]
        kadernota = getattr(project, "kadernota", None)
        data = {
            "project": project.name,
            "periode": [project.period_start, project.period_end],
            "veiligheidsanalyse": themes,
            "kadernota": _instance_dict(kadernota) if kadernota else None,
        }
        yield (
            f"teksten/{project.uuid}.json",
            json.dumps(data, ensure_ascii=False, indent=2, default=_cell).encode(),
            f"teksten van {project.name}: thema's van de veiligheidsanalyse en de kadernota",
        )


def _instance_dict(obj: models.Model) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _stored_files(rows: Rows) -> list[tuple[models.fields.files.FieldFile, str]]:
    """The files of the gemeente's rows in private storage (rendered reports, decision
    documents, word template, logo, wijk map, uploads still kept), with the model's name."""
    found = []
    for model, pks in sorted(rows.items(), key=_label):
        file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
        if not file_fields:
            continue
        for obj in _objects(model, pks):
            for file_field in file_fields:
                stored = getattr(obj, file_field.attname)
                if stored and stored.name:
                    found.append((stored, str(model._meta.verbose_name)))
    return found


def gemeente_export(*, gemeente: Gemeente, out: Path) -> ExportResult:
    """Write all the gemeente's data to a ZIP at ``out``: figures, texts, documents, the
    audit log, every row as CSV per table, and a README listing what is inside with each
    file's SHA-256. Returns the ZIP's own SHA-256 (the erase records it)."""
    result = ExportResult(path=out, sha256="")
    with scopes_disabled():
        rows = gemeente_rows(gemeente.pk)
        entries: list[tuple[str, bytes, str]] = []
        entries += list(_figure_files(gemeente))
        entries += list(_text_files(gemeente))
        audit = sorted(
            _objects(AuditEntry, rows.get(AuditEntry, set())), key=lambda e: (e.at, e.pk)
        )
        entries.append(
            (
                "auditlog.csv",
                _csv(
                    ["tijdstip", "door", "actie", "soort object", "object", "details"],
                    (
                        [e.at, e.actor_label, e.action, e.object_type, e.object_repr, e.detail]
                        for e in audit
                    ),
                ),
                "het auditlog: wie deed wat, wanneer",
            )
        )
        for model, pks in sorted(rows.items(), key=_label):
            entries.append(
                (
                    f"tabellen/{model._meta.label_lower}.csv",
                    _model_csv(model, pks),
                    f"{model._meta.verbose_name_plural}: {len(pks)} rij(en), alle velden",
                )
            )
        documents = _stored_files(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    manifest = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data, what in entries:
            archive.writestr(name, data)
            manifest.append((name, hashlib.sha256(data).hexdigest(), what))
        for stored, what in documents:
            name = f"documenten/{stored.name}"
            digest = hashlib.sha256()
            try:
                with stored.open("rb") as source, archive.open(name, "w") as target:
                    for chunk in iter(lambda s=source: s.read(1024 * 1024), b""):
                        digest.update(chunk)
                        target.write(chunk)
            except OSError:
                logger.warning("Export of %s: file %s is missing", gemeente.cbs_code, stored.name)
                manifest.append((name, "", f"{what} (ontbreekt in de opslag)"))
                continue
            manifest.append((name, digest.hexdigest(), what))
        archive.writestr("LEESMIJ.txt", _readme(gemeente, manifest, rows).encode())
    result.files = [(name, what) for name, _digest, what in manifest]
    result.sha256 = _file_sha256(out)
    return result


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _readme(gemeente: Gemeente, manifest: list[tuple[str, str, str]], rows: Rows) -> str:
    lines = [
        f"Export van alle gegevens van gemeente {gemeente.name} ({gemeente.cbs_code})",
        f"Gemaakt op {timezone.localtime():%d-%m-%Y %H:%M} door Integraal.",
        "",
        "Indeling:",
        "- cijfers/<project>/editie-<jaar>.csv: de uitkomsten per indicator, gebied en editie",
        "- teksten/<project>.json: de teksten van de veiligheidsanalyse en de kadernota",
        "- auditlog.csv: wie deed wat en wanneer",
        "- tabellen/<app>.<tabel>.csv: elke rij van de gemeente, per tabel, met alle velden",
        "- documenten/...: gerenderde rapporten, besluitdocumenten, huisstijlsjabloon, logo,",
        "  wijkkaart en nog bewaarde ruwe bestanden, zoals ze in de opslag stonden",
        "",
        "CSV-bestanden: UTF-8, puntkomma als scheidingsteken.",
        "",
        "Aantal rijen per tabel:",
        *(f"  {label}: {count}" for label, count in row_counts(rows).items()),
        "",
        "Bestanden (SHA-256, naam, inhoud):",
        *(f"  {digest or '-':64}  {name}  ({what})" for name, digest, what in manifest),
        "",
    ]
    return "\n".join(lines)


# --- erase ----------------------------------------------------------------------------------


def _delete_rows(rows: Rows) -> None:
    """Delete every collected row. PROTECT keys (Project.gemeente, SurveyEdition.import_run,
    Goal.indicator, ...) only allow a row to go once the rows protecting it are gone, and
    all of those are collected too: delete what can go, then try the rest again."""
    pending = {model: set(pks) for model, pks in sorted(rows.items(), key=_label)}
    while pending:
        progress = False
        for model in list(pending):
            for chunk in _chunks(pending[model]):
                try:
                    with transaction.atomic():
                        model._base_manager.filter(pk__in=chunk).delete()
                except (ProtectedError, RestrictedError):
                    continue
                pending[model].difference_update(chunk)
                progress = True
            if not pending[model]:
                del pending[model]
        if not progress:
            labels = ", ".join(model._meta.label for model in pending)
            raise RuntimeError(f"These rows could not be deleted: {labels}")


def _file_names(rows: Rows) -> list[tuple[object, str]]:
    """(storage, name) of every stored file to remove once the erase commits: the files of
    the rows, the read caches beside respondent files, and the unstamped besloten bijlagen
    kept per version (they hold the confidential parts)."""
    from analysis.figures.read_cache import cache_names
    from analysis.models import ImportRun
    from reports.besloten_bijlage import ANNEX_FOLDER
    from reports.models import ReportVersion

    names = [(stored.storage, stored.name) for stored, _what in _stored_files(rows)]
    for run in _objects(ImportRun, rows.get(ImportRun, set())):
        if run.file:
            names += [(run.file.storage, name) for name in cache_names(run)]
    storage = private_storage()
    for version in _objects(ReportVersion, rows.get(ReportVersion, set())):
        folder = f"{ANNEX_FOLDER}/{version.project.gemeente.uuid}/{version.uuid}"
        if storage.exists(folder):
            names += [(storage, f"{folder}/{name}") for name in storage.listdir(folder)[1]]
            names.append((storage, folder))  # the folder itself, once empty
    return names


def _remove_files(names: list[tuple[object, str]]) -> None:
    for storage, name in names:
        try:
            if storage.exists(name):
                storage.delete(name)
        except OSError:
            logger.exception("Erase: removing %s failed; remove it by hand", name)


@dataclass
class EraseResult:
    gemeente: str
    cbs_code: str
    counts: dict[str, int]
    users_deleted: int
    files_removed: int
    audit_entry: AuditEntry


def gemeente_erase(
    *, actor, gemeente: Gemeente, confirm_name: str, export_sha256: str
) -> EraseResult:
    """Erase every row of the gemeente (see the module docstring) in one transaction, then
    its files; record one platform-level audit entry with the export's checksum.

    ``actor`` is platform staff (the page) or None (the command, run by the operator).
    ``confirm_name`` must be the gemeente's name, typed by hand."""
    if actor is not None and not getattr(actor, "is_staff", False):
        raise PermissionDenied("Alleen platformbeheer mag een gemeente wissen.")
    if confirm_name.strip().casefold() != gemeente.name.casefold():
        raise ValidationError(
            {"confirm_name": f"Typ de naam van de gemeente precies: {gemeente.name}."}
        )
    if len(export_sha256) != 64:
        raise ValidationError("Maak eerst de export; zonder export wordt niets gewist.")
    user_model = get_user_model()
    name, cbs_code, pk = gemeente.name, gemeente.cbs_code, gemeente.pk
    with scopes_disabled(), transaction.atomic():
        Gemeente.objects.select_for_update().get(pk=pk)
        rows = gemeente_rows(pk)
        counts = row_counts(rows)
        files = _file_names(rows)
        member_ids = set(
            Membership.objects.filter(gemeente_id=pk).values_list("user_id", flat=True)
        )
        _delete_rows(rows)
        left = gemeente_rows(pk)
        if left:
            raise RuntimeError(f"Rows of {cbs_code} remain after the erase: {row_counts(left)}")
        lonely = user_model.objects.filter(
            pk__in=member_ids, is_staff=False, is_superuser=False
        ).exclude(pk__in=Membership.objects.values("user_id"))
        users_deleted = lonely.count()
        lonely.delete()
        entry = audit_record(
            actor=actor,
            action="gemeente gewist",
            detail={
                "gemeente": name,
                "cbs-code": cbs_code,
                "export (SHA-256)": export_sha256,
                "rijen": counts,
                "gebruikers verwijderd": users_deleted,
                "bestanden verwijderd": len(files),
            },
        )
        transaction.on_commit(lambda: _remove_files(files))
    return EraseResult(
        gemeente=name,
        cbs_code=cbs_code,
        counts=counts,
        users_deleted=users_deleted,
        files_removed=len(files),
        audit_entry=entry,
    )
