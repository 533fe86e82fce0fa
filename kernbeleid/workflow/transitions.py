"""The 12 steps of Kernbeleid Veiligheid as a state machine.

A plain transition table rather than a library: the flow is linear with a handful of
back-edges, every guard needs the project's own data, and the state must live on
Project.current_step (the portfolio shows it) and change by compare-and-set. django-fsm is
archived, and viewflow brings a process engine we do not need; a table is easier to read
against the VNG method and to test exhaustively.
"""

from dataclasses import dataclass

from projects.constants import KERNBELEID_STEPS, ProjectScope

from ..constants import Outcome

STEP_NAMES = dict(KERNBELEID_STEPS)

# Steps that close only with a recorded decision of the raad.
RAAD_STEPS = frozenset({1, 5, 9, 11})

# An analysis-only commission: the opdracht with the agreed outline (1), then the analysis
# written and delivered (4). No raad decides and no werkgroep meets (shared/domain §2.1);
# the light route changes nothing here.
ANALYSE_STEPS = (1, 4)

# Where a rejected or amended proposal goes back to: the step that must redo its work.
BACK_TO = {1: 1, 5: 4, 9: 7, 11: 10}

# The light route of KBV: a smaller traject without the separate startbijeenkomst, the
# second round of beleidsvragen and the draagvlak check. [U] The handreiking's exact light
# route was not available: these three steps are our reading of it, fixed here; a traject
# chooses the route (Traject.light_route), not the steps it skips.
LIGHT_SKIPS = frozenset({3, 6, 8})

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
    11: "de raad",
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


def steps_for(*, scope: str, light_route: bool) -> list[int]:
    if scope == ProjectScope.ANALYSE:
        return list(ANALYSE_STEPS)
    return [step for step in range(1, 13) if not (light_route and step in LIGHT_SKIPS)]


def raad_steps_for(scope: str) -> frozenset[int]:
    """The steps that wait for the raad: none in an analysis-only commission."""
    return frozenset() if scope == ProjectScope.ANALYSE else RAAD_STEPS


def actor_for(step: int, scope: str) -> str:
    return ANALYSE_ACTOR.get(step, "–") if scope == ProjectScope.ANALYSE else ACTOR[step]


def next_step(step: int, *, scope: str, light_route: bool) -> int | None:
    following = [s for s in steps_for(scope=scope, light_route=light_route) if s > step]
    return following[0] if following else None


def step_after_decision(step: int, outcome: str, *, scope: str, light_route: bool) -> int:
    """Where a project goes when the raad decides on the proposal of `step`."""
    if outcome == Outcome.AANGENOMEN:
        return next_step(step, scope=scope, light_route=light_route) or step
    if outcome == Outcome.AANGEHOUDEN:
        return step  # postponed: the proposal stays with the raad
    target = BACK_TO[step]
    while light_route and target in LIGHT_SKIPS:
        target -= 1
    return target
