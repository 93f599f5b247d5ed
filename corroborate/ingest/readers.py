"""One reader per input format: decoded text in, article records (or per-record problems) out.

A reader raises `Unusable` when the whole file is unusable, and returns an `Unusable` in place of
a record when only that record is, so one bad line of a .jsonl never costs the others.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

# Imported with the module, never on first use (README: a forked worker never waits on an import).
import trafilatura
import yaml

from corroborate.ingest.metadata import (
    Metadata,
    metadata_of,
    normalise_keys,
    record_id,
    record_text,
)
from corroborate.ingest.rejections import Reason, Unusable


@dataclass(frozen=True)
class Record:
    """One article as read from its file, before cleaning."""

    source_id: str
    record_index: int
    text: str
    metadata: Metadata


ReadResult = list[Record | Unusable]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FLAT_FIELD = re.compile(r"([A-Za-z][\w -]*?)\s*:\s*(.*)")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_records(format_name: str, text: str, path: str) -> ReadResult:
    """The records in a decoded file of the given format."""
    return _READERS[format_name](text, os.path.basename(path))


def read_plain_text(text: str, name: str) -> ReadResult:
    """A .txt/.md article, with optional YAML front matter (title, outlet, url, published, id)."""
    fields: dict[str, Any] = {}
    if match := _FRONT_MATTER.match(text):
        fields = _front_matter_fields(match[1])
        text = text[match.end() :]
    return [
        Record(
            source_id=record_id(fields) or name,
            record_index=0,
            text=text,
            metadata=metadata_of(fields),
        )
    ]


def read_json(text: str, name: str) -> ReadResult:
    """A .json file: one record object, or a list of them."""
    value = _parse_json(text, "The file")
    if isinstance(value, Mapping):
        return [_json_record(value, 0, name, "The record")]
    if isinstance(value, list):
        return [_json_record(item, i, name, f"Item {i}") for i, item in enumerate(value)]
    raise Unusable(
        Reason.MALFORMED_JSON,
        f"The file holds a JSON {_json_type(value)}, not an object or a list of objects.",
    )


def read_json_lines(text: str, name: str) -> ReadResult:
    """A .jsonl file: one record object per line; blank lines are skipped."""
    results: ReadResult = []
    for index, line in enumerate(text.split("\n")):
        if not line.strip():
            continue
        where = f"Line {index + 1}"
        try:
            value = _parse_json(line, where, source_id=f"{name}#{index}")
        except Unusable as problem:
            results.append(problem)
            continue
        results.append(_json_record(value, index, name, where))
    return results


def read_html(text: str, name: str) -> ReadResult:
    """An .html page: main text and metadata by trafilatura, without comments or boilerplate."""
    extract = _html_extractor()
    try:
        page = extract(text)
    except Exception as error:  # a third-party parser on untrusted input: any failure is the page's
        raise Unusable(Reason.MALFORMED_HTML, f"The HTML could not be parsed: {error}.") from None
    if page is None or not (page.text or "").strip():
        raise Unusable(Reason.MISSING_TEXT, "No main article text was found in the page.")
    fields = {
        "title": page.title,
        "url": page.url,
        "outlet": page.sitename or page.hostname,
        "date": _without_filled_in_midnight(page.date),
    }
    return [Record(source_id=name, record_index=0, text=page.text, metadata=metadata_of(fields))]


def _without_filled_in_midnight(date: str | None) -> str | None:
    """htmldate writes a date-only value as midnight with no offset: keep it a date (day)."""
    if date and date.endswith("T00:00:00"):
        return date[: -len("T00:00:00")]
    return date


def _front_matter_fields(block: str) -> dict[str, Any]:
    """Front matter as a mapping; plain `key: value` lines when YAML chokes on unquoted colons."""
    try:
        fields = yaml.load(block, Loader=_YAML_LOADER)
    except (yaml.YAMLError, RecursionError):
        fields = None
    if isinstance(fields, Mapping):
        return normalise_keys(fields)
    flat = {}
    for number, line in enumerate(block.splitlines(), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _FLAT_FIELD.fullmatch(line.strip())
        if match is None:
            raise Unusable(
                Reason.MALFORMED_FRONT_MATTER,
                f"Front matter line {number} is not a `key: value` pair: {line.strip()[:60]!r}.",
            )
        flat[match[1]] = match[2].strip().strip("\"'")
    return normalise_keys(flat)


def _parse_json(text: str, where: str, source_id: str | None = None) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        detail = f"{where} is not valid JSON: {error.msg} at column {error.colno}."
    except RecursionError:
        detail = f"{where} is JSON nested too deeply to read."
    raise Unusable(Reason.MALFORMED_JSON, detail, source_id)


def _json_record(value: Any, index: int, name: str, where: str) -> Record | Unusable:
    fallback_id = f"{name}#{index}"
    if not isinstance(value, Mapping):
        detail = f"{where} is a JSON {_json_type(value)}, not an object."
        return Unusable(Reason.MALFORMED_JSON, detail, fallback_id)
    fields = normalise_keys(value)
    source_id = record_id(fields) or fallback_id
    text = record_text(fields)
    if text is None:
        problem = "it has no text, body or content field with a value"
    elif not isinstance(text, str):
        problem = f"its text field is a JSON {_json_type(text)}"
    elif not text.strip():
        problem = "its text field is blank"
    else:
        return Record(source_id, index, text, metadata_of(fields))
    return Unusable(Reason.MISSING_TEXT, f"{where} has no article text: {problem}.", source_id)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


@cache
def _html_extractor() -> Callable[[str], Any]:
    """trafilatura's extraction of a page's article and metadata."""

    def extract(page: str) -> Any:
        return trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params={  # dates from the page's metadata, with their time of day
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
            },
        )

    return extract


_READERS: dict[str, Callable[[str, str], ReadResult]] = {
    "txt": read_plain_text,
    "md": read_plain_text,
    "json": read_json,
    "jsonl": read_json_lines,
    "html": read_html,
}
