"""When a casualty figure happened: today's toll, or one of an earlier happening (an explicit
year before the document's, "a year ago", "last year's war", a clause opened by "since", a
running total "during the past month" or of a whole war: "the conflict has killed 280000",
`lexicon/war_nouns.txt`), marked `time_reference="background"` so that it never counts against
today's figures.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from corroborate.extract.lexicon import words
from corroborate.extract.numbers import alternation, parse_quantity
from corroborate.extract.sentences import Sentence

# The look-behind (nothing of a word or number just before the year) stands after the year, so
# the pattern opens with a digit, which `re` skips to in C rather than trying every character.
_YEAR = re.compile(r"((?:1[89]|20)\d\d)(?<![\w.,]\d{4})(?![\w]|[.,]\d)")
_SINCE_YEAR = re.compile(r"\bsince\s+(?:\w+\s+)?$", re.IGNORECASE)
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w’'-]+\s+){0,2}$", re.IGNORECASE)
# A toll summed over a long period is a running total, not the day's figure: "have been killed
# during the past month", "over the last two years", "so far this year", "since the start of".
_CUMULATIVE = re.compile(
    r"\b(?:during|in|over|within|throughout)\s+the\s+(?:past|last|previous)\s+"
    r"(?:[\w-]+\s+)?(?:months?|years?|decades?)\b"
    r"|\bso\s+far\s+this\s+(?:month|year)\b"
    r"|\bsince\s+the\s+(?:start|beginning|outbreak|onset)\s+of\b",
    re.IGNORECASE,
)
_CUMULATIVE_REACH = 160  # characters after a figure where its period may stand
_WAR_REACH = 100  # characters before a figure where the war that took it may stand
_VERB_GAP = 25  # at most this from the war's verb to the figure ("cost the lives of ")
_WITHIN_GAP = 30  # at most this from the figure to "in the war" ("in Syria since the war began")
_YEARS_AGO = re.compile(r"\b(\w+)\s+years?\s+ago\b|\b(?:last|previous)\s+year(?:['’]s)?\b", re.I)


class Era(NamedTuple):
    """What a sentence says about earlier times, read once for all the figures in it."""

    earlier_years: tuple[tuple[int, int], ...]  # (offset, year) before publication, not "since"
    years_ago: int | None  # "two years ago", "last year's": the year meant, when known
    says_ago: bool


def era_of(text: str, low: str, sentence: Sentence, published_year: int | None) -> Era:
    earlier: list[tuple[int, int]] = []
    if published_year is not None:
        for year in _YEAR.finditer(text, sentence.start, sentence.end):
            value = int(year.group(1))
            comparison = _SINCE_YEAR.search(
                text, max(sentence.start, year.start() - 12), year.start()
            )
            if value < published_year and not comparison:
                earlier.append((year.start(), value))
    ago = None
    if low.find("year", sentence.start, sentence.end) >= 0:  # the one word all its forms share
        ago = _YEARS_AGO.search(text, sentence.start, sentence.end)
    if ago is None:
        return Era(tuple(earlier), None, False)
    years = _count_word(ago.group(1)) if ago.group(1) else 1
    meant = published_year - years if published_year and years else None
    return Era(tuple(earlier), meant if meant is not None and meant >= 1 else None, True)


def time_reference(
    text: str, low: str, sentence: Sentence, span: tuple[int, int], era: Era
) -> tuple[str, int | None]:
    """Background when the clause is about an earlier happening: an explicit earlier year that
    is not a comparison ("since 2020"), "N years ago", "last year's", a "since" clause, or a
    running total over a long period ("killed during the past month") or of a whole war."""
    at = span[0]
    if era.earlier_years:
        return "background", min((abs(start - at), year) for start, year in era.earlier_years)[1]
    if era.says_ago:
        return "background", era.years_ago
    reach = max(sentence.start, at - 30)
    if low.find("since", reach, at) >= 0 and _SINCE_CLAUSE.search(text, reach, at):
        years = [int(y.group(1)) for y in _YEAR.finditer(text, at, sentence.end)]
        return "background", years[0] if years else None
    if _CUMULATIVE.search(text, at, min(sentence.end, at + _CUMULATIVE_REACH)):
        return "background", None
    if _war_total(text, sentence, span):
        return "background", None
    return "main", None


def _war_total(text: str, sentence: Sentence, span: tuple[int, int]) -> bool:
    """Whether the figure at `span` is a whole war's toll: the war takes it ("the conflict has
    killed", "the toll from the six-year war at", "years of conflict in which"), or it was
    taken in or since the war, said right after it ("died in Syria's three-year war")."""
    took, within = _war_patterns()
    at, end = span
    window = took.finditer(text, max(sentence.start, at - _WAR_REACH), sentence.end)
    if any(match.start() <= at and match.end() >= at - _VERB_GAP for match in window):
        return True
    return within.match(text, end, sentence.end) is not None


@cache
def _war_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    war = rf"(?:{alternation(words('war_nouns'))})(?![\w'’-])"  # not "the war's deadliest"
    word = r"(?!\d)[\w’'-]+"  # a word of a clause, not the figure itself ("which saw 33 killed")
    # The war as the verb's subject: "the conflict in Syria, which has lasted five years, has
    # killed", "the war that has claimed"; "the war monitor said a strike killed" is not.
    took = (
        rf"\b{war}(?:\s+(?:in|of)\s+[\w’'-]+)?(?:\s*,?\s+(?:which|that)(?:\s+{word}){{0,4}}?)?"
        r"(?:\s*,?\s+(?:has|have|had|so\s+far|now|already|\w+ly))*\s*,?\s+"
        r"(?:killed|claimed|left|cost)\b"
        rf"|\b{war}\s+in\s+which\b"
        rf"|\b(?:death\s+)?toll\s+(?:from|of|in)\s+(?:the\s+)?(?:[\w’'-]+\s+){{0,3}}?{war}"
    )
    # Taken in or since the war: "died in Syria's three-year war", "killed since the conflict
    # began"; "the deadliest fighting since a 2020 war" compares, and "the conflict zone" is a
    # place.
    owner = r"(?:the\s+|this\s+|its\s+|[\w’']+s\s+)?"
    within = (
        rf"(?:[^.;:\d]{{0,{_WITHIN_GAP}}}?\s)?"
        rf"(?:(?:in|during|throughout)\s+{owner}(?:[\w’'-]+\s+){{0,2}}?{war}"
        r"(?!\s+(?:zones?|areas?|regions?)\b)"
        rf"|since\s+{owner}{war}\s+(?:began|started|erupted|broke\s+out)\b)"
    )
    return re.compile(took, re.IGNORECASE), re.compile(within, re.IGNORECASE)


def _count_word(word: str) -> int | None:
    if word.lower() in ("a", "an"):
        return 1
    quantity = parse_quantity(word)
    return quantity.stated if quantity else None
