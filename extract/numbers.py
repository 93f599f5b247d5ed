"""Counts as news writes them, read into intervals [low, high] with a qualifier.

Why: "at least 49", "more than 6,500", "forty-nine", "a dozen", "dozens", "between 10 and 15"
and "6500" (a corpus that stripped its commas) must all become comparable intervals, and a
casualty rule must be able to embed "a count" in a larger pattern. `quantity_source()` is that
pattern's source (its only groups are named after a prefix, so a pattern embeds it once per
prefix); `parse_quantity` reads a matched span. The words come from
`lexicon/number_words.csv`, `quantity_qualifiers.csv`, `vague_magnitudes.csv` and `count_units.txt`.

Conventions (see the CSV headers): "more than n" is [n+1, NULL], "fewer than n" is [NULL, n-1],
"nearly n" and "up to n" are [NULL, n], "about n" is [n, n] with qualifier `about`, and a vague
magnitude ("dozens") is [its table value, NULL] with qualifier `vague`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from functools import cache, lru_cache
from typing import NamedTuple

from corroborate.extract.lexicon import table, words
from corroborate.extract.lowercase import word_bytes


class Quantity(NamedTuple):
    low: int | None
    high: int | None
    qualifier: str  # exact, at_least, more_than, about, up_to, range, vague
    stated: int  # the number as written, before the qualifier moves the bounds


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases as a prefix tree ("kill(?:ed|ing|s)?"), any whitespace
    between words, either apostrophe. Python's regex engine tries alternatives one by one; the
    tree shares their prefixes, which makes a scan with a hundred words several times faster.
    """
    trie: dict[str, dict] = {}
    for phrase in set(phrases):
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _emit(trie)


class PhraseFinder:
    """Whole-word occurrences of phrases in lower-cased text, as `\\b(?:...)\\b` finds them, twice
    as fast. Why: a pattern that opens with `\\b` or a character class makes Python's regex engine
    test every character; one that opens with a space skips in C to the next. So the scan looks
    for the phrases' first words in `word_bytes` (where every word follows a space), and reads
    each phrase on the text only where one stands."""

    def __init__(self, phrases: Iterable[str]) -> None:
        phrases = set(phrases)
        source = alternation(phrases)
        self._at_start = re.compile(rf"(?:{source})\b")
        self._after_gap = re.compile(rf"[^\w](?:{source})\b")
        first = alternation(map(_first_word, phrases)).encode()
        self._first_words = re.compile(rb" (?=(?:" + first + rb")(?!\w))")

    def spans(self, low: str) -> list[tuple[int, int]]:
        """(start, end) of each phrase, left to right, without overlaps."""
        found: list[tuple[int, int]] = []
        end = 0
        for candidate in self._first_words.finditer(word_bytes(low)):
            start = candidate.start()  # the phrase's offset in `low`, after the leading space
            if start == 0:
                match = self._at_start.match(low)
            elif start > end:
                match = self._after_gap.match(low, start - 1)
            else:
                continue  # inside the phrase before
            if match is not None:
                end = match.end()
                found.append((start, end))
        return found


def _first_word(phrase: str) -> str:
    """The ASCII word a phrase opens with: what `word_bytes` holds wherever the phrase stands."""
    first = re.match(r"\w+", phrase)
    if first is None or not first.group().isascii():
        raise ValueError(f"a phrase must open with an ASCII word: {phrase!r}")
    return first.group()


def _atoms(phrase: str) -> Iterable[str]:
    for index, word in enumerate(phrase.split()):
        if index:
            yield r"\s+"
        yield from ("['’]" if char in "'’" else re.escape(char) for char in word)


def _emit(node: dict[str, dict]) -> str:
    """The regex of a trie node. Single characters become a class ("civilians?", "[ds]"), not a
    group: the patterns embed these tries many times, and Python compiles them in pure Python,
    at a cost that grows with the number of groups."""
    branches = [atom + _emit(child) for atom, child in sorted(node.items()) if atom]
    optional = "?" if "" in node else ""
    if not branches:
        return ""
    if all(_is_char(branch) for branch in branches):
        chars = "".join(branches)
        return (chars if len(branches) == 1 else f"[{chars}]") + optional
    if len(branches) == 1 and not optional:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + optional


def _is_char(atom: str) -> bool:
    """One escaped or plain character, which can stand in a character class."""
    return len(atom) == 1 or (len(atom) == 2 and atom[0] == "\\" and not atom[1].isalnum())


@cache
def _word_values() -> dict[str, tuple[int, str]]:
    return {row["word"]: (int(row["value"]), row["kind"]) for row in table("number_words")}


@cache
def _qualifiers() -> dict[str, tuple[str, str]]:
    return {row["phrase"]: (row["qualifier"], row["bound"]) for row in table("quantity_qualifiers")}


@cache
def _vague() -> dict[str, int]:
    return {row["phrase"]: int(row["count_low"]) for row in table("vague_magnitudes")}


def _of_kind(*kinds: str) -> str:
    return alternation(w for w, (_, k) in _word_values().items() if k in kinds)


@cache
def _number_source(first: bool = True) -> str:
    """One number: digits (with , or space thousands separators), or number words. A first
    number must not continue a date or code ("09-02-2016"); the second of a range follows "-".
    Neither is part of a clock time ("arrested around 1:30 a.m.", "at 11:30 gunmen ...")."""
    digits = (
        r"(?<![\w.,:])(?<![\d][-/])" if first else r"(?<![\w.,:])"
    ) + r"(?!0\d)(?:\d{1,3}(?:(?:,|[ \u00a0\u202f\u2009])\d{3})+|\d+)(?:\.\d+)?(?![\w]|[.,:]\d)"
    small = rf"(?:(?:{_of_kind('tens')})(?:[-\s](?:{_of_kind('unit')}))?|{_of_kind('unit')})"
    scale = _of_kind("scale")
    scaled_digits = rf"{digits}(?:\s+(?:{scale})\b)?"
    # "two hundred and five", "a thousand", "three dozen": a multiplier after a small number
    # or an article (which alone is no number)
    times = rf"\s+(?:(?:{scale})(?:\s+(?:and\s+)?{small})?|(?:{_of_kind('dozen')}))"
    # "half a million", "a quarter of a million", "three quarters of a million", "half a dozen"
    part = rf"(?:(?:an?|{_of_kind('unit')})\s+)?(?:{_of_kind('fraction')})\s+(?:of\s+)?an?"
    scaled_words = rf"(?:{part}\s+(?:{scale}|{_of_kind('dozen')})|{small}(?:{times})?|an?{times})"
    return rf"(?:{scaled_digits}|\b{scaled_words}\b)"


@cache
def quantity_source(prefix: str = "q") -> str:
    """Regex source for a quantity with its qualifier; a measure ("12 years") is no quantity.
    "between n and m" and the range "n-m" share one copy of each number (the groups
    `{prefix}_between` and `{prefix}_second` decide which separator is due; a pattern holding
    two quantities gives each its own prefix): casualty rules embed this source a dozen times,
    and compiling it is most of their start-up cost."""
    number, second = _number_source(), _number_source(first=False)
    units = alternation(words("count_units"))
    qualifier = alternation(_qualifiers())
    vague = alternation(_vague())
    between, has_second = f"{prefix}_between", f"{prefix}_second"
    separator = rf"(?({between})\s+and\s+|\s*(?:-|–|—|\bto\b|\bor\b)\s*)"
    body = (
        rf"(?:(?P<{between}>between\s+)?{number}(?P<{has_second}>{separator}{second})?"
        rf"(?({between})(?({has_second})|(?!)))"  # "between" needs its "and m"
        rf"|\b(?:{vague})\b)"
    )
    return rf"(?:\b(?:{qualifier})\s+)?{body}(?![\s-]*(?:{units})(?![\w]))"


def count_words() -> set[str]:
    """Words that are a count by themselves ("six", "dozen", "hundreds"), not the articles."""
    numbers = {word for word, (_, kind) in _word_values().items() if kind != "article"}
    return numbers | {phrase.split()[0] for phrase in _vague()}


def quantity_first_words() -> set[str]:
    """Words a quantity can start with (besides a digit): a cheap regex finds where to try one."""
    phrases = [*_qualifiers(), *_vague(), *_word_values(), "between"]
    return {phrase.split()[0] for phrase in phrases}


@cache
def _parser() -> re.Pattern[str]:
    number, second = _number_source(), _number_source(first=False)
    return re.compile(
        rf"(?:(?P<qual>{alternation(_qualifiers())})\s+)?"
        rf"(?:between\s+(?P<a>{number})\s+and\s+(?P<b>{second})"
        rf"|(?P<n>{number})(?:\s*(?:-|–|—|\bto\b|\bor\b)\s*(?P<m>{second}))?"
        rf"|(?P<vague>{alternation(_vague())}))",
        re.IGNORECASE,
    )


@cache
def _bare_number() -> re.Pattern[str]:
    return re.compile(_number_source(), re.IGNORECASE)


def numbers_in(text: str) -> list[int]:
    """Every number written in text, measures included ("three times" -> [3])."""
    return [number_value(m.group()) for m in _bare_number().finditer(text)]


def number_value(text: str) -> int:
    """The integer a single number spells: "6,500", "6 500", "1.5 million", "forty-nine"."""
    tokens = re.split(r"[\s-]+", text.strip().lower())
    if tokens[0][:1].isdigit():
        scale = (
            _word_values()[tokens[-1]][0] if len(tokens) > 1 and not tokens[-1][:1].isdigit() else 1
        )
        digits = "".join(t for t in tokens if t[:1].isdigit()).replace(",", "")
        return round(Decimal(digits) * scale)  # exact: a float turns 10**20 - 1 into 10**20
    values = _word_values()
    kinds = [values.get(token, (0, ""))[1] for token in tokens]
    if "fraction" in kinds:  # "three quarters of a million": 3 * 1,000,000 // 4
        at = kinds.index("fraction")
        parts = number_value(" ".join(tokens[:at])) if at else 1
        whole = number_value(" ".join(token for token in tokens[at + 1 :] if token != "of"))
        return parts * whole // values[tokens[at]][0]
    total = current = 0
    for token in tokens:
        if token == "and":
            continue
        value, kind = values[token]
        if kind in ("unit", "tens", "article"):
            current += value
        elif kind == "dozen" or value == 100:
            current = (current or 1) * value
        else:
            total += (current or 1) * value
            current = 0
    return total + current


@lru_cache(maxsize=1 << 12)
def parse_quantity(text: str) -> Quantity | None:
    """The interval a quantity span states, or None when the span is not one quantity. Cached:
    news repeats a few spellings ("two", "at least 12") far more than it invents new ones."""
    match = _parser().fullmatch(" ".join(text.split()))
    if match is None:
        return None
    qualifier, bound = _qualifiers().get(
        " ".join((match["qual"] or "").lower().split()), ("exact", "both")
    )
    if match["vague"]:
        low = _vague()[" ".join(match["vague"].lower().split())]
        if qualifier == "exact":
            return Quantity(low, None, "vague", low)
        return _bounded(low, qualifier, bound)
    first, second = (match["a"], match["b"]) if match["a"] else (match["n"], match["m"])
    value = number_value(first)
    if second is not None:
        high = number_value(second)
        # "2020-21", "10-1" or the date "09-02-2016" is not a range of people.
        if high <= value or (1900 <= high < 2100 and value < 100):
            return None
        return Quantity(value, high, "range", value)
    return _bounded(value, qualifier, bound)


def _bounded(value: int, qualifier: str, bound: str) -> Quantity:
    low, high = {
        "low": (value, None),
        "above": (value + 1, None),
        "both": (value, value),
        "high": (None, value),
        "below": (None, value - 1),
    }[bound]
    return Quantity(low, high, qualifier, value)
