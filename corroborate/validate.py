"""Validate a batch of records against its table's pandera model; split good rows from bad.

pandera costs a few milliseconds per call and little per row, so each table is validated once
per batch, lazily, and rows are split on `failure_cases` rather than with `drop_invalid_rows`
(which has open bugs where bad rows pass). A failure that names no row (a missing column, a type
that cannot be coerced) quarantines the whole batch of that table, with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pandera.errors

from corroborate.schemas import MODELS

#: Columns added for validation only, never stored.
VALIDATION_ONLY = ("document_span",)


@dataclass
class Validated:
    """The rows of one table that passed, and quarantine rows for those that did not."""

    table: str
    frame: pd.DataFrame
    quarantine: list[dict[str, Any]] = field(default_factory=list)


def validate_records(
    table: str,
    records: Sequence[Mapping[str, Any]],
    *,
    document_texts: Mapping[str, str] | None = None,
    run_id: str = "",
) -> Validated:
    """Validate `records` as rows of `table`; `document_texts` maps doc_id to the stored text,
    which span-carrying tables are checked against."""
    model = MODELS[table]
    columns = list(model.to_schema().columns)
    stored = [column for column in columns if column not in VALIDATION_ONLY]
    if not records:
        return Validated(table, model.empty()[stored])

    frame = pd.DataFrame.from_records(records)
    if "document_span" in columns:
        frame["document_span"] = _document_spans(records, document_texts or {})
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        return _quarantine_all(table, records, f"missing columns: {', '.join(missing)}", run_id)
    frame = frame[columns]

    try:
        valid = model.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as errors:
        return _split_on_failures(table, frame, records, errors.failure_cases, run_id, stored)
    except pandera.errors.SchemaError as error:  # raised by a failed coercion outside lazy mode
        return _quarantine_all(table, records, str(error).splitlines()[0], run_id)
    return Validated(table, valid[stored].reset_index(drop=True))


def _document_spans(
    records: Sequence[Mapping[str, Any]], document_texts: Mapping[str, str]
) -> list[str | None]:
    """Each row's span cut from its document's stored text; None when either is missing."""
    spans: list[str | None] = []
    for record in records:
        text = document_texts.get(record.get("doc_id"))
        start, end = record.get("char_start"), record.get("char_end")
        valid = text is not None and isinstance(start, int) and isinstance(end, int)
        spans.append(text[start:end] if valid else None)
    return spans


def _split_on_failures(
    table: str,
    frame: pd.DataFrame,
    records: Sequence[Mapping[str, Any]],
    failures: pd.DataFrame,
    run_id: str,
    stored: list[str],
) -> Validated:
    whole_batch = failures[failures["index"].isna()]
    if not whole_batch.empty:
        reasons = "; ".join(sorted({_describe(row) for row in whole_batch.itertuples()}))
        return _quarantine_all(table, records, reasons, run_id)

    reasons_by_row: dict[int, set[str]] = {}
    for row in failures.itertuples():
        reasons_by_row.setdefault(int(row.index), set()).add(_describe(row))
    bad_rows = sorted(reasons_by_row)
    quarantine = [
        _quarantine_row(table, records[index], "; ".join(sorted(reasons_by_row[index])), run_id)
        for index in bad_rows
    ]
    good = frame.drop(index=bad_rows)
    # Re-validate the good rows so coercion is applied to exactly what is stored.
    valid = MODELS[table].validate(good, lazy=True) if not good.empty else good
    return Validated(table, valid[stored].reset_index(drop=True), quarantine)


def _describe(failure: Any) -> str:
    """"column: check", or "row: check" for a check over the whole row (which pandera
    reports once per column)."""
    whole_row = failure.schema_context == "DataFrameSchema"
    column = failure.column if isinstance(failure.column, str) and not whole_row else "row"
    return f"{column}: {failure.check}"


def _quarantine_all(
    table: str, records: Sequence[Mapping[str, Any]], reason: str, run_id: str
) -> Validated:
    model = MODELS[table]
    stored = [column for column in model.to_schema().columns if column not in VALIDATION_ONLY]
    quarantine = [_quarantine_row(table, record, f"batch: {reason}", run_id) for record in records]
    return Validated(table, model.empty()[stored], quarantine)


def _quarantine_row(
    table: str, record: Mapping[str, Any], failed_checks: str, run_id: str
) -> dict[str, Any]:
    return {
        "table_name": table,
        "doc_id": record.get("doc_id"),
        "record_key": str(
            record.get("claim_id") or record.get("doc_id") or record.get("source_file")
        ),
        "record": json.dumps(record, default=str, sort_keys=True),
        "failed_checks": failed_checks,
        "run_id": run_id,
    }
