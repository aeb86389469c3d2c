"""Self-contained HTML pages: Vega-Lite specs plus the vega-embed bundle inlined (no CDN, no server).

The JavaScript is the bundle Altair itself inlines for ``chart.save(..., inline=True)``
(``vl_convert.javascript_bundle``), written once per page instead of once per chart. Charts are
drawn with the SVG renderer so their marks can be counted by the browser test, and without the
vega-embed action menu (its "open in editor" link would leave the machine).
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass, field

import altair as alt

EMBED_OPTIONS = {"renderer": "svg", "actions": False, "mode": "vega-lite"}

STYLE = """
body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1d2430;
       margin: 0 auto; max-width: 1280px; padding: 0 28px 48px; line-height: 1.45; }
nav { padding: 14px 0; border-bottom: 1px solid #dde2e8; margin-bottom: 8px; font-size: 15px; }
nav a { margin-right: 18px; color: #1f5fa8; text-decoration: none; }
nav a[aria-current="page"] { font-weight: bold; color: #1d2430; }
h1 { font-size: 28px; margin: 18px 0 6px; }
h2 { font-size: 20px; margin: 34px 0 4px; }
p.lede { font-size: 16px; color: #3b4656; max-width: 900px; }
section p { max-width: 900px; color: #3b4656; }
.chart { margin: 10px 0 8px; overflow-x: auto; }
.notice { background: #fff4e5; border: 1px solid #f5a623; padding: 10px 14px; border-radius: 4px; }
table { border-collapse: collapse; margin: 8px 0 16px; }
th, td { text-align: left; padding: 5px 14px 5px 0; border-bottom: 1px solid #e6e9ee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 40px; padding-top: 10px; border-top: 1px solid #dde2e8; font-size: 13px; color: #5b6573; }
code { background: #f2f4f7; padding: 1px 4px; border-radius: 3px; }
"""

NAV = [
    ("index", "Overview"),
    ("niches", "Niches"),
    ("fake_followers", "Fake followers"),
    ("brand_matching", "Brand matching"),
    ("tiktok", "TikTok segments"),
    ("campaign_planner", "Campaign planner"),
]


@dataclass
class Section:
    heading: str
    text: str
    chart_id: str
    chart: alt.TopLevelMixin

    @functools.cached_property
    def spec(self) -> dict:
        """The chart's Vega-Lite spec, built (and validated) once: the page and the SVG asset use it."""
        return self.chart.to_dict()


@dataclass
class Page:
    slug: str
    title: str
    intro: str
    sections: list[Section] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    body_html: str = ""  # static HTML after the intro (the index page's lists and tables)


def vega_lite_version() -> str:
    """The Vega-Lite version Altair writes specs for, as vl-convert names it.

    ``altair.SCHEMA_VERSION`` (public, e.g. ``v6.4.1``) -> ``v6_4``: vl-convert bundles one
    Vega-Lite per minor version (``vl_convert.get_vegalite_versions()``).
    """
    import altair

    major, minor = altair.SCHEMA_VERSION.removeprefix("v").split(".")[:2]
    return f"v{major}_{minor}"


@functools.lru_cache(maxsize=1)
def vega_embed_bundle() -> str:
    """vega + vega-lite + vega-embed as one script, the version Altair's inline HTML uses."""
    import vl_convert as vlc

    return vlc.javascript_bundle(vl_version=vega_lite_version())


def _script_safe(text: str) -> str:
    """JSON that can sit inside <script> without ending it."""
    return text.replace("</", "<\\/")


def _nav(current: str) -> str:
    links = []
    for slug, label in NAV:
        current_attr = ' aria-current="page"' if slug == current else ""
        links.append(f'<a href="{slug}.html"{current_attr}>{html.escape(label)}</a>')
    return "<nav>" + "".join(links) + "</nav>"


def render_page(page: Page, footer: str) -> str:
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(page.title)} · Influencer analytics</title>",
        f"<style>{STYLE}</style>",
    ]
    if page.sections:
        parts.append(f'<script type="text/javascript">\n{vega_embed_bundle()}\n</script>')
    parts += [
        "</head>",
        "<body>",
        _nav(page.slug),
        f"<h1>{html.escape(page.title)}</h1>",
        f'<p class="lede">{page.intro}</p>',
    ]
    if page.missing:
        names = ", ".join(f"<code>{html.escape(name)}</code>" for name in page.missing)
        parts.append(
            f'<p class="notice">Not built in this database: {names}. Run <code>make build</code>, then <code>make report</code>.</p>'
        )
    if page.body_html:
        parts.append(page.body_html)
    for section in page.sections:
        parts += [
            "<section>",
            f"<h2>{html.escape(section.heading)}</h2>",
            f"<p>{section.text}</p>",
            f'<div class="chart" id="{section.chart_id}" data-chart="{section.chart_id}"></div>',
            "</section>",
        ]
    parts.append(f"<footer>{footer}</footer>")
    if page.sections:
        specs = {section.chart_id: section.spec for section in page.sections}
        parts += [
            '<script type="text/javascript">',
            "{  // a block: these names must not clash with the bundle's globals",
            f"const specs = {_script_safe(json.dumps(specs, sort_keys=True))};",
            f"const embedOptions = {json.dumps(EMBED_OPTIONS, sort_keys=True)};",
            "for (const [id, spec] of Object.entries(specs)) {",
            "  const el = document.getElementById(id);",
            "  vegaEmbed(el, spec, embedOptions).catch((error) => {",
            "    el.innerHTML = '<p class=\"notice\">This chart could not be drawn: ' + error.message + '</p>';",
            "    console.error(error);",
            "  });",
            "}",
            "}",
            "</script>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
