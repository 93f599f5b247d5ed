"""A time budget per document, checked between the engine's stages.

Why between stages: the engine's paths are linear in the text, so a stage's time is bounded by
the document's size, and a clock read between stages costs about a microsecond per document,
nothing beside the milliseconds a document takes. A document over its budget is given up (its
run rejects it as `extraction_timeout`) and the run goes on. A signal timer would interrupt a
stage midway, but only in a process's main thread, and the engine also runs in task threads.
"""

from __future__ import annotations

import time


class ExtractionTimeout(Exception):
    """The document took longer than its budget."""


class Budget:
    """A deadline `seconds` from now; `None` seconds never runs out."""

    __slots__ = ("_deadline", "_seconds")

    def __init__(self, seconds: float | None) -> None:
        self._seconds = seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds

    def check(self, stage: str) -> None:
        """Raise `ExtractionTimeout` when the deadline has passed, naming the stage done last."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise ExtractionTimeout(f"over the {self._seconds:g} s budget after {stage}")
