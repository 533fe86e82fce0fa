"""A gemeente whose wijk Centrum (WK036301) was split in 2025 into Centrum-Noord (WK036311)
and Centrum-Zuid (WK036312); Oost (WK036300) kept its code. Figures come from real imports of
small hand-made files, so the indeling years are the imports' own."""

from analysis.figures.services import survey_import_now
from analysis.models import Area
from tests.analysis.conftest import MAPPING, csv_upload

HEADER = "respnr;wijk;weegfactor;onv_alg;cijfer\n"

# Centrum: 3 of 4 respondents feel unsafe at times in 2021 and 2023 (weights 1).
OLD = """1;WK036300;1,0;1;7
2;WK036300;1,0;3;8
3;WK036300;1,0;1;6
4;WK036301;1,0;1;6
5;WK036301;1,0;2;5
6;WK036301;1,0;3;7
7;WK036301;1,0;1;6
"""

# 2025: Centrum is gone; Centrum-Noord 1 of 2, Centrum-Zuid 2 of 2.
NEW = """1;WK036300;1,0;1;7
2;WK036300;1,0;3;8
3;WK036311;1,0;1;6
4;WK036311;1,0;3;8
5;WK036312;1,0;1;6
6;WK036312;1,0;2;5
"""


def import_year(project, year: int, rows: str):
    return survey_import_now(
        actor=None,
        project=project,
        upload=csv_upload(HEADER + rows, name=f"vm{year}.csv"),
        year=year,
        mapping=MAPPING,
    )


def split_centrum(project) -> dict[str, Area]:
    """Editions 2021 and 2023 under the old codes, 2025 under the new; wijken named."""
    for year, rows in ((2021, OLD), (2023, OLD), (2025, NEW)):
        import_year(project, year, rows)
    names = {
        "WK036300": "Oost",
        "WK036301": "Centrum",
        "WK036311": "Centrum-Noord",
        "WK036312": "Centrum-Zuid",
    }
    areas = {}
    for code, name in names.items():
        area = Area.objects.get(gemeente=project.gemeente, code=code)
        area.name = name
        area.save(update_fields=["name"])
        areas[name] = area
    return areas
