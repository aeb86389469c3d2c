from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged clusters, texts and settings keep the previous niches.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "phrase_embeddings": dbt.ref("int_niche_phrases_embedded"),
        "phrase_texts": dbt.ref("int_niche_phrases_cleaned"),
        "clusters": dbt.ref("int_influencers_clustered"),
        "embeddings": dbt.ref("int_influencers_embedded"),
        "texts": dbt.ref("int_influencers_cleaned"),
        "profiles": dbt.ref("stg_creators__profiles"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.niches.clusters import describe_niches
        from python_udfs.niches.labels import hashtag_table, taxonomy_phrases

        settings = settings_from_relation(inputs["settings"])
        phrases = taxonomy_phrases(
            inputs["phrase_embeddings"].to_arrow_table(), inputs["phrase_texts"].to_arrow_table()
        )
        return describe_niches(
            clusters=inputs["clusters"].to_arrow_table(),
            embeddings=inputs["embeddings"].to_arrow_table(),
            texts=inputs["texts"].to_arrow_table(),
            taxonomy=phrases,
            niche_keyword_count=settings.niche_keyword_count,
            hashtags=hashtag_table(inputs["profiles"].to_arrow_table()),
            niche_keyword_min_creators=settings.niche_keyword_min_creators,
        )

    return memoised(dbt, session, inputs, compute)
