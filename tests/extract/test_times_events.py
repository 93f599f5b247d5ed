"""Event claims: the happening bound to each anchored time, its type, place and reference."""

from __future__ import annotations

import pytest

from corroborate.extract.records import claim_id
from corroborate.extract.sentences import split_sentences
from corroborate.extract.times import find_events, tag_time_expressions
from tests.extract.times_helpers import publication, utc


def events(text: str, dct: str = "2022-09-13"):
    sentences = split_sentences(text)
    pub = publication(dct)
    return find_events("doc", text, sentences,
                       tag_time_expressions("doc", text, sentences, pub), pub)


@pytest.mark.parametrize(
    ("sentence", "event_type"),
    [
        ("At 0005 GMT on Tuesday, troops launched intensive shelling of the town.", "attack"),
        ("A ceasefire took effect from 06:00 GMT on Tuesday.", "ceasefire"),
        ("The two presidents met Aug. 31 in Vienna.", "meeting"),
        ("The leaders spoke by phone on Monday.", "consult"),
        ("The government on Monday appealed to its allies for help.", "appeal"),
        ("The war was halted in November 2020.", "ceasefire"),
        ("Attacks were still ongoing as of 0800 GMT, despite the claim of a ceasefire.", "attack"),
        ("Floods swept through the valley on Monday after days of rain.", "flood"),
        ("A magnitude 6.1 earthquake struck the region at 03:12 GMT on Monday.", "earthquake"),
        ("The typhoon made landfall on Sunday evening.", "storm"),
        ("A blaze broke out in the textile factory early on Friday.", "fire"),
        ("A landslide buried part of the village on Saturday.", "collapse"),
        ("Health officials declared a cholera epidemic in March.", "epidemic"),
        ("The Soviet Union fell in 1991, and the ensuing conflict claimed 30,000 lives.",
         "attack"),
        # A verb used of natural forces as of armies names the disaster its clause opens with.
        ("Heavy flooding in the eastern districts struck late on Monday.", "flood"),
        ("Gunmen struck a police post near the border on Monday.", "attack"),
        # "ended", "withdrew": a ceasefire only in a sentence about fighting.
        ("The fighting ended in November 2020.", "ceasefire"),
        ("The regime forces withdrew from the village on Friday.", "ceasefire"),
        ("The season ended on May 3.", "other"),
        ("The club withdrew its contract offer on Sunday night.", "other"),
        # "fired", "advanced", "struck", "fight": an attack only in a document about fighting.
        ("The Sixers fired Jim O'Brien on Monday.", "other"),
        ("The team advanced to the semifinal on Friday evening.", "other"),
        ("Artino struck again on Saturday.", "other"),
        ("The young team fought hard to defeat the Chiefs on Sunday.", "other"),
        ("He took a leave of absence on Monday to battle leukemia.", "other"),
        ("The writers' strike ended in February 2008.", "other"),
        ("Soldiers fired on the crowd on Monday.", "attack"),
        ("Russian strikes kill 34 civilians in Deir Ezzor on Sunday.", "attack"),
        # A phone is a device; a call is a consultation. A host of a show meets no one.
        ("The new phones reach the shops on Monday.", "other"),
        ("The two leaders phoned on Monday.", "consult"),
        ("He spoke of it in phone conversations with his allies on Monday.", "consult"),
        ("She hosted the Academy Awards in 2007.", "other"),
        # A blazer is a jacket, or a Portland basketball player.
        ("He was hired on March 2 as coach of the Trail Blazers.", "other"),
        # An idiom that holds an attack's word names no attack.
        ("The trade war would cost billions of dollars by 2019.", "other"),
        ("He died of a heart attack on Monday.", "other"),
        ("She had a conflict of interest in her legal role on Monday.", "other"),
        ("The candidates campaigned in battleground states on Monday.", "other"),
        ("The company paid the money into shell companies in 2015.", "other"),
        ("Troops fought on. Later, in 1954, he struck oil in Mississippi.", "other"),
        # An attack in words: a word of speech and none of fighting.
        ("She attacked her opponent as a fraud during the debate on Monday.", "other"),
        ("In a speech on Monday, he attacked the ideology of his rivals.", "other"),
        ("In a speech on Monday, he vowed to attack the rebels.", "attack"),
        ("A man attacked a protester at the rally on Monday.", "attack"),
        ("The attack on the convoy killed 12 people on Monday.", "attack"),
        ("Veterans were killing themselves at a quickening pace in 2014.", "other"),
        ("A federal appeals court ruled on Friday.", "other"),
        ("The issue has taken on new urgency this week.", "other"),
    ],
)
def test_event_type(sentence: str, event_type: str) -> None:
    [claim] = events(sentence)
    assert claim["event_type"] == event_type


def test_a_word_of_fighting_keeps_its_sense_through_a_war_story() -> None:
    text = ("Rebels and the army have held the city's two halves for a year. "
            "The offensive on the city began on Sunday, and raids hit the old town on Monday.")
    assert [claim["event_type"] for claim in events(text)] == ["attack", "attack"]


def test_claim_fields_and_contract() -> None:
    text = "The two presidents met Aug. 31 in Vienna."
    [claim] = events(text)
    assert claim["evidence"] == text[claim["char_start"] : claim["char_end"]]
    assert claim["occurred_start"] == utc("2022-08-31T00:00:00")
    assert claim["occurred_start"] <= claim["occurred_end"]
    assert (claim["place"], claim["place_country"]) == ("Vienna", "AUT")
    assert (claim["speaker"], claim["speaker_country"]) == (None, None)
    assert claim["claim_id"] == claim_id("doc", "event", claim["char_start"], claim["char_end"],
                                         "meeting", claim["occurred_start"])
    assert claim["time_reference"] == "main"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # A province is more exact than a country named nearer the trigger.
        ("Airstrikes in Helmand killed 12 on Monday, the Afghan ministry said.",
         ("Helmand", "AFG")),
        # A city is more exact than its province, wherever each stands.
        ("In Borno, gunmen attacked a market in Maiduguri on Monday.", ("Maiduguri", "NGA")),
    ],
)
def test_a_happening_is_placed_in_its_most_exact_place(
    text: str, place: tuple[str, str]
) -> None:
    [claim] = events(text)
    assert (claim["place"], claim["place_country"]) == place


def test_background_event() -> None:
    [claim] = events("The war was halted in November 2020.")
    assert (claim["time_reference"], claim["reference_year"]) == ("background", 2020)


def test_unanchored_and_durations_make_no_claims() -> None:
    assert events("The war lasted six weeks and is now over.") == []


def test_date_line_is_not_a_happening() -> None:
    assert events("September 13, 2022\nTroops attacked on Monday.")[0]["time_text"] == "Monday"


@pytest.mark.parametrize(
    "stamp",
    ["Posted: 09 / 13 / 2022 11:10 am EDT", "9 / 13 / 22 05:40 PM ET",
     "Originally published 09 / 13 / 2022 10:20 AM EDT"],
)
def test_a_time_stamp_line_is_not_a_happening(stamp: str) -> None:
    # A web page's stamp, however long: nothing but dates, clock times, zones and their cues.
    assert [claim["time_text"] for claim in events(f"{stamp}\nTroops attacked on Monday.")] == [
        "Monday"
    ]


def test_a_time_in_what_a_speaker_alleges_dates_the_alleged_act() -> None:
    [alleged] = events(
        'The ministry accused rebel forces of carrying out "subversive acts" earlier on Monday '
        "night near the border."
    )
    assert (alleged["event_type"], alleged["time_text"]) == ("other", "Monday night")
    assert alleged["evidence"].startswith("of carrying out")
    [shelling] = events("The ministry accused rebel forces of shelling the town on Monday.")
    assert shelling["event_type"] == "attack"


def test_a_statement_is_dated_when_it_was_said() -> None:
    for text in ("Turkey stands by its ally, the foreign minister said Tuesday.",
                 "The situation has stabilized, the ministry said in a statement on Tuesday."):
        [claim] = events(text)
        assert (claim["event_type"], claim["time_text"]) == ("statement", "Tuesday")


def test_a_trigger_in_a_far_clause_does_not_name_the_happening() -> None:
    [claim] = events(
        "During the fighting, the army took control of part of the region, which is mostly "
        "populated by farmers but recognized as part of the country, and regained seven "
        "districts that rebel troops had occupied since the early 1990s."
    )
    assert claim["event_type"] == "other"


def test_a_result_clause_reports_what_the_happening_before_it_did() -> None:
    """", killing 9" is nearer the time than the truck bomb, but it is the bomb's outcome."""
    [claim] = events("A truck bomb went off outside the ministry in the capital on Sunday, "
                     "killing 9 guards and wounding 20.")
    assert claim["event_type"] == "attack"
    assert claim["summary"].startswith("A truck bomb went off outside the ministry")
