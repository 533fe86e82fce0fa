from django.db import models

# The municipal division the preloaded gemeenten follow (342 gemeenten, valid 2023 to 2025).
GEMEENTE_INDELING_YEAR = 2023


class PoliceUnitKind(models.TextChoices):
    """The levels of the Nationale Politie at which the Veiligheidsmonitor publishes."""

    EENHEID = "eenheid", "regionale eenheid"
    DISTRICT = "district", "district"
    BASISTEAM = "basisteam", "basisteam"

    @property
    def code_prefix(self) -> str:
        """CBS region keys start with RE, PD or BT (the StatLine region categories)."""
        return {"eenheid": "RE", "district": "PD", "basisteam": "BT"}[self.value]

    @property
    def label_prefix(self) -> str:
        prefixes = {"eenheid": "Politie-eenheid", "district": "Politiedistrict"}
        return prefixes.get(self.value, "Basisteam")


class Role(models.TextChoices):
    ADVISEUR = "adviseur", "Adviseur"
    AMBTENAAR = "ambtenaar", "Ambtenaar"
    RAADSLID = "raadslid", "Raadslid"
    PARTNER = "partner", "Partner (werkgroep)"

    @property
    def can_edit(self) -> bool:
        """May change the gemeente's work: projects, texts, settings."""
        return self in (Role.ADVISEUR, Role.AMBTENAAR)

    @property
    def can_see_audit_log(self) -> bool:
        # The log names people and internal steps; it is for those who do the work.
        return self.can_edit

    @property
    def can_use_second_factor(self) -> bool:
        return self.can_edit


class ParticipationStatus(models.TextChoices):
    """Where a gemeente stands in a joint plan led by another gemeente (the penvoerder)."""

    UITGENODIGD = "uitgenodigd", "uitgenodigd"
    DEELNEMER = "deelnemer", "doet mee"
    AFGEWEZEN = "afgewezen", "uitnodiging afgewezen"
    VERTROKKEN = "vertrokken", "gestopt"
    INGETROKKEN = "ingetrokken", "uitnodiging ingetrokken"


# A participant can leave a joint plan until the raad decides on the priorities (step 5);
# after that its raad has decided on the shared plan.
JOINT_LEAVE_BEFORE_STEP = 5


class ProjectScope(models.TextChoices):
    ANALYSE = "analyse", "Alleen veiligheidsanalyse"
    KERNBELEID = "kernbeleid", "Volledig Kernbeleid-traject"


# The 12 steps of Kernbeleid Veiligheid (VNG); Project.current_step says where a project
# stands, and kernbeleid/workflow/transitions.py holds the moves between the steps.
KERNBELEID_STEPS: tuple[tuple[int, str], ...] = (
    (1, "Raadsuitspraak en startnotitie"),
    (2, "Samenstelling werkgroep"),
    (3, "Startbijeenkomst werkgroep"),
    (4, "Beleidsvragen visie, veiligheidsanalyse en prioriteiten"),
    (5, "Vaststelling prioriteiten door de raad"),
    (6, "Beleidsvragen aanpak en borging"),
    (7, "Opstellen kadernota door werkgroep"),
    (8, "Check draagvlak bij achterban"),
    (9, "Vaststelling kadernota door de raad"),
    (10, "Opstellen uitvoeringsprogramma door het college"),
    (11, "Controle uitvoeringsprogramma door de raad"),
    (12, "Uitvoeringsfase in jaarlijkse cycli"),
)
# A project that only writes the veiligheidsanalyse ends with step 4.
ANALYSE_LAST_STEP = 4

# An analysis-only commission runs steps 1 and 4 only, under names of their own: the gemeente
# commissions the analysis and agrees its outline, the bureau writes and delivers it. No raad,
# no werkgroep (shared/domain §2.1).
ANALYSE_STEP_NAMES = {
    1: "Opdracht en afgesproken opzet",
    4: "Veiligheidsanalyse opstellen en opleveren",
}
ANALYSE_NOT_APPLICABLE = "niet van toepassing: de gemeente geeft alleen de analyse in opdracht"


def step_name(step: int, scope: str) -> str:
    """The name of `step` in a project of `scope`."""
    name = dict(KERNBELEID_STEPS)[step]
    if scope != ProjectScope.ANALYSE:
        return name
    return ANALYSE_STEP_NAMES.get(step) or f"{name} ({ANALYSE_NOT_APPLICABLE})"


class ConfidentialReason(models.TextChoices):
    """Why a part may not reach every reader: it goes to the raad through the burgemeester,
    in a besloten setting, and otherwise only to named readers (shared/domain §2.1)."""

    ONDERMIJNING = "ondermijning", "ondermijningsbeeld (RIEC)"
    GEHEIMHOUDING = "geheimhouding", "geheimhouding (art. 25 Gemeentewet)"
    POLITIE = "politie", "politie-informatie"
    OVERIG = "overig", "anders (zie toelichting)"


# What a reader sees where a confidential part was left out.
CONFIDENTIAL_PLACEHOLDER = "Dit onderdeel is vertrouwelijk en ter inzage bij de griffie."
