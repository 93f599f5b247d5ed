-- A fact's value is an interval: its lower end never exceeds its upper end, conflicting
-- facts included (their bounds span the disagreement).
select fact_id, value_low, value_high
from source_agreement
where value_low > value_high
