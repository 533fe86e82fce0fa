"""Models of the analysis app: survey data (survey.py) and the veiligheidsanalyse (narrative.py)."""

from ..narrative.models import (
    AnalysisField,
    AnalysisSettings,
    AnalysisTheme,
    GeneratedDraft,
    ThemeRevision,
)
from .survey import (
    Area,
    Benchmark,
    BenchmarkTest,
    CrimeCount,
    ImportRun,
    Indicator,
    IndicatorResult,
    MappingTemplate,
    SurveyEdition,
    WijkMap,
    import_upload_to,
)

__all__ = [
    "AnalysisField",
    "AnalysisSettings",
    "AnalysisTheme",
    "Area",
    "Benchmark",
    "BenchmarkTest",
    "CrimeCount",
    "GeneratedDraft",
    "ImportRun",
    "Indicator",
    "IndicatorResult",
    "MappingTemplate",
    "SurveyEdition",
    "ThemeRevision",
    "WijkMap",
    "import_upload_to",
]
