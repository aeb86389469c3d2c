"""Build the report site (and the SVG charts for dbt docs) from a DuckDB file opened read-only."""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from python_udfs.report import charts, data, planner, tiktok_charts
from python_udfs.report.html import NAV, Page, Section, render_page, vega_lite_version

# Charts written as SVG for the dbt docs (asset-paths: ["assets"]): file name -> (page, chart id).
SVG_ASSETS = {
    "niche_map.svg": ("niches", "niche-map"),
    "fake_score_distribution.svg": ("fake_followers", "fake-score-distribution"),
    "brand_match_heatmap.svg": ("brand_matching", "brand-match-heatmap"),
    "tiktok_elbow.svg": ("tiktok", "tiktok-elbow"),
    "tiktok_segments.svg": ("tiktok", "tiktok-segments"),
}

PAGE_SUMMARIES = {
    "niches": "Where each influencer sits on a 2-D map of what they write about, coloured by niche, and how big each niche is.",
    "fake_followers": "How fake-follower scores are spread across risk levels, and the daily follower curves of the riskiest accounts with their spike days.",
    "brand_matching": "Which influencers each brand matches best, how similar they are, and what vetting out high-risk accounts changes.",
    "tiktok": "How the number of TikTok segments was chosen, where the segments sit on followers vs engagement, and how they line up with follower tiers.",
    planner.SLUG: planner.SUMMARY,
}


def database_facts(database: Path) -> str:
    """When the database was last written (its mtime, UTC): the pages' 'as of' stamp."""
    modified = datetime.fromtimestamp(database.stat().st_mtime, tz=UTC)
    return modified.strftime("%Y-%m-%d %H:%M:%S UTC")


# ------------------------------------------------------------------------------------------ pages
def niches_page(con: duckdb.DuckDBPyConnection) -> Page:
    page = Page("niches", "Niches", PAGE_SUMMARIES["niches"], missing=data.missing_relations(con, "niches"))
    if page.missing:
        return page
    points = data.niche_map_points(con)
    summary = data.niche_sizes(con)
    source = "<code>influencer_niche_map</code>"
    page.sections = [
        Section(
            "Niche map",
            "Each dot is an influencer, placed by a 2-D projection (PCA) of their bio + caption embedding "
            f"({source}). Hover a dot for the name, niche keywords and fake-follower score; scroll to zoom, drag to pan.",
            "niche-map",
            charts.niche_map_chart(points),
        ),
        Section(
            "Niche sizes",
            f"{len(points)} influencers in {len(summary)} niches (<code>niche_summary</code>). "
            "Hover a bar for the niche keywords and its members' fake-follower risk.",
            "niche-sizes",
            charts.niche_sizes_chart(summary),
        ),
    ]
    return page


def fake_followers_page(con: duckdb.DuckDBPyConnection, top_n: int = 12) -> Page:
    page = Page(
        "fake_followers",
        "Fake followers",
        PAGE_SUMMARIES["fake_followers"],
        missing=data.missing_relations(con, "fake_followers"),
    )
    if page.missing:
        return page
    settings = data.settings(con)
    scores = data.fake_scores(con)
    series = data.follower_series(con, top_n=top_n)
    shown = series["influencer_id"].nunique()
    page.sections = [
        Section(
            "Score distribution",
            f"{len(scores)} influencers with growth data (<code>fake_follower_scores</code>), "
            "binned by score and coloured by risk level.",
            "fake-score-distribution",
            charts.fake_score_distribution_chart(scores),
        ),
        Section(
            f"The {shown} riskiest accounts, day by day",
            f"Followers over the {settings.history_days}-day history, highest fake score first. Spike days by the "
            f"documented rule (gain above mean + {settings.spike_sigma} sd) and by the robust median/MAD rule "
            f"(modified z above {settings.robust_spike_z}) are marked differently: where they "
            "disagree, several bursts have inflated the standard deviation or organic noise tripped the "
            "documented rule. Each panel also shows the companion detector's suspicion score and level "
            f"(high from {settings.suspicion_high_min_score}); the tooltip gives both detectors' reasons.",
            "follower-series",
            charts.follower_series_chart(series),
        ),
    ]
    return page


def brand_matching_page(con: duckdb.DuckDBPyConnection) -> Page:
    page = Page(
        "brand_matching",
        "Brand matching",
        PAGE_SUMMARIES["brand_matching"],
        missing=data.missing_relations(con, "brand_matching"),
    )
    if page.missing:
        return page
    settings = data.settings(con)
    top_k = settings.top_k
    matches = data.brand_matches(con)
    pairs = data.brand_match_pairs(matches)
    dropped = int((matches["vetting"] == "dropped by vetting").sum())
    page.sections = [
        Section(
            "Similarity of the matched pairs",
            f"Cosine similarity (x 100) of brand and influencer text embeddings, for every pair in a brand's top {top_k} "
            f"before or after vetting. Vetting removed {dropped} of {int((matches['shortlist'] == data.ALL_MATCHES).sum())} "
            "matches (marked ✕).",
            "brand-match-heatmap",
            charts.brand_match_heatmap_chart(pairs, top_k),
        ),
        Section(
            f"Top {top_k} per brand, before and after vetting",
            "Left: <code>brand_influencer_matches</code>; right: <code>brand_influencer_matches_vetted</code> "
            f"(only vetted influencers: the {settings.vetting_detector} detector's level is not high). "
            "Bars are coloured by match quality.",
            "brand-top-matches",
            charts.brand_top_matches_chart(matches, top_k),
        ),
    ]
    return page


def tiktok_page(con: duckdb.DuckDBPyConnection) -> Page:
    page = Page("tiktok", "TikTok segments", PAGE_SUMMARIES["tiktok"], missing=data.missing_relations(con, "tiktok"))
    if page.missing:
        return page
    elbow = data.tiktok_elbow(con)
    centres = data.tiktok_segment_centres(con)
    accounts = data.tiktok_accounts(con)
    crosstab = data.tiktok_tier_crosstab(con)
    crosstab_tiers = data.follower_tiers(con)
    chosen = int(elbow.loc[elbow["is_chosen"], "k"].iloc[0]) if elbow["is_chosen"].any() else None
    page.sections = [
        Section(
            "Choosing the number of segments",
            f"<code>tiktok_elbow</code>: k-means error for k = {int(elbow['k'].min())}..{int(elbow['k'].max())}; "
            f"k = {chosen} was used.",
            "tiktok-elbow",
            tiktok_charts.tiktok_elbow_chart(elbow),
        ),
        Section(
            "Segments on followers and engagement",
            f"{int(centres['size'].sum())} accounts in {len(centres)} segments (<code>tiktok_segments</code>). "
            "Both axes are logarithmic; accounts without engagement data are counted in the bubbles but not drawn as dots.",
            "tiktok-segments",
            tiktok_charts.tiktok_segments_chart(centres, accounts),
        ),
        Section(
            "Segments by follower tier",
            "Accounts per segment and follower tier (<code>follower_tier_ranges</code>: "
            + html.escape(data.tier_legend(crosstab_tiers))
            + ").",
            "tiktok-tiers",
            tiktok_charts.tiktok_tier_heatmap_chart(crosstab),
        ),
    ]
    return page


def index_html(database: Path, built: str, counts: list[data.MartCount], pages: list[Page]) -> str:
    rows = "\n".join(
        f"<tr><td><code>{html.escape(c.name)}</code></td>"
        f'<td class="num">{"not built" if c.rows is None else f"{c.rows:,}"}</td></tr>'
        for c in counts
    )
    labels = dict(NAV)
    links = "\n".join(
        f'<li><a href="{p.slug}.html">{html.escape(labels[p.slug])}</a>: {html.escape(PAGE_SUMMARIES[p.slug])}'
        + (" <em>(not built)</em>" if p.missing else "")
        + "</li>"
        for p in pages
    )
    intro = (
        "Charts of the dbt marts, drawn in the browser from data embedded in each page: "
        "no server and no internet connection needed."
    )
    body = (
        f"<h2>Pages</h2>\n<ul>\n{links}\n</ul>\n"
        "<h2>Built from</h2>\n"
        f"<p>Database file <code>{html.escape(str(database))}</code>, last written {html.escape(built)}.</p>\n"
        f"<table>\n<tr><th>Mart</th><th>Rows</th></tr>\n{rows}\n</table>\n"
    )
    page = Page("index", "Influencer analytics report", intro, body_html=body)
    return render_page(page, footer=_footer(database, built))


def _footer(database: Path, built: str) -> str:
    return (
        f"Built from <code>{html.escape(database.name)}</code> as of {html.escape(built)} "
        "by <code>python -m python_udfs.report</code>."
    )


# ------------------------------------------------------------------------------------------ build
def build_pages(con: duckdb.DuckDBPyConnection) -> list[Page]:
    return [
        niches_page(con),
        fake_followers_page(con),
        brand_matching_page(con),
        tiktok_page(con),
        planner.campaign_planner_page(con),
    ]


def build_site(database: str | Path, out: str | Path, assets: str | Path | None = None) -> list[Path]:
    """Write index.html and one page per analysis into ``out``; SVG charts into ``assets`` if given."""
    database = Path(database).resolve()
    if not database.is_file():
        raise FileNotFoundError(f"no DuckDB file at {database}: run `make build` first")
    built = database_facts(database)
    with duckdb.connect(str(database), read_only=True) as con:
        pages = build_pages(con)
        counts = data.mart_counts(con)

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    footer = _footer(database, built)
    for page in pages:
        path = out / f"{page.slug}.html"
        path.write_text(render_page(page, footer), encoding="utf-8")
        written.append(path)
    index = out / "index.html"
    index.write_text(index_html(database, built, counts, pages), encoding="utf-8")
    written.insert(0, index)

    if assets is not None:
        written += write_svg_assets(pages, Path(assets))
    return written


# vl-convert measures text with the fonts it finds here, while the SVG is drawn later by whatever
# browser shows the dbt docs. Measuring with a wide font (DejaVu Sans ~ Verdana) means the text fits
# when it is drawn with the same or a narrower one (Arial, Helvetica), instead of being clipped.
SVG_FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"


def stable_svg_ids(svg: str) -> str:
    """Renumber clip-path and gradient ids from 0 in order of appearance.

    vl-convert numbers them with a counter that lives as long as the process, so the second chart
    converted in one process would get other ids than the same chart converted first.
    """
    numbers: dict[str, str] = {}

    def renumber(match: re.Match) -> str:
        kind = match.group(1)
        if match.group(0) not in numbers:
            numbers[match.group(0)] = f"{kind}{sum(1 for k in numbers if k.startswith(kind))}"
        return numbers[match.group(0)]

    return re.sub(r"\b(clip|gradient_)(\d+)\b", renumber, svg)


def write_svg_assets(pages: list[Page], folder: Path) -> list[Path]:
    """Write the SVG_ASSETS charts, drawn by vl-convert (no browser needed).

    Each file ends with a comment naming the SHA-256 of what drew it (spec, options, Vega-Lite and
    vl-convert versions); a file that already ends with the same comment is kept, not drawn again
    (a no-change ``make build``: the five charts took 1-7 s of vl-convert, by machine load).
    """
    folder.mkdir(parents=True, exist_ok=True)
    sections = {(page.slug, s.chart_id): s for page in pages for s in page.sections}
    written = []
    for file_name, key in SVG_ASSETS.items():
        if key not in sections:
            continue
        config = {"font": SVG_FONT, "padding": {"left": 5, "top": 5, "right": 20, "bottom": 5}}
        spec = sections[key].spec
        stamp = svg_stamp(spec, config)
        path = folder / file_name
        if not (path.is_file() and path.read_text(encoding="utf-8").endswith(stamp)):
            import vl_convert as vlc

            svg = vlc.vegalite_to_svg(spec, vl_version=vega_lite_version(), config=config)
            path.write_text(stable_svg_ids(svg) + stamp, encoding="utf-8")
        written.append(path)
    return written


def svg_stamp(spec: dict, config: dict) -> str:
    """The closing comment of an SVG asset: a digest of everything vl-convert drew it from."""
    import importlib.metadata

    drawn_from = {
        "spec": spec,
        "config": config,
        "vega_lite": vega_lite_version(),
        "vl_convert": importlib.metadata.version("vl-convert-python"),
    }
    digest = hashlib.sha256(json.dumps(drawn_from, sort_keys=True).encode("utf-8")).hexdigest()
    return f"\n<!-- drawn from sha256 {digest} -->\n"
