"""The models of the analysis app, gathered here so Django finds them under the label "analysis":
the survey figures (figures/models.py) and the veiligheidsanalyse (narrative/models.py).
Migrations refer to `analysis.models.import_upload_to`."""

from .figures.models import (
    Area,
    AreaLink,
    BbvFigure,
    Benchmark,
    BenchmarkTest,
    CrimeCount,
    ImportRun,
    Indicator,
    IndicatorResult,
    MappingTemplate,
    Population15Plus,
    ProjectEdition,
    SurveyEdition,
    WijkMap,
    import_upload_to,
)
from .narrative.models import (
    AnalysisField,
    AnalysisSettings,
    AnalysisTheme,
    GeneratedDraft,
    InputAdoption,
    Participation,
    PartnerInput,
    ThemeRevision,
)

__all__ = [
    "AnalysisField",
    "AnalysisSettings",
    "AnalysisTheme",
    "Area",
    "AreaLink",
    "BbvFigure",
    "Benchmark",
    "BenchmarkTest",
    "CrimeCount",
    "GeneratedDraft",
    "ImportRun",
    "InputAdoption",
    "Indicator",
    "IndicatorResult",
    "MappingTemplate",
    "Participation",
    "PartnerInput",
    "Population15Plus",
    "ProjectEdition",
    "SurveyEdition",
    "ThemeRevision",
    "WijkMap",
    "import_upload_to",
]
