"""Captions in other languages go through a real dbt build and come out marked not scored (NULL
sentiment, label 'not scored'), never as a neutral 0; the influencer's shares count scored captions only."""

from __future__ import annotations

import csv
import io

import pytest

from pytests.support.dbt_runs import dbt_input_dir, run_dbt, vars_arg
from pytests.support.paths import SEEDS_DIR
from pytests.support.warehouse import query

pytestmark = pytest.mark.dbt

CAPTIONS = [
    "Hoy hice la mejor paella de mi vida, la receta completa está en el blog",
    "Heute gibt es endlich das neue Rezept für euch, viel Spaß beim Nachkochen",
    "Absolutely love this new recipe, best dinner ever 😍 #blessed",
    "🔥🔥🔥 https://bit.ly/3xQz9Ka",
]


@pytest.fixture(scope="module")
def multilingual_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("multilingual_inputs")
    with (SEEDS_DIR / "influencers_data.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    rows.append(["INF900", "Lucía Mehrsprachig", "Cocina y viajes", " | ".join(CAPTIONS)])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (folder / "influencers_data.csv").write_text(buffer.getvalue(), encoding="utf-8")
    for name in ("growth_data", "brands_data"):
        (folder / f"{name}.csv").write_bytes((SEEDS_DIR / f"{name}.csv").read_bytes())
    database = tmp_path_factory.mktemp("multilingual") / "multilingual.duckdb"
    # Builds (and tests) the sentiment chain only: no embeddings needed.
    run_dbt(
        ["build", "--select", "+caption_sentiment", "+influencer_sentiment", "--indirect-selection", "cautious"]
        + vars_arg({"input_dir": dbt_input_dir(folder)}),
        database,
    )
    return database


def test_non_english_captions_are_marked_not_scored(multilingual_build):
    rows = query(
        multilingual_build,
        "select caption_index, language, language_status, is_scored, sentiment_compound, sentiment_label "
        "from main.caption_sentiment where influencer_id = 'INF900' order by caption_index",
    )
    assert rows[0][:2] == (1, "es") and rows[1][:2] == (2, "de")
    for _index, _language, status, is_scored, compound, label in rows[:2]:
        assert (status, is_scored, compound, label) == ("not_english", False, None, "not scored")
    assert rows[2][2:4] == ("english", True) and rows[2][4] > 0.5 and rows[2][5] == "positive"
    assert rows[3][1:] == ("und", "no_words", False, None, "not scored")


def test_influencer_shares_count_scored_captions_only(multilingual_build):
    ((captions, scored, share, not_english, no_words, positive_share, label),) = query(
        multilingual_build,
        "select caption_count, scored_caption_count, scored_share, not_english_caption_count, "
        "no_words_caption_count, positive_share, sentiment_label "
        "from main.influencer_sentiment where influencer_id = 'INF900'",
    )
    assert (captions, scored, not_english, no_words) == (4, 1, 2, 1)
    assert share == pytest.approx(0.25)
    assert positive_share == 1.0 and label == "positive"
