"""The 12 steps of Kernbeleid Veiligheid: the transition table (transitions.py) with the
traject's models, the guards that keep a step from closing (selectors.py), the moves and raad
decisions (services.py) and the timeline page.

The transition table is this package's interface: ``from kernbeleid import workflow`` and
``workflow.next_step(...)``, ``workflow.RAAD_STEPS``.
"""

from .transitions import (
    ACTOR,
    ADOPTED,
    BACK_TO,
    DECISION_KINDS,
    LIGHT_SKIPS,
    RAAD_STEPS,
    SKIPPABLE,
    STEP_NAMES,
    Blocker,
    next_step,
    step_after_decision,
    steps_for,
)

__all__ = [
    "ACTOR",
    "ADOPTED",
    "BACK_TO",
    "DECISION_KINDS",
    "LIGHT_SKIPS",
    "RAAD_STEPS",
    "SKIPPABLE",
    "STEP_NAMES",
    "Blocker",
    "next_step",
    "step_after_decision",
    "steps_for",
]
