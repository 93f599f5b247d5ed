"""Word lists the rules use, read from the data files in `extract/lexicon/`.

Keeping words in data files (one entry a line, `#` for comments) lets a reviewer read and extend
them without touching code, in the manner of HeidelTime's language resources.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import wordfreq

LEXICON_DIR = Path(__file__).with_name("lexicon")


@cache
def words(name: str) -> tuple[str, ...]:
    """The entries of `lexicon/<name>.txt`, in file order, without comments or blank lines."""
    lines = (LEXICON_DIR / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(entry for line in lines if (entry := line.split("#", 1)[0].strip()))


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """The rows of `lexicon/<name>.csv` as dicts keyed by the header."""
    with (LEXICON_DIR / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return tuple(rows)


@cache
def word_map(name: str, column: str, kind: Callable[[str], Any] = str) -> dict[str, Any]:
    """`lexicon/<name>.csv` as a dict from each row's `word` to its `column`, read as `kind`:
    what most of the rules look a word up in."""
    return {row["word"]: kind(row[column]) for row in table(name)}


@cache
def english_frequencies() -> dict[str, float]:
    """How often each English word is written (wordfreq's large list, lower case): what tells
    a rare name from a common word. Loaded once for every rule that asks."""
    return wordfreq.get_frequency_dict("en", "large")
