"""Reference figures of the demo's joint plan (projects/demo_joint.py): the district and
basisteam of the three Heuvelland gemeenten, and the 2023 benchmarks each of them reads in
with its own Veiligheidsmonitor, so each gemeente's own pages compare it with basisteam,
district, eenheid, provincie and Nederland. Both tables are synthetic (data/SOURCES.md)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import Gemeente, PoliceUnit, Project
from projects.police_data import load_police_districts, read_district_table

from .constants import ImportKind, ImportStatus
from .demo import DATA
from .models import ImportRun
from .services import benchmark_import

POLICE_UNITS = DATA / "demo" / "demo_heuvelland_politie_synthetisch.csv"
BENCHMARKS = DATA / "demo" / "demo_heuvelland_vm2023_synthetisch.csv"
BENCHMARK_COLUMNS = {
    "onveilig_weleens": "voelt_zich_weleens_onveilig",
    "rapportcijfer_buurt": "rapportcijfer_veiligheid_buurt",
    "drugshandel_vaak": "drugshandel",
    "rommel_vaak": "rommel_op_straat",
}


def heuvelland_police_units_load() -> None:
    """The demo's district and basisteam; run with scopes disabled (reference data)."""
    rows = read_district_table(POLICE_UNITS.read_bytes())
    load_police_districts(rows, gemeente_model=Gemeente, unit_model=PoliceUnit)


def heuvelland_benchmarks_load(project: Project, gemeente: Gemeente, actor) -> None:
    """`gemeente` reads in the benchmarks as its own, under the joint plan."""
    data = BENCHMARKS.read_bytes()
    run = ImportRun.objects.create(
        project=project,
        gemeente=gemeente,
        kind=ImportKind.BENCHMARK,
        original_name=BENCHMARKS.name,
        mapping={"columns": BENCHMARK_COLUMNS},
        status=ImportStatus.DONE,
        created_by=actor,
    )
    run.file.save(BENCHMARKS.name, SimpleUploadedFile(BENCHMARKS.name, data))
    benchmark_import(run=run, data=data)
