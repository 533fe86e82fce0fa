"""What the college and the raad do with the yearly documents: the college adopts the
uitvoeringsprogramma (its collegebesluit is the one the controle of step 11 reads) and the
voortgangsrapportage (as jaarverslag); the raad takes note of both and never decides on them."""

import datetime

from django.core.exceptions import ValidationError

from kernbeleid.workflow.models import CollegeBesluit
from projects.nl_format import format_date

from .constants import YEARLY_DOCUMENTS, DocumentKind
from .models import ReportVersion

# The documents the college vastgesteld on a collegebesluit (the finalize page).
COLLEGE_DOCUMENTS = frozenset(
    {DocumentKind.ANALYSE, DocumentKind.UITVOERINGSPROGRAMMA, DocumentKind.VOORTGANG}
)

YEARLY_NAMES = {
    DocumentKind.UITVOERINGSPROGRAMMA: "het uitvoeringsprogramma",
    DocumentKind.VOORTGANG: "de voortgangsrapportage",
}


def yearly_college_besluit(
    *, actor, version: ReportVersion, decided_on: datetime.date, number: str
) -> CollegeBesluit:
    """The collegebesluit of the programme year: recorded now (through the controle's own
    service) when the year has none; the existing one when date and number match; else a
    ValidationError that names the one already recorded."""
    # Imported here: the controle services import the reports app themselves.
    from kernbeleid.workflow.controle_services import college_besluit_record

    project, year = version.project, int(version.part)
    existing = CollegeBesluit.objects.filter(project=project, year=year).first()
    if existing is None:
        try:
            return college_besluit_record(
                actor=actor, project=project, year=year, besluit_date=decided_on, number=number
            )
        except ValidationError as error:
            messages = error.messages
            raise ValidationError(" ".join(messages)) from error
    if existing.number.strip() != number.strip() or existing.date != decided_on:
        raise ValidationError(
            {
                "number": f"Voor {year} is al collegebesluit {existing.number} van "
                f"{format_date(existing.date)} vastgelegd. Geef dat besluit op, of wijzig het "
                "eerst bij de controle door de raad."
            }
        )
    return existing


def yearly_decision_check(version: ReportVersion) -> None:
    """The raad does not decide on a yearly document: refuse ter besluitvorming."""
    if version.document in YEARLY_DOCUMENTS:
        name = YEARLY_NAMES[version.document]
        raise ValidationError(
            {
                "purpose": f"Het college stelt {name} vast; de raad neemt er kennis van en "
                "besluit er niet over. Publiceer het voor de raad ter informatie."
            }
        )


def yearly_besluit_of(version: ReportVersion) -> CollegeBesluit | None:
    """The collegebesluit already recorded for an uitvoeringsprogramma's year (the finalize
    page offers its date and number)."""
    if version.document != DocumentKind.UITVOERINGSPROGRAMMA or not version.part.isdigit():
        return None
    return CollegeBesluit.objects.filter(project=version.project, year=int(version.part)).first()
