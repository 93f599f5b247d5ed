"""Each cleaning rule on a tiny example of the furniture it removes, and what it must keep."""

from __future__ import annotations

from corroborate.ingest.boilerplate import read_sections
from corroborate.ingest.cleaning import (
    clean_text,
    drop_boilerplate_lines,
    drop_image_credits,
    drop_repeated_headline,
    join_broken_paragraphs,
    normalise_characters,
    remove_markup,
    split_lines,
    unwrap_lines,
)

STORY = "Troops withdrew from the border on Monday, the ministry said."


def test_remove_markup_strips_scripts_comments_tags_and_decodes_entities() -> None:
    text = (
        '<script async src="https://example.org/tag.js"></script><!-- ad slot -->'
        "<p>Troops <b>withdrew</b> on Monday.</p><p>Talks &amp; truce&#8217;s terms.</p>"
    )
    assert (
        " ".join(remove_markup(text).split()) == "Troops withdrew on Monday. Talks & truce’s terms."
    )
    assert remove_markup("<p>One.</p><p>Two.</p>").strip().splitlines() == ["One.", "", "Two."]


def test_remove_markup_leaves_text_that_only_looks_like_markup() -> None:
    text = "Casualties rose from <10 to >40; see R&D and AT&T, a&b;c."
    assert remove_markup(text) == text


def test_normalise_characters() -> None:
    text = "Cafe\u0301\u00a0and\ttea\u200b\r\nnext\rline\u2028end\ufeff"
    assert normalise_characters(text) == "Café and tea\nnext\nline\nend"


def test_split_lines_tidies_spaces() -> None:
    assert split_lines("  Troops   withdrew  \n\n   \nTalks ") == [
        "Troops withdrew",
        "",
        "",
        "Talks",
    ]


def test_drop_boilerplate_lines() -> None:
    furniture = [
        "!-- Google tag (gtag.js) -->",
        "<!-- End Google Tag Manager -->",
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>',
        "<div class='ad'>",
        "window.dataLayer = window.dataLayer || [];",
        "function gtag(){dataLayer.push(arguments);}",
        "});",
        "Related article: Russia Seeks Aid in New Escalation",
        "Read more: Earlier clashes on the border",
        "ALSO READ | Truce talks stall",
        "Related",
        "Advertisement",
        "Share this article",
        "Facebook Twitter WhatsApp Email",
        "Copyright © 2022 Example News",
    ]
    kept = [
        STORY,
        "Related violence killed three people in the north.",
        "Recommended doses were exceeded, doctors said.",
        "Read the full statement below.",
        "",
    ]
    assert drop_boilerplate_lines(furniture + kept) == kept


def test_drop_image_credits_with_their_captions() -> None:
    lines = [
        "Truce Holds on Border",
        "",
        "An army flag flies next to the bridge at the border",  # caption: no final period
        "IMAGE SOURCE: GETTY IMAGES",
        "",
        "Region Map",
        "Region Map Wikimedia Commons",  # caption repeated with its credit
        "",
        "Soldiers at a checkpoint / AFP",
        "",
        STORY,
        "Photo: Reuters",  # a sentence above a credit is not a caption
    ]
    assert drop_image_credits(lines) == ["Truce Holds on Border", "", "", "", "", STORY]


def test_a_headline_ending_in_an_agency_name_is_no_credit() -> None:
    lines = ["Syria says jets struck rebel positions - Reuters", "", STORY]
    assert drop_image_credits(lines) == lines


def test_drop_repeated_headline() -> None:
    lines = ["Truce Holds", "", STORY, "", "September 13, 2022", "TRUCE HOLDS", "", "Truce Holds"]
    assert drop_repeated_headline(lines) == ["Truce Holds", "", STORY, "", "September 13, 2022", ""]
    titled = ["Monday, 13:00", "Truce Holds", "", STORY, "Truce Holds"]
    assert drop_repeated_headline(titled, "Truce Holds") == titled[:-1]


def test_unwrap_joins_hard_wrapped_lines_and_keeps_headings() -> None:
    lines = [
        "Armenia and Azerbaijan on Tuesday reached a ceasefire, ending hostilities",
        "that erupted earlier in the day along their border, the defence ministry",
        "said. The situation has relatively stabilised, according to Security Council",
        "Secretary Armen Grigoryan.",
        "",
        "Appeals to Moscow",
        "",
        "Armenia appealed to Russia for military support under the Collective",
        "Security Treaty Organization pact, which obliges Moscow to protect it in the",
        "event of an invasion.",
        '"We appeal to the Russian Federation," the secretary said.',
    ]
    assert unwrap_lines(lines) == [
        "Armenia and Azerbaijan on Tuesday reached a ceasefire, ending hostilities that erupted"
        " earlier in the day along their border, the defence ministry said. The situation has"
        " relatively stabilised, according to Security Council Secretary Armen Grigoryan.",
        "Appeals to Moscow",
        "Armenia appealed to Russia for military support under the Collective Security Treaty"
        " Organization pact, which obliges Moscow to protect it in the event of an invasion.",
        '"We appeal to the Russian Federation," the secretary said.',
    ]


def test_unwrap_keeps_lines_that_are_paragraphs() -> None:
    lines = [
        "Ministry of Defence",
        STORY * 3,
        "Kremlin Statement",
        STORY * 2,
        "The talks in the Russia-",
        "brokered format continue.",
    ]
    assert unwrap_lines(lines) == [
        *lines[:4],
        "The talks in the Russia-brokered format continue.",
    ]


def test_join_broken_paragraphs_across_stray_blank_lines() -> None:
    paragraphs = [
        "Talks Resume",
        "The ministry called on all",
        "parties to respect the deal.",
        "Next.",
    ]
    assert join_broken_paragraphs(paragraphs) == [
        "Talks Resume",
        "The ministry called on all parties to respect the deal.",
        "Next.",
    ]


def test_clean_text_gives_blank_line_separated_paragraphs() -> None:
    text = "  Truce Holds \n\n\n\n" + STORY + "\n\n\n" + STORY + "  \n"
    assert clean_text(text) == f"Truce Holds\n\n{STORY}\n\n{STORY}"


def test_clean_text_is_the_same_for_the_same_article_in_other_whitespace() -> None:
    plain = f"Truce Holds\n\n{STORY}\n\nTalks resumed on Tuesday."
    noisy = "\ufeff" + plain.replace("\n", "\r\n").replace(" ", "\u00a0", 2) + "\t \r\n\r\n"
    single_spaced = plain.replace("\n\n", "\n")
    assert clean_text(plain) == clean_text(noisy) == clean_text(single_spaced)


def test_clean_text_of_only_furniture_is_empty() -> None:
    assert clean_text("Read more: Earlier clashes\n\nIMAGE SOURCE: GETTY IMAGES\n") == ""


def test_boilerplate_file_has_every_section() -> None:
    sections = read_sections()
    assert set(sections) == {"cut", "line_break", "drop_line", "credit_line", "credit_source"}
    assert all(sections.values())
