"""One story told by several outlets over two days, and followed up months later, is one
incident; an unrelated event of the same day in the same country is another. With front matter
(outlet, publication time) and as plain text, where only the words and the places can tell."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.test_pipeline import run_pipeline

pytestmark = pytest.mark.slow

STORIES = Path(__file__).parent / "stories"
BOMBING = {
    "bombing_police.txt",  # police: at least 12
    "bombing_syndicated.txt",  # a near-copy of it from another outlet
    "bombing_hospital.txt",  # the hospital: 15
    "bombing_nearly.txt",  # witnesses: nearly 20
    "bombing_next_day.txt",  # next day, about "Tuesday's car bombing"
    "bombing_trial.txt",  # months later, a trial that names the day of the bombing
}


def incidents_by_file(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return dict(conn.execute(
            "select source_id, incident_id from documents"
        ).fetchall())


def without_front_matter(text: str) -> str:
    _, _, body = text.partition("\n---\n")
    return body.lstrip("\n")


def clusters_of(spans, regions, pairs, named_days=None):
    """`corroborate.incident_clusters.cluster_documents` over pairs written as (i, j,
    similarity)."""
    from corroborate.incident_clusters import cluster_documents

    return cluster_documents(spans, regions, tuple(zip(*pairs, strict=True)), named_days)


@pytest.mark.parametrize("front_matter", [True, False], ids=["front-matter", "plain-text"])
def test_a_story_over_two_days_is_one_incident_apart_from_another_event(
    prefect_server, tmp_path, front_matter
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in STORIES.glob("*.txt"):
        text = article.read_text(encoding="utf-8")
        (corpus / article.name).write_text(
            text if front_matter else without_front_matter(text), encoding="utf-8"
        )
    warehouse = tmp_path / "corroborate.duckdb"
    run_pipeline([corpus], warehouse)

    incidents = incidents_by_file(warehouse)
    assert len({incidents[name] for name in BOMBING}) == 1
    assert incidents["flood.txt"] != incidents["bombing_police.txt"]


def test_a_weak_pair_inside_a_story_still_counts_in_the_average():
    """Average link: after a and b merge, c joins on (0.35 + 0.28) / 2, its weak pair with b
    counted; leave that pair out and c stays apart. A pair between two stories never counts."""
    spans = [(1, 1)] * 5
    regions = [["R"]] * 5
    edges = [(0, 1, 0.5), (0, 2, 0.35), (1, 2, 0.28), (3, 4, 0.4), (2, 3, 0.25)]
    assert clusters_of(spans, regions, edges) == [0, 0, 0, 3, 3]
    assert clusters_of(spans, regions, edges[:2] + edges[3:]) == [0, 0, 2, 3, 3]


def test_clusters_apart_in_place_meet_once_a_bridge_joins_one_of_them():
    """a (province X) and b (province Y of the same country) are alike but name no region in
    common; once a absorbs c (X and Y, and unlike b), the pair is weighed again, (0.9 + 0) / 2,
    and b joins."""
    spans = [(1, 1)] * 3
    regions = [["SYR/09"], ["SYR/13"], ["SYR/09", "SYR/13"]]
    edges = [(0, 1, 0.9), (0, 2, 0.8)]
    assert clusters_of(spans, regions, edges) == [0, 0, 0]
    assert clusters_of(spans, regions, edges[:1]) == [0, 1, 2]


def test_reports_without_a_day_join_on_words_at_their_own_bar():
    """Alike at 0.25: two undated reports, or a dated and an undated one, are one story (their
    similarity has no shared-day term, and the bar is UNTIMED_THRESHOLD); two reports of one day
    are not (their 0.25 includes the day's share, and the bar is THRESHOLD)."""
    edges = [(0, 1, 0.25)]
    assert clusters_of([(None, None)] * 2, [[]] * 2, edges) == [0, 0]
    assert clusters_of([(1, 1), (None, None)], [[]] * 2, edges) == [0, 0]
    assert clusters_of([(1, 1)] * 2, [[]] * 2, edges) == [0, 1]


def test_a_story_of_undated_reports_meets_a_dated_story_at_its_own_bar():
    """Two undated reports alike at 0.8 tell one story; that story and a dated one of two
    reports are two stories of one kind when alike at 0.25 or 0.35 pair by pair (nothing says
    they are of one time), one story at 0.45 (above UNDATED_STORY_THRESHOLD). A single undated
    report alike at 0.25 joins the dated story."""
    spans = [(None, None)] * 2 + [(1, 1)] * 2
    for alike, expected in ((0.25, [0, 0, 2, 2]), (0.35, [0, 0, 2, 2]), (0.45, [0, 0, 0, 0])):
        stories = [(0, 1, 0.8), (2, 3, 0.8)] + [(i, j, alike) for i in (0, 1) for j in (2, 3)]
        assert clusters_of(spans, [[]] * 4, stories) == expected
    lone_report = [(1, 2, 0.8), (0, 1, 0.25), (0, 2, 0.25)]
    assert clusters_of([(None, None), (1, 1), (1, 1)], [[]] * 3, lone_report) == [0, 0, 0]


def test_a_story_told_mostly_by_undated_reports_meets_undated_reports_at_their_bar():
    """Three reports alike at 0.8, one of them dated (its date inferred, say), are a story of
    undated reports: two more undated reports alike with them at 0.25 pair by pair join it at
    UNTIMED_THRESHOLD. When two of the three are dated, the story is timed, and the bar at which
    a story of undated reports meets a timed one keeps the two undated reports apart."""
    story = [(0, 1, 0.8), (0, 2, 0.8), (1, 2, 0.8), (3, 4, 0.8)]
    alike = [(i, j, 0.25) for i in (0, 1, 2) for j in (3, 4)]
    undated, day = (None, None), (1, 1)
    spans = [undated, undated, day, undated, undated]
    assert clusters_of(spans, [[]] * 5, story + alike) == [0] * 5
    spans = [undated, day, day, undated, undated]
    assert clusters_of(spans, [[]] * 5, story + alike) == [0, 0, 0, 3, 3]


def test_a_pair_below_its_own_bar_still_counts_between_untimed_stories():
    """Two stories of three reports, one dated in each, are untimed. Between them the dated
    pair is alike at 0.27 (below THRESHOLD, its own bar) and the other eight at 0.199 (below
    UNTIMED_THRESHOLD): their average, 1.862 / 9, reaches UNTIMED_THRESHOLD, and they join."""
    undated, day = (None, None), (1, 1)
    spans = [day, undated, undated] * 2
    stories = [(i, j, 0.9) for first in (0, 3) for i in range(first, first + 3)
               for j in range(i + 1, first + 3)]
    between = [(i, j, 0.27 if (i, j) == (0, 3) else 0.199) for i in range(3) for j in range(3, 6)]
    assert clusters_of(spans, [[]] * 6, stories + between) == [0] * 6


def test_stories_told_mostly_by_undated_reports_are_not_kept_apart_by_their_dates():
    """Two stories of three reports, each with one dated report, two weeks apart: neither is
    timed, and alike at 0.5 pair by pair they are one story. With two of three reports dated
    each, they are timed, and the two weeks keep them apart."""
    undated, first_day, two_weeks_later = (None, None), (1, 1), (15, 15)
    stories = [(i, j, 0.8) for first in (0, 3) for i in range(first, first + 3)
               for j in range(i + 1, first + 3)]
    between = [(i, j, 0.5) for i in range(3) for j in range(3, 6)]
    spans = [first_day, undated, undated, two_weeks_later, undated, undated]
    assert clusters_of(spans, [[]] * 6, stories + between) == [0] * 6
    spans = [first_day, first_day, undated, two_weeks_later, two_weeks_later, undated]
    assert clusters_of(spans, [[]] * 6, stories + between) == [0, 0, 0, 3, 3, 3]


def test_a_story_that_becomes_untimed_weighs_its_pairs_again():
    """Four reports, two dated, are a timed story; two undated reports alike with it at 0.2625
    pair by pair stay apart at THRESHOLD. A fifth report, undated and alike with the four at
    0.21, joins them: the story is untimed now, its average with the two is 2.1 / 10 = 0.21, at
    least UNTIMED_THRESHOLD, and they join too, though no pair between them changed."""
    undated, day = (None, None), (1, 1)
    spans = [day, day, undated, undated, undated, undated, undated]
    story = [(i, j, 0.9) for i in range(4) for j in range(i + 1, 4)] + [(4, 5, 0.99)]
    alike = [(i, j, 0.2625) for i in range(4) for j in (4, 5)]
    fifth = [(i, 6, 0.21) for i in range(4)]
    assert clusters_of(spans, [[]] * 7, story + alike) == [0, 0, 0, 0, 4, 4, 6]
    assert clusters_of(spans, [[]] * 7, story + alike + fifth) == [0] * 7


def test_a_region_abroad_does_not_keep_a_report_apart():
    """Provinces of one country exclude each other; a region of another country (where a
    reaction came from) does not."""
    edges = [(0, 1, 0.5)]
    assert clusters_of([(1, 1)] * 2, [["SYR/13"], ["USA/NY"]], edges) == [0, 0]
    assert clusters_of([(1, 1)] * 2, [["SYR/13"], ["SYR/09"]], edges) == [0, 1]


def test_a_report_weeks_later_joins_the_story_whose_day_it_names():
    """A sentencing 400 days after a shooting, alike in words, joins it when it writes out the
    shooting's day. Without that it stays apart, and so does a report ten days later that names
    it (daily war reports name the last days' attacks)."""
    edges = [(0, 1, 0.5)]
    shooting, sentencing, next_week = (1000, 1000), (1400, 1400), (1010, 1010)
    names_it = [[], [1000]]
    assert clusters_of([shooting, sentencing], [[]] * 2, edges, named_days=names_it) == [0, 0]
    assert clusters_of([shooting, sentencing], [[]] * 2, edges) == [0, 1]
    assert clusters_of([shooting, next_week], [[]] * 2, edges, named_days=names_it) == [0, 1]


def test_a_report_dated_to_a_month_joins_a_story_days_outside_it():
    """A report dated only to August joins a story of July 29 (written days after what it
    tells); a report dated to August 3 does not (day-precise reports meet on their day), nor
    does the August report join one of July 20."""
    edges = [(0, 1, 0.5)]
    july_29, july_20, august_3 = (29, 29), (20, 20), (34, 34)
    august = (32, 62)
    assert clusters_of([july_29, august], [[]] * 2, edges) == [0, 0]
    assert clusters_of([july_29, august_3], [[]] * 2, edges) == [0, 1]
    assert clusters_of([july_20, august], [[]] * 2, edges) == [0, 1]
