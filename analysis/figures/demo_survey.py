"""Synthetic Veiligheidsmonitor (VM) respondent files for demos and tests.

VM microdata is not public, so this module makes a plausible respondent file for one gemeente
and one edition. It does not use Django. Every number is invented. Levels are loosely based on
the national VM figures, so the demo looks familiar. Nothing here is real data.

Features that demos and tests can rely on (with the default 5,000 respondents):

* 8 wijken of unequal size. "Bloemenbuurt" has about 40 respondents, so it is suppressed at a
  minimum n of 50. "Buitengebied" has about 80, so it gets a warning below 100. The six other
  wijken share the rest unevenly. Almere (GM0034) has its own stadsdelen, levels and random
  stream (see _ALMERE_WIJKEN), with the same roles: Almere Pampus is the suppressed one,
  Almere Hout the one with a warning, Almere Haven the focus wijk of the 2023 story.
* Wijk effects: "Centrum" and "Haven" have more overlast and feel less safe, "Buitengebied"
  feels safer. Buitengebied has less overlast but more speeding.
* 2021 to 2023: the share feeling weleens onveilig in the buurt (`onv_buurt` in [1, 2]) rises
  in "Haven" from about 25% to about 40% (Almere Haven: about 21% to 35%), with more drugshandel
  there. It stays flat in the other wijken. Online fraud victimisation rises slightly everywhere.
* 2019 belongs to the old VM series (series break before 2021). Its levels differ a little,
  for example `onv_alg` weleens is about 3 points higher.
* Unequal weights (lognormal around 1, higher for young respondents and for men, as a
  non-response correction would give), normalised so that they sum to the number of
  respondents.
* About 2% item non-response per question, coded 99 ("weet niet / geen antwoord") and declared
  user-missing in the SPSS file.
* The answers are random, but for the categorical questions the realised weighted share per wijk
  is pinned close to its planted level (with half a standard error of noise). Who answers what
  is still drawn at random, so the planted changes are always significant and the other changes
  between 2021 and 2023 almost never are.

The generator is deterministic: `numpy.random.default_rng(seed + year + offset)`, the offset 0
for every gemeente but Almere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyreadstat

DEMO_EDITIONS = (2019, 2021, 2023)  # 2021 starts the new VM series (break between 2019 and 2021)
NEW_SERIES_FROM = 2021
MISSING_CODE = 99
MISSING_LABEL = "weet niet / geen antwoord"
NONRESPONSE_RATE = 0.02
MIN_RESPONDENTS = 200
WEIGHT_RANGE = (0.2, 5.0)

_GEMEENTE_CODE = re.compile(r"^(?:GM)?(\d{4})$", re.IGNORECASE)


@dataclass(frozen=True)
class _Wijk:
    """Invented wijk profile. Levels are for the 2021 edition and get year effects later."""

    name: str
    role: str  # what the demo's stories and own areas know it by (see _ROLES)
    share: float  # share of the respondents left after the two planted small wijken
    fixed_n: int  # planted size at 5,000 respondents (0 = use `share`)
    onv_alg: float  # added to the gemeente-wide share "voelt zich weleens onveilig"
    onv_buurt: float  # share "weleens onveilig in de buurt"
    overlast: float  # multiplier for rommel, hondenpoep and rondhangende jongeren
    verkeer: float  # multiplier for te hard rijden
    drugs: float  # multiplier for drugshandel
    inbraak: float  # multiplier for woninginbraak
    fiets: float  # multiplier for fietsdiefstal
    cohesie: float  # sociale cohesie schaalscore (0-10)
    leefbaarheid: float  # mean rapportcijfer leefbaarheid
    camera: float  # share in favour of more cameratoezicht
    age_beta: tuple[float, float]  # respondent age = 15 + 80 * Beta(a, b)
    weight: float  # wijk factor in the weights (different sampling fractions per wijk)


# fmt: off
_WIJKEN = (
    _Wijk("Centrum", "centrum", share=0.19, fixed_n=0, weight=1.15, age_beta=(1.6, 2.4),
          onv_alg=0.06, onv_buurt=0.26, overlast=1.7, verkeer=0.9, drugs=2.2,
          inbraak=1.2, fiets=1.6, cohesie=5.7, leefbaarheid=7.3, camera=0.62),
    _Wijk("Oost", "oost", share=0.17, fixed_n=0, weight=1.0, age_beta=(2.1, 2.2),
          onv_alg=0.00, onv_buurt=0.15, overlast=1.0, verkeer=1.0, drugs=1.0,
          inbraak=1.0, fiets=1.0, cohesie=6.3, leefbaarheid=7.5, camera=0.54),
    _Wijk("West", "west", share=0.13, fixed_n=0, weight=0.9, age_beta=(2.2, 2.1),
          onv_alg=-0.01, onv_buurt=0.13, overlast=0.9, verkeer=1.0, drugs=0.8,
          inbraak=0.9, fiets=1.0, cohesie=6.4, leefbaarheid=7.6, camera=0.52),
    _Wijk("Noord", "noord", share=0.20, fixed_n=0, weight=1.1, age_beta=(2.0, 2.2),
          onv_alg=0.02, onv_buurt=0.18, overlast=1.2, verkeer=1.1, drugs=1.3,
          inbraak=1.1, fiets=1.1, cohesie=6.1, leefbaarheid=7.3, camera=0.56),
    _Wijk("Zuid", "zuid", share=0.13, fixed_n=0, weight=0.85, age_beta=(2.4, 2.0),
          onv_alg=-0.03, onv_buurt=0.11, overlast=0.8, verkeer=0.9, drugs=0.6,
          inbraak=0.9, fiets=0.9, cohesie=6.7, leefbaarheid=7.8, camera=0.50),
    _Wijk("Haven", "haven", share=0.18, fixed_n=0, weight=1.2, age_beta=(1.8, 2.4),
          onv_alg=0.05, onv_buurt=0.25, overlast=1.5, verkeer=1.2, drugs=2.5,
          inbraak=1.3, fiets=1.2, cohesie=5.6, leefbaarheid=6.9, camera=0.60),
    # Planted small wijken: about 40 respondents (suppressed at n < 50) and about 80 (warning).
    _Wijk("Bloemenbuurt", "klein", share=0.0, fixed_n=40, weight=0.8, age_beta=(2.5, 2.0),
          onv_alg=-0.04, onv_buurt=0.09, overlast=0.7, verkeer=0.8, drugs=0.5,
          inbraak=0.8, fiets=0.9, cohesie=6.9, leefbaarheid=7.9, camera=0.48),
    _Wijk("Buitengebied", "buitengebied", share=0.0, fixed_n=80, weight=0.75, age_beta=(2.6, 2.0),
          onv_alg=-0.08, onv_buurt=0.06, overlast=0.35, verkeer=1.5, drugs=0.3,
          inbraak=0.8, fiets=0.5, cohesie=7.2, leefbaarheid=8.1, camera=0.40),
)
# fmt: on

# Gemeente-wide levels per edition. 2019 is the old series, so its levels differ a little.
_EDITION = {
    2019: {"onv_alg": 0.37, "buurt_shift": 0.02, "overlast": 1.08, "inbraak": 0.026,
           "fiets": 0.050, "online": 0.060, "cohesie": 0.2, "camera": -0.03},
    2021: {"onv_alg": 0.34, "buurt_shift": 0.0, "overlast": 1.0, "inbraak": 0.018,
           "fiets": 0.038, "online": 0.075, "cohesie": 0.0, "camera": 0.0},
    2023: {"onv_alg": 0.34, "buurt_shift": 0.0, "overlast": 1.0, "inbraak": 0.020,
           "fiets": 0.042, "online": 0.090, "cohesie": 0.0, "camera": 0.0},
}  # fmt: skip

# Almere (GM0034): the stadsdelen of a new town. Less overlast and drugshandel in the centre
# than a big city's uitgaansgebied, more speeding everywhere (wide roads, young families in
# Poort), less bicycle theft. Almere Pampus is still being built (suppressed at n < 50); Almere
# Hout with Oosterwold is the green, rural part (warning below 100).
# fmt: off
_ALMERE_WIJKEN = (
    _Wijk("Almere Centrum", "centrum", share=0.14, fixed_n=0, weight=1.1, age_beta=(1.7, 2.3),
          onv_alg=0.04, onv_buurt=0.20, overlast=1.35, verkeer=1.0, drugs=1.6,
          inbraak=1.1, fiets=1.5, cohesie=5.9, leefbaarheid=7.2, camera=0.58),
    _Wijk("Almere Stad Oost", "oost", share=0.17, fixed_n=0, weight=1.0, age_beta=(2.1, 2.2),
          onv_alg=0.00, onv_buurt=0.14, overlast=1.0, verkeer=1.2, drugs=0.9,
          inbraak=1.0, fiets=1.0, cohesie=6.2, leefbaarheid=7.4, camera=0.55),
    _Wijk("Almere Stad West", "west", share=0.18, fixed_n=0, weight=0.95, age_beta=(2.2, 2.1),
          onv_alg=0.01, onv_buurt=0.16, overlast=1.1, verkeer=1.2, drugs=1.1,
          inbraak=1.0, fiets=1.0, cohesie=6.1, leefbaarheid=7.3, camera=0.57),
    _Wijk("Almere Buiten", "noord", share=0.24, fixed_n=0, weight=1.1, age_beta=(1.9, 2.2),
          onv_alg=0.02, onv_buurt=0.18, overlast=1.25, verkeer=1.3, drugs=1.2,
          inbraak=1.1, fiets=1.1, cohesie=6.0, leefbaarheid=7.2, camera=0.58),
    _Wijk("Almere Poort", "zuid", share=0.12, fixed_n=0, weight=0.85, age_beta=(1.8, 2.6),
          onv_alg=-0.03, onv_buurt=0.11, overlast=0.85, verkeer=1.5, drugs=0.6,
          inbraak=0.9, fiets=0.8, cohesie=6.6, leefbaarheid=7.8, camera=0.50),
    _Wijk("Almere Haven", "haven", share=0.15, fixed_n=0, weight=1.2, age_beta=(2.3, 2.0),
          onv_alg=0.04, onv_buurt=0.21, overlast=1.3, verkeer=1.1, drugs=1.9,
          inbraak=1.2, fiets=1.1, cohesie=5.9, leefbaarheid=7.0, camera=0.58),
    _Wijk("Almere Pampus", "klein", share=0.0, fixed_n=40, weight=0.8, age_beta=(2.0, 2.4),
          onv_alg=-0.02, onv_buurt=0.10, overlast=0.6, verkeer=1.2, drugs=0.4,
          inbraak=0.7, fiets=0.7, cohesie=6.5, leefbaarheid=7.6, camera=0.46),
    _Wijk("Almere Hout", "buitengebied", share=0.0, fixed_n=80, weight=0.75, age_beta=(2.4, 2.1),
          onv_alg=-0.06, onv_buurt=0.07, overlast=0.4, verkeer=1.8, drugs=0.3,
          inbraak=0.9, fiets=0.5, cohesie=7.0, leefbaarheid=8.0, camera=0.42),
)
_ALMERE_EDITION = {
    2019: {"onv_alg": 0.34, "buurt_shift": 0.02, "overlast": 1.05, "inbraak": 0.022,
           "fiets": 0.036, "online": 0.062, "cohesie": 0.2, "camera": -0.03},
    2021: {"onv_alg": 0.31, "buurt_shift": 0.0, "overlast": 1.0, "inbraak": 0.015,
           "fiets": 0.028, "online": 0.078, "cohesie": 0.0, "camera": 0.0},
    2023: {"onv_alg": 0.31, "buurt_shift": 0.0, "overlast": 1.0, "inbraak": 0.016,
           "fiets": 0.030, "online": 0.095, "cohesie": 0.0, "camera": 0.0},
}
# fmt: on


@dataclass(frozen=True)
class _Profile:
    """One demo gemeente: its wijken, its gemeente-wide levels per edition, the planted 2023
    story in its focus wijk (role "haven"), its inhabitants per wijk and its own random
    stream (`seed + year + seed_offset`), so no two demo gemeenten share a respondent."""

    wijken: tuple[_Wijk, ...]
    edition: dict[int, dict[str, float]]
    focus_2023: dict[str, float]  # buurt and vaak are levels; the rest are shifts or levels
    inhabitant_shares: tuple[float, ...]
    seed_offset: int = 0


def _named(*names: str) -> tuple[_Wijk, ...]:
    """The demo's wijken under a gemeente's own names, in the order of _WIJKEN (centrum,
    oost, west, noord, zuid, the focus wijk, the small one, the buitengebied): the kernen of a
    village gemeente. Only the names differ, so the figures stay those of the original demo."""
    return tuple(replace(wijk, name=name) for wijk, name in zip(_WIJKEN, names, strict=True))


# Amsterdam and any other gemeente: the original demo, its random stream unchanged.
_DEFAULT = _Profile(
    wijken=_WIJKEN,
    edition=_EDITION,
    focus_2023={"buurt": 0.40, "vaak": 0.20, "drugs": 3.5, "leef": -0.3, "cohesie": -0.2,
                "camera": 0.08},
    inhabitant_shares=(0.16, 0.13, 0.12, 0.14, 0.11, 0.15, 0.04, 0.15),
)  # fmt: skip
_PROFILES = {
    "0034": _Profile(
        wijken=_ALMERE_WIJKEN,
        edition=_ALMERE_EDITION,
        focus_2023={"buurt": 0.35, "vaak": 0.18, "drugs": 2.8, "leef": -0.3, "cohesie": -0.2,
                    "camera": 0.07},
        # Almere Stad (Centrum, Oost, West) holds almost half the town, Buiten a quarter.
        inhabitant_shares=(0.10, 0.17, 0.19, 0.26, 0.12, 0.10, 0.005, 0.055),
        seed_offset=34_000,
    ),
    # Vaals, in the demo's joint plan of Heuvelland (projects/demo_joint.py): a border town
    # whose centre has more drugs trouble and feels less safe than the rest of the plan area,
    # so the plan area's drafts have a gemeente that stands out.
    "0981": _Profile(
        wijken=_named("Vaals-Noord", "Vaalsbroek", "Lemiers", "Vijlen", "Holset",
                      "Vaals-Centrum", "Camerig", "Buitengebied Vaals"),
        edition=_EDITION,
        focus_2023={"buurt": 0.55, "vaak": 0.25, "drugs": 9.0, "leef": -0.5, "cohesie": -0.3,
                    "camera": 0.10},
        inhabitant_shares=(0.16, 0.13, 0.12, 0.14, 0.11, 0.15, 0.04, 0.15),
        seed_offset=981_000,
    ),
    # The other two gemeenten of the joint plan: the original demo under their kernen.
    "1729": replace(_DEFAULT, wijken=_named(
        "Gulpen", "Wittem", "Mechelen", "Epen", "Eys", "Gulpen-Centrum", "Slenaken",
        "Buitengebied Gulpen-Wittem")),
    "1903": replace(_DEFAULT, wijken=_named(
        "Eijsden", "Margraten", "Cadier en Keer", "Gronsveld", "Mheer", "Eijsden-Centrum",
        "Noorbeek", "Buitengebied Eijsden-Margraten")),
}  # fmt: skip

# Overlast items: (variable, label subject, gemeente-wide P(vaak), P(soms), multiplier field).
_OVERLAST = (
    ("ovl_rommel", "Komt rommel op straat in uw buurt voor?", 0.13, 0.38, "overlast"),
    ("ovl_hond", "Komt hondenpoep in uw buurt voor?", 0.20, 0.40, "overlast"),
    ("ovl_jong", "Komen rondhangende jongeren in uw buurt voor?", 0.06, 0.22, "overlast"),
    ("ovl_hard", "Komt te hard rijden in uw buurt voor?", 0.27, 0.40, "verkeer"),
    ("ovl_drugs", "Komt drugshandel in uw buurt voor?", 0.04, 0.10, "drugs"),
)

# Sociale cohesie statements: (variable, label, item mean offset, negatively worded).
_COHESIE = (
    ("coh_1", "Stelling: de mensen in deze buurt kennen elkaar nauwelijks", 0.0, True),
    ("coh_2", "Stelling: de mensen in deze buurt gaan prettig met elkaar om", 0.3, False),
    ("coh_3", "Stelling: ik woon in een gezellige buurt waar mensen elkaar helpen", -0.1, False),
    ("coh_4", "Stelling: ik voel mij thuis bij de mensen die in deze buurt wonen", 0.2, False),
    ("coh_5", "Stelling: ik heb veel contact met andere buurtbewoners", -0.4, False),
)  # fmt: skip

_FREQ_LABELS = {1: "vaak", 2: "soms", 3: "(bijna) nooit", MISSING_CODE: MISSING_LABEL}
_JA_NEE_LABELS = {1: "ja", 2: "nee", MISSING_CODE: MISSING_LABEL}
_CIJFER_LABELS = {1: "zeer slecht", 10: "uitstekend", MISSING_CODE: MISSING_LABEL}
_EENS_LABELS = {
    1: "helemaal oneens",
    2: "oneens",
    3: "niet eens, niet oneens",
    4: "eens",
    5: "helemaal eens",
    MISSING_CODE: MISSING_LABEL,
}

_COLUMN_LABELS = {
    "respnr": "Respondentnummer",
    "wijk": "Wijk (CBS-wijkcode)",
    "weegfactor": "Weegfactor (genormeerd op het aantal respondenten)",
    "leeftijd": "Leeftijd in jaren",
    "geslacht": "Geslacht",
    "onv_alg": "Voelt u zich weleens onveilig?",
    "onv_buurt": "Voelt u zich weleens onveilig in uw buurt?",
    "cijf_veil": "Rapportcijfer veiligheid in de buurt",
    "cijf_leef": "Rapportcijfer leefbaarheid woonbuurt",
    **{var: label for var, label, *_ in _OVERLAST},
    "slo_inbr": "Slachtoffer (poging tot) woninginbraak afgelopen 12 maanden",
    "slo_fiets": "Slachtoffer fietsdiefstal afgelopen 12 maanden",
    "slo_onl": "Slachtoffer online oplichting of fraude afgelopen 12 maanden",
    **{var: label for var, label, *_ in _COHESIE},
    "coh_schaal": "Sociale cohesie, schaalscore (0-10)",
    "eigen_cam": "Bent u voor meer cameratoezicht in uw buurt?",
}

# The survey questions: each has value labels and 99 as user-missing.
_QUESTION_LABELS = {
    "onv_alg": _FREQ_LABELS,
    "onv_buurt": _FREQ_LABELS,
    "cijf_veil": _CIJFER_LABELS,
    "cijf_leef": _CIJFER_LABELS,
    **{var: _FREQ_LABELS for var, *_ in _OVERLAST},
    "slo_inbr": _JA_NEE_LABELS,
    "slo_fiets": _JA_NEE_LABELS,
    "slo_onl": _JA_NEE_LABELS,
    **{var: _EENS_LABELS for var, *_ in _COHESIE},
    "eigen_cam": _JA_NEE_LABELS,
}

_SCALE_VARS = ("weegfactor", "leeftijd", "cijf_veil", "cijf_leef", "coh_schaal")
_ORDINAL_VARS = ("onv_alg", "onv_buurt", *(v for v, *_ in _OVERLAST), *(v for v, *_ in _COHESIE))


def _gemeente_digits(gemeente_code: str) -> str:
    match = _GEMEENTE_CODE.match(str(gemeente_code).strip())
    if not match:
        raise ValueError(
            f"Ongeldige gemeentecode {gemeente_code!r}: verwacht GM gevolgd door 4 cijfers."
        )
    return match.group(1)


def _profile(gemeente_code: str) -> _Profile:
    return _PROFILES.get(_gemeente_digits(gemeente_code), _DEFAULT)


def demo_wijken(gemeente_code: str) -> list[tuple[str, str]]:
    """The 8 demo wijken of a gemeente as (wijk code, name), e.g. ("WK036300", "Centrum");
    Almere has its own stadsdelen ("WK003405", "Almere Haven")."""
    digits = _gemeente_digits(gemeente_code)
    wijken = _profile(gemeente_code).wijken
    return [(f"WK{digits}{index:02d}", wijk.name) for index, wijk in enumerate(wijken)]


def demo_wijk_roles(gemeente_code: str) -> dict[str, tuple[str, str]]:
    """The demo wijken by role, as (wijk code, name): "centrum" and "haven" (the focus wijk
    whose veiligheidsgevoel worsens in 2023), "klein" (suppressed), "buitengebied" (warning)
    and "oost", "west", "noord", "zuid"."""
    roles = [wijk.role for wijk in _profile(gemeente_code).wijken]
    return dict(zip(roles, demo_wijken(gemeente_code), strict=True))


def demo_inhabitant_shares(gemeente_code: str) -> tuple[float, ...]:
    """Each demo wijk's share of the inhabitants, in the order of `demo_wijken`."""
    return _profile(gemeente_code).inhabitant_shares


def _wijk_sizes(rng: np.random.Generator, respondents: int, wijken) -> np.ndarray:
    """Respondents per wijk: two planted small wijken, the rest split unevenly."""
    scale = min(1.0, respondents / 5000)  # smaller files shrink the planted wijken too
    fixed = np.array([w.fixed_n > 0 for w in wijken])
    sizes = np.zeros(len(wijken), dtype=np.int64)
    for index in np.flatnonzero(fixed):
        planted = wijken[index].fixed_n
        spread = max(3, planted // 20)
        sizes[index] = max(1, round((planted + int(rng.integers(-spread, spread + 1))) * scale))
    rest = respondents - int(sizes.sum())
    open_idx = np.flatnonzero(~fixed)
    shares = np.array([wijken[i].share for i in open_idx])
    shares = np.clip(shares * (1 + 0.05 * rng.standard_normal(len(open_idx))), 0.01, None)
    raw = shares / shares.sum() * rest
    counts = np.floor(raw).astype(np.int64)
    counts[np.argsort(counts - raw)[: rest - int(counts.sum())]] += 1  # largest remainders
    sizes[open_idx] = counts
    return sizes


def _weights(rng, wijk_idx, age, sex, wijken) -> np.ndarray:
    """Lognormal weights around 1 that also correct for age, sex and wijk, like a real weighting."""
    age_factor = np.select([age < 35, age < 55, age < 75], [1.6, 1.1, 0.8], default=0.9)
    sex_factor = np.where(sex == 1, 1.1, 0.92)
    wijk_factor = np.array([w.weight for w in wijken])[wijk_idx]
    weights = rng.lognormal(0.0, 0.4, len(age)) * age_factor * sex_factor * wijk_factor
    low, high = WEIGHT_RANGE
    for _ in range(5):
        weights = np.clip(weights / weights.mean(), low, high)
    return weights / weights.sum() * len(weights)


def _top_share(
    latent: np.ndarray, share: np.ndarray, wijk_idx: np.ndarray, weights: np.ndarray
) -> np.ndarray:
    """Per wijk, mark the respondents with the highest latent values until their weighted share
    reaches `share[wijk]`. The answers stay random (the latent decides who says yes), but the
    planted wijk levels are hit exactly instead of only on average."""
    chosen = np.zeros(len(latent), dtype=bool)
    for index in range(len(share)):
        members = np.flatnonzero(wijk_idx == index)
        if members.size == 0:
            continue
        order = members[np.argsort(-latent[members], kind="stable")]
        w = weights[order]
        midpoints = (np.cumsum(w) - w / 2) / w.sum()
        chosen[order] = midpoints < share[index]
    return chosen


def _mix(rng, n: int, *parts: tuple[float, np.ndarray]) -> np.ndarray:
    """Loading-weighted sum of standard normals plus noise, with unit variance."""
    own = 1.0 - sum(loading**2 for loading, _ in parts)
    return sum(loading * z for loading, z in parts) + np.sqrt(own) * rng.standard_normal(n)


def _cijfer(values: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(values), low, high).astype(np.int64)


def _levels(year: int, profile: _Profile) -> dict[str, np.ndarray]:
    """Per-wijk probabilities and means for one edition, indexed like `profile.wijken`."""
    wijken = profile.wijken
    edition = profile.edition[year]
    focus = profile.focus_2023
    haven = np.array([w.role == "haven" for w in wijken])
    buurt = np.array([w.onv_buurt for w in wijken]) + edition["buurt_shift"]
    drugs = np.array([w.drugs for w in wijken])
    leef = np.array([w.leefbaarheid for w in wijken])
    cohesie = np.array([w.cohesie for w in wijken]) + edition["cohesie"]
    camera = np.array([w.camera for w in wijken]) + edition["camera"]
    vaak_buurt = np.full(len(wijken), 0.15)
    if year == 2023:  # the planted story: the focus wijk feels much less safe than in 2021
        buurt = np.where(haven, focus["buurt"], buurt)
        vaak_buurt = np.where(haven, focus["vaak"], vaak_buurt)
        drugs = np.where(haven, focus["drugs"], drugs)
        leef = np.where(haven, leef + focus["leef"], leef)
        cohesie = np.where(haven, cohesie + focus["cohesie"], cohesie)
        camera = np.where(haven, camera + focus["camera"], camera)
    alg = edition["onv_alg"] + np.array([w.onv_alg for w in wijken])
    return {
        "alg": alg,
        "alg_vaak": alg * 0.12,
        "buurt": buurt,
        "buurt_vaak": buurt * vaak_buurt,
        "cijf_veil": 8.05 - 4.0 * buurt,
        "cijf_leef": leef,
        "cohesie": cohesie,
        "camera": camera,
        "overlast": np.array([w.overlast for w in wijken]) * edition["overlast"],
        "verkeer": np.array([w.verkeer for w in wijken]) * edition["overlast"],
        "drugs": drugs * edition["overlast"],
        "inbraak": np.array([w.inbraak for w in wijken]) * edition["inbraak"],
        "fiets": np.array([w.fiets for w in wijken]) * edition["fiets"],
        "online": np.full(len(wijken), edition["online"]),
    }


def _metadata(gemeente_code: str, year: int, wijken: list[tuple[str, str]]) -> dict:
    series = "VM vanaf 2021" if year >= NEW_SERIES_FROM else "VM 2012-2019"
    formats = {"respnr": "F8.0", "wijk": "A8", "weegfactor": "F8.4", "leeftijd": "F3.0"}
    formats |= {var: "F2.0" for var in ("geslacht", *_QUESTION_LABELS)}
    formats["coh_schaal"] = "F4.1"
    measure = {var: "nominal" for var in _COLUMN_LABELS}
    measure |= {var: "ordinal" for var in _ORDINAL_VARS}
    measure |= {var: "scale" for var in _SCALE_VARS}
    return {  # keyword arguments for pyreadstat.write_sav
        "file_label": f"SYNTHETISCH Veiligheidsmonitor {year} {gemeente_code}"[:64],
        "note": [  # SPSS document lines hold at most 80 characters
            f"Synthetische demodata Veiligheidsmonitor {year} ({series}).",
            "Gemaakt door Integraal: geen echte respondenten, alle cijfers zijn verzonnen.",
        ],
        "column_labels": dict(_COLUMN_LABELS),
        "variable_value_labels": {
            "wijk": dict(wijken),
            "geslacht": {1: "man", 2: "vrouw"},
            **{var: dict(labels) for var, labels in _QUESTION_LABELS.items()},
        },
        "missing_ranges": {var: [MISSING_CODE] for var in _QUESTION_LABELS},
        "variable_measure": measure,
        "variable_format": formats,
    }


def build_demo_edition(
    *, gemeente_code: str, year: int, respondents: int = 5000, seed: int = 0
) -> tuple[pd.DataFrame, dict]:
    """One synthetic VM edition: the respondent frame and the keyword arguments for
    `pyreadstat.write_sav` (column_labels, variable_value_labels, missing_ranges, and also
    variable_measure, variable_format, file_label and note)."""
    if year not in _EDITION:
        editions = ", ".join(map(str, DEMO_EDITIONS))
        raise ValueError(f"Geen demo-editie voor {year}; kies uit {editions}.")
    if respondents < MIN_RESPONDENTS:
        raise ValueError(f"Minimaal {MIN_RESPONDENTS} respondenten nodig, niet {respondents}.")
    wijken = demo_wijken(gemeente_code)
    profile = _profile(gemeente_code)
    rng = np.random.default_rng(seed + year + profile.seed_offset)
    n = respondents
    levels = _levels(year, profile)

    # Who responded: wijk, age, sex, weight. Rows are ordered by respondent number.
    sizes = _wijk_sizes(rng, n, profile.wijken)
    wijk_idx = rng.permutation(np.repeat(np.arange(len(profile.wijken)), sizes))
    respnr = np.sort(rng.choice(9_000_000, size=n, replace=False) + 1_000_000)
    a = np.array([w.age_beta[0] for w in profile.wijken])[wijk_idx]
    b = np.array([w.age_beta[1] for w in profile.wijken])[wijk_idx]
    age = np.clip(15 + np.floor(rng.beta(a, b) * 81), 15, 95).astype(np.int64)
    sex = np.where(rng.random(n) < 0.53, 2, 1)
    weights = _weights(rng, wijk_idx, age, sex, profile.wijken)
    woman = (sex == 2).astype(float)

    def realised(share: np.ndarray) -> np.ndarray:
        """Per-wijk share with half a standard error of sampling-like noise. The levels look
        natural, but no change between editions that was not planted gets near significance."""
        share = np.clip(share, 0.0, 0.97)
        se = np.sqrt(share * (1 - share) / np.maximum(sizes, 1))
        return np.clip(share + 0.5 * se * rng.standard_normal(len(share)), 0.0, 0.97)

    def ja_nee(latent: np.ndarray, p_ja: np.ndarray) -> np.ndarray:
        return np.where(_top_share(latent, realised(p_ja), wijk_idx, weights), 1, 2)

    def vaak_soms_nooit(latent: np.ndarray, p_vaak: np.ndarray, p_weleens: np.ndarray):
        vaak = realised(p_vaak)
        weleens = np.maximum(realised(p_weleens), vaak)
        is_vaak = _top_share(latent, vaak, wijk_idx, weights)
        is_weleens = _top_share(latent, weleens, wijk_idx, weights)
        return np.where(is_vaak, 1, np.where(is_weleens, 2, 3))

    def mean_level(key: str) -> np.ndarray:
        return levels[key][wijk_idx]

    # Victimisation comes first, because victims of a burglary feel less safe in their buurt.
    slo_inbr = ja_nee(rng.standard_normal(n), levels["inbraak"])
    slo_fiets = ja_nee(rng.standard_normal(n), levels["fiets"])
    slo_onl = ja_nee(rng.standard_normal(n), levels["online"])

    # Person traits: general unease, sensitivity to overlast, attachment to the buurt.
    z_unease = rng.standard_normal(n)
    z_overlast = _mix(rng, n, (0.4, z_unease))
    z_cohesie = _mix(rng, n, (-0.3, z_unease))

    # Within a wijk, women and young people more often feel unsafe; older people less often.
    age_effect = np.select([age < 25, age >= 65], [0.25, -0.10], default=0.0)
    latent_alg = _mix(rng, n, (0.7, z_unease)) + 0.30 * woman + age_effect
    onv_alg = vaak_soms_nooit(latent_alg, levels["alg_vaak"], levels["alg"])

    latent_buurt = _mix(rng, n, (0.7, z_unease)) + 0.25 * woman + 0.5 * (slo_inbr == 1)
    onv_buurt = vaak_soms_nooit(latent_buurt, levels["buurt_vaak"], levels["buurt"])

    cijf_veil = _cijfer(mean_level("cijf_veil") + 1.1 * _mix(rng, n, (-0.6, latent_buurt)), 1, 10)
    cijf_leef = _cijfer(
        mean_level("cijf_leef") + _mix(rng, n, (-0.3, latent_buurt), (0.3, z_cohesie)), 1, 10
    )

    columns: dict[str, np.ndarray] = {}
    for var, _label, p_vaak, p_soms, field in _OVERLAST:
        factor = levels[field]
        vaak = np.clip(p_vaak * factor, 0.005, 0.6)
        weleens = np.clip(vaak + p_soms * (0.5 + 0.5 * factor), vaak + 0.01, 0.92)
        columns[var] = vaak_soms_nooit(_mix(rng, n, (0.6, z_overlast)), vaak, weleens)

    item_mean = 1 + mean_level("cohesie") / 2.5  # scale 0-10 maps to mean item score 1-5
    for var, _label, offset, negative in _COHESIE:
        agree = _cijfer(item_mean + offset + 0.65 * z_cohesie + 0.55 * rng.standard_normal(n), 1, 5)
        columns[var] = 6 - agree if negative else agree

    eigen_cam = ja_nee(_mix(rng, n, (0.35, z_unease)), levels["camera"])

    frame = pd.DataFrame(
        {
            "respnr": respnr.astype(np.int64),
            "wijk": [wijken[i][0] for i in wijk_idx],
            "weegfactor": weights,
            "leeftijd": age,
            "geslacht": sex.astype(np.int64),
            "onv_alg": onv_alg,
            "onv_buurt": onv_buurt,
            "cijf_veil": cijf_veil,
            "cijf_leef": cijf_leef,
            **{var: columns[var] for var, *_ in _OVERLAST},
            "slo_inbr": slo_inbr,
            "slo_fiets": slo_fiets,
            "slo_onl": slo_onl,
            **{var: columns[var] for var, *_ in _COHESIE},
            "eigen_cam": eigen_cam,
        }
    )

    # Item non-response: about 2% per question, coded 99.
    for var in _QUESTION_LABELS:
        frame[var] = np.where(rng.random(n) < NONRESPONSE_RATE, MISSING_CODE, frame[var])
        frame[var] = frame[var].astype(np.int64)

    # Derived scale: reverse the negative item, rescale 1-5 to 0-10, average the valid items.
    # System-missing (NaN) when more than one of the five items is missing.
    items = []
    for var, _label, _offset, negative in _COHESIE:
        values = frame[var].to_numpy(dtype=float)
        values = np.where(values == MISSING_CODE, np.nan, values)
        items.append(((6 - values if negative else values) - 1) * 2.5)
    stacked = np.column_stack(items)
    valid = np.sum(~np.isnan(stacked), axis=1)
    score = np.nansum(stacked, axis=1) / np.maximum(valid, 1)
    score = np.where(valid >= len(_COHESIE) - 1, np.round(score, 1), np.nan)
    frame.insert(frame.columns.get_loc("eigen_cam"), "coh_schaal", score)

    return frame, _metadata(f"GM{_gemeente_digits(gemeente_code)}", year, wijken)


def write_demo_sav(
    path, *, gemeente_code: str, year: int, respondents: int = 5000, seed: int = 0
) -> None:
    """Write one synthetic edition to an SPSS .sav file, with labels and user-missing 99."""
    frame, metadata = build_demo_edition(
        gemeente_code=gemeente_code, year=year, respondents=respondents, seed=seed
    )
    pyreadstat.write_sav(frame, os.fspath(path), **metadata)
