"""Shared fixtures. Prefect gets a private home and no analytics before it is imported."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = tempfile.mkdtemp(prefix="corroborate-prefect-")
atexit.register(shutil.rmtree, _PREFECT_HOME, ignore_errors=True)  # each session left one
os.environ["PREFECT_HOME"] = _PREFECT_HOME
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds" / "articles"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs the Prefect server (directly or through a fixture) is `slow`: the
    server takes seconds to start, and `make test-fast` leaves such tests out."""
    for item in items:
        if "prefect_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def prefect_server():
    """One Prefect server for the whole session; subprocesses reach it via PREFECT_API_URL."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        os.environ["PREFECT_API_URL"] = PREFECT_API_URL.value()
        yield PREFECT_API_URL.value()
        os.environ.pop("PREFECT_API_URL", None)


@pytest.fixture(scope="session")
def seeds_warehouse(prefect_server, tmp_path_factory) -> Path:
    """A warehouse of the demo articles, built once: tests only read it."""
    from corroborate.flows.pipeline import pipeline

    path = tmp_path_factory.mktemp("seeds") / "w.duckdb"
    pipeline(paths=[str(SEEDS)], warehouse=str(path))
    return path


@pytest.fixture
def seed_dir() -> Path:
    return SEEDS
