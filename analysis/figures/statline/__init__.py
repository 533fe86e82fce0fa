"""Parse CBS StatLine-style tables: benchmark figures and police-registered crime.

Pure functions on bytes; no Django. The caller passes a region resolver and decides which
regions to keep.

Two shapes are read:

- Benchmark tables (85146NED "Sociale veiligheid; regio", 85147NED "persoonskenmerken"): one row
  per region (or kenmerk) x period x marge, one column per indicator. The Marges dimension gives
  the value and the 95% interval on separate rows (Waarde / Betrouwbaarheidsmarge ondergrens /
  bovengrens, or the keys MW00000 / MOG0095 / MBG0095). `read_statline_table` combines them into
  one `BenchmarkRow` per (region, period, indicator column). See `benchmark_table`.
- Police-registered crime (47018NED "Geregistreerde misdrijven; soort misdrijf, wijk, buurt"): one
  row per crime type x area x period with a count. `read_police_crime` keeps gemeente, wijk and
  Nederland rows and skips buurt rows (counted in a note). See `crime_table`.
- BBV beleidsindicatoren as published on waarstaatjegemeente.nl, per 1,000 inhabitants, for a
  gemeente without a 47018NED file. See `wsjg_table`.

Conventions, as CBS writes its exports (read in `csv_table`, which both share):
- Text is UTF-8 (with or without BOM) or Windows-1252. Nothing else is guessed at.
- The delimiter is ';' (CBS downloads), ',' (quoted values) or a tab, taken from the header line.
- Numbers use the Dutch decimal comma and an optional thousands dot: "6,4", "1.234,5". A dot that
  is not a thousands separator ("6.4") is rejected rather than silently read as 64 or 6.4.
- "." (gegevens ontbreken), "x" (geheim), "-" and an empty cell mean suppressed or missing.
  Note: in CBS's own legend "-" means "nihil" (zero); here it is treated as missing on purpose.
- CBS keys are space-padded ("PV27  ", "0.0.0 "), so every key is stripped.

Error messages are Dutch and name the line as a spreadsheet shows it: the header is line 1.
"""

from .benchmark_table import UNCODED, BenchmarkRow, read_statline_table
from .crime_table import CRIME_LABELS, CrimeRow, read_police_crime
from .csv_table import DEFAULT_MAX_BYTES, SUPPRESSED, StatlineError, parse_dutch_number
from .wsjg_table import WSJG_MAX_BYTES, WsjgRow, read_wsjg_table

__all__ = [
    "CRIME_LABELS",
    "DEFAULT_MAX_BYTES",
    "SUPPRESSED",
    "UNCODED",
    "BenchmarkRow",
    "CrimeRow",
    "StatlineError",
    "WSJG_MAX_BYTES",
    "WsjgRow",
    "parse_dutch_number",
    "read_police_crime",
    "read_statline_table",
    "read_wsjg_table",
]
