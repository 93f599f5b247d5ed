-- Per incident, its dated facts in UTC order.
select
    incident_id,
    row_number() over (
        partition by incident_id order by at_start, at_end, event_type
    ) as ordinal,
    at_start as occurred_start,
    at_end as occurred_end,
    precision,
    event_type,
    event_type || ': ' || left(example_evidence, 160) as summary,
    n_documents,
    status,
    doc_ids,
    fact_id,
from int_event_facts
