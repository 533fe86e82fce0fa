"""The read .sav kept at upload (figures/read_cache.py) is the file as read_survey_file gives
it, so the preview and the storing compute the same figures from it without parsing the
original again; anything wrong with it falls back to the original."""

import pandas as pd
import pyreadstat
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from analysis.figures import compute
from analysis.figures.mapping import parse_mapping
from analysis.figures.read_cache import survey_cache_delete, survey_cache_load, survey_cache_save
from analysis.figures.readers import read_survey_file
from analysis.models import ImportRun, IndicatorResult

from .conftest import MAPPING, frame_from_csv
from .preview_helpers import store_preview
from .test_pages import mapping_post, upload, url

CODES = {"voelt_zich_weleens_onveilig", "rapportcijfer_veiligheid_buurt"}


def write_sav(path) -> None:
    frame = frame_from_csv()
    frame["opmerking"] = ["goed", "", "weet niet", None, "ja", "nee"]
    frame.loc[2, "cijfer"] = float("nan")
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"onv_alg": "Voelt zich weleens onveilig", "cijfer": "Rapportcijfer"},
        variable_value_labels={"onv_alg": {1: "vaak", 2: "soms", 3: "nooit", 99: "weet niet"}},
        missing_ranges={"onv_alg": [99], "cijfer": [{"lo": 97, "hi": 99}]},
    )


def run_with(project, path) -> ImportRun:
    run = ImportRun(project=project, kind="survey", original_name="vm.sav", year=2023)
    run.file.save("vm.sav", SimpleUploadedFile("vm.sav", path.read_bytes()), save=False)
    run.save()
    return run


def test_the_kept_file_is_the_file_as_read(survey_project, tmp_path):
    path = tmp_path / "vm.sav"
    write_sav(path)
    read = read_survey_file(path, original_name="vm.sav", max_bytes=10**8)
    run = run_with(survey_project, path)
    survey_cache_save(run, read)
    kept = survey_cache_load(run)
    assert kept is not None
    pd.testing.assert_frame_equal(kept.data, read.data)
    assert kept.value_labels == read.value_labels
    assert kept.user_missing == read.user_missing == {"onv_alg": {99.0}, "cijfer": {(97.0, 99.0)}}
    assert kept.variable_labels == read.variable_labels
    mapping = parse_mapping(MAPPING, catalogue_codes=CODES)

    def cells(survey):
        prepared = compute.prepare(survey, mapping, gemeente_code="GM0363")
        return list(compute.compute(prepared, mapping))

    assert cells(kept) == cells(read)


def test_a_damaged_or_missing_kept_file_falls_back_to_the_original(survey_project, tmp_path):
    path = tmp_path / "vm.sav"
    write_sav(path)
    run = run_with(survey_project, path)
    assert survey_cache_load(run) is None  # never kept
    survey_cache_save(run, read_survey_file(path, original_name="vm.sav", max_bytes=10**8))
    storage = run.file.storage
    name = f"{run.file.name}.gelezen.npz"
    storage.delete(name)
    storage.save(name, SimpleUploadedFile("x", b"geen npz"))
    assert survey_cache_load(run) is None
    survey_cache_delete(run)
    assert not storage.exists(name)


def test_csv_is_not_kept(survey_project, tmp_path):
    path = tmp_path / "vm.csv"
    path.write_text("a;w\n1;1\n", encoding="utf-8")
    run = run_with(survey_project, path)
    survey_cache_save(run, read_survey_file(path, original_name="vm.csv", max_bytes=10**8))
    assert survey_cache_load(run) is None


def test_preview_and_storing_use_the_file_read_at_upload(
    survey_project, world, tmp_path, django_capture_on_commit_callbacks
):
    """With the original gone after the upload was read, the figures still come out right:
    the preview and the storing read the kept file; once stored, it is removed."""
    path = tmp_path / "vm.sav"
    write_sav(path)
    client = world.client("ambtenaar")
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, world, SimpleUploadedFile("vm.sav", path.read_bytes()))
    run = ImportRun.objects.get(project=survey_project)
    assert run.status == "mapping"
    run.file.storage.delete(run.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url(world, "import_mapping", run_uuid=run.uuid), mapping_post(run))
    store_preview(client, world, run)
    assert run.status == "done", run.message
    # As in test_import, with respondent 3's cijfer empty: onv_alg 1/2 -> (1 + 1 + 0.5) / 6.
    total = IndicatorResult.objects.get(
        area__code="GM0363", indicator__code="voelt_zich_weleens_onveilig"
    )
    assert total.estimate == pytest.approx(250 / 6)
    assert survey_cache_load(run) is None
