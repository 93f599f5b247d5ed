"""Fuzzing the extraction engine: `make fuzz` (100,000 inputs over two processes).

Generated inputs go through `extract_document` (no Prefect, no warehouse), each checked for
what must never happen: a crash (reported with the place in the engine that raised), a value
that is not real (a TimeML value off the calendar, a count that is not a whole number, a year
outside 1 to 9999), a span whose text is not its evidence, and a document over its time budget
(which the pipeline rejects as `extraction_timeout`). Counts beyond int64 are exact integers,
which the `casualty_claims` model quarantines; they are counted apart. The slowest inputs are
listed.

Input `i` is a function of the seed and `i` alone, so any failure is reproduced with
`python -m corroborate.bench.fuzz --show I`. Shapes: random unicode; sentences of the demo articles
mutated (digits, words and punctuation changed, huge and repeated numbers, impossible dates and
clocks spliced in); both under publication dates from none to the years 1 and 9999.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from corroborate.extract.budget import ExtractionTimeout
from corroborate.extract.document import extract_document, warm_up
from corroborate.extract.records import Publication
from corroborate.extract.sentences import split_sentences
from corroborate.extract.times.values import is_calendar_value

ROOT = Path(__file__).resolve().parents[1]
INT64_MAX = 2**63 - 1
BUDGET_SECONDS = 5.0
#: Phrases that broke the engine once, or sit at the edges of what it reads.
SPLICES = (
    "February 30, 2022", "2022-13-01", "2022-00-10", "32 March 2021", "June 31", "0001-01-01",
    "9999-12-31", "December 9999", "in the year 1", "3000 years ago", "123456789 days ago",
    "1,700 years ago", "(17:00 GMT+24)", "at 25:61 local time", "at 0005 (GMT -13)",
    "99999999999999999999 killed", "18446744073709551617 people were killed", "killing 0",
    "Tuesday, September 13th", "the 1990s", "Q5 2022", "week 54", "last year", "next year",
    "a year ago in November", "at least 9,223,372,036,854,775,808 dead", "1.5 billion displaced",
    "between 12 and 7 soldiers were wounded", "hundreds of thousands of millions",
)
SEPARATORS = (" ", ". ", ", ", "\n", "\n\n", " - ", "; ", "")
PUBLISHED = (None, (2022, 9, 13), (1, 1, 1), (9999, 12, 31), (1, 12, 31), (9999, 1, 1))


@cache
def seed_sentences() -> tuple[str, ...]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "articles").glob(
        "*.txt"))]
    return tuple(s.text for text in texts for s in split_sentences(text))


def generated(seed: int, index: int) -> tuple[str, Publication | None, str]:
    """Input `index`: its text, its metadata publication (or None) and the name of its shape."""
    rng = random.Random(f"{seed}:{index}")
    shape = rng.choice(("unicode", "mutated", "mutated", "mutated", "numbers", "spliced"))
    text = {"unicode": _unicode, "mutated": _mutated, "numbers": _numbers,
            "spliced": _spliced}[shape](rng)
    return text, _publication(rng), shape


def _publication(rng: random.Random) -> Publication | None:
    choice = rng.choice((*PUBLISHED, "random"))
    if choice is None:
        return None
    year, month, day = (rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28)) if (
        choice == "random") else choice
    return {"published_at": datetime(year, month, day, tzinfo=UTC),
            "published_precision": rng.choice(("day", "day", "month", "year")),
            "published_basis": "metadata"}


def _unicode(rng: random.Random) -> str:
    alphabet = rng.choice((
        "0123456789 .,:-/", "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,0123456789",
    ))
    if rng.random() < 0.4:
        return "".join(chr(rng.randint(1, 0x2FFFF)) for _ in range(rng.randint(0, 400)))
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 400)))


def _mutated(rng: random.Random) -> str:
    sentences = rng.sample(seed_sentences(), rng.randint(1, 6))
    text = rng.choice(SEPARATORS).join(sentences)
    for _ in range(rng.randint(1, 6)):
        text = rng.choice((_swap_digits, _splice, _drop, _repeat))(rng, text)
    return text


def _numbers(rng: random.Random) -> str:
    number = rng.choice(("9" * rng.randint(1, 40), str(rng.randint(0, 10**30)), "2022",
                         f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}"))
    words = (" killed", " people", " years ago", " dead", "", " soldiers were wounded")
    return rng.choice(SEPARATORS).join(number + rng.choice(words)
                                       for _ in range(rng.randint(1, 60)))


def _spliced(rng: random.Random) -> str:
    return rng.choice(SEPARATORS).join(rng.choice(SPLICES) for _ in range(rng.randint(1, 12)))


def _swap_digits(rng: random.Random, text: str) -> str:
    return "".join(rng.choice("0123456789") if c.isdigit() and rng.random() < 0.5 else c
                   for c in text)


def _splice(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    return f"{text[:at]} {rng.choice(SPLICES)} {text[at:]}"


def _drop(rng: random.Random, text: str) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at + rng.randint(1, 20):]


def _repeat(rng: random.Random, text: str) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at : at + rng.randint(1, 30)] * rng.randint(2, 30) + text[at:]


@dataclass
class Report:
    """What a slice of inputs showed."""

    inputs: int = 0
    records: int = 0
    crashes: Counter = field(default_factory=Counter)  # place -> count
    crash_examples: dict[str, int] = field(default_factory=dict)  # place -> first input
    invalid: list[tuple[int, str]] = field(default_factory=list)
    mismatches: list[tuple[int, str]] = field(default_factory=list)
    timeouts: list[int] = field(default_factory=list)
    beyond_int64: int = 0  # exact integers, which the `casualty_claims` model quarantines
    seconds: list[tuple[float, int, str, int]] = field(default_factory=list)  # slowest

    def merge(self, other: Report) -> None:
        self.inputs += other.inputs
        self.records += other.records
        self.crashes.update(other.crashes)
        for place, index in other.crash_examples.items():
            self.crash_examples.setdefault(place, index)
        self.invalid += other.invalid
        self.mismatches += other.mismatches
        self.timeouts += other.timeouts
        self.beyond_int64 += other.beyond_int64
        self.seconds = sorted(self.seconds + other.seconds, reverse=True)[:10]


def fuzz_slice(seed: int, indices: range) -> Report:
    """Run inputs `indices` through the engine and check each."""
    report = Report()
    timings: list[tuple[float, int, str, int]] = []
    warm_up()
    for index in indices:
        text, publication, shape = generated(seed, index)
        report.inputs += 1
        started = time.perf_counter()
        try:
            _, extraction = extract_document(f"{index:016x}", text, publication,
                                             budget_seconds=BUDGET_SECONDS)
        except ExtractionTimeout:
            report.timeouts.append(index)
            continue
        except Exception as error:  # the point: every crash is counted, by where it happened
            place = _place(error)
            report.crashes[place] += 1
            report.crash_examples.setdefault(place, index)
            continue
        finally:
            timings.append((time.perf_counter() - started, index, shape, len(text)))
        _check(report, index, text, extraction)
    report.seconds = sorted(timings, reverse=True)[:10]
    return report


def _check(report: Report, index: int, text: str, extraction) -> None:
    for kind in ("casualty_claims", "event_claims", "statements", "time_expressions"):
        for record in getattr(extraction, kind):
            report.records += 1
            quoted = record["text"] if kind == "time_expressions" else record["evidence"]
            if text[record["char_start"] : record["char_end"]] != quoted:
                report.mismatches.append((index, f"{kind} {record['char_start']}"))
    for expression in extraction.time_expressions:
        if not is_calendar_value(expression["value"]):
            report.invalid.append((index, f"time value {expression['value']}"))
    for claim in (*extraction.casualty_claims, *extraction.event_claims):
        year = claim["reference_year"]
        if year is not None and not 1 <= year <= 9999:
            report.invalid.append((index, f"reference year {year}"))
    for claim in extraction.casualty_claims:
        for count in (claim["count_low"], claim["count_high"]):
            if count is not None and (not isinstance(count, int) or count < 0):
                report.invalid.append((index, f"count {count!r}"))
            elif count is not None and count > INT64_MAX:
                report.beyond_int64 += 1


def _place(error: Exception) -> str:
    """The innermost frame of the engine (or of whatever raised) and the error's type."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/extract/" in f.filename] or frames
    frame = ours[-1]
    return f"{type(error).__name__} at {Path(frame.filename).name}:{frame.lineno} {frame.name}"


def run(inputs: int, *, seed: int = 14, workers: int = 2, chunk: int = 500) -> Report:
    report = Report()
    slices = [range(start, min(inputs, start + chunk)) for start in range(0, inputs, chunk)]
    if workers < 2:
        for indices in slices:
            report.merge(fuzz_slice(seed, indices))
        return report
    with ProcessPoolExecutor(workers) as pool:
        for part in pool.map(fuzz_slice, [seed] * len(slices), slices):
            report.merge(part)
    return report


def summary(report: Report, seconds: float) -> Iterator[str]:
    yield (f"fuzz: {report.inputs:,} inputs, {report.records:,} records, {seconds:.0f} s; "
           f"crashes {sum(report.crashes.values())}, invalid values {len(report.invalid)}, "
           f"span mismatches {len(report.mismatches)}, over the {BUDGET_SECONDS:g} s budget "
           f"{len(report.timeouts)}; counts beyond int64 (exact, quarantined when validated) "
           f"{report.beyond_int64}")
    for place, count in report.crashes.most_common():
        yield f"  crash x{count}: {place} (first: input {report.crash_examples[place]})"
    for index, what in report.invalid[:20]:
        yield f"  invalid: input {index}: {what}"
    for index, what in report.mismatches[:20]:
        yield f"  span mismatch: input {index}: {what}"
    for index in report.timeouts[:20]:
        yield f"  over budget: input {index}"
    for elapsed, index, shape, length in report.seconds[:5]:
        yield f"  slow: input {index} ({shape}, {length:,} chars): {elapsed * 1000:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--show", type=int, metavar="I", help="print input I and stop")
    args = parser.parse_args(argv)
    if args.show is not None:
        text, publication, shape = generated(args.seed, args.show)
        print(f"shape {shape}, published {publication and publication['published_at']}")
        print(repr(text))
        return 0
    started = time.perf_counter()
    report = run(args.inputs, seed=args.seed, workers=args.workers)
    for line in summary(report, time.perf_counter() - started):
        print(line)
    return 1 if report.crashes or report.invalid or report.mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
