"""The mapping proposal reads labels, not names: a .sav whose names mislead gets the right
indicators, codes and missing codes, each with a certainty and a reason; what is unsure is left
unmapped; the user's own templates come first."""

import re

import pandas as pd
import pyreadstat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.catalogue import catalogue_indicators
from analysis.figures import services
from analysis.figures.mapping import parse_mapping
from analysis.figures.readers import read_survey_file
from analysis.figures.suggest import CERTAIN, suggest_mapping
from analysis.models import ImportRun, IndicatorResult, MappingTemplate

from .preview_helpers import store_preview

CATALOGUE = {indicator.code for indicator in catalogue_indicators()}

# Six respondents. The names mislead: `onv_alg` ("algemeen") asks about the buurt, and
# `buurt_onv` asks about feeling unsafe in general.
FRAME = pd.DataFrame(
    {
        "respnr": [11, 12, 13, 14, 15, 16],
        "wf": [1.0, 2.0, 1.0, 0.5, 1.5, 1.0],
        "wijk": ["WK036300", "WK036300", "WK036300", "WK036301", "WK036301", "WK036301"],
        "onv_alg": [1, 3, 2, 9, 3, 2],
        "buurt_onv": [1, 2, 2, 1, 8, 2],
        "cijf": [7, 8, 6, 9, 5, 99],
        "hond": [1, 2, 3, 1, 2, 3],
    }
)
LABELS = {
    "respnr": "Respondentnummer",
    "wf": "weegfactor",
    "wijk": "Wijk van de respondent",
    "onv_alg": "Voelt u zich wel eens onveilig in uw eigen buurt?",
    "buurt_onv": "Voelt u zich wel eens onveilig?",
    "cijf": "Welk rapportcijfer geeft u voor de veiligheid in uw buurt?",
    "hond": "Komt hondenpoep in uw buurt voor?",  # no value labels: which code is "vaak"?
}
VALUE_LABELS = {
    "onv_alg": {1: "vaak", 2: "soms", 3: "(bijna) nooit", 9: "weet niet"},
    "buurt_onv": {1: "ja", 2: "nee", 8: "wil niet zeggen"},
    "cijf": {1: "zeer slecht", 10: "uitstekend", 99: "geen antwoord"},
}


def write_sav(path, frame=FRAME, labels=LABELS, value_labels=VALUE_LABELS):
    pyreadstat.write_sav(frame, str(path), column_labels=labels, variable_value_labels=value_labels)
    return path


def described(tmp_path, **kwargs) -> list[dict]:
    path = write_sav(tmp_path / "vm.sav", **kwargs)
    survey = read_survey_file(path, original_name="vm.sav", max_bytes=10**8)
    return services.describe_variables(survey)


def overlap_choice(variables: list[dict], indicator_name: str) -> str:
    """The old proposal: the variable sharing most words (name and label) with the
    indicator's name. Kept here to show the file really misleads it."""
    words = lambda text: set(re.findall(r"[a-z]{4,}", text.lower()))  # noqa: E731
    wanted = words(indicator_name)
    return max(
        variables,
        key=lambda v: len(wanted & words(f"{v['name'].replace('_', ' ')} {v['label']}")),
    )["name"]


def test_labels_not_names_decide_which_indicator_a_variable_is(tmp_path):
    variables = described(tmp_path)
    # Word overlap would take onv_alg (its name has 'alg', its label 'onveilig') for the
    # general indicator.
    assert overlap_choice(variables, "Voelt zich weleens onveilig (algemeen)") == "onv_alg"

    proposal = suggest_mapping(variables)
    indicators = proposal["indicators"]
    assert indicators["onveilig_in_buurt_weleens"] == {
        "variable": "onv_alg",
        "kind": "proportion",
        "codes": [1, 2],  # vaak and soms
        "missing_codes": [9],  # weet niet
    }
    assert indicators["onveilig_in_buurt_vaak"] == {
        "variable": "onv_alg",
        "kind": "proportion",
        "codes": [1],
        "missing_codes": [9],
    }
    assert indicators["voelt_zich_weleens_onveilig"] == {
        "variable": "buurt_onv",
        "kind": "proportion",
        "codes": [1],  # ja
        "missing_codes": [8],  # wil niet zeggen
    }
    assert indicators["rapportcijfer_veiligheid_buurt"] == {
        "variable": "cijf",
        "kind": "mean",
        "valid_range": [1, 10],
        "missing_codes": [99],
    }
    # A yes/no question says nothing about "vaak": that indicator is left open.
    assert "voelt_zich_vaak_onveilig" not in indicators
    assert set(indicators) == {
        "onveilig_in_buurt_weleens",
        "onveilig_in_buurt_vaak",
        "voelt_zich_weleens_onveilig",
        "rapportcijfer_veiligheid_buurt",
    }
    # The file-wide list stays empty: a 9 here is not a 9 there.
    assert proposal["missing_codes"] == []


def test_each_proposal_says_how_sure_it_is_and_why(tmp_path):
    proposal = suggest_mapping(described(tmp_path))
    notes = proposal["proposal"]
    buurt = notes["indicators"]["onveilig_in_buurt_weleens"]
    assert buurt["certainty"] >= CERTAIN
    assert buurt["reason"] == (
        "label bevat 'onveilig' en 'buurt'; antwoorden vaak/soms/(bijna) nooit: telt vaak/soms; "
        "ontbrekend: weet niet"
    )
    general = notes["indicators"]["voelt_zich_weleens_onveilig"]
    assert general["reason"].startswith("label bevat 'onveilig'; antwoorden ja/nee: telt ja")
    assert all(note["certainty"] >= CERTAIN for note in notes["indicators"].values())
    assert all(0 <= note["certainty"] <= 1 for note in notes["indicators"].values())


def test_the_weight_wijk_and_respondent_are_found_by_name_or_label(tmp_path):
    proposal = suggest_mapping(described(tmp_path))
    assert (proposal["weight"], proposal["wijk"], proposal["respondent_id"]) == (
        "wf",
        "wijk",
        "respnr",
    )
    notes = proposal["proposal"]
    assert notes["weight"]["reason"] == "naam 'wf' en label begint met 'weegfactor'"
    # By the label alone, when the name says nothing.
    renamed = FRAME.rename(columns={"wf": "factor_b"})
    labels = {("factor_b" if name == "wf" else name): text for name, text in LABELS.items()}
    by_label = suggest_mapping(described(tmp_path, frame=renamed, labels=labels))
    assert by_label["weight"] == "factor_b"
    assert by_label["proposal"]["weight"] == {
        "certainty": 0.9,
        "reason": "label begint met 'weegfactor'",
    }


def test_a_question_about_the_wijk_is_not_the_wijk_column():
    variables = [
        {"name": "tevr_wijk", "label": "Hoe tevreden bent u over uw wijk?", "numeric": True},
        {"name": "w", "label": "Weegfactor", "numeric": True, "minimum": 0.2},
    ]
    proposal = suggest_mapping(variables)
    assert proposal["wijk"] == "" and proposal["weight"] == "w"
    assert proposal["proposal"]["wijk"]["certainty"] == 0


def test_an_unsure_proposal_is_left_unmapped_with_its_best_guess_named(tmp_path):
    proposal = suggest_mapping(described(tmp_path))
    # `hond` is about hondenpoep, but without value labels the counted code is unknown:
    # 0.95 for the label times 0.6 for the missing value labels = 0.57.
    assert "hondenpoep" not in proposal["indicators"]
    assert proposal["proposal"]["unmapped"]["hondenpoep"] == {
        "certainty": 0.57,
        "reason": "te onzeker: label bevat 'hondenpoep'; geen waardelabels: welke codes "
        "meetellen is niet te zien",
        "variable": "hond",
    }
    # Every other survey indicator is listed as unmapped too, so nothing is silently missing.
    survey = {i.code for i in catalogue_indicators() if i.source == "vm"}
    assert set(proposal["indicators"]) | set(proposal["proposal"]["unmapped"]) == survey


def test_two_equally_fitting_variables_are_not_guessed_between():
    question = {
        "label": "Rapportcijfer veiligheid in de buurt",
        "numeric": True,
        "minimum": 1,
        "maximum": 10,
    }
    variables = [{"name": "cijf_a", **question}, {"name": "cijf_b", **question}]
    proposal = suggest_mapping(variables)
    assert "rapportcijfer_veiligheid_buurt" not in proposal["indicators"]
    unmapped = proposal["proposal"]["unmapped"]["rapportcijfer_veiligheid_buurt"]
    # 0.95 for the label, times 0.7 for a tie: 0.665, under 0.7.
    assert unmapped["certainty"] == pytest.approx(0.665, abs=0.006)
    assert unmapped["certainty"] < CERTAIN
    assert unmapped["reason"].endswith("even passend: cijf_b")


@pytest.mark.parametrize(
    ("label", "answers", "expected", "codes"),
    [
        (
            "Voelt u zich 's avonds op straat in uw buurt wel eens onveilig?",
            {1: "vaak", 2: "soms", 3: "nooit"},
            "savonds_straat_buurt_onveilig",
            [1, 2],
        ),
        (
            "Hoe groot is de kans dat er bij u thuis wordt ingebroken?",
            {1: "heel groot", 2: "groot", 3: "klein", 4: "heel klein"},
            "kans_slachtoffer_inbraak_groot",
            [1, 2],
        ),
        (
            "Is er de afgelopen 12 maanden bij u ingebroken?",
            {1: "ja, één keer", 2: "ja, vaker", 3: "nee"},
            "slachtoffer_woninginbraak",
            [1, 2],
        ),
        (
            "Hoe tevreden bent u over de straatverlichting?",
            {
                1: "zeer tevreden",
                2: "tevreden",
                3: "niet tevreden, niet ontevreden",
                4: "ontevreden",
            },
            "tevreden_straatverlichting",
            [1, 2],
        ),
    ],
)
def test_the_most_specific_indicator_and_its_answers(label, answers, expected, codes):
    variables = [{"name": "v1", "label": label, "numeric": True, "value_labels": answers}]
    proposal = suggest_mapping(variables)
    assert list(proposal["indicators"]) == [expected]
    assert proposal["indicators"][expected]["codes"] == codes


def test_the_proposal_is_a_mapping_that_parse_mapping_accepts(tmp_path):
    proposal = suggest_mapping(described(tmp_path))
    parsed = parse_mapping(proposal, catalogue_codes=CATALOGUE)  # ignores "proposal"
    assert parsed.weight == "wf"
    assert parsed.indicators["onveilig_in_buurt_weleens"].codes == (1.0, 2.0)
    assert parsed.indicators["onveilig_in_buurt_weleens"].missing_codes == (9.0,)
    assert "proposal" not in parsed.to_dict()


def test_codes_from_stored_json_keys_are_numbers():
    # run.variables is JSON: value-label codes come back as strings.
    variables = [
        {"name": "w", "label": "Weegfactor", "numeric": True},
        {
            "name": "q",
            "label": "Voelt u zich weleens onveilig?",
            "numeric": True,
            "value_labels": {"1": "ja", "2": "nee", "99": "weet niet / geen antwoord"},
        },
    ]
    spec = suggest_mapping(variables)["indicators"]["voelt_zich_weleens_onveilig"]
    assert spec["codes"] == [1] and spec["missing_codes"] == [99]


TEMPLATE = {
    "name": "Bureau VM",
    "weight": "respnr",  # a template can be wrong too; the user chose it, so it comes first
    "indicators": {
        "voelt_zich_weleens_onveilig": {"variable": "onv_alg", "kind": "proportion", "codes": [3]},
        "rapportcijfer_veiligheid_buurt": {"variable": "absent", "kind": "mean"},
    },
}


def test_templates_come_first_where_their_variables_exist(tmp_path):
    variables = described(tmp_path)
    second = {
        "name": "Ouder sjabloon",
        "indicators": {
            "voelt_zich_weleens_onveilig": {"variable": "buurt_onv", "kind": "mean"},
        },
    }
    proposal = suggest_mapping(variables, templates=[TEMPLATE, second])
    notes = proposal["proposal"]
    assert proposal["weight"] == "respnr"
    assert notes["weight"] == {"certainty": 1.0, "reason": "uit koppelsjabloon 'Bureau VM'"}
    assert proposal["indicators"]["voelt_zich_weleens_onveilig"] == {
        "variable": "onv_alg",
        "kind": "proportion",
        "codes": [3],
    }
    assert notes["indicators"]["voelt_zich_weleens_onveilig"]["certainty"] == 1.0
    # The template's variable is not in this file: the labels decide.
    assert proposal["indicators"]["rapportcijfer_veiligheid_buurt"]["variable"] == "cijf"
    assert notes["indicators"]["rapportcijfer_veiligheid_buurt"]["certainty"] == 0.95
    # A column the template took is not proposed again as the respondent number.
    assert proposal["respondent_id"] == ""


def test_uploading_a_sav_proposes_from_labels_and_templates_and_computes_right(
    survey_project, world, tmp_path, django_capture_on_commit_callbacks
):
    MappingTemplate.objects.create(
        name="Eigen vragen",
        gemeente=world.gemeente,
        mapping={
            "weight": "weegfactor",  # not in this file: the proposal's weight stays
            "indicators": {
                "hondenpoep": {"variable": "hond", "kind": "proportion", "codes": [1]},
            },
        },
    )
    path = write_sav(tmp_path / "vm.sav")
    client = world.client("ambtenaar")
    base = {"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("analysis:import_new", kwargs=base),
            {
                "kind": "survey",
                "year": 2023,
                "file": SimpleUploadedFile("vm.sav", path.read_bytes()),
            },
        )
    run = ImportRun.objects.get(project=survey_project)
    assert run.status == "mapping", run.message
    assert run.mapping["weight"] == "wf"
    assert run.mapping["indicators"]["onveilig_in_buurt_weleens"]["variable"] == "onv_alg"
    assert run.mapping["indicators"]["hondenpoep"]["variable"] == "hond"
    assert run.mapping["proposal"]["indicators"]["hondenpoep"]["reason"] == (
        "uit koppelsjabloon 'Eigen vragen'"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_mapping_submit(actor=world.users["ambtenaar"], run=run, mapping=run.mapping)
    store_preview(world.client("ambtenaar"), world, run)
    assert run.status == "done", run.message

    def estimate(code):
        return IndicatorResult.objects.get(
            edition__projects=survey_project, indicator__code=code, area__code="GM0363"
        ).estimate

    # Buurt (onv_alg, codes 1 and 2, 9 missing): valid weights 1, 2, 1, 1.5, 1 = 6.5;
    # vaak or soms: respondents 11, 13 and 16 = 1 + 1 + 1 = 3. 3 / 6.5 = 46.15 %.
    assert estimate("onveilig_in_buurt_weleens") == pytest.approx(100 * 3 / 6.5)
    # General (buurt_onv, ja = 1, 8 missing): valid weights 1, 2, 1, 0.5, 1 = 5.5;
    # ja: respondents 11 and 14 = 1 + 0.5 = 1.5. 1.5 / 5.5 = 27.27 %.
    assert estimate("voelt_zich_weleens_onveilig") == pytest.approx(100 * 1.5 / 5.5)
    # Rapportcijfer (99 missing): (7 + 16 + 6 + 4.5 + 7.5) / (1 + 2 + 1 + 0.5 + 1.5) = 41 / 6.
    assert estimate("rapportcijfer_veiligheid_buurt") == pytest.approx(41 / 6)


def cijfer(value_labels: dict, minimum=1, maximum=10) -> list[dict]:
    return [
        {
            "name": "cijf",
            "label": "Rapportcijfer veiligheid in de buurt",
            "numeric": True,
            "minimum": minimum,
            "maximum": maximum,
            "value_labels": value_labels,
        }
    ]


def test_a_rapportcijfer_labelled_on_every_point_is_still_a_scale():
    points = {code: str(code) for code in range(1, 11)} | {1: "1 zeer slecht", 10: "10 uitstekend"}
    spec = suggest_mapping(cijfer(points))["indicators"]["rapportcijfer_veiligheid_buurt"]
    assert spec == {"variable": "cijf", "kind": "mean", "valid_range": [1, 10]}
    # A "weet niet" of -1 below the scale is that variable's missing code, not another scale.
    below = suggest_mapping(cijfer({-1: "weet niet"}, minimum=-1))
    assert below["indicators"]["rapportcijfer_veiligheid_buurt"]["missing_codes"] == [-1]


def test_answer_categories_are_not_averaged_as_a_rapportcijfer():
    proposal = suggest_mapping(cijfer({1: "slecht", 2: "matig", 3: "goed"}, maximum=3))
    assert "rapportcijfer_veiligheid_buurt" not in proposal["indicators"]
    unmapped = proposal["proposal"]["unmapped"]["rapportcijfer_veiligheid_buurt"]
    assert unmapped["certainty"] < CERTAIN
    assert "slecht/matig/goed: antwoordcategorieën, geen schaal" in unmapped["reason"]
