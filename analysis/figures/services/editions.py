"""Storing a survey edition, once its preview has been checked (see `previews`).

The slow part (reading and computing) runs outside any transaction and reports progress on
the ImportRun row; the results are then written in one transaction, so a failure at any point
leaves the database as it was, and an existing edition stands until the new one is complete
and the user has confirmed the replacement.

Storing computes again from the stored file and the mapping rather than taking the preview's
figures: the computation is deterministic, the preview keeps only the gemeente's figures (a
small JSON for the page, not every wijk), and the stored figures come from one code path
whatever happened to the preview. The flags are derived again as well and must all be
covered by the user's confirmations, so a previous edition or benchmark that changed since the
preview cannot slip through unchecked.
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
from ..models import Area, ImportRun, Indicator, IndicatorResult, ProjectEdition, SurveyEdition
from ..preview import confirmation, flagged, unconfirmed
from ..read_cache import survey_cache_delete
from ..readers import SurveyFileError, file_format
from .area_links import indeling_years_note
from .comparisons import comparisons_refresh
from .previews import (
    actor_label,
    preview_compute,
    preview_message,
    progress_every,
    read_run_survey,
)
from .raw_files import file_sha256
from .runs import (
    UNEXPECTED,
    catalogue_codes,
    failure_message,
    import_gemeente,
    run_done,
    run_fail,
    run_progress,
    upload_size_check,
)

logger = logging.getLogger(__name__)


class PreviewFlagged(ValidationError):
    """An import with flagged indicators that nobody confirmed: nothing was stored."""

    def __init__(self, preview: dict):
        self.preview = preview
        count = len(flagged(preview))
        super().__init__(
            f"{count} {'indicator heeft' if count == 1 else 'indicatoren hebben'} een signaal; "
            "er is niets opgeslagen. Bekijk ze (bij het commando: --dry-run) en lees het "
            "bestand pas in als de cijfers kloppen (--accept-flagged)."
        )


def survey_store(*, run: ImportRun) -> None:
    """Task body: compute again, check the confirmations, store in one transaction."""
    if run.status != ImportStatus.STORING:
        return  # idempotent: a redelivered task finds the work done (or never asked for)
    run_progress(run, 1, "Bestand wordt gelezen")
    try:
        summary = _store_confirmed(
            run=run,
            progress=progress_every(lambda percent, text: run_progress(run, percent, text)),
        )
    except (SurveyFileError, MappingError, ValidationError) as error:
        run_fail(run, failure_message(error))
        return
    except Exception:
        logger.exception("Survey import %s failed", run.uuid)
        run_fail(run, UNEXPECTED)
        raise
    if summary is not None:
        run_done(run, summary)
        survey_cache_delete(run)  # stored: nothing reads the kept file again


def _store_confirmed(*, run: ImportRun, progress: Callable[[int, str], None]) -> dict | None:
    """The summary when stored; None when the run went back to the preview because the
    figures computed now carry a flag nobody confirmed."""
    mapping = parse_mapping(run.mapping, catalogue_codes=catalogue_codes())
    survey = read_run_survey(run)
    prepared, cells, preview = preview_compute(
        project=run.project,
        gemeente=run.gemeente,
        year=run.year,
        survey=survey,
        mapping=mapping,
        progress=progress,
    )
    preview["confirmed"] = run.preview.get("confirmed", {})
    changed = ""
    if unconfirmed(preview):
        changed = "Bij het opnieuw berekenen kwam er een signaal bij."
    elif preview["replaces"] and not run.replace_confirmed:
        changed = f"Editie {run.year} is intussen ingelezen en wordt bij opslaan vervangen."
    if changed:
        run_progress(
            run,
            100,
            f"{changed} {preview_message(preview)}",
            status=ImportStatus.PREVIEW,
            preview=preview,
        )
        return None
    progress(95, "Uitkomsten worden opgeslagen")
    with transaction.atomic():
        summary = _store(run=run, mapping=mapping, prepared=prepared, cells=cells)
        _audit_stored(run=run, preview=preview, summary=summary)
    return summary


def _store(
    *, run: ImportRun, mapping: Mapping, prepared: compute.Prepared, cells: list[compute.Cell]
) -> dict:
    summary = _store_edition(run=run, mapping=mapping, prepared=prepared, cells=cells)
    comparisons_refresh(gemeente=run.gemeente)  # a joint plan's participant: its own
    return summary


def _audit_stored(*, run: ImportRun, preview: dict, summary: dict) -> None:
    confirmed = preview.get("confirmed", {})
    reasons = {
        row["name"]: confirmed[row["code"]]["reason"]
        for row in flagged(preview)
        if row["code"] in confirmed
    }
    summary["confirmed"] = len(reasons)
    audit_record(
        actor=run.created_by,
        action="editie ingelezen",
        obj=run,
        project=run.project,
        detail={
            "editie": run.year,
            "respondenten": summary["respondents"],
            "indicatoren": summary["indicators"],
            "vervangen": summary["replaced"],
            "bevestigde signalen": reasons,
        },
    )


def _store_edition(
    *, run: ImportRun, mapping: Mapping, prepared: compute.Prepared, cells: list[compute.Cell]
) -> dict:
    gemeente = run.gemeente
    # The year's edition is the gemeente's: replacing it replaces it for every project that
    # based its analysis on it, and those projects use the new one.
    existing = SurveyEdition.objects.select_for_update().filter(gemeente=gemeente, year=run.year)
    replaced = existing.exists()
    if replaced and not run.replace_confirmed:
        raise ValidationError(
            f"Editie {run.year} bestaat al. Bevestig eerst dat u die wilt vervangen."
        )
    users = set(
        ProjectEdition.objects.filter(edition__in=existing).values_list("project_id", flat=True)
    )
    if run.project_id is not None and run.project.gemeente_id == gemeente.pk:
        # A participant's file in a joint plan stays that gemeente's own edition: the plan
        # reads it through its gemeenten (figures/plan_area_selectors.py).
        users.add(run.project_id)
    existing.delete()
    areas = _areas(gemeente=gemeente, prepared=prepared, year=run.year)
    indicators = _indicators(gemeente=gemeente, mapping=mapping)
    edition = SurveyEdition.objects.create(
        gemeente=gemeente,
        year=run.year,
        series=Series.for_year(run.year),
        import_run=run,
        respondents=len(prepared.survey.data),
        weight_column=mapping.weight,
        weight_total=prepared.weight_total,
    )
    results = [
        result_from_cell(
            cell,
            edition=edition,
            indicator=indicators[cell.indicator_code],
            area=areas[cell.area_code],
            project=run.project,
        )
        for cell in cells
    ]
    IndicatorResult.objects.bulk_create(results, batch_size=2000)
    ProjectEdition.objects.filter(project_id__in=users, year=run.year).delete()
    ProjectEdition.objects.bulk_create(
        ProjectEdition(project_id=project_id, edition=edition, year=edition.year)
        for project_id in sorted(users)
    )
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
    cell: compute.Cell,
    *,
    edition: SurveyEdition,
    indicator: Indicator,
    area: Area,
    project: Project,
) -> IndicatorResult:
    """A computed cell as a stored result: scaled, and suppressed below the min n of the
    project the figures are computed for."""
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
        sum_w=cell.sum_w,
        suppressed=estimate.n < project.min_n,
        low_n_warning=project.min_n <= estimate.n < project.warn_n,
    )


def _scaled(value: float | None, scale: float) -> float | None:
    if value is None or math.isnan(value):
        return None
    return value * scale


def _areas(*, gemeente, prepared: compute.Prepared, year: int) -> dict[str, Area]:
    """The gemeente and its wijken (created when new, with this edition's year as the year of
    their indeling unless an earlier one is known), and the own areas the figures are for."""
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
    indeling_years_note(areas, dict.fromkeys(prepared.area_codes, year))
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
    accept_flagged: str = "",
    gemeente=None,
) -> ImportRun:
    """The whole import at once (the command's path): read, check, compute and store.
    ``gemeente``: whose file (by default the project's; a participant's in a joint plan).

    An import with flagged indicators stores nothing (PreviewFlagged, which carries the
    preview) unless `accept_flagged` gives the reason to store them anyway; that reason goes
    to the audit log for every flagged indicator. Raises ValidationError with the same Dutch
    message the page shows; the run is kept as a record of the attempt, the results only when
    everything succeeded.
    """
    try:
        file_format(upload.name)
        upload_size_check(upload.size)
        parsed = parse_mapping(mapping, catalogue_codes=catalogue_codes())
    except (SurveyFileError, MappingError) as error:
        raise ValidationError(str(error)) from error
    gemeente = import_gemeente(project, gemeente)
    if SurveyEdition.objects.filter(gemeente=gemeente, year=year).exists() and not replace:
        raise ValidationError(
            f"Editie {year} bestaat al voor {gemeente.name}. Bevestig dat u die wilt "
            "vervangen (bij het commando: --replace); tot dan blijven de oude cijfers staan."
        )
    run = ImportRun(
        gemeente=gemeente,
        project=project,
        kind=ImportKind.SURVEY,
        original_name=upload.name[:255],
        year=year,
        created_by=actor,
        mapping=parsed.to_dict(),
        replace_confirmed=replace,
        status=ImportStatus.RUNNING,
    )
    run.file_sha256 = file_sha256(upload)  # kept when the raw file is deleted (raw_files)
    run.file.save(upload.name, upload, save=False)
    run.save()
    reason = accept_flagged.strip()
    try:
        survey = read_run_survey(run)
        prepared, cells, preview = preview_compute(
            project=project, gemeente=gemeente, year=year, survey=survey, mapping=parsed
        )
        rows = flagged(preview)
        if rows and not reason:
            raise PreviewFlagged(preview)
        for row in rows:
            preview["confirmed"][row["code"]] = confirmation(
                row, reason=reason, by=actor_label(actor)
            )
        with transaction.atomic():
            summary = _store(run=run, mapping=parsed, prepared=prepared, cells=cells)
            for row in rows:
                audit_record(
                    actor=actor,
                    action="signaal bevestigd",
                    obj=run,
                    project=project,
                    detail={
                        "editie": year,
                        "indicator": row["name"],
                        "code": row["code"],
                        "signalen": [flag["text"] for flag in row["flags"]],
                        "reden": reason,
                    },
                )
            _audit_stored(run=run, preview=preview, summary=summary)
    except PreviewFlagged as error:
        run_fail(run, failure_message(error))
        run_progress(run, 0, run.message, preview=error.preview)
        raise
    except (SurveyFileError, MappingError, ValidationError) as error:
        message = failure_message(error)
        run_fail(run, message)
        raise ValidationError(message) from error
    run_progress(run, 100, run.message, preview=preview)
    run_done(run, summary)
    return run
