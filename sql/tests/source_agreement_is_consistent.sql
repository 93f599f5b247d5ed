-- A fact's status must follow from its reports.
select fact_id, status
from source_agreement
where status not in ('corroborated', 'single_source', 'conflicting')
   or n_independent > n_documents
   or n_documents < 1
   or (status = 'corroborated' and n_independent < 2)
   or (status = 'conflicting' and (value_low is null or value_high is null))
   or at_start > at_end
