"""dbt adapter plugin ``influencer_spark``: dbt-spark with the project's additions (python_udfs.spark.adapter)."""

from dbt.adapters.base import AdapterPlugin
from dbt.include import influencer_spark

from python_udfs.spark.adapter import InfluencerSparkAdapter, InfluencerSparkCredentials

Plugin = AdapterPlugin(
    adapter=InfluencerSparkAdapter,  # type: ignore[arg-type]
    credentials=InfluencerSparkCredentials,
    include_path=influencer_spark.PACKAGE_PATH,
    # Macros and materializations resolve to dbt-spark's (spark__...) after this plugin's own.
    dependencies=["spark"],
)
