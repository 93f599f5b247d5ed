"""Progress of a run, for a person watching a terminal; silent everywhere else.

The flow reports to whatever reporter is installed here (by default one that does nothing), so
scheduled runs, tests and pipes pay nothing and print nothing. `corroborate run` installs a
bar on stderr when stderr is a terminal.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol


class Reporter(Protocol):
    def begin(self, files: int) -> None: ...
    def stage(self, name: str) -> None: ...
    def advance(self, files: int, documents: int) -> None: ...
    def end(self) -> None: ...


class Silent:
    def begin(self, files: int) -> None:
        pass

    def stage(self, name: str) -> None:
        pass

    def advance(self, files: int, documents: int) -> None:
        pass

    def end(self) -> None:
        pass


class Bar:
    """A rich progress bar: files done of files to read, documents so far, current stage."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("{task.fields[stage]:<8}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files, {task.fields[documents]:,} documents"),
            console=Console(file=sys.stderr),
            transient=True,
        )
        self._task = None
        self._documents = 0

    def begin(self, files: int) -> None:
        self._progress.start()
        self._task = self._progress.add_task("run", total=files, stage="ingest", documents=0)

    def stage(self, name: str) -> None:
        if self._task is not None:
            self._progress.update(self._task, stage=name)

    def advance(self, files: int, documents: int) -> None:
        if self._task is not None:
            self._documents += documents
            self._progress.update(self._task, advance=files, documents=self._documents)

    def end(self) -> None:
        self._progress.stop()


_current: Reporter = Silent()


def current() -> Reporter:
    return _current


@contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    """Install `reporter` for the runs started inside the block."""
    global _current
    previous, _current = _current, reporter
    try:
        yield reporter
    finally:
        reporter.end()
        _current = previous
