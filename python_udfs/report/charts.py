"""Chart builders: each takes DataFrames from :mod:`python_udfs.report.data` and returns an Altair chart
(niches, fake-follower scores, brand matches; the TikTok charts: :mod:`python_udfs.report.tiktok_charts`).

Builders are pure (no I/O) so tests can check their Vega-Lite specs with ``chart.to_dict()``.
Every parameter and view is named explicitly: Altair's automatic names use a process-wide counter,
which would make a page differ between two builds in the same process.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from python_udfs.report.data import ALL_MATCHES, NOT_SCORED, VETTED_MATCHES

RISK_DOMAIN = ["low", "medium", "high", NOT_SCORED]
RISK_COLOURS = ["#4daf4a", "#f5a623", "#d62728", "#9e9e9e"]
QUALITY_DOMAIN = ["Excellent", "Good", "Moderate", "Weak"]
QUALITY_COLOURS = ["#08306b", "#2171b5", "#6baed6", "#a9bdd4"]
ORDINARY_DAY = "no spike"
DOCUMENTED_RULE = "spike: documented rule (mean + sd)"
ROBUST_RULE = "spike: robust rule (median / MAD)"
BOTH_RULES = "spike: both rules"
SPIKE_COLOURS = ["#d62728", "#1f3f99"]


def _niche_scale(labels: pd.Series) -> alt.Scale:
    domain = sorted(set(labels.dropna()))
    return alt.Scale(domain=domain, scheme="tableau10" if len(domain) <= 10 else "tableau20")


# ----------------------------------------------------------------------------------------- niches
def niche_map_chart(points: pd.DataFrame) -> alt.LayerChart:
    """Scatter of the 2-D PCA map, one dot per influencer coloured by niche; high risk ringed."""
    colour = _niche_scale(points["niche_label"])
    zoom = alt.selection_interval(bind="scales", name="niche_map_zoom")
    tooltip = [
        alt.Tooltip("name:N", title="Influencer"),
        alt.Tooltip("niche_label:N", title="Niche"),
        alt.Tooltip("niche_keywords:N", title="Niche keywords"),
        alt.Tooltip("fake_score_text:N", title="Fake score"),
    ]
    base = alt.Chart(points)
    dots = (
        base.mark_circle(size=120, opacity=0.9, stroke="white", strokeWidth=0.8)
        .encode(
            x=alt.X(
                "x:Q",
                title="Text similarity axis 1 (PCA)",
                scale=alt.Scale(zero=False, padding=18),
                axis=alt.Axis(labels=False, ticks=False),
            ),
            y=alt.Y(
                "y:Q",
                title="Text similarity axis 2 (PCA)",
                scale=alt.Scale(zero=False, padding=18),
                axis=alt.Axis(labels=False, ticks=False),
            ),
            color=alt.Color("niche_label:N", title="Niche", scale=colour, legend=alt.Legend(labelLimit=220)),
            tooltip=tooltip,
        )
        .add_params(zoom)
    )
    rings = (
        base.transform_filter(alt.datum.risk_level == "high")
        .mark_point(size=330, strokeWidth=2, color="#d62728", filled=False)
        .encode(x="x:Q", y="y:Q", tooltip=tooltip)
    )
    return alt.layer(dots, rings).properties(
        width=620,
        height=440,
        title=alt.Title(
            "Influencers placed by what they write about",
            subtitle="Close dots = similar bios and captions. Red ring = high fake-follower risk.",
        ),
    )


def niche_sizes_chart(summary: pd.DataFrame) -> alt.LayerChart:
    """Horizontal bars: influencers per niche, largest first, coloured like the map."""
    order = summary["niche_label"].tolist()
    base = alt.Chart(summary).encode(
        y=alt.Y("niche_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        x=alt.X("influencer_count:Q", title="Influencers", axis=alt.Axis(tickMinStep=1)),
        tooltip=[
            alt.Tooltip("niche_label:N", title="Niche"),
            alt.Tooltip("niche_keywords:N", title="Keywords"),
            alt.Tooltip("influencer_count:Q", title="Influencers"),
            alt.Tooltip("mean_fake_score:Q", title="Mean fake score", format=".1f"),
            alt.Tooltip("high_risk_count:Q", title="High-risk members"),
        ],
    )
    bars = base.mark_bar().encode(
        color=alt.Color("niche_label:N", scale=_niche_scale(summary["niche_label"]), legend=None)
    )
    labels = base.mark_text(align="left", dx=4, fontSize=12).encode(text="influencer_count:Q")
    return alt.layer(bars, labels).properties(width=480, height=alt.Step(28), title="Influencers per niche")


# ----------------------------------------------------------------------------------- fake scores
def fake_score_distribution_chart(scores: pd.DataFrame) -> alt.Chart:
    """Histogram of fake_score (bins of 10, 0-100) stacked by risk level."""
    return (
        alt.Chart(scores)
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X(
                "bin_start:Q",
                bin="binned",
                title="Fake-follower score (0-100)",
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(values=list(range(0, 101, 10))),
            ),
            x2="bin_end:Q",
            y=alt.Y("count():Q", title="Influencers", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "risk_level:N", title="Risk level", scale=alt.Scale(domain=RISK_DOMAIN[:3], range=RISK_COLOURS[:3])
            ),
            order=alt.Order("risk_order:Q"),
            tooltip=[
                alt.Tooltip("bin_start:Q", title="Score from"),
                alt.Tooltip("bin_end:Q", title="to below"),
                alt.Tooltip("risk_level:N", title="Risk level"),
                alt.Tooltip("count():Q", title="Influencers"),
            ],
        )
        .transform_calculate(risk_order="indexof(['low', 'medium', 'high'], datum.risk_level)")
        .properties(width=560, height=260, title="Fake-follower score distribution by risk level")
    )


def follower_series_chart(series: pd.DataFrame, columns: int = 4) -> alt.FacetChart:
    """Small multiples of the daily follower counts, documented and robust spike days marked.

    One point layer draws every day, its symbol set by ``day_kind`` (see :func:`day_kind`): no
    filtered layers, so a panel without spikes has no empty data set (Vega warns on those).
    """
    order = series.drop_duplicates("panel").sort_values("risk_rank")["panel"].tolist()
    series = series.assign(
        day_kind=[
            day_kind(documented, robust)
            for documented, robust in zip(series["is_documented_spike"], series["is_robust_spike"])
        ]
    )
    kinds = [ORDINARY_DAY, DOCUMENTED_RULE, ROBUST_RULE, BOTH_RULES]
    legend = alt.Legend(title="Day marked as", orient="top", labelLimit=260, symbolStrokeWidth=2)
    last_day = int(series["day_index"].max()) if len(series) else 1
    x = alt.X(
        "day_index:Q",
        title="Day",
        scale=alt.Scale(domain=[1, last_day], nice=False),
        axis=alt.Axis(values=sorted({1, *range(10, last_day, 10), last_day})),
    )
    y = alt.Y("followers:Q", title="Followers", scale=alt.Scale(zero=False), axis=alt.Axis(format="~s", tickCount=4))
    tooltip = [
        alt.Tooltip("name:N", title="Influencer"),
        alt.Tooltip("day_index:Q", title="Day"),
        alt.Tooltip("followers:Q", title="Followers", format=","),
        alt.Tooltip("daily_gain:Q", title="Gain that day", format=","),
        alt.Tooltip("day_kind:N", title="Spike"),
        alt.Tooltip("fake_score:Q", title="Fake score"),
        alt.Tooltip("reasons:N", title="Reasons"),
        alt.Tooltip("suspicion_score:Q", title="Suspicion score"),
        alt.Tooltip("suspicion_reasons:N", title="Suspicion reasons"),
    ]
    line = alt.Chart().mark_line(color="#6b7b8c", strokeWidth=1.6).encode(x=x, y=y)
    days = (
        alt.Chart()
        .mark_point(opacity=1)
        .encode(
            x=x,
            y=y,
            tooltip=tooltip,
            shape=alt.Shape(
                "day_kind:N",
                sort=kinds,
                legend=legend,
                scale=alt.Scale(domain=kinds, range=["circle", "circle", "diamond", "diamond"]),
            ),
            size=alt.Size(
                "day_kind:O", sort=kinds, legend=legend, scale=alt.Scale(domain=kinds, range=[10, 90, 260, 260])
            ),
            fill=alt.Fill(
                "day_kind:O",
                sort=kinds,
                legend=legend,
                scale=alt.Scale(domain=kinds, range=["#6b7b8c", SPIKE_COLOURS[0], "#ffffff", SPIKE_COLOURS[0]]),
            ),
            stroke=alt.Stroke(
                "day_kind:O",
                sort=kinds,
                legend=legend,
                scale=alt.Scale(domain=kinds, range=["#6b7b8c", SPIKE_COLOURS[0], SPIKE_COLOURS[1], SPIKE_COLOURS[1]]),
            ),
            strokeWidth=alt.StrokeWidth(
                "day_kind:O", sort=kinds, legend=legend, scale=alt.Scale(domain=kinds, range=[0, 1, 2.5, 2.5])
            ),
            order=alt.Order("day_order:Q"),
        )
        .transform_calculate(day_order=f"indexof({kinds!r}, datum.day_kind)")
    )
    layered = alt.layer(line, days, data=series).properties(width=200, height=120)
    return (
        layered.facet(
            facet=alt.Facet(
                "panel:N",
                sort=order,
                title=None,
                header=alt.Header(labelFontSize=11, labelLimit=240, labelFontWeight="bold"),
            ),
            columns=columns,
        )
        .resolve_scale(y="independent")
        .properties(
            title=alt.Title(
                "Daily followers of the riskiest accounts",
                subtitle="Red dot: spike day by the documented rule. Blue diamond: by the robust rule. Red diamond ringed blue: by both. Hover a day for the reasons.",
            )
        )
    )


def day_kind(documented: bool, robust: bool) -> str:
    """Which spike rules flagged a day: the category the small multiples draw it with."""
    if documented and robust:
        return BOTH_RULES
    if documented:
        return DOCUMENTED_RULE
    if robust:
        return ROBUST_RULE
    return ORDINARY_DAY


# -------------------------------------------------------------------------------- brand matching
def _match_tooltip(with_rank: bool) -> list[alt.Tooltip]:
    """Tooltip of one brand-influencer match (heatmap cell or top-k bar)."""
    rank = [alt.Tooltip("match_rank:Q", title="Rank")] if with_rank else []
    return [
        alt.Tooltip("brand_name:N", title="Brand"),
        *rank,
        alt.Tooltip("name:N", title="Influencer"),
        alt.Tooltip("niche_label:N", title="Niche"),
        alt.Tooltip("match_score:Q", title="Match score", format=".1f"),
        alt.Tooltip("similarity_score:Q", title="Similarity", format=".1f"),
        alt.Tooltip("match_quality:N", title="Match quality"),
        alt.Tooltip("risk_level:N", title="Fake-follower risk"),
        alt.Tooltip("vetting:N", title="Vetting"),
    ]


def brand_match_heatmap_chart(pairs: pd.DataFrame, top_k: int) -> alt.LayerChart:
    """Brand x influencer similarity of every matched pair; ✕ = dropped by vetting, + = added."""
    influencer_order = (
        pairs.drop_duplicates("influencer_id").sort_values(["niche_label", "name"], na_position="last")["name"].tolist()
    )
    brand_order = pairs.drop_duplicates("brand_id").sort_values("brand_id")["brand_name"].tolist()
    base = alt.Chart(pairs).encode(
        x=alt.X(
            "name:N",
            sort=influencer_order,
            title="Influencer (ordered by niche)",
            axis=alt.Axis(labelAngle=-50, labelLimit=160),
        ),
        y=alt.Y("brand_name:N", sort=brand_order, title=None, axis=alt.Axis(labelLimit=200)),
        tooltip=_match_tooltip(with_rank=False),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color(
            "similarity_score:Q", title="Similarity (0-100)", scale=alt.Scale(scheme="viridis", reverse=True)
        )
    )
    threshold = float(pairs["similarity_score"].min() + pairs["similarity_score"].max()) / 2 if len(pairs) else 0.0
    marks = base.mark_text(fontSize=14, fontWeight="bold").encode(
        text="vetting_mark:N",
        color=alt.condition(f"datum.similarity_score > {threshold:.2f}", alt.value("white"), alt.value("#111111")),
    )
    return alt.layer(cells, marks).properties(
        width=alt.Step(22),
        height=alt.Step(24),
        title=alt.Title(
            "Brand x influencer similarity of the matched pairs",
            subtitle=f"Cells: the influencer is in the brand's top {top_k}. ✕ = dropped by vetting (high fake-follower risk); + = moved into the vetted top {top_k}.",
        ),
    )


def brand_top_matches_chart(matches: pd.DataFrame, top_k: int) -> alt.FacetChart:
    """Per brand: the top-k bars before and after vetting, side by side, coloured by match quality.

    A bar dropped by vetting is faded with a dashed red outline and its label ends in ✕; a bar that
    vetting moved into the top k ends in +. One layer only: Vega warns when faceted independent
    scales union the domains of several layers.
    """
    brand_order = matches.drop_duplicates("brand_id").sort_values("brand_id")["brand_name"].tolist()
    marks = {"dropped by vetting": "  ✕", "added by vetting": "  +"}
    # "01. name": sorts in rank order without a sort data set; the axis drops the leading zero.
    matches = matches.assign(
        rank_label=[
            f"{rank:02d}. {name}{marks.get(vetting, '')}"
            for rank, name, vetting in zip(matches["match_rank"], matches["name"], matches["vetting"])
        ]
    )
    dropped = "datum.vetting == 'dropped by vetting'"
    bars = (
        alt.Chart(matches)
        .mark_bar()
        .encode(
            y=alt.Y(
                "rank_label:N",
                sort="ascending",
                title=None,
                axis=alt.Axis(
                    labelLimit=190, labelExpr="slice(datum.label, 0, 1) == '0' ? slice(datum.label, 1) : datum.label"
                ),
            ),
            # The score the ranks follow: bars never grow down the list (the raw similarity can).
            x=alt.X("match_score:Q", title="Match score (0-100)", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color(
                "match_quality:N", title="Match quality", scale=alt.Scale(domain=QUALITY_DOMAIN, range=QUALITY_COLOURS)
            ),
            opacity=alt.condition(dropped, alt.value(0.35), alt.value(1.0)),
            stroke=alt.condition(dropped, alt.value("#b30000"), alt.value(None)),
            strokeDash=alt.condition(dropped, alt.value([3, 2]), alt.value([])),
            tooltip=_match_tooltip(with_rank=True),
        )
    )
    return (
        bars.properties(width=230, height=alt.Step(13))
        .facet(
            row=alt.Row(
                "brand_name:N",
                sort=brand_order,
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold", labelLimit=140),
            ),
            column=alt.Column(
                "shortlist:N",
                sort=[ALL_MATCHES, VETTED_MATCHES],
                title=None,
                header=alt.Header(labelFontSize=13, labelFontWeight="bold"),
            ),
        )
        .resolve_scale(y="independent")
        .properties(
            title=alt.Title(
                f"Each brand's top {top_k}, before and after vetting",
                subtitle=f"✕ faded, dashed: dropped by vetting (high fake-follower risk). +: moved into the vetted top {top_k} from further down.",
            )
        )
    )
