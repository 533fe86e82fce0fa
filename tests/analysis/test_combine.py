"""A joint plan's figures for the plan area as a whole (issue 19): respondent files of several
gemeenten pooled with each file's weights rescaled to the gemeente's inhabitants aged 15 and
over, from what is stored (figures/combine.py); the populations; who stands out.

The populations below are invented round numbers, not CBS figures.
"""

from dataclasses import replace

import numpy as np
import pytest
from django.core.exceptions import ValidationError

from analysis.figures import stats
from analysis.figures.combine import (
    GemeenteEdition,
    IndicatorSpec,
    Participant,
    Population,
    StoredFigure,
    combine,
    plan_area_figures,
    standing_out_sentences,
)
from analysis.figures.plan_area_selectors import plan_area_for_editions, population_for_year
from analysis.figures.services import population_set, survey_import_now
from analysis.figures.services.own_area_figures import own_area_figures_refresh
from analysis.models import Indicator, IndicatorResult, Population15Plus, SurveyEdition
from projects.models import AuditEntry

from .conftest import MAPPING, SMALL, csv_upload

FEELING = IndicatorSpec(
    code="onveilig_in_buurt_weleens",
    name="Voelt zich weleens onveilig in eigen buurt",
    unit="percent",
    direction="higher_is_worse",
)
SOURCE = "CBS StatLine 03759ned, bevolking op 1 januari, 15 jaar en ouder"

# Two tiny respondent files. NaN: no answer (the respondent still counts in the file's weight).
WEIGHTS_A = np.array([1.0, 1.0, 2.0, 4.0])  # W_A = 8; A ("Almere"): 30,000 inhabitants 15+
WEIGHTS_B = np.array([1.0, 2.0, 1.0])  # W_B = 4; B ("Lelystad"): 10,000 inhabitants 15+
HITS_A = np.array([1.0, 0.0, 0.0, np.nan])
HITS_B = np.array([0.0, 1.0, 0.0])
MARKS_A = np.array([6.0, 8.0, 7.0, np.nan])
MARKS_B = np.array([9.0, 6.0, 9.0])
POPULATION_A, POPULATION_B = 30_000, 10_000


def _stored(values: np.ndarray, weights: np.ndarray, kind: str) -> StoredFigure:
    """What the import stores of a file (services.editions.result_from_cell)."""
    answered = ~np.isnan(values)
    if kind == stats.Kind.PROPORTION:
        estimate, scale = stats.weighted_proportion(values[answered], weights[answered]), 100.0
    else:
        estimate, scale = stats.weighted_mean(values[answered], weights[answered]), 1.0
    return StoredFigure(
        estimate=estimate.value * scale,
        se=estimate.se * scale,
        ci_low=estimate.ci_low * scale,
        ci_high=estimate.ci_high * scale,
        n=estimate.n,
        n_eff=estimate.n_eff,
        sum_w=float(weights[answered].sum()),
    )


def _participants(values_a, values_b, kind, *, sum_w_a=True, weight_total_a=True):
    figure_a = _stored(values_a, WEIGHTS_A, kind)
    if not sum_w_a:
        figure_a = replace(figure_a, sum_w=None)
    return [
        Participant("Almere", POPULATION_A, 8.0 if weight_total_a else None, 4, figure_a),
        Participant("Lelystad", POPULATION_B, 4.0, 3, _stored(values_b, WEIGHTS_B, kind)),
    ]


def _pooled_raw(values_a, values_b, kind) -> stats.Estimate:
    """The two files pooled respondent by respondent, each weight times P_g / W_g."""
    values = np.concatenate([values_a, values_b])
    weights = np.concatenate([WEIGHTS_A * POPULATION_A / 8, WEIGHTS_B * POPULATION_B / 4])
    answered = ~np.isnan(values)
    if kind == stats.Kind.PROPORTION:
        return stats.weighted_proportion(values[answered], weights[answered])
    return stats.weighted_mean(values[answered], weights[answered])


# ---------------------------------------------------------------------------------------------
# (a), (b) hand-computed cases


def test_a_proportion_pooled_by_hand():
    # c_A = 30,000 / 8 = 3,750; c_B = 10,000 / 4 = 2,500.
    # A answered: weights 1, 1, 2 (sum_w 4), hits 1 -> sum_wy 1; sum_w2 = 1 + 1 + 4 = 6.
    # B answered: weights 1, 2, 1 (sum_w 4), hits 2 -> sum_wy 2; sum_w2 = 1 + 4 + 1 = 6.
    # sum_w  = 3,750 * 4 + 2,500 * 4 = 25,000
    # sum_wy = 3,750 * 1 + 2,500 * 2 = 8,750             -> p = 8,750 / 25,000 = 35.0 %
    # sum_w2 = 3,750² * 6 + 2,500² * 6 = 121,875,000
    # n_eff  = 25,000² / 121,875,000 = 200 / 39 = 5.128; n = 3 + 3 = 6
    # se     = sqrt(0.35 * 0.65 / (200 / 39)) = sqrt(0.0443625) = 0.2106 -> 21.06 points
    combined = combine(
        _participants(HITS_A, HITS_B, stats.Kind.PROPORTION),
        kind=stats.Kind.PROPORTION,
        scale=100.0,
        min_n=1,
        warn_n=3,
    )
    assert combined.value == pytest.approx(35.0)
    assert combined.n_eff == pytest.approx(200 / 39)
    assert combined.n == 6
    assert combined.se == pytest.approx(21.062, abs=0.001)
    assert not combined.approximate and combined.note == "" and combined.shown
    # The same as pooling the raw arrays with rescaled weights.
    raw = _pooled_raw(HITS_A, HITS_B, stats.Kind.PROPORTION)
    assert combined.estimate.value == pytest.approx(raw.value)
    assert combined.estimate.n_eff == pytest.approx(raw.n_eff)
    assert combined.estimate.ci_low == pytest.approx(raw.ci_low)
    assert combined.estimate.ci_high == pytest.approx(raw.ci_high)


def test_a_mean_pooled_by_hand():
    # Rapportcijfer. A answered 6, 8, 7 with weights 1, 1, 2: sum_wy = 28 (mean 7),
    # sum_wy2 = 36 + 64 + 98 = 198. B answered 9, 6, 9 with weights 1, 2, 1: sum_wy = 30
    # (mean 7.5), sum_wy2 = 81 + 72 + 81 = 234.
    # sum_w   = 25,000 (as above); sum_wy = 3,750 * 28 + 2,500 * 30 = 180,000 -> mean 7.2
    # sum_wy2 = 3,750 * 198 + 2,500 * 234 = 1,327,500 -> E_w[y²] = 53.1
    # pop_var = 53.1 - 7.2² = 1.26; se² = pop_var / (n_eff - 1) = 1.26 * 39 / 161 = 0.30522
    # se = 0.5525
    combined = combine(
        _participants(MARKS_A, MARKS_B, stats.Kind.MEAN),
        kind=stats.Kind.MEAN,
        scale=1.0,
        min_n=1,
        warn_n=3,
    )
    assert combined.value == pytest.approx(7.2)
    assert combined.n_eff == pytest.approx(200 / 39)
    assert combined.se == pytest.approx(0.5525, abs=0.0001)
    raw = _pooled_raw(MARKS_A, MARKS_B, stats.Kind.MEAN)
    assert combined.estimate.value == pytest.approx(raw.value)
    assert combined.estimate.se == pytest.approx(raw.se)
    assert combined.estimate.ci_low == pytest.approx(raw.ci_low)


def test_the_plans_thresholds_apply_as_to_a_stored_result():
    participants = _participants(HITS_A, HITS_B, stats.Kind.PROPORTION)
    warned = combine(participants, kind=stats.Kind.PROPORTION, scale=100.0, min_n=3, warn_n=10)
    assert warned.low_n_warning and not warned.suppressed
    # A participant below the plan's min_n: not combined (3 respondents each, min_n 4).
    refused = combine(participants, kind=stats.Kind.PROPORTION, scale=100.0, min_n=4, warn_n=10)
    assert refused.estimate is None and not refused.shown
    assert refused.reason == (
        "Niet voor het hele plangebied: in Almere en Lelystad te weinig respondenten."
    )


# ---------------------------------------------------------------------------------------------
# (c) a result stored before sum_w was kept


def test_a_result_without_sum_w_is_approximated_and_says_so():
    # A's sum_w unknown: sum_w ≈ n * W_A / respondents = 3 * 8 / 4 = 6 (truly 4), rescaled
    # 3,750 * 6 = 22,500; B as before 10,000. p = (22,500 * 0.25 + 10,000 * 0.5) / 32,500
    # = 10,625 / 32,500 = 32.69 %.
    participants = _participants(HITS_A, HITS_B, stats.Kind.PROPORTION, sum_w_a=False)
    combined = combine(participants, kind=stats.Kind.PROPORTION, scale=100.0, min_n=1, warn_n=3)
    assert combined.value == pytest.approx(100 * 10_625 / 32_500)
    assert combined.approximate and combined.approximate_for == ("Almere",)
    assert combined.note == (
        "Bij benadering: de cijfers van Almere zijn ingelezen voordat het gewicht van de "
        "antwoorden werd bewaard; gerekend is met het gemiddelde gewicht in het bestand."
    )
    # W_A unknown as well: sum_w = n = 3 and W_A = respondents = 4: the same share 3 / 4.
    neither = _participants(
        HITS_A, HITS_B, stats.Kind.PROPORTION, sum_w_a=False, weight_total_a=False
    )
    assert combine(
        neither, kind=stats.Kind.PROPORTION, scale=100.0, min_n=1, warn_n=3
    ).value == pytest.approx(100 * 10_625 / 32_500)


# ---------------------------------------------------------------------------------------------
# (d) side by side, missing population, suppressed participant


def _edition(name, year, *, population=10_000, figure=None, series="vm2021"):
    return GemeenteEdition(
        name=name,
        year=year,
        series=series,
        respondents=4,
        weight_total=8.0,
        population=Population(population, year, SOURCE) if population else None,
        figures={FEELING.code: figure or _stored(HITS_A, WEIGHTS_A, stats.Kind.PROPORTION)},
    )


def test_different_editions_stand_side_by_side():
    area = plan_area_figures(
        [_edition("Almere", 2023), _edition("Lelystad", 2021)],
        indicators=[FEELING],
        min_n=1,
        warn_n=3,
    )
    assert area.side_by_side
    assert area.reason == (
        "De gemeenten hebben niet dezelfde editie: Almere 2023, Lelystad 2021. "
        "De cijfers staan naast elkaar."
    )
    (row,) = area.rows
    assert row.combined is None and [name for name, _ in row.gemeenten] == ["Almere", "Lelystad"]
    assert row.gemeenten[1][1].estimate == pytest.approx(25.0)  # each gemeente's own figure


def test_a_missing_population_is_named():
    area = plan_area_figures(
        [_edition("Almere", 2023), _edition("Lelystad", 2023, population=None)],
        indicators=[FEELING],
        min_n=1,
        warn_n=3,
    )
    assert area.side_by_side
    assert area.reason == (
        "Voor Lelystad is het aantal inwoners van 15 jaar en ouder niet ingevuld. "
        "De cijfers staan naast elkaar."
    )


def test_a_suppressed_participant_stops_the_combined_figure():
    suppressed = StoredFigure(estimate=None, se=None, n=2, n_eff=2.0, suppressed=True)
    area = plan_area_figures(
        [_edition("Almere", 2023), _edition("Lelystad", 2023, figure=suppressed)],
        indicators=[FEELING],
        min_n=1,
        warn_n=3,
    )
    assert not area.side_by_side
    (row,) = area.rows
    assert row.combined.estimate is None and not row.combined.shown
    assert row.combined.reason == (
        "Niet voor het hele plangebied: in Lelystad te weinig respondenten."
    )
    assert row.standing_out == ()


def test_a_participant_without_the_indicator_stops_the_combined_figure():
    participants = _participants(HITS_A, HITS_B, stats.Kind.PROPORTION)
    participants[1] = Participant("Lelystad", POPULATION_B, 4.0, 3, None)
    combined = combine(participants, kind=stats.Kind.PROPORTION, scale=100.0, min_n=1, warn_n=3)
    assert combined.reason == "Niet voor het hele plangebied: Lelystad heeft hiervoor geen cijfer."


def test_combined_rows_say_where_the_populations_come_from():
    area = plan_area_figures(
        [_edition("Almere", 2023, population=30_000), _edition("Lelystad", 2023)],
        indicators=[FEELING],
        min_n=1,
        warn_n=3,
    )
    assert not area.side_by_side and area.reason == ""
    assert area.rows[0].combined.value == pytest.approx(25.0)  # the same file twice
    assert area.population_note == (
        "Elke gemeente telt mee naar haar inwoners van 15 jaar en ouder: Almere 30.000 "
        "(1 januari 2023) en Lelystad 10.000 (1 januari 2023). Bron: " + SOURCE + "."
    )


# ---------------------------------------------------------------------------------------------
# (e) who stands out


def _share(estimate: float, n: int) -> StoredFigure:
    """A file of n respondents with equal weights, `estimate` percent answering yes."""
    figure = stats.proportion_from_sums(n=n, sum_w=n, sum_w2=n, sum_wy=estimate / 100 * n)
    return StoredFigure(
        estimate=estimate, se=figure.se * 100, n=n, n_eff=figure.n_eff, sum_w=float(n)
    )


def _plan(dronten: StoredFigure) -> list[Participant]:
    return [
        Participant("Almere", 180_000, 2000.0, 2000, _share(33.0, 2000)),
        Participant("Lelystad", 70_000, 800.0, 800, _share(33.0, 800)),
        Participant("Dronten", 40_000, float(dronten.n), dronten.n, dronten),
    ]


def test_a_gemeente_that_differs_significantly_from_the_rest_is_named():
    # Dronten 41 % (n 600) against Almere and Lelystad combined: 33.0 %, n_eff about 2,800;
    # z = 0.08 / sqrt(0.0201² + 0.0089²) = 3.6. Almere against the rest (35.9 %): z = -1.7,
    # Lelystad (34.5 %): z = -0.8; neither named.
    plan = _plan(_share(41.0, 600))
    sentences = standing_out_sentences(plan, indicator=FEELING, min_n=50, warn_n=100)
    assert sentences == [
        "Bij ‘Voelt zich weleens onveilig in eigen buurt’ komt Dronten uit op 41,0%, "
        "significant hoger dan in de rest van het plangebied (33,0%), en dat is ongunstig."
    ]


def test_no_sentence_when_the_difference_is_not_significant():
    # Dronten 41 % on 60 respondents: se 6.3 points, z about 1.3.
    assert (
        standing_out_sentences(_plan(_share(41.0, 60)), indicator=FEELING, min_n=50, warn_n=100)
        == []
    )


def test_two_gemeenten_are_one_finding():
    plan = [
        Participant("Almere", 180_000, 2000.0, 2000, _share(33.0, 2000)),
        Participant("Lelystad", 70_000, 800.0, 800, _share(41.0, 800)),
    ]
    assert standing_out_sentences(plan, indicator=FEELING, min_n=50, warn_n=100) == [
        "Bij ‘Voelt zich weleens onveilig in eigen buurt’ komt Lelystad uit op 41,0%, "
        "significant hoger dan in Almere (33,0%), en dat is ongunstig."
    ]


# ---------------------------------------------------------------------------------------------
# (f) entering the population


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


def test_the_population_of_the_edition_year_else_the_nearest_earlier_else_later(world):
    assert population_for_year(world.other, 2023) is None
    population_set(actor=None, gemeente=world.other, year=2024, count=181_000, source=SOURCE)
    assert population_for_year(world.other, 2023).year == 2024
    population_set(actor=None, gemeente=world.other, year=2020, count=170_000, source=SOURCE)
    assert population_for_year(world.other, 2023).year == 2020
    population_set(actor=None, gemeente=world.other, year=2023, count=178_000, source=SOURCE)
    assert population_for_year(world.other, 2023).count == 178_000


# ---------------------------------------------------------------------------------------------
# (g) the import stores what the combination needs; the plan area from the database


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


def _two_gemeenten(world, survey_project):
    """Amsterdam (SMALL) and Almere (the same answers without wijken), both 2023."""
    other = world.other_project
    other.min_n, other.warn_n = 1, 3
    other.save()
    no_wijk = {key: value for key, value in MAPPING.items() if key != "wijk"}
    editions = [_import(survey_project), _import(other, mapping=no_wijk)]
    for gemeente, count in ((world.gemeente, 30_000), (world.other, 10_000)):
        population_set(actor=None, gemeente=gemeente, year=2023, count=count, source=SOURCE)
    return list(zip((world.gemeente, world.other), editions, strict=True))


def test_the_plan_area_from_stored_results(world, survey_project):
    pairs = _two_gemeenten(world, survey_project)
    indicator = Indicator.objects.get(code="voelt_zich_weleens_onveilig")
    area = plan_area_for_editions(pairs, indicators=[indicator], min_n=1, warn_n=3)
    (row,) = area.rows
    # The same answers in both files: the plan area's share is each one's, 250 / 6 %.
    assert row.combined.value == pytest.approx(250 / 6)
    assert row.combined.n == 10 and not row.combined.approximate
    assert [name for name, _ in row.gemeenten] == ["Amsterdam", "Almere"]


def test_the_note_says_which_population_year_was_used(world, survey_project):
    pairs = _two_gemeenten(world, survey_project)
    Population15Plus.objects.filter(gemeente=world.other).update(year=2022)
    indicator = Indicator.objects.get(code="voelt_zich_weleens_onveilig")
    area = plan_area_for_editions(pairs, indicators=[indicator], min_n=1, warn_n=3)
    assert area.population_note == (
        "Elke gemeente telt mee naar haar inwoners van 15 jaar en ouder: Amsterdam 30.000 "
        "(1 januari 2023) en Almere 10.000 (1 januari 2022; voor 2023 is geen aantal ingevuld). "
        "Bron: " + SOURCE + "."
    )


def test_a_result_stored_before_sum_w_was_kept_gives_an_approximate_figure(world, survey_project):
    pairs = _two_gemeenten(world, survey_project)
    IndicatorResult.objects.filter(edition=pairs[0][1]).update(sum_w=None)
    SurveyEdition.objects.filter(pk=pairs[0][1].pk).update(weight_total=None)
    pairs[0][1].refresh_from_db()
    indicator = Indicator.objects.get(code="voelt_zich_weleens_onveilig")
    (row,) = plan_area_for_editions(pairs, indicators=[indicator], min_n=1, warn_n=3).rows
    assert row.combined.approximate_for == ("Amsterdam",)
    assert row.combined.note.startswith("Bij benadering: de cijfers van Amsterdam")
    # Amsterdam now counts for 30,000 * 5 / 6 (n / respondents) instead of 30,000 * 6 / 7;
    # both files give 250 / 6 %, so the combined share stays.
    assert row.combined.value == pytest.approx(250 / 6)
