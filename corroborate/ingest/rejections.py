"""Why an input could not be used: a fixed set of reason codes, each with one meaning.

The codes land in the `rejected` table, where analysts group and count them, so they are part of
the public interface: add codes freely, never rename one. Inside the stage a problem travels as
an `Unusable` exception; `ingest_paths` turns every one into a row and never lets one escape.
"""

from __future__ import annotations

from enum import StrEnum

STAGE = "ingest"


class Reason(StrEnum):
    NOT_FOUND = "not_found"  # the path does not exist
    UNREADABLE = "unreadable"  # the OS refused to list or read it, or it is not a regular file
    UNKNOWN_EXTENSION = "unknown_extension"  # not .txt .md .json .jsonl .html (or an alias)
    TOO_LARGE = "too_large"  # more bytes than the run's max_bytes; not read at all
    EMPTY_FILE = "empty_file"  # no bytes, or nothing but whitespace
    BINARY_FILE = "binary_file"  # a known binary signature, or mostly control bytes
    NUL_BYTES = "nul_bytes"  # text with NUL characters in it: truncated or corrupted
    UNDECODABLE = "undecodable"  # neither UTF-8 nor any plausible legacy encoding
    MALFORMED_JSON = "malformed_json"  # JSON syntax error, or a value that is not an object
    MALFORMED_FRONT_MATTER = "malformed_front_matter"  # a `---` block that is not key: value
    MALFORMED_HTML = "malformed_html"  # the HTML parser failed on the page
    MISSING_TEXT = "missing_text"  # a record or page without any article text
    EMPTY_AFTER_CLEANING = "empty_after_cleaning"  # only page furniture and whitespace


class Unusable(Exception):
    """An input, or one record of it, that cannot become a document, and why."""

    def __init__(self, reason: Reason, detail: str, source_id: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.source_id = source_id


def rejection_row(source_file: str, problem: Unusable, run_id: str) -> dict:
    """The `rejected` table row for one problem."""
    return {
        "source_file": source_file,
        "source_id": problem.source_id,
        "stage": STAGE,
        "reason": problem.reason.value,
        "detail": problem.detail,
        "run_id": run_id,
    }
