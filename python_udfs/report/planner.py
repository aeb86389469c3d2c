"""The campaign planner page: one interactive Vega-Lite view over the brand matches.

Pick a brand and filter its matches by fake-follower risk, follower tier range, niche and caption
sentiment; the match list, the reach-vs-cost chart and the follower curves all read one data set
filtered by the same Vega-Lite parameters, bound to select inputs. Everything runs in the browser
from data embedded in the page (no server). Reads the marts only (schema ``main``).

Each view and mark is named (``match_list_cells``, ``reach_vs_cost_points``,
``follower_curves_lines``, ...): Vega puts the name on the SVG group of the marks, which is how
the browser test reads what is shown. The queries behind the views: :mod:`python_udfs.report.planner_data`.
"""

from __future__ import annotations

import html

import altair as alt
import duckdb
import pandas as pd

from python_udfs.report.data import NOT_SCORED, settings
from python_udfs.report.html import Page, Section
from python_udfs.report.planner_data import (
    caption_coverage,
    currency_and_placeholders,
    missing_relations,
    planner_matches,
    planner_records,
    tier_options,
    trend_risk_crosstab,
)

SLUG = "campaign_planner"
TITLE = "Campaign planner"
SUMMARY = (
    "Pick a brand and filter its matches by fake-follower risk, follower tier, niche and caption sentiment: "
    "the match list, the reach-vs-cost chart and the creators' follower curves follow. Below: follower "
    "trend classes against fake-follower risk."
)
CONTROLS_ID = "planner-controls"
DATASET = "planner_matches"
ALL = "all"
RISK_OPTIONS = ["low", "medium", "high", NOT_SCORED]
RISK_COLOURS = {"low": "#4daf4a", "medium": "#f5a623", "high": "#d62728", NOT_SCORED: "#9e9e9e"}
SENTIMENT_OPTIONS = ["positive", "neutral", "negative", "not scored"]
TREND_ORDER = ["step-like", "accelerating", "steady", "slowing", "declining", "unknown"]
RISK_ORDER = ["low", "medium", "high"]

# The match list: (header, field shown, x position in pixels, alignment).
LIST_COLUMNS = [
    ("#", "list_rank", 0, "left"),
    ("Influencer", "name", 26, "left"),
    ("Niche", "niche_text", 200, "left"),
    ("Match", "match_text", 330, "right"),
    ("Risk (score)", "risk_text", 350, "left"),
    ("Trend", "trend_text", 460, "left"),
    ("Sentiment", "sentiment_text", 560, "left"),
    ("Followers", "followers_text", 730, "right"),
    ("Cost / post", "cost_text", 840, "right"),
    ("Cost / engagement", "cpe_text", 990, "right"),
]
ROW_HEIGHT = 19
LIST_WIDTH = 1000


# ---------------------------------------------------------------------------------------- charts
def _select(name: str, label: str, options: list, labels: list[str], value) -> alt.Parameter:
    return alt.param(
        name=name,
        value=value,
        bind=alt.binding_select(options=options, labels=labels, name=label, element=f"#{CONTROLS_ID}"),
    )


def planner_parameters(matches: pd.DataFrame, tiers: list[tuple[int, str]]) -> list[alt.Parameter]:
    """The six bound inputs: brand, risk, follower tier from / to, niche, sentiment."""
    brands = matches.drop_duplicates("brand_id").sort_values("brand_id")
    niches = sorted(set(matches["niche_label"].dropna()))
    ranks = [rank for rank, _ in tiers] or [1]
    tier_labels = [label for _, label in tiers] or ["any"]
    return [
        _select(
            "brand",
            "Brand ",
            brands["brand_id"].tolist(),
            brands["brand_name"].tolist(),
            brands["brand_id"].iloc[0] if len(brands) else "",
        ),
        _select("risk", "Fake-follower risk ", [ALL, *RISK_OPTIONS], ["any", *RISK_OPTIONS], ALL),
        _select("tier_from", "Followers from tier ", ranks, tier_labels, ranks[0]),
        _select("tier_to", "to tier ", ranks, tier_labels, ranks[-1]),
        _select("niche", "Niche ", [ALL, *niches], ["any", *niches], ALL),
        _select("sentiment", "Caption sentiment ", [ALL, *SENTIMENT_OPTIONS], ["any", *SENTIMENT_OPTIONS], ALL),
    ]


def planner_filter(last_tier_rank: int) -> str:
    """The Vega expression every view filters by: the brand and the five filters.

    An influencer without growth data has no tier: it passes only while the tier range is the
    whole range (tier_from = 1 and tier_to = the top tier).
    """
    return (
        "datum.brand_id == brand"
        " && (risk == 'all' || datum.risk_level == risk)"
        " && (datum.tier_rank == null"
        f" ? (+tier_from == 1 && +tier_to == {int(last_tier_rank)})"
        " : (datum.tier_rank >= +tier_from && datum.tier_rank <= +tier_to))"
        " && (niche == 'all' || datum.niche_label == niche)"
        " && (sentiment == 'all' || datum.sentiment_label == sentiment)"
    )


def _list_fields(currency: str) -> dict[str, str]:
    """Vega expressions giving the text of each list column."""
    money = f"'{currency} ' + " if currency else ""
    return {
        "niche_text": "datum.niche_label == null ? '-' : datum.niche_label",
        # The score the rank follows (brand_influencer_matches.match_score), not the raw similarity.
        "match_text": "format(datum.match_score, '.1f')",
        "risk_text": "datum.risk_level + (datum.fake_score == null ? '' : ' (' + datum.fake_score + ')')",
        "trend_text": "datum.trend_class == null ? '-' : datum.trend_class",
        "sentiment_text": (
            "datum.sentiment_label + (datum.mean_compound == null ? '' : ' (' + format(datum.mean_compound, '+.2f') + ')')"
        ),
        "followers_text": "datum.followers == null ? '-' : format(datum.followers, ',')",
        "cost_text": f"datum.estimated_cost == null ? '-' : {money}format(datum.estimated_cost, ',.0f')",
        "cpe_text": f"datum.cost_per_engagement == null ? '-' : {money}format(datum.cost_per_engagement, ',.2f')",
    }


def match_list_chart(base: alt.Chart, shown_expr: str, top_k: int, currency: str) -> alt.LayerChart:
    """The brand's matches that pass the filters (``shown_expr``), as a table of text marks in rank
    order, or a message when none does."""
    filtered = base.transform_filter(shown_expr)
    positions = {field: (x, align) for _header, field, x, align in LIST_COLUMNS}
    fields = [field for _header, field, _x, _align in LIST_COLUMNS]
    rows = filtered.transform_window(
        list_rank="row_number()", sort=[alt.SortField("match_rank", order="ascending")]
    ).transform_calculate(**_list_fields(currency))
    xs = "{" + ", ".join(f"'{f}': {x}" for f, (x, _a) in positions.items()) + "}"
    folded = (
        rows.transform_calculate(list_rank="'' + datum.list_rank")
        .transform_fold(fields, as_=["column", "text"])
        .transform_calculate(x=f"{xs}[datum.column]", y=f"datum.list_rank * {ROW_HEIGHT}")
    )

    def cells(align: str) -> alt.Chart:
        shown = [field for field, (_x, a) in positions.items() if a == align]
        return (
            folded.transform_filter(alt.FieldOneOfPredicate(field="column", oneOf=shown))
            .mark_text(align=align, baseline="middle", fontSize=12, limit=170)
            .encode(
                x=alt.X("x:Q", scale=None, axis=None),
                y=alt.Y("y:Q", scale=None, axis=None),
                text="text:N",
                color=alt.condition(
                    "datum.column == 'risk_text' && datum.risk_level == 'high'",
                    alt.value("#b30000"),
                    alt.value("#1d2430"),
                ),
            )
            .properties(name=f"match_list_cells_{align}")
        )

    def headers(align: str) -> alt.Chart:
        shown = [{"header": h, "x": x} for h, _f, x, a in LIST_COLUMNS if a == align]
        return (
            alt.Chart(alt.Data(values=shown))
            .mark_text(align=align, baseline="middle", fontSize=12, fontWeight="bold")
            .encode(x=alt.X("x:Q", scale=None, axis=None), y=alt.value(0), text="header:N")
            .properties(name=f"match_list_headers_{align}")
        )

    # Counted over all rows (an aggregate of no rows gives no row to draw the message from).
    empty = (
        base.transform_calculate(passes=f"({shown_expr}) ? 1 : 0")
        .transform_aggregate(shown="sum(passes)")
        .transform_filter("datum.shown == 0")
        .mark_text(align="left", baseline="middle", fontSize=13, fontStyle="italic", color="#5b6573")
        .encode(x=alt.value(26), y=alt.value(ROW_HEIGHT), text=alt.value("No match of this brand passes the filters."))
        .properties(name="match_list_empty")
    )
    return alt.layer(headers("left"), headers("right"), cells("left"), cells("right"), empty).properties(
        name="match_list",
        width=LIST_WIDTH,
        height=(top_k + 1) * ROW_HEIGHT,
        title=alt.Title(
            f"The brand's top {top_k} matches that pass the filters",
            subtitle="In the brand's match order (match_rank); risk is the fake-follower risk level (score); sentiment the label of the mean caption score.",
            anchor="start",
        ),
    )


def _risk_scale() -> alt.Scale:
    return alt.Scale(domain=list(RISK_COLOURS), range=list(RISK_COLOURS.values()))


def reach_cost_chart(filtered: alt.Chart, currency: str) -> alt.LayerChart:
    """Expected engagements per post against the price of a post (log-log), coloured by risk."""
    money = f" ({currency})" if currency else ""
    priced = filtered.transform_filter("datum.expected_engagements_per_post > 0 && datum.estimated_cost > 0")
    x = alt.X(
        "expected_engagements_per_post:Q",
        title="Expected engagements per post (real followers x engagement rate)",
        scale=alt.Scale(type="log", nice=False, padding=20),
        axis=alt.Axis(format="~s", tickCount=5),
    )
    y = alt.Y(
        "estimated_cost:Q",
        title=f"Estimated cost per post{money}",
        scale=alt.Scale(type="log", nice=False, padding=20),
        axis=alt.Axis(format="~s", tickCount=5),
    )
    tooltip = [
        alt.Tooltip("name:N", title="Influencer"),
        alt.Tooltip("follower_tier:N", title="Tier"),
        alt.Tooltip("expected_engagements_per_post:Q", title="Expected engagements", format=",.0f"),
        alt.Tooltip("estimated_cost:Q", title="Cost per post", format=",.0f"),
        alt.Tooltip("cost_per_engagement:Q", title="Cost per engagement", format=",.2f"),
        alt.Tooltip("value_score:Q", title="Value score (100 = cheapest)", format=".0f"),
        alt.Tooltip("risk_level:N", title="Fake-follower risk"),
        alt.Tooltip("trend_class:N", title="Follower trend"),
    ]
    points = (
        priced.mark_circle(size=140, opacity=0.9, stroke="white", strokeWidth=1)
        .encode(
            x=x,
            y=y,
            color=alt.Color("risk_level:N", title="Fake-follower risk", scale=_risk_scale()),
            tooltip=tooltip,
        )
        .properties(name="reach_vs_cost_points")
    )
    return alt.layer(points).properties(
        name="reach_vs_cost",
        width=400,
        height=320,
        title=alt.Title(
            "Reach vs cost",
            subtitle="Further right at the same height = more engagement for the money. Hover a dot for the creator.",
            anchor="start",
        ),
    )


def follower_curves_chart(filtered: alt.Chart) -> alt.LayerChart:
    """The follower history of every shown creator, indexed to day 1 = 100."""
    days = (
        filtered.transform_filter("datum.first_followers > 0")
        .transform_flatten(["history", "days"], as_=["followers_on_day", "day"])
        .transform_calculate(indexed="100 * datum.followers_on_day / datum.first_followers")
    )
    lines = (
        days.mark_line(strokeWidth=2, point=False)
        .encode(
            x=alt.X("day:Q", title="Day", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("indexed:Q", title="Followers (day 1 = 100)", scale=alt.Scale(zero=False)),
            color=alt.Color("name:N", title="Influencer", legend=alt.Legend(orient="right", labelLimit=160)),
            tooltip=[
                alt.Tooltip("name:N", title="Influencer"),
                alt.Tooltip("day:Q", title="Day"),
                alt.Tooltip("followers_on_day:Q", title="Followers", format=","),
                alt.Tooltip("trend_class:N", title="Follower trend"),
            ],
        )
        .properties(name="follower_curves_lines")
    )
    return alt.layer(lines).properties(
        name="follower_curves",
        width=400,
        height=320,
        title=alt.Title(
            "Follower curves",
            subtitle="Step-like growth (most of the month's followers on a few days) is what bought followers look like.",
            anchor="start",
        ),
    )


def planner_chart(matches: pd.DataFrame, tiers: list[tuple[int, str]], top_k: int, currency: str) -> alt.VConcatChart:
    """The whole interactive view: inputs, match list, reach vs cost and follower curves."""
    params = planner_parameters(matches, tiers)
    last_rank = tiers[-1][0] if tiers else 1
    # One copy of the data, named at the top level: every view refers to it by name.
    base = alt.Chart(alt.NamedData(name=DATASET))
    shown_expr = planner_filter(last_rank)
    filtered = base.transform_filter(shown_expr)
    return (
        alt.vconcat(
            match_list_chart(base, shown_expr, top_k, currency),
            alt.hconcat(
                reach_cost_chart(filtered, currency), follower_curves_chart(filtered), spacing=60
            ).resolve_scale(color="independent"),
            spacing=30,
        )
        .add_params(*params)
        .properties(name="campaign_planner", datasets={DATASET: planner_records(matches)})
    )


def trend_risk_chart(crosstab: pd.DataFrame) -> alt.LayerChart:
    """Trend class x fake-follower risk level: influencer counts as a heatmap with the counts."""
    classes = [c for c in TREND_ORDER if c in set(crosstab["trend_class"])]
    levels = [r for r in RISK_ORDER if r in set(crosstab["risk_level"])]
    base = alt.Chart(crosstab).encode(
        x=alt.X(
            "risk_level:N", sort=levels, title="Fake-follower risk level", axis=alt.Axis(labelAngle=0, orient="top")
        ),
        y=alt.Y("trend_class:N", sort=classes, title="Follower trend class"),
        tooltip=[
            alt.Tooltip("trend_class:N", title="Trend"),
            alt.Tooltip("risk_level:N", title="Risk"),
            alt.Tooltip("influencers:Q", title="Influencers"),
        ],
    )
    cells = (
        base.mark_rect(stroke="white", strokeWidth=1)
        .encode(color=alt.Color("influencers:Q", title="Influencers", scale=alt.Scale(scheme="oranges")))
        .properties(name="trend_risk_cells")
    )
    most = float(crosstab["influencers"].max() or 0)
    counts = (
        base.mark_text(fontSize=14)
        .encode(
            text="influencers:Q",
            color=alt.condition(f"datum.influencers > {most / 2}", alt.value("white"), alt.value("#222222")),
        )
        .properties(name="trend_risk_counts")
    )
    return alt.layer(cells, counts).properties(
        width=alt.Step(90),
        height=alt.Step(34),
        title=alt.Title(
            "Follower trend class by fake-follower risk",
            subtitle="Step-like accounts outside the high-risk column are bought-looking growth the score does not flag as high.",
        ),
    )


# ------------------------------------------------------------------------------------------ page
def controls_html() -> str:
    """The container the inputs are drawn into (vega-embed fills it), with its layout."""
    return (
        "<style>#planner-controls { display: flex; flex-wrap: wrap; gap: 8px 22px; margin: 14px 0 4px;"
        " padding: 10px 14px; background: #f5f7fa; border: 1px solid #dde2e8; border-radius: 4px; }"
        " #planner-controls .vega-bind-name { font-weight: bold; }"
        " #planner-controls select { font-size: 14px; margin-left: 4px; }</style>\n"
        f'<div id="{CONTROLS_ID}" aria-label="Filters"></div>'
    )


def campaign_planner_page(con: duckdb.DuckDBPyConnection) -> Page:
    page = Page(SLUG, TITLE, SUMMARY, missing=missing_relations(con))
    if page.missing:
        return page
    built = settings(con)
    matches = planner_matches(con)
    tiers = tier_options(con)
    currency, placeholders, _valued = currency_and_placeholders(con)
    scored, captions = caption_coverage(con)
    crosstab = trend_risk_crosstab(con)
    notice = ""
    if placeholders:
        notice = (
            '<p class="notice">Costs use the bundled placeholder prices of the rate card (seed '
            "<code>rate_card</code>): set your own prices in <code>seeds/rate_card.csv</code> before comparing costs.</p>\n"
        )
    coverage = f"{scored:,} of {captions:,} captions ({100 * scored / captions:.0f} %)" if captions else "no captions"
    page.body_html = notice + controls_html()
    page.sections = [
        Section(
            "Matches, reach and follower curves",
            f"The selected brand's top {built.top_k} matches (<code>brand_influencer_matches</code>) with their "
            "cost (<code>influencer_value</code>: rate-card price per post, expected engagements after discounting "
            "presumed-fake followers as 1 - fake score / 100), follower trend (<code>follower_trends</code>) and "
            f"caption sentiment (<code>influencer_sentiment</code>; VADER on English captions: {html.escape(coverage)} "
            "could be scored, the others are in another language or have no words). Every input above filters all three views.",
            "campaign-planner",
            planner_chart(matches, tiers, built.top_k, currency),
        ),
        Section(
            "Follower trends against fake-follower risk",
            f"Influencers with growth data per trend class (<code>follower_trends</code>: step-like = the "
            f"{built.trend_step_days} best days hold at least {100 * built.trend_step_share_min:g} % of all positive daily "
            f"gains and at least {built.trend_step_min_pct:g} % of the first day's followers) and risk level "
            "(<code>fake_follower_scores</code>).",
            "trend-risk-crosstab",
            trend_risk_chart(crosstab),
        ),
    ]
    return page
