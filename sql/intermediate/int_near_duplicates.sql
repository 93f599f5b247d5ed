-- Pairs of documents whose texts are near-copies (syndicated wire copy, light rewrites).
-- Candidates share a band of their MinHash signatures (21 bands of 3 bins: locality-sensitive
-- hashing, so near-copies meet without comparing every pair); a candidate is a copy when the
-- share of equal bins, an estimate of the Jaccard similarity of the word 3-shingles, is at
-- least 0.5.
with signatures as (
    select doc_id, minhash from stg_documents where minhash is not null
),

bands as (
    select
        signatures.doc_id,
        bands.band,
        hash(list_slice(signatures.minhash, bands.band * 3 + 1, bands.band * 3 + 3)) as band_hash,
    from signatures
    cross join range(21) as bands(band)
    where list_min(list_slice(signatures.minhash, bands.band * 3 + 1, bands.band * 3 + 3)) >= 0
),

candidates as (
    select distinct
        bands.doc_id as left_doc_id,
        others.doc_id as right_doc_id,
    from bands
    inner join bands as others
        on others.band = bands.band
        and others.band_hash = bands.band_hash
        and others.doc_id > bands.doc_id
),

scored as (
    select
        candidates.left_doc_id,
        candidates.right_doc_id,
        len(list_filter(
            list_zip(lefts.minhash, rights.minhash), lambda bins: bins[1] = bins[2] and bins[1] >= 0
        )) / greatest(len(list_filter(
            list_zip(lefts.minhash, rights.minhash), lambda bins: bins[1] >= 0 or bins[2] >= 0
        )), 1) as similarity,
    from candidates
    inner join signatures as lefts on lefts.doc_id = candidates.left_doc_id
    inner join signatures as rights on rights.doc_id = candidates.right_doc_id
)

select left_doc_id, right_doc_id, similarity,
from scored
where similarity >= 0.5
