from python_udfs.pipeline import name_tiktok_segments
from python_udfs.settings import settings_from_relation
from python_udfs.tiktok import NamingRules


def model(dbt, session):
    return name_tiktok_segments(
        dbt.ref("int_tiktok_segments_profiled").to_arrow_table(),
        NamingRules.from_settings(settings_from_relation(dbt.ref("int_settings_resolved"))),
    )
