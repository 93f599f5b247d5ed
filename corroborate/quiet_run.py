"""A run that finds nothing new ends before Prefect is started.

Starting Prefect's temporary server costs about 10 s, and a scheduled `corroborate run` over
an unchanged inbox (cron every few minutes) needs none of it: the plan (a walk and a `stat` per
file) decides that there is nothing to read (and that the warehouse's models are the current
ones: `corroborate.model_digest`). So the CLI plans first, with the same planner the
flow uses, and starts the flow only when there is work; the flow plans again under its lock,
so a file that arrives in between is read by it. The "nothing new" summary is still printed
and logged.
"""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime
from pathlib import Path

from corroborate import inbox, model_digest, publish
from corroborate.summary import RunStats, headline, new_run_id

logger = logging.getLogger("corroborate.run")


def nothing_new(
    published: Path, paths: list[str], settle_seconds: float, wait_seconds: float
) -> RunStats | None:
    """The finished run's statistics when no file under `paths` is new or changed (the
    published warehouse is left as it was); None when the flow has work to do."""
    stats = RunStats(run_id=new_run_id(), started_at=datetime.now(UTC), inputs=list(paths))
    with publish.exclusive_run(published, wait_seconds=wait_seconds):
        for stale in publish.remove_stale_builds(published):
            _log().warning("removed the unfinished build of an earlier run: %s", stale.name)
        with stats.timed("ingest"):
            plan = inbox.plan_files(
                paths, inbox.recorded_files(published), settle_seconds=settle_seconds
            )
    if not plan.is_empty or model_digest.out_of_date(published):
        return None
    stats.add_plan(plan)
    for path in plan.deferred:
        _log().warning("still being written, left for the next run: %s", path)
    stats.finished_at = datetime.now(UTC)
    _log().info("%s", headline(stats, published))
    return stats


def _log() -> logging.Logger:
    """The run's logger, writing to stderr as the flow's log does, unless the application
    has configured logging itself."""
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s | %(levelname)s | %(name)s - "
                                               "%(message)s", "%H:%M:%S"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger
