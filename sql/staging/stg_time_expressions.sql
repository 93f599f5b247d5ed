-- Grain: one row per time expression.
select
    doc_id,
    char_start,
    char_end,
    text,
    type,
    value,
    start_utc,
    end_utc,
    precision,
from raw_time_expressions
