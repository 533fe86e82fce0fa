"""Demo of access that ends (issue 14): the demo gemeenten's raadsperiode ends after the
gemeenteraadsverkiezingen of March 2030, so their raadsleden's access runs until then (the
members page shows the date, and the editors can change it)."""

from datetime import date

from .access import raadsperiode_apply
from .models import Gemeente

# The raad chosen in March 2030 is installed on Thursday 28 March: the old term ends the day
# before.
DEMO_TERM_END = date(2030, 3, 27)


def demo_access_load(codes) -> None:
    """Idempotent: sets the term end once; raadsleden who followed the term follow it."""
    for gemeente in Gemeente.objects.filter(cbs_code__in=codes):
        old = gemeente.raadsperiode_ends_on
        if old == DEMO_TERM_END:
            continue
        gemeente.raadsperiode_ends_on = DEMO_TERM_END
        gemeente.save(update_fields=["raadsperiode_ends_on"])
        raadsperiode_apply(actor=None, gemeente=gemeente, old=old, new=DEMO_TERM_END)
