"""The demo's werkgroep partners (issue 14): Almere's werkgroep linked to partner accounts
(the politie to the demo partner account, three others invited), their own input on the
priorities, one adopted into the analysis with its source, a beleidsvraag the politie
answered, and the partners' draagvlak reactions to the concept kadernota of step 8.

Runs after Almere's traject (projects/demo_traject.py) and once: a second run finds the input
and changes nothing. The writes go through the services; the reactions to the concept are
rows (that consultation closed long ago), and every timestamp is moved to its place in the
story, relative to today."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from analysis.models import AnalysisTheme, InputAdoption, PartnerInput
from analysis.narrative.partner_input import input_adopt
from kernbeleid.constants import BeleidsvraagGroup, Verdict
from kernbeleid.models import BeleidsvraagAnswer, DraagvlakReaction, WerkgroepMember
from kernbeleid.partners import services as partners
from kernbeleid.products import services as steps
from reports.constants import Audience, DocumentKind
from reports.models import Publication

from .constants import ProjectScope
from .demo_dating import dated, days_ago, demo_user, moment
from .models import Project

ALMERE = "GM0034"

# Werkgroep member -> the account they get: the politie has the demo partner account.
INVITED = {
    "Sandra Visser": "s.visser@vrflevoland.demo.nl",
    "Peter Mulder": "p.mulder@woningcorporatie.demo.nl",
    "Samir El Idrissi": "s.elidrissi@jongerenwerk.demo.nl",
}

# (member, theme code, signals, own figures, current approach)
INPUT = (
    (
        "Erik Jansen",
        "1.4",
        "Bewoners van Almere Haven melden vaker dealers bij de haven en het winkelcentrum, vooral "
        "op vrijdag- en zaterdagavond. Slecht verlichte looproutes naar het station worden "
        "gemeden.",
        "Basisteam Almere: 212 meldingen overlast in de openbare ruimte in Almere Haven in het "
        "afgelopen jaar (het jaar ervoor 160); 38 meldingen drugsoverlast.",
        "Wijkagenten lopen op vrijdag en zaterdag samen met handhaving; Meld Misdaad Anoniem "
        "wordt in de wijk onder de aandacht gebracht.",
    ),
    (
        "Erik Jansen",
        "3.1",
        "Twee jeugdgroepen op de shortlist; bij één groep zien we jongeren van 14 en 15 die als "
        "loopjongen worden ingezet.",
        "Shortlist jeugdgroepen: 2 hinderlijke groepen, 1 overlastgevende groep.",
        "Groepsaanpak met jongerenwerk en Halt; gesprekken met ouders na een tweede melding.",
    ),
    (
        "Samir El Idrissi",
        "3.1",
        "Jongeren zeggen dat er 's avonds niets te doen is in Almere Haven; het jongerencentrum "
        "sluit om 21 uur.",
        "",
        "Ambulant jongerenwerk op drie avonden per week, straatcoaches in Almere Centrum; een "
        "avondinloop in Almere Haven is in voorbereiding.",
    ),
    (
        "Peter Mulder",
        "1.4",
        "Huurders in de portiekflats bij de haven voelen zich onveilig in bergingen en "
        "entrees; er zijn klachten over verlichting en kapotte deuren.",
        "Woningcorporatie: 64 meldingen woonoverlast in Almere Haven vorig jaar.",
        "Huismeesters, een buurtbemiddelingsproject en het vervangen van de verlichting in "
        "twaalf complexen.",
    ),
)

# (member, verdict, text): the partners' own reactions to the concept kadernota (step 8).
REACTIONS = (
    (
        "Erik Jansen",
        Verdict.OPMERKINGEN,
        "De politie steunt de drie prioriteiten. Noem in het uitvoeringsprogramma bij elke "
        "maatregel welke partner trekker is, zodat de inzet van het basisteam te plannen is.",
    ),
    ("Sandra Visser", Verdict.AKKOORD, "Akkoord; de brandweer herkent zich in de aanpak."),
    (
        "Peter Mulder",
        Verdict.AKKOORD,
        "Akkoord. Graag de woningcorporatie betrekken bij de wijkaanpak Almere Haven.",
    ),
    (
        "Samir El Idrissi",
        Verdict.OPMERKINGEN,
        "Het aanbod in de avonduren verdient een eigen doel met een streefwaarde.",
    ),
)

QUESTION_ANSWERED = (
    "Welke signalen ziet de politie rond drugshandel in Almere Haven die niet in de cijfers staan?",
    "Jongeren van 14 en 15 worden als loopjongen ingezet en dealers wijken uit naar de "
    "looproutes rond het station. Die signalen komen uit de wijkagenten en de groepsaanpak, "
    "niet uit de registratie.",
)
QUESTION_OPEN = "Welke complexen van de woningcorporatie vragen om extra verlichting of toezicht?"


def demo_partners_load() -> list[str]:
    project = (
        Project.objects.filter(
            gemeente__cbs_code=ALMERE, scope=ProjectScope.KERNBELEID, successors__isnull=True
        )
        .order_by("created_at")
        .first()
    )
    if project is None or project.current_step != 12:
        return ["Almere (partners): het traject is nog niet geladen; niets gedaan."]
    if PartnerInput.objects.filter(theme__field__project=project).exists():
        return ["Almere (partners): de inbreng van de partners staat er al; niets gewijzigd."]
    with transaction.atomic():
        _partners(project, timezone.localdate())
    return [
        "Almere: de werkgroep is gekoppeld aan partneraccounts, met hun inbreng per thema, "
        "een beantwoorde beleidsvraag en hun draagvlakreacties."
    ]


def _partners(project: Project, today: date) -> None:
    ambtenaar = demo_user(f"ambtenaar@{project.gemeente.slug}.demo.nl")
    politie = demo_user(f"partner@{project.gemeente.slug}.demo.nl")
    members = {member.name: member for member in project.werkgroep.all()}
    with dated(project, days_ago(today, 300)):
        partners.werkgroep_member_link(
            actor=ambtenaar, project=project, member=members["Erik Jansen"], user=politie
        )
        for name, email in INVITED.items():
            # The invitation mail is left out: these people are made up.
            partners.werkgroep_member_invite(
                actor=ambtenaar, project=project, member=members[name], email=email
            )
    members = {member.name: member for member in project.werkgroep.select_related("user")}
    _reactions(project, members, today)
    _questions(project, ambtenaar, members["Erik Jansen"].user, members["Peter Mulder"].user, today)
    _input(project, ambtenaar, members, today)


def _reactions(project: Project, members: dict[str, WerkgroepMember], today: date) -> None:
    """On the concept kadernota sent to the werkgroep in step 8 (the story's rows)."""
    publication = (
        Publication.objects.filter(
            version__project=project,
            version__document=DocumentKind.KADERNOTA,
            audience=Audience.WERKGROEP,
            version__major=0,
        )
        .select_related("version")
        .order_by("published_at")
        .first()
    )
    if publication is None:
        return
    for offset, (name, verdict, text) in enumerate(REACTIONS):
        member = members[name]
        reaction = DraagvlakReaction.objects.create(
            version=publication.version,
            author=member.user,
            author_label=member.user.display_name(project.gemeente),
            organisation=member.organisation_name or member.get_organisation_display(),
            verdict=verdict,
            text=text,
        )
        DraagvlakReaction.objects.filter(pk=reaction.pk).update(
            recorded_at=moment(days_ago(today, 282 - offset), 11)
        )


def _questions(project: Project, ambtenaar, politie, corporatie, today: date) -> None:
    with dated(project, days_ago(today, 340)):
        answered = steps.beleidsvraag_add(
            actor=ambtenaar,
            project=project,
            group=BeleidsvraagGroup.AANPAK,
            question=QUESTION_ANSWERED[0],
        )
        partners.beleidsvraag_assign(
            actor=ambtenaar, project=project, question=answered, user=politie
        )
    with dated(project, days_ago(today, 335)):
        partners.beleidsvraag_answer_by_partner(
            actor=politie, project=project, question=answered, answer=QUESTION_ANSWERED[1]
        )
    BeleidsvraagAnswer.objects.filter(pk=answered.pk).update(
        answered_at=moment(days_ago(today, 335), 14)
    )
    with dated(project, days_ago(today, 20)):
        open_question = steps.beleidsvraag_add(
            actor=ambtenaar,
            project=project,
            group=BeleidsvraagGroup.BORGING,
            question=QUESTION_OPEN,
        )
        partners.beleidsvraag_assign(
            actor=ambtenaar, project=project, question=open_question, user=corporatie
        )


def _input(project: Project, ambtenaar, members: dict[str, WerkgroepMember], today: date):
    """In the yearly cycle (step 12) the partners write what they see per priority; the
    ambtenaar takes the politie's figures into the analysis, for its next update."""
    themes = {t.code: t for t in AnalysisTheme.objects.filter(field__project=project)}
    written = days_ago(today, 40)
    for name, code, signals, figures, approach in INPUT:
        with dated(project, written):
            item = partners.partner_input_save(
                actor=members[name].user,
                project=project,
                theme=themes[code],
                signals=signals,
                figures=figures,
                approach=approach,
            )
        PartnerInput.objects.filter(pk=item.pk).update(
            created_at=moment(written, 15), updated_at=moment(written, 15)
        )
    politie_input = PartnerInput.objects.get(
        theme=themes["1.4"], author=members["Erik Jansen"].user
    )
    adopted = days_ago(today, 30)
    theme = AnalysisTheme.objects.get(pk=themes["1.4"].pk)
    with dated(project, adopted):
        adoption = input_adopt(
            actor=ambtenaar,
            theme=theme,
            partner_input=politie_input,
            input_field="figures",
            theme_field="knelpunten",
            text=politie_input.figures,
            base_version=theme.version,
            day=adopted,
        )
    InputAdoption.objects.filter(pk=adoption.pk).update(adopted_at=moment(adopted, 11))
