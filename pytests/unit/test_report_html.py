"""python_udfs.report.html: the Vega-Lite version handed to vl-convert, from public APIs only."""

from __future__ import annotations

import re

import altair as alt
import vl_convert as vlc

from python_udfs.report.html import vega_lite_version


def test_vega_lite_version_is_the_one_altair_specs_declare_and_vl_convert_ships():
    schema_url = alt.Chart(alt.Data(values=[{"a": 1}])).mark_point().encode(x="a:Q").to_dict()["$schema"]
    major, minor = re.search(r"/v(\d+)\.(\d+)\.\d+\.json$", schema_url).groups()
    assert vega_lite_version() == f"v{major}_{minor}"
    assert f"{major}.{minor}" in vlc.get_vegalite_versions()
