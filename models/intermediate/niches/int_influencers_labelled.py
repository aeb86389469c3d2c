from python_udfs.core.settings import settings_from_relation
from python_udfs.dbt_glue.memo import memoised


def model(dbt, session):
    # dbt-core 1.11 makes a Python model a table unless the model itself (or its yml) names the
    # materialization (dbt-core#8520); the rest of its config is in dbt_project.yml.
    dbt.config(materialized="incremental")
    # Memoised (python_udfs.dbt_glue.memo): unchanged inputs and settings keep the previous labels.
    inputs = {
        "settings": dbt.ref("int_settings_resolved"),
        "phrase_embeddings": dbt.ref("int_niche_phrases_embedded"),
        "phrase_texts": dbt.ref("int_niche_phrases_cleaned"),
        "embeddings": dbt.ref("int_influencers_embedded"),
        "texts": dbt.ref("int_influencers_cleaned"),
        "examples": dbt.ref("stg_examples__niche_labels"),
    }

    def compute():
        # Imported here: a no-change rebuild never loads scikit-learn, scipy or pandas for this model.
        from python_udfs.niches.labels import label_influencers, taxonomy_phrases

        settings = settings_from_relation(inputs["settings"])
        phrases = taxonomy_phrases(
            inputs["phrase_embeddings"].to_arrow_table(), inputs["phrase_texts"].to_arrow_table()
        )
        return label_influencers(
            embeddings=inputs["embeddings"].to_arrow_table(),
            texts=inputs["texts"].to_arrow_table(),
            phrases=phrases,
            niche_label_min_confidence=settings.niche_label_min_confidence,
            niche_label_keyword_weight=settings.niche_label_keyword_weight,
            examples=inputs["examples"].to_arrow_table(),
            niche_example_min_confidence=settings.niche_example_min_confidence,
            examples_file=settings.niche_examples_path or "seeds/niche_examples.csv",
        )

    return memoised(dbt, session, inputs, compute)
