"""Incident resolution, independence and the contested-responsibility marts, in SQL on small
hand-made tables."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta

import pytest

from corroborate import model_runner
from tests.sql_warehouse import DAY, STORY, Warehouse

FLOOD = (
    "Floodwaters swept through riverside villages after days of monsoon rain, drowning three "
    "fishermen and forcing thousands of families from their homes, the disaster agency said."
)

WIRE = (
    "Shelling hit the eastern districts of the provincial capital overnight, killing twelve "
    "people and wounding dozens more, the civil defence service said on Tuesday. Rescue teams "
    "were still searching the rubble of two apartment blocks on the main road into the city, "
    "and hospitals appealed for blood donors as the wounded kept arriving through the morning."
)


@pytest.fixture
def warehouse():
    built = Warehouse()
    yield built
    built.conn.close()


def test_reports_of_one_story_on_one_day_are_one_incident(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    warehouse.build()
    assert warehouse.incident_of(a) == warehouse.incident_of(b)
    assert warehouse.rows(
        "select closest_doc_id, similarity > 0.99, same_day from incident_members "
        "where doc_id = ?", b
    ) == [(a, True, True)]
    assert warehouse.rows("select count(*) from incident_members where is_founder") == [(1,)]


def test_a_members_closest_fellow_is_described_by_that_one_pair(warehouse):
    """Its closest fellow is undated, so their pair has no days apart; the pair with a dated
    fellow, less alike, does not lend it its own."""
    dated = warehouse.document("Report one", "Outlet A")
    undated = warehouse.document("Report two", "Outlet B", published=None)
    warehouse.document(
        "Report three", "Outlet C", story=STORY + " Officials feared the toll would rise."
    )
    warehouse.build()
    assert warehouse.rows(
        "select closest_doc_id, similarity > 0.99, same_day, days_apart from incident_members "
        "where doc_id = ?", dated
    ) == [(undated, True, False, None)]


def test_of_two_fellows_as_alike_the_closest_is_the_smaller_doc_id(warehouse):
    first, *others = (
        warehouse.document(f"Report {number}", f"Outlet {number}") for number in range(3)
    )
    warehouse.build()
    assert warehouse.rows(
        "select closest_doc_id from incident_members where doc_id = ?", first
    ) == [(min(others),)]


def test_reports_sharing_a_rare_word_are_all_compared(warehouse):
    """Twelve undated reports of one story share their heaviest words: fewer documents than
    `small_key_size` hold each, so every pair is scored (66), not only the six next in order
    (51), and the clustering's average counts no pair as never compared."""
    for number in range(12):
        warehouse.document(f"Report {number}", f"Outlet {number}", published=None)
    warehouse.build()
    assert warehouse.rows("select count(*) from int_story_similarities") == [(66,)]
    assert warehouse.rows("select count(distinct incident_id) from documents") == [(1,)]


def _invented_word(number: int) -> str:
    """A word no English list holds, so every such word weighs the same: letters only (a
    digit would split it)."""
    letters = ""
    while True:
        number, digit = divmod(number, 26)
        letters += chr(ord("a") + digit)
        if not number:
            return "zq" + letters


def test_a_word_much_of_the_corpus_holds_weighs_less_than_a_word_two_reports_hold(warehouse):
    """Forty reports share one word, two others another, each with two words of its own: as
    rare in English, the shared words would make both pairs alike by one third; but a word
    that so much of the corpus holds tells its stories apart less, so the forty's pairs are
    less alike than the two."""
    common, rare = _invented_word(1000), _invented_word(1001)
    for number in range(42):
        shared = common if number < 40 else rare
        own = f"{_invented_word(2 * number)} {_invented_word(2 * number + 1)}"
        warehouse.document(f"Report {number}", published=None, story=f"{own} {shared}")
    warehouse.build()
    by_shared_word = dict(warehouse.rows(
        "select list_contains(story_terms, ?), max(similarity) "
        "from int_story_similarities as pairs "
        "inner join stg_documents on stg_documents.doc_id = pairs.left_doc_id "
        "group by all", rare,
    ))
    assert by_shared_word[True] == pytest.approx(1 / 3, abs=1e-3)
    assert by_shared_word[False] < 0.25


def test_unrelated_stories_of_one_day_are_different_incidents(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B", story=FLOOD)
    warehouse.build()
    assert warehouse.incident_of(a) != warehouse.incident_of(b)


def test_one_story_in_regions_that_share_none_is_two_incidents_until_a_bridge(warehouse):
    a = warehouse.document("Report one", "Outlet A", regions=["AAA/01"])
    b = warehouse.document("Report two", "Outlet B", regions=["AAA/02"])
    warehouse.build()
    assert warehouse.incident_of(a) != warehouse.incident_of(b)

    d = warehouse.document("Report four", "Outlet D", regions=["AAA/02", "AAA/01"], run_id="r2")
    warehouse.build()
    assert len({warehouse.incident_of(doc) for doc in (a, b, d)}) == 1


def test_a_region_in_a_country_no_claim_involves_is_not_the_story_place(warehouse):
    # "Date" and "More" name cities abroad; a lead saying them does not place the story there.
    a = warehouse.document("Report one", "Outlet A", regions=["AAA/01"])
    b = warehouse.document("Report two", "Outlet B", regions=["AAA/01", "BBB/02"])
    c = warehouse.document("Report three", "Outlet C", regions=["BBB/02", "AAA/02"])
    for doc in (a, b, c):
        warehouse.casualty(doc, 3, 3, side="AAA")
    warehouse.build()
    assert warehouse.incident_of(a) == warehouse.incident_of(b) != warehouse.incident_of(c)
    [(regions,)] = warehouse.rows("select regions from int_document_anchors where doc_id = ?", b)
    assert regions == ["AAA/01"]


def test_other_days_are_other_incidents(warehouse):
    a = warehouse.document("Report one", "Outlet A", regions=["AAA/01"])
    b = warehouse.document("Report two", "Outlet B", DAY + timedelta(days=3), regions=["AAA/01"])
    warehouse.build()
    assert warehouse.incident_of(a) != warehouse.incident_of(b)


def test_a_report_days_later_about_that_day_alone_joins_its_story(warehouse):
    """Published three days on, all of whose events happened on the story's day ("Sunday's
    strike"): it joins. One that also reports that day's own events (a war's daily roundup,
    naming Sunday's strike among them) stays on its own day."""
    story = warehouse.document("Report one", "Outlet A", regions=["AAA/01"])
    warehouse.event(story, DAY, DAY + timedelta(hours=1))
    follow_up = warehouse.document(
        "Report two", "Outlet B", DAY + timedelta(days=3), regions=["AAA/01"]
    )
    warehouse.event(follow_up, DAY, DAY + timedelta(hours=1))
    roundup = warehouse.document(
        "Report three", "Outlet C", DAY + timedelta(days=3), regions=["AAA/01"],
        story=FLOOD,
    )
    warehouse.event(roundup, DAY, DAY + timedelta(hours=1))
    warehouse.event(roundup, DAY + timedelta(days=3), DAY + timedelta(days=3, hours=1))
    warehouse.build()
    assert warehouse.incident_of(follow_up) == warehouse.incident_of(story)
    assert warehouse.rows(
        "select story_start from int_document_anchors where doc_id = ?", roundup
    ) == [((DAY + timedelta(days=3)).replace(tzinfo=None),)]


def test_incident_ids_are_stable_when_membership_stays_and_when_later_documents_join(warehouse):
    a = warehouse.document("Report one", "Outlet A", regions=["AAA/01"])
    warehouse.build()
    first = warehouse.incident_of(a)
    warehouse.build()
    assert warehouse.incident_of(a) == first
    b = warehouse.document("Report two", "Outlet B", regions=["AAA/01"], run_id="r2")
    warehouse.build()
    assert warehouse.incident_of(a) == warehouse.incident_of(b) == first


def test_a_document_dated_to_the_year_joins_the_incident_sharing_its_countries(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B", datetime(2024, 1, 1, tzinfo=UTC), "year")
    for doc in (a, b):
        warehouse.casualty(doc, 3, 3, side="FRA", speaker="ministry", speaker_country="DEU")
    warehouse.build()
    assert warehouse.incident_of(a) == warehouse.incident_of(b)
    [(label,)] = warehouse.rows("select label from incidents where not is_background")
    assert label.startswith("reports of 2024-03-05")


def test_background_claims_belong_to_their_story_not_to_their_year_alone(warehouse):
    """Two reports of one story recall the same earlier war: one background incident, whose
    figures corroborate. A report of another story recalls another event of that year: its
    own background incident, never set against the first."""
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    c = warehouse.document("Report three", "Outlet C", DAY + timedelta(days=40))
    warehouse.casualty(a, 6501, None, "more_than", background_year=2020)
    warehouse.casualty(b, 1000, None, "vague", background_year=2020)
    warehouse.casualty(c, 600, 600, background_year=2020)
    warehouse.build()
    assert warehouse.incident_of(a) == warehouse.incident_of(b) != warehouse.incident_of(c)
    assert warehouse.rows(
        "select n_documents, status, value_low from source_agreement "
        "join incidents using (incident_id) where is_background order by n_documents"
    ) == [(1, "single_source", 600), (2, "corroborated", 6501)]
    labels = warehouse.rows("select label from incidents where is_background order by label")
    assert [label.split(" (")[0] for (label,) in labels] == [
        "background: 2020, behind reports of 2024-03-05",
        "background: 2020, behind reports of 2024-04-14",
    ]


def test_near_copies_from_two_outlets_are_one_independent_source(warehouse):
    a = warehouse.document(WIRE, "Outlet A")
    b = warehouse.document(WIRE.replace("on Tuesday", "on Tuesday morning"), "Outlet B")
    c = warehouse.document("An outlet's own count of the dead.", "Outlet C")
    for doc in (a, b, c):
        warehouse.casualty(doc, 12, 12)
    warehouse.build()
    assert warehouse.rows(
        "select count(distinct source_group) from documents where doc_id in (?, ?)", a, b
    ) == [(1,)]
    assert warehouse.rows("select near_duplicates from documents where doc_id = ?", a) == [([b],)]
    assert warehouse.facts() == [(None, 12, 12, 3, 2, "corroborated")]


def test_outlets_repeating_one_quoted_statement_count_once(warehouse):
    quote = "twelve people were killed in the shelling of the market"
    a = warehouse.document(f'The ministry said: "{quote}".', "Outlet A")
    b = warehouse.document(f'"{quote}," the ministry said on Tuesday.', "Outlet B")
    for doc in (a, b):
        warehouse.casualty(doc, 12, 12, speaker="ministry", speaker_country="FRA")
        warehouse.statement(doc, "ministry", "assert", "FRA", content=quote)
    warehouse.build()
    assert warehouse.rows(
        "select n_documents, n_independent, status, rests_on_one_party, speaker_countries "
        "from source_agreement"
    ) == [(2, 1, "single_source", True, ["FRA"])]


def test_three_outlets_citing_one_government_rest_on_one_party(warehouse):
    docs = [warehouse.document(f"Report {n}", f"Outlet {n}") for n in "ABC"]
    for doc in docs:
        warehouse.casualty(doc, 49, 49, side="FRA", speaker="the government", speaker_country="FRA")
    warehouse.casualty(docs[0], 49, 49, side="FRA")  # and one outlet's own finding
    warehouse.build()
    assert warehouse.rows("select n_independent, n_parties, rests_on_one_party "
                          "from source_agreement") == [(3, 2, False)]


def test_contradictions_show_the_reports_that_cannot_both_hold(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    c = warehouse.document("Report three", "Outlet C")
    warehouse.casualty(a, 12, 12, speaker="the army", speaker_country="FRA")
    warehouse.casualty(b, 20, 25, "range")
    warehouse.casualty(c, 10, None, "vague")
    warehouse.build()
    assert warehouse.rows(
        "select lower_count_low, lower_doc_id, lower_speaker, higher_count_low, higher_count_high,"
        " higher_doc_id from contradictions"
    ) == [(12, a, "the army", 20, 25, b)]
    assert warehouse.rows("select reported_values from source_agreement") == [
        (["12", "20-25", "at least 10 (vague)"],)
    ]


def test_about_allows_ten_percent_either_way(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    warehouse.casualty(a, 30000, 30000, "about")
    warehouse.casualty(b, 31000, 31000)
    warehouse.build()
    assert warehouse.facts() == [(None, 31000, 31000, 2, 2, "corroborated")]


def test_victim_classes_are_separate_facts(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    warehouse.casualty(a, 3, 3, victim="soldiers")
    warehouse.casualty(a, 7, 7, victim="civilians")
    warehouse.casualty(a, 10, 10, victim="people")
    warehouse.build()
    assert warehouse.rows(
        "select victim_class, value_low, status from source_agreement order by victim_class"
    ) == [("all", 10, "single_source"), ("civilian", 7, "single_source"),
          ("military", 3, "single_source")]


def test_event_times_agree_on_their_intersection(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    six = datetime(2024, 3, 5, 6, tzinfo=UTC)
    warehouse.event(a, six, six + timedelta(seconds=59), "ceasefire", precision="minute")
    warehouse.event(b, datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 12, 31, tzinfo=UTC),
                    "ceasefire", precision="year")
    warehouse.build()
    assert warehouse.rows(
        "select at_start, n_documents, status from source_agreement where kind = 'event'"
    ) == [(six, 2, "corroborated")]


def test_a_report_dated_to_its_year_never_joins_two_happenings(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    c = warehouse.document("Report three", "Outlet C")
    monday, friday = datetime(2024, 3, 4, tzinfo=UTC), datetime(2024, 3, 8, tzinfo=UTC)
    warehouse.event(a, monday, monday + timedelta(hours=1), precision="hour")
    warehouse.event(b, monday, monday + timedelta(hours=1), precision="hour")
    warehouse.event(b, friday, friday + timedelta(hours=1), precision="hour")
    warehouse.event(c, datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 12, 31, tzinfo=UTC),
                    precision="year")  # "on Tuesday", read in a document dated to 2024 only
    warehouse.build()
    assert warehouse.rows(
        "select at_start, n_documents from source_agreement where kind = 'event' order by 1"
    ) == [(monday, 3), (friday, 1)]


def test_accounts_count_the_sources_of_each_sides_accusations(warehouse):
    a = warehouse.document("Report one", "Outlet A")
    b = warehouse.document("Report two", "Outlet B")
    c = warehouse.document("Report three", "Outlet B")
    for doc in (a, b, c):
        warehouse.statement(doc, "the ministry", "accuse", "FRA", "DEU")
    warehouse.statement(a, "the other ministry", "deny", "DEU", "FRA")
    warehouse.build()
    assert warehouse.rows(
        "select side, stance, target_country, n_documents, n_independent from accounts "
        "order by side"
    ) == [("DEU", "deny", "FRA", 1, 1), ("FRA", "accuse", "DEU", 3, 2)]


def test_victim_classes_follow_the_lexicon():
    with open(model_runner.SQL_DIR.parent / "extract" / "lexicon" / "victim_nouns.csv",
              encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        lexicon = {(row["victim"], row["kind"]) for row in rows if row["kind"] != "person"}
    warehouse = Warehouse()
    warehouse.build()
    assert set(warehouse.rows("select victim, victim_class from int_victim_classes")) == lexicon
