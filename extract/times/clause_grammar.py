"""The grammar a timeline summary is cut by: the words that open, close and join clauses
(`lexicon/clause_words.csv`, an example beside each role), compiled once into the patterns and
word sets `summaries.py` reads sentences with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corroborate.extract.lexicon import table
from corroborate.extract.lexicon import words as lexicon_words
from corroborate.extract.numbers import alternation


@dataclass(frozen=True)
class ClauseGrammar:
    """The clause words by role, compiled: what `summaries.py` matches sentences with."""

    breaks: re.Pattern[str]  # where a clause may end: a hard break, a comma, an opener word
    speech: frozenset[str]  # "said": a "that" after it opens no clause of its own
    time_lead: frozenset[str]  # "as of", "earlier on" right before a time
    time_tail: re.Pattern[str]  # "local time" right after one
    aux: frozenset[str]  # "was", "had been": between a subject and its verb
    only_aux: re.Pattern[str]  # nothing but auxiliaries between a clause break and a verb
    relative: frozenset[str]  # "which", "that": open a relative clause
    relative_gap: re.Pattern[str]  # ", which left hundreds dead, " or "that was" before a verb
    filler: re.Pattern[str]  # "and", "however" opening a clause
    result: re.Pattern[str]  # ", killing 12", ", leaving 3 dead"
    where: re.Pattern[str]  # "near (the)" before a place name
    reported: re.Pattern[str]  # "first reported" ending a trigger's clause (its time cut)
    opener: re.Pattern[str]  # an opener word, at a sentence's start
    phrase: re.Pattern[str]  # "as part of": an opener word that opens no clause
    tail_stop: frozenset[str]  # a word a summary must not end on ("of", "the", "and")
    no_subject: frozenset[str]  # a word no subject holds: an opener, an auxiliary, "said", "in"
    list_joint: re.Pattern[str]  # "and", "or" opening a list's last item
    inverts: frozenset[str]  # "said" in "“...,” said the minister": the speaker follows it


@cache
def clause_grammar() -> ClauseGrammar:
    """The grammar, compiled once per process (the patterns are built from every word)."""
    by_role: dict[str, list[str]] = {}
    for row in table("clause_words"):
        by_role.setdefault(row["role"], []).append(row["word"])

    def words(*roles: str) -> str:
        return alternation([word for role in roles for word in by_role[role]])

    dateline_words = lexicon_words("dateline_cues")
    weekdays = [row["word"] for row in table("weekdays")]
    results = [
        row["word"]
        for row in table("casualty_words")
        if row["role"] in ("before", "lives", "lost") and row["word"].endswith("ing")
    ]
    return ClauseGrammar(
        # Run on lower-case text, every branch opening with a literal (an opener word with the
        # space before it), so that `re` skips to the candidates in C: the marks are listed one
        # by one, since a branch that opens with a character class turns that skip off.
        breaks=re.compile(rf";|:|—|–|\[|\]|,(?=[”’\"]?\s)| (?:{words('opener', 'relative')})\b"),
        reported=re.compile(
            rf"\s+(?:(?:{words('aux')}|first|\w+ly)\s+)*(?:{words('speech')})\b(?=\s*(?:[,.;:]|$))"
        ),
        opener=re.compile(rf"(?:{words('opener', 'relative')})\b"),
        phrase=re.compile(rf"(?:{words('phrase')})\b"),
        speech=frozenset(by_role["speech"]),
        # With the dateline cues and weekday names: "Published Wed Feb 17 2016" goes whole.
        time_lead=frozenset(
            word
            for entry in (*by_role["time_lead"], *dateline_words, *weekdays)
            for word in entry.split()
        ),
        time_tail=re.compile(rf"\s+(?:{words('time_tail')})\b"),
        aux=frozenset(by_role["aux"]),
        only_aux=re.compile(rf"\s*(?:(?:{words('aux')})\s+)*$"),
        relative=frozenset(by_role["relative"]),
        relative_gap=re.compile(
            rf"(?:,\s*(?:{words('relative')})\b(?:[^,;]|,(?!\s))*,|\b(?:{words('relative')})\b)"
            r"\s*$"
        ),
        filler=re.compile(rf"(?:(?:{words('filler')})\b[\s,]*)+", re.IGNORECASE),
        result=re.compile(rf"\s*,\s+(?:{alternation([*results, *by_role['result']])})\b"),
        where=re.compile(rf"\b(?:{words('where')})\s+(?:the\s+)?$", re.IGNORECASE),
        tail_stop=frozenset(
            word
            for role in ("opener", "relative", "time_lead", "aux", "filler", "where")
            for word in by_role[role]
        )
        | {"of", "to", "for", "with", "the", "a", "an", "and", "or", ""},
        list_joint=re.compile(rf"(?:{words('joint')})\b"),
        inverts=frozenset(by_role["inverts"]),
        no_subject=frozenset(
            word
            for role in ("opener", "relative", "time_lead", "aux", "filler", "where", "speech")
            for entry in by_role[role]
            for word in entry.split()
        ),
    )
