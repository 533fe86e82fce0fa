"""Reads for the werkgroep partners: who the partners are (linked werkgroep members and the
gemeente's partner accounts, one answer everywhere), what a partner may write on (theme names
only, nothing marked vertrouwelijk), their assigned beleidsvragen and the concept versions
they can react to (step 8)."""

from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.http import Http404

from analysis.models import AnalysisTheme, PartnerInput
from projects.confidentiality import confidential_marks, theme_key
from projects.constants import Role
from projects.models import Membership, Project
from reports.models import ReportVersion

from ..constants import Organisation
from ..products.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember

# --- who the partners are ------------------------------------------------------------------


def partner_memberships(project: Project) -> QuerySet[Membership]:
    """The gemeente's partner accounts (role partner), by name."""
    return (
        Membership.objects.filter(gemeente=project.gemeente, role=Role.PARTNER)
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


@dataclass
class PartnerPresence:
    """Whether the project has partners, the one answer every page gives: werkgroep members
    from outside the gemeente, and the gemeente's partner accounts, linked or not yet."""

    external_members: list[WerkgroepMember] = field(default_factory=list)
    accounts: list[Membership] = field(default_factory=list)
    unlinked_accounts: list[Membership] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.external_members or self.accounts)

    @property
    def in_werkgroep(self) -> bool:
        return bool(self.external_members)


def partner_presence(project: Project) -> PartnerPresence:
    members = list(project.werkgroep.select_related("user"))
    linked = {member.user_id for member in members if member.user_id}
    accounts = list(partner_memberships(project))
    return PartnerPresence(
        external_members=[m for m in members if m.organisation != Organisation.GEMEENTE],
        accounts=accounts,
        unlinked_accounts=[a for a in accounts if a.user_id not in linked],
    )


def linked_member(project: Project, user) -> WerkgroepMember | None:
    return project.werkgroep.filter(user=user).first()


def organisation_label(project: Project, user) -> str:
    """The partner's organisation as pages and source lines name it: the linked werkgroep
    member's organisation (its own name if given), else the organisation of the account."""
    member = linked_member(project, user)
    if member is not None:
        return member.organisation_name.strip() or member.get_organisation_display()
    membership = Membership.objects.filter(user=user, gemeente=project.gemeente).first()
    organisation = membership.organisation.strip() if membership else ""
    return organisation or "partner"


def organisation_for_account(text: str) -> tuple[str, str]:
    """(Organisation value, own name) for an account's free-text organisation: 'Politie'
    is politie; an organisation the list does not know is overig under its own name."""
    wanted = text.strip().lower()
    for value, label in Organisation.choices:
        if wanted in (value, label.lower()) and value != Organisation.GEMEENTE:
            return value, ""
    return Organisation.OVERIG, text.strip()


# --- what a partner writes on ----------------------------------------------------------------


def partner_themes(project: Project) -> list[AnalysisTheme]:
    """The themes a partner gives input on: shown themes of shown fields, by name only; a
    theme marked vertrouwelijk as a whole is left out (its name may already say too much)."""
    marks = confidential_marks(project)
    themes = AnalysisTheme.objects.filter(
        field__project=project, field__hidden=False, hidden=False
    ).select_related("field")
    return [
        theme
        for theme in themes.order_by("field__position", "position", "code")
        if theme_key(theme) not in marks
    ]


def partner_theme_get(project: Project, theme_uuid) -> AnalysisTheme:
    for theme in partner_themes(project):
        if str(theme.uuid) == str(theme_uuid):
            return theme
    raise Http404("Dit thema bestaat niet in dit project.")


def partner_input_for(theme: AnalysisTheme, user) -> PartnerInput | None:
    return PartnerInput.objects.filter(theme=theme, author=user).first()


def partner_inputs_by_theme(project: Project, user) -> dict[int, PartnerInput]:
    return {
        item.theme_id: item
        for item in PartnerInput.objects.filter(theme__field__project=project, author=user)
    }


# --- beleidsvragen -------------------------------------------------------------------------


def assigned_questions(project: Project, user) -> QuerySet[BeleidsvraagAnswer]:
    return BeleidsvraagAnswer.objects.filter(project=project, assigned_to=user).order_by("id")


def assigned_question_get(project: Project, user, question_uuid) -> BeleidsvraagAnswer:
    question = assigned_questions(project, user).filter(uuid=question_uuid).first()
    if question is None:
        raise Http404("Deze beleidsvraag is niet aan u voorgelegd.")
    return question


def question_get(project: Project, question_uuid) -> BeleidsvraagAnswer:
    question = BeleidsvraagAnswer.objects.filter(project=project, uuid=question_uuid).first()
    if question is None:
        raise Http404("Deze beleidsvraag bestaat niet in dit project.")
    return question


# --- draagvlak per concept version (step 8) --------------------------------------------------


def _latest_for(version: ReportVersion, user) -> bool:
    """Whether no newer version of the document was put before this partner. A newer one
    sent only to the raad does not close their reaction: they cannot read it."""
    from reports.selectors import versions_visible

    newest = (
        versions_visible(version.project, Role.PARTNER, user)
        .filter(document=version.document, part=version.part, edition=version.edition)
        .order_by("-major", "-minor", "-id")
        .first()
    )
    return newest is not None and newest.pk == version.pk


def reaction_closed_reason(version: ReportVersion, user) -> str:
    """Why a partner can no longer record or change a reaction to `version`, in Dutch; empty
    while they can: a concept, still the latest of its document, its consultation open."""
    from reports.selectors import consultation_closed_on

    if version.final:
        return "Dit is een vastgestelde versie; een draagvlakreactie hoort bij een concept."
    if not _latest_for(version, user):
        return "Er is u intussen een nieuwere versie van dit document voorgelegd; reageer op die."
    closed = consultation_closed_on(version, Role.PARTNER, user)
    if closed is not None:
        from projects.nl_format import format_date

        return f"Reageren kon tot en met {format_date(closed)}."
    return ""


def reaction_version_get(project: Project, user, version_uuid) -> ReportVersion:
    """A concept version published to this partner (404 otherwise)."""
    from reports.selectors import version_get

    version = version_get(project, Role.PARTNER, user, version_uuid)
    if version.final:
        raise Http404("Op een vastgestelde versie geeft u geen draagvlakreactie.")
    return version


@dataclass
class VersionReaction:
    version: ReportVersion
    reaction: DraagvlakReaction | None
    closed: str  # empty while the partner may still react


def partner_versions(project: Project, user) -> list[VersionReaction]:
    """The concept versions published to this partner, newest first, with their reaction."""
    from reports.selectors import versions_visible

    versions = versions_visible(project, Role.PARTNER, user).order_by(
        "document", "-major", "-minor"
    )
    reactions = {
        reaction.version_id: reaction
        for reaction in DraagvlakReaction.objects.filter(version__project=project, author=user)
    }
    return [
        VersionReaction(
            version=version,
            reaction=reactions.get(version.pk),
            closed=reaction_closed_reason(version, user),
        )
        for version in versions
        if not version.final
    ]


def reaction_for(version: ReportVersion, user) -> DraagvlakReaction | None:
    return DraagvlakReaction.objects.filter(version=version, author=user).first()


@dataclass
class VersionReactions:
    version: ReportVersion
    reactions: list[DraagvlakReaction]


def reactions_by_version(project: Project) -> list[VersionReactions]:
    """For the editors (step 8): every concept version with the partners' own reactions,
    newest first; versions nobody reacted to are left out."""
    grouped: dict[int, VersionReactions] = {}
    reactions = (
        DraagvlakReaction.objects.filter(version__project=project)
        .select_related("version")
        .order_by("-version__major", "-version__minor", "organisation", "recorded_at")
    )
    for reaction in reactions:
        entry = grouped.setdefault(
            reaction.version_id, VersionReactions(version=reaction.version, reactions=[])
        )
        entry.reactions.append(reaction)
    return list(grouped.values())
