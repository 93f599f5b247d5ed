-- Every casualty claim mapped to its fact (incident, outcome, side, victim class), with the
-- interval it asserts for agreement and the source it counts as.
--   bound_low/bound_high: the reported interval; "about N" allows 10% either way; vague
--     ("dozens") and unspecified reports are soft: they confirm a fact, never contradict one.
--   independence_key: the claim's source group (same outlet or near-copy text), unless every
--     claim the group makes about the fact quotes one statement: then the quote, so outlets
--     repeating the same quoted words count once.
--   party: whose word it is: the speaker's country, else the speaker, else the outlet itself.
with claims as (
    select
        incident_keys.incident_id,
        claims.*,
        coalesce(classes.victim_class, 'all') as victim_class,
        documents.outlet_key,
        sources.source_group,
    from stg_casualty_claims as claims
    inner join int_claim_incidents using (claim_id)
    inner join int_incident_keys as incident_keys using (incident_key)
    inner join stg_documents as documents on documents.doc_id = claims.doc_id
    inner join int_document_sources as sources on sources.doc_id = claims.doc_id
    left join int_victim_classes as classes on classes.victim = claims.victim
),

quoted as (
    select
        claims.claim_id,
        min('quote:' || md5(lower(regexp_replace(statements.content, '\W+', ' ', 'g'))))
            as quote_key,
    from claims
    inner join stg_statements as statements
        on statements.doc_id = claims.doc_id
        and statements.char_start <= claims.char_start
        and statements.char_end >= claims.char_end
        and statements.content <> statements.evidence
        and length(statements.content) >= 20
    group by claims.claim_id
),

mapped as (
    select
        substr(md5(concat_ws('|', incident_id, 'casualty', outcome, side, victim_class)), 1, 16)
            as fact_id,
        claims.*,
        quoted.quote_key,
        qualifier in ('vague', 'unspecified') as is_soft,
        case
            when qualifier = 'about' then cast(floor(count_low * 0.9) as bigint)
            else count_low
        end as bound_low,
        case
            when qualifier = 'about' then cast(ceil(count_high * 1.1) as bigint)
            else count_high
        end as bound_high,
        coalesce(speaker_country, speaker, '(outlet) ' || outlet_key) as party,
    from claims
    left join quoted using (claim_id)
)

select
    *,
    case
        when bool_and(quote_key is not null) over (partition by fact_id, source_group)
            then min(quote_key) over (partition by fact_id, source_group)
        else source_group
    end as independence_key,
from mapped
