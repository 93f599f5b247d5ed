"""The run's defaults, in one place: the CLI's options, the pipeline flow's parameters and
`serve` all read them here, so `--help`, the README and a scheduled run agree.

This module imports nothing heavy: the CLI reads it before deciding whether Prefect is needed.
"""

from __future__ import annotations

from pathlib import Path

WAREHOUSE = Path("warehouse/corroborate.duckdb")
#: Files per batch: validation and loading pay a fixed cost per batch (see README, Benchmark).
BATCH_FILES = 2000
MAX_BYTES = 20_000_000
WORKERS = 2
SETTLE_SECONDS = 1.0
#: A document whose extraction takes longer is rejected as `extraction_timeout`.
TIME_BUDGET_SECONDS = 5.0
SERVE_PORT = 4200
#: The report's folder, beside the warehouse it is made from.
REPORT_FOLDER = "report"


def report_dir(warehouse: Path) -> Path:
    """Where the report of `warehouse` goes unless told otherwise."""
    return warehouse.parent / REPORT_FOLDER
