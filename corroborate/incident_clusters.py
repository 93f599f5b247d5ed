"""Which documents report one incident: average-link clustering of their story similarities.

Reports of one incident are similar to each other on average, not each to each: a wire story,
its rewrite and a next-day update share different words. Average-link agglomerative clustering
(UPGMA) merges the two clusters whose mean pairwise similarity is highest, as long as it is at
least the bar (below); a pair never compared (no distinctive term in common) counts as 0. Single
link would chain two earthquakes through one article that mentions both; average link does not.

Time is a constraint, not a score: two clusters merge only when the periods their stories lie
in are within `WINDOW_DAYS` of each other. A document's period is its day (from the day
before, when its main event happened then), or the month or year of its publication when only
that is known; an undated document joins by content alone, and so does a cluster that is not
timed (fewer than half of its reports dated, below) when it meets another such cluster: the
period of each is that of a few of its reports, whose dates are often inferred (on web news of
many outlets, recall 0.820 to 0.827 at the same precision). A period longer than
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
named). When one of two clusters is not timed (fewer than half of its reports are dated), most
of its pairs lack that term whatever the date of one report (often inferred), nothing but words
and places speaks for them, and the bar is `UNTIMED_THRESHOLD`: above what one day's reports
need in words, below the full `THRESHOLD`, which words alone seldom reach (on undated web news
it split most stories). That lower bar lets a lone undated report join a story, or undated
reports find each other; but several undated reports that already tell one story are a story of
their own, and meet a timed cluster only at `UNDATED_STORY_THRESHOLD`, above the full bar:
nothing checks that the two are of one time, and stories of one kind recur, their reports
sharing the kind's words and the names that recur. On web news of many outlets, two stories of
one kind told by undated and by dated reports met at about 0.2 (an actor named to host the
Oscars one year, a comedian another), 0.30 (two title fights of one champion) and 0.45 (two
players of one team arrested weeks apart: still one incident). The bar at 0.28 rather than 0.2
took B-cubed precision from 0.911 to 0.939, and at 0.4 to 0.958 at no cost in recall (0.32 to
0.45 gave 0.880 to 0.884 in F1; at 0.5 the recall of deaths, attacks and disasters fell). A
cluster of fourteen undated reports and one whose date was inferred had counted as timed and
met four more undated reports of its story at the full bar; counting it as untimed took recall
from 0.799 to 0.817. The thresholds, the windows and `FOLLOW_UP_DAYS` were chosen on the
development sets (real web news of many outlets, Syrian-war reports) and are the same for every
corpus.

The heap holds each pair's average at the time it was pushed. A merge only lowers the average
of pairs it does not touch (the same sum over a larger cluster), so a popped pair whose average
has since dropped is pushed back at its current value, and pairs whose sum grew are pushed anew;
so are all of a cluster's pairs when a merge makes it timed or untimed, which moves its bars. A
cluster's members are always within one connected component of the pairs at or above the lowest
bar (an average above a bar needs one pair above it), so the pairs between two components never
count and are left out before the loop: most documents are alone or in pairs, and a hub
document's weak pairs no longer slow every merge. Cost: about the number of pairs within
components times the log of it.

The loop is compiled by Numba: at 100,000 documents it pops about 900,000 heap entries and
renames 2 million neighbour sums, 11 s in Python and under 5 s compiled, with the same
clusters. Compiling takes about 15 s; `cache=True` keeps the machine code beside the module,
so that happens once per checkout (`make` does it when it installs), and a run loads it in
half a second. The state is arrays indexed by cluster (by one of its documents) and Numba's
typed lists and dicts; places and days are sorted runs of ids.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numba
import numpy as np
from numba import types
from numba.typed import Dict, List

THRESHOLD = 0.28
UNTIMED_THRESHOLD = 0.2
UNDATED_STORY_THRESHOLD = 0.4
WINDOW_DAYS = 0
COARSE_PERIOD_DAYS = 7
COARSE_WINDOW_DAYS = 7
FOLLOW_UP_DAYS = 30
_LOWEST_BAR = min(THRESHOLD, UNTIMED_THRESHOLD)
_UNDATED = -1  # `first` and `last` of a cluster that holds no dated document
_CLUSTER_LIST = types.ListType(types.int64)

#: Similar pairs as three columns: left document, right document, similarity.
Edges = tuple[Sequence[int], Sequence[int], Sequence[float]]


class _Clusters(NamedTuple):
    """Every cluster's state, indexed by one of its documents (a singleton's own); a folded
    cluster's entries are left as they were, and `alive` says which still count."""

    alive: np.ndarray  # bool
    size: np.ndarray  # number of members
    next_member: np.ndarray  # the members as linked lists: each document's next, -1 at the end
    last_member: np.ndarray
    first: np.ndarray  # first day of the story (proleptic ordinal), `_UNDATED` when undated
    last: np.ndarray
    coarse: np.ndarray  # a member's own period is longer than `COARSE_PERIOD_DAYS`
    dated: np.ndarray  # number of members dated to a day, a month or a year
    regions: List  # sorted ids of the first-level regions its documents' leads name
    countries: List  # sorted ids of those regions' countries
    named_days: List  # sorted days (ordinals) its documents write out as dates
    neighbours: List  # cluster -> sum of similarities between their members
    # Cluster -> its neighbours alike enough but apart in time or place, when last checked.
    blocked: Dict


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
    clusters = _documents_as_clusters(spans, regions, named_days or [()] * len(spans))
    lefts, rights = (np.asarray(column, dtype=np.int64) for column in edges[:2])
    similarities = np.asarray(edges[2], dtype=np.float64)
    return _cluster(clusters, lefts, rights, similarities).tolist()


def _documents_as_clusters(
    spans: Sequence[tuple[int | None, int | None]],
    regions: Sequence[Sequence[str]],
    named_days: Sequence[Iterable[int]],
) -> _Clusters:
    """Each document a cluster of its own, its places as ids (the sets of ids are gone by the
    time the loop runs)."""
    first = np.array([_UNDATED if day is None else day for day, _ in spans], dtype=np.int64)
    last = np.array([_UNDATED if day is None else day for _, day in spans], dtype=np.int64)
    place_ids: dict[str, int] = {}
    region_sets = [{place_ids.setdefault(place, len(place_ids)) for place in places}
                   for places in regions]
    country_sets = [{place_ids.setdefault(place.split("/")[0], len(place_ids)) for place in places}
                    for places in regions]
    return _singletons(first, last, *_ragged(region_sets), *_ragged(country_sets),
                       *_ragged(named_days))


def _ragged(sets: Sequence[Iterable[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Sets of ints as one sorted, deduplicated run per set, and where each run starts."""
    runs = [sorted(set(values)) for values in sets]
    offsets = np.zeros(len(runs) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum(np.fromiter(map(len, runs), np.int64, len(runs)))
    return offsets, np.fromiter((value for run in runs for value in run), np.int64, offsets[-1])


@numba.njit(cache=True)
def _singletons(first, last, region_offsets, region_values, country_offsets, country_values,
                day_offsets, day_values) -> _Clusters:
    """Each document a cluster of its own."""
    count = len(first)
    regions, countries, named_days = List(), List(), List()
    neighbours = List()
    blocked = Dict.empty(types.int64, _CLUSTER_LIST)
    for index in range(count):
        regions.append(region_values[region_offsets[index]:region_offsets[index + 1]])
        countries.append(country_values[country_offsets[index]:country_offsets[index + 1]])
        named_days.append(day_values[day_offsets[index]:day_offsets[index + 1]])
        neighbours.append(Dict.empty(types.int64, types.float64))
    dated = first != _UNDATED
    coarse = dated & (last - first > COARSE_PERIOD_DAYS)
    return _Clusters(np.ones(count, np.bool_), np.ones(count, np.int64),
                     np.full(count, -1, np.int64), np.arange(count), first.copy(), last.copy(),
                     coarse, dated.astype(np.int64), regions, countries, named_days, neighbours,
                     blocked)


@numba.njit(cache=True)
def _cluster(clusters: _Clusters, lefts, rights, similarities) -> np.ndarray:
    """Merge the pairs off the heap, best average first; returns each document's cluster."""
    heap = _link(clusters, lefts, rights, similarities)
    while heap:
        negative, left, right = heapq.heappop(heap)
        if not (clusters.alive[left] and clusters.alive[right]
                and right in clusters.neighbours[left]):
            continue
        average = _average(clusters, clusters.neighbours[left][right], left, right)
        if average < _bar(clusters, left, right):
            continue  # only a merge that adds to this pair's sum can raise it: it comes back then
        if average < -negative - 1e-12:
            heapq.heappush(heap, (-average, left, right))
        elif _compatible(clusters, left, right):
            for entry in _merge(clusters, left, right):
                heapq.heappush(heap, entry)
        else:
            _block(clusters, left, right)
            _block(clusters, right, left)
    return _labels(clusters)


@numba.njit(cache=True)
def _link(clusters: _Clusters, lefts, rights, similarities) -> list[tuple[float, int, int]]:
    """Give each singleton its neighbours' similarities; returns the heap of the pairs that can
    start a merge, those at or above their own bar. Pairs between components of the pairs at or
    above the lowest bar are left out: no merge ever weighs them."""
    dated = clusters.dated.astype(np.bool_)
    starts = similarities >= np.where(dated[lefts] & dated[rights], THRESHOLD, UNTIMED_THRESHOLD)
    linked = similarities >= _LOWEST_BAR
    component = _components(len(dated), lefts[linked], rights[linked])
    heap = [(0.0, 0, 0)]
    heap.pop()
    for pair in range(len(lefts)):
        left, right, similarity = lefts[pair], rights[pair], similarities[pair]
        if component[left] == component[right]:
            clusters.neighbours[left][right] = similarity
            clusters.neighbours[right][left] = similarity
            if starts[pair]:
                heap.append((-similarity, left, right))
    heapq.heapify(heap)
    return heap


@numba.njit(cache=True)
def _components(count: int, lefts, rights) -> np.ndarray:
    """The connected component of each document over the pairs (union-find, path halving)."""
    parent = np.arange(count)
    for pair in range(len(lefts)):
        parent[_root(parent, lefts[pair])] = _root(parent, rights[pair])
    for node in range(count):
        parent[node] = _root(parent, node)
    return parent


@numba.njit(cache=True)
def _root(parent, node: int) -> int:
    while parent[node] != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


@numba.njit(cache=True)
def _average(clusters: _Clusters, total: float, left: int, right: int) -> float:
    """The mean similarity between two clusters' members, from the sum of their pairs'."""
    return total / (clusters.size[left] * clusters.size[right])


@numba.njit(cache=True)
def _bar(clusters: _Clusters, left: int, right: int) -> float:
    """`THRESHOLD` for two clusters whose times can be compared, `UNTIMED_THRESHOLD` when
    neither is timed, or when one is not and is a single report, `UNDATED_STORY_THRESHOLD`
    when one is a story of several undated reports and the other is timed."""
    left_timed, right_timed = _timed(clusters, left), _timed(clusters, right)
    if not left_timed:
        if not right_timed or clusters.size[left] == 1:
            return UNTIMED_THRESHOLD
        return UNDATED_STORY_THRESHOLD
    if not right_timed:
        return UNTIMED_THRESHOLD if clusters.size[right] == 1 else UNDATED_STORY_THRESHOLD
    return THRESHOLD


@numba.njit(cache=True)
def _timed(clusters: _Clusters, cluster: int) -> bool:
    """Whether at least half of the cluster's reports are dated. Most pairs of a story told
    mostly by undated reports lack the shared-day term, whatever the date of one of them (often
    inferred): its average is the average of words and places, to be weighed as such."""
    return 2 * clusters.dated[cluster] >= clusters.size[cluster]


@numba.njit(cache=True)
def _compatible(clusters: _Clusters, left: int, right: int) -> bool:
    """Not in different regions of one country, and, unless neither is timed, within
    `WINDOW_DAYS` of each other (`COARSE_WINDOW_DAYS` when one holds a coarse period), or more
    than `FOLLOW_UP_DAYS` apart with one naming a day of the other's story."""
    if (_intersect(clusters.countries[left], clusters.countries[right])
            and not _intersect(clusters.regions[left], clusters.regions[right])):
        return False
    first, last = clusters.first, clusters.last
    if first[left] == _UNDATED or first[right] == _UNDATED:
        return True
    if not (_timed(clusters, left) or _timed(clusters, right)):
        return True
    gap = max(first[left], first[right]) - min(last[left], last[right])
    coarse = clusters.coarse[left] or clusters.coarse[right]
    if gap <= (COARSE_WINDOW_DAYS if coarse else WINDOW_DAYS):
        return True
    return gap > FOLLOW_UP_DAYS and (_names_a_day_of(clusters, left, right)
                                     or _names_a_day_of(clusters, right, left))


@numba.njit(cache=True)
def _names_a_day_of(clusters: _Clusters, writer: int, story: int) -> bool:
    days = clusters.named_days[writer]
    return np.any((days >= clusters.first[story]) & (days <= clusters.last[story]))


@numba.njit(cache=True)
def _intersect(left, right) -> bool:
    """Whether two sorted runs share a value."""
    i = j = 0
    while i < len(left) and j < len(right):
        if left[i] == right[j]:
            return True
        if left[i] < right[j]:
            i += 1
        else:
            j += 1
    return False


@numba.njit(cache=True)
def _merge(clusters: _Clusters, left: int, right: int) -> list[tuple[float, int, int]]:
    """Fold the cluster with fewer neighbours into the other (a merge's work is renaming the
    folded cluster in each of its neighbours' sums); returns the heap entries of the pairs to
    weigh anew that reach their bar: those whose sum grew (the folded cluster's neighbours) and
    those found apart in time or place, which the larger span or regions may now join; all of
    them when the merge moved the kept cluster's bars. Otherwise the kept cluster's other pairs
    only fell, and their entries in the heap are refreshed when popped."""
    if len(clusters.neighbours[left]) < len(clusters.neighbours[right]):
        left, right = right, left
    sums, folded = clusters.neighbours[left], clusters.neighbours[right]
    sums.pop(right, 0.0)
    folded.pop(left, 0.0)
    weigh = _unblock(clusters, left, right)
    for other, total in folded.items():
        renamed = clusters.neighbours[other]
        renamed.pop(right)
        sums[other] = renamed[left] = sums.get(other, 0.0) + total
        weigh.append(other)
    timed = _timed(clusters, left)
    _take_in(clusters, left, right)
    if _timed(clusters, left) != timed:
        weigh = List(sums.keys())
    entries = [(0.0, 0, 0)]
    entries.pop()
    for other in weigh:
        average = _average(clusters, sums[other], left, other)
        if average >= _LOWEST_BAR and average >= _bar(clusters, left, other):
            entries.append((-average, min(left, other), max(left, other)))
    return entries


@numba.njit(cache=True)
def _block(clusters: _Clusters, cluster: int, other: int) -> None:
    if cluster not in clusters.blocked:
        clusters.blocked[cluster] = List.empty_list(types.int64)
    clusters.blocked[cluster].append(other)


@numba.njit(cache=True)
def _unblock(clusters: _Clusters, kept: int, gone: int) -> List:
    """Forget what the two clusters were blocked from; returns those of the blocked neighbours
    that only the kept cluster has, whose pairs the merge may now join."""
    sums, folded = clusters.neighbours[kept], clusters.neighbours[gone]
    weigh = List.empty_list(types.int64)
    for cluster in (gone, kept):
        if cluster in clusters.blocked:
            for other in clusters.blocked.pop(cluster):
                if other in sums and other not in folded and other not in weigh:
                    weigh.append(other)
    return weigh


@numba.njit(cache=True)
def _take_in(clusters: _Clusters, kept: int, gone: int) -> None:
    """The kept cluster's members, places, days and span after a merge."""
    clusters.alive[gone] = False
    clusters.next_member[clusters.last_member[kept]] = gone
    clusters.last_member[kept] = clusters.last_member[gone]
    clusters.size[kept] += clusters.size[gone]
    clusters.regions[kept] = np.union1d(clusters.regions[kept], clusters.regions[gone])
    clusters.countries[kept] = np.union1d(clusters.countries[kept], clusters.countries[gone])
    clusters.named_days[kept] = np.union1d(clusters.named_days[kept], clusters.named_days[gone])
    clusters.coarse[kept] |= clusters.coarse[gone]
    clusters.dated[kept] += clusters.dated[gone]
    if clusters.first[gone] != _UNDATED:
        if clusters.first[kept] == _UNDATED:
            clusters.first[kept], clusters.last[kept] = clusters.first[gone], clusters.last[gone]
        else:
            clusters.first[kept] = min(clusters.first[kept], clusters.first[gone])
            clusters.last[kept] = max(clusters.last[kept], clusters.last[gone])


@numba.njit(cache=True)
def _labels(clusters: _Clusters) -> np.ndarray:
    """Each document's cluster, named by its smallest member."""
    labels = np.empty(len(clusters.alive), np.int64)
    for cluster in np.flatnonzero(clusters.alive):
        name, member = cluster, cluster
        while member != -1:
            name, member = min(name, member), clusters.next_member[member]
        member = cluster
        while member != -1:
            labels[member], member = name, clusters.next_member[member]
    return labels
