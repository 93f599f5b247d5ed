from corroborate.extract.document import extract_document
from corroborate.extract.statements import stance_of


def test_stance_cues():
    assert stance_of("The ministry accused enemy forces of shelling villages.") == "accuse"
    assert stance_of("It called the claims nonsense.") == "deny"
    assert stance_of("The officer in charge of the unit said it was calm.") == "assert"
    assert stance_of("Responsibility for the provocation lies with them, it said.") == "accuse"


def test_only_accusations_and_denials_have_a_target():
    text = (
        "France's defence ministry said German troops had shelled the border posts. "
        "The French defence ministry said it accused Germany of violating the truce."
    )
    facts, extraction = extract_document("0" * 16, text)
    stances = {(s["stance"], s["target_country"]) for s in extraction.statements}
    assert ("accuse", "DEU") in stances
    assert all(target is None for stance, target in stances if stance == "assert")
    assert len(facts["minhash"]) == 64 and facts["lead_regions"] == []


def test_the_target_is_named_in_what_the_speaker_said():
    text = (
        "In a call with the Kenyan president, the Ugandan foreign ministry said Sudan was "
        "responsible for the clashes."
    )
    _, extraction = extract_document("0" * 16, text)
    [statement] = extraction.statements
    assert (statement["stance"], statement["target_country"]) == ("accuse", "SDN")


def _stances(text: str) -> list[tuple[str | None, str, str | None]]:
    _, extraction = extract_document("0" * 16, text)
    return [(s["speaker"], s["stance"], s["target_country"]) for s in extraction.statements]


def test_new_stance_cues_and_their_precedence():
    assert stance_of("The militia claimed responsibility for the ambush, denying it was paid.") \
        == "claim_responsibility"
    assert stance_of("The council condemned the raid.") == "condemn"
    assert stance_of("The council condemned the raid and accused the army of lying.") == "accuse"
    assert stance_of("The hospital confirmed that four patients had died.") == "confirm"


def test_a_condemnation_accuses_no_one_of_the_act_it_condemns():
    assert _stances("The Peruvian embassy condemned the bombing in Chile, the ambassador said.") \
        == [("Peruvian embassy", "condemn", None), ("ambassador", "condemn", None)]


def test_a_claim_of_responsibility_has_no_target():
    assert _stances("The rebels claimed responsibility for the attack in Bolivia.") == [
        ("rebels", "claim_responsibility", None)
    ]


def test_an_act_of_force_another_country_did_is_an_accusation():
    said = "Prime Minister Rosa Quispe said Chilean troops attacked the border post overnight."
    closing = "Chilean troops shelled the village overnight, the Peruvian defense ministry said."
    assert _stances(said) == [("Rosa Quispe", "accuse", "CHL")]
    assert _stances(closing) == [("Peruvian defense ministry", "accuse", "CHL")]


def test_no_accusation_from_a_negated_act_or_one_outside_what_is_said():
    negated = "The Peruvian ministry said Chilean forces never attacked the base."
    outside = "Chile shelled the bridge and the Peruvian ministry has said troops have died."
    assert _stances(negated) == [("Peruvian ministry", "assert", None)]
    assert _stances(outside) == [("Peruvian ministry", "assert", None)]


def _spans(text: str) -> list[tuple[str, str, str, bool]]:
    _, extraction = extract_document("0" * 16, text)
    return [
        (
            text[s["source_start"] : s["source_end"]],
            text[s["cue_start"] : s["cue_end"]],
            s["content"],
            s["is_quote"],
        )
        for s in extraction.statements
    ]


def test_source_cue_and_content_spans():
    assert _spans("The mayor said that the water was rising.") == [
        ("mayor", "said", "the water was rising", False)
    ]
    assert _spans("“The fire is contained,” said the fire chief.") == [
        ("fire chief", "said", "The fire is contained,", True)
    ]
    assert _spans("Troops crossed the river overnight, according to the regional governor.") == [
        ("regional governor", "according to", "Troops crossed the river overnight", False)
    ]
    assert _spans("The river rose, the army said in a statement on Tuesday.") == [
        ("army", "said", "The river rose", False)
    ]


def test_a_quoted_phrase_inside_a_clause_is_no_quote_of_the_speaker():
    [(_, _, content, is_quote)] = _spans(
        'The army said enemy units tried to "break through the lines" at dawn.'
    )
    assert (content, is_quote) == ('enemy units tried to "break through the lines" at dawn', False)
