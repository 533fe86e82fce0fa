"""Writes of the veiligheidsanalyse (va): structure, texts with history, status, priorities,
and the generated drafts. Every change is audited; texts are sanitised before they are saved.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max

from projects.models import Project
from projects.services import audit_record

from ..catalogue import catalogue_version, project_structure
from ..figures.models import BenchmarkTest, IndicatorResult
from ..figures.plan_area_selectors import plan_area_latest
from ..figures.selectors import gemeente_area as gemeente_area_get
from ..figures.selectors import relevant_regions
from ..richtext import sanitize
from .completion import field_completion
from .constants import PRIORITY_CRITERIA, THEME_TEXTS, AnalysisStatus, ThemeCoverage
from .drafts import project_drafts
from .models import (
    AnalysisField,
    AnalysisSettings,
    AnalysisTheme,
    GeneratedDraft,
    ThemeRevision,
)

TEXT_FIELDS = tuple(name for name, _label in THEME_TEXTS)


# --- structure ---------------------------------------------------------------------------


@transaction.atomic
def analysis_structure_create(*, project: Project) -> tuple[AnalysisSettings, bool]:
    """Give a project its settings, fields and themes from the catalogue, once; True when
    they were made now. Runs when a project is created (see apps.py)."""
    settings_, created = AnalysisSettings.objects.get_or_create(
        project=project, defaults={"catalogue_version": catalogue_version()}
    )
    if not created:
        return settings_, False
    for position, field in enumerate(project_structure(), start=1):
        analysis_field = AnalysisField.objects.create(
            project=project, code=field.code, name=field.name, position=position
        )
        AnalysisTheme.objects.bulk_create(
            AnalysisTheme(
                field=analysis_field,
                code=theme.code,
                name=theme.name,
                position=number,
                indicator_codes=list(theme.indicator_codes),
            )
            for number, theme in enumerate(field.themes, start=1)
        )
    return settings_, True


@transaction.atomic
def analysis_ensure(*, project: Project) -> AnalysisSettings:
    """The project's structure, made (with the drafts from its figures) if it has none yet.
    Idempotent; for writes that need the structure, never for opening a page."""
    settings_, created = analysis_structure_create(project=project)
    if created:
        drafts_refresh(project=project)
    return settings_


@transaction.atomic
def field_add(*, actor, project: Project, name: str) -> AnalysisField:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Geef het veld een naam."})
    numeric = [
        int(code)
        for code in project.analysis_fields.values_list("code", flat=True)
        if code.isdigit()
    ]
    code = str(max(numeric, default=0) + 1)
    position = (project.analysis_fields.aggregate(Max("position"))["position__max"] or 0) + 1
    field = AnalysisField.objects.create(
        project=project, code=code, name=name, position=position, custom=True
    )
    audit_record(
        actor=actor,
        action="veiligheidsveld toegevoegd",
        obj=field,
        project=project,
        detail={"naam": name},
    )
    return field


@transaction.atomic
def theme_add(*, actor, field: AnalysisField, name: str) -> AnalysisTheme:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Geef het thema een naam."})
    count = field.themes.count()
    theme = AnalysisTheme.objects.create(
        field=field, code=f"{field.code}.e{count + 1}", name=name, position=count + 1, custom=True
    )
    audit_record(
        actor=actor,
        action="thema toegevoegd",
        obj=theme,
        project=field.project,
        detail={"veld": field.name, "naam": name},
    )
    return theme


@transaction.atomic
def rename(*, actor, obj: AnalysisField | AnalysisTheme, name: str) -> None:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Een naam mag niet leeg zijn."})
    if name == obj.name:
        return
    project = obj.project if isinstance(obj, AnalysisField) else obj.field.project
    audit_record(
        actor=actor,
        action="naam gewijzigd",
        obj=obj,
        project=project,
        detail={"van": obj.name, "naar": name},
    )
    obj.name = name
    obj.save(update_fields=["name"])


@transaction.atomic
def visibility_set(*, actor, obj: AnalysisField, hidden: bool) -> None:
    """Hide or show a whole field. Themes are not hidden: they are marked basisniveau or
    niet van toepassing with a reason (theme_coverage_set), so they never vanish unexplained."""
    if not isinstance(obj, AnalysisField):
        raise TypeError("Only a field is hidden; mark a theme with theme_coverage_set.")
    if obj.hidden == hidden:
        return
    obj.hidden = hidden
    obj.save(update_fields=["hidden"])
    audit_record(
        actor=actor, action="verborgen" if hidden else "weer getoond", obj=obj, project=obj.project
    )


COVERAGE_REASON_MAX = 300


@transaction.atomic
def theme_coverage_set(
    *, actor, theme: AnalysisTheme, coverage: str, reasoning: str = ""
) -> AnalysisTheme:
    """Mark a theme basisniveau or niet van toepassing, with one sentence why, or set it back
    to uitgewerkt. A marked theme needs no texts, does not hold up the analysis and gets no
    scores; the kadernota lists it under "overige thema's" with its reasoning."""
    reasoning = " ".join((reasoning or "").split())  # one sentence: no line breaks
    if coverage not in ThemeCoverage.values:
        raise ValidationError({"coverage": "Kies uitgewerkt, basisniveau of niet van toepassing."})
    current = AnalysisTheme.objects.select_for_update().get(pk=theme.pk)
    if coverage == ThemeCoverage.UITGEWERKT:
        reasoning = ""
    else:
        label = ThemeCoverage(coverage).label
        if not reasoning:
            raise ValidationError(
                {
                    "reasoning": f"Geef in één zin aan waarom ‘{current.name}’ {label} is; "
                    "die zin komt in de kadernota."
                }
            )
        if len(reasoning) > COVERAGE_REASON_MAX:
            raise ValidationError(
                {
                    "reasoning": f"Houd de toelichting op één zin van hooguit "
                    f"{COVERAGE_REASON_MAX} tekens (nu {len(reasoning)})."
                }
            )
        if current.proposed_priority:
            raise ValidationError(
                {
                    "coverage": f"‘{current.name}’ is voorgesteld als prioriteit. Haal eerst "
                    "het voorstel weg bij Prioriteiten; een prioriteit wordt uitgewerkt."
                }
            )
    if (current.coverage, current.coverage_reasoning) == (coverage, reasoning):
        return current
    audit_record(
        actor=actor,
        action="uitwerking thema gewijzigd",
        obj=current,
        project=current.field.project,
        detail={
            "van": current.get_coverage_display(),
            "naar": ThemeCoverage(coverage).label,
            "toelichting": reasoning,
        },
    )
    current.coverage, current.coverage_reasoning = coverage, reasoning
    current.save(update_fields=["coverage", "coverage_reasoning"])
    return current


def _status_refusal(field: AnalysisField, status: str) -> str | None:
    """Why ``field`` cannot get ``status``, in Dutch; None when it can."""
    if status not in AnalysisStatus.values:
        return "Kies concept, ter review of definitief."
    if status == AnalysisStatus.DEFINITIEF:
        completion = field_completion(field)
        if not completion.is_complete:
            return (
                f"{field.name} kan nog niet definitief: {len(completion.complete)} van "
                f"{completion.total} thema's zijn compleet (met knelpunten). Nog leeg: "
                f"{completion.incomplete_names}. Een thema dat niet wordt uitgewerkt, markeert "
                "u als basisniveau of niet van toepassing."
            )
    return None


def _status_write(*, actor, field: AnalysisField, status: str) -> bool:
    if field.status == status:
        return False
    audit_record(
        actor=actor,
        action="status gewijzigd",
        obj=field,
        project=field.project,
        detail={"van": field.status, "naar": status},
    )
    field.status = status
    field.save(update_fields=["status"])
    return True


@transaction.atomic
def field_status_set(*, actor, field: AnalysisField, status: str) -> None:
    """One field's status. "definitief" only for a complete field (completion.py)."""
    refusal = _status_refusal(field, status)
    if refusal:
        raise ValidationError({"status": refusal})
    _status_write(actor=actor, field=field, status=status)


@transaction.atomic
def field_statuses_set(*, actor, project: Project, statuses: dict[AnalysisField, str]) -> int:
    """The statuses of several fields at once, all or nothing: one refusal changes none.
    Each change is audited as a single change would be. Returns how many changed."""
    refusals = {}
    for field, status in statuses.items():
        if field.project_id != project.id:
            raise ValidationError("Dit veld hoort niet bij dit project.")
        refusal = _status_refusal(field, status)
        if refusal:
            refusals[str(field.uuid)] = refusal
    if refusals:
        raise ValidationError(refusals)
    return sum(
        _status_write(actor=actor, field=field, status=status) for field, status in statuses.items()
    )


# --- texts -------------------------------------------------------------------------------


@dataclass
class EditConflict(Exception):
    """Someone else saved the theme since it was opened: both versions go back to the user."""

    current: AnalysisTheme
    mine: dict[str, str]


def theme_texts(theme: AnalysisTheme) -> dict[str, str]:
    return {name: getattr(theme, name) for name in TEXT_FIELDS}


@transaction.atomic
def theme_save(
    *, actor, theme: AnalysisTheme, texts: dict[str, str], base_version: int, note: str = ""
) -> AnalysisTheme:
    """Compare-and-set on the version the user started from; raises EditConflict otherwise."""
    clean = {name: sanitize(texts.get(name, "")) for name in TEXT_FIELDS}
    current = AnalysisTheme.objects.select_for_update().get(pk=theme.pk)
    if clean == theme_texts(current):
        return current
    updated = AnalysisTheme.objects.filter(pk=theme.pk, version=base_version).update(
        version=F("version") + 1, updated_by=actor, **clean
    )
    if updated != 1:
        raise EditConflict(current=current, mine=clean)
    current.refresh_from_db()
    if not current.revisions.exists() and any(theme_texts(theme).values()):
        # Texts from before history began (none yet in practice) keep a revision too.
        ThemeRevision.objects.create(
            theme=current,
            version=base_version,
            texts=theme_texts(theme),
            author_label="onbekend",
            note="tekst van voor de geschiedenis",
        )
    ThemeRevision.objects.create(
        theme=current,
        version=current.version,
        texts=clean,
        author=actor,
        author_label=actor.display_name(current.field.project.gemeente)
        if getattr(actor, "is_authenticated", False)
        else "systeem",
        note=note,
    )
    changed = [name for name in TEXT_FIELDS if clean[name] != getattr(theme, name)]
    audit_record(
        actor=actor,
        action="thema bewerkt",
        obj=current,
        project=current.field.project,
        detail={"versie": current.version, "velden": changed},
    )
    return current


@transaction.atomic
def theme_restore(*, actor, theme: AnalysisTheme, version: int) -> AnalysisTheme:
    revision = theme.revisions.filter(version=version).first()
    if revision is None:
        raise ValidationError("Deze versie bestaat niet.")
    return theme_save(
        actor=actor,
        theme=theme,
        texts=revision.texts,
        base_version=theme.version,
        note=f"hersteld uit versie {version}",
    )


# --- priorities --------------------------------------------------------------------------


@transaction.atomic
def priorities_save(*, actor, project: Project, scores: dict[AnalysisTheme, dict]) -> None:
    changes = {}
    for theme, values in scores.items():
        if theme.field.project_id != project.id:
            raise ValidationError("Dit thema hoort niet bij dit project.")
        if values.get("proposed_priority") and not theme.worked_out:
            raise ValidationError(
                f"‘{theme.name}’ is {theme.get_coverage_display()}; zet het eerst terug op "
                "uitgewerkt om het als prioriteit voor te stellen."
            )
        before = {name: getattr(theme, name) for name in values}
        if before == values:
            continue
        for name, value in values.items():
            setattr(theme, name, value)
        theme.full_clean()
        theme.save(update_fields=list(values))
        changes[str(theme)] = {"van": before, "naar": values}
    if changes:
        audit_record(
            actor=actor,
            action="prioriteiten gescoord",
            obj=project,
            project=project,
            detail=changes,
        )


@transaction.atomic
def weights_save(*, actor, project: Project, weights: dict[str, float]) -> None:
    settings_ = analysis_ensure(project=project)
    if any(value < 0 for value in weights.values()) or not any(weights.values()):
        raise ValidationError("Gewichten zijn 0 of hoger, en ten minste één is groter dan 0.")
    before = {name: getattr(settings_, f"weight_{name}") for name in weights}
    for name, value in weights.items():
        setattr(settings_, f"weight_{name}", value)
    settings_.save()
    audit_record(
        actor=actor,
        action="weging prioriteiten gewijzigd",
        obj=settings_,
        project=project,
        detail={"van": before, "naar": weights},
    )


def priority_score(theme: AnalysisTheme, settings_: AnalysisSettings) -> float | None:
    """The weighted mean of the scores given; None until every criterion is scored."""
    values = [getattr(theme, name) for name, _label in PRIORITY_CRITERIA]
    if any(value is None for value in values):
        return None
    weights = [getattr(settings_, f"weight_{name}") for name, _label in PRIORITY_CRITERIA]
    return sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)


def problem_score(theme: AnalysisTheme, settings_: AnalysisSettings) -> float | None:
    """The matrix's x axis: the weighted mean without beïnvloedbaarheid."""
    names = [name for name, _label in PRIORITY_CRITERIA if name != "beinvloedbaarheid"]
    values = [getattr(theme, name) for name in names]
    if any(value is None for value in values):
        return None
    weights = [getattr(settings_, f"weight_{name}") for name in names]
    if not sum(weights):
        return None
    return sum(w * v for w, v in zip(weights, values, strict=True)) / sum(weights)


# --- generated drafts ----------------------------------------------------------------------


@transaction.atomic
def drafts_refresh(*, project: Project) -> int:
    """Regenerate every draft of the project from the stored results (after each import)."""
    if not AnalysisSettings.objects.filter(project=project).exists():
        return 0
    gemeente_area = gemeente_area_get(project.gemeente)
    GeneratedDraft.objects.filter(project=project).delete()
    if gemeente_area is None:
        return 0
    drafts = project_drafts(
        results=IndicatorResult.objects.filter(edition__projects=project)
        .select_related("indicator", "area", "edition")
        .order_by("edition__year"),
        tests=BenchmarkTest.objects.filter(result__edition__projects=project).select_related(
            "benchmark", "result"
        ),
        regions=relevant_regions(project),
        themes=AnalysisTheme.objects.filter(field__project=project),
        gemeente_area=gemeente_area,
        warn_n=project.warn_n,
    )
    standing_out = _standing_out_by_indicator(project)
    for draft in drafts:
        if draft.theme is not None and standing_out:
            said = [s for code in draft.theme.indicator_codes for s in standing_out.get(code, ())]
            if said:  # a joint plan: where one of its gemeenten stands out
                draft.paragraphs.append(" ".join(said))
    GeneratedDraft.objects.bulk_create(
        GeneratedDraft(project=project, theme=d.theme, area=d.area, paragraphs=d.paragraphs)
        for d in drafts
    )
    return len(drafts)


def _standing_out_by_indicator(project: Project) -> dict[str, tuple[str, ...]]:
    """For a joint plan: per indicator code, the sentences on the gemeenten that differ
    significantly from the rest of the plan area (figures/combine.py)."""
    plan = plan_area_latest(project)
    if plan is None or plan.side_by_side:
        return {}
    return {row.indicator.code: row.standing_out for row in plan.rows if row.standing_out}
