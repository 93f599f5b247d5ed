-- Grain: one row per attributed statement. source_id names the source under all its names:
-- its country and its one-spelling key (extract/sources.py); rows loaded before sources were
-- keyed fall back to the resolved name, lower-cased.
with statements as (
    select
        * exclude (source_name, source_key),
        coalesce(source_name, speaker) as source_name,
        coalesce(source_key, lower(coalesce(source_name, speaker))) as source_key,
    from raw_statements
),

final as (
    select
        claim_id,
        doc_id,
        speaker,
        source_name,
        source_key,
        coalesce(source_kind, 'other') as source_kind,
        substr(md5(concat_ws('|', coalesce(speaker_country, '-'), source_key)), 1, 16)
            as source_id,
        speaker_country,
        stance,
        target_country,
        content,
        coalesce(is_quote, content <> evidence) as is_quote,
        evidence,
        char_start,
        char_end,
        source_start,
        source_end,
        cue_start,
        cue_end,
        content_start,
        content_end,
    from statements
)

select * from final
