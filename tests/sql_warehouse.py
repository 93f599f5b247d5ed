"""An in-memory warehouse for SQL semantics tests: add documents and claims by hand, build."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import duckdb

from corroborate import model_runner
from corroborate.extract.similarity import minhash
from corroborate.extract.story_terms import story_terms

DAY = datetime(2024, 3, 5, tzinfo=UTC)

#: The story a hand-made document tells unless a test gives it another: its words decide, with
#: its day and regions, which incident it joins (the short texts the tests write say too little).
STORY = (
    "Shelling hit the eastern districts of the provincial capital overnight, killing twelve "
    "people and wounding dozens more, the civil defence service said. Rescue teams searched "
    "the rubble of two apartment blocks as hospitals appealed for blood donors."
)


def doc_id_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


class Warehouse:
    """The source tables of a fresh warehouse, with helpers that fill them like the pipeline."""

    def __init__(self) -> None:
        self.conn = duckdb.connect()
        model_runner.create_source_tables(self.conn)
        self._claims = 0

    def document(
        self,
        text: str,
        outlet: str | None = None,
        published: datetime | None = DAY,
        precision: str | None = "day",
        regions: list[str] | None = None,
        run_id: str = "r1",
        story: str = STORY,
    ) -> str:
        doc_id = doc_id_of(text)
        terms, weights = story_terms(story)
        self.conn.execute(
            "insert into raw_documents by name select ? as doc_id, ? as source_file, "
            "? as source_id, ? as outlet, ? as published_at, ? as published_precision, "
            "'metadata' as published_basis, ? as text, ? as char_count, ? as first_run_id, "
            "? as lead_regions, ? as minhash, ? as story_terms, ? as story_weights",
            [doc_id, f"{doc_id}.txt", f"{doc_id}.txt", outlet, published,
             precision if published else None, text, len(text), run_id, regions or [],
             minhash(text), terms, weights],
        )
        return doc_id

    def _text(self, doc_id: str) -> str:
        return self.conn.execute(
            "select text from raw_documents where doc_id = ?", [doc_id]
        ).fetchone()[0]

    def _next_id(self) -> str:
        self._claims += 1
        return f"{self._claims:020d}"

    def casualty(self, doc_id, low, high, qualifier="exact", side=None, outcome="killed",
                 background_year=None, speaker=None, speaker_country=None, victim=None,
                 part_of=None):
        text = self._text(doc_id)
        self.conn.execute(
            "insert into raw_casualty_claims by name select ? as claim_id, ? as doc_id, "
            "? as outcome, ? as count_low, ? as count_high, ? as qualifier, ? as victim, "
            "? as side, ? as speaker, ? as speaker_country, ? as time_reference, "
            "? as reference_year, ? as evidence, 0 as char_start, ? as char_end, "
            "? as part_of, 0 as sentence_start, ? as sentence_end",
            [self._next_id(), doc_id, outcome, low, high, qualifier, victim, side, speaker,
             speaker_country, "background" if background_year else "main", background_year,
             text, len(text), part_of, len(text)],
        )

    def event(self, doc_id, start, end, event_type="attack", place=None, place_country=None,
              precision="hour", speaker=None, time_text="then", summary=None):
        """An event claim over the whole text, which is its sentence."""
        text = self._text(doc_id)
        self.conn.execute(
            "insert into raw_event_claims by name select ? as claim_id, ? as doc_id, "
            "? as event_type, ? as occurred_start, ? as occurred_end, ? as precision, "
            "? as time_text, ? as place, ? as place_country, ? as speaker, "
            "'main' as time_reference, ? as evidence, 0 as char_start, ? as char_end, "
            "0 as sentence_start, ? as sentence_end, ? as summary",
            [self._next_id(), doc_id, event_type, start, end, precision, time_text, place,
             place_country, speaker, text, len(text), len(text), summary],
        )

    def statement(self, doc_id, speaker, stance, speaker_country=None, target_country=None,
                  content=None, start=0, end=None, source_key=None, source_name=None):
        """A statement over text[start:end]; its source keyed as extraction would key it."""
        text = self._text(doc_id)
        end = len(text) if end is None else end
        self.conn.execute(
            "insert into raw_statements by name select ? as claim_id, ? as doc_id, "
            "? as speaker, ? as source_name, ? as source_key, 'government' as source_kind, "
            "? as speaker_country, ? as stance, ? as target_country, "
            "? as content, ? as evidence, ? as char_start, ? as char_end",
            [self._next_id(), doc_id, speaker, source_name or speaker, source_key,
             speaker_country, stance, target_country, content or text[start:end],
             text[start:end], start, end],
        )

    def time_expression(self, doc_id, value, start=None, end=None, precision=None,
                        type="DATE", char_start=0):
        """A time expression over the document's first characters; unanchored when no start."""
        text = self._text(doc_id)
        words = text[char_start : char_start + 7]
        self.conn.execute(
            "insert into raw_time_expressions by name select ? as doc_id, ? as char_start, "
            "? as char_end, ? as text, ? as type, ? as value, ? as start_utc, ? as end_utc, "
            "? as precision, ? as evidence",
            [doc_id, char_start, char_start + len(words), words, type, value, start, end,
             precision, words],
        )

    def build(self) -> None:
        model_runner.build_models(self.conn)
        model_runner.apply_comments(self.conn)
        model_runner.run_data_tests(self.conn)

    def rows(self, query: str, *params):
        return self.conn.execute(query, list(params)).fetchall()

    def facts(self, outcome="killed"):
        return self.rows(
            "select side, value_low, value_high, n_documents, n_independent, status "
            "from source_agreement where kind = 'casualty' and outcome = ? order by side",
            outcome,
        )

    def incident_of(self, doc_id: str) -> str:
        return self.rows("select incident_id from documents where doc_id = ?", doc_id)[0][0]
