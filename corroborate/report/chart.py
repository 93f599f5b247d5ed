"""The timeline chart: one bar per dated fact, across the incident's span in UTC.

A bar spans the fact's interval, so its width is the precision the reports give (a minute is
a sliver, a day a block, a year a long bar); it is never narrower than a mark one can see.
Each bar's label and tooltip are plain text made here once (the tooltip quotes the times as
the articles wrote them); the template escapes them as it escapes every string, and draws the
SVG from the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, NamedTuple

WIDTH = 960
LABEL_WIDTH = 190
ROW_HEIGHT = 22
AXIS_HEIGHT = 28
MIN_BAR = 3.0
PLOT_WIDTH = WIDTH - LABEL_WIDTH - 10  # from the labels to a margin on the right
TICKS = 5
FINE = frozenset({"minute", "hour", "part_of_day", "day"})
#: Where the ticks stand, evenly spaced across the plot whatever its span, and the SVG
#: text-anchor that keeps each label inside the chart.
_TICK_PLACES = [
    (round(LABEL_WIDTH + PLOT_WIDTH * step / (TICKS - 1), 1),
     "start" if step == 0 else "end" if step == TICKS - 1 else "middle")
    for step in range(TICKS)
]


class Bar(NamedTuple):
    """A bar and its row's label, in the order the template unpacks them (a tuple is the
    cheapest way for Jinja2 to read a bar's fields, and there are thousands of bars)."""

    fact_id: str
    classes: str  # its status, and `clipped` when it reaches beyond the window shown
    title: str  # what the bar's tooltip says: its interval, precision, and words as written
    label_y: int  # the baseline of its row's label
    label: str  # its row's label: the fact's ordinal and the kind of event
    x: float
    bar_y: int  # the top of the bar
    width: float


class Tick(NamedTuple):
    x: float
    label: str
    anchor: str  # the SVG text-anchor that keeps the label inside the chart


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_left: int
    bars: list[Bar]
    ticks: list[Tick]


def timeline_chart(rows: Sequence[dict[str, Any]]) -> Chart | None:
    """The chart of `rows` (timeline mart rows), or None when none is dated."""
    dated = [row for row in rows if row["occurred_start"] and row["occurred_end"]]
    if not dated:
        return None
    start, end = _window(dated)
    span = (end - start).total_seconds()

    def x_of(moment: datetime) -> float:
        seconds = min(max((moment - start).total_seconds(), 0.0), span)
        return LABEL_WIDTH + seconds / span * PLOT_WIDTH

    bars = []
    for index, row in enumerate(dated):
        left = x_of(row["occurred_start"])
        width = max(MIN_BAR, x_of(row["occurred_end"]) - left)
        left = min(left, WIDTH - 10 - width)
        clipped = row["occurred_start"] < start or row["occurred_end"] > end
        top = AXIS_HEIGHT + index * ROW_HEIGHT
        label = f"{row['ordinal']}. {row['event_type']}"
        title = f"{label}: {row['start_shown']} – {row['end_shown']} ({row['precision']})"
        if row["as_written"]:
            title += "; as written: " + row["as_written"]
        bars.append(Bar(row["fact_id"], row["status"] + (" clipped" if clipped else ""), title,
                        top + 15, label, round(left, 1), top + 4, round(width, 1)))
    ticks = [
        Tick(x, _tick_label(start + timedelta(seconds=span * step / (TICKS - 1)), span), anchor)
        for step, (x, anchor) in enumerate(_TICK_PLACES)
    ]
    return Chart(WIDTH, AXIS_HEIGHT + len(dated) * ROW_HEIGHT + 6, LABEL_WIDTH, bars, ticks)


def _window(rows: Sequence[dict[str, Any]]) -> tuple[datetime, datetime]:
    """The span shown: that of the facts dated to the day or finer, which is where an
    incident happens, with a margin; coarse facts (a month, a year) run off its edges. Only
    when no fact is that fine does the window cover them all."""
    fine = [row for row in rows if row["precision"] in FINE] or list(rows)
    start = min(row["occurred_start"] for row in fine)
    end = max(row["occurred_end"] for row in fine)
    margin = max((end - start) * 0.05, timedelta(hours=1))
    return start - margin, end + margin


def _tick_label(moment: datetime, span_seconds: float) -> str:
    """The year, the day or the day and minute of a tick (ISO formatting: five ticks a chart,
    tens of thousands of charts, and `strftime` is the slower way to the same text)."""
    days = span_seconds / 86400
    if days > 3 * 365:
        return str(moment.year)
    if days > 3:
        return moment.date().isoformat()
    return moment.isoformat(" ", "minutes")[5:]
