"""The 342 gemeenten of the CBS indeling 2023 come preloaded with province and region."""

import csv
from pathlib import Path

from projects.models import Gemeente, Provincie, Veiligheidsregio

SHARED_FILE = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "gemeente_veiligheidsregio_provincie_koppelcodes.csv"
)


def test_all_342_gemeenten_with_unique_codes_and_slugs(db):
    assert Gemeente.objects.count() == 342
    codes = list(Gemeente.objects.values_list("cbs_code", flat=True))
    assert len(set(codes)) == 342
    assert all(code.startswith("GM") and len(code) == 6 for code in codes)
    assert Gemeente.objects.values("slug").distinct().count() == 342
    assert set(Gemeente.objects.values_list("indeling_year", flat=True)) == {2023}


def test_provinces_and_safety_regions(db):
    assert Provincie.objects.count() == 12
    assert Veiligheidsregio.objects.count() == 25
    den_haag = Gemeente.objects.get(cbs_code="GM0518")
    assert den_haag.name == "'s-Gravenhage"
    assert den_haag.cbs_label == "'s-Gravenhage (gemeente)"
    assert den_haag.provincie.name == "Zuid-Holland"
    assert den_haag.veiligheidsregio.name == "Haaglanden"
    assert Gemeente.objects.get(cbs_code="GM0080").provincie.name == "Fryslân"


def test_indeling_2023_has_voorne_aan_zee_and_not_weesp(db):
    assert Gemeente.objects.filter(cbs_code="GM1992", name="Voorne aan Zee").exists()
    assert not Gemeente.objects.filter(cbs_code="GM0457").exists()


def test_bundled_file_matches_the_shared_source():
    bundled = Path(__file__).resolve().parents[2] / "projects" / "data" / "gemeenten_2023.csv"
    if not SHARED_FILE.exists():  # the shared folder sits beside the checkout
        return
    assert bundled.read_bytes() == SHARED_FILE.read_bytes()
    with bundled.open(encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle, delimiter=";"))) == 342
