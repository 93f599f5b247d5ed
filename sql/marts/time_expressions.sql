-- Grain: one row per time expression.
with expressions as (
    select * from stg_time_expressions
),

final as (
    select * from expressions
)

select * from final
