"""Timeline summaries: who did what to whom, where, read from the sentence that reports a
happening.

Why: the sentence itself often opens with background ("The raids come as a continuation of
...") and a fixed phrase ("attack: Tuesday") says nothing. News reports a happening in one
clause: its subject (the actor), the trigger (a verb or a noun naming the happening), its object
(the target, the victims with their count) and a place phrase: "rebels shelled army positions
near the town". The summary is that clause with the times, parentheses and the clauses around it
cut; a result clause of casualties after it stays (", killing 12 soldiers": to whom), a
statement keeps what was said, and the happening's place is added where the clause lacks it
("met in the capital"). A noun trigger whose time stands in the relative clause right after it
is told by that clause ("the agreements that were reached in May 2021"), not by the clause the
noun stands in. A verb that opens its clause after appositives takes the noun phrase that opens
the sentence ("Nearly 100 people, including 20 children, were killed"). The words that open and
close clauses are in `lexicon/clause_words.csv` (`clause_grammar.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import NamedTuple

from corroborate.extract.places import PlaceMention
from corroborate.extract.sentences import Sentence
from corroborate.extract.times.clause_grammar import ClauseGrammar, clause_grammar

_MAX_WORDS = 24
_SUBJECT_WORDS = 8  # "Mid-South Canterbury Area Commander Inspector Dave Gaskin"
_WORD = r"[\w’'-]+"
_TWO_WORDS = re.compile(r"(?<![\w’'-])[^\W\d_][\w’'-]*\W+(?:\S*\s+)*?[^\W\d_]")
_CLOSING_QUOTE = re.compile(r"\s*([”’\"])")
_LIST_TAIL = re.compile(rf"\s*(?:and|or)\s+(?:{_WORD}\s+){{0,2}}$")
_LISTED = re.compile(rf"\s*(?:(?:and|or)\s+)?({_WORD})")
_LAST_WORD = re.compile(rf"({_WORD})\s*$")
_FIRST_WORD = re.compile(rf"\s*({_WORD})")
_PARENTHESIS = re.compile(r"\([^()]*\)")
_LEADING = " ,;:.\"“”'’-"  # stray marks a summary does not open with
_CLOSING_MARKS = "”’\"'"  # a quotation's closing marks, before a verb of saying
_TRAILING = " ,;:.-"
_MARKS = ",;:.!?”’"
_SPACE_BEFORE_MARK = re.compile(rf" (?=[{_MARKS}])")
# A time that names a thing stays: "the 2020 war" before its trigger, and a time in the
# possessive anywhere ("last year's war", "from Monday's car bombing"), which is part of a
# noun phrase, not an adverb of the clause (cut, it left "from 's car bombing").
_POSSESSIVE = re.compile(r"['’]s\b")
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|this|that)\s+$")
_DETERMINERS = r"\b(?:the|a|an|its|their|his|her|this|these|those)\s+"
# The last words of a noun phrase: "the artillery", "drone".
_NOUN_TAIL = re.compile(rf"(?:{_DETERMINERS})?(?:{_WORD}\s+)?{_WORD}\s*$", re.IGNORECASE)
# The noun phrase a relative clause follows: "a three-week war over the disputed province".
_ANTECEDENT = re.compile(
    rf"(?:{_DETERMINERS}|\b\d[\d,.]*\s+)(?:{_WORD}\s+){{0,7}}{_WORD}[\s,]*$", re.IGNORECASE
)


def summarise(
    sentence: Sentence,
    anchor: tuple[int, int],
    times: Sequence[tuple[int, int]],
    event_type: str,
    place: PlaceMention | None,
) -> str:
    """The happening's clause, read around `anchor` (its trigger, or its time when there is
    none; offsets into the sentence), without the sentence's `times`."""
    g = clause_grammar()
    text = sentence.text
    masked = _masked(text, anchor, times, tuple(anchor) not in times, g)
    low = _lower(masked)
    end = _clause_end(masked, low, anchor[1], g)
    start, subject = _clause_start(masked, low, anchor[0], end, g)
    told = _told_by_relative(masked, low, anchor, end, times, g)
    if told is not None:
        (start, end), subject = told, ""
    body = subject + masked[start:end]
    result = g.result.match(low, end)
    if result is not None:
        body += masked[end : _clause_end(masked, low, result.end(), g)]
    if event_type == "statement" and start > 0 and not subject:
        inverted = _inverted(masked, start, end, g)
        if inverted is not None:  # "“...,” said the minister": "The minister said “...”"
            body = f"{inverted[1]} {inverted[0]}"
        if inverted is not None or not masked[anchor[1] : end].strip(" ,."):
            body = body.rstrip(_TRAILING) + " " + _what_was_said(masked, start)
    summary = _tidy(body, g)
    local = place.start - sentence.start if place else -1
    named = text[local : place.end - sentence.start] if place else ""
    if place is not None and named not in summary and masked[local : local + 1].strip():
        summary += _where(text, place, sentence.start, g)  # not a time's word: "in March"
    if _TWO_WORDS.search(summary) is None:
        summary = _tidy(text, g)  # nothing but a time and marks: "10:10 AM PDT 6 / 6 / 2013"
    return summary or " ".join(text.split())


def _what_was_said(masked: str, start: int) -> str:
    """The words before a statement's clause at `start`, with the quotation's closing mark."""
    quote = _CLOSING_QUOTE.match(masked, start)
    return masked[:start].rstrip().rstrip(",") + (quote[1] if quote else "")


def opens_result_clause(low: str, start: int) -> bool:
    """Whether the word at `start` of a lower-case sentence opens a result clause (", killing
    12 people"): what the happening before it did, not a happening of its own."""
    comma = low.rfind(",", 0, start)
    if comma < 0 or low[comma + 1 : start].strip():
        return False
    found = clause_grammar().result.match(low, comma)
    return found is not None and found.end() > start


def _masked(
    text: str,
    anchor: tuple[int, int],
    times: Sequence[tuple[int, int]],
    is_trigger: bool,
    g: ClauseGrammar,
) -> str:
    """The sentence with its times (and the words leading into them) and parentheses blanked
    out, offsets kept. A time that names a thing stays (`_POSSESSIVE`)."""
    cuts = [found.span() for found in _PARENTHESIS.finditer(text)] if "(" in text else []
    low = _lower(text)
    for start, end in times:
        if _POSSESSIVE.match(text, end) or (
            end < anchor[0]
            and not text[end : anchor[0]].strip()
            and _DETERMINER.search(low, max(0, start - 8), start)
        ):
            continue
        tail = g.time_tail.match(low, end)
        cuts.append((_lead_start(low, start, g), tail.end() if tail else end))
    for start, end in cuts:
        if is_trigger and start <= anchor[0] < anchor[1] <= end:
            continue  # never blank out the trigger itself
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _lead_start(low: str, start: int, g: ClauseGrammar) -> int:
    """Where the words leading into the time at `start` begin ("earlier on", "as of",
    "published wed"), read backwards a word at a time."""
    at = start
    while at > 0 and low[at - 1] == " ":
        begin = low.rfind(" ", 0, at - 1) + 1
        if low[begin : at - 1] not in g.time_lead:
            break
        at = begin
    return at


def _lower(text: str) -> str:
    """`text.lower()` with the same offsets (a character whose lower case is longer stays)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


class _Break(NamedTuple):
    start: int
    end: int
    is_comma: bool


def _breaks(low: str, start: int, end: int, g: ClauseGrammar) -> Iterator[_Break]:
    """The clause breaks in low[start:end] (the sentence in lower case): hard breaks, commas and
    opener words; not a phrase ("as part of"), nor "that" after a verb of saying ("said that
    they had brokered a ceasefire" is one thing said)."""
    if start == 0 and (first := g.opener.match(low)) is not None:
        yield _Break(0, first.end(), False)  # "After the war, ..."
    for found in g.breaks.finditer(low, start, end):
        at, stop = found.span()
        if low[at] == " " and low[at + 1].isalpha():
            if g.phrase.match(low, at + 1) or (
                low.startswith("that", at + 1) and _said_before(low, at, g)
            ):
                continue
            at += 1
        yield _Break(at, stop, low[at] == ",")


def _said_before(low: str, at: int, g: ClauseGrammar) -> bool:
    before = _LAST_WORD.search(low, max(0, at - 24), at)
    return before is not None and before[1] in g.speech


def _clause_start(masked: str, low: str, at: int, end: int, g: ClauseGrammar) -> tuple[int, str]:
    """Where the trigger's clause (ending at `end`) starts, and the subject to put before it
    when the clause has none of its own ("the conflict, which left hundreds dead, ended": "the
    conflict")."""
    breaks = list(_breaks(low, 0, at, g))
    if not breaks:
        return 0, ""
    start = breaks[-1].end
    first = _FIRST_WORD.match(low, start, at)
    verb_first = g.only_aux.match(low, start, at) or (
        first is not None and _is_verb(first[1], g)
    )
    if not verb_first:
        return _list_start(masked, breaks, start, at), ""
    gap = g.relative_gap.search(low, max(0, start - 200), start)
    antecedent = _ANTECEDENT.search(masked, 0, gap.start()) if gap else None
    if antecedent is not None:
        return start, antecedent.group().strip() + " "
    # A clause of one word ("died") says too little to stand for the sentence, with a subject
    # or without: the sentence stands instead (`summarise`). One that names its speaker after
    # what was said has no subject before it ("“...,” said the minister": `_inverted`).
    if not _TWO_WORDS.search(masked, start, end) or _inverted(masked, start, end, g):
        return start, ""
    return start, _opening_subject(masked, low, breaks, start, g)


def _is_verb(word: str, g: ClauseGrammar) -> bool:
    """Whether a clause's first word is its verb: an auxiliary, a verb of saying, a past."""
    return word in g.aux or word in g.speech or word.endswith("ed")


def _inverted(masked: str, start: int, end: int, g: ClauseGrammar) -> tuple[str, str] | None:
    """The verb and the speaker of a clause that is a verb of saying and who said it, as news
    writes it after what was said ("“We will not retreat,” said Colonel Omar Saleh": "said",
    "Colonel Omar Saleh"): a short phrase ending in a name, holding no word of a clause. A
    phrase in lower case ("said the minister") is not read: after "said" it is as often what
    was said ("said the rebels fled")."""
    words = masked[start:end].rstrip(_TRAILING).lstrip().lstrip(_CLOSING_MARKS).split()
    if not words or words[0].lower() not in g.inverts:
        return None
    speaker = words[1:]
    if not _names_someone(speaker, g) or not speaker[-1][:1].isupper():
        return None
    return words[0], " ".join(speaker)


def _names_someone(words: list[str], g: ClauseGrammar) -> bool:
    """Whether the words can be a subject or a speaker: a few, none of them a clause's word
    (an opener, an auxiliary, "said", "in")."""
    folded = {word.strip(_MARKS).lower() for word in words}
    return 0 < len(words) <= _SUBJECT_WORDS and not g.no_subject.intersection(folded)


def _opening_subject(
    masked: str, low: str, breaks: list[_Break], start: int, g: ClauseGrammar
) -> str:
    """The noun phrase that opens the sentence, for a clause at `start` that opens with its
    verb after appositives only (between commas, relative clauses among them): "Brian
    Nichols, 37, was found guilty", "Nearly 100 people, including 20 children, were killed".
    After a verb of saying, the phrase said of: "Police said the gunman, 45, was killed". None
    when the sentence opens otherwise: with an opener ("After the war,"), a quotation (its
    speaker comes after it) or a list ("A, 58, and B, 20, were found": not A alone)."""
    verb = _FIRST_WORD.match(low, start)
    if verb is None or not _is_verb(verb[1], g):
        return ""  # the clause has its subject after a time: "next week they journey"
    chunks = [masked[before.end : part.start]
              for before, part in pairwise([_Break(0, 0, True), *breaks])]
    opening = next((index for index, chunk in enumerate(chunks) if chunk.strip()), None)
    if (opening is None or not chunks[opening].lstrip()[:1].isalnum()
            or not all(part.is_comma for part in breaks[: opening + 1])
            or not all(part.is_comma or low[part.start : part.end] in g.relative
                       for part in breaks)):
        return ""
    between = [chunk for chunk in chunks[opening + 1 :] if chunk.strip()]
    relative_clause = low[breaks[-1].start : breaks[-1].end] in g.relative
    if (any(g.list_joint.match(chunk.lstrip().lower()) for chunk in between)
            or (relative_clause and between)):  # "A, the B, which was": the B's clause
        return ""
    return _subject_phrase(chunks[opening].split(), g)


def _subject_phrase(words: list[str], g: ClauseGrammar) -> str:
    """The words as a subject, those after a verb of saying ("Police said the gunman"), or
    none when a word no subject holds is among them, or when there are too many."""
    said = [index for index, word in enumerate(words) if word.lower() in g.speech]
    if said:
        words = words[said[-1] + 1 :]
        if words and words[0].lower() == "that":
            words = words[1:]
    phrase = " ".join(words).lstrip(_LEADING)
    return phrase + " " if _names_someone(phrase.split(), g) else ""


def _told_by_relative(
    masked: str,
    low: str,
    anchor: tuple[int, int],
    end: int,
    times: Sequence[tuple[int, int]],
    g: ClauseGrammar,
) -> tuple[int, int] | None:
    """Where the summary starts and ends when it is the noun trigger's phrase and the relative
    clause right after it: when that clause holds a time of the sentence, the time dates what
    the clause tells ("urged all parties to respect the agreements that were reached in May
    2021": "the agreements that were reached"), not the clause the noun stands in (the urging
    was that day's)."""
    opener = g.opener.match(low, end)
    if (opener is None or masked[anchor[1] : end].strip()
            or low[end : opener.end()] not in g.relative):
        return None
    stop = _clause_end(masked, low, opener.end(), g)
    if not any(end < time_start < stop for time_start, _ in times):
        return None
    head = _NOUN_TAIL.search(masked, 0, anchor[1])
    return (head.start() if head else anchor[0]), stop


def _list_start(masked: str, breaks: list[_Break], start: int, at: int) -> int:
    """A noun list before the trigger ("the artillery, drone, and mortar attacks") is one
    phrase: its commas are no clause breaks."""
    if not _LIST_TAIL.match(masked, start, at):
        return start
    index = len(breaks) - 1
    while (
        index > 0
        and breaks[index - 1].is_comma
        and len(masked[breaks[index - 1].end : breaks[index].start].split()) <= 2
    ):
        index -= 1
    if index == len(breaks) - 1:
        return start  # "the Union collapsed, and the conflict claimed": two clauses
    first = breaks[index - 1].end if index > 0 else 0
    head = _NOUN_TAIL.search(masked, first, breaks[index].start)
    return head.start() if head else breaks[index].start


def _clause_end(masked: str, low: str, at: int, g: ClauseGrammar) -> int:
    """Where the clause after the trigger ends: a hard break, an opener word, or a comma that
    opens no list of names ("in the provinces of A, B and C" goes on)."""
    reported = g.reported.match(low, at)
    if reported is not None:
        return at  # "the mortar attacks first reported at 0005": the report is not the act
    for found in _breaks(low, at, len(low), g):
        if found.is_comma:
            following = _LISTED.match(masked, found.end)
            word = following.group(1) if following else ""
            if word[:1].isupper() and not g.opener.fullmatch(word.lower()):
                continue
        return found.start
    return len(masked)


def _where(text: str, place: PlaceMention, sentence_start: int, g: ClauseGrammar) -> str:
    """ " near the town" when the sentence puts the happening's place after a locative word."""
    lead = g.where.search(text, max(sentence_start, place.start - 16), place.start)
    if lead is None:
        return ""
    words = text[lead.start() : place.start].lower().split()
    return " " + " ".join([*words, text[place.start : place.end]])


def _tidy(body: str, g: ClauseGrammar) -> str:
    """One line of words: blanks closed up, leading fillers and stray punctuation dropped,
    unbalanced quotes removed, at most `_MAX_WORDS` words, a capital first."""
    text = " ".join(body.split()).lstrip(_LEADING)
    text = _SPACE_BEFORE_MARK.sub("", text)
    while ",," in text:
        text = text.replace(",,", ",")
    filler = g.filler.match(text)
    words = (text[filler.end() :] if filler else text).lstrip(_LEADING).split()
    cut = len(words) > _MAX_WORDS
    words = words[:_MAX_WORDS]
    while words and words[-1].lower().rstrip(",;:.") in g.tail_stop:
        words.pop()
    text = " ".join(words).rstrip(_TRAILING) + (" …" if cut else "")
    if text.count("“") != text.count("”"):
        text = text.replace("“", "").replace("”", "")
    if text.count('"') % 2:
        text = " ".join(text.replace('"', "").split())
    return text[:1].upper() + text[1:]
