"""The models of the Kernbeleid Veiligheid app, defined in its three parts and collected here
so Django finds them under the app label "kernbeleid":

- workflow/models.py: the traject, its steps, moves and raad decisions;
- products/models.py: what each step produces (startnotitie to uitvoeringsprogramma);
- cycle/models.py: the yearly cycle's goal measurements and reminders.
"""

from .cycle.models import GoalMeasurement, ReminderSent
from .products.models import (
    Action,
    ActionProgress,
    BeleidsvraagAnswer,
    DraagvlakResponse,
    Goal,
    Kadernota,
    Meeting,
    Startnotitie,
    WerkgroepMember,
)

# decision_upload_to: migration 0001 refers to it as kernbeleid.models.decision_upload_to.
from .workflow.models import (
    RaadDecision,
    StepRecord,
    StepTransition,
    Traject,
    decision_upload_to,
)

__all__ = [
    "Action",
    "ActionProgress",
    "BeleidsvraagAnswer",
    "DraagvlakResponse",
    "Goal",
    "GoalMeasurement",
    "Kadernota",
    "Meeting",
    "RaadDecision",
    "ReminderSent",
    "StepRecord",
    "StepTransition",
    "Startnotitie",
    "Traject",
    "WerkgroepMember",
    "decision_upload_to",
]
