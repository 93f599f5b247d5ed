-- Grain: one row per fact of an incident.
--
-- One row per fact of an incident: what the documents report, whether independent sources
-- agree, and on whose word it rests.
with casualty_facts as (
    select * from int_casualty_facts
),

event_facts as (
    select * from int_event_facts
),

-- Both kinds of fact by column name; a column that only one kind has is NULL in the other's rows.
facts as (
    select * from casualty_facts
    union all by name
    select * from event_facts
),

final as (
    select
        fact_id, incident_id, kind, fact, outcome, side, victim_class, event_type, value_low,
        value_high, at_start, at_end, n_documents, n_independent, n_original_sources, n_claims,
        status, doc_ids, speakers, source_ids, speaker_countries, n_parties, rests_on_one_party,
        reported_values,
    from facts
)

select * from final
