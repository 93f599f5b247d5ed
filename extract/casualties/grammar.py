"""The casualty grammar: one regular expression per grammatical slot of a casualty report,
built once from the word lists (`lexicon/casualty_words.csv`, `victim_nouns.csv`,
`own_side_possessives.txt`) and the count grammar of `extract/numbers.py`.

Why a module of its own: the patterns are the rules of the engine; matching (`matching`),
placing in time (`era`), siding (`side`) and merging (`merging`) only read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from corroborate.extract.countries import demonym_plurals
from corroborate.extract.lexicon import table, words
from corroborate.extract.numbers import (
    PhraseFinder,
    alternation,
    count_words,
    quantity_first_words,
    quantity_source,
)

# "12 civilians, including three children, were killed" (the commas may be missing, or be
# dashes); "412 people more than half of them fighters have been killed" (a partitive of the
# count: "N of them", "most of whom"); "18 jihadists from the group were killed", "18 militants
# reportedly including one foreigner were killed", "50 civilians in the province have been
# killed", "35 people in total died" (a short post-modifier of the victim noun).
_PARTITIVE = r"(?:[\w-]+\s+){0,3}?of\s+(?:them|whom|those)"
_PARENTHETICAL = (
    r"(?:(?:\s*[,\u2013\u2014-])?\s+(?:\w+ly\s+)?"
    rf"(?:including|among\s+them|mostly|{_PARTITIVE})\b"
    r"(?:(?!\s-\s)[^,;.\u2013\u2014]){0,60}?(?:\s*[,\u2013\u2014-])?\s+"
    r"|\s+(?:from|of|in)\s+(?:the\s+)?(?:(?!\d)[\w\u2019'-]+\s+){1,4}?|\s+)"
)
# "34 people were killed 6 of them women": a count that opens a partitive naming its own victims
# is a part of the figure before it, not a figure of its own ("killing 3 of them", "wounding
# dozens of them" are figures: "them" is who was hit).
_PARTITIVE_AFTER = r"\s+of\s+(?:them|whom|those)\s+(?:an?\s+)?"
# "killing according to the latest toll 44 civilians": an attribution between verb and count.
_ACCORDING = r"(?:according\s+to\s+(?:(?!\d)[\w\u2019'-]+\s+){1,4}?)?"
_MOD_STOP = (
    "were|was|is|are|have|has|had|been|who|which|that|in|on|at|by|after|from|with|to|for|"
    "as|when|while|but|and|or"
)
_LIST_SEPARATOR = r"(?:\s*,\s+(?:and\s+)?|\s+and\s+)"


# Which rules a casualty word can complete, and whether the word opens the rule's pattern
# ("killing 12") or closes it ("12 were killed").
_RULES_OF_ROLE = {
    "after": ("after", "single", "unspecified"),
    "before": ("before",),
    "left": ("left",),
    "noun": ("noun",),
    "of": ("of",),
    "lives": ("lives", "lives_of"),
    "lost": ("lost",),
    "toll": ("toll",),
    "among": ("among",),
}
_LEFT_VERBS = ("left", "leaving", "leaves", "leave")


@dataclass(frozen=True)
class Rules:
    trigger: PhraseFinder
    opener: re.Pattern[str]  # a word (or digit) where a closed rule may start
    opener_bytes: re.Pattern[bytes]  # where `opener` may match, in `word_bytes`
    opens: dict[str, frozenset[str]]  # opener word -> the closed rules that may start with it
    next_word: re.Pattern[str]  # a count or victim noun right after a casualty word
    next_listed: re.Pattern[str]  # ", and 16 fighters": the next counted victim of a list
    patterns: dict[str, re.Pattern[str]]
    rules_of_word: dict[str, tuple[str, ...]]
    outcome: dict[tuple[str, str], str]
    victims: dict[str, tuple[str, str]]
    own_side: re.Pattern[str]
    opens_partitive: re.Pattern[str]  # "of them women" after a count
    part_after: tuple[re.Pattern[str], ...]  # ", including 25 children", ", 5 of them women"
    fate_after: re.Pattern[str]  # "(two of the wounded) later died": what became of a part

    def victim_of(self, form: str | None) -> tuple[str | None, str | None]:
        """(normalised victim, kind) of a matched victim noun; (None, None) when there is none."""
        return self.victims.get(" ".join((form or "").lower().split()), (None, None))


class _Slots(NamedTuple):
    """The sub-patterns the rules share: a count, a victim noun and the words around them."""

    q: str
    victim: str
    victim_forms: str
    mod: str
    mod_and: str
    aux: str
    partitive: str
    with_victim: str
    with_listed: str


def _slots(rows: tuple[dict[str, str], ...], victims: dict[str, tuple[str, str]]) -> _Slots:
    q = rf"(?P<q>{quantity_source()})"
    # Words between a count and its victim noun ("49 of his country's", "70 regime and rebel"):
    # neither casualty words nor victim nouns, but for a victim noun right before another
    # ("rebel fighters", "police officers"); "and"/"or" only where a victim noun must follow.
    # Nor another count, spelled out as digits are: in "one official said six children were
    # killed" the count is six.
    victim_forms = alternation(victims)
    stops = {row["word"] for row in rows} | set(victims) | count_words()
    not_mod = rf"(?:{_MOD_STOP}|{alternation(stops)})\b"
    victim_before_victim = rf"(?:{victim_forms})\s+(?=(?:{victim_forms})\b)"
    token = rf"(?:(?!\d)(?!{not_mod})[\w’'()-]+\s+|{victim_before_victim})"
    mod = rf"(?:(?:of\s+)?{token}){{0,4}}?"
    mod_and = rf"(?:(?:of\s+|and\s+|or\s+)?{token}){{0,4}}?"
    victim = rf"(?P<victim>{victim_forms})\b"
    partitive = rf"{_PARTITIVE_AFTER}(?:{victim_forms})\b"
    aux = (
        r"(?:(?:were|was|are|is|have|has|had|been|being|be|reportedly|also|all|allegedly|later|"
        r"subsequently|now|initially|confirmed|believed|feared|thought|said|estimated|reported|"
        r"to|either|\w+ly)\s+){0,5}"
    )
    with_victim = rf"(?:{mod_and}{victim}{_PARENTHETICAL})"
    # "23 civilians and 16 fighters were killed", "3 soldiers, 2 police and 5 civilians": the
    # first figures of a list that one verb closes (the last is a figure of its own).
    listed = rf"(?:{_LIST_SEPARATOR}{quantity_source('listed')}\s+{mod_and}(?:{victim_forms})\b)"
    with_listed = rf"(?:{mod_and}{victim}(?P<conj>{listed}{{1,3}})?{_PARENTHETICAL})"
    return _Slots(q, victim, victim_forms, mod, mod_and, aux, partitive, with_victim, with_listed)


def _pattern_sources(by_role: dict[str, list[str]], s: _Slots) -> dict[str, str]:
    """Each rule's pattern: where the count, the victim and the casualty word stand."""

    def role(name: str) -> str:
        return alternation(by_role[name])

    q, mod, mod_and, victim, aux = s.q, s.mod, s.mod_and, s.victim, s.aux
    return {
        "after": rf"{q}\s+{s.with_listed}?{aux}(?P<w>{role('after')})\b",
        "single": (
            rf"\b(?P<q>an?)\s+{mod}{victim}\s+(?:was|is|has\s+been|had\s+been|got)\s+{aux}"
            rf"(?P<w>{role('after')})\b"
        ),
        "before": (
            rf"\b(?P<w>{role('before')})\s+{_ACCORDING}{q}(?!{s.partitive})"
            rf"(?:\s+{mod_and}{victim})?"
        ),
        "left": (
            rf"\b(?:{alternation(_LEFT_VERBS)})\s+{q}\s+{s.with_victim}?"
            rf"(?P<conj>and\s+(?:[\w\u2019'-]+\s+){{1,3}}?)?(?P<w>{role('left')})\b"
        ),
        "noun": rf"{q}\s+{mod}(?P<w>{role('noun')})\b",
        "of": rf"\b(?P<w>{role('of')})\s+of\s+{q}(?:\s+{mod}{victim})?",
        "lives": rf"\b(?P<w>{role('lives')})\s+{q}\s+(?:[\w’'-]+\s+)?lives\b",
        "lives_of": (
            rf"\b(?P<w>{role('lives')})\s+(?:the\s+)?lives\s+of\s+{q}(?:\s+{mod}{victim})?"
        ),
        "lost": rf"\b(?P<w>{role('lost')})\s+{q}\s+{mod_and}{victim}",
        "toll": (
            rf"\b(?P<w>{role('toll')})\b[^.;:!?]{{0,60}}?\b(?:to|at|of|reached|reaches|hit|hits|"
            rf"topped|exceeded|surpassed|passed|is|was|stands|stood|now)\s+{q}"
        ),
        "unspecified": (
            rf"{victim}\s+(?:(?:have|has|had|were|was)\s+){aux}(?P<w>{role('after')})\b"
        ),
        "among": rf"\b(?P<w>{role('among')})\s+among\s+(?:the\s+)?{mod}{victim}",
    }


def _opens(victims: dict[str, tuple[str, str]]) -> dict[str, frozenset[str]]:
    """The words a closed rule may start with: a count's first word, "a", a victim noun, "left"."""
    first_words = {
        "after": quantity_first_words(),
        "noun": quantity_first_words(),
        "single": {"a", "an"},
        "unspecified": {form.split()[0] for form in victims},
        "left": set(_LEFT_VERBS),
    }
    opens: dict[str, frozenset[str]] = {}
    for rule, firsts in first_words.items():
        for word in firsts:
            opens[word] = opens.get(word, frozenset()) | {rule}
    return opens


@cache
def compiled_rules() -> Rules:
    """The grammar, compiled once per process."""
    rows = table("casualty_words")
    by_role: dict[str, list[str]] = {}
    for row in rows:
        by_role.setdefault(row["role"], []).append(row["word"])
    victims = victim_nouns()
    s = _slots(rows, victims)
    q, victim, mod, mod_and, aux = s.q, s.victim, s.mod, s.mod_and, s.aux
    rules_of_word: dict[str, tuple[str, ...]] = {}
    for row in rows:
        key = word_key(row["word"])
        rules_of_word[key] = rules_of_word.get(key, ()) + _RULES_OF_ROLE[row["role"]]
    opens = _opens(victims)
    return Rules(
        trigger=PhraseFinder(rules_of_word),
        opener=re.compile(rf"(?<![\w.,])\d|\b(?:{alternation(opens)})\b"),
        opener_bytes=re.compile(rb" (?=\d|(?:" + alternation(opens).encode() + rb")(?!\w))"),
        opens=opens,
        next_word=re.compile(rf"\s+(?:{q}|{victim})"),
        next_listed=re.compile(rf"{_LIST_SEPARATOR}{q}\s+{mod_and}{victim}"),
        patterns={name: re.compile(src) for name, src in _pattern_sources(by_role, s).items()},
        rules_of_word=rules_of_word,
        outcome={(row["role"], row["word"]): row["outcome"] for row in rows},
        victims=victims,
        opens_partitive=re.compile(s.partitive),
        part_after=(
            re.compile(
                r"\s*[,\u2013\u2014(-]?\s+(?:including|among\s+them|among\s+whom|of\s+whom)\s+"
                rf"{q}\s+{mod_and}{victim}"
            ),
            re.compile(rf"\s*[,\u2013\u2014(-]?\s+{q}{_PARTITIVE_AFTER}(?:were\s+)?{victim}"),
        ),
        fate_after=re.compile(
            rf"\s+{aux}(?P<w>{alternation(by_role['after'])})\b|\s+(?:were|are)\s+{mod}{victim}"
        ),
        own_side=re.compile(
            rf"\b(?:{alternation(words('own_side_possessives'))})(?![\w])", re.IGNORECASE
        ),
    )


def word_key(word: str) -> str:
    return " ".join(word.lower().replace("’", "'").split())


@cache
def victim_nouns() -> dict[str, tuple[str, str]]:
    """Victim noun form -> (normalised victim, kind): the lexicon's nouns, and the plurals of
    demonyms ("12 Syrians were killed"), which count people of that country, of no class."""
    nouns = {row["form"]: (row["victim"], row["kind"]) for row in table("victim_nouns")}
    for plural in demonym_plurals():
        nouns.setdefault(plural, ("people", "person"))
    return nouns


@cache
def _victim_kinds() -> dict[str, str]:
    return {victim: kind for victim, kind in victim_nouns().values()}


def victim_kind(victim: str | None) -> str | None:
    return _victim_kinds().get(victim) if victim else None
