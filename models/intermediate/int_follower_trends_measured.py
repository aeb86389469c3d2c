from python_udfs.settings import settings_from_relation
from python_udfs.trends import follower_trend_measures


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    return follower_trend_measures(
        dbt.ref("stg_creators__follower_histories").to_arrow_table(),
        trend_step_days=settings.trend_step_days,
    )
