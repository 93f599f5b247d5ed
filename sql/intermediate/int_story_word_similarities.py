"""Grain: one row per candidate pair (`int_story_candidates`), with the cosine of the two
documents' words (`corroborate.word_similarity`). A Python model: SQL spells a sparse dot
product as a row per pair and word, joined and summed, several times slower."""

from __future__ import annotations

import duckdb
import numpy as np
import pyarrow as pa

REFERENCES = ("int_story_vectors", "int_story_candidates")

# Documents in order of their numbers, 1 to the number of documents.
_VECTORS = "select word_ids, weights from int_story_vectors order by doc_number"

# Pairs in order of their left document, whose words are then spread once (at 100,000
# documents, 1.1 s with the sort, 2.4 s without).
_PAIRS = "select left_number, right_number from int_story_candidates order by left_number"


def model(conn: duckdb.DuckDBPyConnection) -> pa.Table:
    # Imported when the model runs, as the clustering is: Numba's compiler holds about 100 MB.
    from corroborate.word_similarity import word_similarities

    vectors = conn.sql(_VECTORS).to_arrow_table()
    word_ids = vectors["word_ids"].combine_chunks()
    weights = vectors["weights"].combine_chunks()
    pairs = conn.execute(_PAIRS).fetchnumpy()
    # Where each document's words start, by its number: document n is row n - 1.
    offsets = np.concatenate([[0], word_ids.offsets.to_numpy() - word_ids.offsets[0].as_py()])
    similarities = word_similarities(
        offsets, word_ids.flatten().to_numpy(), weights.flatten().to_numpy(),
        pairs["left_number"], pairs["right_number"],
    )
    return pa.table({
        "left_number": pairs["left_number"],
        "right_number": pairs["right_number"],
        "word_similarity": similarities,
    })
