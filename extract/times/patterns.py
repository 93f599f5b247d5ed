"""The time-expression tagger: one compiled regular expression finds every candidate span.

Why one expression: the engine must tag news at regex speed (a handful of compiled expressions
scan about 6 MB of news a second per core; a parser is hundreds of times slower), so the whole
grammar is a single alternation compiled once and scanned once per document. It runs on the
lower-cased text without IGNORECASE (several times faster in CPython's `re`), behind a
look-ahead gate that lets a position in only when a word that can open a time expression
starts there. Words whose case matters (month and weekday names, zone abbreviations) are
checked against the original text afterwards. Each alternative is a family (`clock`, `date`,
`weekday`, ...) named by its group; `normalise` reads the span again with the family's own
small patterns.
The words come from `extract/lexicon/`, in the manner of HeidelTime's language resources.

Order matters: Python's alternation takes the first family that matches at a position, so the
composite forms (a clock time with its zone and date) come before their parts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import cache, partial

from corroborate.extract.lexicon import table, word_map


def alternation(words: Iterable[str]) -> str:
    """Lower-case alternatives, longest first ("september" before "sep"); a space is any space.

    Grouped by first letter, so a failing position is rejected in one test per letter rather
    than one per word (the grammar is tried at many positions that fail).
    """
    by_letter: defaultdict[str, set[str]] = defaultdict(set)
    for word in words:
        by_letter[word[0].lower()].add(word[1:].lower())
    return (
        "(?:"
        + "|".join(
            re.escape(letter) + _longest_first(rests) for letter, rests in sorted(by_letter.items())
        )
        + ")"
    )


def _longest_first(words: Iterable[str]) -> str:
    forms = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len)
    return "(?:" + "|".join(reversed(forms)) + ")"


# "sept" -> 9, "tuesday" -> 2 (ISO weekday numbers).
month_words = partial(word_map, "months", "number", int)
weekday_words = partial(word_map, "weekdays", "number", int)


def _months() -> str:
    """Full names bare, abbreviations with an optional dot ("sept." / "sept")."""
    words = month_words()
    full = [w for w in words if len(w) > 3 and w != "sept"]
    short = [w for w in words if w not in full]
    return rf"(?:{alternation(full)}|{alternation(short)}\.?)(?![\w])"


def _weekdays() -> str:
    words = weekday_words()
    full = [w for w in words if w.endswith("day")]
    short = [w for w in words if not w.endswith("day")]
    return rf"(?:{alternation(full)}|{alternation(short)}\.)(?![\w])"


@cache
def zone_table() -> dict[str, dict[str, str]]:
    return {row["name"].lower(): row for row in table("zone_abbreviations")}


def _zones() -> str:
    """A zone as news writes it. The last form ("<place> time") reads its words possessively
    (`++`): only a space or a hyphen may follow a word, so a word given back could only split a
    hyphenated name in two, and the whole name serves as well. Without it `re` retries every
    shorter word wherever no "time" follows, as after every four-digit number."""
    names = zone_table()
    abbreviations = [n for n, row in names.items() if row["name"].isupper()]
    titled = [n for n in names if n not in abbreviations]
    return (
        r"(?:(?:gmt|utc|ut)\s*[+\-−–]\s*\d{1,2}(?::?[0-5]\d)?(?![\w])"
        rf"|{alternation(abbreviations)}(?![\w])"
        rf"|{alternation(titled)}\s+(?:(?:standard|daylight)\s+)?time(?![\w])"
        r"|local\s+time(?![\w])"
        r"|[a-z][\w'’.-]++(?:[ -][a-z][\w'’.-]++){0,2}\s+time(?![\w]))"
    )


def _game_clock() -> str:
    """A bare "M:SS" that is time elapsed or left in a game, with the words that say so
    (`lexicon/game_clocks.csv`): "with 7:42 left in the first half", "2:56 of the first
    round"."""
    rows = table("game_clocks")
    cues, links, periods = (
        alternation(row["word"] for row in rows if row["role"] == role)
        for role in ("cue", "link", "period")
    )
    period = rf"(?:the\s+)?(?:[a-z]+\s+)?{periods}s?(?![\w])"
    return (
        r"(?<![\d.:])\d{1,2}:[0-5]\d(?::[0-5]\d)?\s+"
        rf"(?:{cues}(?![\w])(?:\s+in\s+{period})?|{links}\s+{period})"
    )


def _amount() -> str:
    rows = table("number_words")
    numbers = [r["word"] for r in rows if r["kind"] in ("unit", "tens")]
    articles = [r["word"] for r in rows if r["kind"] == "article"]
    vague = [r["word"] for r in table("time_vague_amounts")]
    word = alternation(numbers)
    return (
        rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+(?:\.\d+)?(?:\s+1/2)?"
        rf"|{word}(?:[\s-]+{word})?(?:\s+and\s+a\s+half)?"
        rf"|{alternation(vague)}|{alternation(articles)})"
    )


@cache
def openers() -> tuple[frozenset[str], frozenset[str]]:
    """Strong anchors (words that are time words wherever they stand: months, units, "today")
    and weak openers (words that open a time expression only when an anchor follows)."""
    gate = table("time_gate_words")
    strong = {row["word"] for row in gate if row["role"] == "anchor"}
    strong |= set(month_words()) | set(weekday_words())
    for name in ("parts_of_day", "seasons", "time_sets", "time_references"):
        strong.update(row["word"].split()[-1] for row in table(name))
    weak = {row["word"] for row in gate if row["role"] == "weak"} | {
        r["word"] for r in table("number_words") if r["kind"] in ("unit", "tens", "article")
    }
    weak.update(row["word"].split()[0] for row in table("time_vague_amounts"))
    return frozenset(strong), frozenset(weak - strong)


def _gate() -> str:
    """A look-ahead that admits a position only where a time expression can start."""
    strong, weak = openers()
    anchor = rf"(?:\d|{alternation(strong)}(?![a-z]))"
    return rf"(?=\d|'\d|{anchor}|{alternation(weak)}[\s-]+(?:[a-z'-]+[\s-]+){{0,2}}?{anchor})"


@cache
def parts() -> dict[str, str]:
    """The sub-patterns the grammar is made of, shared with the parsers in `normalise`."""
    month = _months()
    weekday = _weekdays()
    part = alternation(
        r["word"] for r in table("parts_of_day") if r["word"] not in ("early", "late")
    )
    year = r"(?:1[5-9]\d\d|20\d\d)(?![\w])"
    day_num = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
    zone = _zones()
    ampm = r"(?:[ap]\.\s?m\.|[ap]m(?![\w]))"
    clock = (
        r"(?:(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*" + ampm + r")?(?![\d:])"
        r"|(?<![\d.:])(?:1[0-2]|0?[1-9])(?:\.[0-5]\d)?\s*"
        + ampm
        + r"|(?<![\d.:,])(?:[01]\d|2[0-3])[0-5]\d(?:\s*(?:hours?|hrs|h)(?![\w])|(?=\s*"
        + zone
        + r"))"
        r"|(?:noon|midnight|midday)(?![\w]))"
    )
    rel_day = r"(?:today|yesterday|tomorrow|tonight)(?![\w])"
    month_day = rf"(?:{month}\s*{day_num}(?:\s*,?\s*{year}|\s+this\s+year)?)"
    day_month = rf"(?:{day_num}\s+(?:of\s+)?{month}(?:\s*,?\s*{year})?)"
    return {
        "month": month,
        "weekday": weekday,
        "part": part,
        "year": year,
        "zone": zone,
        "clock": clock,
        "paren": rf"\s*[(\[]\s*(?:{clock}\s*{zone}|{zone})\s*[)\]]",
        "rel_day": rel_day,
        "month_day": month_day,
        "day_month": day_month,
        "day_date": (
            rf"(?:{weekday}(?:\s*,?\s*(?:{month_day}|{day_month}))?|{month_day}|{day_month}"
            rf"|{rel_day})"
        ),
    }


@cache
def clock_structure() -> re.Pattern[str]:
    """A `clock` span split into its date before, clock, zone, parenthesis and date after."""
    p = parts()
    return re.compile(
        rf"(?P<before>{p['day_date']}\s*,?\s*(?:at\s+)?)?(?P<clock>{p['clock']})"
        rf"(?P<zone>\s*{p['zone']})?(?P<paren>{p['paren']})?(?P<after>.*)",
        re.DOTALL,
    )


@cache
def clock_pattern() -> re.Pattern[str]:
    return re.compile(parts()["clock"])


@cache
def _families() -> dict[str, str]:
    """The grammar's families by name, in the order they are tried: those that name a day or a
    calendar period first, then units, durations and years."""
    p = parts()
    unit_words = [r["word"] for r in table("time_units")]
    counts = {
        "amount": _amount(),
        "unit": "(?:" + alternation(unit_words) + "|centuries)",
        "unit_s": "(?:" + alternation(unit_words) + r"s?|centuries)(?![\w])",
    }
    return {**_calendar_families(p, counts), **_unit_families(p, counts)}


# Words that narrow a period, and words that move it from the document's date.
_MODIFIER = r"(?:early|late|mid|the\s+(?:end|beginning|middle|start)\s+of)"
_RELATIVE = r"(?:last|this|next|past|coming|previous)"


def _calendar_families(p: dict[str, str], counts: dict[str, str]) -> dict[str, str]:
    """Clock times, dates, weekdays, days named relative to today, seasons and months."""
    month, weekday, parts_, year = p["month"], p["weekday"], p["part"], p["year"]
    clock, zone, day_date = p["clock"], p["zone"], p["day_date"]
    rel_day, month_day, day_month = p["rel_day"], p["month_day"], p["day_month"]
    seasons = alternation(r["word"] for r in table("seasons"))
    modifier, relative = _MODIFIER, _RELATIVE
    amount, unit_s = counts["amount"], counts["unit_s"]
    return {
        # with 7:42 left in the first half; 2:56 of the first round (no time of day: dropped)
        "game_clock": _game_clock(),
        # 9 a.m. Tuesday; 18:30 GMT (21:30 local time); Monday, March 3 at noon
        "clock": (
            rf"(?:{day_date}\s*,?\s*(?:at\s+)?)?"
            rf"{clock}(?:\s*{zone})?(?:{p['paren']})?"
            rf"(?:\s*,?\s*(?:on\s+|of\s+)?{day_date}(?:\s+{parts_})?)?"
        ),
        # 2019-03-14
        "iso": r"(?:1[5-9]\d\d|20\d\d)-[01]\d-[0-3]\d(?![\d-])",
        # Tuesday, March 3; 3 March 2019; early March 14
        "date": rf"(?:{modifier}[\s-]+)?(?:{weekday}\s*,?\s*)?(?:{month_day}|{day_month})",
        # three days ago; more than a year earlier
        "ago": (
            r"(?:(?:about|almost|nearly|some|more\s+than|less\s+than|over|just|only)\s+)?"
            rf"{amount}[\s-]+{unit_s}\s+(?:ago|earlier|later|before|after|from\s+now|hence)"
            rf"(?:\s+in\s+{month})?"
        ),
        # last Tuesday; Friday night
        "weekday": (
            rf"(?:(?:(?:early|late)\s+)?{relative}\s+)?"
            rf"(?:(?:early|late)\s+)?{weekday}(?:[\s-]+{parts_})?"
        ),
        # yesterday morning; this evening
        "relday": (
            rf"(?:(?:early|late)\s+)?{rel_day}(?:\s+{parts_})?"
            rf"|(?:(?:early|late)\s+)?(?:this|last)\s+{parts_}"
        ),
        # last summer; the spring of 2019
        "season": (
            rf"(?:the\s+)?(?:{relative}\s+)?(?:(?:early|late|mid)[\s-]+)?"
            rf"(?:summer|winter|autumn)(?:\s+(?:of\s+)?{year})?(?![\w])"
            rf"|(?:the\s+)?{relative}\s+{seasons}(?![\w])"
            rf"|(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?{seasons}\s+(?:of\s+)?{year}"
        ),
        # late March 2019; last March
        "month": (rf"(?:(?:{modifier}|{relative})[\s-]+)?{month}(?:\s*,?\s*(?:of\s+)?{year})?"),
    }


def _unit_families(p: dict[str, str], counts: dict[str, str]) -> dict[str, str]:
    """Quarters, units relative to today, durations, decades, years, frequencies and
    references to the present."""
    weekday, year = p["weekday"], p["year"]
    amount, unit, unit_s = counts["amount"], counts["unit"], counts["unit_s"]
    return {
        # the third quarter of 2019; last year's first half
        "quarter": (
            r"(?:(?:the|this\s+year's|last\s+year's|its|their)\s+)?"
            r"(?:(?:fiscal|calendar|latest|current|previous|prior|same|year-ago|year-earlier"
            r"|first|second|third|fourth|1st|2nd|3rd|4th|final|last|comparable)[\s-]+){1,3}"
            r"(?:quarter|half|period)(?:\s+of\s+(?:fiscal\s+)?" + year + r")?(?![\w-])"
            r"|the\s+quarter(?![\w-])"
        ),
        # last year; earlier this week; the year-ago quarter
        "relunit": (
            r"(?:(?:earlier|later|early|late|so\s+far|until|through)\s+)?"
            r"(?:the\s+)?(?:last|this|next|past|previous|coming|current|same|following|prior)"
            rf"\s+(?:{unit}|weekend)(?![\w-])"
            r"|(?:the\s+)?(?:year|month|week)-(?:ago|earlier|end)(?![\w-])"
            r"|the\s+weekend(?![\w-])"
        ),
        # three years; the past two weeks; for years
        "duration": (
            r"(?:the\s+)?(?:(?:(?:a|an)\s+)?(?:past|last|next|first|previous|coming|final"
            r"|following|recent|nearly|almost|about|more\s+than|over|some|another)\s+)?"
            rf"{amount}[\s-]+{unit_s}(?:-long)?(?!-old|\s+old)"
            rf"|(?:the\s+)?(?:past|last|next|previous|recent|coming|following)\s+{unit}s(?![\w])"
            rf"|(?:the\s+)?(?:past|next|previous|coming|following)\s+{unit}(?![\w])"
            r"|(?<=for\s)(?:years|months|weeks|days|hours|decades)(?![\w])"
        ),
        # the early 1990s
        "decade": (r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:1[5-9]\d0|20\d0)'?s(?![\w])"),
        # 2019; the end of 2018; never a share (2019 percent) nor an era's year (1750 BC)
        "year": (
            r"(?:(?:fiscal|(?:the\s+)?(?:end|beginning|start|middle)\s+of|early|mid|late)[\s-]+)?"
            r"(?<![\d,.$£€#])" + year
            + r"(?!\s*(?:%|percent|per\s+cent|-\d|b\.?c\.?(?:e\.?)?(?![\w])))"
        ),
        # daily; every other week; each Tuesday
        "set": (
            alternation(r["word"] for r in table("time_sets")) + r"(?![\w])"
            rf"|(?:every|each|per)\s+(?:other\s+)?(?:{unit}|{weekday})(?![\w])"
        ),
        # now; at present; these days
        "ref": alternation(r["word"] for r in table("time_references")) + r"(?![\w])",
    }


# Families that cannot start with a digit: where a digit stands, the grammar without them runs.
# ("quarter" is not one: "2nd-quarter"; test_times_prefilter checks this against a full search.)
_LETTERS_ONLY = frozenset({"weekday", "relday", "season", "month", "relunit", "set", "ref"})


@cache
def grammar(at_digit: bool = False) -> re.Pattern[str]:
    """Compile the tagger grammar (once per process; it reads lower-cased text): all families,
    or those that can start with a digit (a failed attempt costs one try per family)."""
    body = "|".join(
        f"(?P<{name}>{pattern})"
        for name, pattern in _families().items()
        if not (at_digit and name in _LETTERS_ONLY)
    )
    return re.compile(rf"(?<![\w]){_gate()}(?:{body})")
