-- Documents resolved into incidents, afresh every run.
--   1. Documents anchored to a day that name a common region (lead_regions) on that day are one
--      incident: connected components, so a new article naming two regions bridges them.
--   2. A document of that day naming no region joins the day's incident when the day has just
--      one; otherwise the day's documents without a region form one incident of their own.
--   3. A coarse document (only its month or year known) joins the incident of its period that
--      shares most of its countries (at least two); else the coarse documents of one period
--      form an incident. A document with no time at all stands alone.
-- The incident key is the anchor and the founding member (first loaded, then smallest doc_id),
-- so an incident keeps its id while its membership stays, and as later documents join it.
with recursive day_documents as (
    select doc_id, first_run_id, anchor_day, regions, countries,
    from int_document_anchors
    where anchor_precision = 'day'
),

region_mentions as (
    select doc_id, anchor_day, unnest(regions) as region,
    from day_documents
),

same_region as (
    select distinct
        mentions.doc_id,
        others.doc_id as neighbour,
    from region_mentions as mentions
    inner join region_mentions as others
        on others.anchor_day = mentions.anchor_day
        and others.region = mentions.region
        and others.doc_id <> mentions.doc_id
),

placed as (
    select distinct doc_id from region_mentions
),

components (doc_id, component) using key (doc_id) as (
    select doc_id, doc_id as component from placed
    union
    select
        same_region.neighbour as doc_id,
        min(components.component) as component,
    from components
    inner join same_region on same_region.doc_id = components.doc_id
    inner join recurring.components as known on known.doc_id = same_region.neighbour
    group by same_region.neighbour, known.component
    having min(components.component) < known.component
),

components_per_day as (
    select
        day_documents.anchor_day,
        count(distinct components.component) as n_components,
        min(components.component) as only_component,
    from components
    inner join day_documents using (doc_id)
    group by day_documents.anchor_day
),

day_members as (
    select
        day_documents.doc_id,
        day_documents.first_run_id,
        strftime(day_documents.anchor_day, '%Y-%m-%d') as anchor,
        coalesce(
            components.component,
            case when components_per_day.n_components = 1 then components_per_day.only_component end,
            'unplaced:' || strftime(day_documents.anchor_day, '%Y-%m-%d')
        ) as component,
        day_documents.anchor_day,
        day_documents.countries,
    from day_documents
    left join components using (doc_id)
    left join components_per_day using (anchor_day)
),

day_incidents as (
    select
        component,
        any_value(anchor) as anchor,
        any_value(anchor_day) as anchor_day,
        count(*) as n_documents,
        list_sort(list_distinct(flatten(list(countries)))) as countries,
    from day_members
    group by component
),

coarse_documents as (
    select doc_id, first_run_id, anchor_precision, period_start, period_end, countries,
    from int_document_anchors
    where anchor_precision in ('month', 'year')
),

-- Coarse documents of one period that name the same countries have the same candidates, so
-- each distinct set is matched once, by a number (100,000 bench documents: 61,000 coarse
-- documents, 18,000 sets). Matching every document against every incident of its year grew
-- with the square of the corpus and was most of the build.
coarse_sets as (
    select
        anchor_precision,
        period_start,
        countries,
        row_number() over () as coarse_set,
    from coarse_documents
    where len(countries) >= 2
    group by anchor_precision, period_start, countries
),

-- The day incidents of a period, once for its month and once for its year. Of the incidents
-- of one period with the same countries only the preferred one (more documents, then the
-- smaller component id) can be chosen, so the others are never matched.
period_incidents as (
    select 'month' as anchor_precision, date_trunc('month', anchor_day) as period_start, *,
    from day_incidents
    where len(countries) >= 2
    union all
    select 'year' as anchor_precision, date_trunc('year', anchor_day) as period_start, *,
    from day_incidents
    where len(countries) >= 2
),

incident_sets as (
    select
        anchor_precision,
        period_start,
        countries,
        min({
            'fewer_documents': -n_documents,
            'component': component,
            'anchor': anchor,
        }) as preferred,
        row_number() over () as incident_set,
    from period_incidents
    group by anchor_precision, period_start, countries
),

coarse_set_countries as (
    select anchor_precision, period_start, coarse_set, unnest(countries) as country,
    from coarse_sets
),

incident_set_countries as (
    select anchor_precision, period_start, incident_set, unnest(countries) as country,
    from incident_sets
),

-- Pairs of sets that share at least two countries, counted on the numbers alone so that the
-- aggregation stays small and can spill.
coarse_candidates as (
    select
        coarse_set_countries.coarse_set,
        incident_set_countries.incident_set,
        count(*) as shared,
    from coarse_set_countries
    inner join incident_set_countries using (anchor_precision, period_start, country)
    group by coarse_set_countries.coarse_set, incident_set_countries.incident_set
    having count(*) >= 2
),

-- The preferred candidate by aggregation rather than a window, so that DuckDB can spill it:
-- most shared countries, then the larger incident, then the smaller component id.
coarse_choice as (
    select
        coarse_candidates.coarse_set,
        min({
            'fewer_shared': -coarse_candidates.shared,
            'fewer_documents': incident_sets.preferred.fewer_documents,
            'component': incident_sets.preferred.component,
            'anchor': incident_sets.preferred.anchor,
        }) as preferred,
    from coarse_candidates
    inner join incident_sets using (incident_set)
    group by coarse_candidates.coarse_set
),

coarse_members as (
    select
        coarse_documents.doc_id,
        coarse_documents.first_run_id,
        coalesce(
            coarse_choice.preferred.anchor,
            case coarse_documents.anchor_precision
                when 'month' then strftime(coarse_documents.period_start, '%Y-%m')
                else strftime(coarse_documents.period_start, '%Y')
            end
        ) as anchor,
        coalesce(
            coarse_choice.preferred.component,
            'coarse:' || coarse_documents.anchor_precision || ':'
            || strftime(coarse_documents.period_start, '%Y-%m-%d')
        ) as component,
    from coarse_documents
    left join coarse_sets using (anchor_precision, period_start, countries)
    left join coarse_choice using (coarse_set)
),

undated_members as (
    select doc_id, first_run_id, 'undated' as anchor, 'undated:' || doc_id as component,
    from int_document_anchors
    where anchor_precision = 'none'
),

members as (
    select doc_id, first_run_id, anchor, component from day_members
    union all
    select doc_id, first_run_id, anchor, component from coarse_members
    union all
    select doc_id, first_run_id, anchor, component from undated_members
),

founded as (
    select
        doc_id,
        component,
        first_value(anchor) over by_arrival as anchor,
        first_value(doc_id) over by_arrival as founder_doc_id,
    from members
    window by_arrival as (
        partition by component
        order by anchor = 'undated' or anchor not like '____-__-__', first_run_id, doc_id
        rows between unbounded preceding and unbounded following
    )
)

select
    doc_id,
    'incident:' || anchor || ':' || founder_doc_id as incident_key,
    anchor,
    founder_doc_id,
from founded
