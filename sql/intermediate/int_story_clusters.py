"""Grain: one row per document, with the document that names its cluster of reports of one
story (`flows.incident_clusters`: average-link over `int_story_similarities`, within a time
window). A Python model: the clustering is a loop over a heap, which SQL does not express."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from flows.incident_clusters import cluster_documents

REFERENCES = ("int_document_anchors", "int_story_similarities")

_DOCUMENTS = """
    select doc_id, story_start, period_end, regions[1:2],
    from int_document_anchors
    order by first_run_id, doc_id
"""


def model(conn: duckdb.DuckDBPyConnection) -> pa.Table:
    documents = conn.execute(_DOCUMENTS).fetchall()
    index = {doc_id: position for position, (doc_id, *_) in enumerate(documents)}
    spans = [
        (first.toordinal(), last.toordinal()) if first is not None else (None, None)
        for _, first, last, _ in documents
    ]
    edges = [
        (index[left], index[right], similarity)
        for left, right, similarity in conn.execute(
            "select left_doc_id, right_doc_id, similarity from int_story_similarities order by all"
        ).fetchall()
    ]
    labels = cluster_documents(spans, [regions for *_, regions in documents], edges)
    doc_ids = [doc_id for doc_id, *_ in documents]
    return pa.table({
        "doc_id": pa.array(doc_ids, pa.string()),
        "cluster_doc_id": pa.array([doc_ids[label] for label in labels], pa.string()),
    })
