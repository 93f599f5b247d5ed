"""The demo corpus and the evaluation feed ingest into clean documents."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from corroborate.ingest import ingest_paths
from corroborate.ingest.cleaning import clean_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "articles"
# The FA-KES development feed, from the evaluation folder `make bench` reads (beside the repository
# unless CORROBORATE_EVAL_DIR names another).
EVAL_DIR = Path(os.environ.get("CORROBORATE_EVAL_DIR", ROOT.parent / "shared" / "eval"))
DEV_FEED = EVAL_DIR / "fakes" / "dev.jsonl"
RESIDUE = re.compile(r"<|-->|gtag|IMAGE SOURCE|Wikimedia Commons|Wikipedia$|Related article")


@pytest.fixture(scope="module")
def seeds() -> dict[str, dict]:
    batch = ingest_paths([SEEDS])
    assert batch.rejected == []
    return {document["source_id"][:3]: document for document in batch.documents}


def test_all_five_seed_articles_load(seeds: dict[str, dict]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]


def test_no_residue_or_credit_lines_are_left(seeds: dict[str, dict]) -> None:
    for document in seeds.values():
        for paragraph in document["text"].split("\n\n"):
            assert not RESIDUE.search(paragraph), (document["source_id"], paragraph)


def test_text_is_paragraphs_separated_by_one_blank_line(seeds: dict[str, dict]) -> None:
    for document in seeds.values():
        text = document["text"]
        assert text == text.strip()
        assert "\n\n\n" not in text
        assert all(paragraph.strip() == paragraph != "" for paragraph in text.split("\n\n"))
        assert document["char_count"] == len(text)


def test_headlines_are_titles_and_appear_once(seeds: dict[str, dict]) -> None:
    assert seeds["000"]["title"].startswith("Russia Brokers Armenia-Azerbaijan Truce")
    assert seeds["001"]["title"] == (
        "Russia Negotiates Armenia-Azerbaijan Ceasefire After Renewed Clashes Kill at Least 50"
    )
    for document in seeds.values():
        if document["title"]:
            assert document["text"].startswith(document["title"] + "\n\n")
            assert document["text"].count(document["title"]) == 1


def test_image_captions_go_with_their_credits(seeds: dict[str, dict]) -> None:
    assert "Map" not in seeds["000"]["text"]
    assert "Khodaafarin Bridge" not in seeds["001"]["text"]
    assert "September 13, 2022" in seeds["001"]["text"]  # the dateline stays


def test_hard_wrapped_article_is_rejoined(seeds: dict[str, dict]) -> None:
    text = seeds["002"]["text"]
    paragraphs = text.split("\n\n")
    assert "reached a Russia-brokered ceasefire, ending hostilities that erupted earlier" in text
    assert "said Security Council Secretary Armen Grigoryan." in text
    assert "called on all parties to respect the agreements" in text  # across stray blank lines
    assert not any(paragraph[0].islower() for paragraph in paragraphs)
    unfinished = [p for p in paragraphs if not re.search(r"[.!?][\"”]?$", p)]
    assert unfinished == ["Appeals to Moscow"]


def test_cleaning_is_idempotent(seeds: dict[str, dict]) -> None:
    for document in seeds.values():
        assert clean_text(document["text"], document["title"]) == document["text"]


@pytest.mark.skipif(not DEV_FEED.exists(), reason="shared evaluation data is not here")
def test_evaluation_feed_loads_as_it_is() -> None:
    records = [json.loads(line) for line in DEV_FEED.read_text(encoding="utf-8").splitlines()]
    batch = ingest_paths([DEV_FEED])
    assert batch.rejected == []
    assert len(batch.sources) == len(records) == 397
    assert len(batch.documents) == len({doc["doc_id"] for doc in batch.documents})
    assert len(batch.documents) == len({clean_text(r["text"], r["title"]) for r in records})
    first = batch.documents[0]
    assert first["source_id"] == records[0]["id"]
    assert first["outlet"] == records[0]["outlet"]
    assert first["published_at"].isoformat() == records[0]["published"] + "T00:00:00+00:00"
    assert {doc["published_precision"] for doc in batch.documents} == {"day"}
