from python_udfs.sentiment import score_captions
from python_udfs.settings import settings_from_relation


def model(dbt, session):
    settings = settings_from_relation(dbt.ref("int_settings_resolved"))
    return score_captions(
        dbt.ref("int_captions_unnested").to_arrow_table(),
        language_min_letters=settings.language_min_letters,
        language_min_confidence=settings.language_min_confidence,
    )
