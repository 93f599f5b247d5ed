-- Grain: one row per pair of documents (left_doc_id < right_doc_id) whose texts are near-copies
-- (syndicated wire copy, light rewrites).
--
-- Candidates share a band of their MinHash signatures (`extract/similarity.py`: `BINS` bins a
-- signature; here cut into as many bands of `rows_per_band` bins as it holds, 21 of 3 for 64
-- bins): locality-sensitive hashing, so near-copies meet without comparing every pair. A
-- candidate is a copy when the share of equal bins, an estimate of the Jaccard similarity of the
-- word 3-shingles, is at least `min_similarity`.
with parameters as (
    select
        3 as rows_per_band,
        0.5 as min_similarity,
),

documents as (
    select * from stg_documents
),

signatures as (
    select doc_id, minhash, from documents where minhash is not null
),

bands as (
    select
        signatures.doc_id,
        bands.band,
        list_slice(
            signatures.minhash,
            bands.band * parameters.rows_per_band + 1,
            (bands.band + 1) * parameters.rows_per_band
        ) as band_bins,
    from signatures
    cross join parameters
    cross join unnest(range(len(signatures.minhash) // parameters.rows_per_band)) as bands(band)
),

band_hashes as (
    select doc_id, band, hash(band_bins) as band_hash,
    from bands
    where list_min(band_bins) >= 0
),

candidates as (
    select distinct
        band_hashes.doc_id as left_doc_id,
        others.doc_id as right_doc_id,
    from band_hashes
    inner join band_hashes as others
        on others.band = band_hashes.band
        and others.band_hash = band_hashes.band_hash
        and others.doc_id > band_hashes.doc_id
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
),

final as (
    select scored.left_doc_id, scored.right_doc_id, scored.similarity,
    from scored
    cross join parameters
    where scored.similarity >= parameters.min_similarity
)

select * from final
