-- Grain: one row per pair of documents (left_number < right_number, their numbers in
-- `int_story_vectors`) that may tell one story: a candidate for `int_story_similarities`.
--
-- Candidates come from blocking, never from all pairs: a document is compared with the
-- `neighbours` documents next in time that share one of its `key_terms` heaviest words, or its
-- day and a region. So the cost grows with the corpus, not with its square, however common
-- a word becomes. A key that `small_key_size` documents or fewer share (a name in one story's
-- reports) compares them all: the clustering counts a pair never compared as 0, and a story of
-- fifteen reports compared six by six fell apart (on web news of many outlets, B-cubed F1 0.82
-- with windows only, 0.84 with small keys whole, for 4% more pairs). Whether stories days
-- apart can still be one is the clustering's decision (`int_story_clusters`), so every
-- candidate is scored, with its distance in days.
with parameters as (
    select
        8 as key_terms,
        6 as neighbours,
        20 as small_key_size,
),

documents as (
    select * from stg_documents
),

vectors as (
    select * from int_story_vectors
),

numbered as (
    select
        vectors.doc_number,
        documents.story_terms,
        vectors.anchor_precision,
        vectors.anchor_day,
        vectors.story_start,
        vectors.story_keys,
    from vectors
    inner join documents using (doc_id)
),

keys as (
    select numbered.doc_number, unnest(numbered.story_terms[1:parameters.key_terms]) as block_key,
    from numbered
    cross join parameters
    union all
    select doc_number, '@' || strftime(anchor_day, '%Y-%m-%d') || ' ' || unnest(story_keys),
    from numbered
    where anchor_precision = 'day'
),

-- Each key's documents in time order, numbered, so that the next few are an equality join.
positions as (
    select
        keys.doc_number,
        keys.block_key,
        row_number() over (
            partition by keys.block_key
            order by numbered.story_start nulls last, keys.doc_number
        ) as position,
        count(*) over (partition by keys.block_key) as key_size,
    from keys
    inner join numbered using (doc_number)
),

pairs as (
    select distinct
        least(earlier.doc_number, later.doc_number) as left_number,
        greatest(earlier.doc_number, later.doc_number) as right_number,
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

final as (
    select * from pairs
)

select * from final
