-- One row per (document, speaker, speaker country): the party the speaker's word counts as when agreement
-- counts parties. A government and its officials are one party, keyed by the country: a
-- speaker with a country is that country's party ("Armenian defense ministry", "Nikol
-- Pashinyan": ARM). A speaker the text names without one ("Pashinyan said", "the Defense
-- Ministry said") is the party of the one country that the document's other speakers with a
-- country and the same name, or a name ending in it, speak for; else it is a party of its own.
-- Kept apart from the agreement models so a fuller resolution of sources can replace it.
with speakers as (
    select doc_id, speaker, speaker_country, from stg_casualty_claims where speaker is not null
    union
    select doc_id, speaker, speaker_country, from stg_event_claims where speaker is not null
    union
    select doc_id, speaker, speaker_country, from stg_statements where speaker is not null
),

named as (
    select doc_id, speaker, lower(speaker) as name, speaker_country,
    from speakers
),


countries_of_name as (
    select
        unknown.doc_id,
        unknown.speaker,
        count(distinct known.speaker_country) as n_countries,
        min(known.speaker_country) as only_country,
    from named as unknown
    inner join named as known
        on known.doc_id = unknown.doc_id
        and known.speaker_country is not null
        and (known.name = unknown.name or ends_with(known.name, ' ' || unknown.name))
    where unknown.speaker_country is null
    group by all
),

final as (
    select
        named.doc_id,
        named.speaker,
        named.speaker_country,
        coalesce(
            named.speaker_country,
            case when countries_of_name.n_countries = 1 then countries_of_name.only_country end,
            named.speaker
        ) as party,
    from named
    left join countries_of_name using (doc_id, speaker)
)

select * from final
