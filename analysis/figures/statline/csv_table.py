"""What both StatLine readers share: bytes to a header and records, columns found by name, and
cells read as Dutch numbers and years. Every error is a `StatlineError` with a Dutch message
that names the line as a spreadsheet shows it (the header is line 1)."""

from __future__ import annotations

import csv
import io
import re

DEFAULT_MAX_BYTES = 10_000_000

SUPPRESSED = frozenset({"", ".", "x", "X", "-"})

# Column names are compared after `norm`: lower case, "_" and "-" as spaces, runs of spaces
# collapsed; an OData "_3" suffix is dropped.
PERIOD_NAMES = ("perioden", "periode", "jaar")

_DUTCH_NUMBER = re.compile(r"^([+-]?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$")
_PERIOD = re.compile(r"^(\d{4})(?:JJ00)?\s*\*{0,2}$", re.IGNORECASE)
_ODATA_SUFFIX = re.compile(r" \d+$")
SPACES = re.compile(r"\s+")

Records = list[tuple[int, list[str]]]  # (line number, cells) per non-blank data line


class StatlineError(ValueError):
    """A table that cannot be read. The message is Dutch and meant for the user."""


# ---------------------------------------------------------------------------------------------
# Numbers


def parse_dutch_number(text: str) -> float | None:
    """Parse a number written the Dutch way ("6,4", "1.234,5", "-0,5", "12").

    Returns None for a suppressed or missing cell (".", "x", "-", empty). Raises ValueError for
    anything else that is not a number in this notation, including "6.4".
    """
    cell = text.strip().replace("\u2212", "-")  # U+2212 MINUS SIGN
    if cell in SUPPRESSED:
        return None
    match = _DUTCH_NUMBER.match(cell)
    if not match:
        raise ValueError(f"'{text.strip()}' is geen getal")
    sign, whole, fraction = match.groups()
    number = float(whole.replace(".", "") + ("." + fraction if fraction else ""))
    return -number if sign == "-" else number


def format_plain(value: float) -> str:
    """A number in a message, as the file could have written it: "6,4", "12"."""
    return f"{value:.12g}".replace(".", ",")


# ---------------------------------------------------------------------------------------------
# Bytes to records


def _decode(data: bytes) -> str:
    unknown = StatlineError(
        "Onbekende tekencodering: sla het bestand op als UTF-8 of Windows-1252 (ANSI), "
        "bijvoorbeeld met 'CSV (puntkomma gescheiden)' of 'CSV UTF-8' in Excel."
    )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise unknown  # UTF-16/UTF-32 or binary (an .xlsx, for instance)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise unknown from None


def _detect_delimiter(header_line: str) -> str:
    """The candidate that splits the header line into the most fields (quotes respected)."""
    best, best_fields = ";", 1
    for candidate in (";", "\t", ","):
        fields = len(next(csv.reader([header_line], delimiter=candidate)))
        if fields > best_fields:
            best, best_fields = candidate, fields
    return best


def check_size(data: bytes, max_bytes: int) -> None:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError("data must be bytes")
    if len(data) > max_bytes:
        raise StatlineError(
            f"Het bestand is te groot ({_size(len(data))}); de grens is {_size(max_bytes)}."
        )


def _size(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB".replace(".", ",")
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB".replace(".", ",")
    return f"{n} bytes"


def records(data: bytes) -> tuple[list[str], Records]:
    """Header cells and the non-blank data records as (line number, cells)."""
    text = _decode(bytes(data))
    if not text.strip():
        raise StatlineError("Het bestand is leeg.")
    lines = text.splitlines()
    header_line = next(line for line in lines if line.strip())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_detect_delimiter(header_line))
    header: list[str] | None = None
    rows: Records = []
    try:
        for line, cells in enumerate(reader, start=1):
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lstrip("\ufeff") for cell in cells]
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        raise StatlineError(
            f"Regel {reader.line_num}: het bestand is geen leesbare CSV ({exc})."
        ) from None
    if header is None:
        raise StatlineError("Het bestand is leeg.")
    if not rows:
        raise StatlineError("Het bestand bevat alleen een kopregel en geen gegevensregels.")
    return header, rows


def check_width(line: int, cells: list[str], header: list[str]) -> list[str]:
    """The cells of one record, exactly as many as the header has (trailing empties trimmed)."""
    if len(cells) > len(header) and not any(cell.strip() for cell in cells[len(header) :]):
        cells = cells[: len(header)]
    if len(cells) != len(header):
        raise StatlineError(
            f"Regel {line}: {len(cells)} kolommen, maar de kopregel heeft er {len(header)}. "
            "Controleer het scheidingsteken en de aanhalingstekens op deze regel."
        )
    return cells


# ---------------------------------------------------------------------------------------------
# Columns


def norm(name: str) -> str:
    name = name.strip().lower().replace("_", " ").replace("-", " ")
    return SPACES.sub(" ", name).strip()


def matches(name: str, candidates: tuple[str, ...]) -> bool:
    normal = norm(name)
    return normal in candidates or _ODATA_SUFFIX.sub("", normal) in candidates


def find_column(
    header: list[str], candidates: tuple[str, ...], role: str, taken: set[int]
) -> int | None:
    """The one column named like `candidates` and not `taken` yet (then taken); None if none."""
    found = [i for i, name in enumerate(header) if i not in taken and matches(name, candidates)]
    if len(found) > 1:
        names = " en ".join(f"'{header[i]}'" for i in found)
        raise StatlineError(
            f"Kopregel: kolommen {names} zijn allebei een {role}; laat er één over."
        )
    if found:
        taken.add(found[0])
        return found[0]
    return None


def column_list(header: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in header if name)


def unnamed_columns(header: list[str], rows: Records) -> list[int]:
    """Columns without a name; allowed only when empty (a trailing delimiter, for instance)."""
    unnamed = [i for i, name in enumerate(header) if not name]
    for line, cells in rows:
        for i in unnamed:
            if i < len(cells) and cells[i].strip():
                raise StatlineError(
                    f"Regel {line}, kolom {i + 1}: deze kolom heeft geen naam in de kopregel "
                    "maar bevat wel een waarde."
                )
    return unnamed


# ---------------------------------------------------------------------------------------------
# Cells


def read_period(line: int, text: str, column: str) -> int:
    cell = text.strip()
    match = _PERIOD.match(cell)
    if not match:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': periode '{cell}' is geen jaar "
            "(verwacht bijvoorbeeld 2021 of 2021JJ00)."
        )
    return int(match.group(1))


def read_number(line: int, text: str, column: str) -> float | None:
    try:
        return parse_dutch_number(text)
    except ValueError:
        raise StatlineError(
            f"Regel {line}, kolom '{column}': '{text.strip()}' is geen getal. Gebruik een "
            "decimale komma (6,4), of '.' voor een ontbrekende waarde."
        ) from None
