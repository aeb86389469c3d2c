{#- No macros of its own: the project's spark__ macros live in the project (macros/), dbt-spark's in dbt-spark. -#}
