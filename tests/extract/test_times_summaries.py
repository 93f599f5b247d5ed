"""Timeline summaries say who did what to whom, where: the happening's clause, without its times,
its attribution or the clauses around it, on sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.extract.test_times_events import events


def _summaries(text: str) -> list[tuple[str, str]]:
    return [(claim["event_type"], claim["summary"]) for claim in events(text)]


@pytest.mark.parametrize(
    ("sentence", "summary"),
    [
        # The actor, the act, its target and place; the time and the attribution left out.
        ("Rebel forces shelled army positions near Mosul on Monday night, the ministry said.",
         "Rebel forces shelled army positions near Mosul"),
        # A result clause says to whom: "Tuesday, killing" was all the old summary said.
        ("Government jets bombed the market in Sirte on Tuesday, killing 12 civilians.",
         "Government jets bombed the market in Sirte, killing 12 civilians"),
        # What the speaker said happened, not "Tuesday said it negotiated".
        ("Norway on Tuesday said it negotiated a truce between the two rivals after a week "
         "of clashes.", "Norway said it negotiated a truce between the two rivals"),
        # A relative clause between subject and verb is left out; its subject stays.
        ("The three-week war, which left hundreds dead, ended in March in a deal brokered "
         "by Qatar.", "The three-week war ended in a deal brokered by Qatar"),
        # A time in the possessive stays, wherever the trigger is (cut, it left "from 's").
        ("The toll from Friday's deadly flooding in the valley rose to 40, officials said.",
         "The toll from Friday's deadly flooding in the valley rose to 40"),
        # A time that names the happening stays with it ("this week's attacks").
        ("Analysts said this week's attacks on the port were the worst in years.",
         "Analysts said this week's attacks on the port were the worst in years"),
        # Introductory phrases and leading connectives go.
        ("However, on Sunday the two leaders met in Geneva as part of the talks.",
         "The two leaders met in Geneva as part of the talks"),
        # A time in a relative clause after the noun dates that clause, not the one around it.
        ("Britain urged all parties to respect the agreements that were reached in May 2021.",
         "The agreements that were reached"),
        # A subject before appositives (an age, a title, a relative clause after a comma)
        # stays with a verb that opens its clause: "Were killed in the shelling" said nothing
        # of who.
        ("Nearly 100 people, including 20 children, were killed in the shelling on Tuesday.",
         "Nearly 100 people were killed in the shelling"),
        ("Omar Haddad, 37, a local commander, was arrested at a checkpoint on Friday.",
         "Omar Haddad was arrested at a checkpoint"),
        ("On Monday, 12 people, who had fled the town, were killed in an air strike.",
         "12 people were killed in an air strike"),
        ("Police said the gunman, 45, was killed by officers on Friday.",
         "The gunman was killed by officers"),
        # So does a verb of saying, and a relative clause inside the appositive.
        ("The union, at odds with the studios, said on Wednesday that it would ask its "
         "members to strike.", "The union said that it would ask its members to strike"),
        ("Erin Walsh, a former aide who travelled with the delegation, said on Monday that the "
         "talks had failed.", "Erin Walsh said that the talks had failed"),
        # A speaker named after what was said comes first, as a subject: "Said Colonel Omar
        # Saleh" said nothing of what.
        ("“We will not retreat,” said Colonel Omar Saleh on Friday.",
         "Colonel Omar Saleh said “We will not retreat”"),
        # A quoted statement keeps what was said, its closing comma dropped.
        ("“We will not retreat,” the defence minister said on Friday.",
         "The defence minister said “We will not retreat”"),
    ],
)
def test_summary_says_who_did_what_to_whom_where(sentence: str, summary: str) -> None:
    assert [text for _, text in _summaries(sentence)] == [summary]


def test_a_report_of_the_act_is_not_part_of_it_but_a_toll_is() -> None:
    assert _summaries("Mortar attacks were first reported at 0300 GMT on Monday.") == [
        ("attack", "Mortar attacks")
    ]
    assert _summaries("Rebels seized the north in 1994, and the conflict claimed 8,000 lives.") == [
        ("attack", "The conflict claimed 8,000 lives")
    ]


def test_a_noun_list_before_the_trigger_is_one_phrase() -> None:
    assert _summaries("Rocket, drone, and mortar attacks hit the base at 0400 GMT on Monday.") == [
        ("attack", "Rocket, drone, and mortar attacks hit the base")
    ]


def test_the_place_of_the_happening_is_added_when_its_clause_lacks_it() -> None:
    text = ("In Mosul, residents said, troops opened fire on protesters on Saturday.")
    assert _summaries(text) == [("attack", "Troops opened fire on protesters in Mosul")]


def test_a_long_clause_is_cut_at_a_word_boundary_and_marked() -> None:
    text = ("The militia attacked the convoy of aid trucks carrying food and medicine for the "
            "displaced families of the northern districts and the villages beyond the river "
            "and the mountains on Monday.")
    (summary,) = [text for _, text in _summaries(text)]
    assert summary.endswith(" …") and len(summary.split()) <= 25
    assert summary.startswith("The militia attacked the convoy of aid trucks")


@pytest.mark.parametrize(
    ("sentence", "not_the_subject"),
    [
        # A list: A alone was not found dead.
        ("Sara Odeh, 58, and her son, 20, were found dead on Sunday.", "Sara Odeh"),
        # The relative clause tells of the noun right before it, not of the sentence's first.
        ("Karim Nader, head of Camp Nour, which was shelled on Monday, resigned.", "Karim Nader"),
        # A clause of its own opens the sentence ("after", "but", "that" open the next).
        ("Troops entered the town after rebels, most of them fighters, were killed on Monday.",
         "Troops"),
        ("Soldiers shelled the town, but the rebels, most of them fighters, were killed on "
         "Monday.", "Soldiers"),
        ("Analysts believe that the rebels, 40 of them, were killed on Monday.", "Analysts"),
        # A clause of one word says too little to take a subject: the sentence stands.
        ("Previously, the founder, a former colonel, died in 2006.", "Previously died"),
        # A clause that has its subject after a time opens with no verb.
        ("Sadly, next week the rebels leave the town.", "Sadly"),
        # A quotation opens with whatever its speaker said first.
        ("“Without any warning, our building, home to 40 families, was shelled on Monday,” a "
         "resident said.", "Without"),
    ],
)
def test_no_subject_is_taken_from_what_is_no_appositive(
    sentence: str, not_the_subject: str
) -> None:
    (summary,) = [text for _, text in _summaries(sentence)]
    assert not summary.startswith(not_the_subject)
