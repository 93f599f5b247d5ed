"""The document in lower case, with the same offsets, made once and shared by every stage.

Why: the rules are lower-case patterns run on lower-cased text (twice as fast in CPython's `re`
as re.IGNORECASE), and speakers, casualties, statements and times all read the same document.
The last few texts' copies are kept, so a document is lower-cased once however many stages
ask for it.
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
