"""A joint plan's figures for the plan area as a whole (issue 19): what the import stores so
that respondent files of several gemeenten can be pooled later from stored results."""

import pytest

from analysis.figures.services import survey_import_now
from analysis.figures.services.own_area_figures import own_area_figures_refresh
from analysis.models import IndicatorResult, SurveyEdition

from .conftest import MAPPING, SMALL, csv_upload


def _import(project, *, text=SMALL, mapping=MAPPING, year=2023):
    survey_import_now(
        actor=None, project=project, upload=csv_upload(text), year=year, mapping=mapping
    )
    return SurveyEdition.objects.get(gemeente=project.gemeente, year=year)


def test_the_import_stores_sum_w_and_weight_total(survey_project):
    edition = _import(survey_project)
    # Weights in SMALL: 1, 2, 1, 0.5, 1.5, 1 -> W = 7.0.
    assert edition.weight_total == pytest.approx(7.0)
    # onv_alg: rows 1-5 answered (row 6: 99) -> 1 + 2 + 1 + 0.5 + 1.5 = 6.0;
    # wijk WK036300 is rows 1-3 -> 4.0; the rapportcijfer misses row 5 -> 7.0 - 1.5 = 5.5.
    results = IndicatorResult.objects.filter(edition=edition)
    assert results.get(
        indicator__code="voelt_zich_weleens_onveilig", area__code="GM0363"
    ).sum_w == pytest.approx(6.0)
    assert results.get(
        indicator__code="voelt_zich_weleens_onveilig", area__code="WK036300"
    ).sum_w == pytest.approx(4.0)
    assert results.get(
        indicator__code="rapportcijfer_veiligheid_buurt", area__code="GM0363"
    ).sum_w == pytest.approx(5.5)
    assert not results.filter(sum_w__isnull=True).exists()


def test_recomputing_the_own_areas_fills_in_an_older_editions_weight_total(survey_project):
    edition = _import(survey_project)
    SurveyEdition.objects.filter(pk=edition.pk).update(weight_total=None)
    own_area_figures_refresh(project=survey_project)  # reads the stored file again
    edition.refresh_from_db()
    assert edition.weight_total == pytest.approx(7.0)
