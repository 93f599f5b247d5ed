-- Ordinals run 1..n per incident in UTC order.
with checked as (
    select
        incident_id,
        ordinal,
        occurred_start,
        lag(occurred_start) over (partition by incident_id order by ordinal) as previous_start,
        row_number() over (partition by incident_id order by ordinal) as position,
    from timeline
)

select incident_id, ordinal
from checked
where ordinal <> position
   or occurred_start < previous_start
