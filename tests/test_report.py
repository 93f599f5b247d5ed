"""`corroborate report`: what the pages hold, that article strings stay text, and that big
incidents are paged rather than cut."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest
from jinja2 import Environment
from markupsafe import Markup

from corroborate import defaults
from corroborate.cli import main
from corroborate.report import _Site, chart, pages, queries, refresh
from corroborate.report.queries import ReportData
from tests.reporting import hostile_warehouse  # noqa: F401 (a fixture)

MAX_PAGE_BYTES = 2_000_000


@pytest.fixture(scope="module")
def report(hostile_warehouse, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("report") / "site"
    assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(out)]) == 0
    return out


def test_a_scheduled_run_writes_the_report_beside_the_warehouse(hostile_warehouse):  # noqa: F811
    index = defaults.report_dir(hostile_warehouse) / "index.html"
    assert index.is_file()
    written = index.stat().st_mtime_ns
    assert refresh(hostile_warehouse, changed=False) == index
    assert index.stat().st_mtime_ns == written  # nothing changed, nothing rewritten


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]


def test_no_article_string_becomes_markup(report):
    for page in report.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        elements = _Elements()
        elements.feed(html)
        assert not elements.tags & {"script", "img", "iframe", "object", "embed", "base"}
        assert not [name for _, name, _ in elements.attributes if name.startswith("on")]
        hrefs = [value for _, name, value in elements.attributes if name == "href"]
        assert all(href.startswith(("#", "incident-", "index", "https://")) for href in hrefs)
        assert html.count("</style>") == 1  # the report's own, nothing an article closed
    incident = _incident_page(report)
    assert "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt;" in incident
    assert "&lt;script&gt;alert(&#39;xss-entity&#39;)&lt;/script&gt;" in incident  # its text
    assert "&#34;&gt;&lt;img src=x onerror=alert(&#39;xss-outlet&#39;)&gt;" in incident
    assert '<span class="unsafe-url"' in incident
    assert "javascript:alert(&#39;xss-url&#39;)" in incident


def test_the_reports_templates_print_what_stock_autoescape_prints(tmp_path):
    """The report's templates escape to plain strings (for speed); a page must not differ by a
    byte from what Jinja's own autoescape makes of the same values."""
    source = (
        "{% macro bold(x) %}<b>{{ x }}</b>{% endmacro %}{% set header %}<h1>{{ title }}</h1>"
        "{% endset %}{{ header }}{% for value in values %}<i>{{ value }}</i>{{ bold(value) }}"
        "{% endfor %}{{ values | join(', ') }}{{ title ~ '!' }}"
    )
    values = ["<script>alert('x')</script>", '"><img src=x onerror=alert(1)>', "a & b", 12,
              3.5, None, True, Markup("<em>ours</em>")]
    context = {"title": "</style><script>", "values": values}
    ours = _Site(tmp_path / "w.duckdb").env.from_string(source).render(context)
    stock = Environment(autoescape=True).from_string(source).render(context)
    assert ours == stock
    assert "<script>" not in ours and "<em>ours</em>" in ours


def test_only_the_reports_own_style_is_allowed(report):
    html = _incident_page(report)
    policy = unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    )
    css = re.search(r"<style>(.*?)</style>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"style-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "script-src 'none'" in policy
    assert "http://" not in html.split("<body>")[0] and "https://" not in css


def test_the_incident_page_has_chart_matrix_contradictions_and_evidence(report):
    html = _incident_page(report)
    assert html.count("<rect ") == 1  # one dated fact in the hostile corpus
    assert html.count('<td class="cell conflicting"') == 3  # 3 outlets disagree on the toll
    assert html.count('<td class="cell agreeing"') == 3  # and agree on when it happened
    assert "<mark>Three soldiers were killed</mark>" in html
    assert "<q>At least 12 soldiers were killed</q>" in html  # a contradiction's side
    assert '<a href="#doc-' in html and '<li id="doc-' in html
    index = (report / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<td class="num">1</td>\s*</tr>', index)  # one disputed fact


def test_urls_are_linked_only_when_http():
    assert pages.safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert pages.safe_url("HTTP://example.org") == "HTTP://example.org"
    for unsafe in ("javascript:alert(1)", " javascript:alert(1)", "data:text/html,x",
                   "https://a b", "https://a\nb", "//example.org", "ftp://x", "", None):
        assert pages.safe_url(unsafe) is None


def test_a_big_incident_is_paged_not_cut(tmp_path):
    data = _big_incident(facts=250, events=230)
    data.incidents.append({**data.incidents[0], "incident_id": "empty", "label": "empty"})
    _, sizes = _Site(Path("w.duckdb")).write_all(tmp_path, lambda: data.incidents,
                                                 _shares_of(data), workers=2)
    assert (tmp_path / "incident-empty.html").is_file()
    names = sorted(path.name for path in tmp_path.glob("incident-big*.html"))
    assert names == ["incident-big-p2.html", "incident-big-p3.html", "incident-big.html"]
    html = "".join(path.read_text(encoding="utf-8") for path in tmp_path.glob("incident-*"))
    for index in range(250):
        assert html.count(f'id="fact-f{index:03d}"') == 1
    assert html.count("<rect ") == 230
    assert max(sizes) < MAX_PAGE_BYTES


def test_the_shares_of_a_warehouse_hold_each_incidents_rows_once(seeds_warehouse):
    with duckdb.connect(str(seeds_warehouse), read_only=True) as conn:
        whole = queries.load(conn)
        shares = [queries.load(conn, None, share, 3) for share in range(3)]
    for table in ("incidents", "facts", "timeline", "evidence"):
        rows = [row for part in shares for row in getattr(part, table)]
        assert sorted(map(repr, rows)) == sorted(map(repr, getattr(whole, table)))
    owners = [{row["incident_id"] for row in part.incidents} for part in shares]
    assert sum(map(len, owners)) == len(set().union(*owners)) == len(whole.incidents) > 1


def test_a_claim_without_its_sentence_keeps_its_evidence(seeds_warehouse, tmp_path):
    """A claim loaded by a release that kept no sentence offsets still shows its words."""
    warehouse = tmp_path / "older.duckdb"
    warehouse.write_bytes(seeds_warehouse.read_bytes())
    with duckdb.connect(str(warehouse)) as conn:
        before = queries.load(conn).evidence
        conn.execute("update raw_casualty_claims set sentence_start = null, sentence_end = null")
        after = queries.load(conn).evidence
    assert len(after) == len(before) > 0
    kept = [row for row in after if row["count_low"] is not None]
    assert kept and all(row["evidence"] and row["before"] is None for row in kept)

def test_a_bars_width_is_its_precision():
    start = datetime(2023, 3, 13, tzinfo=UTC)
    rows = [
        {"occurred_start": start + timedelta(hours=4), "precision": precision,
         "occurred_end": start + timedelta(hours=4) + length, "fact_id": precision,
         "ordinal": 1, "event_type": "attack", "status": "corroborated", "as_written": "",
         "start_shown": "2023-03-13 04:00", "end_shown": "2023-03-13 05:00"}
        for precision, length in (("minute", timedelta(minutes=1)), ("hour", timedelta(hours=1)),
                                  ("day", timedelta(days=1)))
    ]
    drawn = chart.timeline_chart(rows)
    widths = [bar.width for bar in drawn.bars]
    assert widths == sorted(widths) and widths[0] == chart.MIN_BAR < widths[1] < widths[2]
    assert all(chart.LABEL_WIDTH <= bar.x <= chart.WIDTH for bar in drawn.bars)


def test_every_disputed_value_is_shown_once_beside_the_furthest_one():
    def report(claim, doc, qualifier, low, high, value=None):
        return {"claim_id": claim, "doc_id": doc, "qualifier": qualifier, "count_low": low,
                "count_high": high, "speaker": None, "evidence": claim, "value": value or claim}

    evidence = [report("three", "a", "exact", 3, 3), report("about 3", "b", "about", 3, 3),
                report("twelve", "c", "exact", 12, 12), report("over 40", "d", "more_than", 41,
                None), report("dozens", "e", "vague", 12, None), report("ten", "d", "exact",
                10, 10), report("12 again", "g", "exact", 12, 12, value="twelve"),
                # a figure a document's total adds up is no report of the total: never a side
                {**report("a part", "f", "exact", 90, 90), "is_summed": True}]
    pairs = pages.disputes({"fact_id": "f", "fact": "killed"}, evidence)
    assert {(row["lower"]["evidence"], row["higher"]["evidence"]) for row in pairs} == {
        ("three", "over 40"), ("about 3", "over 40"), ("twelve", "over 40"), ("three", "twelve"),
        ("three", "ten")}
    assert len(pairs) == 5  # the second document saying twelve joins the rows of twelve
    (twelve,) = (row for row in pairs if row["higher"]["value"] == "twelve")
    assert twelve["higher"]["doc_ids"] == {"c", "g"} and twelve["lower"]["doc_ids"] == {"a"}


def _incident_page(report: Path) -> str:
    (page,) = (path for path in report.glob("incident-*.html")
               if not re.search(r"-p\d+\.html$", path.name))
    return page.read_text(encoding="utf-8")


def _big_incident(facts: int, events: int) -> ReportData:
    start = datetime(2023, 3, 13, tzinfo=UTC)
    incident = {"incident_id": "big", "label": "big",
                "start_shown": "2023-03-13 00:00", "end_shown": "2023-03-13 00:00",
                "countries": ["AAA"], "is_background": False, "n_documents": 60,
                "n_corroborated": facts, "n_single_source": 0, "n_conflicting": 0}
    doc_ids = [f"d{index:02d}" for index in range(60)]
    fact_rows = [{"fact_id": f"f{index:03d}", "incident_id": "big", "kind": "casualty",
                  "fact": f"killed {index}", "value_low": index, "value_high": index,
                  "n_documents": 60, "n_independent": 60,
                  "status": "corroborated", "doc_ids": doc_ids, "speakers": ["(outlet)"],
                  "reported_values": [str(index)]} for index in range(facts)]
    timeline = [{"incident_id": "big", "ordinal": index + 1, "fact_id": f"f{index:03d}",
                 "occurred_start": start + timedelta(hours=index),
                 "occurred_end": start + timedelta(hours=index + 1), "precision": "hour",
                 "start_shown": f"2023-03-13 {index:02d}:00",
                 "end_shown": f"2023-03-13 {index + 1:02d}:00",
                 "event_type": "attack", "summary": "attack: x", "n_documents": 1,
                 "status": "corroborated"} for index in range(events)]
    evidence = [{"fact_id": fact["fact_id"], "doc_id": doc_id,
                 "evidence": f"{fact['value_low']} were killed", "speaker": None,
                 "qualifier": "exact", "count_low": fact["value_low"],
                 "count_high": fact["value_low"], "time_text": None,
                 "is_summed": False, "value": str(fact["value_low"]), "before": "On Monday, ",
                 "after": " in the attack."}
                for fact in fact_rows for doc_id in doc_ids[:3]]
    documents = [{"doc_id": doc_id, "source_group": doc_id, "source_id": f"{doc_id}.txt",
                  "title": f"Title {doc_id}", "outlet": f"Outlet {doc_id}", "url": None,
                  "published_shown": "2023-03-13 00:00", "published_precision": "day"}
                 for doc_id in doc_ids]
    return ReportData([incident], fact_rows, timeline, evidence, documents)


def _shares_of(data: ReportData) -> Callable[[int, int], ReportData]:
    """A loader of `data` by shares, each incident's rows in one share, as the warehouse's."""
    def load(share: int, shares: int) -> ReportData:
        mine = {row["incident_id"] for row in data.incidents[share::shares]}
        facts = [row for row in data.facts if row["incident_id"] in mine]
        fact_ids = {row["fact_id"] for row in facts}
        return ReportData([row for row in data.incidents if row["incident_id"] in mine], facts,
                          [row for row in data.timeline if row["incident_id"] in mine],
                          [row for row in data.evidence if row["fact_id"] in fact_ids],
                          data.documents)
    return load


def test_the_runs_summary_artifact_links_the_report(hostile_warehouse):  # noqa: F811
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    link = (defaults.report_dir(hostile_warehouse) / "index.html").as_uri()
    with get_client(sync_client=True) as client:
        summaries = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["run-summary"]))
        )
    assert any(link in (artifact.data or "") for artifact in summaries)


def test_a_folder_that_is_not_a_report_is_never_replaced(capsys, hostile_warehouse, tmp_path):  # noqa: F811
    keep = tmp_path / "notes.txt"
    keep.write_text("mine")
    assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(tmp_path)]) == 1
    assert "not a report" in capsys.readouterr().err
    assert keep.read_text() == "mine"
    report = tmp_path / "site"
    for _ in range(2):  # a report replaces the report it wrote before
        assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(report)]) == 0
    assert (report / "index.html").is_file()


def test_a_page_that_did_not_change_is_linked_from_the_report_before(
    hostile_warehouse, tmp_path  # noqa: F811
):
    out = tmp_path / "site"
    assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(out)]) == 0
    before = {page.name: page.stat().st_ino for page in out.glob("incident-*.html")}
    tampered = sorted(before)[0]  # as if its incident had changed
    (out / tampered).write_text("an older page", encoding="utf-8")
    assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(out)]) == 0
    after = {page.name: page.stat().st_ino for page in out.glob("incident-*.html")}
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == [tampered]
    assert "an older page" not in (out / tampered).read_text(encoding="utf-8")
    assert "made " in (out / "index.html").read_text(encoding="utf-8")
