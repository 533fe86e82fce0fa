"""The models of the Kernbeleid Veiligheid app, defined in its three parts and collected here
so Django finds them under the app label "kernbeleid":

- workflow/models.py: the traject, its steps, moves and raad decisions (and
  decision_upload_to, which migration 0001 names as kernbeleid.models.decision_upload_to);
- products/models.py: what each step produces (startnotitie to uitvoeringsprogramma);
- cycle/models.py: the yearly cycle's goal measurements and reminders.
"""

from .cycle.models import *  # noqa: F403
from .cycle.models import __all__ as _cycle
from .products.models import *  # noqa: F403
from .products.models import __all__ as _products
from .workflow.models import *  # noqa: F403
from .workflow.models import __all__ as _workflow

__all__ = [*_workflow, *_products, *_cycle]
