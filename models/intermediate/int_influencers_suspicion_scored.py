from python_udfs.settings import settings_from_relation
from python_udfs.suspicion import suspicion_table


def model(dbt, session):
    # Python, not SQL: the features (robust scale, spike shapes, purges, the longest even window)
    # are numpy over the whole (influencers x days) matrix, unit-tested as plain functions.
    return suspicion_table(
        dbt.ref("int_influencers_benchmarked").to_arrow_table(),
        settings_from_relation(dbt.ref("int_settings_resolved")),
    )
