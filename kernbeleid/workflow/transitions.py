"""The 12 steps of Kernbeleid Veiligheid as a state machine.

A plain transition table rather than a library: the flow is linear with a handful of
back-edges, every guard needs the project's own data, and the state must live on
Project.current_step (the portfolio shows it) and change by compare-and-set. django-fsm is
archived, and viewflow brings a process engine we do not need; a table is easier to read
against the VNG method and to test exhaustively.
"""

from dataclasses import dataclass

from projects.constants import ANALYSE_LAST_STEP, KERNBELEID_STEPS, ProjectScope

from ..constants import DecisionKind, Outcome

STEP_NAMES = dict(KERNBELEID_STEPS)

# Steps that close only with a recorded decision of the raad (art. 38b Politiewet: the raad
# sets the goals). Step 11 is not one of them: it is the raad's controle of the college's
# uitvoeringsprogramma, which takes note and asks questions but cannot reject.
RAAD_STEPS = frozenset({1, 5, 9})

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


@dataclass(frozen=True)
class Blocker:
    """Something that keeps the current step from closing, and who can resolve it."""

    message: str
    who: str


def steps_for(*, scope: str, light_route: bool) -> list[int]:
    last = ANALYSE_LAST_STEP if scope == ProjectScope.ANALYSE else 12
    return [step for step in range(1, last + 1) if not (light_route and step in LIGHT_SKIPS)]


def next_step(step: int, *, scope: str, light_route: bool) -> int | None:
    following = [s for s in steps_for(scope=scope, light_route=light_route) if s > step]
    return following[0] if following else None


def step_after_decision(step: int, outcome: str, *, scope: str, light_route: bool) -> int:
    """Where a project goes when the raad decides on the proposal of `step`. An empty
    `outcome` is a raadsinformatiebrief, consultation or bijeenkomst: the step proceeds on it,
    as on an adopted besluit."""
    if outcome in ADOPTED or not outcome:
        return next_step(step, scope=scope, light_route=light_route) or step
    if outcome == Outcome.AANGEHOUDEN:
        return step  # postponed: the proposal stays with the raad
    target = BACK_TO[step]
    while light_route and target in LIGHT_SKIPS:
        target -= 1
    return target
