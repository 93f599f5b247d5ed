-- Grain: one row per source (statements.source_id): one ministry, person, outlet or group
-- under every name the articles give it ("Peru's Defense Ministry", "the Ministry of
-- Defence in Lima", "MoD", a later "the ministry"), with each name's documents.
with all_statements as (
    select * from stg_statements
),

statement_sources as (
    select * from int_statement_sources
),

statements as (
    select
        statement_sources.source_id,
        statements.source_key,
        statements.source_kind,
        statements.speaker_country,
        statements.doc_id,
        statements.source_name,
        statements.speaker,
    from all_statements as statements
    inner join statement_sources using (claim_id)
),

names as (
    select source_id, source_name as alias, doc_id, from statements
    union
    select source_id, speaker as alias, doc_id, from statements where speaker is not null
),

aliases as (
    select
        source_id,
        alias,
        count(*) as n_uses,
        list_sort(list(distinct doc_id)) as doc_ids,
    from names
    group by source_id, alias
),

alias_lists as (
    select
        source_id,
        -- Ties go to the longer name, then the first in order: a rebuild gives the same row.
        first(alias order by n_uses desc, length(alias) desc, alias) as name,
        list_sort(list({'alias': alias, 'doc_ids': doc_ids})) as aliases,
    from aliases
    group by source_id
),

kind_uses as (
    select source_id, source_kind, count(*) as n_uses,
    from statements
    group by source_id, source_kind
),

kinds as (
    select
        source_id,
        first(source_kind order by n_uses desc, source_kind) as kind,
    from kind_uses
    group by source_id
),

counts as (
    select
        source_id,
        first(source_key order by length(source_key) desc, source_key) as source_key,
        max(speaker_country) as country,
        count(*) as n_statements,
        count(distinct doc_id) as n_documents,
    from statements
    group by source_id
),

final as (
    select
        counts.source_id,
        alias_lists.name,
        counts.source_key,
        kinds.kind,
        counts.country,
        counts.n_statements,
        counts.n_documents,
        alias_lists.aliases,
    from counts
    inner join kinds using (source_id)
    inner join alias_lists using (source_id)
)

select * from final
