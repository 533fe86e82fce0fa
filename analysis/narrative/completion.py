"""When is the veiligheidsanalyse complete? One rule, read by every place that asks (issue 17).

- A theme that is worked out (uitgewerkt) is complete when its knelpunten are written: they
  carry the analysis, the kadernota and the priorities. The other four texts (huidige aanpak,
  partners, verbeterpunten, bronnen) are filled in where they add something; they are not
  required, so a small gemeente's effort stays proportionate.
- A theme marked basisniveau or niet van toepassing is complete by its own rule: it needs no
  texts, only the one sentence of reasoning that ``theme_coverage_set`` asks for the mark.
- Hidden themes and fields are not part of the analysis and are not counted.
- A field is complete when each of its themes is.

Readers: the overview's count (``selectors.field_summaries``), the field status
(``services.field_status_set`` refuses "definitief" for a field that is not complete) and the
guard of step 4 in the kernbeleid workflow (``kernbeleid.workflow.selectors``), which also
refuses a field set definitief whose texts were emptied afterwards.
"""

from dataclasses import dataclass

from projects.models import Project

from ..richtext import is_empty
from .constants import AnalysisStatus
from .models import AnalysisField, AnalysisTheme

RULE = (
    "Een thema is compleet als de knelpunten beschreven zijn; een thema op basisniveau of niet "
    "van toepassing is compleet met zijn toelichting."
)


def theme_complete(theme: AnalysisTheme) -> bool:
    if not theme.worked_out:
        return True
    return not is_empty(theme.knelpunten)


@dataclass(frozen=True)
class FieldCompletion:
    field: AnalysisField
    complete: tuple[AnalysisTheme, ...]
    incomplete: tuple[AnalysisTheme, ...]

    @property
    def total(self) -> int:
        return len(self.complete) + len(self.incomplete)

    @property
    def is_complete(self) -> bool:
        return not self.incomplete

    @property
    def definitief(self) -> bool:
        """Definitief and complete: what step 4 asks of every field."""
        return self.field.status == AnalysisStatus.DEFINITIEF and self.is_complete

    @property
    def incomplete_names(self) -> str:
        return ", ".join(theme.name for theme in self.incomplete)


def field_completion(field: AnalysisField, themes=None) -> FieldCompletion:
    """``themes``: the field's themes when already loaded (prefetched), else read."""
    themes = field.themes.all() if themes is None else themes
    counted = [theme for theme in themes if not theme.hidden]
    return FieldCompletion(
        field=field,
        complete=tuple(theme for theme in counted if theme_complete(theme)),
        incomplete=tuple(theme for theme in counted if not theme_complete(theme)),
    )


def project_completion(project: Project) -> list[FieldCompletion]:
    """Every visible field of the project's analysis, in its order."""
    fields = AnalysisField.objects.filter(project=project, hidden=False).prefetch_related("themes")
    return [field_completion(field) for field in fields]
