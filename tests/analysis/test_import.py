"""Importing respondent files: the stored numbers against hand-computed values, the file
formats agreeing, replacement only after confirmation, series breaks."""

import io
from math import sqrt

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis.figures import services
from analysis.models import Area, Indicator, IndicatorResult, SurveyEdition

from .conftest import MAPPING, SMALL, csv_upload, frame_from_csv


def result(project, year, code, area_code) -> IndicatorResult:
    return IndicatorResult.objects.get(
        edition__projects=project,
        edition__year=year,
        indicator__code=code,
        area__code=area_code,
    )


def import_small(project, actor, upload=None, year=2023, mapping=MAPPING, **kwargs):
    return services.survey_import_now(
        actor=actor,
        project=project,
        upload=upload or csv_upload(),
        year=year,
        mapping=mapping,
        **kwargs,
    )


def test_weighted_estimates_per_gemeente_and_wijk(survey_project, world):
    run = import_small(survey_project, world.users["ambtenaar"])
    assert run.status == "done"
    # Gemeente, onv_alg in {1,2}: valid rows 1-5 (row 6 answered 99), weights 1,2,1,0.5,1.5,
    # hits rows 1, 3, 4 -> (1 + 1 + 0.5) / 6 = 41.667%; n = 5; n_eff = 36 / 8.5
    total = result(survey_project, 2023, "voelt_zich_weleens_onveilig", "GM0363")
    assert total.estimate == pytest.approx(250 / 6)
    assert total.n == 5 and total.n_eff == pytest.approx(36 / 8.5)
    assert total.ci_low < total.estimate < total.ci_high
    # Wijk 00: rows 1-3 -> 2 / 4 = 50%; wijk 01: rows 4-5 -> 0.5 / 2 = 25%
    assert result(
        survey_project, 2023, "voelt_zich_weleens_onveilig", "WK036300"
    ).estimate == pytest.approx(50.0)
    wijk01 = result(survey_project, 2023, "voelt_zich_weleens_onveilig", "WK036301")
    assert wijk01.estimate == pytest.approx(25.0) and wijk01.n == 2
    # Rapportcijfer: row 5 answered 99 -> (7 + 16 + 6 + 4.5 + 5) / 5.5 = 7.0
    assert result(
        survey_project, 2023, "rapportcijfer_veiligheid_buurt", "GM0363"
    ).estimate == pytest.approx(7.0)
    assert result(
        survey_project, 2023, "rapportcijfer_veiligheid_buurt", "WK036300"
    ).estimate == pytest.approx(29 / 4)
    assert result(
        survey_project, 2023, "rapportcijfer_veiligheid_buurt", "WK036301"
    ).estimate == pytest.approx(9.5 / 1.5)
    edition = SurveyEdition.objects.get(projects=survey_project, year=2023)
    assert edition.respondents == 6 and edition.series == "vm2021"
    assert run.summary["wijken"] == 2
    assert set(Area.objects.filter(gemeente=world.gemeente).values_list("code", flat=True)) == {
        "GM0363",
        "WK036300",
        "WK036301",
    }


def test_suppression_and_warning_follow_the_project_thresholds(survey_project, world):
    survey_project.min_n, survey_project.warn_n = 3, 5
    survey_project.save()
    import_small(survey_project, world.users["ambtenaar"])
    wijk01 = result(survey_project, 2023, "voelt_zich_weleens_onveilig", "WK036301")
    wijk00 = result(survey_project, 2023, "voelt_zich_weleens_onveilig", "WK036300")
    total = result(survey_project, 2023, "voelt_zich_weleens_onveilig", "GM0363")
    assert wijk01.suppressed and not wijk00.suppressed and wijk00.low_n_warning
    assert not total.suppressed and not total.low_n_warning
    services.project_thresholds_update(
        actor=world.users["ambtenaar"], project=survey_project, min_n=2, warn_n=5
    )
    wijk01.refresh_from_db()
    assert not wijk01.suppressed and wijk01.low_n_warning


def _sav_upload(frame: pd.DataFrame, tmp_path, name="vm.sav") -> SimpleUploadedFile:
    path = tmp_path / name
    pyreadstat.write_sav(
        frame,
        str(path),
        variable_value_labels={
            "onv_alg": {1: "vaak", 2: "soms", 3: "(bijna) nooit", 99: "weet niet"}
        },
        missing_ranges={"onv_alg": [99], "cijfer": [99]},
    )
    return SimpleUploadedFile(name, path.read_bytes())


def _xlsx_upload(frame: pd.DataFrame) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    return SimpleUploadedFile("vm.xlsx", buffer.getvalue())


def _estimates(project, year):
    return sorted(
        IndicatorResult.objects.filter(edition__projects=project, edition__year=year).values_list(
            "indicator__code", "area__code", "estimate", "n"
        )
    )


def test_sav_csv_and_xlsx_give_the_same_results(survey_project, world, tmp_path):
    actor = world.users["ambtenaar"]
    import_small(survey_project, actor, year=2019)
    import_small(survey_project, actor, upload=_sav_upload(frame_from_csv(), tmp_path), year=2021)
    import_small(survey_project, actor, upload=_xlsx_upload(frame_from_csv()), year=2023)
    assert _estimates(survey_project, 2019) == _estimates(survey_project, 2021)
    assert _estimates(survey_project, 2021) == _estimates(survey_project, 2023)


def test_user_missing_codes_from_the_sav_file_are_honoured(survey_project, world, tmp_path):
    mapping = {**MAPPING, "missing_codes": []}  # only the file's own declaration
    import_small(
        survey_project,
        world.users["ambtenaar"],
        upload=_sav_upload(frame_from_csv(), tmp_path),
        mapping=mapping,
    )
    assert result(survey_project, 2023, "voelt_zich_weleens_onveilig", "GM0363").n == 5


def test_wijk_labels_are_mapped_to_codes(survey_project, world):
    text = SMALL.replace("WK036300", "Centrum").replace("WK036301", "Oost")
    mapping = {**MAPPING, "wijk_labels": {"Centrum": "WK036300", "Oost": "WK036301"}}
    import_small(survey_project, world.users["ambtenaar"], upload=csv_upload(text), mapping=mapping)
    assert Area.objects.get(gemeente=world.gemeente, code="WK036300").name == "Centrum"
    assert result(
        survey_project, 2023, "voelt_zich_weleens_onveilig", "WK036301"
    ).estimate == pytest.approx(25.0)


def test_a_gemeentes_own_question_becomes_a_custom_indicator(survey_project, world):
    mapping = {
        **MAPPING,
        "indicators": {
            **MAPPING["indicators"],
            "eigen_vraag_cameras": {
                "variable": "onv_alg",
                "kind": "proportion",
                "codes": [3],
                "name": "Voorstander van cameratoezicht",
                "unit": "percent",
                "direction": "neutral",
            },
        },
    }
    import_small(survey_project, world.users["ambtenaar"], mapping=mapping)
    custom = Indicator.objects.get(code="eigen_vraag_cameras")
    assert custom.gemeente == world.gemeente and custom.source == "eigen"
    # 'nooit' (3): rows 2 and 5 -> (2 + 1.5) / 6
    assert result(survey_project, 2023, "eigen_vraag_cameras", "GM0363").estimate == pytest.approx(
        350 / 6
    )
    # Another gemeente does not see it in its catalogue.
    assert not Indicator.objects.filter(code="eigen_vraag_cameras", gemeente=world.other)


def test_an_existing_edition_is_replaced_only_after_confirmation(survey_project, world):
    actor = world.users["ambtenaar"]
    import_small(survey_project, actor)
    before = _estimates(survey_project, 2023)
    changed = SMALL.replace("1;WK036300;1,0;1;7", "1;WK036300;1,0;3;7")
    with pytest.raises(ValidationError) as error:
        import_small(survey_project, actor, upload=csv_upload(changed))
    assert "bestaat al" in " ".join(error.value.messages)
    assert _estimates(survey_project, 2023) == before
    import_small(survey_project, actor, upload=csv_upload(changed), replace=True)
    assert _estimates(survey_project, 2023) != before
    assert SurveyEdition.objects.filter(projects=survey_project, year=2023).count() == 1


def _binary_file(yes: int, total: int, *, seed: int) -> str:
    rng = np.random.default_rng(seed)
    answers = np.array([1] * yes + [3] * (total - yes))
    rng.shuffle(answers)
    lines = ["respnr;weegfactor;onv_alg"]
    lines += [f"{i};1;{answer}" for i, answer in enumerate(answers, start=1)]
    return "\n".join(lines) + "\n"


ONE = {
    "weight": "weegfactor",
    "indicators": {
        "voelt_zich_weleens_onveilig": {"variable": "onv_alg", "kind": "proportion", "codes": [1]}
    },
}


def test_changes_are_tested_within_a_series_and_never_across_a_break(fresh_project, world):
    actor = world.users["ambtenaar"]
    for year, yes in ((2019, 150), (2021, 90), (2023, 135)):
        import_small(
            fresh_project,
            actor,
            upload=csv_upload(_binary_file(yes, 300, seed=year)),
            year=year,
            mapping=ONE,
            # 30% -> 45% is flagged (more than 10 points); here it is the change under test.
            accept_flagged="verandering gewild in deze test",
        )
    r2021 = result(fresh_project, 2021, "voelt_zich_weleens_onveilig", "GM0363")
    r2023 = result(fresh_project, 2023, "voelt_zich_weleens_onveilig", "GM0363")
    # 2019 (50%) -> 2021 (30%) crosses the 2021 redesign: nothing compared.
    assert r2021.previous_year is None and r2021.change is None
    assert r2021.change_significant is None
    # 2021 (30%) -> 2023 (45%): z = 15 / sqrt(30·70/300 + 45·55/300) = 3.83 -> significant
    assert r2023.previous_year == 2021
    assert r2023.change == pytest.approx(15.0)
    assert r2023.change_significant is True and r2023.change_direction == 1
    assert 15 / sqrt(30 * 70 / 300 + 45 * 55 / 300) > 1.96


def test_a_small_change_is_not_significant(fresh_project, world):
    actor = world.users["ambtenaar"]
    for year, yes in ((2021, 90), (2023, 99)):
        import_small(
            fresh_project,
            actor,
            upload=csv_upload(_binary_file(yes, 300, seed=year)),
            year=year,
            mapping=ONE,
        )
    r2023 = result(fresh_project, 2023, "voelt_zich_weleens_onveilig", "GM0363")
    # 30% -> 33%: z = 3 / sqrt(30·70/300 + 33·67/300) = 0.79
    assert r2023.change == pytest.approx(3.0)
    assert r2023.change_significant is False and r2023.change_direction == 0
