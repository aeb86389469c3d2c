"""The report site built from the bundled seeds: self-contained, deterministic, and drawn by a browser.

The browser test drives Debian's chromium (``make test-deps`` installs it) through Playwright with
every outside request blocked and recorded: a page that needs the internet fails here exactly as
it would on an analyst's offline laptop. Screenshots land in screenshots/ (git-ignored).
"""

from __future__ import annotations

import filecmp
import re
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pytest

from pytests.support.browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, outside_blocker, require_chromium
from python_udfs.report import build_site
from python_udfs.report.data import MARTS
from python_udfs.report.site import SVG_ASSETS, database_facts

pytestmark = [pytest.mark.dbt, pytest.mark.browser]


# page -> (title in <title>, <h1>, chart ids, headings that must be present)
PAGES = {
    "index": ("Influencer analytics report", "Influencer analytics report", [], ["Pages", "Built from"]),
    "niches": ("Niches", "Niches", ["niche-map", "niche-sizes"], ["Niche map", "Niche sizes"]),
    "fake_followers": (
        "Fake followers",
        "Fake followers",
        ["fake-score-distribution", "follower-series"],
        ["Score distribution"],
    ),
    "brand_matching": (
        "Brand matching",
        "Brand matching",
        ["brand-match-heatmap", "brand-top-matches"],
        ["Similarity of the matched pairs", "Top 10 per brand, before and after vetting"],
    ),
    "tiktok": (
        "TikTok segments",
        "TikTok segments",
        ["tiktok-elbow", "tiktok-segments", "tiktok-tiers"],
        ["Choosing the number of segments", "Segments on followers and engagement", "Segments by follower tier"],
    ),
    "campaign_planner": (
        "Campaign planner",
        "Campaign planner",
        ["campaign-planner", "trend-risk-crosstab"],
        ["Matches, reach and follower curves", "Follower trends against fake-follower risk"],
    ),
}

# chart id -> SQL giving the least number of data marks the chart must draw (one per row).
MIN_MARKS = {
    "niche-map": "select count(*) from main.influencer_niche_map",
    "niche-sizes": "select count(*) from main.niche_summary",
    "fake-score-distribution": "select count(distinct (least(floor(fake_score / 10), 9), risk_level)) from main.fake_follower_scores",
    "follower-series": "select least(12, count(*)) * (select max(day_index) from main.follower_history_daily) from main.fake_follower_scores",
    "brand-match-heatmap": "select count(*) from main.brand_influencer_matches",
    "brand-top-matches": "select (select count(*) from main.brand_influencer_matches) + (select count(*) from main.brand_influencer_matches_vetted)",
    "tiktok-elbow": "select count(*) from main.tiktok_elbow",
    "tiktok-segments": "select count(*) from main.tiktok_segments where followers > 0 and awg_engagement_rate > 0",
    "tiktok-tiers": "select count(distinct segment_id) * (select count(*) from main.follower_tier_ranges) from main.tiktok_segments",
    "trend-risk-crosstab": "select 2 * count(distinct trend_class) * count(distinct risk_level) from main.follower_trends join main.fake_follower_scores using (influencer_id)",
}

# Data marks drawn inside a vega-embed container (axes, legends and titles have other roles).
COUNT_MARKS_JS = """
() => Object.fromEntries([...document.querySelectorAll('div.chart')].map((chart) => [
    chart.id,
    chart.querySelectorAll('svg.marks g.role-mark:not(.mark-group) > *').length,
]))
"""


@pytest.fixture(scope="module")
def site(bundled_build, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    build_site(bundled_build, out / "site", assets=out / "assets")
    return {"site": out / "site", "assets": out / "assets", "root": out}


def _html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.glob("*.html"))


def test_every_page_and_svg_asset_is_written(site):
    assert sorted(p.stem for p in _html_pages(site["site"])) == sorted(PAGES)
    for name in SVG_ASSETS:
        text = (site["assets"] / name).read_text(encoding="utf-8")
        assert text.startswith("<svg") and "</svg>" in text, name


def test_index_states_the_database_its_age_and_row_counts(site, bundled_build):
    index = (site["site"] / "index.html").read_text(encoding="utf-8")
    for page in PAGES:
        if page != "index":
            assert f'href="{page}.html"' in index
    assert str(bundled_build.resolve()) in index
    assert database_facts(bundled_build) in index
    with duckdb.connect(str(bundled_build), read_only=True) as con:
        for mart in MARTS:
            (rows,) = con.sql(f"select count(*) from main.{mart}").fetchall()[0]
            assert re.search(rf"<code>{mart}</code></td><td class=\"num\">{rows:,}</td>", index), mart


def test_pages_are_byte_identical_when_built_again(site, bundled_build):
    again = site["root"] / "again"
    build_site(bundled_build, again / "site", assets=again / "assets")
    for folder in ("site", "assets"):
        names = sorted(p.name for p in site[folder].iterdir())
        assert names == sorted(p.name for p in (again / folder).iterdir())
        _match, mismatch, errors = filecmp.cmpfiles(site[folder], again / folder, names, shallow=False)
        assert not mismatch and not errors, (folder, mismatch, errors)


class _ExternalReferences(HTMLParser):
    """Collects script src, link href, other src attributes and CSS @imports that leave the file."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    @staticmethod
    def _outside(url: str | None) -> bool:
        return bool(url) and re.match(r"^\s*(https?:)?//", url, re.IGNORECASE) is not None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if tag in ("script", "link", "img", "iframe", "source", "embed") and self._outside(attrs.get(name)):
                self.found.append(f"<{tag} {name}={attrs[name]}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            for url in re.findall(r"@import\s+(?:url\()?\s*['\"]?([^'\")\s;]+)", data):
                if self._outside(url):
                    self.found.append(f"@import {url}")


def test_no_page_loads_anything_from_outside(site):
    for page in _html_pages(site["site"]):
        parser = _ExternalReferences()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], f"{page.name} references {parser.found}"
        # Scripts and styles are inline: nothing to fetch at all.
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]*\ssrc=", text), page.name
        assert not re.search(r"<link[^>]*rel=\"?stylesheet", text), page.name


def test_pages_render_offline_in_chromium(site, bundled_build):
    require_chromium()
    from playwright.sync_api import sync_playwright

    with duckdb.connect(str(bundled_build), read_only=True) as con:
        min_marks = {chart: con.sql(sql).fetchall()[0][0] for chart, sql in MIN_MARKS.items()}

    SCREENSHOTS.mkdir(exist_ok=True)
    outside_requests: list[str] = []
    problems: list[str] = []

    block_outside = outside_blocker(outside_requests)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1300, "height": 900})
            context.route("**/*", block_outside)
            context.on("requestfailed", lambda request: outside_requests.append(f"failed: {request.url}"))
            for name, (title, heading, chart_ids, headings) in PAGES.items():
                page = context.new_page()
                messages: list[str] = []
                page.on(
                    "pageerror",
                    lambda error, name=name, messages=messages: messages.append(f"{name}: page error: {error}"),
                )
                page.on(
                    "console",
                    lambda msg, name=name, messages=messages: (
                        messages.append(f"{name}: console {msg.type}: {msg.text}")
                        if msg.type in ("error", "warning")
                        else None
                    ),
                )
                page.goto((site["site"] / f"{name}.html").as_uri(), wait_until="load")
                if chart_ids:
                    page.wait_for_function(
                        "(n) => document.querySelectorAll('div.chart svg.marks').length === n",
                        arg=len(chart_ids),
                        timeout=20_000,
                    )
                marks = page.evaluate(COUNT_MARKS_JS)
                page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

                problems += messages
                if page.title() != f"{title} · Influencer analytics":
                    problems.append(f"{name}: title {page.title()!r}")
                if page.locator("h1").inner_text() != heading:
                    problems.append(f"{name}: h1 {page.locator('h1').inner_text()!r}")
                shown = page.locator("h2").all_inner_texts()
                problems += [f"{name}: no heading {h!r}" for h in headings if h not in shown]
                if sorted(marks) != sorted(chart_ids):
                    problems.append(f"{name}: charts {sorted(marks)}, expected {sorted(chart_ids)}")
                for chart, count in marks.items():
                    if count < max(1, min_marks.get(chart, 1)):
                        problems.append(
                            f"{name}: chart {chart} drew {count} marks, expected >= {min_marks.get(chart, 1)}"
                        )
                page.close()
        finally:
            browser.close()

    assert outside_requests == [], f"pages tried to reach outside: {outside_requests}"
    assert problems == [], "\n".join(problems)
