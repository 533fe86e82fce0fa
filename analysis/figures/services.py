"""Writes of the analysis app: imports (atomic), stored results, comparisons.

The slow part of a survey import (reading and computing) runs outside any transaction and
reports progress on the ImportRun row; the results are then written in one transaction, so a
failure at any point leaves the database as it was, and an existing edition stands until the
new one is complete and the user has confirmed the replacement.
"""

import logging
import math
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone

from projects.models import Project
from projects.services import audit_record

from . import compute, stats
from .constants import (
    AreaKind,
    ImportKind,
    ImportStatus,
    Series,
    Source,
)
from .geofiles import wijk_features
from .geometry import simplify_geometry
from .mapping import Mapping, MappingError, parse_mapping
from .models import (
    Area,
    Benchmark,
    BenchmarkTest,
    ImportRun,
    Indicator,
    IndicatorResult,
    MappingTemplate,
    SurveyEdition,
)
from .readers import SurveyFile, SurveyFileError, file_format, read_survey_file
from .suggest import suggest_mapping

logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    """Read on every call, so a changed setting (and a test's override) applies at once."""
    return settings.SURVEY_MAX_UPLOAD_BYTES


def catalogue_codes() -> set[str]:
    return set(Indicator.objects.filter(gemeente=None).values_list("code", flat=True))


def _progress(run: ImportRun, percent: int, message: str = "", **fields: Any) -> None:
    """Progress is written outside any transaction so the page sees it while we work."""
    fields.update(progress=max(0, min(100, percent)), message=message[:500])
    ImportRun.objects.filter(pk=run.pk).update(**fields)
    for name, value in fields.items():
        setattr(run, name, value)


def _fail(run: ImportRun, message: str) -> None:
    _progress(
        run, 0, message, status=ImportStatus.FAILED, errors=[message], finished_at=timezone.now()
    )


UNEXPECTED = (
    "Er ging iets mis bij het verwerken. Er is niets veranderd; probeer het opnieuw of neem "
    "contact op met de beheerder."
)


@contextmanager
def failing_run_reported(run: ImportRun):
    """An unexpected error still ends the run as failed, so the page stops waiting."""
    try:
        yield
    except Exception:
        logger.exception("Import %s failed", run.uuid)
        _fail(run, UNEXPECTED)
        raise


@contextmanager
def _local_copy(run: ImportRun):
    """The stored original as a local file (the storage may be remote)."""
    suffix = "." + run.original_name.rsplit(".", 1)[-1].lower()
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        with run.file.open("rb") as source:
            for chunk in iter(lambda: source.read(1024 * 1024), b""):
                handle.write(chunk)
        handle.flush()
        yield Path(handle.name)


# --- starting an import --------------------------------------------------------------


@transaction.atomic
def import_run_start(
    *,
    actor,
    project: Project,
    kind: str,
    upload: UploadedFile,
    year: int | None = None,
    template: MappingTemplate | None = None,
) -> ImportRun:
    """Store the original privately and queue the reading; the file itself is not parsed here."""
    try:
        if kind == ImportKind.SURVEY:
            file_format(upload.name)
        elif not upload.name.lower().endswith(".csv"):
            raise SurveyFileError("Kies een CSV-bestand (.csv), zoals CBS StatLine het levert.")
        if upload.size == 0:
            raise SurveyFileError("Het bestand is leeg.")
        if upload.size > max_upload_bytes():
            raise SurveyFileError(
                f"Het bestand is {upload.size / 1_048_576:.0f} MB; de grens is "
                f"{max_upload_bytes() / 1_048_576:.0f} MB."
            )
    except SurveyFileError as error:
        raise ValidationError({"file": str(error)}) from error
    if kind == ImportKind.SURVEY and not year:
        raise ValidationError({"year": "Van welk jaar is deze Veiligheidsmonitor?"})
    run = ImportRun(
        project=project,
        kind=kind,
        original_name=upload.name[:255],
        year=year,
        created_by=actor,
        mapping=template.mapping if template else {},
    )
    run.file.save(upload.name, upload, save=False)
    run.save()
    audit_record(
        actor=actor,
        action="import gestart",
        obj=run,
        project=project,
        detail={"bestand": run.original_name, "soort": kind, "editie": year},
    )
    from .. import tasks

    transaction.on_commit(lambda: tasks.import_read.delay(str(run.uuid)))
    return run


def describe_variables(survey: SurveyFile) -> list[dict]:
    """What the mapping page shows of each variable (kept on the run as JSON)."""
    described = []
    for name in survey.data.columns:
        column = survey.data[name]
        numeric = column.dtype.kind in "fiu"
        labels = survey.value_labels.get(name, {})
        entry = {
            "name": name,
            "label": survey.variable_labels.get(name, ""),
            "numeric": numeric,
            "value_labels": {_json_key(code): str(label) for code, label in labels.items()},
            "minimum": float(column.min()) if numeric and column.notna().any() else None,
            "maximum": float(column.max()) if numeric and column.notna().any() else None,
            "distinct": int(column.nunique(dropna=True)),
        }
        if not labels and entry["distinct"] <= 12:
            entry["values"] = sorted(
                (_json_key(value) for value in column.dropna().unique()), key=str
            )
        described.append(entry)
    return described


def _json_key(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, np.generic):
        return value.item()
    return value


def survey_read(*, run: ImportRun) -> None:
    """Task body: read the file, list its variables, suggest a mapping."""
    _progress(run, 5, "Bestand wordt gelezen", status=ImportStatus.READING)
    try:
        with _local_copy(run) as path:
            survey = read_survey_file(
                path, original_name=run.original_name, max_bytes=max_upload_bytes()
            )
    except SurveyFileError as error:
        _fail(run, str(error))
        return
    variables = describe_variables(survey)
    mapping = run.mapping or suggest_mapping(variables)
    _progress(
        run,
        100,
        f"{len(survey.data)} respondenten en {len(variables)} variabelen gelezen.",
        status=ImportStatus.MAPPING,
        variables=variables,
        mapping=mapping,
        summary={"respondents": len(survey.data)},
    )


# --- mapping and confirmation ----------------------------------------------------------


# A mapping may be (re)submitted while the run waits for it, waits for the confirmation of a
# replacement, or after a failure; in every other state an import is under way or done.
MAPPING_OPEN = (ImportStatus.MAPPING, ImportStatus.CONFIRM, ImportStatus.FAILED)


def survey_mapping_submit(
    *, actor, run: ImportRun, mapping: dict, template_name: str = ""
) -> ImportRun:
    """Check the mapping; ask for confirmation when the edition exists, else queue.

    The run moves on by compare-and-set from the status this request saw: of two submits of
    one mapping (a double click, two web processes) only the first starts an import; the
    second returns the run as the first left it, so the page shows the first one's outcome
    instead of a second import failing on the edition the first one stored.
    """
    observed = run.status
    if observed not in MAPPING_OPEN:
        run.refresh_from_db()
        return run
    try:
        parsed = parse_mapping(mapping, catalogue_codes=catalogue_codes())
    except MappingError as error:
        raise ValidationError(str(error)) from error
    _check_columns_exist(run, parsed)
    with transaction.atomic():
        exists = SurveyEdition.objects.filter(project=run.project, year=run.year).exists()
        won = ImportRun.objects.filter(pk=run.pk, status=observed).update(
            mapping=parsed.to_dict(),
            status=ImportStatus.CONFIRM if exists else ImportStatus.QUEUED,
            replace_confirmed=False,
            errors=[],
            message="",
            progress=0,
        )
        run.refresh_from_db()
        if not won:
            return run
        if template_name:
            mapping_template_save(
                actor=actor, project=run.project, name=template_name, mapping=run.mapping
            )
        if not exists:
            _queue_compute(run)
    return run


def _check_columns_exist(run: ImportRun, mapping: Mapping) -> None:
    if not run.variables:
        return
    present = {variable["name"] for variable in run.variables}
    wanted = [("weegfactor", mapping.weight)]
    wanted += [("wijk", mapping.wijk), ("respondentnummer", mapping.respondent_id)]
    wanted += [(f"indicator {code}", spec.variable) for code, spec in mapping.indicators.items()]
    for role, name in wanted:
        if name and name not in present:
            raise ValidationError(f"De kolom '{name}' ({role}) staat niet in het bestand.")


@transaction.atomic
def survey_replace_confirm(*, actor, run: ImportRun) -> ImportRun:
    """Confirm replacing the edition, once: a second click finds it confirmed and queued."""
    won = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.CONFIRM).update(
        replace_confirmed=True, status=ImportStatus.QUEUED
    )
    run.refresh_from_db()
    if not won:
        if run.replace_confirmed:
            return run  # the first click confirmed it; the page shows how that went
        raise ValidationError("Er is niets te bevestigen.")
    audit_record(
        actor=actor,
        action="vervangen editie bevestigd",
        obj=run,
        project=run.project,
        detail={"editie": run.year},
    )
    _queue_compute(run)
    return run


def _queue_compute(run: ImportRun) -> None:
    from .. import tasks

    uuid = str(run.uuid)
    transaction.on_commit(lambda: tasks.survey_compute.delay(uuid))


def mapping_template_save(*, actor, project: Project, name: str, mapping: dict) -> MappingTemplate:
    """Save per bureau when an adviseur works for one, else for the gemeente itself."""
    bureau = project.gemeente.bureaus.filter(
        memberships__user=actor, memberships__role="adviseur"
    ).first()
    owner = {"bureau": bureau} if bureau else {"gemeente": project.gemeente}
    template, _ = MappingTemplate.objects.update_or_create(
        name=name.strip(), **owner, defaults={"mapping": mapping, "created_by": actor}
    )
    audit_record(
        actor=actor,
        action="koppelsjabloon opgeslagen",
        obj=template,
        project=project,
        detail={"naam": template.name},
    )
    return template


# --- computing and storing -------------------------------------------------------------


def survey_compute(*, run: ImportRun) -> None:
    """Task body: compute every indicator × area, then store all of it in one transaction."""
    if run.status == ImportStatus.DONE:
        return  # idempotent: a redelivered task finds the work done
    _progress(run, 1, "Bestand wordt gelezen", status=ImportStatus.RUNNING)
    try:
        summary = survey_compute_and_store(
            run=run, progress=lambda percent, text: _progress(run, percent, text)
        )
    except (SurveyFileError, MappingError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        _fail(run, message)
        return
    except Exception:
        logger.exception("Survey import %s failed", run.uuid)
        _fail(
            run,
            "Er ging iets mis bij het verwerken. Er is niets veranderd; probeer het "
            "opnieuw of neem contact op met de beheerder.",
        )
        raise
    _progress(
        run, 100, "Klaar", status=ImportStatus.DONE, summary=summary, finished_at=timezone.now()
    )


def survey_compute_and_store(
    *, run: ImportRun, progress: Callable[[int, str], None] = lambda p, t: None
) -> dict:
    project = run.project
    mapping = parse_mapping(run.mapping, catalogue_codes=catalogue_codes())
    with _local_copy(run) as path:
        survey = read_survey_file(
            path, original_name=run.original_name, max_bytes=max_upload_bytes()
        )
    progress(10, "Gegevens worden gecontroleerd")
    prepared = compute.prepare(survey, mapping, gemeente_code=project.gemeente.cbs_code)
    cells = list(
        compute.compute(
            prepared,
            mapping,
            progress=lambda done, total: progress(
                10 + int(75 * done / total), f"Indicator {done} van {total} berekend"
            ),
        )
    )
    progress(90, "Uitkomsten worden opgeslagen")
    with transaction.atomic():
        summary = _store_edition(run=run, mapping=mapping, prepared=prepared, cells=cells)
        comparisons_refresh(project=project)
        audit_record(
            actor=run.created_by,
            action="editie ingelezen",
            obj=run,
            project=project,
            detail={
                "editie": run.year,
                "respondenten": summary["respondents"],
                "indicatoren": summary["indicators"],
                "vervangen": summary["replaced"],
            },
        )
    return summary


def _store_edition(
    *, run: ImportRun, mapping: Mapping, prepared: compute.Prepared, cells: list[compute.Cell]
) -> dict:
    project = run.project
    gemeente = project.gemeente
    existing = SurveyEdition.objects.select_for_update().filter(project=project, year=run.year)
    replaced = existing.exists()
    if replaced and not run.replace_confirmed:
        raise ValidationError(
            f"Editie {run.year} bestaat al. Bevestig eerst dat u die wilt vervangen."
        )
    existing.delete()
    areas = _areas(gemeente=gemeente, prepared=prepared)
    indicators = _indicators(gemeente=gemeente, mapping=mapping)
    edition = SurveyEdition.objects.create(
        project=project,
        year=run.year,
        series=Series.for_year(run.year),
        import_run=run,
        respondents=len(prepared.survey.data),
        weight_column=mapping.weight,
    )
    results = []
    for cell in cells:
        estimate = cell.estimate
        results.append(
            IndicatorResult(
                edition=edition,
                indicator=indicators[cell.indicator_code],
                area=areas[cell.area_code],
                estimate=_scaled(estimate.value, cell.scale),
                ci_low=_scaled(estimate.ci_low, cell.scale),
                ci_high=_scaled(estimate.ci_high, cell.scale),
                se=_scaled(estimate.se, cell.scale),
                n=estimate.n,
                n_eff=estimate.n_eff,
                suppressed=estimate.n < project.min_n,
                low_n_warning=project.min_n <= estimate.n < project.warn_n,
            )
        )
    IndicatorResult.objects.bulk_create(results, batch_size=2000)
    return {
        "respondents": len(prepared.survey.data),
        "areas": len(areas),
        "wijken": len(areas) - 1,
        "indicators": len(indicators),
        "results": len(results),
        "suppressed": sum(result.suppressed for result in results),
        "low_n": sum(result.low_n_warning for result in results),
        "notes": prepared.notes,
        "replaced": replaced,
        "series": Series.for_year(run.year).label,
    }


def _scaled(value: float | None, scale: float) -> float | None:
    if value is None or math.isnan(value):
        return None
    return value * scale


def _areas(*, gemeente, prepared: compute.Prepared) -> dict[str, Area]:
    areas = {
        area.code: area
        for area in Area.objects.filter(gemeente=gemeente, code__in=prepared.area_codes)
    }
    for code in prepared.area_codes:
        is_gemeente = code == gemeente.cbs_code
        name = gemeente.name if is_gemeente else prepared.wijk_names.get(code, code)
        area = areas.get(code)
        if area is None:
            areas[code] = Area.objects.create(
                gemeente=gemeente,
                code=code,
                name=name,
                kind=AreaKind.GEMEENTE if is_gemeente else AreaKind.WIJK,
                inhabitants=gemeente.inhabitants if is_gemeente else None,
            )
        elif area.name == area.code and name != code:
            area.name = name
            area.save(update_fields=["name"])
    return areas


def _indicators(*, gemeente, mapping: Mapping) -> dict[str, Indicator]:
    catalogue = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(gemeente=None, code__in=mapping.indicators)
    }
    for code, spec in mapping.indicators.items():
        if code in catalogue:
            continue
        catalogue[code], _ = Indicator.objects.update_or_create(
            code=code,
            gemeente=gemeente,
            defaults={
                "name": spec.name,
                "unit": spec.unit,
                "direction": spec.direction,
                "source": Source.EIGEN,
            },
        )
    return catalogue


# --- comparisons -----------------------------------------------------------------------


def comparisons_refresh(*, project: Project) -> None:
    """Store, for every result, the change since the previous edition of the same series and
    the tests against benchmarks of the same year. Suppressed figures are never tested."""
    results = list(
        IndicatorResult.objects.filter(edition__project=project).select_related("edition")
    )
    by_cell: dict[tuple[int, int], list[IndicatorResult]] = {}
    for result in results:
        by_cell.setdefault((result.indicator_id, result.area_id), []).append(result)
    changed = []
    for cell_results in by_cell.values():
        cell_results.sort(key=lambda result: result.edition.year)
        previous = None
        for result in cell_results:
            stored = (result.previous_year, result.change, result.change_significant)
            result.previous_year, result.change, result.change_significant = None, None, None
            if previous is not None and previous.edition.series == result.edition.series:
                result.previous_year = previous.edition.year
                _test_change(result, previous)
            if (result.previous_year, result.change, result.change_significant) != stored:
                changed.append(result)
            previous = result
    _update_changes(changed)
    _benchmark_tests_refresh(project=project, results=results)
    from ..narrative.services import drafts_refresh  # the drafts tell what the figures now say

    drafts_refresh(project=project)
    from kernbeleid.cycle.services import goals_measure  # goals against the new figures

    goals_measure(project=project)


def _update_changes(results: list[IndicatorResult]) -> None:
    """One parametrised UPDATE run for many rows: Django's bulk_update builds a CASE per row
    and is far slower for the ten thousand rows of a large edition."""
    if not results:
        return
    table = connection.ops.quote_name(IndicatorResult._meta.db_table)
    columns = ", ".join(
        f"{connection.ops.quote_name(name)} = %s"
        for name in ("previous_year", "change", "change_significant")
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {columns} WHERE id = %s",  # noqa: S608 - names are ours
            [(r.previous_year, r.change, r.change_significant, r.pk) for r in results],
        )


def _test_change(result: IndicatorResult, previous: IndicatorResult) -> None:
    if result.suppressed or previous.suppressed:
        return
    if result.estimate is None or previous.estimate is None:
        return
    result.change = result.estimate - previous.estimate
    if result.se is None or previous.se is None:
        return
    difference = stats.compare(result.estimate, result.se, previous.estimate, previous.se)
    result.change_significant = difference.significant if difference else None


def _benchmark_tests_refresh(*, project: Project, results: list[IndicatorResult]) -> None:
    BenchmarkTest.objects.filter(result__edition__project=project).delete()
    benchmarks: dict[tuple[int, int], list[Benchmark]] = {}
    for benchmark in Benchmark.objects.filter(project=project, suppressed=False):
        benchmarks.setdefault((benchmark.indicator_id, benchmark.year), []).append(benchmark)
    tests = []
    for result in results:
        if result.suppressed or result.estimate is None or result.se is None:
            continue
        for benchmark in benchmarks.get((result.indicator_id, result.edition.year), []):
            if benchmark.estimate is None:
                continue
            difference = stats.compare(
                result.estimate,
                result.se,
                benchmark.estimate,
                stats.se_from_interval(benchmark.ci_low, benchmark.ci_high),
            )
            if difference is not None:
                tests.append(
                    BenchmarkTest(
                        result=result,
                        benchmark=benchmark,
                        difference=difference.difference,
                        significant=difference.significant,
                    )
                )
    BenchmarkTest.objects.bulk_create(tests, batch_size=2000)


@transaction.atomic
def project_thresholds_update(*, actor, project: Project, min_n: int, warn_n: int) -> None:
    """New thresholds apply to stored results at once: n is stored, so no re-import."""
    if warn_n < min_n:
        raise ValidationError({"warn_n": "De waarschuwingsgrens ligt niet onder het minimum."})
    if min_n < 1:
        raise ValidationError({"min_n": "Het minimum is ten minste 1."})
    changes = {
        "min_n": {"van": project.min_n, "naar": min_n},
        "warn_n": {"van": project.warn_n, "naar": warn_n},
    }
    project.min_n, project.warn_n = min_n, warn_n
    project.save(update_fields=["min_n", "warn_n"])
    results = IndicatorResult.objects.filter(edition__project=project)
    results.update(suppressed=False, low_n_warning=False)
    results.filter(n__lt=min_n).update(suppressed=True)
    results.filter(n__gte=min_n, n__lt=warn_n).update(low_n_warning=True)
    comparisons_refresh(project=project)
    audit_record(
        actor=actor, action="drempels gewijzigd", obj=project, project=project, detail=changes
    )


def survey_import_now(
    *,
    actor,
    project: Project,
    upload: UploadedFile,
    year: int,
    mapping: dict,
    replace: bool = False,
) -> ImportRun:
    """The whole import at once (the command's path): read, check, compute and store.

    Raises ValidationError with the same Dutch message the page shows; the run is kept as a
    record of the attempt, the results only when everything succeeded.
    """
    try:
        file_format(upload.name)
        if upload.size > max_upload_bytes():
            raise SurveyFileError(
                f"Het bestand is {upload.size / 1_048_576:.0f} MB; de grens is "
                f"{max_upload_bytes() / 1_048_576:.0f} MB."
            )
        parsed = parse_mapping(mapping, catalogue_codes=catalogue_codes())
    except (SurveyFileError, MappingError) as error:
        raise ValidationError(str(error)) from error
    if SurveyEdition.objects.filter(project=project, year=year).exists() and not replace:
        raise ValidationError(
            f"Editie {year} bestaat al voor dit project. Bevestig dat u die wilt vervangen "
            "(bij het commando: --replace); tot dan blijven de oude cijfers staan."
        )
    run = ImportRun(
        project=project,
        kind=ImportKind.SURVEY,
        original_name=upload.name[:255],
        year=year,
        created_by=actor,
        mapping=parsed.to_dict(),
        replace_confirmed=replace,
        status=ImportStatus.RUNNING,
    )
    run.file.save(upload.name, upload, save=False)
    run.save()
    try:
        summary = survey_compute_and_store(run=run)
    except (SurveyFileError, MappingError, ValidationError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        _fail(run, message)
        raise ValidationError(message) from error
    _progress(
        run, 100, "Klaar", status=ImportStatus.DONE, summary=summary, finished_at=timezone.now()
    )
    return run


@transaction.atomic
def project_comparables_set(*, actor, project: Project, gemeenten: list) -> None:
    before = sorted(project.benchmark_gemeenten.values_list("cbs_code", flat=True))
    project.benchmark_gemeenten.set(gemeenten)
    after = sorted(gemeente.cbs_code for gemeente in gemeenten)
    audit_record(
        actor=actor,
        action="vergelijkbare gemeenten gekozen",
        obj=project,
        project=project,
        detail={"van": before, "naar": after},
    )


WIJK_CODE_PROPERTIES = ("wijkcode", "statcode", "WK_CODE", "code", "wijk_code")
WIJK_NAME_PROPERTIES = ("wijknaam", "statnaam", "WK_NAAM", "naam", "name", "wijk_naam")
GEMEENTE_CODE_PROPERTIES = ("gemeentecode", "GM_CODE", "gemeenteCode", "gm_code", "gemeente_code")


def _wijk_code_property(properties: dict) -> str | None:
    """The property holding the wijk code: a known name, else the first value like WKxxxxyy."""
    known = next((key for key in WIJK_CODE_PROPERTIES if key in properties), None)
    return known or next(
        (key for key, value in properties.items() if str(value).startswith("WK")), None
    )


class _OwnWijken:
    """Which features of a wijk file are wijken of this gemeente (a CBS file has them all)."""

    def __init__(self, gemeente):
        self.gemeente_code = gemeente.cbs_code
        self.prefix = "WK" + gemeente.cbs_code[2:]
        self.any_code = False

    def __call__(self, feature: dict) -> bool:
        properties = feature.get("properties")
        if not isinstance(properties, dict):
            return False
        key = _wijk_code_property(properties)
        if key is None:
            return False
        self.any_code = True
        gemeente = next((properties[k] for k in GEMEENTE_CODE_PROPERTIES if k in properties), None)
        if gemeente is not None and str(gemeente) != self.gemeente_code:
            return False
        return str(properties[key]).startswith(self.prefix)


def wijkmap_save(*, actor, project: Project, upload: UploadedFile) -> int:
    """Keep this gemeente's wijken of an uploaded wijk map (GeoJSON or a zip holding one).

    The file streams by feature by feature (figures.geofiles): the size is checked before
    anything is read, and only this gemeente's wijken stay in memory, each simplified at once
    (geometry.simplify_geometry) so the maps drawn from it stay fast. Returns the number of wijken.
    """
    gemeente = project.gemeente
    own = _OwnWijken(gemeente)
    try:
        features = [
            {**feature, "geometry": simplify_geometry(feature["geometry"])}
            for feature in wijk_features(upload, keep=own)
        ]
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if not features:
        if not own.any_code:
            raise ValidationError(
                "In de wijkkaart staat geen eigenschap met de wijkcode (zoals wijkcode of "
                "statcode)."
            )
        raise ValidationError(
            f"De wijkkaart bevat geen wijken van {gemeente.name} (codes {own.prefix}xx)."
        )
    _wijkmap_store(actor=actor, project=project, features=features, name=upload.name)
    return len(features)


@transaction.atomic
def _wijkmap_store(*, actor, project: Project, features: list[dict], name: str) -> None:
    import json

    from django.core.files.base import ContentFile

    from .models import WijkMap

    gemeente = project.gemeente
    properties = features[0].get("properties") or {}
    code_property = _wijk_code_property(properties)
    name_property = next((key for key in properties if key in WIJK_NAME_PROPERTIES), code_property)
    content = ContentFile(
        json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
    )
    wijk_map = WijkMap.objects.filter(gemeente=gemeente).first() or WijkMap(gemeente=gemeente)
    old_name = wijk_map.file.name if wijk_map.pk else ""
    wijk_map.code_property, wijk_map.name_property = code_property, name_property
    wijk_map.file.save(f"{gemeente.cbs_code}-wijken.geojson", content, save=False)
    wijk_map.save()
    if old_name and old_name != wijk_map.file.name:
        storage = wijk_map.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    audit_record(
        actor=actor,
        action="wijkkaart opgeslagen",
        obj=wijk_map,
        project=project,
        detail={"bestand": name[:255], "wijken": len(features)},
    )


@transaction.atomic
def area_inhabitants_set(*, actor, project: Project, values: dict) -> int:
    changed = {}
    for area, inhabitants in values.items():
        if area.gemeente_id != project.gemeente_id:
            raise ValidationError("Dit gebied hoort niet bij deze gemeente.")
        if area.inhabitants != inhabitants:
            changed[area.code] = {"van": area.inhabitants, "naar": inhabitants}
            area.inhabitants = inhabitants
            area.save(update_fields=["inhabitants"])
    if changed:
        audit_record(
            actor=actor,
            action="inwonertallen gewijzigd",
            obj=project,
            project=project,
            detail=changed,
        )
    return len(changed)
