from extract.document import extract_document
from extract.statements import stance_of


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
