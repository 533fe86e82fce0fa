"""Reads of the veiligheidsanalyse (va), scoped to one project."""

import difflib
from dataclasses import dataclass

from django.http import Http404

from projects.models import Gemeente, Project

from ..catalogue import catalogue_version
from ..figures.constants import OWN_AREA_KINDS, AreaKind
from ..figures.models import Area
from ..figures.selectors import area_kind_order, edition_filter
from ..params import PROFILE_AREA_CODE, well_formed
from ..richtext import to_plain_text
from .completion import FieldCompletion, field_completion
from .constants import THEME_TEXTS, AnalysisStatus, ThemeCoverage
from .models import AnalysisField, AnalysisSettings, AnalysisTheme, GeneratedDraft, ThemeRevision
from .services import priority_score, problem_score


@dataclass
class FieldSummary:
    field: AnalysisField
    themes: list[AnalysisTheme]  # every theme shown, marked ones too (with their reasoning)
    completion: FieldCompletion  # the one rule of analysis/narrative/completion.py

    @property
    def worked_out(self) -> list[AnalysisTheme]:
        return [theme for theme in self.themes if theme.worked_out and not theme.hidden]

    @property
    def marked(self) -> list[AnalysisTheme]:
        """Themes on basisniveau or niet van toepassing: they count as done, not as missing."""
        return [theme for theme in self.themes if not theme.worked_out and not theme.hidden]

    @property
    def total(self) -> int:
        return len(self.worked_out)

    @property
    def complete(self) -> int:
        """Worked-out themes that are complete (their knelpunten written)."""
        return sum(theme.worked_out for theme in self.completion.complete)

    started = complete  # the older name: a worked-out theme with knelpunten

    @property
    def incomplete(self) -> set[int]:
        return {theme.pk for theme in self.completion.incomplete}

    @property
    def status_honest(self) -> str:
        """The status as the overview shows it: never "definitief" for an incomplete field."""
        if self.field.status == AnalysisStatus.DEFINITIEF and not self.completion.is_complete:
            return "definitief, maar niet compleet"
        return self.field.get_status_display()


def _visible(themes, include_hidden: bool):
    return [theme for theme in themes if include_hidden or not theme.hidden]


def field_summaries(project: Project, *, include_hidden: bool = False) -> list[FieldSummary]:
    fields = AnalysisField.objects.filter(project=project).prefetch_related("themes")
    summaries = []
    for field in fields:
        if field.hidden and not include_hidden:
            continue
        themes = list(field.themes.all())
        summaries.append(
            FieldSummary(
                field=field,
                themes=_visible(themes, include_hidden),
                completion=field_completion(field, themes),
            )
        )
    return summaries


def analysis_settings(project: Project) -> AnalysisSettings:
    """The project's weights for the priorities. A project has them from its creation; one
    that lacks them (a raw fixture) reads the defaults, and nothing is stored."""
    found = AnalysisSettings.objects.filter(project=project).first()
    return found or AnalysisSettings(project=project, catalogue_version=catalogue_version())


def field_get(project: Project, field_uuid) -> AnalysisField:
    field = AnalysisField.objects.filter(project=project, uuid=field_uuid).first()
    if field is None:
        raise Http404("Dit veiligheidsveld bestaat niet.")
    return field


def theme_get(project: Project, theme_uuid) -> AnalysisTheme:
    theme = (
        AnalysisTheme.objects.select_related("field")
        .filter(field__project=project, uuid=theme_uuid)
        .first()
    )
    if theme is None:
        raise Http404("Dit thema bestaat niet.")
    return theme


def theme_draft(project: Project, theme: AnalysisTheme) -> list[str]:
    draft = GeneratedDraft.objects.filter(project=project, theme=theme).first()
    return draft.paragraphs if draft else []


def wijk_draft(project: Project, area: Area) -> list[str]:
    draft = GeneratedDraft.objects.filter(project=project, theme=None, area=area).first()
    return draft.paragraphs if draft else []


_PROFILE_KINDS = (AreaKind.WIJK, *OWN_AREA_KINDS)


def wijk_get(project: Project, code: str, gemeente: Gemeente | None = None) -> Area:
    """A wijk or an own area of the gemeente (kern, wijkgroep, buurtgroep), for its profile.
    `gemeente`: a participant of a joint plan, whose wijken are its own."""
    well_formed(code, PROFILE_AREA_CODE, "Deze wijk bestaat niet (of heeft nog geen cijfers).")
    area = Area.objects.filter(
        gemeente=gemeente or project.gemeente, code=code, kind__in=_PROFILE_KINDS
    ).first()
    if area is None:
        raise Http404("Deze wijk bestaat niet (of heeft nog geen cijfers).")
    return area


def wijken(project: Project, gemeente: Gemeente | None = None) -> list[Area]:
    """The wijken with figures, then the own areas with figures (of `gemeente`, by default
    the project's; a participant of a joint plan reads its own)."""
    return list(
        Area.objects.filter(
            gemeente=gemeente or project.gemeente,
            kind__in=_PROFILE_KINDS,
            **edition_filter(project, gemeente, "results__edition__"),
        )
        .distinct()
        .order_by(area_kind_order(), "name")
    )


@dataclass
class TextDiff:
    label: str
    lines: list[tuple[str, str]]  # (kind: "+", "-" or " ", text)

    @property
    def changed(self) -> bool:
        return any(kind != " " for kind, _text in self.lines)


@dataclass
class History:
    """A theme's saved versions, the one shown, and what it changed against the one before."""

    revisions: list[ThemeRevision]
    selected: ThemeRevision | None
    diffs: list[TextDiff]


def theme_history(theme: AnalysisTheme, version: int | None) -> History:
    """The version asked for (404 when the theme has none of that number), else the newest."""
    revisions = list(theme.revisions.select_related("author"))
    selected = None
    if version is not None:
        selected = next((r for r in revisions if r.version == version), None)
        if selected is None:
            raise Http404("Deze versie bestaat niet.")
    if selected is None and revisions:
        selected = revisions[0]
    diffs = []
    if selected is not None:
        previous = next((r for r in revisions if r.version < selected.version), None)
        diffs = revision_diff(previous.texts if previous else {}, selected.texts)
    return History(revisions, selected, diffs)


def revision_diff(old: dict[str, str], new: dict[str, str]) -> list[TextDiff]:
    """A readable diff per text, on the plain text (the HTML markup is noise to a reader)."""
    diffs = []
    for name, label in THEME_TEXTS:
        before = to_plain_text(old.get(name, "")).splitlines()
        after = to_plain_text(new.get(name, "")).splitlines()
        lines = []
        for line in difflib.ndiff(before, after):
            kind, text = line[:1], line[2:]
            if kind in ("+", "-", " "):
                lines.append((kind, text))
        diffs.append(TextDiff(label=label, lines=lines))
    return diffs


@dataclass
class RankedTheme:
    theme: AnalysisTheme
    score: float | None
    problem: float | None


def ranking(project: Project, settings_: AnalysisSettings) -> list[RankedTheme]:
    """The worked-out themes by score; marked themes are not scored (see marked_themes)."""
    themes = AnalysisTheme.objects.filter(
        field__project=project,
        hidden=False,
        field__hidden=False,
        coverage=ThemeCoverage.UITGEWERKT,
    ).select_related("field")
    ranked = [
        RankedTheme(theme, priority_score(theme, settings_), problem_score(theme, settings_))
        for theme in themes
    ]
    ranked.sort(key=lambda item: (item.score is None, -(item.score or 0), item.theme.code))
    return ranked


def marked_themes(project: Project) -> list[AnalysisTheme]:
    """The themes on basisniveau or niet van toepassing, in the order of the analysis."""
    return list(
        AnalysisTheme.objects.filter(field__project=project, hidden=False, field__hidden=False)
        .exclude(coverage=ThemeCoverage.UITGEWERKT)
        .select_related("field")
        .order_by("field__position", "position", "code")
    )
