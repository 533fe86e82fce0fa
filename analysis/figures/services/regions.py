"""Which region a benchmark line is about, and whether the Veiligheidsmonitor publishes for it.

CBS publishes VM figures for Nederland, landsdelen, provincies, the police units (regionale
eenheid RE, district PD, basisteam BT) and gemeenten of 70,000+ inhabitants; not for
veiligheidsregio's. A label in a file is resolved to a CBS region key; the police units are
resolved from the units the app knows (the ten eenheden always, districts and basisteams once
loaded), and a police unit it does not know is recognised as one (UNCODED) so its lines are
skipped with a note instead of failing the import.
"""

import re
from collections.abc import Callable

from projects.models import Gemeente, PoliceUnit, Provincie, Veiligheidsregio

from ..constants import RegionKind
from ..statline import UNCODED

# Lines of these kinds are read but not stored, each with the reason a user reads.
NOT_PUBLISHED = {
    "VR": (
        "Veiligheidsregio's overgeslagen: de Veiligheidsmonitor publiceert niet per "
        "veiligheidsregio (wel per politie-eenheid, district en basisteam)"
    ),
}
UNCODED_NOTE = (
    "Politie-eenheden overgeslagen waarvan de CBS-code niet bekend is (gebruik een bestand met "
    "een kolom regiocode, of laat de beheerder de districten en basisteams laden)"
)
OTHER_NOTE = "Regio's overgeslagen (geen publicatieniveau van de Veiligheidsmonitor)"

# How files name the police units, besides their CBS keys. The name follows the words.
_EENHEID_WORDS = ("politie eenheid", "regionale eenheid", "eenheid", "politie")
_DISTRICT_WORDS = ("politiedistrict", "district")
_BASISTEAM_WORDS = ("basisteam",)
_POLICE_LABEL = re.compile(
    r"^(politie eenheid|regionale eenheid|eenheid|politiedistrict|district|basisteam)\b"
    r"|\((re|pd|bt)\)$"
)


def _norm(label: str) -> str:
    """Lower case, hyphens as spaces, one space: 'Politie-eenheid  Den Haag' ~ 'politie eenheid
    den haag'."""
    return " ".join(label.replace("-", " ").lower().split())


def _unit_labels(unit: PoliceUnit) -> list[str]:
    name = _norm(unit.name)
    words, suffix = {
        "eenheid": (_EENHEID_WORDS, "re"),
        "district": (_DISTRICT_WORDS, "pd"),
        "basisteam": (_BASISTEAM_WORDS, "bt"),
    }[unit.kind]
    bare = name
    for word in words:  # a loaded name may already say 'Basisteam Kempen'
        if name.startswith(word + " "):
            bare = name[len(word) + 1 :]
            break
    return [_norm(unit.label), f"{bare} ({suffix})", *(f"{word} {bare}" for word in words)]


def region_resolver() -> Callable[[str], str | None]:
    """CBS labels ("'s-Gravenhage (gemeente)", "Groningen (PV)", "Politie Eenheid Amsterdam",
    "Basisteam Kempen", "Nederland") to region keys; None when unknown."""
    labels: dict[str, str] = {"nederland": "NL00"}
    for code, name, cbs_label in Gemeente.objects.values_list("cbs_code", "name", "cbs_label"):
        labels.setdefault(_norm(name), code)
        labels[_norm(cbs_label)] = code
    for code, name in Provincie.objects.values_list("code", "name"):
        labels[_norm(f"{name} (pv)")] = code
        labels[_norm(f"provincie {name}")] = code
    for unit in PoliceUnit.objects.all():
        for label in _unit_labels(unit):
            labels.setdefault(label, unit.code)  # 'Amsterdam' itself stays the gemeente
    for code, name in Veiligheidsregio.objects.values_list("code", "name"):
        labels[_norm(f"veiligheidsregio {name}")] = code  # recognised, to be skipped
        labels[_norm(f"{name} (vr)")] = code

    def resolve(label: str) -> str | None:
        key = _norm(label)
        if key in labels:
            return labels[key]
        if _POLICE_LABEL.search(key) or key.startswith("veiligheidsregio "):
            return UNCODED
        return None

    return resolve


def region_names() -> dict[str, str]:
    """How pages name each stored region: 'Provincie Flevoland', 'Politie-eenheid Amsterdam'."""
    names = {"NL00": "Nederland"}
    names.update(
        {code: f"Provincie {name}" for code, name in Provincie.objects.values_list("code", "name")}
    )
    names.update({unit.code: unit.label for unit in PoliceUnit.objects.all()})
    names.update(dict(Gemeente.objects.values_list("cbs_code", "name")))
    return names


def skip_reason(region_code: str) -> str | None:
    """Why lines of this region are not stored as a VM benchmark, or None to store them."""
    if region_code == UNCODED:
        return UNCODED_NOTE
    if RegionKind.for_code(region_code) is not None:
        return None
    return NOT_PUBLISHED.get(region_code[:2].upper(), OTHER_NOTE)
