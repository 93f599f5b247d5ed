"""The demo corpus: Armenia's defence ministry is one source in every article, whatever each
article calls it (the names below are the articles' own, listed here as gold, not as rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.extract.document import extract_document

SEEDS = Path(__file__).parents[2] / "seeds" / "articles"
ARMENIAN_DEFENCE_MINISTRY = {
    "Yerevan MoD", "Armenia's defense ministry", "ARM MOD", "MOD", "Armenian Defence Ministry",
    "defense ministry in Yerevan", "Armenian defense ministry", "Armenian Ministry of Defense",
    "Armenia's Ministry of Defense", "Armenia's Defense Ministry", "Defense Ministry",
}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda path: path.name[:3])
def test_each_article_gives_the_ministry_one_source(path: Path) -> None:
    _, extraction = extract_document(path.name, path.read_text(encoding="utf-8"))
    ministry = {
        (statement["speaker_country"], statement["source_key"])
        for statement in extraction.statements
        if statement["source_name"].replace("’", "'") in ARMENIAN_DEFENCE_MINISTRY
    }
    assert ministry == {("ARM", "defense ministry")}
