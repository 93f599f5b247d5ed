"""`corroborate report`: a static HTML site of the published warehouse, to look at.

An index of incidents, and per incident its timeline as an SVG chart in UTC, the agreement of
its facts by independent source, its contradictions with each side's words, and the evidence
sentences of every fact, linked to their documents. It works offline from `file://` and loads
nothing: one self-contained file per page, no script, styles inline under a
Content-Security-Policy that allows only them (by hash). Every string from an article or its
metadata is escaped by the templates (Jinja2's autoescape), and a document's `url` is a link
only when it is http(s).

The site is written to a fresh folder beside the target and swapped in by two renames, so a
reader never sees half a report, and pages of incidents that no longer exist do not linger.
"""

from __future__ import annotations

import base64
import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, PackageLoader, StrictUndefined, Template

# `_escape_inner` is the C escaping behind `markupsafe.escape`, without its `Markup` wrapper
# (`_escaped`); pyproject pins MarkupSafe's version for it.
from markupsafe import Markup, _escape_inner

from corroborate import defaults
from corroborate.report import pages, queries


@dataclass(frozen=True)
class Written:
    index: Path
    incidents: int
    pages: int
    largest_page_bytes: int
    seconds: float


def write_report(
    warehouse: Path, out: Path, incident: str | None = None, workers: int = defaults.WORKERS
) -> Written:
    """Write the report of the published `warehouse` (or of one incident) into `out`, the
    incidents' pages rendered by `workers` processes (rendering is most of the time)."""
    started = time.perf_counter()
    _refuse_foreign(out)
    shares = _WarehouseShares(warehouse, incident)
    index_rows = shares.incidents  # read beside the renderers
    if incident is not None:  # one incident: read first, to say so when it is not there
        listed = shares.incidents()
        if not listed:
            raise LookupError(f"no incident {incident} in {warehouse}")
        index_rows, workers = (lambda: listed), 1
    site = _Site(warehouse, previous=out if (out / MARKER).exists() else None)
    build = out.with_name(f".{out.name}.build-{os.getpid()}")
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    try:
        incidents, written = site.write_all(build, index_rows, shares, workers)
        _swap_in(build, out)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return Written(out / "index.html", incidents, len(written), max(written),
                   time.perf_counter() - started)


@dataclass(frozen=True)
class _WarehouseShares:
    """Reads one share of the incidents' rows from the warehouse, in the process that renders
    them: each rendering process reads its own in parallel, rather than this one reading all
    of them first and the forked processes touching (and so copying) its pages."""

    warehouse: Path
    incident: str | None

    def __call__(self, share: int, shares: int) -> queries.ReportData:
        # The shares' processes take a core each.
        config = {"threads": 1} if shares > 1 else {}
        with duckdb.connect(str(self.warehouse), read_only=True, config=config) as conn:
            return queries.load(conn, self.incident, share, shares)

    def incidents(self) -> list[dict[str, Any]]:
        """Every incident's row (or the one's), for the index."""
        with duckdb.connect(str(self.warehouse), read_only=True) as conn:
            return queries.load_incidents(conn, self.incident)


@contextmanager
def _uncollected() -> Iterator[None]:
    """Python's cyclic collector paused: the rows loaded (millions of objects) live to the
    end and rendering leaves no cycles worth collecting, so each collection would only walk
    the rows again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def refresh(published: Path, changed: bool) -> Path | None:
    """The report beside `published` (a scheduled run's last step): written again when the
    warehouse `changed` or when it is missing; None when there is no warehouse yet."""
    out = defaults.report_dir(published)
    if not published.exists():
        return None
    if changed or not (out / "index.html").exists():
        return write_report(published, out).index
    return out / "index.html"


class _Site:
    """The templates, with what every page shares, and the report they replace (`previous`),
    whose pages that come out the same are linked rather than written again."""

    def __init__(self, warehouse: Path, previous: Path | None = None) -> None:
        self.previous = previous
        self.env = _RowsEnvironment(
            loader=PackageLoader("corroborate.report", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # the package's templates do not change while a report is written
        )
        self.macros = macros = self.env.get_template("_macros.html.j2").module
        css = self.env.loader.get_source(self.env, "style.css")[0]
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        self.shared = {
            "site": {  # what the layout of every page (`_macros.page`) shows
                "css": Markup(css),  # the project's own stylesheet, not article text
                "csp": "default-src 'none'; style-src 'sha256-" + digest + "'; img-src 'none'; "
                       "script-src 'none'; base-uri 'none'; form-action 'none'",
                "warehouse": warehouse.name,
                "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            },
            "incident_file": pages.incident_file,
            # Markup repeated by the thousand (a status, a matrix cell), rendered once each.
            "badge": _Rendered(macros.status),
        }
        # A row's cells in one filter call; each is markup its macro rendered, so they are
        # joined as text (`Markup.join` would pass each through `escape` again).
        cells = _Rendered(lambda cell: macros.cell(*cell))
        self.env.filters["as_cells"] = lambda row: Markup("".join(map(cells.__getitem__, row)))

    def write_all(
        self,
        folder: Path,
        incidents: Callable[[], list[dict[str, Any]]],
        load: Callable[[int, int], queries.ReportData],
        workers: int = 1,
    ) -> tuple[int, list[int]]:
        """The index of the `incidents()` and every incident's pages; returns how many
        incidents there are and the pages' sizes in bytes. `load(share, shares)` gives the rows
        of a share of the incidents: with several `workers`, forked processes each load and
        render one share, while this one reads and writes the index."""
        if workers == 1:
            listed = incidents()
            return len(listed), (self._write_index(folder, listed)
                                 + self._write_share(folder, load, 0, 1))
        global _FORKED
        _FORKED = (self, folder, load)
        try:
            with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
                written = pool.map(_write_share, range(workers), [workers] * workers)
                listed = incidents()
                sizes = self._write_index(folder, listed)
                for share in written:
                    sizes += share
        finally:
            _FORKED = None
        return len(listed), sizes

    def _write_index(self, folder: Path, incidents: list[dict[str, Any]]) -> list[int]:
        sizes = []
        index = self.env.get_template("index.html.j2")
        numbered = list(pages.index_pages(incidents))
        files = [pages.index_file(number) for number, _ in numbered]
        for number, listed in numbered:
            sizes.append(self._write(folder / files[number - 1], index, {
                "incidents": listed, "pages": files, "number": number,
                "total": len(incidents),
            }))
        return sizes

    def _write_share(
        self, folder: Path, load: Callable[[int, int], queries.ReportData], share: int,
        shares: int,
    ) -> list[int]:
        """Load a share of the incidents' rows, then write their pages."""
        with _uncollected():
            found = pages.Lookup.of(load(share, shares), self.macros)
            template = self.env.get_template("incident.html.j2")
            return [self._write(folder / page.pages[page.number - 1], template, page.__dict__)
                    for page in pages.incident_pages(found)]

    def _write(self, path: Path, template: Any, context: dict[str, Any]) -> int:
        html = template.render(**self.shared, **context).encode("utf-8")
        if not self._link_unchanged(path, html):
            path.write_bytes(html)
        return len(html)

    def _link_unchanged(self, path: Path, html: bytes) -> bool:
        """Link `path` to the previous report's page of that name when it holds `html`
        already. Most pages do not change between two runs, and a link writes nothing: the
        previous report's deletion then frees nothing either, where rewriting and deleting
        21,000 pages made the file system's block discards slow the next report to 15 s."""
        if self.previous is None:
            return False
        old = self.previous / path.name
        try:
            if old.stat().st_size != len(html) or old.read_bytes() != html:
                return False
            os.link(old, path)
        except OSError:  # no such page, or a file system without links
            return False
        return True


def _escaped(value: Any) -> str:
    """What autoescape prints for a value, as a plain string: its text escaped as
    `markupsafe.escape` escapes it, a number as it is, or its own HTML when it is markup
    already (a rendered macro, a badge)."""
    kind = type(value)
    if kind is str:
        return _escape_inner(value)
    if kind is int or kind is float:
        return str(value)
    own_html = getattr(value, "__html__", None)
    return own_html() if own_html is not None else _escape_inner(str(value))


class _PlainEscapeTemplate(Template):
    """A template whose `{{ value }}` escapes to a plain string rather than to `Markup`.

    Autoescape compiles every `{{ value }}` to a call of `escape`, whose `markupsafe` version
    wraps each result in a new `Markup` only for the page to join them: about 250 a page, a
    third of the rendering. Here the compiled code's `escape` is `_escaped`, which escapes the
    same characters the same way and returns the text. What a macro, a call block or a `set`
    block renders is still wrapped as `Markup` by Jinja, so nothing is escaped twice and
    nothing less."""

    @classmethod
    def from_code(cls, environment: Environment, code: Any, globals: Any,
                  uptodate: Callable[[], bool] | None = None) -> Template:
        template = super().from_code(environment, code, globals, uptodate)
        template.root_render_func.__globals__["escape"] = _escaped
        return template


class _RowsEnvironment(Environment):
    """Jinja2 with `row.column` reading a dict's key first: the report's rows are dicts, and
    the default attribute-first lookup raises and catches an error for every cell, which cost
    more than the rest of the rendering. Its templates escape to plain strings
    (`_PlainEscapeTemplate`)."""

    template_class = _PlainEscapeTemplate

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


class _Rendered(dict):
    """What `render` (an autoescaping macro) makes of each key, rendered at its first use."""

    def __init__(self, render: Callable[[Any], Markup]) -> None:
        super().__init__()
        self.render = render

    def __missing__(self, key: Any) -> Markup:
        self[key] = self.render(key)
        return self[key]


#: What a forked worker renders with: the site, the folder and the loader of its share.
_FORKED: tuple[_Site, Path, Callable[[int, int], queries.ReportData]] | None = None


def _write_share(share: int, shares: int) -> list[int]:
    site, folder, load = _FORKED
    return site._write_share(folder, load, share, shares)


#: Marks a folder as a report this command wrote, and so one it may replace.
MARKER = ".corroborate-report"


def _refuse_foreign(out: Path) -> None:
    """Only an earlier report (or an empty folder) is replaced, never a folder of other files
    (`--out ~/Documents`)."""
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise FileExistsError(f"{out} holds files that are not a report; give another --out")


def _swap_in(build: Path, out: Path) -> None:
    """Put the finished site at `out` by two renames, then delete the report it replaced."""
    (build / MARKER).write_text("written by corroborate report\n", encoding="utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(build, out)
    shutil.rmtree(old, ignore_errors=True)
