"""A joint plan's figures for the plan area as a whole (issue 19): what the import stores so
that respondent files of several gemeenten can be pooled later from stored results, and the
inhabitants aged 15 and over each gemeente's file is rescaled to."""

import pytest
from django.core.exceptions import ValidationError

from analysis.figures.services import population_set, survey_import_now
from analysis.figures.services.own_area_figures import own_area_figures_refresh
from analysis.models import IndicatorResult, Population15Plus, SurveyEdition
from projects.models import AuditEntry

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


# ---------------------------------------------------------------------------------------------
# Entering the population aged 15 and over

SOURCE = "CBS StatLine 03759ned, bevolking op 1 januari, 15 jaar en ouder"


def test_population_set_stores_and_audits(world):
    actor = world.users["adviseur"]
    population = population_set(
        actor=actor, gemeente=world.other, year=2023, count=180_000, source=SOURCE
    )
    assert (population.count, population.source) == (180_000, SOURCE)
    entry = AuditEntry.objects.get(action="inwoners van 15 jaar en ouder ingevuld")
    assert entry.gemeente == world.other
    assert entry.detail == {"jaar": 2023, "van": None, "naar": {"aantal": 180_000, "bron": SOURCE}}


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (0, "Het aantal inwoners van 15 jaar en ouder moet groter zijn dan nul."),
        (
            250_000,
            "Almere heeft 220.000 inwoners; 250.000 inwoners van 15 jaar en ouder kan dus niet "
            "kloppen.",
        ),
    ],
)
def test_population_set_refuses_an_implausible_count_and_changes_nothing(world, count, message):
    world.other.inhabitants = 220_000
    world.other.save()
    actor = world.users["adviseur"]
    population_set(actor=actor, gemeente=world.other, year=2023, count=180_000, source=SOURCE)
    audits = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as error:
        population_set(actor=actor, gemeente=world.other, year=2023, count=count, source=SOURCE)
    assert error.value.message_dict == {"count": [message]}
    assert Population15Plus.objects.get(gemeente=world.other, year=2023).count == 180_000
    assert AuditEntry.objects.count() == audits


def test_population_set_wants_a_source_and_a_sensible_year(world):
    with pytest.raises(ValidationError) as error:
        population_set(actor=None, gemeente=world.other, year=1850, count=1000, source=" ")
    assert error.value.message_dict["source"] == ["Vermeld de bron van het aantal."]
    assert error.value.message_dict["year"][0].startswith("Kies een jaar van 1990 tot en met ")
    assert not Population15Plus.objects.exists()
