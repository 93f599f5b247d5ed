"""The document in lower case, with the same offsets, made once and shared by every stage.

Why: the rules are lower-case patterns run on lower-cased text (twice as fast in CPython's `re`
as re.IGNORECASE), and speakers, casualties, statements and times all read the same document.
The last few texts' copies are kept, so a document is lower-cased once however many stages
ask for it. The same goes for `word_bytes`, the copy the word-list scans search.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=8)
def lowered(text: str) -> str:
    """`text.lower()` with the same length, so every offset into it indexes `text` too: a
    character whose lower case is longer ("İ") is kept as it is."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


# Bytes that cannot be in an ASCII word (non-ASCII characters arrive as "?", one of them).
_WORD_ENDS = bytes(c for c in range(128) if not (chr(c).isalnum() or chr(c) == "_"))
_SEPARATORS = bytes.maketrans(_WORD_ENDS, b" " * len(_WORD_ENDS))


@lru_cache(maxsize=2)
def word_bytes(low: str) -> bytes:
    """`low` one byte a character, every byte that ends a word a space, after one leading space
    (so index i + 1 here is index i of `low`). Why: every word start then follows a space, the
    one byte CPython's `re` searches for without entering the matcher, which makes a scan for
    a list of words about twice as fast as on the text itself. Only the document being read
    asks for it, so two are kept, not eight as of `lowered`: each is as large as its document."""
    return b" " + low.encode("ascii", "replace").translate(_SEPARATORS)
