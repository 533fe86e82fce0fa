import pytest

from analysis.figures.services import survey_import_now
from analysis.models import AnalysisTheme
from analysis.narrative import services as va_services
from tests.analysis.conftest import MAPPING, csv_upload


@pytest.fixture
def content(world):
    """The world's project with a 2023 survey and a text in theme 1.4."""
    project = world.project
    project.min_n, project.warn_n = 1, 3
    project.save()
    va_services.analysis_ensure(project=project)
    survey_import_now(actor=None, project=project, upload=csv_upload(), year=2023, mapping=MAPPING)
    theme = AnalysisTheme.objects.get(field__project=project, code="1.4")
    va_services.theme_save(
        actor=world.users["ambtenaar"],
        theme=theme,
        base_version=1,
        texts={"knelpunten": "<p>Onveiligheid in het centrum</p>"},
    )
    return project
