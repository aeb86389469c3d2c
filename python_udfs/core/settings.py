"""The project's settings: one typed, frozen object built from the dbt vars, validated once.

Every knob is a var in ``dbt_project.yml`` (its default lives there and nowhere else) and keeps that
name everywhere: in SQL (``setting('n_niches')``, the macro that types a number given as a string),
in the ``int_settings_resolved`` model, in this dataclass and in the functions that use it. ``macros/settings.sql`` lists the names it passes
along; a unit test checks that dbt_project.yml, that macro and this class hold the same names.

``settings_problem`` runs in dbt's ``on-run-start`` hook (a DuckDB UDF registered by the plugin;
the hook raises a compilation error with its message), so a bad value (``n_niches: 'abc'``,
``top_k: 0``, ``spike_sigma: -1``) stops the build before any model runs, with a message naming the
var, the value and what is allowed. Python models read the
same values, already typed, through :func:`settings_from_relation`.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from python_udfs.core.sentence_models import BACKENDS, MODELS, check_backend

EMBEDDING_BACKENDS = BACKENDS
EMBEDDING_MODELS = tuple(MODELS)
VETTING_DETECTORS = ("suspicion", "documented")


class SettingsError(ValueError):
    """A var with a value the project cannot use."""


# ------------------------------------------------------------------------------ value checkers
def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def integer(minimum: int | None = None, maximum: int | None = None, optional: bool = False) -> dict:
    def parse(value: Any) -> int | None:
        if value is None and optional:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise TypeError
        return value

    bounds = _bounds_text(minimum, maximum)
    allowed = ("null or " if optional else "") + f"an integer{bounds}"
    return {"parse": parse, "allowed": allowed, "kind": "integer", "minimum": minimum, "maximum": maximum}


def number(minimum: float | None = None, maximum: float | None = None, exclusive_minimum: bool = False) -> dict:
    def parse(value: Any) -> float:
        parsed = _number(value)
        if parsed is None:
            raise TypeError
        too_low = minimum is not None and (parsed <= minimum if exclusive_minimum else parsed < minimum)
        if too_low or (maximum is not None and parsed > maximum):
            raise TypeError
        return value

    bounds = f" > {minimum}" if exclusive_minimum else _bounds_text(minimum, maximum)
    if exclusive_minimum and maximum is not None:
        bounds += f" and <= {maximum}"
    return {
        "parse": parse,
        "allowed": f"a number{bounds}",
        "kind": "number",
        "minimum": minimum,
        "maximum": maximum,
        "exclusive_minimum": exclusive_minimum,
    }


def choice(*options: str) -> dict:
    def parse(value: Any) -> str:
        if value not in options:
            raise TypeError
        return value

    return {"parse": parse, "allowed": "one of " + ", ".join(options), "kind": "text"}


def text(optional: bool = False) -> dict:
    def parse(value: Any) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise TypeError
        return value

    return {"parse": parse, "allowed": ("null or " if optional else "") + "a non-empty text", "kind": "text"}


def _bounds_text(minimum: float | None, maximum: float | None) -> str:
    if minimum is not None and maximum is not None:
        return f" from {minimum} to {maximum}"
    if minimum is not None:
        return f" >= {minimum}"
    if maximum is not None:
        return f" <= {maximum}"
    return ""


def _setting(check: dict, doc: str) -> Any:
    return field(metadata={**check, "doc": doc})


# ------------------------------------------------------------------------------------ settings
@dataclass(frozen=True)
class Settings:
    """Every var of dbt_project.yml, typed. Field names are the var names."""

    # Inputs
    input_dir: str | None = _setting(text(optional=True), "folder with the user's own input CSVs (null = seeds)")
    tiktok_profiles_path: str = _setting(text(), "TikTok profile export to segment")
    niche_examples_path: str | None = _setting(
        text(optional=True), "CSV of creators a marketer labelled (null = seeds/niche_examples.csv: none)"
    )
    max_record_bytes: int = _setting(integer(minimum=1), "longest input record read (bytes); longer ones are rejected")
    max_non_utf8_records: int = _setting(
        integer(minimum=0), "stop when more records of an input file than this are not valid UTF-8"
    )

    # Fake-follower rules (the documented score)
    history_days: int = _setting(integer(minimum=3), "days in each follower history")
    spike_sigma: float = _setting(number(minimum=0, exclusive_minimum=True), "spike day: gain > mean + this x sd")
    spike_points_per_spike: int = _setting(integer(minimum=0, maximum=100), "points per documented spike day")
    spike_points_cap: int = _setting(integer(minimum=0, maximum=100), "most spike points")
    robust_spike_z: float = _setting(number(minimum=0, exclusive_minimum=True), "modified z-score threshold")
    engagement_floor_low: float = _setting(number(minimum=0), "% below which engagement_points_low apply")
    engagement_floor_mid: float = _setting(number(minimum=0), "% below which engagement_points_mid apply")
    engagement_floor_high: float = _setting(number(minimum=0), "% below which engagement_points_high apply")
    engagement_points_low: int = _setting(integer(minimum=0, maximum=100), "points below engagement_floor_low")
    engagement_points_mid: int = _setting(integer(minimum=0, maximum=100), "points below engagement_floor_mid")
    engagement_points_high: int = _setting(integer(minimum=0, maximum=100), "points below engagement_floor_high")
    growth_threshold_low: float = _setting(number(), "% growth above which growth_points_low apply")
    growth_threshold_mid: float = _setting(number(), "% growth above which growth_points_mid apply")
    growth_threshold_high: float = _setting(number(), "% growth above which growth_points_high apply")
    growth_points_low: int = _setting(integer(minimum=0, maximum=100), "points above growth_threshold_low")
    growth_points_mid: int = _setting(integer(minimum=0, maximum=100), "points above growth_threshold_mid")
    growth_points_high: int = _setting(integer(minimum=0, maximum=100), "points above growth_threshold_high")
    fake_score_cap: int = _setting(integer(minimum=1, maximum=100), "highest fake_score")
    risk_high_min_score: int = _setting(integer(minimum=0, maximum=100), "fake_score from which risk is high")
    risk_medium_min_score: int = _setting(integer(minimum=0, maximum=100), "fake_score from which risk is medium")
    flag_min_spikes: int = _setting(integer(minimum=1), "red flag: at least this many spike days")
    flag_engagement_below: float = _setting(number(minimum=0), "red flag: engagement rate below this %")
    flag_growth_above: float = _setting(number(), "red flag: growth above this %")

    # Companion fake-follower detector (python_udfs.fake_followers.suspicion)
    suspicion_scale_floor_pct: float = _setting(number(minimum=0, exclusive_minimum=True), "floor of the robust sd, %")
    suspicion_min_jump_pct: float = _setting(number(minimum=0, exclusive_minimum=True), "smallest spike, % over median")
    suspicion_tail_days: int = _setting(integer(minimum=1), "days after a spike that make its shape")
    suspicion_step_max_spread: float = _setting(number(minimum=0, exclusive_minimum=True), "step: spread below this")
    suspicion_tail_min_share: float = _setting(number(minimum=0, maximum=1), "next-day spike share that is a tail")
    suspicion_purge_window_days: int = _setting(integer(minimum=1), "days after a step a purge may come")
    suspicion_purge_min_share: float = _setting(number(minimum=0, maximum=1), "share of the step a purge loses")
    suspicion_drip_min_days: int = _setting(integer(minimum=2), "shortest even window (a drip)")
    suspicion_drip_min_gain_pct: float = _setting(number(minimum=0, exclusive_minimum=True), "drip: mean daily gain, %")
    suspicion_drip_max_cv: float = _setting(
        number(minimum=0, exclusive_minimum=True), "drip: cv of the daily gains below"
    )
    suspicion_drip_max_trend: float = _setting(number(minimum=0, exclusive_minimum=True), "drip: trend / mean below")
    suspicion_drip_max_outside_share: float = _setting(number(minimum=0), "onset: other days' gain / drip's at most")
    suspicion_step_points: int = _setting(integer(minimum=0, maximum=100), "points of a full-strength step")
    suspicion_step_full_pct: float = _setting(number(minimum=0, exclusive_minimum=True), "step size for full points, %")
    suspicion_step_full_z: float = _setting(number(minimum=0, exclusive_minimum=True), "robust z for full step points")
    suspicion_step_points_cap: int = _setting(integer(minimum=0, maximum=100), "most points of all jumps")
    suspicion_unknown_share: float = _setting(number(minimum=0, maximum=1), "last-day jump: share of step points")
    suspicion_viral_share: float = _setting(number(minimum=0, maximum=1), "tailed jump: share of step points")
    suspicion_purge_points: int = _setting(integer(minimum=0, maximum=100), "points of a purge after a full step")
    suspicion_drip_points: int = _setting(integer(minimum=0, maximum=100), "points of a full-length drip")
    suspicion_drip_full_days: int = _setting(integer(minimum=1), "drip length for full drip points")
    suspicion_drip_onset_points: int = _setting(integer(minimum=0, maximum=100), "points of a drip's onset")
    suspicion_engagement_points: int = _setting(
        integer(minimum=0, maximum=100), "points of a full engagement shortfall"
    )
    suspicion_engagement_full_ratio: float = _setting(
        number(minimum=0, maximum=0.99), "rate / typical low: full points"
    )
    suspicion_score_cap: int = _setting(integer(minimum=1, maximum=100), "highest suspicion_score")
    suspicion_high_min_score: int = _setting(
        integer(minimum=0, maximum=100), "suspicion_score from which level is high"
    )
    suspicion_medium_min_score: int = _setting(integer(minimum=0, maximum=100), "suspicion_score: level medium from")
    vetting_detector: str = _setting(choice(*VETTING_DETECTORS), "whose high level keeps an influencer unvetted")

    # Embeddings, niches and brand matching
    embedding_model: str = _setting(choice(*EMBEDDING_MODELS), "sentence model that embeds the texts")
    embedding_backend: str = _setting(choice(*EMBEDDING_BACKENDS), "runtime that embeds the texts")
    n_niches: int = _setting(integer(minimum=2), "k of the k-means niches")
    kmeans_seed: int = _setting(integer(minimum=0), "random seed of every k-means")
    kmeans_n_init: int = _setting(integer(minimum=1), "k-means restarts")
    niche_keyword_count: int = _setting(integer(minimum=1), "c-TF-IDF keywords per niche")
    niche_label_min_confidence: float = _setting(number(minimum=0, maximum=1), "creator label uncertain below this")
    niche_label_keyword_weight: float = _setting(number(minimum=0), "weight of keyword evidence in a label's score")
    niche_example_min_confidence: float = _setting(
        number(minimum=0, maximum=1), "label learnt from examples uncertain below this calibrated probability"
    )
    niche_keyword_min_creators: int = _setting(integer(minimum=1), "creators of a niche that must use a keyword")
    top_k: int = _setting(integer(minimum=1), "matches listed per brand")
    similarity_score_decimals: int = _setting(integer(minimum=0, maximum=6), "decimals of similarity_score")
    match_excellent_z_above: float = _setting(number(minimum=0, exclusive_minimum=True), "match_z above: Excellent")
    match_good_z_from: float = _setting(number(), "match_z from: Good")
    match_moderate_z_from: float = _setting(number(), "match_z from: Moderate")
    campaign_fit_shortlist: int = _setting(integer(minimum=1), "most relevant creators per brand re-ranked by fit")
    campaign_fit_weight_relevance: float = _setting(number(minimum=0), "campaign fit weight of relevance")
    campaign_fit_weight_authenticity: float = _setting(number(minimum=0), "campaign fit weight of authenticity")
    campaign_fit_weight_engagement: float = _setting(number(minimum=0), "campaign fit weight of engagement")
    campaign_fit_weight_value: float = _setting(number(minimum=0), "campaign fit weight of value for money")

    # TikTok segmentation
    tiktok_segments_k: int | None = _setting(integer(minimum=1, optional=True), "fixed k (null = the elbow)")
    tiktok_k_min: int = _setting(integer(minimum=1), "smallest k on the elbow curve")
    tiktok_k_max: int = _setting(integer(minimum=1), "largest k on the elbow curve")
    tiktok_max_rejected_share: float = _setting(number(minimum=0, maximum=1), "warn above this rejected share")
    tiktok_verified_share_min: float = _setting(number(minimum=0, maximum=1), "verified share of Verified/Celebrity")
    tiktok_celebrity_followers_min: int = _setting(integer(minimum=0), "median followers of Celebrity / Mass-reach")
    tiktok_prolific_videos_min: int = _setting(integer(minimum=0), "mean videos of Prolific posters")
    tiktok_prolific_videos_factor: float = _setting(number(minimum=0), "x the other segments' videos: Prolific")

    # Follower trends
    trend_step_days: int = _setting(integer(minimum=1), "step-like: the best days whose gains are summed")
    trend_step_share_min: float = _setting(number(minimum=0, maximum=1), "step-like: share of positive gains")
    trend_step_min_pct: float = _setting(number(minimum=0), "step-like: those gains as % of day 1")
    trend_declining_max_slope_pct: float = _setting(number(), "declining: Theil-Sen slope at or below, %/day")
    trend_change_ratio: float = _setting(number(minimum=1), "accelerating / slowing: ratio of the halves' growth")
    trend_change_min_pct: float = _setting(number(minimum=0), "accelerating / slowing: difference, % points")

    # Caption sentiment
    sentiment_positive_from: float = _setting(number(minimum=-1, maximum=1), "VADER compound from: positive")
    sentiment_negative_to: float = _setting(number(minimum=-1, maximum=1), "VADER compound up to: negative")
    language_min_letters: int = _setting(integer(minimum=0), "letters a caption needs for a language")
    language_min_confidence: float = _setting(number(minimum=0, maximum=1), "confidence of a non-English guess")
    brand_safety_negative_share_min: float = _setting(number(minimum=0, maximum=1), "negative share: brand-safety list")
    brand_safety_min_scored_captions: int = _setting(integer(minimum=1), "scored captions: brand-safety list")

    def __post_init__(self) -> None:
        _check_order(
            self,
            ["engagement_floor_low", "engagement_floor_mid", "engagement_floor_high"],
            ["growth_threshold_low", "growth_threshold_mid", "growth_threshold_high"],
            ["risk_medium_min_score", "risk_high_min_score"],
            ["suspicion_medium_min_score", "suspicion_high_min_score"],
            ["match_moderate_z_from", "match_good_z_from", "match_excellent_z_above"],
            ["tiktok_k_min", "tiktok_k_max"],
            ["sentiment_negative_to", "sentiment_positive_from"],
        )
        weights = (self.campaign_fit_weight_relevance, self.campaign_fit_weight_authenticity)
        if sum(weights) + self.campaign_fit_weight_engagement + self.campaign_fit_weight_value <= 0:
            raise SettingsError("vars campaign_fit_weight_*: at least one campaign fit weight must be > 0")
        # Both scales of a step's strength run from the smallest counted spike to full points.
        for low, full in (
            ("suspicion_min_jump_pct", "suspicion_step_full_pct"),
            ("robust_spike_z", "suspicion_step_full_z"),
        ):
            if getattr(self, low) >= getattr(self, full):
                raise SettingsError(
                    f"vars out of order: need {low} ({getattr(self, low)}) < {full} ({getattr(self, full)})"
                )
        try:
            check_backend(self.embedding_model, self.embedding_backend)
        except ValueError as error:
            raise SettingsError(f"vars {error}") from None
        if self.tiktok_segments_k is not None and not self.tiktok_k_min <= self.tiktok_segments_k <= self.tiktok_k_max:
            raise SettingsError(
                f"var tiktok_segments_k = {self.tiktok_segments_k!r}: allowed: null or an integer from "
                f"tiktok_k_min ({self.tiktok_k_min}) to tiktok_k_max ({self.tiktok_k_max})"
            )

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> Settings:
        """Validate every var; the first problem raises :class:`SettingsError` naming var, value and rule."""
        names = setting_names()
        missing = [name for name in names if name not in values]
        if missing:
            raise SettingsError(f"settings missing: {', '.join(missing)} (declare them in dbt_project.yml vars)")
        parsed = {}
        for item in dataclasses.fields(cls):
            value = values[item.name]
            try:
                parsed[item.name] = item.metadata["parse"](value)
            except TypeError:
                raise SettingsError(
                    f"var {item.name} = {value!r}: allowed: {item.metadata['allowed']} ({item.metadata['doc']})"
                ) from None
        return cls(**parsed)


def _check_order(settings: Settings, *chains: list[str]) -> None:
    for chain in chains:
        values = [getattr(settings, name) for name in chain]
        if any(low > high for low, high in itertools.pairwise(values)):
            shown = " <= ".join(f"{name} ({value})" for name, value in zip(chain, values))
            raise SettingsError(f"vars out of order: need {shown}")


def setting_names() -> list[str]:
    return [item.name for item in dataclasses.fields(Settings)]


# ------------------------------------------------------------------------------- entry points
def settings_problem(settings_json: str) -> str | None:
    """The on-run-start check (a DuckDB UDF): NULL when every var is usable, else what is wrong."""
    try:
        Settings.from_mapping(json.loads(settings_json))
    except SettingsError as error:
        return str(error)
    return None


def settings_from_relation(relation: Any) -> Settings:
    """Settings from the ``int_settings_resolved`` model (a DuckDB relation: setting_name, setting_value)."""
    rows = relation.project("setting_name, setting_value").fetchall()
    return Settings.from_mapping({name: json.loads(value) for name, value in rows})
