"""The shared lower-cased text keeps offsets, and reference tables are parsed once."""

from __future__ import annotations

from corroborate.extract import geonames
from corroborate.extract.lowercase import lowered


def test_lowered_keeps_every_offset() -> None:
    text = "İstanbul SAID: Killed"
    low = lowered(text)
    assert len(low) == len(text)
    assert low[text.index("SAID") : text.index("SAID") + 4] == "said"
    assert low[0] == "İ"  # its lower case is two characters long


def test_geonames_tables_are_parsed_once() -> None:
    assert geonames.cities() is geonames.cities()
    assert geonames.countries() is geonames.countries()
