"""One claim per figure: the same figure read twice in a document (a headline repeated in its
body, "at least one" and "one" of the same soldiers) is one claim.
"""

from __future__ import annotations

from corroborate.extract.casualties.grammar import victim_kind
from corroborate.extract.records import CasualtyClaim

_QUALIFIER_RANK = ("exact", "at_least", "about", "range", "more_than", "up_to", "vague")


def merged(claims: list[tuple[CasualtyClaim, int | None]]) -> list[CasualtyClaim]:
    """One claim per figure: the same outcome and stated number at the same time, unless one
    counts soldiers and the other civilians (a headline repeated in the body, "at least one"
    and "one" of the same soldiers), are one claim; the reading with a side and an exact count
    wins."""
    kept: list[tuple[CasualtyClaim, int | None]] = []
    for claim, stated in claims:
        twin = next((i for i, (k, s) in enumerate(kept) if _same_figure(k, s, claim, stated)), None)
        if twin is None:
            kept.append((claim, stated))
        elif _preference(claim) > _preference(kept[twin][0]):
            kept[twin] = (claim, stated)
    return [claim for claim, _ in kept]


def _same_figure(
    a: CasualtyClaim, a_stated: int | None, b: CasualtyClaim, b_stated: int | None
) -> bool:
    if a["outcome"] != b["outcome"] or a["time_reference"] != b["time_reference"]:
        return False
    if a["part_of"] != b["part_of"]:
        return False  # "five killed" and "five of the dead were children" are two figures
    if a["side"] and b["side"] and a["side"] != b["side"]:
        return False
    if {victim_kind(a["victim"]), victim_kind(b["victim"])} == {"military", "civilian"}:
        return False  # "two soldiers and two civilians"; "others" may be either
    if a_stated is None or b_stated is None:
        return a_stated is b_stated and a["victim"] == b["victim"] and a["side"] == b["side"]
    return a_stated == b_stated


def _preference(claim: CasualtyClaim) -> tuple[bool, int, bool]:
    """Of two readings of one figure keep the one with a side, then the most literal count."""
    rank = _QUALIFIER_RANK.index(claim["qualifier"]) if claim["qualifier"] in _QUALIFIER_RANK else 9
    return (claim["side"] is not None, -rank, claim["speaker"] is not None)
