-- The loaded tables declare no primary keys (sql/sources/tables.sql): each key names one row.
select 'raw_documents' as table_name, doc_id as key, count(*) as copies,
from raw_documents
group by doc_id
having count(*) > 1
union all
select 'document_sources', source_file || '#' || record_index, count(*),
from document_sources
group by source_file, record_index
having count(*) > 1
union all
select 'raw_casualty_claims', claim_id, count(*),
from raw_casualty_claims
group by claim_id
having count(*) > 1
union all
select 'raw_event_claims', claim_id, count(*),
from raw_event_claims
group by claim_id
having count(*) > 1
union all
select 'raw_statements', claim_id, count(*),
from raw_statements
group by claim_id
having count(*) > 1
union all
select 'raw_time_expressions', doc_id || '@' || char_start || '-' || char_end, count(*),
from raw_time_expressions
group by doc_id, char_start, char_end
having count(*) > 1
union all
select 'source_files', source_file, count(*),
from source_files
group by source_file
having count(*) > 1
