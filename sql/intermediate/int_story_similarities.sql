-- Grain: one row per pair of documents (left_doc_id < right_doc_id) that may tell one story,
-- with how alike their stories are and why.
--
-- A document's story (`int_story_vectors`) is its words (unit length), its day when known to
-- the day (`day_weight`) and its first two story keys, the regions of the first city names of
-- its lead (`region_weight` each), as one vector; the similarity of two documents is the
-- cosine of their vectors, over what both know.
-- Two reports of one day and one province are closer than their words alone say, so a day's
-- reports from one place meet even when their wording differs; reports a day apart meet on
-- their words. The pairs are the candidates of blocking (`int_story_candidates`), never all
-- pairs, with the cosine of their words (`int_story_word_similarities`).
with parameters as (
    select
        0.5 as day_weight,
        0.5 as region_weight,
        0.1 as min_similarity,
),

word_similarities as (
    select * from int_story_word_similarities
),

vectors as (
    select * from int_story_vectors
),

scored as (
    select
        lefts.doc_id as left_doc_id,
        rights.doc_id as right_doc_id,
        pairs.word_similarity,
        list_sort(list_intersect(lefts.story_keys, rights.story_keys)) as shared_keys,
        lefts.anchor_precision = 'day' and rights.anchor_precision = 'day' as both_days,
        len(lefts.story_keys) > 0 and len(rights.story_keys) > 0 as both_keys,
        both_days and lefts.anchor_day = rights.anchor_day as same_day,
        abs(date_diff('day', lefts.story_start, rights.story_start)) as days_apart,
        -- What only one of the two knows (its day, its regions) says nothing of the pair, so
        -- it neither helps nor dilutes: the cosine is taken over what both know.
        sqrt(
            1 + parameters.day_weight ** 2 * both_days::int
            + parameters.region_weight ** 2 * len(lefts.story_keys) * both_keys::int
        ) * sqrt(
            1 + parameters.day_weight ** 2 * both_days::int
            + parameters.region_weight ** 2 * len(rights.story_keys) * both_keys::int
        ) as norms,
    from word_similarities as pairs
    inner join vectors as lefts on lefts.doc_number = pairs.left_number
    inner join vectors as rights on rights.doc_number = pairs.right_number
    cross join parameters
),

weighed as (
    select
        scored.left_doc_id,
        scored.right_doc_id,
        (
            scored.word_similarity
            + parameters.day_weight ** 2 * scored.same_day::int
            + parameters.region_weight ** 2 * len(scored.shared_keys)
        ) / scored.norms as similarity,
        scored.word_similarity,
        scored.shared_keys,
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
