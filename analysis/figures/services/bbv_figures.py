"""BBV figures as published on waarstaatjegemeente.nl, for a gemeente without a 47018NED file.

The upload is small and read at once: checked for size before it is read, parsed completely,
then stored in one transaction. A file that fails anywhere stores nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.models import Project
from projects.services import audit_record

from ..models import BbvFigure, Indicator
from ..statline import WSJG_MAX_BYTES, StatlineError, read_wsjg_table


def bbv_figures_import(*, actor, project: Project, upload) -> dict:
    """Store the gemeente's published BBV figures; a year already stored is replaced.

    Returns {"figures": n, "years": [...], "notes": [...]}; raises ValidationError (Dutch) and
    stores nothing when the file cannot be read."""
    size = getattr(upload, "size", None)
    try:
        if size is not None and size > WSJG_MAX_BYTES:
            megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
            raise StatlineError(
                f"Het bestand is te groot ({megabytes} MB); de grens is "
                f"{WSJG_MAX_BYTES // 1_000_000} MB. Een export van één gemeente is een paar kB."
            )
        # Read at most one byte past the limit: the reader's own size check then refuses it.
        data = upload.read(WSJG_MAX_BYTES + 1)
        gemeente = project.gemeente
        rows, notes = read_wsjg_table(
            data,
            gemeente_code=gemeente.cbs_code,
            gemeente_names=(gemeente.name, gemeente.cbs_label),
        )
    except StatlineError as error:
        raise ValidationError(str(error)) from None
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(
            gemeente=None, code__in={row.indicator for row in rows}
        )
    }
    absent = sorted({row.indicator for row in rows} - set(indicators))
    if absent:
        raise ValidationError(f"Deze indicatoren staan niet in de catalogus: {', '.join(absent)}.")
    with transaction.atomic():
        for row in rows:
            BbvFigure.objects.update_or_create(
                gemeente=project.gemeente,
                indicator=indicators[row.indicator],
                year=row.year,
                origin=BbvFigure.Origin.WAARSTAATJEGEMEENTE,
                defaults={"value": row.value, "created_by": actor if _is_user(actor) else None},
            )
        years = sorted({row.year for row in rows})
        audit_record(
            actor=actor,
            action="BBV-cijfers ingelezen (waarstaatjegemeente.nl)",
            project=project,
            detail={
                "cijfers": len(rows),
                "jaren": years,
                "bestand": getattr(upload, "name", ""),
            },
        )
        from kernbeleid.cycle.services import goals_measure_gemeente  # goals on BBV figures

        goals_measure_gemeente(gemeente=project.gemeente)
    return {"figures": len(rows), "years": years, "notes": notes}


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)
