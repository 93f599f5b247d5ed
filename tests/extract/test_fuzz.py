"""A slice of `make fuzz`: 2,000 generated inputs, none of which may crash the engine, store a
value off the calendar or a count that is not a whole number, or quote a span wrongly."""

from __future__ import annotations

from corroborate.bench import fuzz


def test_two_thousand_generated_inputs_break_nothing():
    report = fuzz.run(2000, seed=14, workers=1)
    assert report.inputs == 2000 and report.records > 5000
    assert dict(report.crashes) == {}
    assert report.invalid == []
    assert report.mismatches == []
    assert report.timeouts == []


def test_inputs_are_reproducible_and_cover_every_shape():
    assert fuzz.generated(14, 123) == fuzz.generated(14, 123)
    shapes = {fuzz.generated(14, index)[2] for index in range(200)}
    assert shapes == {"unicode", "mutated", "numbers", "spliced"}


def test_a_crash_is_reported_with_its_place(monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("year -978 is out of range")

    monkeypatch.setattr(fuzz, "extract_document", broken)
    report = fuzz.fuzz_slice(14, range(3))
    [(place, count)] = report.crashes.items()
    assert count == 3 and place.startswith("ValueError at test_fuzz.py:")
