"""The keys that name a confidential part of a project, and which parts are marked.

A ConfidentialMark names its part by one of these keys, so one table serves themes (analysis),
kadernota chapters (kernbeleid), report sections and figures (reports) alike:

- ``thema:<uuid>``: a whole theme, its texts, figures and drafts;
- ``thema:<uuid>:<text field>``: one text of a theme (knelpunten, huidige_aanpak, ...);
- ``kadernota:<field>``: one hand-written kadernota chapter (aanleiding, visie, ...);
- ``hoofdstuk:<uuid>``: a section of a report structure (StructureSection.uuid);
- ``figuur:<indicator code>``: an indicator's figures wherever they are shown.
"""

from .models import ConfidentialMark, Project


def theme_key(theme) -> str:
    return f"thema:{theme.uuid}"


def theme_text_key(theme, field: str) -> str:
    return f"thema:{theme.uuid}:{field}"


def kadernota_key(field: str) -> str:
    return f"kadernota:{field}"


def section_key(structure_section) -> str:
    return f"hoofdstuk:{structure_section.uuid}"


def figure_key(indicator_code: str) -> str:
    return f"figuur:{indicator_code}"


def confidential_marks(project: Project) -> dict[str, ConfidentialMark]:
    """Every marked part of the project by key."""
    return {mark.key: mark for mark in ConfidentialMark.objects.filter(project=project)}
