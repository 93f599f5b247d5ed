select
    claim_id,
    doc_id,
    speaker,
    coalesce(source_name, speaker) as source_name,
    speaker_country,
    stance,
    target_country,
    content,
    evidence,
    char_start,
    char_end,
from raw_statements
