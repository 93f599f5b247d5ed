-- Grain: one row per time expression.
with source as (
    select * from raw_time_expressions
),

final as (
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
    from source
)

select * from final
