-- Grain: one row per incident key.
--
-- The stable id of every incident key: the same key always has the same id.
with members as (
    select * from int_incident_members
),

claim_incidents as (
    select * from int_claim_incidents
),

keys as (
    select distinct incident_key, false as is_background from members
    union
    select distinct incident_key, is_background from claim_incidents
),

final as (
    select
        incident_key,
        bool_or(is_background) as is_background,
        substr(md5(incident_key), 1, 12) as incident_id,
    from keys
    group by incident_key
)

select * from final
