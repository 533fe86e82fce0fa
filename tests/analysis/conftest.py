import io

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ProjectFactory

SMALL = """respnr;wijk;weegfactor;onv_alg;cijfer
1;WK036300;1,0;1;7
2;WK036300;2,0;3;8
3;WK036300;1,0;1;6
4;WK036301;0,5;2;9
5;WK036301;1,5;3;99
6;WK036301;1,0;99;5
"""

MAPPING = {
    "weight": "weegfactor",
    "wijk": "wijk",
    "respondent_id": "respnr",
    "missing_codes": [99],
    "indicators": {
        "voelt_zich_weleens_onveilig": {
            "variable": "onv_alg",
            "kind": "proportion",
            "codes": [1, 2],
        },
        "rapportcijfer_veiligheid_buurt": {
            "variable": "cijfer",
            "kind": "mean",
            "valid_range": [1, 10],
        },
    },
}


def csv_upload(text: str = SMALL, name: str = "vm.csv", encoding: str = "utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding))


def post_survey_upload(client, project, year: int = 2023):
    """Upload the small survey file as a user would on the import page; the response and
    the import run it started."""
    from analysis.models import ImportRun

    url = reverse(
        "analysis:import_new",
        kwargs={"gemeente_slug": project.gemeente.slug, "project_uuid": project.uuid},
    )
    response = client.post(url, {"kind": "survey", "file": csv_upload(), "year": year})
    return response, ImportRun.objects.filter(project=project).latest("created_at")


def frame_from_csv(text: str = SMALL) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), sep=";", decimal=",")


@pytest.fixture
def survey_project(world):
    """The world's project, with thresholds low enough for hand-sized files."""
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    return project


@pytest.fixture
def fresh_project(world):
    return ProjectFactory(gemeente=world.gemeente, min_n=1, warn_n=3)
