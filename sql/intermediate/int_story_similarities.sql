-- Grain: one row per pair of documents (left_doc_id < right_doc_id) that may tell one story,
-- with how alike their stories are and why.
--
-- A document's story is its words (`story_terms`, unit length), its day when known to the day
-- (`day_weight`) and the first two regions of its lead (`region_weight` each), as one vector;
-- the similarity of two documents is the cosine of their vectors, over what both know. Two reports of one day and
-- one province are closer than their words alone say, so a day's reports from one place meet
-- even when their wording differs; reports a day apart meet on their words.
--
-- Candidates come from blocking, never from all pairs: a document is compared with the 8
-- documents next in time that share one of its `key_terms` heaviest words, or its day and a
-- region. So the cost grows with the corpus, not with its square, however common
-- a word becomes. Whether stories days apart can still be one is the clustering's decision
-- (`int_story_clusters`), so every candidate is scored here, with its distance in days.
with parameters as (
    select
        10 as key_terms,
        0.5 as day_weight,
        0.5 as region_weight,
        0.1 as min_similarity,
),

documents as (
    select doc_id, story_terms, story_weights, from stg_documents
),

anchors as (
    select
        doc_id,
        anchor_precision,
        anchor_day,
        story_start,
        period_end,
        regions[1:2] as regions,
    from int_document_anchors
),

terms as (
    select
        doc_id,
        unnest(story_terms) as term,
        unnest(story_weights) as weight,
        generate_subscripts(story_terms, 1) as term_rank,
    from documents
),

keys as (
    select terms.doc_id, terms.term as block_key,
    from terms
    cross join parameters
    where terms.term_rank <= parameters.key_terms
    union all
    select doc_id, '@' || strftime(anchor_day, '%Y-%m-%d') || ' ' || unnest(regions),
    from anchors
    where anchor_precision = 'day'
),

blocks as (
    select
        keys.doc_id,
        list(keys.doc_id) over (
            partition by keys.block_key
            order by anchors.story_start nulls last, keys.doc_id
            rows between 1 following and 10 following
        ) as later_doc_ids,
    from keys
    inner join anchors using (doc_id)
),

candidates as (
    select distinct
        least(doc_id, later_doc_id) as left_doc_id,
        greatest(doc_id, later_doc_id) as right_doc_id,
    from (select doc_id, unnest(later_doc_ids) as later_doc_id from blocks)
),

shared_words as (
    select
        candidates.left_doc_id,
        candidates.right_doc_id,
        sum(lefts.weight * rights.weight) as word_similarity,
        list(lefts.term order by lefts.weight * rights.weight desc) as shared_terms,
    from candidates
    inner join terms as lefts on lefts.doc_id = candidates.left_doc_id
    inner join terms as rights
        on rights.doc_id = candidates.right_doc_id
        and rights.term = lefts.term
    group by candidates.left_doc_id, candidates.right_doc_id
),

scored as (
    select
        candidates.left_doc_id,
        candidates.right_doc_id,
        coalesce(shared_words.word_similarity, 0) as word_similarity,
        coalesce(shared_words.shared_terms[1:5], []) as shared_terms,
        list_intersect(lefts.regions, rights.regions) as shared_regions,
        lefts.anchor_precision = 'day' and rights.anchor_precision = 'day' as both_days,
        len(lefts.regions) > 0 and len(rights.regions) > 0 as both_regions,
        both_days and lefts.anchor_day = rights.anchor_day as same_day,
        abs(date_diff('day', lefts.story_start, rights.story_start)) as days_apart,
        -- What only one of the two knows (its day, its regions) says nothing of the pair, so
        -- it neither helps nor dilutes: the cosine is taken over what both know.
        sqrt(
            1 + parameters.day_weight ** 2 * both_days::int
            + parameters.region_weight ** 2 * len(lefts.regions) * both_regions::int
        ) * sqrt(
            1 + parameters.day_weight ** 2 * both_days::int
            + parameters.region_weight ** 2 * len(rights.regions) * both_regions::int
        ) as norms,
    from candidates
    inner join anchors as lefts on lefts.doc_id = candidates.left_doc_id
    inner join anchors as rights on rights.doc_id = candidates.right_doc_id
    left join shared_words using (left_doc_id, right_doc_id)
    cross join parameters
),

weighed as (
    select
        scored.left_doc_id,
        scored.right_doc_id,
        (
            scored.word_similarity
            + parameters.day_weight ** 2 * scored.same_day::int
            + parameters.region_weight ** 2 * len(scored.shared_regions)
        ) / scored.norms as similarity,
        scored.word_similarity,
        scored.shared_terms,
        scored.shared_regions,
        scored.same_day,
        scored.days_apart,
    from scored
    cross join parameters
),

final as (
    select weighed.*,
    from weighed
    cross join parameters
    where weighed.similarity > parameters.min_similarity
)

select * from final
