"""The time vocabulary the readers share, from the lexicon's resource files: parts of the
day, seasons, units, amounts, frequency and reference words, the relative words, the words that
say which way "N units ..." points, and the words of quarters."""

from __future__ import annotations

import re
from functools import cache, partial

from corroborate.extract.lexicon import table, word_map

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


# The words looked up whole, each in a resource file with the value it stands for:
# "daily" -> "P1D" (a frequency), "now" -> "PRESENT_REF", "last" -> -1 (the offset of the
# unit it governs: "last year"), "yesterday" -> -1 (days from the document's date), "early" ->
# "first" (the third of a period it keeps), "ago" -> "past" (which way "N units ..." points).
set_words = partial(word_map, "time_sets", "value")
reference_words = partial(word_map, "time_references", "value")
relative_words = partial(word_map, "time_relative_words", "offset", int)
relative_days = partial(word_map, "time_relative_days", "offset", int)
modifier_thirds = partial(word_map, "time_modifiers", "third")
direction_words = partial(word_map, "time_directions", "direction")


@cache
def quarter_ordinals() -> dict[str, int]:
    """Ordinal word -> the quarter or half it names, in the lexicon's order."""
    rows = table("time_quarter_words")
    return {r["word"]: int(r["number"]) for r in rows if r["role"] == "ordinal"}


@cache
def quarter_back_words() -> frozenset[str]:
    """Words that move a quarter or half back ("the previous quarter", "the year-ago quarter")."""
    return frozenset(r["word"] for r in table("time_quarter_words") if r["role"] == "back")
