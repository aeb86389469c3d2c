"""TikTok chart builders: each takes DataFrames from :mod:`python_udfs.report.data` and returns an
Altair chart (the elbow curve, the segments' accounts and centres, tiers per segment).

Pure, with every parameter and view named, as in :mod:`python_udfs.report.charts`.
"""

from __future__ import annotations

import altair as alt
import pandas as pd


def tiktok_elbow_chart(elbow: pd.DataFrame) -> alt.LayerChart:
    """WCSS against k, the chosen k marked with a rule, a red dot and a label."""
    chosen = elbow[elbow["is_chosen"]]
    x = alt.X(
        "k:Q",
        title="Number of segments k",
        axis=alt.Axis(tickMinStep=1),
        scale=alt.Scale(domain=[int(elbow["k"].min()), int(elbow["k"].max())], nice=False),
    )
    y = alt.Y("wcss:Q", title="Within-cluster sum of squares")
    base = alt.Chart(elbow)
    line = base.mark_line(color="#6b7b8c", point=alt.OverlayMarkDef(color="#6b7b8c", size=50)).encode(
        x=x,
        y=y,
        tooltip=[
            alt.Tooltip("k:Q"),
            alt.Tooltip("wcss:Q", title="WCSS", format=",.1f"),
            alt.Tooltip("is_knee:N", title="Knee"),
            alt.Tooltip("is_chosen:N", title="Chosen"),
        ],
    )
    marked = alt.Chart(chosen)
    rule = marked.mark_rule(color="#d62728", strokeDash=[4, 3]).encode(x="k:Q")
    dot = marked.mark_point(color="#d62728", filled=True, size=180).encode(x=x, y=y)
    label = (
        marked.transform_calculate(label="'chosen k = ' + datum.k")
        .mark_text(align="left", dx=10, dy=-12, fontSize=13, fontWeight="bold", color="#d62728")
        .encode(x=x, y=y, text="label:N")
    )
    layers = [line, rule, dot, label]
    knee = elbow[elbow["is_knee"] & ~elbow["is_chosen"]]
    if not knee.empty:
        layers.append(alt.Chart(knee).mark_point(color="#333333", size=180, strokeWidth=2).encode(x=x, y=y))
    return alt.layer(*layers).properties(
        width=480,
        height=280,
        title=alt.Title(
            "Elbow curve",
            subtitle="k-means error for each number of segments; the knee is where extra segments stop paying off.",
        ),
    )


def _powers_of_ten(*columns: pd.Series) -> list[float]:
    """Axis values for a log scale: the powers of ten spanning the positive values (no minor grid)."""
    import math

    values = pd.concat([pd.Series(c, dtype="float64") for c in columns]).dropna()
    values = values[values > 0]
    if values.empty:
        return [1.0]
    low, high = math.floor(math.log10(values.min())), math.ceil(math.log10(values.max()))
    return [float(10.0**e) for e in range(low, high + 1)]


def tiktok_segments_chart(centres: pd.DataFrame, accounts: pd.DataFrame) -> alt.LayerChart:
    """Accounts (faint) and segment medians (bubbles sized by account count), log-log."""
    colour = alt.Scale(domain=centres.sort_values("segment_id")["segment_name"].tolist(), scheme="tableau10")
    x = alt.X(
        "followers:Q",
        title="Followers (log scale)",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format="~s", values=_powers_of_ten(accounts["followers"], centres["median_followers"])),
    )
    y = alt.Y(
        "engagement:Q",
        title="Average engagement per follower (log scale)",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(
            format="~%", values=_powers_of_ten(accounts["awg_engagement_rate"], centres["median_engagement_rate"])
        ),
    )
    dots = (
        alt.Chart(accounts)
        .transform_calculate(engagement="datum.awg_engagement_rate")
        .mark_circle(size=22, opacity=0.35)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "segment_name:N",
                scale=colour,
                title="Segment",
                legend=alt.Legend(labelLimit=420, orient="bottom", columns=1, symbolOpacity=1, symbolSize=120),
            ),
            tooltip=[
                alt.Tooltip("account_id:N", title="Account"),
                alt.Tooltip("segment_name:N", title="Segment"),
                alt.Tooltip("followers:Q", format=","),
                alt.Tooltip("awg_engagement_rate:Q", title="Engagement", format=".2%"),
            ],
        )
    )
    bubbles = (
        alt.Chart(centres)
        .transform_calculate(followers="datum.median_followers", engagement="datum.median_engagement_rate")
        .mark_circle(opacity=0.85, stroke="black", strokeWidth=1.2)
        .encode(
            x=x,
            y=y,
            size=alt.Size(
                "size:Q",
                title="Accounts in segment",
                scale=alt.Scale(range=[150, 2200]),
                legend=alt.Legend(
                    values=sorted(
                        {int(centres["size"].min()), int(centres["size"].median()), int(centres["size"].max())}
                    )
                ),
            ),
            color=alt.Color("segment_name:N", scale=colour),
            tooltip=[
                alt.Tooltip("segment_name:N", title="Segment"),
                alt.Tooltip("size:Q", title="Accounts"),
                alt.Tooltip("median_followers:Q", title="Median followers", format=","),
                alt.Tooltip("median_engagement_rate:Q", title="Median engagement", format=".2%"),
            ],
        )
    )
    return alt.layer(dots, bubbles).properties(
        width=620,
        height=420,
        title=alt.Title(
            "TikTok segments", subtitle="Bubbles: segment medians, sized by accounts. Small dots: the accounts."
        ),
    )


def tiktok_tier_heatmap_chart(crosstab: pd.DataFrame) -> alt.LayerChart:
    """Segment x follower tier account counts, as a heatmap with the counts written in."""
    segment_order = crosstab.drop_duplicates("segment_id").sort_values("segment_id")["segment_name"].tolist()
    tier_order = crosstab.drop_duplicates("follower_tier").sort_values("tier_order")["follower_tier"].tolist()
    base = alt.Chart(crosstab).encode(
        x=alt.X("follower_tier:O", sort=tier_order, title="Follower tier", axis=alt.Axis(labelAngle=0, orient="top")),
        y=alt.Y("segment_name:N", sort=segment_order, title=None, axis=alt.Axis(labelLimit=420)),
        tooltip=[
            alt.Tooltip("segment_name:N", title="Segment"),
            alt.Tooltip("follower_tier:O", title="Tier"),
            alt.Tooltip("accounts:Q", title="Accounts"),
            alt.Tooltip("share_of_segment:Q", title="Share of segment", format=".0%"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1).encode(
        color=alt.Color("accounts:Q", title="Accounts", scale=alt.Scale(scheme="blues"))
    )
    max_count = float(crosstab["accounts"].max() or 0)
    text = base.mark_text(fontSize=13).encode(
        text="accounts:Q",
        color=alt.condition(f"datum.accounts > {max_count / 2}", alt.value("white"), alt.value("#222222")),
    )
    return alt.layer(cells, text).properties(
        width=alt.Step(70),
        height=alt.Step(34),
        title=alt.Title(
            "Segments by follower tier",
            subtitle="How the data-driven segments line up with the vendor's follower tiers.",
        ),
    )
