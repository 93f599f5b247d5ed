"""The page-furniture patterns of `boilerplate.txt`, compiled once.

Each section becomes one alternation, so a line is tested against every pattern of a section
in a single regex call: the cleaning rules stay at regex speed however long the list grows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.txt")
_SECTION = re.compile(r"\[(\w+)\]")


class Boilerplate(NamedTuple):
    cut: re.Pattern[str]  # sub("") anywhere
    line_break: re.Pattern[str]  # sub("\n") anywhere
    drop_line: re.Pattern[str]  # fullmatch a line
    credit_line: re.Pattern[str]  # fullmatch a line
    credit_source: re.Pattern[str]  # search: a credit name ending the line
    credit_source_reach: int  # how far from the line's end such a match can start


def read_sections(path: Path = BOILERPLATE_FILE) -> dict[str, list[str]]:
    """Section name -> its patterns, in file order, without comments and blank lines."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if header := _SECTION.fullmatch(entry):
            current = sections.setdefault(header[1], [])
        elif current is None:
            raise ValueError(f"{path}: pattern {entry!r} comes before any [section]")
        else:
            current.append(entry)
    return sections


@cache
def boilerplate() -> Boilerplate:
    sections = read_sections()

    def alternation(name: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in sections[name]), re.IGNORECASE | flags)

    names = sorted(sections["credit_source"], key=len, reverse=True)
    sources = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in names)
    return Boilerplate(
        cut=alternation("cut", re.DOTALL),
        line_break=alternation("line_break"),
        drop_line=alternation("drop_line"),
        credit_line=alternation("credit_line"),
        credit_source=re.compile(rf"(?:^|[\s/|(:©,–—-])(?:{sources})\)?$", re.IGNORECASE),
        credit_source_reach=len(names[0]) + 2,  # a separator, the name, a closing bracket
    )
