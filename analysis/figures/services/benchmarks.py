"""Aggregated figures: CBS StatLine tables as benchmarks, and police-registered crime.

Both arrive as CSV. A benchmark table's columns are mapped to indicators by the user (with a
suggestion), because a wrong automatic match would put a wrong number in a policy report.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from projects.services import audit_record

from ..constants import AreaKind, ImportKind, ImportStatus, RegionKind
from ..models import Area, Benchmark, CrimeCount, ImportRun, Indicator
from ..statline import StatlineError, read_police_crime, read_statline_table
from .area_links import indeling_years_note
from .comparisons import comparisons_refresh
from .regions import region_names, region_resolver, skip_reason
from .runs import failure_message, run_done, run_fail, run_progress

_STOP = {"pct", "de", "het", "een", "van", "in", "op", "bij", "om", "te", "per", "en"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ü]+", text.lower()) if w not in _STOP and len(w) > 2}


def suggest_columns(columns: list[str], indicators: list[Indicator]) -> dict[str, str]:
    """A suggestion per column; each indicator at most once, best match first."""
    scored = []
    for column in columns:
        found = _words(column.replace("_", " "))
        for indicator in indicators:
            if column == indicator.code:
                scored.append((2.0, column, indicator.code))
                continue
            wanted = _words(indicator.name)
            score = len(wanted & found) / max(1, len(wanted | found))
            if score >= 0.4:
                scored.append((score, column, indicator.code))
    suggestion: dict[str, str] = dict.fromkeys(columns, "")
    used: set[str] = set()
    for _score, column, code in sorted(scored, reverse=True):
        if not suggestion[column] and code not in used:
            suggestion[column] = code
            used.add(code)
    return suggestion


def table_import(*, run: ImportRun) -> None:
    """Task body for benchmark and crime tables."""
    run_progress(run, 10, "Tabel wordt gelezen", status=ImportStatus.READING)
    try:
        with run.file.open("rb") as handle:
            data = handle.read()
        if run.kind == ImportKind.CRIME:
            summary = crime_import(run=run, data=data)
        elif run.mapping.get("columns"):
            summary = benchmark_import(run=run, data=data)
        else:
            _benchmark_columns(run=run, data=data)
            return
    except (StatlineError, ValidationError) as error:
        run_fail(run, failure_message(error))
        return
    run_done(run, summary)


def _benchmark_columns(*, run: ImportRun, data: bytes) -> None:
    rows, columns = read_statline_table(data, resolve_region=region_resolver())
    indicators = list(Indicator.objects.filter(gemeente=None).order_by("name"))
    regions = sorted({(row.region_code, row.region_label) for row in rows})
    run_progress(
        run,
        100,
        f"{len(columns)} kolommen en {len(regions)} regio's gelezen.",
        status=ImportStatus.MAPPING,
        variables=[{"name": column} for column in columns],
        mapping={"columns": {}, "suggested": suggest_columns(columns, indicators)},
        summary={
            "regions": [f"{label} ({code or 'code onbekend'})" for code, label in regions][:50]
        },
    )


def benchmark_mapping_submit(*, actor, run: ImportRun, columns: dict[str, str]) -> ImportRun:
    chosen = {column: code for column, code in columns.items() if code}
    if not chosen:
        raise ValidationError("Koppel ten minste één kolom aan een indicator.")
    known = set(
        Indicator.objects.filter(gemeente=None, code__in=chosen.values()).values_list(
            "code", flat=True
        )
    )
    unknown = set(chosen.values()) - known
    if unknown:
        raise ValidationError(f"Onbekende indicator: {', '.join(sorted(unknown))}.")
    doubles = {code for code in chosen.values() if list(chosen.values()).count(code) > 1}
    if doubles:
        raise ValidationError(
            f"Elke indicator hoort bij één kolom; dubbel gekozen: {', '.join(sorted(doubles))}."
        )
    # Compare-and-set: a second submit of the same columns starts no second import.
    won = ImportRun.objects.filter(pk=run.pk, status=ImportStatus.MAPPING).update(
        mapping={"columns": chosen}, status=ImportStatus.QUEUED
    )
    run.refresh_from_db()
    if not won:
        return run
    from ... import tasks

    uuid = str(run.uuid)
    transaction.on_commit(lambda: tasks.import_read.delay(uuid))
    return run


@transaction.atomic
def benchmark_import(*, run: ImportRun, data: bytes) -> dict:
    rows, _columns = read_statline_table(data, resolve_region=region_resolver())
    columns: dict[str, str] = run.mapping["columns"]
    indicators = {
        indicator.code: indicator
        for indicator in Indicator.objects.filter(gemeente=None, code__in=columns.values())
    }
    names = region_names()
    stored, skipped = 0, {}
    for row in rows:
        code = columns.get(row.column)
        if not code:
            continue
        reason = skip_reason(row.region_code)
        if reason is not None:
            skipped.setdefault(reason, set()).add(row.region_label)
            continue
        Benchmark.objects.update_or_create(
            gemeente=run.gemeente,
            indicator=indicators[code],
            region_code=row.region_code,
            year=row.period,
            defaults={
                "region_name": names.get(row.region_code, row.region_label),
                "region_kind": RegionKind.for_code(row.region_code),
                "estimate": row.value,
                "ci_low": row.low,
                "ci_high": row.high,
                "suppressed": row.suppressed,
                "import_run": run,
            },
        )
        stored += 1
    comparisons_refresh(gemeente=run.gemeente)  # a joint plan's participant: its own
    audit_record(
        actor=run.created_by,
        action="vergelijkingscijfers ingelezen",
        obj=run,
        project=run.project,
        detail={"cijfers": stored, "kolommen": len(columns)},
    )
    notes = [f"{reason}: {', '.join(sorted(labels))}." for reason, labels in skipped.items()]
    return {"benchmarks": stored, "notes": notes}


@transaction.atomic
def crime_import(*, run: ImportRun, data: bytes) -> dict:
    """Keep the rows of this gemeente and its wijken; counts replace those of the same year."""
    rows, notes = read_police_crime(data)
    gemeente = run.gemeente
    own_wijk = "WK" + gemeente.cbs_code[2:]
    own = [
        row
        for row in rows
        if row.area_code == gemeente.cbs_code or row.area_code.startswith(own_wijk)
    ]
    if not own:
        raise ValidationError(
            f"Er staan geen cijfers van {gemeente.name} ({gemeente.cbs_code}) of haar wijken "
            "in deze tabel."
        )
    if len(own) < len(rows):
        notes.append(f"{len(rows) - len(own)} regels van andere gebieden overgeslagen.")
    areas = {area.code: area for area in Area.objects.filter(gemeente=gemeente)}
    for code in {row.area_code for row in own} - set(areas):
        is_gemeente = code == gemeente.cbs_code
        areas[code] = Area.objects.create(
            gemeente=gemeente,
            code=code,
            name=gemeente.name if is_gemeente else code,
            kind=AreaKind.GEMEENTE if is_gemeente else AreaKind.WIJK,
            inhabitants=gemeente.inhabitants if is_gemeente else None,
        )
    first_years: dict[str, int] = {}
    for row in own:
        first_years[row.area_code] = min(row.period, first_years.get(row.area_code, row.period))
    indeling_years_note(areas, first_years)  # 47018NED names each year's wijken in its codes
    years = {row.period for row in own}
    CrimeCount.objects.filter(gemeente=gemeente, year__in=years).delete()
    CrimeCount.objects.bulk_create(
        [
            CrimeCount(
                gemeente=gemeente,
                area=areas[row.area_code],
                year=row.period,
                crime_code=row.crime_code,
                crime_label=row.crime_label,
                count=row.count,
                import_run=run,
            )
            for row in own
        ]
    )
    audit_record(
        actor=run.created_by,
        action="politiecijfers ingelezen",
        obj=run,
        project=run.project,
        detail={"regels": len(own), "jaren": sorted(years)},
    )
    from kernbeleid.cycle.services import goals_measure_gemeente  # goals on police figures

    goals_measure_gemeente(gemeente=gemeente)
    return {"crime_rows": len(own), "years": sorted(years), "notes": notes}
