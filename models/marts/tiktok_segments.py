from python_udfs.pipeline import tiktok_segments


def model(dbt, session):
    ((chosen_k,),) = dbt.ref("tiktok_elbow").filter("is_chosen").project("k").fetchall()
    return tiktok_segments(
        dbt.ref("stg_tiktok__profiles").to_arrow_table(),
        k=int(chosen_k),
        seed=int(dbt.config.get("seed")),
        n_init=int(dbt.config.get("n_init")),
    )
