"""Extraction time per KB on adversarial text, from 1 KB to 1 MB: `make bench-adversarial`.

Why: a path that is quadratic in the length of a sentence or a run of punctuation costs nothing
on news and minutes on one odd document ("." repeated, a page of numbers, a one-sentence
timeline of 36 KB once stalled a run for two minutes). Time per KB that stays flat as the text
grows says the engine is linear on these shapes. A benchmark, not a test: it prints figures.
"""

from __future__ import annotations

import argparse
import itertools
import time
from collections.abc import Callable, Iterator

from corroborate.extract.document import extract_document

SIZES_KB = (1, 4, 16, 64, 256, 1024)
_CLAUSES = (
    "then at {clock} the shelling resumed near the border village",
    "at {clock} drones struck two positions and killed {n} soldiers",
    "by {clock} the ministry said that {n} civilians were wounded",
    "and at {clock} local time (GMT +4) a ceasefire was announced",
)


def _dots() -> Iterator[str]:
    return itertools.repeat(".")


def _numbers() -> Iterator[str]:
    return itertools.repeat("2022 ")


def _dates() -> Iterator[str]:
    return (f"September {1 + i % 28}, 2022, " for i in itertools.count())


def _timeline() -> Iterator[str]:
    """One sentence, with a date, that goes on and on: clauses joined by commas."""
    yield "On Tuesday, September 13, 2022, the attacks began at 00:05"
    for i in itertools.count():
        clock = f"{i % 24:02d}:{(7 * i) % 60:02d}"
        yield ", " + _CLAUSES[i % len(_CLAUSES)].format(clock=clock, n=2 + i % 40)


KINDS: dict[str, Callable[[], Iterator[str]]] = {
    "dots": _dots, "numbers": _numbers, "dates": _dates, "timeline": _timeline,
}


def adversarial_text(kind: str, size: int) -> str:
    """`size` characters of the adversarial shape `kind` (the timeline ends with its period)."""
    parts: list[str] = []
    length = 0
    for piece in KINDS[kind]():
        if length + len(piece) > size:
            break
        parts.append(piece)
        length += len(piece)
    return "".join(parts) + ("." if kind == "timeline" else "")


def seconds_to_extract(text: str) -> float:
    started = time.perf_counter()
    extract_document("0" * 16, text)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinds", nargs="*", default=list(KINDS), choices=list(KINDS))
    parser.add_argument("--sizes-kb", nargs="*", type=int, default=list(SIZES_KB))
    args = parser.parse_args(argv)
    extract_document("0" * 16, adversarial_text("timeline", 2000))  # warm the reference data
    print(f"{'input':<10}{'KB':>7}{'seconds':>10}{'ms per KB':>11}")
    for kind in args.kinds:
        for size in args.sizes_kb:
            seconds = seconds_to_extract(adversarial_text(kind, size * 1024))
            print(f"{kind:<10}{size:>7}{seconds:>10.3f}{1000 * seconds / size:>11.2f}", flush=True)


if __name__ == "__main__":
    main()
