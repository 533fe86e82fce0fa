"""Computing and storing a survey edition.

The slow part (reading and computing) runs outside any transaction and reports progress on
the ImportRun row; the results are then written in one transaction, so a failure at any point
leaves the database as it was, and an existing edition stands until the new one is complete
and the user has confirmed the replacement.
"""

import logging
import math
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from .. import compute
from ..constants import AreaKind, ImportKind, ImportStatus, Series, Source
from ..mapping import Mapping, MappingError, parse_mapping
from ..models import Area, ImportRun, Indicator, IndicatorResult, SurveyEdition
from ..readers import SurveyFileError, file_format, read_survey_file
from ..selectors import own_areas_for_compute
from .comparisons import comparisons_refresh
from .runs import (
    UNEXPECTED,
    catalogue_codes,
    failure_message,
    local_copy,
    max_upload_bytes,
    run_done,
    run_fail,
    run_progress,
    upload_size_check,
)

logger = logging.getLogger(__name__)


def survey_compute(*, run: ImportRun) -> None:
    """Task body: compute every indicator × area, then store all of it in one transaction."""
    if run.status == ImportStatus.DONE:
        return  # idempotent: a redelivered task finds the work done
    run_progress(run, 1, "Bestand wordt gelezen", status=ImportStatus.RUNNING)
    try:
        summary = survey_compute_and_store(
            run=run, progress=lambda percent, text: run_progress(run, percent, text)
        )
    except (SurveyFileError, MappingError, ValidationError) as error:
        run_fail(run, failure_message(error))
        return
    except Exception:
        logger.exception("Survey import %s failed", run.uuid)
        run_fail(run, UNEXPECTED)
        raise
    run_done(run, summary)


def survey_compute_and_store(
    *, run: ImportRun, progress: Callable[[int, str], None] = lambda p, t: None
) -> dict:
    project = run.project
    mapping = parse_mapping(run.mapping, catalogue_codes=catalogue_codes())
    with local_copy(run) as path:
        survey = read_survey_file(
            path, original_name=run.original_name, max_bytes=max_upload_bytes()
        )
    progress(10, "Gegevens worden gecontroleerd")
    prepared = compute.prepare(
        survey,
        mapping,
        gemeente_code=project.gemeente.cbs_code,
        own_areas=own_areas_for_compute(project.gemeente),
    )
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
    results = [
        result_from_cell(
            cell,
            edition=edition,
            indicator=indicators[cell.indicator_code],
            area=areas[cell.area_code],
        )
        for cell in cells
    ]
    IndicatorResult.objects.bulk_create(results, batch_size=2000)
    return {
        "respondents": len(prepared.survey.data),
        "areas": len(areas),
        "wijken": len(prepared.area_codes) - 1,
        "own_areas": len(areas) - len(prepared.area_codes),
        "indicators": len(indicators),
        "results": len(results),
        "suppressed": sum(result.suppressed for result in results),
        "low_n": sum(result.low_n_warning for result in results),
        "notes": prepared.notes,
        "replaced": replaced,
        "series": Series.for_year(run.year).label,
    }


def result_from_cell(
    cell: compute.Cell, *, edition: SurveyEdition, indicator: Indicator, area: Area
) -> IndicatorResult:
    """A computed cell as a stored result: scaled, and suppressed below the project's min n."""
    project = edition.project
    estimate = cell.estimate
    return IndicatorResult(
        edition=edition,
        indicator=indicator,
        area=area,
        estimate=_scaled(estimate.value, cell.scale),
        ci_low=_scaled(estimate.ci_low, cell.scale),
        ci_high=_scaled(estimate.ci_high, cell.scale),
        se=_scaled(estimate.se, cell.scale),
        n=estimate.n,
        n_eff=estimate.n_eff,
        suppressed=estimate.n < project.min_n,
        low_n_warning=project.min_n <= estimate.n < project.warn_n,
    )


def _scaled(value: float | None, scale: float) -> float | None:
    if value is None or math.isnan(value):
        return None
    return value * scale


def _areas(*, gemeente, prepared: compute.Prepared) -> dict[str, Area]:
    """The gemeente and its wijken (created when new), and the own areas the figures are for."""
    own_codes = prepared.own_areas.codes if prepared.own_areas else []
    areas = {
        area.code: area
        for area in Area.objects.filter(gemeente=gemeente, code__in=prepared.area_codes + own_codes)
    }
    if any(code not in areas for code in own_codes):
        raise ValidationError(
            "Een eigen gebied is verwijderd terwijl dit bestand werd ingelezen. Lees het "
            "bestand opnieuw in."
        )
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
        upload_size_check(upload.size)
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
        message = failure_message(error)
        run_fail(run, message)
        raise ValidationError(message) from error
    run_done(run, summary)
    return run
