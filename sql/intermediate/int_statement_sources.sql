-- Grain: one row per statement, with the source it is (sources.source_id). A statement keyed
-- by a surname alone and no country ("Quispe accused the rebels", in an article that never
-- gives her first name) is the person of that surname that another article of the same
-- incident names in full ("Peruvian Prime Minister Rosa Quispe"), when exactly one such person
-- is there; any other statement is the source its own key gives. With the statement's
-- speaker and span, which int_claim_sources matches claims on.
with statements as (
    select
        claim_id, doc_id, source_name, char_start, char_end, source_id, source_key, source_kind,
        speaker_country,
    from stg_statements
),

incidents as (
    select doc_id, incident_key, from int_incident_members
),

keyed as (
    select statements.*, incidents.incident_key,
    from statements
    inner join incidents using (doc_id)
),

full_names as (
    select distinct
        incident_key,
        source_id,
        split_part(source_key, ' ', -1) as surname,
    from keyed
    where source_kind = 'person' and source_key like '% %'
),

surname_only as (
    select
        keyed.claim_id,
        min(full_names.source_id) as source_id,
    from keyed
    inner join full_names
        on full_names.incident_key = keyed.incident_key
        and full_names.surname = keyed.source_key
    where keyed.speaker_country is null and keyed.source_key not like '% %'
    group by keyed.claim_id
    having count(distinct full_names.source_id) = 1
),

final as (
    select
        statements.claim_id,
        statements.doc_id,
        statements.source_name,
        statements.char_start,
        statements.char_end,
        coalesce(surname_only.source_id, statements.source_id) as source_id,
    from statements
    left join surname_only using (claim_id)
)

select * from final
