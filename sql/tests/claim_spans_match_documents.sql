-- Provenance: every span a claim carries is exactly the document's text there: each claim's
-- evidence, and a statement's speaker and content (when it has a speaker's mention); its
-- reporting cue lies in the document. One test, so that the claims meet the documents' texts
-- in one join (at 100,000 bench documents, 4.7 s against 6.1 to 6.8 s for two).
with spans as (
    select 'casualty_claims' as kind, claim_id, doc_id, evidence, char_start, char_end,
        null::varchar as speaker, null::integer as source_start, null::integer as source_end,
        null::varchar as content, null::integer as content_start, null::integer as content_end,
        null::integer as cue_end,
    from casualty_claims
    union all
    select 'event_claims', claim_id, doc_id, evidence, char_start, char_end,
        null, null, null, null, null, null, null,
    from event_claims
    union all
    select 'statements', claim_id, doc_id, evidence, char_start, char_end,
        speaker, source_start, source_end, content, content_start, content_end, cue_end,
    from statements
),

-- A document's length is counted once here, not once a statement. Where every character is
-- one byte, the evidence is cut from the text's bytes: cutting characters walks the text to
-- the offset (at 100,000 bench documents, the test took 3.5 s cutting characters, 2.3 s so).
documents as (
    select
        doc_id,
        text,
        length(text) as text_length,
        strlen(text) = text_length as is_ascii,
    from documents
),

-- A statement's speaker and content are cut from its evidence when they lie inside it (the
-- evidence is checked against the document in the same row): cutting from a sentence is cheap,
-- while cutting from a document's text walks the text to the offset (at 100,000 bench
-- documents, 1.1 s a column). A speaker named where a quote of several sentences closes lies
-- outside, and is cut from the document.
cut as (
    select
        spans.*,
        documents.doc_id is null as is_orphan,
        documents.text,
        documents.text_length,
        documents.is_ascii,
        list_transform(
            [[spans.source_start, spans.source_end], [spans.content_start, spans.content_end]],
            lambda span: case
                when span[1] >= spans.char_start and span[2] <= spans.char_end
                    then substring(
                        spans.evidence, span[1] - spans.char_start + 1, span[2] - span[1]
                    )
                else substring(documents.text, span[1] + 1, span[2] - span[1])
            end
        ) as cut_texts,
        cut_texts[1] as speaker_text,
        cut_texts[2] as content_text,
    from spans
    left join documents using (doc_id)
),

final as (
    select kind, claim_id,
    from cut
    where is_orphan
       or evidence is distinct from case
            when is_ascii then decode(encode(text)[char_start + 1:char_end])
            else substring(text, char_start + 1, char_end - char_start)
        end
       or (speaker is not null and source_start is not null and speaker_text <> speaker)
       or (source_start is not null and content_text <> content)
       or (source_start is not null and cue_end > text_length)
)

select * from final
