"""Score attribution gold (PolNeAR): who said or thought what, against `statements`.

The gold file is `{source_id: {"text", "attributions": [{"Source": [start, end, surface],
"Cue": [...], "Content": [...]}]}}`, with character offsets into the gold `text`. The rule is the
one of shared/eval/README.md, so the figures are those of its reference scorer:
- only attributions whose Source has a content word count: a bare pronoun ("she", "they") names
  nobody a `speaker` could be checked against;
- a statement matches an attribution when its span, carried onto the gold text, overlaps the
  gold Content or Cue, and its `speaker` shares a content word with the gold Source;
- recall is the share of counted attributions that some statement matches; precision the share
  of the gold documents' statements with a speaker that match at least one attribution.
Statements without a speaker (a pronoun the extractor could not resolve) are not counted.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PRONOUNS = frozenset(
    {"he", "she", "it", "they", "i", "we", "you", "him", "her", "them", "his", "its", "their"}
)
# Words that say nothing about who the source is: pronouns, articles, the possessive, "said".
_STOP = PRONOUNS | {"the", "a", "an", "of", "'s", "’s", "and", "said", "to", "for", "in", "on",
                    "at", "by"}
_WORD = re.compile(r"[a-z0-9’']+")
_TARGETS = ("Content", "Cue")


@dataclass(frozen=True)
class Statement:
    """One `statements` row with a speaker: the claimer and its span in the stored text."""

    speaker: str
    char_start: int | None
    char_end: int | None


@dataclass(frozen=True)
class AttributionReport:
    gold_attributions: int
    statements: int
    matched_attributions: int
    matched_statements: int

    @property
    def precision(self) -> float:
        return self.matched_statements / self.statements if self.statements else 0.0

    @property
    def recall(self) -> float:
        return (
            self.matched_attributions / self.gold_attributions if self.gold_attributions else 0.0
        )

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def is_attribution_gold(gold: object) -> bool:
    """A non-empty mapping of document ids to records that carry a list of attributions."""
    return (
        isinstance(gold, dict) and bool(gold)
        and all(
            isinstance(record, dict) and isinstance(record.get("attributions"), list)
            for record in gold.values()
        )
    )


def content_words(text: str) -> frozenset[str]:
    """The lower-cased words of a name that can identify it: no pronouns or function words."""
    return frozenset(word for word in _WORD.findall(text.lower()) if word not in _STOP)


def offset_map(stored: str, original: str) -> dict[int, int]:
    """Offsets of `stored` onto `original` through their common non-whitespace characters.

    Ingest may trim or normalise spacing, so the warehouse's offsets are not the gold's; the
    characters themselves survive, and aligning them carries a span across.
    """
    stored_chars, stored_at = _non_space(stored)
    original_chars, original_at = _non_space(original)
    matcher = difflib.SequenceMatcher(None, stored_chars, original_chars, autojunk=False)
    mapping: dict[int, int] = {}
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[stored_at[block.a + k]] = original_at[block.b + k]
    return mapping


def _non_space(text: str) -> tuple[str, list[int]]:
    positions = [i for i, char in enumerate(text) if not char.isspace()]
    return "".join(text[i] for i in positions), positions


def carry_span(mapping: Mapping[int, int], start: int, end: int) -> tuple[int, int] | None:
    """The gold-text span covering whatever of `[start, end)` maps across, or None."""
    inside = [mapping[i] for i in range(start, end) if i in mapping]
    return (min(inside), max(inside) + 1) if inside else None


def score_attribution(
    gold: Mapping[str, Mapping[str, Any]],
    texts: Mapping[str, str],
    statements: Mapping[str, Sequence[Statement]],
) -> AttributionReport:
    """Match the statements of each gold document (by source id) against its attributions."""
    n_gold = n_statements = hit_gold = hit_statements = 0
    for source_id, record in gold.items():
        mine = statements.get(source_id, ())
        n_statements += len(mine)
        mapping = offset_map(texts[source_id], record["text"]) if source_id in texts else {}
        spans = _carried(mine, mapping)
        matched: set[int] = set()
        for attribution in _named(record["attributions"]):
            n_gold += 1
            hits = _matches(attribution, spans)
            hit_gold += bool(hits)
            matched |= hits
        hit_statements += len(matched)
    return AttributionReport(n_gold, n_statements, hit_gold, hit_statements)


def _named(attributions: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The attributions that count: a Source with a content word, not a bare pronoun."""
    return [a for a in attributions if a.get("Source") and content_words(a["Source"][2])]


def _carried(
    statements: Sequence[Statement], mapping: Mapping[int, int]
) -> list[tuple[int, frozenset[str], tuple[int, int]]]:
    """Each statement that lands on the gold text: its index, speaker words and gold span."""
    spans = []
    for index, statement in enumerate(statements):
        if statement.char_start is None or statement.char_end is None:
            continue
        span = carry_span(mapping, statement.char_start, statement.char_end)
        if span is not None:
            spans.append((index, content_words(statement.speaker), span))
    return spans


def _matches(
    attribution: Mapping[str, Any], spans: Sequence[tuple[int, frozenset[str], tuple[int, int]]]
) -> set[int]:
    """The statements overlapping the attribution's Content or Cue with a shared source word."""
    targets = [attribution[key] for key in _TARGETS if key in attribution]
    source = content_words(attribution["Source"][2])
    return {
        index
        for index, words, (start, end) in spans
        if words & source and any(start < t_end and t_start < end for t_start, t_end, *_ in targets)
    }


def statements_by_source(
    documents: Iterable[tuple[str, str]],
    rows: Iterable[tuple[str, str | None, int | None, int | None]],
) -> dict[str, list[Statement]]:
    """Group `(doc_id, speaker, char_start, char_end)` rows by the document's source id.

    `documents` pairs each doc_id with its source id; rows without a speaker are left out.
    """
    source_of = dict(documents)
    grouped: dict[str, list[Statement]] = {}
    for doc_id, speaker, start, end in rows:
        if speaker is not None and doc_id in source_of:
            grouped.setdefault(source_of[doc_id], []).append(Statement(speaker, start, end))
    return grouped


def format_attribution(report: AttributionReport) -> str:
    return (
        f"attribution: claimer P={report.precision:.3f} R={report.recall:.3f} "
        f"F1={report.f1:.3f} ({report.gold_attributions} gold attributions with a named source, "
        f"{report.statements} statements with a speaker)"
    )
