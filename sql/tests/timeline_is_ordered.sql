-- Ordinals run 1..n per incident: the incident's own story in time order (of the facts'
-- midpoints), then its background in time order.
with checked as (
    select
        incident_id,
        ordinal,
        is_background,
        occurred_start + (occurred_end - occurred_start) / 2 as midpoint,
        lag(occurred_start + (occurred_end - occurred_start) / 2) over (
            partition by incident_id, is_background order by ordinal
        ) as previous_midpoint,
        lag(is_background) over (partition by incident_id order by ordinal) as previous_background,
        row_number() over (partition by incident_id order by ordinal) as position,
    from timeline
)

select incident_id, ordinal
from checked
where ordinal <> position
   or midpoint < previous_midpoint
   or (previous_background and not is_background)
