{#- The project's settings (vars): the one list of their names, passed to Python, and the
    on-run-start check of their values. -#}

{#- The vars in force, by name: the one list of settings dbt passes to Python
    (python_udfs.core.settings.Settings declares their types and limits; dbt_project.yml their defaults;
    pytests/unit/test_settings.py checks that the three agree). -#}
{% macro project_settings() -%}
    {%- set names = [
        'input_dir', 'tiktok_profiles_path', 'niche_examples_path', 'max_record_bytes', 'max_non_utf8_records',
        'history_days', 'spike_sigma', 'spike_points_per_spike', 'spike_points_cap', 'robust_spike_z',
        'engagement_floor_low', 'engagement_floor_mid', 'engagement_floor_high',
        'engagement_points_low', 'engagement_points_mid', 'engagement_points_high',
        'growth_threshold_low', 'growth_threshold_mid', 'growth_threshold_high',
        'growth_points_low', 'growth_points_mid', 'growth_points_high',
        'fake_score_cap', 'risk_high_min_score', 'risk_medium_min_score',
        'flag_min_spikes', 'flag_engagement_below', 'flag_growth_above',
        'suspicion_scale_floor_pct', 'suspicion_min_jump_pct', 'suspicion_tail_days', 'suspicion_step_max_spread',
        'suspicion_tail_min_share', 'suspicion_purge_window_days', 'suspicion_purge_min_share',
        'suspicion_drip_min_days', 'suspicion_drip_min_gain_pct', 'suspicion_drip_max_cv', 'suspicion_drip_max_trend',
        'suspicion_drip_max_outside_share', 'suspicion_step_points', 'suspicion_step_full_pct', 'suspicion_step_full_z',
        'suspicion_step_points_cap', 'suspicion_unknown_share', 'suspicion_viral_share', 'suspicion_purge_points',
        'suspicion_drip_points', 'suspicion_drip_full_days', 'suspicion_drip_onset_points',
        'suspicion_engagement_points', 'suspicion_engagement_full_ratio', 'suspicion_score_cap',
        'suspicion_high_min_score', 'suspicion_medium_min_score', 'vetting_detector',
        'embedding_model', 'embedding_backend', 'n_niches', 'kmeans_seed', 'kmeans_n_init', 'niche_keyword_count',
        'niche_label_min_confidence', 'niche_label_keyword_weight', 'niche_example_min_confidence',
        'niche_keyword_min_creators',
        'top_k', 'similarity_score_decimals', 'match_excellent_z_above', 'match_good_z_from', 'match_moderate_z_from',
        'campaign_fit_shortlist', 'campaign_fit_weight_relevance', 'campaign_fit_weight_authenticity',
        'campaign_fit_weight_engagement', 'campaign_fit_weight_value',
        'tiktok_segments_k', 'tiktok_k_min', 'tiktok_k_max', 'tiktok_max_rejected_share',
        'tiktok_verified_share_min', 'tiktok_celebrity_followers_min', 'tiktok_prolific_videos_min',
        'tiktok_prolific_videos_factor',
        'trend_step_days', 'trend_step_share_min', 'trend_step_min_pct', 'trend_declining_max_slope_pct',
        'trend_change_ratio', 'trend_change_min_pct',
        'sentiment_positive_from', 'sentiment_negative_to', 'language_min_letters', 'language_min_confidence',
        'brand_safety_negative_share_min', 'brand_safety_min_scored_captions',
    ] -%}
    {%- set values = {} -%}
    {%- for name in names -%}
        {%- do values.update({name: setting(name)}) -%}
    {%- endfor -%}
    {{ return(values) }}
{%- endmacro %}

{#- The texts among the settings (python_udfs.core.settings.Settings types them; pytests/unit/test_settings.py
    checks this list against it). Every other setting is a number. -#}
{% macro text_settings() -%}
    {{ return(['input_dir', 'tiktok_profiles_path', 'niche_examples_path', 'vetting_detector', 'embedding_model', 'embedding_backend']) }}
{%- endmacro %}

{#- A var, typed: schedulers and CI systems pass `--vars '{n_niches: "8"}'`, so a number given as a
    string ("8", "-0.05", "1e6") becomes that number; anything else (a text setting, 'abc', a list)
    comes back as it was given, and validate_settings names what is wrong with it. Read every numeric
    setting through this macro, never var(): Jinja arithmetic on a string fails (`"8" - 1`) or, worse,
    gives a wrong text (`100 * "0.5"` is fifty copies of "0.5"). -#}
{% macro setting(name) -%}
    {%- set value = var(name) -%}
    {%- if value is string and name not in text_settings() -%}
        {%- if modules.re.fullmatch('[-+]?[0-9]+', value | trim) -%}
            {{ return(value | int) }}
        {%- elif modules.re.fullmatch('[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][-+]?[0-9]+)?', value | trim) -%}
            {{ return(value | float) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(value) }}
{%- endmacro %}

{#- The settings as a SQL string literal of JSON. -#}
{% macro project_settings_literal() -%}
    {{ sql_string(tojson(project_settings())) }}
{%- endmacro %}

{#- on-run-start: stop before any model when a var has a value the project cannot use. The check is
    python_udfs.core.settings.settings_problem (a UDF registered by python_udfs.dbt_glue.duckdb_plugin); a
    compilation error here ends the run before any node, with a message naming the var, the value
    and what is allowed. -#}
{% macro validate_settings() -%}
    {%- if execute -%}
        {%- set problem = run_query(settings_problem_query()).columns[0].values()[0] -%}
        {%- if problem -%}
            {{ exceptions.raise_compiler_error("Invalid setting: " ~ problem) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as settings_checked
{%- endmacro %}

{#- The same on both engines: python_udfs.spark.adapter registers settings_problem on Spark too. -#}
{% macro settings_problem_query() -%}
    select settings_problem({{ project_settings_literal() }}) as problem
{%- endmacro %}
