"""Reading respondent files (SPSS .sav, CSV, XLSX) into one shape, refusing bad files early.

Every refusal raises SurveyFileError with a Dutch message that names the problem, so the page
and the command show the same words. Nothing here touches the database.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

SUPPORTED = ("sav", "csv", "xlsx")
SAV_MAGIC = (b"$FL2", b"$FL3")
ZIP_MAGIC = b"PK\x03\x04"
# XLSX is a zip archive: check what it would unpack to before anything parses it.
XLSX_MAX_UNPACKED = 300 * 1024 * 1024
XLSX_MAX_RATIO = 100
XLSX_MAX_MEMBERS = 5000
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


class SurveyFileError(ValueError):
    """A file that cannot be imported; the message is for the user, in Dutch."""


@dataclass
class SurveyFile:
    data: pd.DataFrame
    format: str
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict] = field(default_factory=dict)
    user_missing: dict[str, set] = field(default_factory=dict)

    def row_label(self, position: int) -> str:
        """How the user finds row `position` (0-based) in their own program."""
        if self.format == "sav":
            return f"respondent {position + 1}"
        return f"rij {position + 2}"  # a spreadsheet shows the header as row 1


def file_format(name: str) -> str:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SUPPORTED:
        raise SurveyFileError(
            f"'{name}' kan niet worden ingelezen. Kies een SPSS-bestand (.sav), "
            "een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."
        )
    return extension


def check_size(size: int, max_bytes: int) -> None:
    if size == 0:
        raise SurveyFileError("Het bestand is leeg.")
    if size > max_bytes:
        raise SurveyFileError(
            f"Het bestand is {size / 1_048_576:.0f} MB; de grens is {max_bytes / 1_048_576:.0f} MB."
        )


def read_survey_file(path: Path, *, original_name: str, max_bytes: int) -> SurveyFile:
    kind = file_format(original_name)
    check_size(path.stat().st_size, max_bytes)
    with path.open("rb") as handle:
        head = handle.read(8)
    if kind == "sav":
        survey = _read_sav(path, head)
    elif kind == "xlsx":
        survey = _read_xlsx(path, head)
    else:
        survey = _read_csv(path.read_bytes())
    _check_columns(survey.data)
    if survey.data.empty:
        raise SurveyFileError("Het bestand bevat kolomnamen maar geen respondenten.")
    return survey


def _check_columns(frame: pd.DataFrame) -> None:
    names = [str(column).strip() for column in frame.columns]
    _check_names(names)
    frame.columns = names


def _check_names(names: list[str]) -> None:
    if any(not name or name.lower().startswith("unnamed:") for name in names):
        raise SurveyFileError(
            "Een kolom heeft geen naam. Geef elke kolom in de eerste rij een naam."
        )
    seen: set[str] = set()
    for name in names:
        if name.lower() in seen:
            raise SurveyFileError(f"De kolomnaam '{name}' komt meer dan eens voor.")
        seen.add(name.lower())


def _read_sav(path: Path, head: bytes) -> SurveyFile:
    import pyreadstat

    if not head.startswith(SAV_MAGIC):
        raise SurveyFileError(
            "Dit bestand heet .sav maar is geen SPSS-bestand. Exporteer het opnieuw uit SPSS, "
            "of kies het juiste bestand."
        )
    try:
        frame, meta = pyreadstat.read_sav(str(path), user_missing=True)
    except Exception as exc:  # pyreadstat raises its own ReadstatError and others
        raise SurveyFileError(
            "Het SPSS-bestand is beschadigd of onvolledig en kan niet worden gelezen "
            f"({exc}). Exporteer het opnieuw."
        ) from exc
    user_missing: dict[str, set] = {}
    for variable, ranges in (meta.missing_ranges or {}).items():
        codes = set()
        for missing in ranges:
            low, high = missing["lo"], missing["hi"]
            if low == high:
                codes.add(low)
            else:
                codes.add((low, high))
        user_missing[variable] = codes
    return SurveyFile(
        data=frame,
        format="sav",
        variable_labels={
            name: label
            for name, label in zip(meta.column_names, meta.column_labels, strict=False)
            if label
        },
        value_labels=dict(meta.variable_value_labels or {}),
        user_missing=user_missing,
    )


def xlsx_container_check(source) -> None:
    """Refuse an Excel file (a path or a binary file object) whose zip container is a bomb,
    has suspiciously many parts or is no workbook, before openpyxl unpacks anything."""
    try:
        with zipfile.ZipFile(source) as archive:
            members = archive.infolist()
            if len(members) > XLSX_MAX_MEMBERS:
                raise SurveyFileError("Dit Excel-bestand bevat verdacht veel onderdelen.")
            unpacked = sum(member.file_size for member in members)
            packed = max(1, sum(member.compress_size for member in members))
            if unpacked > XLSX_MAX_UNPACKED or unpacked / packed > XLSX_MAX_RATIO:
                raise SurveyFileError(
                    "Dit Excel-bestand pakt uit tot veel meer dan het groot is "
                    f"({unpacked / 1_048_576:.0f} MB); het wordt uit voorzorg niet geopend."
                )
            if "xl/workbook.xml" not in {member.filename for member in members}:
                raise SurveyFileError("Dit bestand heet .xlsx maar is geen Excel-werkmap.")
    except zipfile.BadZipFile as exc:
        raise SurveyFileError("Het Excel-bestand is beschadigd of onvolledig.") from exc


def _read_xlsx(path: Path, head: bytes) -> SurveyFile:
    if not head.startswith(ZIP_MAGIC):
        raise SurveyFileError("Dit bestand heet .xlsx maar is geen Excel-bestand.")
    xlsx_container_check(path)
    try:
        frame = pd.read_excel(path, sheet_name=0, engine="openpyxl")
    except Exception as exc:  # openpyxl raises many kinds on damaged sheets
        raise SurveyFileError(f"Het Excel-bestand kan niet worden gelezen ({exc}).") from exc
    names = [str(column) for column in frame.columns]
    for name in names:
        base, _, suffix = name.rpartition(".")
        if suffix.isdigit() and base in names:  # pandas renames a repeated 'x' to 'x.1'
            raise SurveyFileError(f"De kolomnaam '{base}' komt meer dan eens voor.")
    return SurveyFile(data=_numeric_columns(frame.astype(object)), format="xlsx")


def decode_text(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; anything else is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise SurveyFileError(
            "Dit bestand is als UTF-16 opgeslagen. Sla het op als CSV (UTF-8) en probeer "
            "het opnieuw."
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SurveyFileError(
        "De tekencodering van dit bestand is onbekend. Sla het op als CSV (UTF-8)."
    )


def _read_csv(raw: bytes) -> SurveyFile:
    text = decode_text(raw)
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get)
    if counts[delimiter] == 0:
        raise SurveyFileError(
            "In de eerste regel staan geen kolommen gescheiden door ; of , — is dit een CSV?"
        )
    header = next(csv.reader([first_line.rstrip("\r")], delimiter=delimiter))
    _check_names([cell.strip() for cell in header])
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
            quoting=csv.QUOTE_MINIMAL,
        )
    except pd.errors.ParserError as exc:
        raise SurveyFileError(
            f"Het CSV-bestand heeft niet op elke regel evenveel kolommen ({exc})."
        ) from exc
    return SurveyFile(data=_numeric_columns(frame), format="csv")


def _numeric_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Turn columns whose every filled cell is a number (decimal point or comma) into floats."""
    converted = {}
    for column in frame.columns:
        values = frame[column]
        text = values.map(
            lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()
        )
        filled = text[text != ""]
        if len(filled) and filled.map(lambda v: bool(_NUMBER.match(v))).all():
            converted[column] = pd.to_numeric(
                text.str.replace(",", ".", regex=False).replace("", np.nan)
            )
        else:
            converted[column] = text.replace("", np.nan)
    return pd.DataFrame(converted, index=frame.index)
