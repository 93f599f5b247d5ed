-- Grain: one row per (document, speaker) named without a country whose party is a country.
--
-- One row per (document, speaker) that the text names without a country but whose party is a
-- country: agreement counts parties, and a government and its officials are one party, keyed
-- by the country. A speaker with a country is that country's party (a country's "defense
-- ministry", its named prime minister); a speaker named without one (the minister's surname
-- alone, "the Defense Ministry said") is the party of the one country that the document's speakers with a
-- country and the same name, or a name ending in it, speak for (a speaker matching two
-- countries' speakers stays a party of its own). Kept apart from the agreement models so a
-- fuller resolution of sources can replace it.
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

final as (
    select
        unknown.doc_id,
        unknown.speaker,
        min(known.speaker_country) as party,
    from named as unknown
    inner join named as known
        on known.doc_id = unknown.doc_id
        and known.speaker_country is not null
        and (known.name = unknown.name or ends_with(known.name, ' ' || unknown.name))
    where unknown.speaker_country is null
    group by all
    having count(distinct known.speaker_country) = 1
)

select * from final
