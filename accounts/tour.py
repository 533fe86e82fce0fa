"""The first-run tour: a short "Zo werkt Integraal" panel per role, shown at the top of the
starting pages (portfolio, gemeente, project, account) until the user closes it
(User.tour_seen_at), and on any page after reopening it from the help menu.

Which role's panel a user sees:
- on a page of a gemeente, the role in *that* gemeente: the panel explains what the user can
  do on the pages in front of them, and a raadslid in one gemeente who is ambtenaar in
  another must not read there that they can edit;
- elsewhere (the portfolio, deadlines, the account, the help pages), the highest role the
  user holds: the one with the most to do (adviseur, ambtenaar, partner, raadslid in that
  order). The help page "Zo werkt Integraal" explains every role the user holds.
"""

from dataclasses import dataclass

from projects.constants import Role

# The Help menu's "Zo werkt Integraal" comes back to the page with this in its query, so the
# panel shows there even on a page that does not greet with it.
REOPENED_PARAM = "rondleiding"


@dataclass(frozen=True)
class RoleTour:
    role: Role
    title: str
    intro: str
    steps: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"rol-{self.role.value}"


# Highest first: the roles ordered by how much they do in Integraal.
ROLE_ORDER: tuple[Role, ...] = (Role.ADVISEUR, Role.AMBTENAAR, Role.PARTNER, Role.RAADSLID)

ROLE_TOURS: dict[Role, RoleTour] = {
    tour.role: tour
    for tour in (
        RoleTour(
            Role.AMBTENAAR,
            "U bent ambtenaar",
            "U maakt met collega's en partners het veiligheidsbeleid van uw gemeente. Zo gaat "
            "u te werk:",
            (
                "Lees de uitkomsten van de Veiligheidsmonitor in: het bestand met respondenten "
                "of de tabellen, per jaar en per wijk.",
                "Schrijf de veiligheidsanalyse per veiligheidsveld en thema: de knelpunten, de "
                "huidige aanpak en wat beter kan. Bij elk thema staat een concepttekst klaar.",
                "Stel de prioriteiten voor: per thema een score voor ernst en trend, met een "
                "korte onderbouwing.",
                "Loop de 12 stappen naar de kadernota. Het traject laat per stap zien wat nog "
                "nodig is; de raad besluit bij stap 1, 5 en 9.",
                "Maak de rapporten: de veiligheidsanalyse en de kadernota als PDF en Word, in "
                "de opzet van uw gemeente.",
            ),
        ),
        RoleTour(
            Role.RAADSLID,
            "U bent raadslid",
            "U leest wat aan de raad wordt voorgelegd. U verandert zelf niets. Zo werkt het:",
            (
                "U ziet alleen wat aan de raad is voorgelegd: concepten om op te reageren en "
                "voorstellen waarover de raad besluit. U krijgt daar een e-mail over.",
                "Bij een gepubliceerd stuk kunt u een vraag stellen of een opmerking maken.",
                "De raad besluit drie keer: over de start (stap 1), de prioriteiten (stap 5) "
                "en de kadernota (stap 9).",
                "Daarna controleert de raad: u neemt kennis van het uitvoeringsprogramma van "
                "het college (stap 11) en volgt de voortgang per jaar (stap 12).",
            ),
        ),
        RoleTour(
            Role.PARTNER,
            "U bent partner in de werkgroep",
            "U denkt namens uw organisatie mee in de werkgroep, bijvoorbeeld voor de politie, "
            "de brandweer, het OM of een woningcorporatie. Zo werkt het:",
            (
                "Geef uw inbreng bij de thema's van de veiligheidsanalyse die aan u zijn "
                "voorgelegd: wat u in de praktijk ziet en niet in de cijfers staat.",
                "Beantwoord de beleidsvragen die de werkgroep aan u stelt.",
                "Lees de concepten die de gemeente aan de werkgroep voorlegt, en reageer.",
                "Geef bij de check op draagvlak (stap 8) het oordeel van uw organisatie over "
                "de concept-kadernota.",
                "U past de teksten van de gemeente niet zelf aan; de gemeente verwerkt uw inbreng.",
            ),
        ),
        RoleTour(
            Role.ADVISEUR,
            "U bent adviseur",
            "U begeleidt als adviseur één of meer gemeenten. Zo werkt het:",
            (
                "Het overzicht toont al uw gemeenten en hun projecten, met de stap waar elk "
                "project staat.",
                "Onder Deadlines ziet u wat binnenkort klaar moet zijn, voor alle gemeenten samen.",
                "In een gemeente werkt u zoals de ambtenaar: cijfers inlezen, de "
                "veiligheidsanalyse schrijven, prioriteiten stellen en de 12 stappen naar de "
                "kadernota.",
                "Levert u alleen de veiligheidsanalyse? Spreek dan eerst de opzet af (stap 1) "
                "en lever de analyse op (stap 4).",
                "Maak de rapporten als PDF en Word, in de opzet van de gemeente.",
            ),
        ),
    )
}


def roles_of(user) -> list[Role]:
    """The roles `user` holds today, highest first (a bureau membership is adviseur)."""
    held = set(user.memberships.active().values_list("role", flat=True))
    return [role for role in ROLE_ORDER if role in held]


def tour_role(user, access=None) -> Role | None:
    """The role whose panel `user` sees: the role in the gemeente of the page (`access`, set by
    projects.permissions.gemeente_view), else the highest role held; None without a role."""
    if access is not None:
        return Role(access.role)
    roles = roles_of(user)
    return roles[0] if roles else None


def tour_for(user, access=None) -> RoleTour | None:
    """The panel to show, or None once the user has closed it (or holds no role)."""
    if not user.is_authenticated or user.tour_seen_at is not None:
        return None
    role = tour_role(user, access)
    return ROLE_TOURS[role] if role is not None else None
