"""The report in a real browser (headless Chromium, the system's own, driven by Playwright):
the chart and the matrix render, nothing an article carries runs or becomes an element, and
a screenshot of an incident page is kept for a person to look at.

In CI (`CI` set) a missing browser is a failure, never a skip; `.ci/run` installs it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

from corroborate.cli import main
from tests.conftest import ROOT
from tests.reporting import hostile_warehouse  # noqa: F401 (a fixture)

#: Where the screenshot of an incident page is kept (git-ignored, like the warehouse).
SCREENSHOT = ROOT / "warehouse" / "screenshots" / "report-incident.png"
_BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def _chromium() -> str:
    found = os.environ.get("CORROBORATE_CHROMIUM") or next(
        (path for name in _BROWSERS if (path := shutil.which(name))), None
    )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium or Playwright: CI must run the browser tests")
        pytest.skip("no Chromium or Playwright here (set CI to make this a failure)")
    return found


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = _chromium()
    with sync_playwright() as playwright:
        # No sandbox: CI containers run as root, where Chromium's sandbox cannot start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(hostile_warehouse, tmp_path_factory) -> Path:  # noqa: F811
    out = tmp_path_factory.mktemp("browser") / "report"
    assert main(["report", "--warehouse", str(hostile_warehouse), "--out", str(out)]) == 0
    return out


class _Watched:
    """A page with everything that must not happen recorded: dialogs (alert, confirm),
    console errors (a refused style or script shows here), page errors, and any request
    that is not for the page's own file."""

    def __init__(self, browser, path: Path) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 1000})
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message),
                                               dialog.dismiss()))
        self.page.on("console", lambda message: message.type == "error"
                     and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("request", lambda request: request.url != path.as_uri()
                     and self.requests.append(request.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def injected(self) -> dict:
        return self.page.evaluate("""() => ({
            scripts: document.querySelectorAll('script, img, iframe, object, embed').length,
            handlers: [...document.querySelectorAll('*')].flatMap(element =>
                [...element.attributes].filter(a => a.name.startsWith('on')).map(a => a.name)),
            scriptLinks: [...document.querySelectorAll('a[href]')].filter(a =>
                !/^(https?|file):/.test(a.href)).map(a => a.href),
        })""")


def test_no_article_string_runs_or_becomes_an_element(browser, site):
    for path in sorted(site.glob("*.html")):
        watched = _Watched(browser, path)
        watched.page.wait_for_timeout(300)  # time for anything that would run to run
        assert watched.dialogs == [], path.name
        assert watched.errors == [], path.name
        assert watched.requests == [], path.name
        assert watched.injected() == {"scripts": 0, "handlers": [], "scriptLinks": []}
        watched.page.close()


def test_the_incident_page_renders_its_chart_matrix_and_words(browser, site, hostile_warehouse):  # noqa: F811
    with duckdb.connect(str(hostile_warehouse), read_only=True) as conn:
        incident, facts, dated = conn.execute(
            "select incident_id, count(*), count(*) filter (where kind = 'event') "
            "from source_agreement group by incident_id"
        ).fetchone()
    watched = _Watched(browser, site / f"incident-{incident}.html")
    page = watched.page
    bars = page.locator("svg.timeline g.event rect")
    assert bars.count() == dated
    assert all(bars.nth(i).bounding_box()["width"] >= 3 for i in range(dated))
    assert page.locator("svg.timeline .tick-label").count() == 5
    assert page.locator("table.matrix tbody tr").count() == facts
    assert page.locator("table.matrix th.group").count() == 3
    assert page.locator("td.cell.conflicting").count() == 3
    conflicting = page.locator("td.cell.conflicting").first
    assert conflicting.evaluate("cell => getComputedStyle(cell).backgroundColor") == \
        "rgb(255, 235, 238)"  # the stylesheet applied: the policy allows the report's own
    assert page.locator("table.contradictions tbody tr").count() == 2
    title = page.locator("h1").inner_text()
    assert "<script>alert('xss-title')</script>" in page.locator("#documents").inner_text()
    assert title.startswith("reports of")
    assert "javascript:alert('xss-url')" in page.locator(".unsafe-url").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert watched.dialogs == [] and watched.errors == []
