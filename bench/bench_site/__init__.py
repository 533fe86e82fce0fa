"""Settings and URLs the load benchmark (bench/load_bench.py) serves the app with.

A package of its own, put on PYTHONPATH by the benchmark, so the same files also serve an
older checkout of the app (`--compare DIR`), whose tree has no bench_site."""
