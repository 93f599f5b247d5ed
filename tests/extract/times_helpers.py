"""Shared helpers for the time tests: tag a text against a DCT given as metadata."""

from __future__ import annotations

from datetime import UTC, datetime

from corroborate.extract.records import Publication, TimeExpression
from corroborate.extract.sentences import split_sentences
from corroborate.extract.times import tag_time_expressions


def publication(dct: str | None, precision: str = "day") -> Publication:
    if dct is None:
        return {"published_at": None, "published_precision": None, "published_basis": "unknown"}
    parts = [int(p) for p in dct.split("-")] + [1, 1]
    moment = datetime(parts[0], parts[1], parts[2], tzinfo=UTC)
    return {"published_at": moment, "published_precision": precision,  # type: ignore[typeddict-item]
            "published_basis": "metadata"}


def tag(text: str, dct: str | None = "2022-09-13", precision: str = "day") -> list[TimeExpression]:
    return tag_time_expressions("doc", text, split_sentences(text), publication(dct, precision))


def only(text: str, dct: str | None = "2022-09-13", precision: str = "day") -> TimeExpression:
    found = tag(text, dct, precision)
    assert len(found) == 1, [e["text"] for e in found]
    return found[0]


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)
