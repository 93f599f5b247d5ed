"""Grain: one row per document, with the document that names its cluster of reports of one
story (`corroborate.incident_clusters`: average-link over `int_story_similarities`, within a time
window, or weeks later naming the story's day). A Python model: the clustering is a loop over
a heap, which SQL does not express."""

from __future__ import annotations

import duckdb
import pyarrow as pa

REFERENCES = ("int_document_anchors", "int_story_similarities")

# Documents in arrival order: a cluster is named by its first member.
_ORDER = "first_run_id, doc_id"

_DOCUMENTS = f"""
    select doc_id, story_start, period_end, story_keys[1:2], named_days,
    from int_document_anchors
    order by {_ORDER}
"""

# The pairs as positions in `_DOCUMENTS`' order, fetched as columns: 10^5 pairs or more at
# scale, which as rows of document ids cost more to fetch and map than to cluster.
_EDGES = f"""
    with positions as (
        select doc_id, row_number() over (order by {_ORDER}) - 1 as position,
        from int_document_anchors
    )

    select lefts.position as left_position, rights.position as right_position, similarity,
    from int_story_similarities
    inner join positions as lefts on lefts.doc_id = int_story_similarities.left_doc_id
    inner join positions as rights on rights.doc_id = int_story_similarities.right_doc_id
    order by all
"""


def model(conn: duckdb.DuckDBPyConnection) -> pa.Table:
    # Imported when the model runs, not when the run starts: Numba's compiler holds about
    # 100 MB, which the loading and the workers forked for it need not carry.
    from corroborate.incident_clusters import cluster_documents

    documents = conn.execute(_DOCUMENTS).fetchall()
    spans = [
        (first.toordinal(), last.toordinal()) if first is not None else (None, None)
        for _, first, last, *_ in documents
    ]
    named_days = [[day.toordinal() for day in days] for *_, days in documents]
    columns = conn.execute(_EDGES).fetchnumpy()
    edges = tuple(columns.pop(name) for name in ("left_position", "right_position", "similarity"))
    labels = cluster_documents(
        spans, [keys for *_, keys, _ in documents], edges, named_days=named_days
    )
    doc_ids = [doc_id for doc_id, *_ in documents]
    return pa.table({
        "doc_id": pa.array(doc_ids, pa.string()),
        "cluster_doc_id": pa.array([doc_ids[label] for label in labels], pa.string()),
    })
