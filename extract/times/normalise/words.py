"""The time vocabulary the readers share, from the lexicon's resource files: parts of the
day, seasons, units, amounts, frequency and reference words, the relative words, the words that
say which way "N units ..." points, and the words of quarters."""

from __future__ import annotations

import re
from functools import cache

from corroborate.extract.lexicon import table

# The words and numbers of a time phrase, lowered.
TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?(?:st|nd|rd|th|s)?|[a-z]+(?:'s)?")

# The readers of time phrases are pure functions of the phrase (and the DCT and tense), and a
# document, like a corpus, repeats its time phrases ("Tuesday", "last year"): their answers are
# cached.
CACHED_PHRASES = 8192


@cache
def part_of_day_words() -> dict[str, tuple[str, int, int]]:
    return {
        r["word"]: (r["timeml"], int(r["start_hour"]), int(r["end_hour"]))
        for r in table("parts_of_day")
    }


@cache
def season_words() -> dict[str, tuple[str, int, int]]:
    return {
        r["word"]: (r["timeml"], int(r["start_month"]), int(r["end_month"]))
        for r in table("seasons")
    }


@cache
def unit_words() -> dict[str, tuple[str, int, str]]:
    units = {r["word"]: (r["iso"], int(r["size"]), r["granularity"]) for r in table("time_units")}
    units.update({w + "s": units[w] for w in list(units)})
    units["centuries"] = units["century"]
    return units


@cache
def amount_words() -> dict[str, str]:
    words = {
        r["word"]: r["value"]
        for r in table("number_words")
        if r["kind"] in ("unit", "tens", "article")
    }
    words.update({r["word"]: r["value"] for r in table("time_vague_amounts")})
    return words


@cache
def set_words() -> dict[str, str]:
    return {r["word"]: r["value"] for r in table("time_sets")}


@cache
def reference_words() -> dict[str, str]:
    return {r["word"]: r["value"] for r in table("time_references")}


@cache
def relative_words() -> dict[str, int]:
    """ "last" -> -1: the offset of the unit the word governs ("last year")."""
    return {r["word"]: int(r["offset"]) for r in table("time_relative_words")}


@cache
def relative_days() -> dict[str, int]:
    """ "yesterday" -> -1: a day by its distance from the document's date."""
    return {r["word"]: int(r["offset"]) for r in table("time_relative_days")}


@cache
def modifier_thirds() -> dict[str, str]:
    """ "early" -> "first": the third of a period a modifier keeps."""
    return {r["word"]: r["third"] for r in table("time_modifiers")}


@cache
def direction_words() -> dict[str, str]:
    """Word -> past, future or measured (from another event): which way "N units ..." points."""
    return {r["word"]: r["direction"] for r in table("time_directions")}


@cache
def quarter_ordinals() -> dict[str, int]:
    """Ordinal word -> the quarter or half it names, in the lexicon's order."""
    rows = table("time_quarter_words")
    return {r["word"]: int(r["number"]) for r in rows if r["role"] == "ordinal"}


@cache
def quarter_back_words() -> frozenset[str]:
    """Words that move a quarter or half back ("the previous quarter", "the year-ago quarter")."""
    return frozenset(r["word"] for r in table("time_quarter_words") if r["role"] == "back")
