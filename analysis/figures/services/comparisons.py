"""Comparisons stored with the results: the change since the previous edition, the tests
against benchmarks, the thresholds for too few respondents and the comparable gemeenten.
"""

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from projects.joint import projects_of_gemeente
from projects.models import Gemeente, Project
from projects.scopes import project_scope
from projects.services import audit_record

from .. import stats
from ..models import Benchmark, BenchmarkTest, IndicatorResult


def comparisons_refresh(*, project: Project | None = None, gemeente: Gemeente | None = None):
    """Store, for every result of the gemeente, the change since the previous edition of the
    same series and the tests against benchmarks of the same year (suppressed figures are
    never tested); then every project of the gemeente redrafts and measures its goals, since
    the figures are shared by all of them."""
    gemeente = gemeente or project.gemeente
    results = list(
        IndicatorResult.objects.filter(edition__gemeente=gemeente).select_related("edition")
    )
    by_cell: dict[tuple[int, int], list[IndicatorResult]] = {}
    for result in results:
        by_cell.setdefault((result.indicator_id, result.area_id), []).append(result)
    changed = []
    for cell_results in by_cell.values():
        cell_results.sort(key=lambda result: (result.edition.year, result.edition_id))
        # The previous edition is the latest of an earlier year: two editions of one year
        # (kept from before figures belonged to the gemeente) are not compared with each other.
        previous = latest = None
        for result in cell_results:
            if latest is not None and latest.edition.year < result.edition.year:
                previous = latest
            stored = (result.previous_year, result.change, result.change_significant)
            result.previous_year, result.change, result.change_significant = None, None, None
            if previous is not None and previous.edition.series == result.edition.series:
                result.previous_year = previous.edition.year
                _test_change(result, previous)
            if (result.previous_year, result.change, result.change_significant) != stored:
                changed.append(result)
            latest = result
    _update_changes(changed)
    _benchmark_tests_refresh(gemeente=gemeente, results=results)
    # Its own plans, and the joint plans it joined: their drafts name where it stands out.
    # Each in its own scope: a joint plan spans gemeenten the caller's scope may not.
    for each in projects_of_gemeente(gemeente).order_by("id"):
        with project_scope(each):
            project_follows_figures(project=each)


def project_follows_figures(*, project: Project) -> None:
    """The project's drafts tell what its figures now say, and its goals are measured on
    them: after the figures or the project's choice of editions changed."""
    from kernbeleid.cycle.services import goals_measure

    from ...narrative.services import drafts_refresh

    drafts_refresh(project=project)
    goals_measure(project=project)


def _update_changes(results: list[IndicatorResult]) -> None:
    """One parametrised UPDATE run for many rows: Django's bulk_update builds a CASE per row
    and is far slower for the ten thousand rows of a large edition."""
    if not results:
        return
    table = connection.ops.quote_name(IndicatorResult._meta.db_table)
    columns = ", ".join(
        f"{connection.ops.quote_name(name)} = %s"
        for name in ("previous_year", "change", "change_significant")
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {columns} WHERE id = %s",  # noqa: S608 - names are ours
            [(r.previous_year, r.change, r.change_significant, r.pk) for r in results],
        )


def _test_change(result: IndicatorResult, previous: IndicatorResult) -> None:
    if result.suppressed or previous.suppressed:
        return
    if result.estimate is None or previous.estimate is None:
        return
    result.change = result.estimate - previous.estimate
    if result.se is None or previous.se is None:
        return
    difference = stats.compare(result.estimate, result.se, previous.estimate, previous.se)
    result.change_significant = difference.significant if difference else None


def _benchmark_tests_refresh(*, gemeente: Gemeente, results: list[IndicatorResult]) -> None:
    BenchmarkTest.objects.filter(result__edition__gemeente=gemeente).delete()
    benchmarks: dict[tuple[int, int], list[Benchmark]] = {}
    for benchmark in Benchmark.objects.filter(gemeente=gemeente, suppressed=False):
        benchmarks.setdefault((benchmark.indicator_id, benchmark.year), []).append(benchmark)
    tests = []
    for result in results:
        if result.suppressed or result.estimate is None or result.se is None:
            continue
        for benchmark in benchmarks.get((result.indicator_id, result.edition.year), []):
            if benchmark.estimate is None:
                continue
            difference = stats.compare(
                result.estimate,
                result.se,
                benchmark.estimate,
                stats.se_from_interval(benchmark.ci_low, benchmark.ci_high),
            )
            if difference is not None:
                tests.append(
                    BenchmarkTest(
                        result=result,
                        benchmark=benchmark,
                        difference=difference.difference,
                        significant=difference.significant,
                    )
                )
    BenchmarkTest.objects.bulk_create(tests, batch_size=2000)


@transaction.atomic
def project_thresholds_update(
    *,
    actor,
    project: Project,
    min_n: int,
    warn_n: int,
    flag_change_points: float | None = None,
    flag_change_margins: float | None = None,
) -> None:
    """New thresholds apply to stored results at once: n is stored, so no re-import. The
    change limits of the plausibility check (None: unchanged) apply to the next preview."""
    if warn_n < min_n:
        raise ValidationError({"warn_n": "De waarschuwingsgrens ligt niet onder het minimum."})
    if min_n < 1:
        raise ValidationError({"min_n": "Het minimum is ten minste 1."})
    points = project.flag_change_points if flag_change_points is None else flag_change_points
    margins = project.flag_change_margins if flag_change_margins is None else flag_change_margins
    if not 0 < points <= 100:
        raise ValidationError(
            {"flag_change_points": "Kies een grens boven 0 en ten hoogste 100 procentpunt."}
        )
    if margins < 1:
        raise ValidationError({"flag_change_margins": "Kies ten minste 1 × de marge."})
    changes = {
        "min_n": {"van": project.min_n, "naar": min_n},
        "warn_n": {"van": project.warn_n, "naar": warn_n},
        "flag_change_points": {"van": project.flag_change_points, "naar": points},
        "flag_change_margins": {"van": project.flag_change_margins, "naar": margins},
    }
    project.min_n, project.warn_n = min_n, warn_n
    project.flag_change_points, project.flag_change_margins = points, margins
    project.save(update_fields=["min_n", "warn_n", "flag_change_points", "flag_change_margins"])
    # The results are the gemeente's, shared by its projects: a figure suppressed in one plan
    # must not show in another, so the respondent thresholds hold for every project of it.
    others = Project.objects.filter(gemeente_id=project.gemeente_id).exclude(pk=project.pk)
    also = list(others.exclude(min_n=min_n, warn_n=warn_n).values_list("name", flat=True))
    others.update(min_n=min_n, warn_n=warn_n)
    if also:
        changes["ook voor"] = sorted(also)
    results = IndicatorResult.objects.filter(edition__gemeente_id=project.gemeente_id)
    results.update(suppressed=False, low_n_warning=False)
    results.filter(n__lt=min_n).update(suppressed=True)
    results.filter(n__gte=min_n, n__lt=warn_n).update(low_n_warning=True)
    comparisons_refresh(project=project)
    audit_record(
        actor=actor, action="drempels gewijzigd", obj=project, project=project, detail=changes
    )


@transaction.atomic
def project_comparables_set(*, actor, project: Project, gemeenten: list) -> None:
    before = sorted(project.benchmark_gemeenten.values_list("cbs_code", flat=True))
    project.benchmark_gemeenten.set(gemeenten)
    after = sorted(gemeente.cbs_code for gemeente in gemeenten)
    audit_record(
        actor=actor,
        action="vergelijkbare gemeenten gekozen",
        obj=project,
        project=project,
        detail={"van": before, "naar": after},
    )
