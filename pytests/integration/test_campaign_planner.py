"""The campaign planner page, driven in Debian's chromium with every outside request blocked: picking
a brand and moving the filters changes the match list, the reach-vs-cost dots and the follower
curves to exactly what the marts say (expected values are queried from the database here, not
taken from the page's own data)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb
import pytest

from pytests.support.browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, outside_blocker, require_chromium
from python_udfs.report import build_site
from python_udfs.report.planner import LIST_COLUMNS

pytestmark = [pytest.mark.dbt, pytest.mark.browser]

NAME_COLUMN_X = next(x for header, _field, x, _align in LIST_COLUMNS if header == "Influencer")

# What the page shows, read from the SVG: names in the list (top to bottom), dots, curves, the
# empty-list message. Vega puts each mark's name on its SVG group.
SHOWN_JS = """
() => {
    const cells = [...document.querySelectorAll('g[class*="match_list_cells_left"] text')].map((t) => {
        const m = /translate\\(([-\\d.]+),\\s*([-\\d.]+)\\)/.exec(t.getAttribute('transform') || '');
        return {x: m ? +m[1] : NaN, y: m ? +m[2] : NaN, text: t.textContent};
    });
    return {
        names: cells.filter((c) => c.x === NAME_X).sort((a, b) => a.y - b.y).map((c) => c.text),
        dots: document.querySelectorAll('g[class*="reach_vs_cost_points"] > path').length,
        curves: document.querySelectorAll('g[class*="follower_curves_lines"] > path').length,
        empty: [...document.querySelectorAll('g[class*="match_list_empty"] text')].map((t) => t.textContent),
    };
}
""".replace("NAME_X", str(NAME_COLUMN_X))

MATCHES_SQL = """
select
    coalesce(matches.name, matches.influencer_id) as name,
    value.expected_engagements_per_post > 0 and matches.estimated_cost > 0 as has_dot,
    history.first_day > 0 as has_curve,
from main.brand_influencer_matches as matches
left join main.influencer_value as value using (influencer_id)
left join main.influencer_sentiment as sentiment using (influencer_id)
left join main.follower_tier_ranges as tiers on value.follower_tier = tiers.tier
left join (
    select influencer_id, arg_min(followers_on_day, day_index) as first_day
    from main.follower_history_daily group by influencer_id
) as history using (influencer_id)
where matches.brand_id = $brand
    and ($risk = 'all' or coalesce(matches.risk_level, 'not scored') = $risk)
    and ((tiers.tier_rank is null and $tier_from = 1) or tiers.tier_rank >= $tier_from)
    and ($niche = 'all' or matches.niche_label = $niche)
    and ($sentiment = 'all' or coalesce(sentiment.sentiment_label, 'not scored') = $sentiment)
order by matches.match_rank
"""


@pytest.fixture(scope="module")
def planner_page(bundled_build, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("planner")
    build_site(bundled_build, out / "site")
    return out / "site" / "campaign_planner.html"


def expected(database: Path, **filters) -> dict:
    values = {"risk": "all", "tier_from": 1, "niche": "all", "sentiment": "all", **filters}
    with duckdb.connect(str(database), read_only=True) as con:
        rows = con.execute(MATCHES_SQL, values).fetchall()
    return {
        "names": [name for name, _dot, _curve in rows],
        "dots": sum(bool(dot) for _name, dot, _curve in rows),
        "curves": sum(bool(curve) for _name, _dot, curve in rows),
    }


def test_picking_a_brand_and_moving_filters_changes_what_is_shown(planner_page, bundled_build):
    require_chromium()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with duckdb.connect(str(bundled_build), read_only=True) as con:
        brands = [
            b for (b,) in con.sql("select distinct brand_id from main.brand_influencer_matches order by 1").fetchall()
        ]
    first_brand, other_brand = brands[0], brands[-1]
    assert first_brand != other_brand

    SCREENSHOTS.mkdir(exist_ok=True)
    outside_requests: list[str] = []
    errors: list[str] = []

    block_outside = outside_blocker(outside_requests)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1300, "height": 900})
            context.route("**/*", block_outside)
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
            page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
            page.goto(planner_page.as_uri(), wait_until="load")
            page.wait_for_function(
                "() => document.querySelectorAll('div.chart svg.marks').length === 2", timeout=20_000
            )

            def shown() -> dict:
                return page.evaluate(SHOWN_JS)

            def choose(name: str, value) -> None:
                page.select_option(f"#planner-controls select[name={name}]", str(value))

            def wait_until_shown(want: dict) -> dict:
                # Vega redraws asynchronously after an input changes: poll until the page agrees.
                # On a time-out the assertion after this call shows the difference.
                with contextlib.suppress(PlaywrightTimeout):
                    page.wait_for_function(
                        f"(want) => {{ const s = ({SHOWN_JS})(); return JSON.stringify(s.names) === JSON.stringify(want.names)"
                        " && s.dots === want.dots && s.curves === want.curves; }",
                        arg=want,
                        timeout=10_000,
                    )
                return shown()

            # 1. First brand, no filter: its whole top-k list.
            want = expected(bundled_build, brand=first_brand)
            now = wait_until_shown(want)
            assert {k: now[k] for k in want} == want
            assert len(want["names"]) > 1 and now["empty"] == []

            # 2. Pick another brand: the list, dots and curves are that brand's.
            choose("brand", other_brand)
            want_other = expected(bundled_build, brand=other_brand)
            assert want_other["names"] != want["names"]
            now = wait_until_shown(want_other)
            assert {k: now[k] for k in want_other} == want_other

            # 3. Move the risk filter to low: only the brand's low-risk matches stay.
            choose("risk", "low")
            want_low = expected(bundled_build, brand=other_brand, risk="low")
            assert 0 < len(want_low["names"]) < len(want_other["names"]), "pick a brand with mixed risk levels"
            now = wait_until_shown(want_low)
            assert {k: now[k] for k in want_low} == want_low
            page.screenshot(path=str(SCREENSHOTS / "campaign_planner_filtered.png"), full_page=True)

            # 4. Raise the smallest follower tier to the second one.
            choose("tier_from", 2)
            want_tier = expected(bundled_build, brand=other_brand, risk="low", tier_from=2)
            now = wait_until_shown(want_tier)
            assert {k: now[k] for k in want_tier} == want_tier

            # 5. A niche none of the remaining matches has: an empty list says so, no dots, no curves.
            with duckdb.connect(str(bundled_build), read_only=True) as con:
                (absent,) = con.execute(
                    "select min(niche_label) from main.brand_influencer_matches where niche_label not in "
                    "(select niche_label from main.brand_influencer_matches where brand_id = ? and niche_label is not null)",
                    [other_brand],
                ).fetchall()[0]
            assert absent is not None
            choose("niche", absent)
            now = wait_until_shown({"names": [], "dots": 0, "curves": 0})
            assert (now["names"], now["dots"], now["curves"]) == ([], 0, 0)
            assert now["empty"] == ["No match of this brand passes the filters."]

            # 6. Back to any niche and tier, then the sentiment filter.
            choose("niche", "all")
            choose("tier_from", 1)
            choose("risk", "all")
            choose("sentiment", "positive")
            want_positive = expected(bundled_build, brand=other_brand, sentiment="positive")
            assert want_positive["names"] != want_other["names"]
            now = wait_until_shown(want_positive)
            assert {k: now[k] for k in want_positive} == want_positive
        finally:
            browser.close()

    assert outside_requests == [], f"the page tried to reach outside: {outside_requests}"
    assert errors == [], "\n".join(errors)
