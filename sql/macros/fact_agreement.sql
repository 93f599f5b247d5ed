-- How the claims of one fact make its sources and its status: the one place the casualty and
-- event facts (int_casualty_facts, int_event_facts) decide them. DuckDB expands a macro where
-- it is called, so a fact model aggregates its claims once, as it would with the expressions
-- written out.

-- Who stands behind a fact, over its claims (one group per fact):
--   n_documents          documents with a claim of it;
--   n_independent        independent source groups (copies of one text are one group);
--   n_original_sources   distinct original sources ("citing AFP" is AFP);
--   n_parties            distinct parties, whose word it is (a speaker's country or the outlet);
--   rests_on_one_party   every claim is attributed, and to one party;
--   doc_ids, speakers, source_ids, speaker_countries: sorted and distinct, an unattributed
--   claim's speaker shown as '(outlet)', an empty list where no claim gives one.
-- The lists are sorted after the aggregate: an ordered aggregate keeps every input row of
-- every group until the end.
-- Example: select fact_id, unnest(sources_of_fact(doc_id, independence_key, original_source,
--              party, speaker, source_id, speaker_country)) from claims group by fact_id
create or replace macro sources_of_fact(
    doc_id, independence_key, original_source, party, speaker, source_id, speaker_country
) as {
    'n_documents': count(distinct doc_id),
    'n_independent': count(distinct independence_key),
    'n_original_sources': count(distinct original_source),
    'n_parties': count(distinct party),
    'rests_on_one_party': bool_and(speaker is not null) and count(distinct party) = 1,
    'doc_ids': list_sort(list(distinct doc_id)),
    'speakers': list_sort(list(distinct coalesce(speaker, '(outlet)'))),
    'source_ids': coalesce(
        list_sort(list(distinct source_id) filter (where source_id is not null)), []
    ),
    'speaker_countries': coalesce(
        list_sort(list(distinct speaker_country) filter (where speaker_country is not null)), []
    ),
};

-- A fact's status: conflicting when its firm reports do not intersect, corroborated when at
-- least two independent source groups report it, else single-source.
-- Example: fact_status(false, 2) = 'corroborated'; fact_status(12 > 3, 2) = 'conflicting'.
create or replace macro fact_status(reports_conflict, n_independent) as
    case
        when reports_conflict then 'conflicting'
        when n_independent >= 2 then 'corroborated'
        else 'single_source'
    end;
