-- Grain: one row per pair of documents (left_doc_id < right_doc_id) that may tell one story,
-- with how alike their stories are and why.
--
-- A document's story is its words (`story_terms`, unit length), its day when known to the day
-- (`day_weight`) and the first two regions of its lead (`region_weight` each), as one vector;
-- the similarity of two documents is the cosine of their vectors, over what both know. Two
-- reports of one day and one province are closer than their words alone say, so a day's reports
-- from one place meet even when their wording differs; reports a day apart meet on their words.
--
-- A word weighs by its rarity in English (`story_terms`), and less when much of the corpus
-- holds it: in an archive of one war, the country's name and the war's usual words
-- ("observatory", "regime") are among most reports' heaviest words, and they joined different
-- attacks of one day. A word held by more than `common_share` of the documents, and by more
-- than `min_common` of them (in a small corpus every shared word is held by a large share),
-- weighs less by the square root (`damping`) of how many times more documents hold it; each
-- document's words are then scaled back to unit length. On Syrian-war reports this took wrong
-- merges from 12 to 9 in 290 incidents; web news of many outlets, whose most held word is in
-- one report of eight, did not move.
--
-- Candidates come from blocking, never from all pairs: a document is compared with the
-- `neighbours` documents next in time that share one of its `key_terms` heaviest words, or its
-- day and a region. So the cost grows with the corpus, not with its square, however common
-- a word becomes. A key that `small_key_size` documents or fewer share (a name in one story's
-- reports) compares them all: the clustering counts a pair never compared as 0, and a story of
-- fifteen reports compared six by six fell apart (on web news of many outlets, B-cubed F1 0.82
-- with windows only, 0.84 with small keys whole, for 4% more pairs). Whether stories days
-- apart can still be one is the clustering's decision (`int_story_clusters`), so every
-- candidate is scored here, with its distance in days.
with parameters as (
    select
        8 as key_terms,
        6 as neighbours,
        20 as small_key_size,
        0.5 as day_weight,
        0.5 as region_weight,
        0.1 as min_similarity,
        0.1 as common_share,
        20 as min_common,
        0.5 as damping,
),

documents as (
    select
        doc_id,
        story_terms,
        story_weights,
        row_number() over (order by doc_id) as doc_number,
    from stg_documents
),

anchors as (
    select
        documents.doc_number,
        documents.doc_id,
        anchors.anchor_precision,
        anchors.anchor_day,
        anchors.story_start,
        anchors.period_end,
        anchors.regions[1:2] as regions,
    from int_document_anchors as anchors
    inner join documents using (doc_id)
),

words as (
    select
        doc_number,
        unnest(story_terms) as term,
        unnest(story_weights) as weight,
        generate_subscripts(story_terms, 1) as term_rank,
    from documents
),

-- Each document's words as numbers (the corpus's words in order), with how many documents
-- hold each.
vocabulary as (
    select
        term,
        row_number() over (order by term) as word_id,
        count(*) as documents,
    from words
    group by term
),

corpus as (
    select count(*) as documents,
    from documents
),

-- Each word's weight, less when much of the corpus holds it, in millionths.
damped as (
    select
        words.doc_number,
        vocabulary.word_id,
        round(words.weight * 1000000 * least(1, pow(
            greatest(parameters.common_share * corpus.documents, parameters.min_common)
                / vocabulary.documents,
            parameters.damping
        )))::bigint as weight,
    from words
    inner join vocabulary using (term)
    cross join corpus
    cross join parameters
),

-- Each document's words at unit length again, in millionths, in two aligned lists: one row a
-- document, so that joining a pair to its left document's words takes a small hash table. The
-- squares add up as whole numbers, and so do the products of the pairs' weights below: a
-- parallel rebuild gives the same similarities to the last digit.
vectors as materialized (
    select
        doc_number,
        list(word_id order by word_id) as word_ids,
        list(weight order by word_id) as weights,
    from (
        select
            doc_number,
            word_id,
            round(
                weight * 1000000 / sqrt(sum(weight * weight) over (partition by doc_number))
            )::integer as weight,
        from damped
    )
    group by doc_number
),

keys as (
    select words.doc_number, words.term as block_key,
    from words
    cross join parameters
    where words.term_rank <= parameters.key_terms
    union all
    select doc_number, '@' || strftime(anchor_day, '%Y-%m-%d') || ' ' || unnest(regions),
    from anchors
    where anchor_precision = 'day'
),

-- Each key's documents in time order, numbered, so that the next few are an equality join.
positions as (
    select
        keys.doc_number,
        keys.block_key,
        row_number() over (
            partition by keys.block_key
            order by anchors.story_start nulls last, keys.doc_number
        ) as position,
        count(*) over (partition by keys.block_key) as key_size,
    from keys
    inner join anchors using (doc_number)
),

candidates as (
    select distinct
        least(earlier.doc_number, later.doc_number) * 16777216
            + greatest(earlier.doc_number, later.doc_number) as pair_key,
    from (
        select
            positions.*,
            unnest(range(1, case
                when positions.key_size <= parameters.small_key_size then positions.key_size
                else parameters.neighbours + 1
            end)) as step,
        from positions
        cross join parameters
    ) as earlier
    inner join positions as later
        on later.block_key = earlier.block_key
        and later.position = earlier.position + earlier.step
),

-- Each pair (as one integer: left * 2^24 + right) with the words of its left document, each
-- keyed as the right document's (document, word) is: the key joins the right document's words
-- through the pair, so the planner never joins the two documents' words on the word alone (a
-- common word would pair every document holding it), and the rows stream into the sum.
left_words as (
    select
        candidates.pair_key,
        unnest(vectors.word_ids) + candidates.pair_key % 16777216 * 16777216 as right_word_key,
        unnest(vectors.weights) as weight,
    from candidates
    inner join vectors on vectors.doc_number = candidates.pair_key // 16777216
),

right_words as (
    select
        doc_number * 16777216 + unnest(word_ids) as word_key,
        unnest(weights) as weight,
    from vectors
),

shared_words as (
    select
        left_words.pair_key,
        -- Whole numbers below 2^53 add up exactly as doubles, in any order.
        sum((left_words.weight::bigint * rights.weight)::double) / 1e12 as word_similarity,
    from left_words
    inner join right_words as rights on rights.word_key = left_words.right_word_key
    group by left_words.pair_key
),

scored as (
    select
        lefts.doc_id as left_doc_id,
        rights.doc_id as right_doc_id,
        coalesce(shared_words.word_similarity, 0) as word_similarity,
        list_sort(list_intersect(lefts.regions, rights.regions)) as shared_regions,
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
    inner join anchors as lefts on lefts.doc_number = candidates.pair_key // 16777216
    inner join anchors as rights on rights.doc_number = candidates.pair_key % 16777216
    left join shared_words using (pair_key)
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
