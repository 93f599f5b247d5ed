-- Provenance: every claim's evidence is exactly the document's text at its span.
with spans as (
    select 'casualty_claims' as kind, claim_id, doc_id, evidence, char_start, char_end
    from casualty_claims
    union all
    select 'event_claims', claim_id, doc_id, evidence, char_start, char_end from event_claims
    union all
    select 'statements', claim_id, doc_id, evidence, char_start, char_end from statements
)

select spans.kind, spans.claim_id
from spans
left join documents using (doc_id)
where documents.doc_id is null
   or substring(documents.text, spans.char_start + 1, spans.char_end - spans.char_start)
      is distinct from spans.evidence
