"""Turn scraped article text into clean paragraphs, one small rule at a time.

The cleaned text is what `documents.text` stores, what every claim offset indexes, and what the
document id hashes, so every rule aims at one canonical form: NFC text, one paragraph per line,
paragraphs separated by exactly one blank line, no page furniture. Then the same article scraped
twice, with other line endings, spacing or wrapping, gets the same id.

Rules work on a list of lines in which "" separates blocks (runs of lines with no blank line
between them). The patterns that recognise furniture live in `boilerplate.txt`; the rules here
only decide where a pattern applies.
"""

from __future__ import annotations

import html
import re
import unicodedata
from itertools import pairwise

from corroborate.ingest.boilerplate import boilerplate

_LINE_BREAK_CHARS = r"\r\x0b\x0c\x85\u2028\u2029"
_ODD_SPACE_CHARS = r"\t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Control characters, soft hyphens, zero-width spaces, direction marks and byte-order marks:
# invisible, and they would make equal texts hash differently.
_INVISIBLE_CHARS = (
    r"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff"
)
_ODD_CHAR = re.compile(f"[{_LINE_BREAK_CHARS}{_ODD_SPACE_CHARS}{_INVISIBLE_CHARS}]")
_LINE_BREAKS = re.compile(f"\r\n|[{_LINE_BREAK_CHARS}]")
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_SPACE_RUN = re.compile(" {2,}")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.IGNORECASE)
_SENTENCE_END = ".!?…"
_CLOSERS = "\"'”’»)]"
_CREDIT_MAX_WORDS = 12
_CREDIT_MAX_CHARS = 150
_CAPTION_MAX_WORDS = 40
_WRAP_MAX_WIDTH = 130  # wider "lines" are paragraphs, not hard wraps
_WRAP_MIN_LINES = 3
_WRAP_NEAR_WIDTH = 0.75  # a wrapped line fills at least this share of the width ...
_WRAP_SHARE = 0.6  # ... and at least this share of a wrapped document's lines do
_WRAP_FULL_LINE = 0.6  # shorter lines end a paragraph (headlines, datelines, last lines)


def clean_text(text: str, title: str | None = None) -> str:
    """The article as clean paragraphs ("" when nothing is left). `title` is the known headline."""
    lines = split_lines(normalise_characters(remove_markup(text)))
    lines = drop_boilerplate_lines(lines)
    lines = drop_image_credits(lines)
    lines = drop_repeated_headline(lines, title)
    paragraphs = join_broken_paragraphs(unwrap_lines(lines))
    return "\n\n".join(paragraphs)


def remove_markup(text: str) -> str:
    """Strip scripts, comments and tags left in the text, and decode HTML entities."""
    if "<" in text:
        rules = boilerplate()
        text = rules.line_break.sub("\n", rules.cut.sub("", text))
    if "&" in text:
        text = _ENTITY.sub(lambda entity: html.unescape(entity[0]), text)
    return text


def normalise_characters(text: str) -> str:
    """NFC, "\\n" line ends, plain spaces for odd ones, and no invisible characters."""
    if _ODD_CHAR.search(text):  # most texts have none: one scan instead of three
        text = _LINE_BREAKS.sub("\n", text)
        text = _ODD_SPACES.sub(" ", text)
        text = _INVISIBLE.sub("", text)
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def split_lines(text: str) -> list[str]:
    """Lines without leading, trailing or repeated spaces; blank lines become ""."""
    if "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return [line.strip() for line in text.split("\n")]


def drop_boilerplate_lines(lines: list[str]) -> list[str]:
    """Remove HTML/script residue, "Read more"-style links and share prompts."""
    drop_line = boilerplate().drop_line
    return [line for line in lines if not (line and drop_line.fullmatch(line))]


def drop_image_credits(lines: list[str]) -> list[str]:
    """Remove image credits and the caption line directly above each.

    A credit is a line with a marker ("IMAGE SOURCE: ...", "Photo: ...") or a short line ending
    in a photo source ("... Wikimedia Commons", "... / AFP"). A caption is the line right above
    it in the same block, if it has no final period. The first line is the headline, so it is
    never a caption, nor a credit for ending in a source ("Syria says ... - Reuters").
    """
    first = _first_content(lines)
    is_marked_credit = boilerplate().credit_line.fullmatch
    dropped: set[int] = set()
    for index, line in enumerate(lines):
        if not line:
            continue
        if not (is_marked_credit(line) or (index != first and _ends_in_source(line))):
            continue
        dropped.add(index)
        above = index - 1
        if above > first and lines[above] and above not in dropped and _is_caption(lines[above]):
            dropped.add(above)
    return [line for index, line in enumerate(lines) if index not in dropped]


def drop_repeated_headline(lines: list[str], title: str | None = None) -> list[str]:
    """Keep only the first occurrence of the headline (the first line, or the known title).

    Lines compare ignoring case; they are tidy (see `split_lines`), so only lines as long as a
    headline need comparing.
    """
    first = _first_content(lines)
    headlines = [lines[first]] if first is not None else []
    if title:
        headlines.append(" ".join(title.split()))
    keys = {headline.casefold() for headline in headlines}
    lengths = {len(headline) for headline in headlines}
    seen: set[str] = set()
    kept = []
    for line in lines:
        if len(line) in lengths and (key := line.casefold()) in keys:
            if key in seen:
                continue
            seen.add(key)
        kept.append(line)
    return kept


def unwrap_lines(lines: list[str]) -> list[str]:
    """Paragraphs from lines: join lines broken mid-sentence, keep every other break.

    A line break continues the sentence when the line does not end one and the next line starts
    in lowercase, or, in a hard-wrapped document, when the line fills most of the wrap width.
    Every break that is kept becomes a paragraph break.
    """
    blocks = _blocks(lines)
    width = _wrap_width(blocks)
    paragraphs = []
    for block in blocks:
        paragraphs.append(block[0])
        for previous, line in pairwise(block):
            if _continues(previous, line, width):
                paragraphs[-1] = _joined(paragraphs[-1], line)
            else:
                paragraphs.append(line)
    return paragraphs


def join_broken_paragraphs(paragraphs: list[str]) -> list[str]:
    """Rejoin a sentence split by stray blank lines ("called on all" / "parties to respect")."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and _continues(joined[-1], paragraph, None):
            joined[-1] = _joined(joined[-1], paragraph)
        else:
            joined.append(paragraph)
    return joined


def _ends_in_source(line: str) -> bool:
    return (  # cheapest tests first: this runs on every line
        len(line) <= _CREDIT_MAX_CHARS
        and not _ends_sentence(line)
        and _names_a_source_at_end(line)
        and len(line.split()) <= _CREDIT_MAX_WORDS
    )


def _is_caption(line: str) -> bool:
    return len(line.split()) <= _CAPTION_MAX_WORDS and not _ends_sentence(line)


def _names_a_source_at_end(line: str) -> bool:
    """Search only the end of the line: a name can be nowhere else, and long lines are common."""
    rules = boilerplate()
    start = max(0, len(line) - rules.credit_source_reach)
    return rules.credit_source.search(line, start) is not None


def _ends_sentence(line: str) -> bool:
    tail = line.rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_END


def _continues(line: str, following: str, wrap_width: int | None) -> bool:
    if _ends_sentence(line):
        return False
    if following[:1].islower():
        return True
    return wrap_width is not None and len(line) >= _WRAP_FULL_LINE * wrap_width


def _joined(line: str, following: str) -> str:
    """Join with a space, or without one after a word broken at its hyphen ("Russia-/brokered")."""
    if line.endswith("-") and line[-2:-1].isalpha() and following[:1].isalpha():
        return line + following
    return f"{line} {following}"


def _blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _wrap_width(blocks: list[list[str]]) -> int | None:
    """The width a document was hard-wrapped at, or None when its lines are paragraphs.

    Wrapped text shows as many lines that are followed by another line of the same block and
    nearly all fill the same width (80 or so characters).
    """
    inner = [len(line) for block in blocks for line in block[:-1]]
    if len(inner) < _WRAP_MIN_LINES:
        return None
    width = max(inner)
    near = sum(length >= _WRAP_NEAR_WIDTH * width for length in inner)
    if width > _WRAP_MAX_WIDTH or near < _WRAP_SHARE * len(inner):
        return None
    return width


def _first_content(lines: list[str]) -> int | None:
    return next((index for index, line in enumerate(lines) if line), None)
