-- Provenance: a statement's speaker and content are the document's text at their spans, and
-- its reporting cue lies in the document.
with statements as (
    select * from statements where source_start is not null
),

documents as (
    select doc_id, text, from documents
),

final as (
    select statements.claim_id,
    from statements
    inner join documents using (doc_id)
    where (
        statements.speaker is not null
        and substring(documents.text, statements.source_start + 1,
            statements.source_end - statements.source_start) <> statements.speaker
    )
       or substring(documents.text, statements.content_start + 1,
           statements.content_end - statements.content_start) <> statements.content
       or statements.cue_end > length(documents.text)
)

select * from final
