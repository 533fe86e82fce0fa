"""Writes of the survey figures, one module per capability:

- `runs`: the progress row of an import (ImportRun), shared by every kind of import;
- `surveys`: starting a survey import, reading the file, the mapping;
- `previews`: the figures computed and checked (flags confirmed) before anything is stored;
- `editions`: storing an edition (also at once, for the command);
- `benchmarks`: CBS StatLine tables as benchmarks, and police-registered crime;
- `comparisons`: changes since the previous edition, benchmark tests, thresholds;
- `areas`: the wijk map and the inhabitants per area;
- `own_areas`: the gemeente's own survey areas (kernen, wijkgroepen, buurtgroepen);
- `populations`: the inhabitants aged 15 and over a joint plan weights each gemeente to.

Imports are atomic: a failure at any point leaves the database as it was.
"""

from ..frequencies import describe_variables
from .areas import area_inhabitants_set, wijkmap_save
from .benchmarks import (
    benchmark_import,
    benchmark_mapping_submit,
    crime_import,
    table_import,
)
from .comparisons import (
    comparisons_refresh,
    project_comparables_set,
    project_thresholds_update,
)
from .editions import PreviewFlagged, survey_import_now, survey_store
from .populations import population_set
from .previews import (
    preview_back_to_mapping,
    preview_flag_confirm,
    preview_store,
    survey_preview,
    survey_preview_file,
)
from .runs import failing_run_reported, max_upload_bytes
from .surveys import (
    MAPPING_OPEN,
    import_run_start,
    mapping_template_save,
    survey_mapping_submit,
    survey_read,
)

__all__ = [
    "MAPPING_OPEN",
    "PreviewFlagged",
    "area_inhabitants_set",
    "benchmark_import",
    "benchmark_mapping_submit",
    "comparisons_refresh",
    "crime_import",
    "describe_variables",
    "failing_run_reported",
    "import_run_start",
    "mapping_template_save",
    "max_upload_bytes",
    "population_set",
    "preview_back_to_mapping",
    "preview_flag_confirm",
    "preview_store",
    "project_comparables_set",
    "project_thresholds_update",
    "survey_import_now",
    "survey_mapping_submit",
    "survey_preview",
    "survey_preview_file",
    "survey_read",
    "survey_store",
    "table_import",
    "wijkmap_save",
]
