-- Grain: one row per time expression.
with expressions as (
    select * from stg_time_expressions
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
    from expressions
)

select * from final
