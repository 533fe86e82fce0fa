"""Every text field that holds what a person typed or uploaded, and how it may be shown.

A user of one gemeente can put anything in these fields, so every page, PDF and Word file must
show them as text (autoescaped) or, for rich text, only after the nh3 sanitiser
(``analysis.richtext.sanitize``, applied on save *and* on every render). The security tests
(``tests/security/test_user_text.py``) write a hostile payload into each field listed here and
check that no page, PDF or Word file lets it act or restyle.

Every CharField, TextField and JSONField of our apps is listed either here or in
``NOT_USER_TEXT`` with the reason; a new field that is in neither fails a test, so whoever adds
a field decides how it is shown. Fields with ``choices`` are exempt: their values come from the
TextChoices and the forms refuse anything else.
"""

from enum import StrEnum


class Shown(StrEnum):
    PLAIN = "plain"  # shown as text: autoescaped in templates, plain text in PDF and Word
    RICH = "rich"  # HTML from the Trix editor: sanitised on save and on every render


_PLAIN_FIELDS = """
accounts.User.email
accounts.User.full_name
projects.Bureau.name
projects.PoliceUnit.name
projects.Membership.organisation
projects.Project.name
projects.Project.next_deadline_label
projects.AuditEntry.actor_label
projects.AuditEntry.object_repr
analysis.Indicator.name
analysis.Area.name
analysis.Area.members
analysis.ImportRun.message
analysis.ImportRun.original_name
analysis.SurveyEdition.weight_column
analysis.Benchmark.region_name
analysis.CrimeCount.crime_label
analysis.MappingTemplate.name
analysis.WijkMap.code_property
analysis.WijkMap.name_property
analysis.PartnerInput.author_label
analysis.PartnerInput.organisation
analysis.PartnerInput.signals
analysis.PartnerInput.figures
analysis.PartnerInput.approach
analysis.InputAdoption.text
analysis.InputAdoption.source_label
analysis.AnalysisField.name
analysis.AnalysisTheme.name
analysis.AnalysisTheme.priority_reasoning
analysis.AnalysisTheme.coverage_reasoning
analysis.ThemeRevision.author_label
analysis.ThemeRevision.note
analysis.Participation.title
analysis.Participation.reach_note
analysis.Participation.main_points
kernbeleid.StepTransition.reason
kernbeleid.RaadDecision.number
kernbeleid.RaadDecision.notes
kernbeleid.RaadDecision.superseded_reason
kernbeleid.Amendment.number
kernbeleid.Amendment.part
kernbeleid.Amendment.text
kernbeleid.Motie.number
kernbeleid.Motie.title
kernbeleid.Motie.text
kernbeleid.Motie.task_owner
kernbeleid.Motie.task_done_note
kernbeleid.CollegeBesluit.number
kernbeleid.CollegeBesluit.notes
kernbeleid.RaadKennisname.reference
kernbeleid.RaadKennisname.notes
kernbeleid.ControleVraag.asked_by
kernbeleid.ControleVraag.question
kernbeleid.ControleVraag.answer
kernbeleid.Opdracht.opdrachtgever
kernbeleid.Opdracht.deliverables
kernbeleid.Startnotitie.scope
kernbeleid.Startnotitie.planning
kernbeleid.Startnotitie.budget
kernbeleid.Startnotitie.proposed_werkgroep
kernbeleid.WerkgroepMember.name
kernbeleid.WerkgroepMember.organisation_name
kernbeleid.WerkgroepMember.role
kernbeleid.Meeting.title
kernbeleid.Meeting.agenda
kernbeleid.Meeting.minutes
kernbeleid.Meeting.decisions
kernbeleid.BeleidsvraagAnswer.question
kernbeleid.BeleidsvraagAnswer.answer
kernbeleid.Kadernota.visie
kernbeleid.Kadernota.aanpak
kernbeleid.Kadernota.borging
kernbeleid.Kadernota.budget
kernbeleid.Kadernota.aanleiding
kernbeleid.Kadernota.evaluatie
kernbeleid.Kadernota.trends
kernbeleid.Kadernota.communicatie
kernbeleid.Kadernota.monitoring
kernbeleid.LocalChapter.priorities
kernbeleid.LocalChapter.themes
kernbeleid.LocalChapter.kernen
kernbeleid.BovenlokalePrioriteit.title
kernbeleid.BovenlokalePrioriteit.description
kernbeleid.BovenlokalePrioriteit.source
kernbeleid.Goal.description
kernbeleid.Goal.maatregelen
kernbeleid.Goal.partners
kernbeleid.Goal.funding
kernbeleid.OwnSeries.name
kernbeleid.OwnSeries.source
analysis.Population15Plus.source
kernbeleid.DraagvlakResponse.response
kernbeleid.DraagvlakReaction.author_label
kernbeleid.DraagvlakReaction.organisation
kernbeleid.DraagvlakReaction.text
kernbeleid.Action.title
kernbeleid.Action.owner
kernbeleid.Action.partners
kernbeleid.ActionProgress.text
kernbeleid.Action.begroting_programma
kernbeleid.Goal.begroting_programma
kernbeleid.Actualisatie.reason
kernbeleid.Actualisatie.raad_reference
kernbeleid.PriorityChange.reason
kernbeleid.YearTexts.inleiding
kernbeleid.YearTexts.veranderd
kernbeleid.YearTexts.vooruitblik
kernbeleid.Raadsvoorstel.onderwerp
kernbeleid.Raadsvoorstel.voorgesteld_besluit
kernbeleid.Raadsvoorstel.inleiding
kernbeleid.Raadsvoorstel.beoogd_effect
kernbeleid.Raadsvoorstel.argumenten
kernbeleid.Raadsvoorstel.kanttekeningen
kernbeleid.Raadsvoorstel.financien
kernbeleid.Raadsvoorstel.communicatie
kernbeleid.Raadsvoorstel.uitvoering
kernbeleid.Raadsvoorstel.bijlagen
kernbeleid.Raadsvoorstel.ontwerpbesluit
kernbeleid.Raadsvoorstel.college_number
reports.ReportStructure.name
reports.StructureSection.title
reports.WordTemplate.original_name
reports.ReportVersion.structure_name
reports.ReportVersion.college_decision_number
reports.RenderRun.message
reports.ReviewComment.author_label
reports.ReviewComment.body
reports.Publication.note
reports.OutlineAgreement.change_reason
reports.OutlineAgreement.agreed_by_name
reports.Delivery.delivered_to
reports.BeslotenBijlage.note
projects.ConfidentialMark.note
"""

_RICH_FIELDS = """
analysis.AnalysisTheme.knelpunten
analysis.AnalysisTheme.huidige_aanpak
analysis.AnalysisTheme.partners
analysis.AnalysisTheme.verbeterpunten
analysis.AnalysisTheme.bronnen
reports.StructureSection.fixed_text
"""

USER_TEXT_FIELDS: dict[str, Shown] = {
    **dict.fromkeys(_PLAIN_FIELDS.split(), Shown.PLAIN),
    **dict.fromkeys(_RICH_FIELDS.split(), Shown.RICH),
}

_REFERENCE = "CBS reference data, loaded by migration; not editable in the app"
_CODE = "a code the import validates against a fixed pattern before it is stored"
_DERIVED_JSON = (
    "structured data built by our code; the user text it copies comes from the fields above "
    "and is shown through the same escaping or sanitiser"
)

NOT_USER_TEXT: dict[str, str] = {
    "accounts.User.password": "a password hash",
    "projects.Provincie.code": _REFERENCE,
    "projects.Provincie.name": _REFERENCE,
    "projects.Veiligheidsregio.code": _REFERENCE,
    "projects.Veiligheidsregio.name": _REFERENCE,
    "projects.PoliceUnit.code": (
        "a CBS region code (RE, PD or BT and digits), checked by the loader and the model"
    ),
    "projects.Gemeente.name": _REFERENCE,
    "projects.Gemeente.cbs_code": _REFERENCE,
    "projects.Gemeente.cbs_label": _REFERENCE,
    "projects.Gemeente.slug": "set from the gemeente name when the reference data is loaded",
    "projects.Gemeente.house_colour": (
        "chosen by users but refused unless #rrggbb, by the settings form and again on every "
        "use (reports.common.house_colour); tested on its own"
    ),
    "projects.Bureau.slug": "set by the platform administrator, used in URLs only",
    "projects.AuditEntry.action": "an action name from our code",
    "projects.AuditEntry.object_type": "a model label from our code",
    "projects.AuditEntry.object_id": "a primary key or uuid",
    "projects.AuditEntry.detail": _DERIVED_JSON,
    "analysis.Indicator.code": "a slug, validated by the mapping (SlugField)",
    "analysis.Area.code": _CODE,
    "analysis.ImportRun.errors": _DERIVED_JSON,
    "analysis.ImportRun.mapping": _DERIVED_JSON,
    "analysis.ImportRun.variables": _DERIVED_JSON,
    "analysis.ImportRun.summary": _DERIVED_JSON,
    "analysis.ImportRun.preview": (
        "figures our code computes from the file and mapping, the file's value labels and the "
        "reasons a user gives for a flag; the preview page shows every text autoescaped"
    ),
    "analysis.ImportRun.file_sha256": "a SHA-256 in hex, computed by our code from the file",
    "analysis.ImportRun.file_deleted_reason": (
        "a reason from our code (analysis/figures/services/raw_files.py)"
    ),
    "analysis.Benchmark.region_code": _CODE,
    "analysis.CrimeCount.crime_code": _CODE,
    "analysis.MappingTemplate.mapping": _DERIVED_JSON,
    "analysis.AnalysisSettings.catalogue_version": "the version of our bundled catalogue",
    "analysis.AnalysisField.code": "copied from our bundled catalogue or numbered by our code",
    "analysis.AnalysisTheme.code": "copied from our bundled catalogue or numbered by our code",
    "analysis.AnalysisTheme.indicator_codes": "indicator codes (slugs), see Indicator.code",
    "analysis.ThemeRevision.texts": _DERIVED_JSON,
    "analysis.GeneratedDraft.paragraphs": "sentences our drafting code writes from the figures",
    "kernbeleid.Raadsvoorstel.draft": _DERIVED_JSON,  # drafted from the fields above
    "kernbeleid.Raadsvoorstel.occasion": (
        "a RaadsvoorstelOccasion value; the service and the URL refuse anything else"
    ),
    "kernbeleid.ReminderSent.key": "a key our code builds to send a reminder once",
    "kernbeleid.EvaluationDraft.content": (
        "drafted by kernbeleid.cycle.evaluation from the predecessor's goals, actions and "
        "measurements (fields listed above); renderers show every text autoescaped"
    ),
    "kernbeleid.YearTexts.document": "a yearly DocumentKind value, set by our code per page",
    "reports.ReportVersion.part": "a programme year or occasion, refused by reports.parts",
    "reports.ReportVersion.edition": "a CBS code of the plan's gemeenten, checked by "
    "reports.services.version_for",
    "kernbeleid.Goal.crime_code": "a 47018NED crime code, refused unless in CRIME_LABELS",
    "kernbeleid.Traject.skipped_steps": "step numbers the service checks against 3, 6 and 8",
    "reports.ReportVersion.content_hash": "a SHA-256 of the snapshot",
    "reports.ReportVersion.snapshot": (
        "built by reports.snapshot from the fields above; every renderer sanitises its HTML and "
        "SVG blocks again"
    ),
    "reports.OutlineAgreement.sections": (
        "titles, sources and numbering copied from the structure's sections (listed above), "
        "shown autoescaped"
    ),
    "reports.ReviewComment.section_key": "checked against the section keys of the version",
    "analysis.InputAdoption.input_field": "a PartnerInputField value, checked by input_adopt",
    "analysis.InputAdoption.theme_field": "a theme text's name, checked by input_adopt",
    "projects.FormDraft.key": "a form key our code builds (projects/autosave.py callers)",
    "projects.FormDraft.values": (
        "what the author typed in a form and has not saved, shown to that author only, and "
        "only as the value of the same form's inputs (autoescaped); rich text is put through "
        "the nh3 sanitiser before it is kept, like the saved text"
    ),
    "projects.ConfidentialMark.key": (
        "a key our code builds (projects/confidentiality.py); the mark service refuses any key "
        "that names no part of the project"
    ),
    **dict.fromkeys(
        [
            f"accounts.OidcProvider.{name}"
            for name in (
                "label",
                "email_domains",
                "issuer",
                "authorization_endpoint",
                "token_endpoint",
                "userinfo_endpoint",
                "jwks_uri",
                "client_id",
                "client_secret",
                "scopes",
            )
        ],
        "set by platform staff in the admin only; no tenant page shows it",
    ),
}
