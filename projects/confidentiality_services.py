"""Marking parts of a project vertrouwelijk, and the parts that can be marked.

``markable_parts`` lists every part of one project a mark can name (its keys are built by
``projects.confidentiality``): the themes with their texts, the kadernota's hand-written
chapters, the sections of the report structures the project uses, and the figures it shows.
``confidential_mark_set`` and ``confidential_mark_clear`` accept only those keys, so a mark
can never name another project's theme or a part that does not exist.

A mark counts for versions made after it: a version keeps the snapshot it was made with.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from .confidentiality import (
    confidential_marks,
    figure_key,
    kadernota_key,
    section_key,
    theme_key,
    theme_text_key,
)
from .constants import ConfidentialReason, ProjectScope
from .models import ConfidentialMark, Project
from .services import audit_record

NOTE_MAX = 300
FIGURES = "Cijfers (grafieken en tabellen van een indicator)"


@dataclass(frozen=True)
class MarkablePart:
    key: str
    label: str  # what the part is, in Dutch ("Thema Ondermijning: huidige aanpak")
    group: str  # the heading it is listed under
    sub: bool = False  # a part of the part above it (a theme's text)
    filled: bool = True  # False for a theme text nobody wrote yet: nothing to hide so far


def markable_parts(project: Project) -> list[MarkablePart]:
    """Every part of the project that can be marked vertrouwelijk, in the order the page
    lists them."""
    from analysis.figures.models import Indicator, IndicatorResult
    from analysis.narrative.constants import THEME_TEXTS
    from analysis.narrative.models import AnalysisTheme
    from analysis.richtext import is_empty
    from kernbeleid.products.models import Goal, Kadernota
    from reports.constants import DocumentKind
    from reports.kadernota_sections import TEXT_CHAPTERS
    from reports.selectors import structure_for

    parts: list[MarkablePart] = []
    themes = list(
        AnalysisTheme.objects.filter(field__project=project)
        .select_related("field")
        .order_by("field__position", "position", "code")
    )
    for theme in themes:
        group = "Thema's van de veiligheidsanalyse"
        parts.append(MarkablePart(theme_key(theme), f"{theme.name} ({theme.field.name})", group))
        for name, label in THEME_TEXTS:
            parts.append(
                MarkablePart(
                    theme_text_key(theme, name),
                    f"{theme.name}: {label}",
                    group,
                    sub=True,
                    filled=not is_empty(getattr(theme, name)),
                )
            )
    documents = [DocumentKind.ANALYSE]
    if project.scope != ProjectScope.ANALYSE:
        documents.append(DocumentKind.KADERNOTA)
        for name in TEXT_CHAPTERS:
            label = str(Kadernota._meta.get_field(name).verbose_name)
            parts.append(
                MarkablePart(kadernota_key(name), label.capitalize(), "Teksten van de kadernota")
            )
    for document in documents:
        try:
            structure = structure_for(project, document)
        except ValidationError:  # a standard deleted by hand: nothing to list
            continue
        # The chapters of the structure the project uses now (see the reports' structure page).
        group = f"Indeling van de {DocumentKind(document).label.lower()}"
        for section in structure.sections.all():
            parts.append(MarkablePart(section_key(section), section.title, group))
    codes = {code for theme in themes for code in theme.indicator_codes or []}
    codes |= set(
        Goal.objects.filter(project=project, indicator__isnull=False).values_list(
            "indicator__code", flat=True
        )
    )
    codes |= set(
        IndicatorResult.objects.filter(edition__projects=project).values_list(
            "indicator__code", flat=True
        )
    )
    indicators = Indicator.objects.filter(code__in=codes).filter(
        Q(gemeente__isnull=True) | Q(gemeente=project.gemeente)
    )
    seen: set[str] = set()
    for indicator in indicators.order_by("name"):
        if indicator.code not in seen:
            seen.add(indicator.code)
            parts.append(MarkablePart(figure_key(indicator.code), indicator.name, FIGURES))
    return parts


def _part(project: Project, key: str) -> MarkablePart:
    part = next((p for p in markable_parts(project) if p.key == key), None)
    if part is None:
        raise ValidationError({"key": "Dit onderdeel bestaat niet in dit project."})
    return part


@transaction.atomic
def confidential_mark_set(
    *, actor, project: Project, key: str, reason: str, note: str = ""
) -> ConfidentialMark:
    """Mark a part vertrouwelijk, or change the reason of its mark. The same mark again
    changes nothing."""
    note = (note or "").strip()
    if reason not in ConfidentialReason.values:
        raise ValidationError({"reason": "Kies een reden waarom dit onderdeel vertrouwelijk is."})
    if reason == ConfidentialReason.OVERIG and not note:
        raise ValidationError({"note": "Licht toe waarom dit onderdeel vertrouwelijk is."})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"Houd de toelichting korter dan {NOTE_MAX} tekens."})
    part = _part(project, key)
    mark = confidential_marks(project).get(key)
    if mark is not None and mark.reason == reason and mark.note == note:
        return mark
    before = mark.get_reason_display() if mark is not None else ""
    mark, _ = ConfidentialMark.objects.update_or_create(
        project=project,
        key=key,
        defaults={"reason": reason, "note": note, "marked_by": actor},
    )
    detail = {"onderdeel": part.label, "reden": mark.get_reason_display()}
    if before:
        detail["was"] = before
    if note:
        detail["toelichting"] = note
    audit_record(
        actor=actor,
        action="onderdeel vertrouwelijk gemaakt" if not before else "reden vertrouwelijk gewijzigd",
        obj=mark,
        project=project,
        detail=detail,
    )
    return mark


@transaction.atomic
def confidential_mark_clear(*, actor, project: Project, key: str) -> None:
    """Take the mark off a part. A part without a mark stays as it is (a second click)."""
    part = _part(project, key)
    mark = ConfidentialMark.objects.filter(project=project, key=key).first()
    if mark is None:
        return
    reason = mark.get_reason_display()
    audit_record(
        actor=actor,
        action="vertrouwelijk opgeheven",
        obj=mark,
        project=project,
        detail={"onderdeel": part.label, "reden was": reason},
    )
    mark.delete()
