from python_udfs.pipeline import tiktok_elbow


def model(dbt, session):
    k_override = dbt.config.get("k_override")
    return tiktok_elbow(
        dbt.ref("stg_tiktok__profiles").to_arrow_table(),
        k_min=int(dbt.config.get("k_min")),
        k_max=int(dbt.config.get("k_max")),
        k_override=None if k_override in (None, "", "None", "none") else int(k_override),
        seed=int(dbt.config.get("seed")),
        n_init=int(dbt.config.get("n_init")),
    )
