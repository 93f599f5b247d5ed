select
    claim_id,
    doc_id,
    speaker,
    speaker_country,
    stance,
    target_country,
    content,
    evidence,
    char_start,
    char_end,
from raw_statements
