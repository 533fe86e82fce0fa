"""The proposal as a mapping file an adviseur reviews in an editor (`import_survey
--suggest-mapping`): it loads back as the same mapping, shows every certainty and reason as a
comment, lists what was left unmapped, and writing it stores nothing."""

import io
from pathlib import Path

import pyreadstat
import pytest
import yaml
from django.core.management import CommandError, call_command

from analysis.catalogue import catalogue_indicators
from analysis.figures.cues import load_cues
from analysis.figures.demo_survey import write_demo_sav
from analysis.figures.mapping import load_mapping_text, parse_mapping
from analysis.figures.readers import read_survey_file
from analysis.figures.services import describe_variables
from analysis.figures.suggest import proposal_as_yaml, suggest_mapping
from analysis.models import ImportRun, IndicatorResult, SurveyEdition

from .test_proposal import FRAME, write_sav

CATALOGUE = {indicator.code for indicator in catalogue_indicators()}
DEMO_MAPPING = Path(__file__).resolve().parents[2] / "analysis/data/mappings/vm_demo.yaml"


def variables_of(path) -> list[dict]:
    survey = read_survey_file(path, original_name=path.name, max_bytes=10**8)
    return describe_variables(survey)


def without_proposal(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if key != "proposal"}


def test_the_file_loads_back_as_the_same_mapping(tmp_path):
    variables = variables_of(write_sav(tmp_path / "vm.sav"))
    suggestion = suggest_mapping(variables)
    text = proposal_as_yaml(suggestion, variables=variables, source="vm.sav")
    loaded = load_mapping_text(text, name="voorstel.yaml")
    assert loaded == without_proposal(suggestion)
    parsed = parse_mapping(loaded, catalogue_codes=CATALOGUE)
    assert parsed.indicators["onveilig_in_buurt_weleens"].variable == "onv_alg"


def test_certainties_reasons_and_the_unmapped_are_comments(tmp_path):
    variables = variables_of(write_sav(tmp_path / "vm.sav"))
    text = proposal_as_yaml(suggest_mapping(variables), variables=variables, source="vm.sav")
    lines = text.splitlines()
    assert "weight: wf  # zekerheid 0,95: naam 'wf' en label begint met 'weegfactor'" in lines
    at = lines.index(
        "  onveilig_in_buurt_weleens: {variable: onv_alg, kind: proportion, codes: [1, 2], "
        "missing_codes: [9]}"
    )
    assert lines[at - 1] == (
        "  # zekerheid 0,95: label bevat 'onveilig' en 'buurt'; antwoorden vaak/soms/(bijna) "
        "nooit: telt vaak/soms; ontbrekend: weet niet "
        "(label: “Voelt u zich wel eens onveilig in uw eigen buurt?”)"
    )
    assert (
        "#   hondenpoep (Overlast hondenpoep): kandidaat hond, zekerheid 0,57: te onzeker: "
        "label bevat 'hondenpoep'; geen waardelabels: welke codes meetellen is niet te zien"
    ) in lines
    assert "#   drugshandel (Overlast drugshandel): geen variabele met een passend label" in lines


def test_odd_names_and_labels_stay_valid_yaml():
    variables = [
        {"name": "w: 1", "label": "Weegfactor\n# geen commentaar", "numeric": True},
        {
            "name": "#onv",
            "label": "Voelt u zich weleens onveilig?\nRegel twee",
            "numeric": True,
            "value_labels": {1: "ja", 2: "nee"},
        },
    ]
    suggestion = suggest_mapping(variables)
    assert suggestion["weight"] == "w: 1"
    loaded = load_mapping_text(proposal_as_yaml(suggestion, variables=variables), name="v.yaml")
    assert loaded["weight"] == "w: 1"
    assert loaded["indicators"]["voelt_zich_weleens_onveilig"]["variable"] == "#onv"


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_suggest_mapping_writes_the_proposal_and_stores_nothing(survey_project, tmp_path):
    data = write_sav(tmp_path / "vm.sav")
    out_file = tmp_path / "voorstel.yaml"
    out = run(
        "import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023",
        "--suggest-mapping", str(out_file),
    )  # fmt: skip
    assert f"Koppelvoorstel geschreven naar {out_file}." in out
    survey = sum(indicator.source == "vm" for indicator in catalogue_indicators())
    assert f"4 van {survey} indicatoren voorgesteld; weegfactor 'wf', wijk 'wijk'" in out
    assert "Er is niets opgeslagen." in out
    assert not ImportRun.objects.exists() and not SurveyEdition.objects.exists()
    loaded = load_mapping_text(out_file.read_text(encoding="utf-8"), name=out_file.name)
    assert parse_mapping(loaded, catalogue_codes=CATALOGUE).weight == "wf"

    # Reviewed, the same file imports the edition; its weight needs no --weight.
    run(
        "import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023",
        "--mapping", str(out_file),
    )  # fmt: skip
    gemeente = IndicatorResult.objects.get(
        edition__projects=survey_project,
        indicator__code="onveilig_in_buurt_weleens",
        area__code="GM0363",
    )
    # Valid weights 1 + 2 + 1 + 1.5 + 1 = 6.5 (9 = weet niet left out); vaak or soms 3.
    assert gemeente.estimate == pytest.approx(100 * 3 / 6.5)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--suggest-mapping", "voorstel.json"], "Geef het voorstel een naam op .yaml"),
        (["--suggest-mapping", "map/voorstel.yaml"], "bestaat niet"),
        (["--suggest-mapping", "v.yaml", "--weight", "gewicht"], "De kolom 'gewicht' staat niet"),
    ],
)
def test_suggest_mapping_refuses_in_dutch(survey_project, tmp_path, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    data = write_sav(tmp_path / "vm.sav")
    with pytest.raises(CommandError) as error:
        run("import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023", *extra)
    assert message in str(error.value)
    assert not Path("v.yaml").exists() and not ImportRun.objects.exists()


def test_the_demo_file_gets_the_demo_mapping(tmp_path):
    path = tmp_path / "demo.sav"
    write_demo_sav(path, gemeente_code="GM0363", year=2023, respondents=300)
    proposal = suggest_mapping(variables_of(path))
    demo = yaml.safe_load(DEMO_MAPPING.read_text(encoding="utf-8"))
    for role in ("weight", "wijk", "respondent_id"):
        assert proposal[role] == demo[role]
    for code, spec in demo["indicators"].items():
        if code not in CATALOGUE:  # the gemeente's own question is for the user to name
            assert code not in proposal["indicators"]
            continue
        # Same variable, kind, codes and range; the demo's file-wide 99 ("weet niet / geen
        # antwoord") is each question's own missing code instead (the derived cohesion scale
        # has no 99: its gaps are empty cells).
        expected = spec if spec["variable"] == "coh_schaal" else {**spec, "missing_codes": [99]}
        assert proposal["indicators"][code] == expected, code
    # Two cohesion statements are catalogue indicators the demo mapping leaves out.
    extra = set(proposal["indicators"]) - set(demo["indicators"])
    assert extra == {"mensen_kennen_elkaar_nauwelijks", "voel_mij_thuis_in_buurt"}
    assert proposal["indicators"]["mensen_kennen_elkaar_nauwelijks"]["codes"] == [4, 5]


def test_every_survey_indicator_of_the_catalogue_has_cues():
    cues = load_cues()
    survey = {i.code: i for i in catalogue_indicators() if i.source == "vm"}
    assert set(cues.indicators) == set(survey)
    for code, spec in cues.indicators.items():
        if spec.skip:
            continue
        assert spec.groups and all(spec.groups), code
        if survey[code].unit == "percent":
            assert spec.answers in cues.answers, code
        else:
            assert not spec.answers, code


def test_a_sav_without_any_label_proposes_only_what_its_names_spell_out(tmp_path):
    path = tmp_path / "kaal.sav"
    frame = FRAME.rename(columns={"cijf": "rapportcijfer_veiligheid_buurt"})
    frame["rapportcijfer_veiligheid_buurt"] = [7, 8, 6, 9, 5, 10]
    pyreadstat.write_sav(frame, str(path))
    proposal = suggest_mapping(variables_of(path))
    # Names only: 0.75. The scale 5-10 fits 1-10, so the mean is proposed; a percentage
    # without value labels (0.75 x 0.6 = 0.45) never is.
    assert proposal["indicators"] == {
        "rapportcijfer_veiligheid_buurt": {
            "variable": "rapportcijfer_veiligheid_buurt",
            "kind": "mean",
            "valid_range": [1, 10],
        }
    }
    assert proposal["proposal"]["indicators"]["rapportcijfer_veiligheid_buurt"][
        "certainty"
    ] == pytest.approx(0.75)
    assert (proposal["weight"], proposal["wijk"]) == ("wf", "wijk")


def test_without_weight_or_mapping_nothing_is_imported_unseen(survey_project, tmp_path):
    data = write_sav(tmp_path / "vm.sav")
    with pytest.raises(CommandError) as error:
        run("import_survey", str(data), "--gemeente", "GM0363", "--edition", "2023")
    assert "Geef de kolom met de weegfactor op met --weight KOLOM" in str(error.value)
    assert not ImportRun.objects.exists() and not SurveyEdition.objects.exists()
