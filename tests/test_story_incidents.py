"""One story told by several outlets over two days is one incident; an unrelated event of the
same day in the same country is another. With front matter (outlet, publication time) and as
plain text, where only the words and the places can tell."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.test_pipeline import run_pipeline

pytestmark = pytest.mark.slow

STORIES = Path(__file__).parent / "stories"
BOMBING = {
    "bombing_police.txt",  # police: at least 12
    "bombing_syndicated.txt",  # a near-copy of it from another outlet
    "bombing_hospital.txt",  # the hospital: 15
    "bombing_nearly.txt",  # witnesses: nearly 20
    "bombing_next_day.txt",  # next day, about "Tuesday's car bombing"
}


def incidents_by_file(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return dict(conn.execute(
            "select source_id, incident_id from documents"
        ).fetchall())


def without_front_matter(text: str) -> str:
    _, _, body = text.partition("\n---\n")
    return body.lstrip("\n")


@pytest.mark.parametrize("front_matter", [True, False], ids=["front-matter", "plain-text"])
def test_a_story_over_two_days_is_one_incident_apart_from_another_event(
    prefect_server, tmp_path, front_matter
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in STORIES.glob("*.txt"):
        text = article.read_text(encoding="utf-8")
        (corpus / article.name).write_text(
            text if front_matter else without_front_matter(text), encoding="utf-8"
        )
    warehouse = tmp_path / "corroborate.duckdb"
    run_pipeline([corpus], warehouse)

    incidents = incidents_by_file(warehouse)
    assert len({incidents[name] for name in BOMBING}) == 1
    assert incidents["flood.txt"] != incidents["bombing_police.txt"]
