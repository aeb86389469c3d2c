from python_udfs.pipeline import cluster_influencers


def model(dbt, session):
    embeddings = dbt.ref("influencer_embeddings").to_arrow_table()
    return cluster_influencers(
        embeddings,
        k=int(dbt.config.get("n_clusters")),
        seed=int(dbt.config.get("seed")),
        n_init=int(dbt.config.get("n_init")),
    )
