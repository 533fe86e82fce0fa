"""Writes of the raad's controle of the uitvoeringsprogramma (steps 10 to 12).

The college adopts each year's programme by collegebesluit (from step 10 on; in step 12 the
following years). The raad takes note of it (kennisname) on or after that date, asks questions
the college answers later, and may adopt a motie; an adopted motie that asks the college for
something is a task with a deadline and an owner. None of this can reject the programme.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from projects.constants import ProjectScope
from projects.models import Project
from projects.services import audit_record

from ..constants import KennisnameKind, MotieOutcome
from .documents import check_decision_document
from .models import CollegeBesluit, ControleVraag, Motie, RaadKennisname
from .services import motie_add

CONTROLE_FIRST_STEP = 10
CONTROLE_STEP = 11

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
DOCUMENT_EXTENSIONS = ("pdf", "docx", "odt")
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class BesluitExists(ValidationError):
    """The year already has its collegebesluit; `besluit` is it, so the page can offer to
    edit it instead."""

    def __init__(self, message, *, besluit: CollegeBesluit):
        super().__init__(message)
        self.besluit = besluit


def _long(day: date) -> str:
    return date_format(day, "j F Y")


# --- the decision document ----------------------------------------------------------------


def _check_document(upload: UploadedFile | None) -> None:
    """The same content check as a raadsbesluit's document: the PDF, DOCX or ODT its name
    claims, size checked before anything reads it."""
    if upload is not None:
        check_decision_document(upload)


# --- the collegebesluit -------------------------------------------------------------------


def _check_besluit(*, project: Project, besluit_date: date, number: str) -> None:
    if besluit_date > timezone.localdate():
        raise ValidationError({"besluit_date": "Een collegebesluit ligt niet in de toekomst."})
    if not number.strip():
        raise ValidationError({"number": "Vul het nummer van het collegebesluit in."})


@transaction.atomic
def college_besluit_record(
    *,
    actor,
    project: Project,
    year: int,
    besluit_date: date,
    number: str,
    notes: str = "",
    document: UploadedFile | None = None,
) -> CollegeBesluit:
    """Record the college's besluit adopting the programme of `year` (one per year)."""
    if project.scope != ProjectScope.KERNBELEID or project.current_step < CONTROLE_FIRST_STEP:
        raise ValidationError(
            "Het college stelt het uitvoeringsprogramma vast vanaf stap 10; "
            "het project is daar nog niet."
        )
    if not project.period_start <= year <= project.period_end:
        raise ValidationError(
            {
                "year": f"Kies een jaar binnen de looptijd van de kadernota "
                f"({project.period_start}–{project.period_end})."
            }
        )
    existing = CollegeBesluit.objects.filter(project=project, year=year).first()
    if existing is not None:
        raise _exists(existing)
    _check_besluit(project=project, besluit_date=besluit_date, number=number)
    _check_document(document)
    besluit = CollegeBesluit(
        project=project,
        year=year,
        date=besluit_date,
        number=number.strip(),
        notes=notes.strip(),
        recorded_by=actor,
    )
    if document is not None:
        besluit.document.save(document.name, document, save=False)
    try:
        with transaction.atomic():
            besluit.save()
    except IntegrityError:
        # Someone recorded the same year a moment ago.
        raise _exists(CollegeBesluit.objects.get(project=project, year=year)) from None
    audit_record(
        actor=actor,
        action="collegebesluit vastgelegd",
        obj=besluit,
        project=project,
        detail={"jaar": year, "besluitnummer": besluit.number, "datum": besluit_date.isoformat()},
    )
    return besluit


def _exists(besluit: CollegeBesluit) -> BesluitExists:
    return BesluitExists(
        {
            "year": f"Voor {besluit.year} is al een collegebesluit vastgelegd "
            f"({besluit.number} van {_long(besluit.date)}). Er is één besluit per jaar: "
            "wijzig dat besluit als er iets niet klopt."
        },
        besluit=besluit,
    )


@transaction.atomic
def college_besluit_update(
    *,
    actor,
    besluit: CollegeBesluit,
    besluit_date: date,
    number: str,
    notes: str = "",
    document: UploadedFile | None = None,
) -> CollegeBesluit:
    """Correct a recorded collegebesluit; its year stays (that is what it adopted)."""
    _check_besluit(project=besluit.project, besluit_date=besluit_date, number=number)
    kennisname = RaadKennisname.objects.filter(college_besluit=besluit).first()
    if kennisname is not None and kennisname.date < besluit_date:
        raise ValidationError(
            {
                "besluit_date": "De raad nam al kennis van dit programma op "
                f"{_long(kennisname.date)}; het collegebesluit kan niet later liggen."
            }
        )
    _check_document(document)
    changes = {}
    for field, value in (
        ("date", besluit_date),
        ("number", number.strip()),
        ("notes", notes.strip()),
    ):
        if getattr(besluit, field) != value:
            changes[besluit._meta.get_field(field).verbose_name] = str(value)
            setattr(besluit, field, value)
    if document is not None:
        besluit.document.save(document.name, document, save=False)
        changes["besluitdocument"] = "nieuw document"
    besluit.save()
    if changes:
        audit_record(
            actor=actor,
            action="collegebesluit gewijzigd",
            obj=besluit,
            project=besluit.project,
            detail={"jaar": besluit.year, **changes},
        )
    return besluit


# --- the raad's kennisname ----------------------------------------------------------------


@transaction.atomic
def kennisname_save(
    *,
    actor,
    besluit: CollegeBesluit,
    kind: str,
    kennisname_date: date,
    reference: str = "",
    notes: str = "",
) -> RaadKennisname:
    """Record (or correct) how and when the raad took note of the year's programme."""
    if kind not in KennisnameKind.values:
        raise ValidationError({"kind": "Kies hoe de raad kennisnam."})
    if kennisname_date > timezone.localdate():
        raise ValidationError({"kennisname_date": "Een kennisname ligt niet in de toekomst."})
    if kennisname_date < besluit.date:
        raise ValidationError(
            {
                "kennisname_date": "De raad kan pas kennisnemen na het collegebesluit van "
                f"{_long(besluit.date)}."
            }
        )
    values = {
        "kind": kind,
        "date": kennisname_date,
        "reference": reference.strip(),
        "notes": notes.strip(),
    }
    kennisname = RaadKennisname.objects.filter(college_besluit=besluit).first()
    created = kennisname is None
    if created:
        kennisname = RaadKennisname(
            project=besluit.project, college_besluit=besluit, recorded_by=actor, **values
        )
        try:
            with transaction.atomic():
                kennisname.save()
        except IntegrityError:
            raise ValidationError(
                "Iemand anders legde deze kennisname net vast. Vernieuw de pagina."
            ) from None
    else:
        for field, value in values.items():
            setattr(kennisname, field, value)
        kennisname.save()
    audit_record(
        actor=actor,
        action="kennisname vastgelegd" if created else "kennisname gewijzigd",
        obj=kennisname,
        project=besluit.project,
        detail={
            "jaar": besluit.year,
            "vorm": kennisname.get_kind_display(),
            "datum": kennisname_date.isoformat(),
        },
    )
    return kennisname


# --- questions of the raad ----------------------------------------------------------------


@transaction.atomic
def controle_vraag_add(
    *, actor, kennisname: RaadKennisname, asked_by: str, question: str
) -> ControleVraag:
    """A question of a fractie or raadslid about the year's programme."""
    if not asked_by.strip():
        raise ValidationError({"asked_by": "Vul in welke fractie of welk raadslid het vroeg."})
    if not question.strip():
        raise ValidationError({"question": "Vul de vraag in."})
    vraag = ControleVraag.objects.create(
        kennisname=kennisname, asked_by=asked_by.strip(), question=question.strip()
    )
    audit_record(
        actor=actor,
        action="vraag van de raad vastgelegd",
        obj=vraag,
        project=kennisname.project,
        detail={"jaar": kennisname.college_besluit.year, "gesteld door": vraag.asked_by},
    )
    return vraag


@transaction.atomic
def controle_vraag_answer(*, actor, vraag: ControleVraag, answer: str) -> ControleVraag:
    """The college's answer; answering again corrects it and dates it anew."""
    if not answer.strip():
        raise ValidationError({"answer": "Vul het antwoord in."})
    vraag.answer = answer.strip()
    vraag.answered_at = timezone.now()
    vraag.save(update_fields=["answer", "answered_at"])
    audit_record(
        actor=actor,
        action="vraag van de raad beantwoord",
        obj=vraag,
        project=vraag.kennisname.project,
        detail={"jaar": vraag.kennisname.college_besluit.year, "gesteld door": vraag.asked_by},
    )
    return vraag


# --- moties at the controle ---------------------------------------------------------------


@transaction.atomic
def controle_motie_add(
    *,
    actor,
    kennisname: RaadKennisname,
    number: str,
    title: str,
    text: str,
    outcome: str,
    asks_action: bool,
    task_deadline: date | None = None,
    task_owner: str = "",
) -> Motie:
    """A motie the raad voted on at the controle of the year's programme. An adopted one
    that asks the college for something is a task: it needs a deadline and an owner."""
    errors = {}
    if not number.strip():
        errors["number"] = "Vul het nummer van de motie in."
    elif Motie.objects.filter(kennisname=kennisname, number=number.strip()).exists():
        errors["number"] = f"Motie {number.strip()} is bij dit programma al vastgelegd."
    if not title.strip():
        errors["title"] = "Vul de titel van de motie in."
    if not text.strip():
        errors["text"] = "Vul in wat de raad vraagt (het dictum)."
    if outcome not in MotieOutcome.values:
        errors["outcome"] = "Kies de uitkomst van de stemming."
    is_task = asks_action and outcome == MotieOutcome.AANGENOMEN
    if is_task and task_deadline is None:
        errors["task_deadline"] = "Een aangenomen motie die iets vraagt, krijgt een deadline."
    elif is_task and task_deadline < kennisname.date:
        errors["task_deadline"] = "De deadline ligt vóór de bespreking in de raad."
    if is_task and not task_owner.strip():
        errors["task_owner"] = "Vul in wie de motie oppakt."
    if errors:
        raise ValidationError(errors)
    # The controle's own checks above (number unique per programme, deadline after the
    # bespreking, an owner); motie_add checks, stores and audits every motie alike.
    return motie_add(
        actor=actor,
        kennisname=kennisname,
        number=number,
        title=title,
        text=text,
        outcome=outcome,
        asks_action=asks_action,
        task_deadline=task_deadline,
        task_owner=task_owner,
    )
