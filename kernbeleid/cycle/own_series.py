"""The gemeente's own registration: series a user enters or uploads, with their source.

A series belongs to the gemeente, so goals of any of its projects can be measured on it. An
upload is small (at most MAX_UPLOAD_BYTES, checked before anything is read), parsed completely
and stored in one transaction: a file with one bad line stores nothing. Every change measures
the goals of the gemeente again.

File layout (CSV or XLSX, first sheet): a header row with the columns `jaar` and `waarde`, and
optionally `ondergrens` and `bovengrens` (a 95% interval, both or neither) and `telwijze
gewijzigd` (ja/nee: the way of counting changed before this year). CSV: `;`, `,` or tab;
numbers with a decimal comma ("12,5"), as a Dutch spreadsheet writes them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from analysis.figures.constants import OWN_AREA_KINDS, AreaKind
from analysis.figures.statline import parse_dutch_number
from analysis.models import Area
from projects.models import Project
from projects.services import audit_record

from .models import OwnSeries, OwnSeriesPoint

MAX_UPLOAD_BYTES = 1_000_000
MAX_ROWS = 200
YEARS = (1990, 2100)
AREA_KINDS = (AreaKind.WIJK, *OWN_AREA_KINDS)
TRUE_WORDS = {"ja", "j", "1", "waar", "x"}
FALSE_WORDS = {"nee", "n", "0", "onwaar", ""}


@dataclass(frozen=True)
class PointValues:
    year: int
    value: float
    ci_low: float | None
    ci_high: float | None
    break_before: bool


def _is_user(actor) -> bool:
    return actor is not None and getattr(actor, "is_authenticated", False)


def _measure(project: Project) -> None:
    from .services import goals_measure_gemeente

    goals_measure_gemeente(gemeente=project.gemeente)


def own_series_listing(gemeente):
    """The gemeente's registrations with how many years each has, for the list page."""
    return (
        OwnSeries.objects.filter(gemeente=gemeente)
        .select_related("area")
        .annotate(years=Count("points"))
    )


def area_choices(gemeente):
    return Area.objects.filter(gemeente=gemeente, kind__in=AREA_KINDS).order_by("kind", "name")


def check_area(project: Project, area: Area | None) -> None:
    if area is not None and not area_choices(project.gemeente).filter(pk=area.pk).exists():
        raise ValidationError({"area": "Kies een wijk of eigen gebied van deze gemeente."})


@transaction.atomic
def own_series_create(
    *, actor, project: Project, name: str, unit: str, direction: str, source: str, area=None
) -> OwnSeries:
    name, source = (name or "").strip(), (source or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Geef de registratie een naam."
    if not source:
        errors["source"] = "Noem de bron: wie registreert dit en hoe?"
    if errors:
        raise ValidationError(errors)
    check_area(project, area)
    series = OwnSeries.objects.create(
        gemeente=project.gemeente,
        name=name,
        unit=unit,
        direction=direction,
        source=source,
        area=area,
        created_by=actor if _is_user(actor) else None,
    )
    audit_record(
        actor=actor,
        action="eigen registratie aangemaakt",
        obj=series,
        project=project,
        detail={"naam": name, "bron": source, "gebied": area.name if area else "gemeente"},
    )
    return series


def check_point(values: PointValues, prefix: str = "") -> None:
    """Dutch messages for a point that cannot be right; `prefix` names the line of a file."""
    low, high = values.ci_low, values.ci_high
    if not YEARS[0] <= values.year <= YEARS[1]:
        raise ValidationError(f"{prefix}geef een jaartal tussen {YEARS[0]} en {YEARS[1]}.")
    if (low is None) != (high is None):
        raise ValidationError(f"{prefix}geef beide grenzen van het interval, of laat beide leeg.")
    if low is not None and not low <= values.value <= high:
        raise ValidationError(f"{prefix}de waarde ligt niet tussen de ondergrens en de bovengrens.")


def _belongs(project: Project, series: OwnSeries) -> None:
    if series.gemeente_id != project.gemeente_id:
        raise ValidationError("Deze registratie hoort niet bij deze gemeente.")


@transaction.atomic
def own_series_point_set(
    *,
    actor,
    project: Project,
    series: OwnSeries,
    year: int,
    value: float,
    ci_low: float | None = None,
    ci_high: float | None = None,
    break_before: bool = False,
) -> OwnSeriesPoint:
    """Enter one year (a year already entered is replaced)."""
    _belongs(project, series)
    values = PointValues(year, value, ci_low, ci_high, bool(break_before))
    check_point(values)
    point, _created = OwnSeriesPoint.objects.update_or_create(
        series=series,
        year=year,
        defaults={
            "value": value,
            "ci_low": ci_low,
            "ci_high": ci_high,
            "break_before": bool(break_before),
        },
    )
    audit_record(
        actor=actor,
        action="eigen registratie: jaar ingevuld",
        obj=series,
        project=project,
        detail={"jaar": year, "waarde": value, "interval": [ci_low, ci_high]},
    )
    _measure(project)
    return point


@transaction.atomic
def own_series_point_remove(*, actor, project: Project, series: OwnSeries, year: int) -> int:
    _belongs(project, series)
    removed, _ = OwnSeriesPoint.objects.filter(series=series, year=year).delete()
    if removed:
        audit_record(
            actor=actor,
            action="eigen registratie: jaar verwijderd",
            obj=series,
            project=project,
            detail={"jaar": year},
        )
        _measure(project)
    return removed


# --- Upload ----------------------------------------------------------------------------

COLUMNS = {
    "jaar": "year",
    "waarde": "value",
    "ondergrens": "ci_low",
    "bovengrens": "ci_high",
    "telwijze gewijzigd": "break_before",
}


def _rows_from_csv(data: bytes) -> list[list[str]]:
    from analysis.figures.readers import SurveyFileError, decode_text

    try:
        text = decode_text(data)  # UTF-8 or Windows-1252; UTF-16 with its own message
    except SurveyFileError as error:
        raise ValidationError(str(error)) from None
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _rows_from_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    from analysis.figures.readers import SurveyFileError, xlsx_container_check

    try:
        xlsx_container_check(io.BytesIO(data))  # a zip bomb is refused before it is unpacked
    except SurveyFileError as error:
        raise ValidationError(str(error)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged or disguised file
        raise ValidationError(
            "Het Excel-bestand is niet te lezen. Sla het opnieuw op als .xlsx."
        ) from None
    sheet = book.worksheets[0]
    rows = []
    for values in sheet.iter_rows(values_only=True):
        rows.append([_xlsx_cell(v) for v in values])
        if len(rows) > MAX_ROWS + 1:
            break
    book.close()
    return rows


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, int | float):
        return f"{value:.12g}".replace(".", ",")
    return str(value)


def _number(text: str, line: int, column: str, *, required: bool) -> float | None:
    try:
        number = parse_dutch_number(text)
    except ValueError:
        raise ValidationError(
            f"Regel {line}, kolom ‘{column}’: ‘{text.strip()}’ is geen getal. Schrijf "
            "getallen met een decimale komma, bijvoorbeeld 12,5."
        ) from None
    if number is None and required:
        raise ValidationError(f"Regel {line}: de kolom ‘{column}’ is leeg.")
    return number


def parse_points(data: bytes, filename: str) -> list[PointValues]:
    """Every point in the file, or a ValidationError (Dutch) naming the first bad line."""
    is_xlsx = filename.lower().endswith(".xlsx")
    if not is_xlsx and data[:2] == b"PK":
        is_xlsx = True
    rows = _rows_from_xlsx(data) if is_xlsx else _rows_from_csv(data)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ValidationError("Het bestand is leeg.")
    header = [cell.strip().lower() for cell in rows[0]]
    if "jaar" not in header or "waarde" not in header:
        raise ValidationError(
            "De eerste regel moet de kolomnamen geven, met ten minste ‘jaar’ en ‘waarde’."
        )
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(f"Het bestand heeft meer dan {MAX_ROWS} regels.")
    index = {name: header.index(name) for name in COLUMNS if name in header}
    points, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):

        def cell(name, row=row):
            position = index.get(name)
            return row[position] if position is not None and position < len(row) else ""

        year_text = cell("jaar").strip()
        if not year_text.isdigit():
            raise ValidationError(f"Regel {line}: ‘{year_text}’ is geen jaartal.")
        year = int(year_text)
        if year in seen:
            raise ValidationError(f"Regel {line}: het jaar {year} staat twee keer in het bestand.")
        seen.add(year)
        flag = cell("telwijze gewijzigd").strip().lower()
        if flag not in TRUE_WORDS | FALSE_WORDS:
            raise ValidationError(
                f"Regel {line}, kolom ‘telwijze gewijzigd’: schrijf ‘ja’ of ‘nee’."
            )
        values = PointValues(
            year=year,
            value=_number(cell("waarde"), line, "waarde", required=True),
            ci_low=_number(cell("ondergrens"), line, "ondergrens", required=False),
            ci_high=_number(cell("bovengrens"), line, "bovengrens", required=False),
            break_before=flag in TRUE_WORDS,
        )
        check_point(values, prefix=f"Regel {line}: ")
        points.append(values)
    if not points:
        raise ValidationError("Het bestand heeft geen regels met cijfers onder de kolomnamen.")
    return points


def too_big_message(size: int) -> str:
    megabytes = f"{size / 1_000_000:.1f}".replace(".", ",")
    return (
        f"Het bestand is te groot ({megabytes} MB); de grens is "
        f"{MAX_UPLOAD_BYTES // 1_000_000} MB. Een reeks per jaar is een paar kB."
    )


def own_series_upload(*, actor, project: Project, series: OwnSeries, upload) -> int:
    """Store every year in the file (replacing years already entered); nothing when the file
    fails anywhere. Returns the number of years stored."""
    _belongs(project, series)
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(too_big_message(size))
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(too_big_message(len(data)))
    points = parse_points(data, getattr(upload, "name", "") or "")
    with transaction.atomic():
        for values in points:
            OwnSeriesPoint.objects.update_or_create(
                series=series,
                year=values.year,
                defaults={
                    "value": values.value,
                    "ci_low": values.ci_low,
                    "ci_high": values.ci_high,
                    "break_before": values.break_before,
                },
            )
        audit_record(
            actor=actor,
            action="eigen registratie ingelezen",
            obj=series,
            project=project,
            detail={
                "jaren": [p.year for p in points],
                "bestand": getattr(upload, "name", ""),
            },
        )
        _measure(project)
    return len(points)
