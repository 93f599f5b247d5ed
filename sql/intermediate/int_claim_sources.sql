-- Grain: one row per attributed casualty or event claim. Its original source: the source of
-- the statement whose sentence holds the claim and whose speaker the claim quotes. Two outlets
-- carrying one ministry's figure, in its words or their own, rest on one original source.
with casualty_claims as (
    select claim_id, doc_id, speaker, char_start, char_end,
    from stg_casualty_claims
    where speaker is not null
),

event_claims as (
    select claim_id, doc_id, speaker, char_start, char_end,
    from stg_event_claims
    where speaker is not null
),

statements as (
    select doc_id, source_name, source_id, char_start, char_end,
    from int_statement_sources
),

claims as (
    select * from casualty_claims
    union all
    select * from event_claims
),

final as (
    select
        claims.claim_id,
        min(statements.source_id) as source_id,
    from claims
    inner join statements
        on statements.doc_id = claims.doc_id
        and statements.source_name = claims.speaker
        and statements.char_start <= claims.char_start
        and statements.char_end >= claims.char_end
    group by claims.claim_id
)

select * from final
