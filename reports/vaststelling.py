"""The link between a raad decision and the version it decides on.

A version goes to the raad *ter besluitvorming* for a raad step (Publication.decision_step).
When that step's decision is recorded, the publication is linked to it, so the version shows
that the raad decided on it. At step 9 an adopted raadsbesluit (aangenomen, or aangenomen met
amendementen) makes exactly that kadernota version vastgesteld: the next major version,
finalised by the raad on that decision, with the adopted amendementen as a bijlage.

Which version awaits a decision: the one last published to the raad ter besluitvorming for
that step, as long as that publication is not yet linked to a decision. A newer publication
for the same step replaces an older one; once the last one is decided on, nothing awaits until
a version is published again (after a rejection, the reworked version).
"""

from django.db.models import Max, Q
from django.utils.formats import date_format

from kernbeleid.constants import DecisionKind, Outcome
from kernbeleid.workflow.models import RaadDecision
from projects.joint import plan_gemeenten
from projects.models import Gemeente, Project
from projects.services import audit_record

from . import services
from .blocks import HeadingBlock, ParagraphsBlock, Section
from .constants import Audience, DocumentKind, FinalKind, PublicationPurpose
from .models import Publication, ReportVersion

# The raad step at which the raad vaststelt the kadernota.
VASTSTELLING_STEP = 9
APPENDIX_KEY = "bijlage-amendementen"
APPENDIX_TITLE = "Bijlage: amendementen"


def _awaiting_publication(project: Project, step: int, gemeente_id=None) -> Publication | None:
    """The newest publication ter besluitvorming for ``step`` to the raad of ``gemeente_id``
    (by default the project's gemeente; a publication without a gemeente went there)."""
    gemeente_id = gemeente_id or project.gemeente_id
    raad = Q(gemeente_id=gemeente_id)
    if gemeente_id == project.gemeente_id:
        raad |= Q(gemeente__isnull=True)
    last = (
        Publication.objects.filter(
            raad,
            version__project=project,
            audience=Audience.RAAD,
            purpose=PublicationPurpose.BESLUITVORMING,
            decision_step=step,
        )
        .select_related("version")
        .order_by("-published_at", "-id")
        .first()
    )
    if last is None or last.decision_id is not None:
        return None
    if step == VASTSTELLING_STEP and last.version.document != DocumentKind.KADERNOTA:
        return None  # at step 9 the raad vaststelt the kadernota, nothing else
    return last


def version_awaiting_decision(
    project: Project, step: int, gemeente_id: int | None = None
) -> ReportVersion | None:
    """The version last published to the raad (of ``gemeente_id``, by default the
    project's gemeente) ter besluitvorming for `step`, not yet linked to a decision."""
    publication = _awaiting_publication(project, step, gemeente_id)
    return publication.version if publication else None


def fixes_version(*, step: int, kind: str, outcome: str) -> bool:
    """Whether a decision of this step, kind and outcome makes the awaiting version
    vastgesteld."""
    return (
        step == VASTSTELLING_STEP
        and kind == DecisionKind.RAADSBESLUIT
        and outcome in (Outcome.AANGENOMEN, Outcome.GEAMENDEERD)
    )


def version_to_be_fixed(
    project: Project, *, step: int, kind: str, outcome: str, gemeente_id: int | None = None
) -> ReportVersion | None:
    """The version a decision of this kind and outcome (by the raad of ``gemeente_id``)
    would make vastgesteld, if any. In a joint plan only the last raad to adopt does."""
    if not fixes_version(step=step, kind=kind, outcome=outcome):
        return None
    if project.joint:
        from kernbeleid.workflow.raden import adoption_completes

        if not adoption_completes(project, step, gemeente_id or project.gemeente_id):
            return None
    version = version_awaiting_decision(project, step, gemeente_id)
    return version if version is not None and not version.final else None


def next_final_label(version: ReportVersion) -> str:
    """What the vastgestelde version will be called, e.g. "vastgesteld 1.0"."""
    latest = ReportVersion.objects.filter(
        project_id=version.project_id,
        document=version.document,
        part=version.part,
        edition=version.edition,
    ).aggregate(Max("major"))["major__max"]
    return f"vastgesteld {(latest or 0) + 1}.0"


def confirmation_text(*, version: ReportVersion, number: str, decision_date) -> str:
    """What the user confirms, naming the decision and the version, e.g. "Met raadsbesluit
    2027-RB-031 van 3 december 2026 wordt Kadernota integrale veiligheid concept 0.4 vastgesteld
    als vastgesteld 1.0."."""
    return (
        f"Met raadsbesluit {number} van {date_format(decision_date, 'j F Y')} wordt {version} "
        f"vastgesteld als {next_final_label(version)}."
    )


def adopting_decisions(project: Project, decision) -> list[tuple[Gemeente, RaadDecision]]:
    """Each raad's decision that adopted the kadernota, the lead first. In a joint plan the
    vastgestelde version is made on the last raad's decision, but every raad adopted it, each
    with its own amendementen; in a plan of one gemeente it is `decision` alone."""
    if not project.joint:
        return [(project.gemeente, decision)]
    from kernbeleid.workflow.raden import raad_status  # the workflow records through here

    status = raad_status(project, decision.step)
    return [(row.gemeente, row.decision) for row in status.rows if row.decision is not None]


def amendments_appendix(adopting: list[tuple[Gemeente, RaadDecision]]) -> Section:
    """The adopted amendementen as a bijlage of the vastgestelde kadernota: those of each
    raad under its gemeente's name when several raden adopted it."""
    joint = len(adopting) > 1
    blocks: list = []
    for gemeente, decision in adopting:
        amendments = list(decision.amendments.all())
        raad = f"De gemeenteraad van {gemeente.name}" if joint else "De raad"
        if joint:
            blocks.append(HeadingBlock(f"Gemeenteraad van {gemeente.name}"))
        blocks.append(
            ParagraphsBlock(
                [
                    f"{raad} heeft deze kadernota op {date_format(decision.date, 'j F Y')} "
                    f"vastgesteld bij raadsbesluit {decision.number}, "
                    + ("met de volgende amendementen." if amendments else "zonder amendementen.")
                ]
            )
        )
        for amendment in amendments:
            title = f"Amendement {amendment.number}: {amendment.part}"
            paragraphs = [line.strip() for line in amendment.text.splitlines() if line.strip()]
            if joint:  # one heading level: the gemeente's
                blocks.append(ParagraphsBlock([title, *paragraphs]))
            else:
                blocks += [HeadingBlock(title), ParagraphsBlock(paragraphs)]
    return Section(key=APPENDIX_KEY, title=APPENDIX_TITLE, numbered=False, blocks=blocks)


def decision_apply(*, actor, decision) -> ReportVersion | None:
    """Link the version awaiting `decision` to it; at step 9, on an adopted raadsbesluit, make
    that version vastgesteld by the raad and return the vastgestelde version. Returns the
    version decided on otherwise, or None when no version awaited this decision.

    An aangehouden decision links nothing: the raad postponed, the version still awaits.
    Called inside the transaction that records the decision (raad_decision_record).
    """
    if decision.outcome == Outcome.AANGEHOUDEN:
        return None
    project = decision.project
    publication = _awaiting_publication(project, decision.step, decision.gemeente_id)
    if publication is None:
        return None
    publication.decision = decision
    publication.save(update_fields=["decision"])
    version = publication.version
    audit_record(
        actor=actor,
        action="versie besloten door de raad",
        obj=version,
        project=decision.project,
        detail={"versie": version.label, "besluit": str(decision), "stap": decision.step},
    )
    if version.final or not fixes_version(
        step=decision.step, kind=decision.kind, outcome=decision.outcome
    ):
        return version
    from kernbeleid.workflow.raden import raad_status  # the workflow records through here

    if project.joint and not raad_status(project, decision.step).complete:
        return version  # a joint kadernota is vastgesteld once every raad adopted it
    # Every raad's amendementen, not only those of the raad that adopted last.
    adopting = adopting_decisions(project, decision)
    appendix = None
    if any(adopted.outcome == Outcome.GEAMENDEERD for _gemeente, adopted in adopting):
        appendix = [amendments_appendix(adopting)]
    final = services.version_finalize(
        actor=actor,
        version=version,
        finalized_as=FinalKind.RAAD,
        decision=decision,
        appendix=appendix,
    )
    # The raad adopted it: the vastgestelde kadernota is the raad's at once, without waiting
    # for someone to publish it (it goes with the notice mail like any publication).
    for gemeente in plan_gemeenten(project):  # every raad of a joint plan
        services.publish(
            actor=actor,
            version=final,
            audience=Audience.RAAD,
            purpose=PublicationPurpose.INFORMATIE,
            gemeente=gemeente,
        )
    return final
