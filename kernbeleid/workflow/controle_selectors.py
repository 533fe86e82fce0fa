"""Reads of the raad's controle of the uitvoeringsprogramma (step 11, and every year of step 12).

The college adopts each year's programme by collegebesluit; the raad takes note of it
(kennisname), asks questions and may answer with a motie. Nothing here can reject the
programme: the guards only ask that the besluit and the kennisname are recorded.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch
from django.utils.formats import date_format

from projects.constants import Role
from projects.models import Project

from .models import CollegeBesluit, ControleVraag, Motie, RaadKennisname
from .transitions import Blocker

WHO_COLLEGE = "het college (ambtelijk voorbereid)"
WHO_RECORDS = "ambtenaar of adviseur, na de bespreking in de raad"

PROGRAMME_NOT_ADOPTED = (
    "Het college heeft het uitvoeringsprogramma nog niet vastgesteld (collegebesluit)."
)


def can_see_controle(role: Role) -> bool:
    """Editors keep the record; raadsleden read it, it is their own controle. Partners in the
    werkgroep have no part in the raad's controle of the college."""
    return role.can_edit or role == Role.RAADSLID


def _long(day: date) -> str:
    return date_format(day, "j F Y")


@dataclass(frozen=True)
class ControleYear:
    """One year's programme: the collegebesluit and what the raad did with it."""

    besluit: CollegeBesluit
    kennisname: RaadKennisname | None
    questions: list[ControleVraag]
    moties: list[Motie]

    @property
    def year(self) -> int:
        return self.besluit.year

    @property
    def answered(self) -> int:
        return sum(question.answered_at is not None for question in self.questions)

    @property
    def unanswered(self) -> int:
        return len(self.questions) - self.answered

    @property
    def summary(self) -> str:
        """One line for the overview, e.g. "Uitvoeringsprogramma 2027: collegebesluit
        B&W 2027-031 van 14 januari 2027; raad nam kennis via commissiebespreking op
        3 februari 2027; 2 vragen (1 beantwoord); motie M-2027-04 (taak tot 1 juni 2027)".
        Plain text: the template escapes it."""
        parts = [f"collegebesluit {self.besluit.number} van {_long(self.besluit.date)}"]
        if self.kennisname is None:
            parts.append("de raad heeft nog geen kennis genomen")
        else:
            kind = self.kennisname.get_kind_display()
            parts.append(f"raad nam kennis via {kind} op {_long(self.kennisname.date)}")
        if self.questions:
            noun = "vraag" if len(self.questions) == 1 else "vragen"
            parts.append(f"{len(self.questions)} {noun} ({self.answered} beantwoord)")
        for motie in self.moties:
            if motie.is_task:
                parts.append(f"motie {motie.number} (taak tot {_long(motie.task_deadline)})")
            else:
                parts.append(f"motie {motie.number} ({motie.get_outcome_display()})")
        return f"Uitvoeringsprogramma {self.year}: " + "; ".join(parts)


def controle_overview(project: Project) -> list[ControleYear]:
    """Every year with a collegebesluit, oldest first, with the raad's kennisname, questions
    and moties of that year."""
    besluiten = (
        CollegeBesluit.objects.filter(project=project)
        .select_related("kennisname")
        .prefetch_related(
            Prefetch("kennisname__questions", queryset=ControleVraag.objects.order_by("id")),
            Prefetch("kennisname__moties", queryset=Motie.objects.order_by("id")),
        )
        .order_by("year")
    )
    years = []
    for besluit in besluiten:
        kennisname = _kennisname_of(besluit)
        years.append(
            ControleYear(
                besluit=besluit,
                kennisname=kennisname,
                questions=list(kennisname.questions.all()) if kennisname else [],
                moties=list(kennisname.moties.all()) if kennisname else [],
            )
        )
    return years


def controle_year(project: Project, year: int) -> ControleYear | None:
    return next((entry for entry in controle_overview(project) if entry.year == year), None)


def _kennisname_of(besluit: CollegeBesluit) -> RaadKennisname | None:
    try:
        return besluit.kennisname
    except RaadKennisname.DoesNotExist:
        return None


def programme_under_controle(project: Project) -> CollegeBesluit | None:
    """The programme the raad checks now: the latest year the college adopted. Not the
    calendar year: a programme is often adopted in the autumn before its year begins."""
    return CollegeBesluit.objects.filter(project=project).order_by("-year").first()


def programme_adopted(project: Project) -> list[Blocker]:
    """Step 10 closes with the college's besluit on the programme."""
    if CollegeBesluit.objects.filter(project=project).exists():
        return []
    return [Blocker(PROGRAMME_NOT_ADOPTED, WHO_COLLEGE)]


def controle_blockers(project: Project, today: date | None = None) -> list[Blocker]:
    """Step 11 closes when the latest programme has its collegebesluit and the raad's
    kennisname. Open questions do not block (the page shows them); there is no outcome
    that rejects the programme."""
    besluit = programme_under_controle(project)
    if besluit is None:
        return [Blocker(PROGRAMME_NOT_ADOPTED, WHO_COLLEGE)]
    if _kennisname_of(besluit) is None:
        message = (
            f"De kennisname door de raad van het uitvoeringsprogramma {besluit.year} "
            "is nog niet vastgelegd."
        )
        return [Blocker(message, WHO_RECORDS)]
    return []
