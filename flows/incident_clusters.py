"""Which documents report one incident: average-link clustering of their story similarities.

Reports of one incident are similar to each other on average, not each to each: a wire story,
its rewrite and a next-day update share different words. Average-link agglomerative clustering
(UPGMA) merges the two clusters whose mean pairwise similarity is highest, as long as it is at
least the bar (below); a pair never compared (no distinctive term in common) counts as 0. Single
link would chain two earthquakes through one article that mentions both; average link does not.

Time is a constraint, not a score: two clusters merge only when the periods their stories lie
in are within `WINDOW_DAYS` of each other. A document's period is its day (from the day
before, when its main event happened then), or the month or year of its publication when only
that is known; an undated document joins by content alone. A period longer than
`COARSE_PERIOD_DAYS` (a month, a year) says less, and such a report may be written days after
what it tells: two clusters, one of which holds such a period, merge within
`COARSE_WINDOW_DAYS` (a story whose reports include one dated to February alone, and its
follow-ups of March 1 and 2). A report more than
`FOLLOW_UP_DAYS` later (a trial, a sentencing, an inquiry) joins the story whose day it writes
out as a date ("the June 24, 2005 shooting"). Within those weeks it does not: daily reports of
an ongoing war name the dates of the last days' attacks, and on Syrian-war reports such
references joined distinct attacks. Place is a constraint too: two
clusters whose documents name regions of one country merge only when they share a region (two
earthquakes of one day in two provinces stay apart). A region in another country contradicts
nothing: reports of one attack also name where reactions come from (a council meeting in New
York, a ministry in Paris), and on real news such names split more stories than they kept
apart.

The bar depends on what vouches for a pair besides its words. Dated clusters are checked in
time, and two reports of one day carry a shared-day term in their similarity
(`int_story_similarities`): at `THRESHOLD` they need a word cosine of only about 0.1 (no region
named). When one of two clusters holds no dated document, nothing but words and places speaks
for the pair, and the bar is `UNTIMED_THRESHOLD`: above what one day's reports need in words,
below the full `THRESHOLD`, which words alone seldom reach (on undated web news it split most
stories). That lower bar lets a lone undated report join a story, or undated reports find each
other; but several undated reports that already tell one story are a story of their own, and
meet a dated story only at the full `THRESHOLD`: two stories of one kind (an actor named to host
the Oscars one year, a comedian another), one told by undated reports, shared the kind's words
at about 0.2 (on web news of many outlets, B-cubed precision 0.911 to 0.939, recall 0.817 to
0.799). `THRESHOLD`, `UNTIMED_THRESHOLD`, the windows and `FOLLOW_UP_DAYS` were chosen on the
development sets (real web news of many outlets, Syrian-war reports) and are the same for
every corpus.

The heap holds each pair's average at the time it was pushed. A merge only lowers the average
of pairs it does not touch (the same sum over a larger cluster), so a popped pair whose average
has since dropped is pushed back at its current value, and pairs whose sum grew are pushed anew.
A cluster's members are always within one connected component of the pairs at or above their
own bar (an average above a bar needs one pair above it, and a pair's own bar is never above
its clusters'), so the pairs between
two components never count and are left out before the loop: most documents are alone or in
pairs, and a hub document's weak pairs no longer slow every merge. Cost: about the number of
pairs within components times the log of it.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.28
UNTIMED_THRESHOLD = 0.2
WINDOW_DAYS = 0
COARSE_PERIOD_DAYS = 7
COARSE_WINDOW_DAYS = 7
FOLLOW_UP_DAYS = 30
_LOWEST_BAR = min(THRESHOLD, UNTIMED_THRESHOLD)


@dataclass(slots=True)
class _Cluster:
    members: list[int]
    first: int | None  # first day of the story (proleptic ordinal), None when undated
    last: int | None
    coarse: bool  # a member's own period is longer than `COARSE_PERIOD_DAYS`
    # Frozen, so that the many empty ones are one object: with `blocked` made only when
    # needed, 100,000 singletons' sets took about 30 MB less.
    regions: frozenset[str]  # the first-level regions its documents' leads name (ISO3/admin1)
    countries: frozenset[str]  # the countries of those regions
    named_days: frozenset[int]  # the days its documents write out as dates
    neighbours: dict[int, float]  # cluster -> sum of similarities between their members
    # Neighbours alike enough but apart in time or place, when last checked.
    blocked: set[int] | frozenset[int] = frozenset()


#: Similar pairs as three columns: left document, right document, similarity. Columns, not a
#: list of (i, j, similarity) tuples: at 100,000 documents there are about 2 million pairs, and
#: their tuples alone took 270 MB.
Edges = tuple[Sequence[int], Sequence[int], Sequence[float]]
_CHUNK = 65536


def cluster_documents(
    spans: Sequence[tuple[int | None, int | None]],
    regions: Sequence[Sequence[str]],
    edges: Edges,
    named_days: Sequence[Iterable[int]] | None = None,
) -> list[int]:
    """The cluster of each document, named by its smallest member index.

    `spans[i]` is document i's story period as day ordinals (first, last), or (None, None);
    `regions[i]` the regions it names; `edges` the similar pairs; `named_days[i]` the days
    (ordinals) it writes out as dates."""
    named_days = named_days or [()] * len(spans)
    clusters: list[_Cluster | None] = [
        _Cluster(
            [index], first, last, _is_coarse(first, last), frozenset(places),
            frozenset(place.split("/")[0] for place in places), frozenset(days), {},
        )
        for index, ((first, last), places, days)
        in enumerate(zip(spans, regions, named_days, strict=True))
    ]
    heap = _link(clusters, edges)
    while heap:
        negative, left, right = heapq.heappop(heap)
        kept, other = clusters[left], clusters[right]
        if kept is None or other is None or right not in kept.neighbours:
            continue
        average = _average(kept.neighbours[right], kept, other)
        if average < _bar(kept, other):
            continue  # only a merge that adds to this pair's sum can raise it: it comes back then
        if average < -negative - 1e-12:
            heapq.heappush(heap, (-average, left, right))
        elif _compatible(kept, other):
            for pair in _merge(clusters, left, right):
                heapq.heappush(heap, pair)
        else:
            _block(kept, right)
            _block(other, left)
    labels = [0] * len(spans)
    for cluster in clusters:
        if cluster is not None:
            name = min(cluster.members)
            for member in cluster.members:
                labels[member] = name
    return labels


def _link(clusters: list[_Cluster], edges: Edges) -> list[tuple[float, int, int]]:
    """Give each singleton its neighbours' similarities; returns the heap of the pairs that can
    start a merge, those at or above their own bar (singletons' bars: bars only rise as
    clusters take in dated documents). Which pairs count is decided on arrays; the Python
    objects are made `_CHUNK` pairs at a time, each document one int object (the heap and the
    sums hold millions of references to them): as whole lists, the 2 million pairs of 100,000
    documents took 220 MB more."""
    lefts, rights = (np.asarray(column, dtype=np.int64) for column in edges[:2])
    similarities = np.asarray(edges[2], dtype=float)
    dated = np.fromiter((cluster.first is not None for cluster in clusters), bool, len(clusters))
    # `_bar` of two singletons.
    starts = similarities >= np.where(dated[lefts] & dated[rights], THRESHOLD, UNTIMED_THRESHOLD)
    component = _components(len(clusters), lefts[starts], rights[starts])
    within = component[lefts] == component[rights]
    shared = list(range(len(clusters))).__getitem__
    neighbours = [cluster.neighbours for cluster in clusters]
    heap = []
    for chunk in range(0, len(within), _CHUNK):
        part = np.flatnonzero(within[chunk:chunk + _CHUNK]) + chunk
        pairs = list(zip(map(shared, lefts[part].tolist()), map(shared, rights[part].tolist()),
                         similarities[part].tolist(), strict=True))
        for left, right, similarity in pairs:
            neighbours[left][right] = neighbours[right][left] = similarity
        heap.extend((-similarity, left, right) for (left, right, similarity), start
                    in zip(pairs, starts[part].tolist(), strict=True) if start)
    heapq.heapify(heap)
    return heap


def _is_coarse(first: int | None, last: int | None) -> bool:
    return first is not None and last - first > COARSE_PERIOD_DAYS


def _components(count: int, lefts: np.ndarray, rights: np.ndarray) -> np.ndarray:
    """The connected component of each document over the pairs (union-find, with path
    halving)."""
    parent = list(range(count))

    def root(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for left, right in zip(lefts.tolist(), rights.tolist(), strict=True):
        parent[root(left)] = root(right)
    return np.array([root(node) for node in range(count)], dtype=np.int64)


def _block(cluster: _Cluster, other: int) -> None:
    if not cluster.blocked:
        cluster.blocked = set()
    cluster.blocked.add(other)


def _average(total: float, left: _Cluster, right: _Cluster) -> float:
    """The mean similarity between two clusters' members, from the sum of their pairs'."""
    return total / (len(left.members) * len(right.members))


def _bar(left: _Cluster, right: _Cluster) -> float:
    """`THRESHOLD` for two clusters whose times can be compared, `UNTIMED_THRESHOLD` when
    neither holds a dated document, or when one holds none and is a single report. A bar only
    rises as clusters grow."""
    if left.first is None:
        return UNTIMED_THRESHOLD if right.first is None or len(left.members) == 1 else THRESHOLD
    if right.first is None:
        return UNTIMED_THRESHOLD if len(right.members) == 1 else THRESHOLD
    return THRESHOLD


def _compatible(left: _Cluster, right: _Cluster) -> bool:
    """Not in different regions of one country, and within `WINDOW_DAYS` of each other
    (`COARSE_WINDOW_DAYS` when one holds a coarse period), or more than `FOLLOW_UP_DAYS` apart
    with one naming a day of the other's story."""
    if left.countries & right.countries and not left.regions & right.regions:
        return False
    if left.first is None or right.first is None:
        return True
    gap = max(left.first, right.first) - min(left.last, right.last)
    if gap <= (COARSE_WINDOW_DAYS if left.coarse or right.coarse else WINDOW_DAYS):
        return True
    return gap > FOLLOW_UP_DAYS and (_names_a_day_of(left, right) or _names_a_day_of(right, left))


def _names_a_day_of(writer: _Cluster, story: _Cluster) -> bool:
    return any(story.first <= day <= story.last for day in writer.named_days)


def _merge(
    clusters: list[_Cluster | None], left: int, right: int
) -> list[tuple[float, int, int]]:
    """Fold the cluster with fewer neighbours into the other (a merge's work is renaming the
    folded cluster in each of its neighbours' sums); returns the heap entries of the pairs to
    weigh anew that reach their bar: those whose sum grew (the folded cluster's neighbours) and
    those found apart in time or place, which the larger span or regions may now join. The kept
    cluster's other pairs only fell, and their entries in the heap are refreshed when popped
    (their order is the heap's: entries are distinct tuples)."""
    if len(clusters[left].neighbours) < len(clusters[right].neighbours):
        left, right = right, left
    kept, gone = clusters[left], clusters[right]
    clusters[right] = None
    sums = kept.neighbours
    sums.pop(right, None)
    gone.neighbours.pop(left, None)
    blocked = [other for other in gone.blocked | kept.blocked
               if other in sums and other not in gone.neighbours]
    for other, total in gone.neighbours.items():
        neighbours = clusters[other].neighbours
        del neighbours[right]
        neighbours[left] = sums[other] = sums.get(other, 0.0) + total
    _take_in(kept, gone)
    entries = []
    # The hot loop of the clustering: an average is weighed against its bar only when it
    # reaches the lowest one.
    for other in (*gone.neighbours, *blocked):
        neighbour = clusters[other]
        average = _average(sums[other], kept, neighbour)
        if average >= _LOWEST_BAR and average >= _bar(kept, neighbour):
            entries.append((-average, min(left, other), max(left, other)))
    return entries


def _take_in(kept: _Cluster, gone: _Cluster) -> None:
    """The kept cluster's members, places, days and span after a merge."""
    kept.blocked = frozenset()
    kept.members.extend(gone.members)
    kept.regions |= gone.regions
    kept.countries |= gone.countries
    kept.named_days |= gone.named_days
    kept.coarse |= gone.coarse
    if gone.first is not None:
        kept.first = gone.first if kept.first is None else min(kept.first, gone.first)
        kept.last = gone.last if kept.last is None else max(kept.last, gone.last)
