"""Demo figures for `make run`: three synthetic survey editions, real CBS benchmarks for 2021
(a transcribed 85146NED sample), synthetic benchmarks for the two demo gemeenten's politie-
eenheden (no published figures of those were at hand) and synthetic police counts."""

from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from projects.models import Project

from .constants import AreaKind, ImportKind, ImportStatus
from .demo_survey import (
    DEMO_EDITIONS,
    demo_inhabitant_shares,
    demo_wijk_roles,
    demo_wijken,
    write_demo_sav,
)
from .mapping import load_mapping_text
from .models import Area, ImportRun
from .services import benchmark_import, crime_import, survey_import_now
from .services.own_areas import own_area_define

DATA = Path(__file__).resolve().parent.parent / "data"
DEMO_MAPPING = DATA / "mappings" / "vm_demo.yaml"
DEMO_BENCHMARKS = DATA / "demo" / "cbs_85146NED_vm2021_inbraak_sample.csv"
# Nederland and the gemeente's eenheid are what a gemeente compares with first.
DEMO_EENHEDEN = DATA / "demo" / "demo_politie_eenheden_vm2021_synthetisch.csv"
BENCHMARK_COLUMNS = {
    "poging_woninginbraak_slachtoffers_pct": "slachtoffer_woninginbraak",
    "kans_slachtoffer_inbraak_woning_pct_heel_groot": "kans_slachtoffer_inbraak_groot",
}
# Synthetic rates per 1,000 of about the national size; every code of the BBV sets is present so
# the demo shows each BBV indicator summed (analysis/figures/bbv.py).
CRIMES = (
    ("0.0.0", "Totaal misdrijven", 48.0),
    ("1.1.1", "Diefstal/inbraak woning", 2.1),
    ("1.2.3", "Diefstal van brom-, snor-, fietsen", 5.5),
    ("1.4.1", "Zedenmisdrijf", 0.6),
    ("1.4.2", "Moord, doodslag", 0.08),
    ("1.4.3", "Openlijk geweld (persoon)", 0.15),
    ("1.4.4", "Bedreiging", 1.3),
    ("1.4.5", "Mishandeling", 2.6),
    ("1.6.1", "Brand/ontploffing", 0.3),
    ("1.6.3", "Mensenhandel", 0.02),
    ("2.2.1", "Vernieling cq. zaakbeschadiging", 3.5),
    ("2.4.2", "Huisvredebreuk", 0.2),
    ("2.5.2", "Winkeldiefstal", 2.0),
    ("2.7.3", "Leefbaarheid (overig)", 0.05),
    ("3.1.2", "Mensensmokkel", 0.01),
    ("3.2.1", "Kinderporno", 0.1),
    ("3.2.2", "Kinderprostitutie", 0.005),
    ("3.6.4", "Aantasting openbare orde", 0.8),
    ("3.7.1", "Discriminatie", 0.05),
    ("3.7.2", "Vreemdelingenzorg", 0.01),
    ("3.7.4", "Cybercrime", 0.5),
)


def demo_survey_load(project: Project, *, out_dir: Path | None = None) -> list[str]:
    """Idempotent: editions that exist are left alone. Returns what it did, in Dutch."""
    from ..narrative.services import analysis_ensure

    done = []
    gemeente = project.gemeente
    analysis_ensure(project=project)  # so the drafts are written as the figures come in
    out_dir = out_dir or Path(settings.VAR_DIR) / "demo_survey"
    out_dir.mkdir(parents=True, exist_ok=True)
    mapping = load_mapping_text(DEMO_MAPPING.read_text(encoding="utf-8"), name=DEMO_MAPPING.name)
    existing = set(project.editions.values_list("year", flat=True))
    if not existing:
        done += _demo_own_area(project)
    for year in DEMO_EDITIONS:
        if year in existing:
            continue
        path = out_dir / f"vm_{gemeente.cbs_code}_{year}.sav"
        write_demo_sav(path, gemeente_code=gemeente.cbs_code, year=year)
        survey_import_now(
            actor=None,
            project=project,
            year=year,
            mapping=mapping,
            upload=SimpleUploadedFile(path.name, path.read_bytes()),
            # Synthetic figures: a flag (none today) must not leave `make run` without data;
            # the audit log says why it was stored anyway.
            accept_flagged="Synthetische demogegevens.",
        )
        done.append(f"Veiligheidsmonitor {year} (synthetisch)")
    if not project.gemeente.benchmarks.exists():
        _demo_benchmarks(project, DEMO_BENCHMARKS)
        done.append("CBS-vergelijkingscijfers 2021 (85146NED, uittreksel)")
        _demo_benchmarks(project, DEMO_EENHEDEN)
        done.append("Vergelijkingscijfers politie-eenheden 2021 (synthetisch, 85146NED-vorm)")
    if not project.gemeente.crime_counts.exists():
        _demo_wijk_inhabitants(gemeente)
        data = _demo_crime_csv(gemeente.cbs_code)
        run = ImportRun.objects.create(
            project=project,
            kind=ImportKind.CRIME,
            original_name="demo_47018NED.csv",
            status=ImportStatus.DONE,
        )
        run.file.save("demo_47018NED.csv", SimpleUploadedFile("demo_47018NED.csv", data))
        crime_import(run=run, data=data)
        done.append("Politiecijfers 2022-2023 (synthetisch, 47018NED-vorm)")
    return done


def _demo_own_area(project: Project) -> list[str]:
    """One wijkgroep, as a gemeente agrees for its oversample: the centre and the focus wijk
    together ("Centrum en Haven"; in Almere "Almere Centrum en Almere Haven")."""
    gemeente = project.gemeente
    if Area.objects.filter(gemeente=gemeente, kind=AreaKind.WIJKGROEP).exists():
        return []
    roles = demo_wijk_roles(gemeente.cbs_code)
    (centrum_code, centrum), (haven_code, haven) = roles["centrum"], roles["haven"]
    name = f"{centrum} en {haven}"
    own_area_define(
        actor=None,
        project=project,
        name=name,
        kind=AreaKind.WIJKGROEP,
        members_text=f"{centrum_code}, {haven_code}",
    )
    return [f"Eigen gebied: wijkgroep {name}"]


def _demo_benchmarks(project: Project, path: Path) -> None:
    run = ImportRun.objects.create(
        project=project,
        kind=ImportKind.BENCHMARK,
        original_name=path.name,
        mapping={"columns": BENCHMARK_COLUMNS},
        status=ImportStatus.DONE,
    )
    run.file.save(path.name, SimpleUploadedFile(path.name, path.read_bytes()))
    benchmark_import(run=run, data=path.read_bytes())


def _demo_wijk_inhabitants(gemeente) -> None:
    total = gemeente.inhabitants or 100_000
    shares = demo_inhabitant_shares(gemeente.cbs_code)
    for (code, name), share in zip(demo_wijken(gemeente.cbs_code), shares, strict=True):
        Area.objects.update_or_create(
            gemeente=gemeente,
            code=code,
            defaults={"name": name, "kind": AreaKind.WIJK, "inhabitants": int(total * share)},
        )


def _demo_crime_csv(gemeente_code: str) -> bytes:
    rng = np.random.default_rng(int(gemeente_code[2:]))
    lines = ["SoortMisdrijf;WijkenEnBuurten;Perioden;GeregistreerdeMisdrijven_1"]
    areas = Area.objects.filter(gemeente__cbs_code=gemeente_code, kind=AreaKind.WIJK)
    roles = demo_wijk_roles(gemeente_code)
    busy = {roles["centrum"][0], roles["haven"][0]}  # the centre and the focus wijk
    for year in (2022, 2023):
        for code, label, per_1000 in CRIMES:
            for area in areas:
                factor = 1.8 if area.code in busy else 1.0
                count = rng.poisson(per_1000 * factor * (area.inhabitants or 1000) / 1000)
                lines.append(f'"{code} {label}";{area.code};{year}JJ00;{count}')
    return ("\n".join(lines) + "\n").encode("utf-8")
