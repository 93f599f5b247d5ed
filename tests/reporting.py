"""A warehouse of articles written to break a report: markup, script and `javascript:` URLs
in every field an article brings (title, outlet, url, text), and two outlets that contradict
each other, so that the report's every section has hostile strings to show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

#: What an article may carry; none of it may ever run or become an element of the report.
PAYLOADS = (
    "<script>alert('xss-title')</script>",
    "\"><img src=x onerror=alert('xss-outlet')>",
    "javascript:alert('xss-url')",
    "</style><script>alert('xss-text')</script>",
)

ARTICLES = [
    {
        "id": "hostile-a",
        "title": f"{PAYLOADS[0]} Shelling kills soldiers near the border",
        "outlet": PAYLOADS[1],
        "url": PAYLOADS[2],
        "published": "2023-03-14T10:00:00Z",
        "text": "At least 12 soldiers were killed in shelling on Monday, the defence ministry "
                f"said {PAYLOADS[3]} &lt;script&gt;alert('xss-entity')&lt;/script&gt;. "
                "The shelling began at 04:30 local time on Monday.\n\n"
                f"Residents said {PAYLOADS[1]} the shelling lasted for hours.",
    },
    {
        "id": "hostile-b",
        "title": "Ministry </title><script>alert('xss-title-b')</script> disputes the toll",
        "outlet": "Wire B </style>",
        "url": "https://example.org/b?x=\"><script>alert('xss-href')</script>",
        "published": "2023-03-14T12:00:00Z",
        "text": "Three soldiers were killed in shelling on Monday, officials said "
                "<img src=x onerror=alert('xss-evidence')>. The shelling began at 04:30 local "
                "time on Monday.",
    },
    {
        "id": "plain-c",
        "title": "Soldiers killed in overnight shelling",
        "outlet": "Daily C",
        "url": "https://example.com/c",
        "published": "2023-03-14T15:00:00Z",
        "text": "Twelve soldiers were killed on Monday in the shelling, a spokesman said. The "
                "shelling started on Monday morning.",
    },
]


def write_articles(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.jsonl"
    path.write_text("".join(json.dumps(article) + "\n" for article in ARTICLES),
                    encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def hostile_warehouse(prefect_server, tmp_path_factory) -> Path:
    from corroborate.flows.pipeline import pipeline

    folder = tmp_path_factory.mktemp("hostile")
    warehouse = folder / "w.duckdb"
    pipeline(paths=[str(write_articles(folder / "inbox"))], warehouse=str(warehouse), report=True)
    return warehouse
