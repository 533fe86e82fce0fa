"""See the answers while mapping: every variable's answers with counts and weighted shares,
computed once when the file is read, and the answer codes picked by ticking labels."""

import re

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from analysis.figures.answers import answer_block, answers_line
from analysis.figures.frequencies import add_weighted_shares, describe_variables
from analysis.figures.readers import read_survey_file
from analysis.models import ImportRun, IndicatorResult, SurveyEdition

from .preview_helpers import store_preview

FEELING = "ind__voelt_zich_weleens_onveilig"
MARK = "ind__rapportcijfer_veiligheid_buurt"

# Eight respondents. `onv`: 1 vaak, 2 soms, 3 (bijna) nooit, 9 weet niet (a label only, not
# declared missing); the last respondent skipped it. `cijfer`: a rapportcijfer whose 99 the
# file itself declares missing (SPSS user-missing); the last respondent skipped it too.
WEIGHTS = [1.0, 2.0, 1.0, 0.5, 1.5, 1.0, 1.0, 3.0]
FEELINGS = [1, 2, 3, 3, 9, 2, 3, np.nan]
MARKS = [7, 8, 6, 9, 99, 10, 8, np.nan]
FEELING_LABELS = {1: "vaak", 2: "soms", 3: "(bijna) nooit", 9: "weet niet"}
HOSTILE = "<img src=x onerror=alert(1)>"


def write_sav(path, *, feeling_labels=None, feeling_label="Voelt zich weleens onveilig"):
    frame = pd.DataFrame(
        {
            "respnr": [float(number) for number in range(1, 9)],
            "weegfactor": WEIGHTS,
            "onv": FEELINGS,
            "cijfer": MARKS,
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={
            "respnr": "Respondentnummer",
            "weegfactor": "Weegfactor",
            "onv": feeling_label,
            "cijfer": "Rapportcijfer veiligheid buurt",
        },
        variable_value_labels={
            "onv": feeling_labels or FEELING_LABELS,
            "cijfer": {99: "weet niet"},
        },
        missing_ranges={"cijfer": [99]},
    )
    return path


def described(tmp_path) -> dict:
    survey = read_survey_file(
        write_sav(tmp_path / "vm.sav"), original_name="vm.sav", max_bytes=10**7
    )
    variables = describe_variables(survey)
    add_weighted_shares(variables, survey, weight="weegfactor")
    return {variable["name"]: variable for variable in variables}


def test_labelled_answers_get_counts_and_weighted_shares(tmp_path):
    feeling = described(tmp_path)["onv"]
    answers = {answer["code"]: answer for answer in feeling["answers"]}
    # Seven respondents answered (the eighth, weight 3, did not); their weights sum to
    # 1 + 2 + 1 + 0.5 + 1.5 + 1 + 1 = 8.
    assert feeling["given"] == 7
    assert {code: answer["n"] for code, answer in answers.items()} == {1: 1, 2: 2, 3: 3, 9: 1}
    # vaak: respondent 1 (1) = 1/8; soms: 2 (2) + 6 (1) = 3/8; nooit: 3 (1) + 4 (0.5) + 7 (1)
    # = 2.5/8; weet niet: 5 (1.5) = 1.5/8.
    assert answers[1]["share"] == pytest.approx(1 / 8)
    assert answers[2]["share"] == pytest.approx(3 / 8)
    assert answers[3]["share"] == pytest.approx(2.5 / 8)
    assert answers[9]["share"] == pytest.approx(1.5 / 8)
    assert answers[9]["missing"] == "label" and not answers[1]["missing"]
    assert feeling["weighted_by"] == "weegfactor"
    # 12.5 % -> 13 %, 37.5 % -> 38 %, 31.25 % -> 31 %, 18.75 % -> 19 % (rounded half up).
    assert answers_line(feeling) == (
        "1 vaak 13 % · 2 soms 38 % · 3 (bijna) nooit 31 % · 9 weet niet 19 % (ontbrekend)"
    )


def test_a_number_gets_minimum_maximum_mean_and_missing(tmp_path):
    mark = described(tmp_path)["cijfer"]
    # Valid: 7, 8, 6, 9, 10, 8 (the 99 is declared missing, one respondent skipped it).
    numbers = mark["numbers"]
    assert (numbers["minimum"], numbers["maximum"]) == (6, 10)
    assert numbers["mean"] == pytest.approx(48 / 6)
    assert numbers["missing"] == 2
    # Weighted: (7*1 + 8*2 + 6*1 + 9*0.5 + 10*1 + 8*1) / (1 + 2 + 1 + 0.5 + 1 + 1) = 51.5/6.5
    assert numbers["weighted_mean"] == pytest.approx(51.5 / 6.5)
    assert {a["code"]: a["missing"] for a in mark["answers"]}[99] == "declared"
    line = answers_line(mark)
    assert "99 weet niet 19 % (ontbrekend)" in line  # weight 1.5 of 8
    assert "minimum 6 · maximum 10 · gemiddelde 8,00 (gewogen 7,92) · ontbrekend 2" in line


def test_a_csv_lists_its_distinct_values_up_to_a_limit(tmp_path):
    # 45 respondents: a town named v01..v20 by two each and v21..v25 by one; a yes/no with
    # "weet niet"; an age of 25 different values.
    towns = [f"v{n:02d}" for n in range(1, 21) for _ in range(2)] + [
        f"v{n:02d}" for n in range(21, 26)
    ]
    answers = (["ja"] * 20) + (["nee"] * 20) + (["weet niet"] * 5)
    ages = [str(18 + n % 25) for n in range(45)]
    lines = ["weegfactor;plaats;fiets;leeftijd"] + [
        f"1,0;{town};{answer};{age}" for town, answer, age in zip(towns, answers, ages, strict=True)
    ]
    path = tmp_path / "vm.csv"
    path.write_text("\n".join(lines) + "\n")
    survey = read_survey_file(path, original_name="vm.csv", max_bytes=10**7)
    variables = {v["name"]: v for v in describe_variables(survey)}
    town = variables["plaats"]
    assert [a["code"] for a in town["answers"]] == [f"v{n:02d}" for n in range(1, 21)]
    assert town["other_values"] == 5
    assert answers_line(town).endswith("v20 4 % · en 5 andere waarden")  # 2 of 45 = 4.4 %
    bike = variables["fiets"]
    assert [(a["code"], a["n"], a["missing"]) for a in bike["answers"]] == [
        ("ja", 20, ""),
        ("nee", 20, ""),
        ("weet niet", 5, "label"),
    ]
    assert answers_line(bike) == "ja 44 % · nee 44 % · weet niet 11 % (ontbrekend)"
    # An age has too many values to tick: its numbers say it. 18..42 each 1 or 2 times:
    # n % 25 for n = 0..44 gives 0..19 twice and 20..24 once.
    age = variables["leeftijd"]
    assert age["answers"] == [] and age["other_values"] == 25
    mean = (2 * sum(range(18, 38)) + sum(range(38, 43))) / 45
    assert age["numbers"]["mean"] == pytest.approx(mean)
    assert answers_line(age).startswith("25 verschillende waarden · minimum 18 · maximum 42")


# --------------------------------------------------------------------------- the pages


def url(world, name, **kwargs):
    return reverse(
        f"analysis:{name}",
        kwargs={"gemeente_slug": world.gemeente.slug, "project_uuid": world.project.uuid, **kwargs},
    )


@pytest.fixture
def run(survey_project, world, tmp_path, django_capture_on_commit_callbacks):
    """The .sav uploaded through the page and read by the task."""
    sav = write_sav(tmp_path / "vm.sav").read_bytes()
    with django_capture_on_commit_callbacks(execute=True):
        world.client("ambtenaar").post(
            url(world, "import_new"),
            {"kind": "survey", "file": SimpleUploadedFile("vm.sav", sav), "year": 2023},
        )
    run = ImportRun.objects.get(project=world.project)
    assert run.status == "mapping", run.message
    return run


def checkbox(html: str, name: str, value: str) -> str:
    found = re.search(rf'<input[^>]*type="checkbox" name="{name}" value="{value}"[^>]*>', html)
    assert found, f"no checkbox {name}={value}"
    return found.group(0)


def test_the_page_shows_the_answers_without_reading_the_file_again(world, run, monkeypatch):
    run.file.storage.delete(run.file.name)  # gone: the page must live on what was stored

    def no_reading(*args, **kwargs):
        raise AssertionError("the page read the file")

    monkeypatch.setattr(pyreadstat, "read_sav", no_reading)
    html = world.client("ambtenaar").get(url(world, "import_detail", run_uuid=run.uuid))
    html = html.content.decode()
    assert (
        "1 vaak 13 % · 2 soms 38 % · 3 (bijna) nooit 31 % · 9 weet niet 19 % (ontbrekend)" in html
    )
    assert "gewogen met weegfactor" in html
    assert "minimum 6 · maximum 10 · gemiddelde 8,00 (gewogen 7,92) · ontbrekend 2" in html


def mapping_post(**overrides) -> dict:
    data = {
        "weight": "weegfactor",
        "respondent_id": "respnr",
        f"{FEELING}__variable": "onv",
        f"{FEELING}__kind": "proportion",
        f"{FEELING}__answers_of": "onv",
        f"{FEELING}__codes": ["1", "2"],  # ticked: vaak, soms
        f"{FEELING}__missing": ["9"],  # ticked: weet niet
        f"{MARK}__variable": "cijfer",
        f"{MARK}__kind": "mean",
        f"{MARK}__answers_of": "cijfer",
        f"{MARK}__range": "1-10",
    }
    return data | overrides


def test_ticked_answers_become_the_mapping_and_the_figures(
    world, run, django_capture_on_commit_callbacks
):
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(world, "import_mapping", run_uuid=run.uuid), mapping_post())
    assert response.status_code == 302
    store_preview(client, world, run)
    assert run.status == "done", run.message
    spec = run.mapping["indicators"]["voelt_zich_weleens_onveilig"]
    assert (spec["codes"], spec["missing_codes"]) == ([1.0, 2.0], [9.0])
    feeling = IndicatorResult.objects.get(
        area__code="GM0363", indicator__code="voelt_zich_weleens_onveilig"
    )
    # Valid: every answer but the 9 and the empty one, weights 1 + 2 + 1 + 0.5 + 1 + 1 = 6.5;
    # vaak or soms: respondents 1 (1), 2 (2) and 6 (1) = 4. So 4 / 6.5 = 61.5 %.
    assert feeling.estimate == pytest.approx(100 * 4 / 6.5)
    mark = IndicatorResult.objects.get(
        area__code="GM0363", indicator__code="rapportcijfer_veiligheid_buurt"
    )
    assert mark.estimate == pytest.approx(51.5 / 6.5) and mark.n == 6


def test_the_page_ticks_the_mapping_and_marks_the_files_own_missing_code(world, run):
    run.mapping = mapping_post() | {
        "indicators": {
            "voelt_zich_weleens_onveilig": {
                "variable": "onv",
                "kind": "proportion",
                "codes": [1, 2],
                "missing_codes": [9],
            },
            "rapportcijfer_veiligheid_buurt": {"variable": "cijfer", "kind": "mean"},
        }
    }
    run.save()
    html = world.client("ambtenaar").get(url(world, "import_detail", run_uuid=run.uuid))
    html = html.content.decode()
    assert "checked" in checkbox(html, f"{FEELING}__codes", "1")
    assert "checked" in checkbox(html, f"{FEELING}__codes", "2")
    assert "checked" not in checkbox(html, f"{FEELING}__codes", "3")
    assert "checked" in checkbox(html, f"{FEELING}__missing", "9")
    # The rapportcijfer is a mean: no "telt mee"; the file's own 99 is missing, fixed.
    assert f'name="{MARK}__codes"' not in html
    declared = checkbox(html, f"{MARK}__missing", "99")
    assert "checked" in declared and "disabled" in declared
    assert "99 weet niet is ontbrekend (volgens het bestand)" in html
    assert '<legend class="fs-6 fw-semibold float-none w-auto px-1 mb-1">' in html


def test_a_variable_changed_without_its_answers_is_not_computed(world, run):
    client = world.client("ambtenaar")
    # The page showed onv's answers; the user chose cijfer and sent the ticks of onv.
    response = client.post(
        url(world, "import_mapping", run_uuid=run.uuid),
        mapping_post(**{f"{FEELING}__variable": "cijfer"}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "U koos een andere variabele dan waarvan de antwoorden getoond werden" in html
    assert not SurveyEdition.objects.exists() and ImportRun.objects.get().status == "mapping"
    # The page now shows cijfer's answers, nothing counted yet, its own 99 missing.
    assert "checked" not in checkbox(html, f"{FEELING}__codes", "8")
    assert f'name="{FEELING}__answers_of" value="cijfer"' in html


def test_without_javascript_the_button_shows_the_new_variables_answers(world, run):
    client = world.client("ambtenaar")
    data = mapping_post(**{f"{FEELING}__variable": "cijfer", "toon": FEELING})
    response = client.post(url(world, "mapping_answers_show", run_uuid=run.uuid), data)
    detail = url(world, "import_detail", run_uuid=run.uuid)
    assert response.status_code == 302 and response["Location"] == f"{detail}#{FEELING}"
    html = client.get(detail).content.decode()
    assert f'name="{FEELING}__answers_of" value="cijfer"' in html
    assert "checked" not in checkbox(html, f"{FEELING}__codes", "8")
    assert "disabled" in checkbox(html, f"{FEELING}__missing", "99")
    # What else was filled in stays: the rapportcijfer's range.
    assert re.search(rf'<input[^>]* name="{MARK}__range"[^>]* value="1-10"', html)
    assert not SurveyEdition.objects.exists()


def test_htmx_swaps_in_the_answers_of_the_chosen_variable(world, run):
    response = world.client("ambtenaar").get(
        url(world, "mapping_answers", run_uuid=run.uuid, prefix=FEELING),
        {f"{FEELING}__variable": "onv", f"{FEELING}__kind": "proportion"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith(
        f'<div id="{FEELING}__antwoorden"'
    )
    assert "<form" not in html and "<html" not in html
    # Nothing counts until ticked; "weet niet" is ticked as missing from its label.
    assert "checked" not in checkbox(html, f"{FEELING}__codes", "1")
    assert "checked" in checkbox(html, f"{FEELING}__missing", "9")
    assert "<label" in html and "1 vaak telt mee" in html and "9 weet niet is ontbrekend" in html
    # The kind changes, the variable stays: the ticks sent along stay as they were.
    kept = (
        world.client("ambtenaar")
        .get(
            url(world, "mapping_answers", run_uuid=run.uuid, prefix=FEELING),
            {
                f"{FEELING}__variable": "onv",
                f"{FEELING}__kind": "mean",
                f"{FEELING}__answers_of": "onv",
                f"{FEELING}__missing": ["3"],
            },
        )
        .content.decode()
    )
    assert f'name="{FEELING}__codes"' not in kept  # a mean counts no answers
    assert "checked" in checkbox(kept, f"{FEELING}__missing", "3")
    assert "checked" not in checkbox(kept, f"{FEELING}__missing", "9")
    missing = world.client("ambtenaar").get(
        url(world, "mapping_answers", run_uuid=run.uuid, prefix="ind__bestaat_niet")
    )
    assert missing.status_code == 404


def test_ticking_a_code_as_counted_and_missing_is_refused(world, run):
    response = world.client("ambtenaar").post(
        url(world, "import_mapping", run_uuid=run.uuid),
        mapping_post(**{f"{FEELING}__codes": ["1", "9"]}),
    )
    assert "Code 9 kan niet tegelijk meetellen en ontbreken." in response.content.decode()
    assert ImportRun.objects.get().status == "mapping"


def test_the_proposal_says_how_sure_it_is_and_why(world, run):
    client = world.client("ambtenaar")
    target = url(world, "import_detail", run_uuid=run.uuid)
    assert "zekerheid" in client.get(target).content.decode()  # the file's own proposal
    run.mapping = {key: value for key, value in run.mapping.items() if key != "proposal"}
    run.save()
    assert "zekerheid" not in client.get(target).content.decode()  # a template: no notes
    run.mapping = {
        "weight": "weegfactor",
        "indicators": {"voelt_zich_weleens_onveilig": {"variable": "onv", "kind": "proportion"}},
        "proposal": {
            "weight": {"certainty": 0.95, "reason": "label ‘Weegfactor’"},
            "indicators": {
                "voelt_zich_weleens_onveilig": {
                    "certainty": 0.85,
                    "reason": "label bevat ‘onveilig’; antwoorden vaak/soms/nooit",
                },
                "voelt_zich_vaak_onveilig": {"certainty": 0.55, "reason": "label bevat ‘vaak’"},
            },
        },
    }
    run.save()
    html = client.get(target).content.decode()
    assert "voorstel (zekerheid 0,85): label bevat ‘onveilig’; antwoorden vaak/soms/nooit" in html
    assert "niet gekoppeld (zekerheid 0,55): label bevat ‘vaak’" in html
    assert "voorstel (zekerheid 0,95): label ‘Weegfactor’" in html


def test_hostile_labels_are_shown_as_text(
    world, survey_project, tmp_path, django_capture_on_commit_callbacks
):
    sav = write_sav(
        tmp_path / "vm.sav",
        feeling_labels={1: HOSTILE, 2: "nee"},
        feeling_label="<script>alert(1)</script>",
    ).read_bytes()
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url(world, "import_new"),
            {"kind": "survey", "file": SimpleUploadedFile("vm.sav", sav), "year": 2023},
        )
    run = ImportRun.objects.get()
    run.mapping = {
        "weight": "weegfactor",
        "indicators": {
            "voelt_zich_weleens_onveilig": {"variable": "onv", "kind": "proportion", "codes": [1]}
        },
    }
    run.save()
    pages = [
        client.get(url(world, "import_detail", run_uuid=run.uuid)),
        client.get(
            url(world, "mapping_answers", run_uuid=run.uuid, prefix=FEELING),
            {f"{FEELING}__variable": "onv", f"{FEELING}__kind": "proportion"},
        ),
    ]
    for response in pages:
        html = response.content.decode()
        assert "<img src=x" not in html and "<script>alert" not in html
        assert "1 &lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].content.decode()


def test_a_run_read_before_answers_were_counted_can_still_be_ticked():
    """A run waiting for its mapping when this was deployed has value labels, no counts."""
    old = {"name": "onv", "label": "Onveilig", "numeric": True, "value_labels": {"1": "ja"}}
    block = answer_block(FEELING, old, ask_counted=True, counted=["1"], missing=[])
    assert [(row.code, row.name, row.n, row.counted) for row in block.rows] == [
        ("1", "1 ja", None, True)
    ]
    assert answers_line(old) == "1 ja –"


def test_the_page_sets_the_area_column_and_the_texts_that_count_as_missing(
    world, run, django_capture_on_commit_callbacks
):
    """The own-area column and the file-wide missing texts reach the stored mapping."""
    client = world.client("ambtenaar")
    page = client.get(url(world, "import_detail", run_uuid=run.uuid)).content.decode()
    assert 'name="area"' in page and 'name="missing_texts"' in page
    posted = mapping_post(area="respnr", missing_texts=" weet niet ,n.v.t., ")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "import_mapping", run_uuid=run.uuid), posted)
    run.refresh_from_db()
    assert run.mapping["area"] == "respnr"
    assert run.mapping["missing_texts"] == ["weet niet", "n.v.t."]


def test_an_area_column_that_is_not_in_the_file_is_refused(world, run):
    client = world.client("ambtenaar")
    response = client.post(
        url(world, "import_mapping", run_uuid=run.uuid), mapping_post(area="gebied")
    )
    run.refresh_from_db()
    assert run.status == "mapping"
    assert "gebied" not in (run.mapping.get("area") or "")
    assert response.status_code == 200
