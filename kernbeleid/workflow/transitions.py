"""The 12 steps of Kernbeleid Veiligheid as a state machine.

A plain transition table rather than a library: the flow is linear with a handful of
back-edges, every guard needs the project's own data, and the state must live on
Project.current_step (the portfolio shows it) and change by compare-and-set. django-fsm is
archived, and viewflow brings a process engine we do not need; a table is easier to read
against the VNG method and to test exhaustively.
"""

from collections.abc import Collection
from dataclasses import dataclass

from projects.constants import KERNBELEID_STEPS, ProjectScope

from ..constants import DecisionKind, Outcome

STEP_NAMES = dict(KERNBELEID_STEPS)

# Steps that close only with a recorded decision of the raad (art. 38b Politiewet: the raad
# sets the goals). Step 11 is not one of them: it is the raad's controle of the college's
# uitvoeringsprogramma, which takes note and asks questions but cannot reject (see
# controle_*.py).
RAAD_STEPS = frozenset({1, 5, 9})

# An analysis-only commission: the opdracht with the agreed outline (1), then the analysis
# written and delivered (4). No raad decides and no werkgroep meets (shared/domain §2.1);
# the light route changes nothing here.
ANALYSE_STEPS = (1, 4)

# Where a rejected proposal goes back to: the step that must redo its work. An amended
# proposal is adopted as amended and goes on, so only "verworpen" uses this.
BACK_TO = {1: 1, 5: 4, 9: 7}

# How the raad may speak at each raad step. Steps 1 and 5 are often a raadsinformatiebrief, a
# consultation or a bijeenkomst rather than a numbered besluit (shared/domain §2.1); the
# kadernota is vastgesteld only by a raadsbesluit.
DECISION_KINDS = {
    1: tuple(DecisionKind.values),
    5: tuple(DecisionKind.values),
    9: (DecisionKind.RAADSBESLUIT,),
}

# The outcomes by which the proposal holds (as amended, for geamendeerd).
ADOPTED = frozenset({Outcome.AANGENOMEN, Outcome.GEAMENDEERD})

# The light route of KBV: a shorter route for gemeenten that do not (yet) go through the full
# traject (KBV 2nd ed., foreword). Which steps the handreiking leaves out was not available
# [U], so the skips are the project's own choice (Traject.skipped_steps), from SKIPPABLE only:
# the raad steps (1, 5, 9), the products those decisions rest on (2 werkgroep, 4 analyse,
# 7 kadernota) and the execution and controle (10-12) are never skipped.
SKIPPABLE = frozenset({3, 6, 8})
# What a new light route suggests: all of SKIPPABLE.
LIGHT_SKIPS = SKIPPABLE

# Who acts in each step (for the timeline's "who can unblock").
ACTOR = {
    1: "college stelt voor, de raad besluit",
    2: "burgemeester en ambtelijk coördinator",
    3: "werkgroep",
    4: "werkgroep",
    5: "de raad",
    6: "werkgroep",
    7: "werkgroep (ambtelijk)",
    8: "partners in de werkgroep",
    9: "college stelt voor, de raad besluit",
    10: "het college",
    11: "de raad (controle: kennisname, vragen, moties)",
    12: "het college voert uit, de raad controleert",
}

ANALYSE_ACTOR = {
    1: "de gemeente (opdrachtgever) en het bureau",
    4: "het bureau (adviseur) levert op",
}


@dataclass(frozen=True)
class Blocker:
    """Something that keeps the current step from closing, and who can resolve it."""

    message: str
    who: str


def steps_for(*, scope: str, light_route: bool, skips: Collection[int] = LIGHT_SKIPS) -> list[int]:
    """The steps of the route; on the light route without `skips` (the project's choice,
    Traject.skipped; only SKIPPABLE steps are ever left out). An analysis-only commission
    has its own two steps, whatever the route."""
    if scope == ProjectScope.ANALYSE:
        return list(ANALYSE_STEPS)
    left_out = set(skips) & SKIPPABLE if light_route else set()
    return [step for step in range(1, 13) if step not in left_out]


def off_route_reason(step: int, *, scope: str, light_route: bool) -> str:
    """Why `step` is not on a project's route, in the words the forms show."""
    if scope == ProjectScope.ANALYSE:
        return (
            f"Stap {step} hoort niet bij dit project: de gemeente geeft alleen de "
            "veiligheidsanalyse in opdracht (stap 1 en 4)."
        )
    if light_route:
        return f"Stap {step} slaat dit project over (lichte route, keuze van het project)."
    return f"Stap {step} hoort niet bij de route van dit project."


def raad_steps_for(scope: str) -> frozenset[int]:
    """The steps that wait for the raad: none in an analysis-only commission."""
    return frozenset() if scope == ProjectScope.ANALYSE else RAAD_STEPS


def actor_for(step: int, scope: str) -> str:
    return ANALYSE_ACTOR.get(step, "–") if scope == ProjectScope.ANALYSE else ACTOR[step]


def next_step(
    step: int, *, scope: str, light_route: bool, skips: Collection[int] = LIGHT_SKIPS
) -> int | None:
    route = steps_for(scope=scope, light_route=light_route, skips=skips)
    following = [s for s in route if s > step]
    return following[0] if following else None


def step_after_decision(
    step: int, outcome: str, *, scope: str, light_route: bool, skips: Collection[int] = LIGHT_SKIPS
) -> int:
    """Where a project goes when the raad decides on the proposal of `step`. An empty
    `outcome` is a raadsinformatiebrief, consultation or bijeenkomst: the step proceeds on it,
    as on an adopted besluit."""
    if outcome in ADOPTED or not outcome:
        return next_step(step, scope=scope, light_route=light_route, skips=skips) or step
    if outcome == Outcome.AANGEHOUDEN:
        return step  # postponed: the proposal stays with the raad
    target = BACK_TO[step]
    while light_route and target in skips:
        target -= 1
    return target
