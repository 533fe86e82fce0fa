"""Figures of the own areas for editions already imported: computed again from each edition's
stored file and mapping, so an area defined (or redefined) after an import gets its figures
without a new upload. Only own-area results are replaced; those of the gemeente and its wijken
stay exactly as they are. An edition stored before its total weight was kept gets it here.

It reads every edition's file, so it runs as a task (analysis.tasks.own_area_figures).
"""

import logging

from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from .. import compute
from ..constants import OWN_AREA_KINDS
from ..mapping import MappingError, parse_mapping
from ..models import Area, Indicator, IndicatorResult, SurveyEdition
from ..readers import SurveyFileError, read_survey_file
from ..selectors import own_areas_for_compute
from .comparisons import comparisons_refresh
from .editions import result_from_cell
from .runs import catalogue_codes, local_copy, max_upload_bytes

logger = logging.getLogger(__name__)


def own_area_figures_request(*, actor, project: Project) -> None:
    """Recompute the own areas' figures in the background, after this transaction."""
    from ... import tasks

    audit_record(actor=actor, action="eigen gebieden herberekenen", obj=project, project=project)
    uuid = str(project.uuid)
    transaction.on_commit(lambda: tasks.own_area_figures.delay(uuid))


def own_area_figures_refresh(*, project: Project) -> dict[int, str]:
    """Per edition year: what became of it, in Dutch (for the audit log)."""
    own = own_areas_for_compute(project.gemeente)
    outcome = {}
    for edition in project.editions.select_related("import_run").order_by("year"):
        try:
            outcome[edition.year] = _edition_refresh(project, edition, own)
        except (SurveyFileError, MappingError, OSError) as error:
            logger.warning("Own areas of edition %s not recomputed: %s", edition.pk, error)
            outcome[edition.year] = f"niet herberekend: {error}"
    comparisons_refresh(project=project)  # changes, benchmark tests and drafts of the new rows
    audit_record(
        actor=None,
        action="eigen gebieden herberekend",
        obj=project,
        project=project,
        detail={str(year): text for year, text in outcome.items()},
    )
    return outcome


def _edition_refresh(project: Project, edition: SurveyEdition, own) -> str:
    run = edition.import_run
    mapping = parse_mapping(run.mapping, catalogue_codes=catalogue_codes())
    with local_copy(run) as path:
        survey = read_survey_file(
            path, original_name=run.original_name, max_bytes=max_upload_bytes()
        )
    prepared = compute.prepare(
        survey, mapping, gemeente_code=project.gemeente.cbs_code, own_areas=own
    )
    codes = prepared.own_areas.codes if prepared.own_areas else []
    cells = [cell for cell in compute.compute(prepared, mapping) if cell.area_code in codes]
    with transaction.atomic():
        areas = {
            area.code: area
            for area in Area.objects.filter(gemeente=project.gemeente, code__in=codes)
        }
        indicators = {
            indicator.code: indicator
            for indicator in Indicator.objects.filter(results__edition=edition).distinct()
        }
        if edition.weight_total is None:  # stored before it was kept; the file is at hand
            edition.weight_total = prepared.weight_total
            edition.save(update_fields=["weight_total"])
        IndicatorResult.objects.filter(edition=edition, area__kind__in=OWN_AREA_KINDS).delete()
        IndicatorResult.objects.bulk_create(
            [
                result_from_cell(
                    cell,
                    edition=edition,
                    indicator=indicators[cell.indicator_code],
                    area=areas[cell.area_code],
                    project=project,
                )
                for cell in cells
                if cell.area_code in areas and cell.indicator_code in indicators
            ],
            batch_size=2000,
        )
    return f"{len(areas)} eigen gebied(en) berekend"
