"""Permission-matrix rows for the partners' own pages and the editors' partner tools (issue 14;
merged into tests/test_permission_matrix.py).

The partner pages ("Mijn inbreng") are for the role partner only: editors and raadsleden get
403, another gemeente's members 404. An empty POST from the partner is refused on the form
(200). The editors' tools: readers 403; an empty POST shows the form again (200), or, for
putting a question to nobody and adding an unknown account, redirects (302)."""

from tests.matrix_helpers import ANON_LOGIN, row, tenant


def partner_only(partner: int) -> dict:
    return {
        "adviseur": 403,
        "ambtenaar": 403,
        "raadslid": 403,
        "partner": partner,
        "outsider": 404,
        "anonymous": ANON_LOGIN,
    }


def _kwargs(**extra):
    """Builds what a URL needs, once per test: the analysis structure, the partner linked in
    the werkgroep, a question put to them, a concept published to the werkgroep, their input."""

    def build(world):
        from analysis.models import AnalysisTheme, PartnerInput
        from analysis.narrative import services as va_services
        from kernbeleid.constants import BeleidsvraagGroup, Organisation
        from kernbeleid.models import BeleidsvraagAnswer, WerkgroepMember

        project, partner = world.project, world.users["partner"]
        values = {"gemeente_slug": world.gemeente.slug, "project_uuid": project.uuid}
        member = WerkgroepMember.objects.filter(project=project, user=partner).first()
        if member is None:
            member = WerkgroepMember.objects.create(
                project=project, name="Petra", organisation=Organisation.POLITIE, user=partner
            )
        if "member_uuid" in extra:
            values["member_uuid"] = member.uuid
        if "membership_uuid" in extra:
            values["membership_uuid"] = world.memberships["partner"].uuid
        if "theme_uuid" in extra or "input_uuid" in extra:
            va_services.analysis_ensure(project=project)
            theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
            values["theme_uuid"] = theme.uuid
            if "input_uuid" in extra:
                values["input_uuid"] = PartnerInput.objects.get_or_create(
                    theme=theme,
                    author=partner,
                    defaults={"author_label": "Petra", "organisation": "politie", "signals": "x"},
                )[0].uuid
        if "question_uuid" in extra:
            values["question_uuid"] = BeleidsvraagAnswer.objects.get_or_create(
                project=project,
                group=BeleidsvraagGroup.AANPAK,
                question="Wat ziet de politie?",
                defaults={"assigned_to": partner},
            )[0].uuid
        if "version_uuid" in extra:
            # A project of its own: the reports rows take the world project's first version
            # and expect it unpublished, with a render.
            from projects.models import Project
            from reports.models import Publication
            from tests.factories import ProjectFactory
            from tests.reports.publication_helpers import stored_version

            own = Project.objects.filter(gemeente=world.gemeente, name="Draagvlak matrix").first()
            if own is None:
                own = ProjectFactory(gemeente=world.gemeente, name="Draagvlak matrix")
                version = stored_version(own, document="kadernota")
                Publication.objects.create(
                    version=version, audience="werkgroep", purpose="informatie", step=3
                )
            values["project_uuid"] = own.uuid
            values["version_uuid"] = own.report_versions.get().uuid
        return values

    return build


ROWS = {
    "kernbeleid:partner_home": (_kwargs(), row(partner_only(200), partner_only(405))),
    "kernbeleid:partner_theme": (
        _kwargs(theme_uuid=1),
        row(partner_only(200), partner_only(200)),
    ),
    "kernbeleid:partner_beleidsvraag": (
        _kwargs(question_uuid=1),
        row(partner_only(200), partner_only(200)),
    ),
    "kernbeleid:partner_draagvlak": (
        _kwargs(version_uuid=1),
        row(partner_only(200), partner_only(200)),
    ),
    "kernbeleid:werkgroep_account": (
        _kwargs(member_uuid=1),
        row(tenant(200, 403), tenant(200, 403)),
    ),
    "kernbeleid:werkgroep_from_account": (
        _kwargs(membership_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    "kernbeleid:beleidsvraag_assign": (
        _kwargs(question_uuid=1),
        row(tenant(405, 403), tenant(302, 403)),
    ),
    "analysis:va_partner_adopt": (
        _kwargs(input_uuid=1),
        row(tenant(405, 403), tenant(200, 403)),
    ),
}
