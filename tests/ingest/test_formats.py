"""Each input format: front matter, JSON objects and lists, JSON lines, and HTML pages."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from corroborate.ingest import Reason, ingest_paths, readers
from tests.ingest.samples import ARTICLE

BODY = "Troops withdrew from the border on Monday, the ministry said."


def test_plain_text_title_is_its_headline_line(write) -> None:
    [document] = ingest_paths([write("story.txt", ARTICLE)]).documents
    assert document["title"] == "Ceasefire Holds After Border Clashes"
    assert document["text"].startswith("Ceasefire Holds After Border Clashes\n\n")  # kept in text
    assert document["source_id"] == "story.txt"
    assert (document["published_at"], document["published_basis"]) == (None, None)


def test_a_first_line_that_is_a_sentence_is_no_title(write) -> None:
    [document] = ingest_paths([write("story.txt", f"{BODY}\n\nMore news.")]).documents
    assert document["title"] is None


def test_front_matter_gives_metadata_and_is_not_text(write) -> None:
    page = (
        "---\n"
        "id: wire-42\n"
        "title: Ceasefire holds\n"
        "outlet: Example Wire\n"
        "url: https://example.org/42\n"
        "published: 2022-09-13T10:00:00Z\n"
        "---\n"
        f"{BODY}\n"
    )
    batch = ingest_paths([write("story.md", page)])
    [document] = batch.documents
    assert document["text"] == BODY
    assert document["source_id"] == "wire-42"
    assert document["title"] == "Ceasefire holds"
    assert document["outlet"] == "Example Wire"
    assert document["url"] == "https://example.org/42"
    assert document["published_at"] == datetime(2022, 9, 13, 10, tzinfo=UTC)
    assert document["published_precision"] == "minute"
    assert document["published_basis"] == "metadata"
    assert batch.sources[0]["format"] == "md"


def test_front_matter_with_an_unquoted_colon_still_reads(write) -> None:
    page = "---\ntitle: Armenia: ceasefire holds\ndate: 13 September 2022\n---\n" + BODY
    [document] = ingest_paths([write("story.txt", page)]).documents
    assert document["title"] == "Armenia: ceasefire holds"
    assert document["published_at"] == datetime(2022, 9, 13, tzinfo=UTC)
    assert document["published_precision"] == "day"


def test_json_object(write) -> None:
    record = {"id": 7, "title": "Talks", "body": BODY, "source": "Wire", "date": "Sep 13, 2022"}
    batch = ingest_paths([write("one.json", json.dumps(record))])
    [document] = batch.documents
    assert (document["source_id"], document["text"], document["outlet"]) == ("7", BODY, "Wire")
    assert document["published_at"] == datetime(2022, 9, 13, tzinfo=UTC)
    assert batch.sources[0]["record_index"] == 0


def test_json_list_with_aliases_and_a_bad_item(write) -> None:
    records = [
        {"content": BODY, "publishedAt": "2022-09-13", "source": {"id": None, "name": "Wire"}},
        "not an object",
        {"text": "Talks resumed in the capital on Tuesday.", "published_at": "2022"},
    ]
    batch = ingest_paths([write("list.json", json.dumps(records))])
    assert [d["source_id"] for d in batch.documents] == ["list.json#0", "list.json#2"]
    assert batch.documents[0]["outlet"] == "Wire"
    assert batch.documents[1]["published_precision"] == "year"
    assert [s["record_index"] for s in batch.sources] == [0, 2]
    [row] = batch.rejected
    assert (row["source_id"], row["reason"]) == ("list.json#1", Reason.MALFORMED_JSON)
    assert row["detail"] == "Item 1 is a JSON string, not an object."


def test_json_lines_with_blank_lines_and_crlf(write) -> None:
    lines = [json.dumps({"text": BODY}), "", json.dumps({"id": "b", "text": "Second story."})]
    batch = ingest_paths([write("feed.jsonl", "\r\n".join(lines) + "\r\n")])
    assert batch.rejected == []
    assert [(s["source_id"], s["record_index"]) for s in batch.sources] == [
        ("feed.jsonl#0", 0),
        ("b", 2),
    ]


HTML_PAGE = """<!doctype html>
<html><head><meta charset="utf-8">
<title>Ceasefire holds on border | Example News</title>
<meta property="og:title" content="Ceasefire holds on border">
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://example.org/news/ceasefire">
<meta property="article:published_time" content="2022-09-14T08:30:00+04:00">
<script>window.dataLayer = window.dataLayer || [];</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire holds on border</h1>
<p>The ceasefire between the two countries held overnight, officials said on Wednesday, after
two days of fighting that killed dozens of soldiers.</p>
<p>&ldquo;The situation is calm,&rdquo; the defence ministry said in a statement, adding that no
violations had been recorded since the morning.</p>
</article>
<div class="comments"><p>Great article, thanks!</p></div>
<footer>Copyright 2022 Example News. All rights reserved.</footer>
</body></html>
"""


def test_html_main_text_and_metadata(write) -> None:
    batch = ingest_paths([write("page.htm", HTML_PAGE)])
    assert batch.rejected == []
    [document] = batch.documents
    assert document["title"] == "Ceasefire holds on border"
    assert document["outlet"] == "Example News"
    assert document["url"] == "https://example.org/news/ceasefire"
    assert document["published_at"] == datetime(2022, 9, 14, 4, 30, tzinfo=UTC)
    assert document["published_basis"] == "metadata"
    text = document["text"]
    assert "after two days of fighting that killed dozens of soldiers." in text
    assert "“The situation is calm,” the defence ministry said" in text
    for furniture in ("Home", "dataLayer", "Great article", "Copyright"):
        assert furniture not in text
    assert batch.sources[0]["format"] == "html"


def test_html_date_without_time_is_a_day(write) -> None:
    page = HTML_PAGE.replace("2022-09-14T08:30:00+04:00", "2022-09-14")
    [document] = ingest_paths([write("page.html", page)]).documents
    assert document["published_at"] == datetime(2022, 9, 14, tzinfo=UTC)
    assert document["published_precision"] == "day"


def test_a_page_the_html_parser_fails_on_is_malformed(write, monkeypatch) -> None:
    def failing_extractor():
        def extract(page: str):
            raise ValueError("tree too deep")

        return extract

    monkeypatch.setattr(readers, "_html_extractor", failing_extractor)
    [row] = ingest_paths([write("page.html", HTML_PAGE)]).rejected
    assert row["reason"] == Reason.MALFORMED_HTML
    assert "tree too deep" in row["detail"]
