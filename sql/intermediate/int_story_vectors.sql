-- Grain: one row per document, with its story as a vector: its story terms (sparse), its day
-- when known to the day, and its first two story keys (the regions of the first city names of
-- its lead, `int_document_anchors.story_keys`).
--
-- A document's words (`story_terms`) weigh by their rarity in English, and less when much of
-- the corpus holds them: in an archive of one war, the country's name and the war's usual
-- words ("observatory", "regime") are among most reports' heaviest words, and they joined
-- different attacks of one day. A word held by more than `common_share` of the documents, and
-- by more than `min_common` of them (in a small corpus every shared word is held by a large
-- share), weighs less by the square root (`damping`) of how many times more documents hold it;
-- each document's words are then scaled back to unit length. On Syrian-war reports this took
-- wrong merges from 12 to 9 in 290 incidents; web news of many outlets, whose most held word
-- is in one report of eight, did not move.
--
-- Words are numbers (the corpus's words in order) and weights whole millionths, in two aligned
-- lists: the squares add up as whole numbers, and so do the products of a pair's weights
-- (`int_story_word_similarities`), so a parallel rebuild gives the same similarities to the
-- last digit.
with parameters as (
    select
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
    select * from int_document_anchors
),

words as (
    select
        doc_number,
        unnest(story_terms) as term,
        unnest(story_weights) as weight,
    from documents
),

-- How many documents hold each word, and its number.
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

unit_length as (
    select
        doc_number,
        word_id,
        round(
            weight * 1000000 / sqrt(sum(weight * weight) over (partition by doc_number))
        )::integer as weight,
    from damped
),

vectors as (
    select
        doc_number,
        list(word_id order by word_id) as word_ids,
        list(weight order by word_id) as weights,
    from unit_length
    group by doc_number
),

final as (
    select
        documents.doc_number,
        documents.doc_id,
        coalesce(vectors.word_ids, []) as word_ids,
        coalesce(vectors.weights, []) as weights,
        anchors.anchor_precision,
        anchors.anchor_day,
        anchors.story_start,
        anchors.story_keys[1:2] as story_keys,
    from documents
    inner join anchors using (doc_id)
    left join vectors using (doc_number)
)

select * from final
