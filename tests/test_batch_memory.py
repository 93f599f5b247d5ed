"""Each loaded batch is freed at once, though Prefect holds task results in reference cycles."""

from __future__ import annotations

import gc
import weakref

from corroborate.flows.pipeline import _freed_per_batch


class _Result:
    """Stands in for a prepared batch held in a cycle, as a task's future and state hold it."""

    def __init__(self) -> None:
        self.cycle = self


def test_a_batch_in_a_reference_cycle_is_freed_by_the_per_batch_collection():
    with _freed_per_batch() as free_loaded_batches:
        assert gc.get_freeze_count() > 0  # what was alive before the batches is left alone
        result = _Result()
        gone = weakref.ref(result)
        del result
        free_loaded_batches()
        assert gone() is None
    assert gc.get_freeze_count() == 0
