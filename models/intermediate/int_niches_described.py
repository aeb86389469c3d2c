from python_udfs.pipeline import describe_niches


def model(dbt, session):
    return describe_niches(
        clusters=dbt.ref("int_influencers_clustered").to_arrow_table(),
        embeddings=dbt.ref("influencer_embeddings").to_arrow_table(),
        texts=dbt.ref("int_influencer_texts_cleaned").to_arrow_table(),
        taxonomy=dbt.ref("int_niche_taxonomy_embedded").to_arrow_table(),
        keyword_count=int(dbt.config.get("keyword_count")),
    )
