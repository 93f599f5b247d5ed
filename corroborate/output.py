"""How `corroborate sql` prints a result: a table for a person, CSV, JSON or markdown for a
program or a document. Piped output is never cut to a terminal's width, and a reader that
closes the pipe early (`| head`) ends the command quietly: `main` treats that as success."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator, Sequence
from contextlib import redirect_stdout
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, TextIO

import duckdb

FORMATS = ("table", "csv", "json", "markdown")
#: Rows a `table` shows unless told otherwise; the other formats print every row.
TABLE_ROWS = 100
_FETCH = 2048
#: Width given to DuckDB's table printer when the output is not a terminal: wide enough that
#: no column is ever dropped or cut.
_UNLIMITED_WIDTH = 1_000_000


def write_result(
    relation: duckdb.DuckDBPyRelation,
    out: TextIO,
    *,
    fmt: str = "table",
    max_rows: int | None = None,
) -> None:
    """Print `relation` to `out` in `fmt`; `max_rows` caps the rows (None: the format's own)."""
    if fmt == "table":
        _table(relation, out, max_rows or TABLE_ROWS)
        return
    columns = relation.columns
    rows = _rows(relation, max_rows)
    {"csv": _csv, "json": _json, "markdown": _markdown}[fmt](columns, rows, out)


def _table(relation: duckdb.DuckDBPyRelation, out: TextIO, max_rows: int) -> None:
    """DuckDB's box table: fitted to a terminal, whole (every column, every character) when
    piped or redirected."""
    if out.isatty():
        options = {"max_width": shutil.get_terminal_size().columns}
    else:
        options = {"max_width": _UNLIMITED_WIDTH, "max_col_width": _UNLIMITED_WIDTH}
    with redirect_stdout(out):
        relation.show(max_rows=max_rows, **options)


def _rows(relation: duckdb.DuckDBPyRelation, max_rows: int | None) -> Iterator[tuple]:
    """The result's rows, fetched in chunks so a large result streams."""
    if max_rows is not None:
        relation = relation.limit(max_rows)
    for batch in relation.to_arrow_reader(_FETCH):
        yield from zip(*(column.to_pylist() for column in batch.columns), strict=True)


def _csv(columns: Sequence[str], rows: Iterator[tuple], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])


def _json(columns: Sequence[str], rows: Iterator[tuple], out: TextIO) -> None:
    """A JSON array with one object per line: valid JSON, and line tools still work."""
    out.write("[")
    for index, row in enumerate(rows):
        record = {name: _plain(value) for name, value in zip(columns, row, strict=True)}
        out.write(("\n" if index == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
    out.write("\n]\n")


def _markdown(columns: Sequence[str], rows: Iterator[tuple], out: TextIO) -> None:
    out.write("| " + " | ".join(_cell(name) for name in columns) + " |\n")
    out.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(_text(value)) for value in row) + " |\n")


def _plain(value: Any) -> Any:
    """A value JSON can hold: times as ISO 8601, decimals as numbers, lists and structs kept."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _text(value: Any) -> str:
    """A value as one cell of text: NULL is empty, lists and structs are JSON."""
    if value is None:
        return ""
    plain = _plain(value)
    if isinstance(plain, list | dict):
        return json.dumps(plain, ensure_ascii=False)
    return str(plain)


def _csv_value(value: Any) -> Any:
    return "" if value is None else _text(value)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
