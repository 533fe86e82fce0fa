"""Writes of the survey figures, one module per capability:

- `runs`: the progress row of an import (ImportRun), shared by every kind of import;
- `surveys`: starting a survey import, reading the file, the mapping and its confirmation;
- `editions`: computing and storing an edition (also at once, for the command);
- `benchmarks`: CBS StatLine tables as benchmarks, and police-registered crime;
- `comparisons`: changes since the previous edition, benchmark tests, thresholds;
- `areas`: the wijk map and the inhabitants per area;
- `own_areas`: the gemeente's own survey areas (kernen, wijkgroepen, buurtgroepen).

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
from .editions import survey_compute, survey_compute_and_store, survey_import_now
from .runs import failing_run_reported, max_upload_bytes
from .surveys import (
    MAPPING_OPEN,
    import_run_start,
    mapping_template_save,
    survey_mapping_submit,
    survey_read,
    survey_replace_confirm,
)

__all__ = [
    "MAPPING_OPEN",
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
    "project_comparables_set",
    "project_thresholds_update",
    "survey_compute",
    "survey_compute_and_store",
    "survey_import_now",
    "survey_mapping_submit",
    "survey_read",
    "survey_replace_confirm",
    "table_import",
    "wijkmap_save",
]
