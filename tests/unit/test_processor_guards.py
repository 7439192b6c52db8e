"""The processor's guards against a stalled stream: extraction timeout and stall arithmetic."""

from __future__ import annotations

import operator
import time

import pytest
from faust.types import TP

from dipwatch.adapters.processor import ExtractionTimeoutError, WorkerPool, unread_offsets

A, B, C = TP("t.items", 0), TP("t.items", 1), TP("t.processor-stories", 0)


async def test_a_call_over_the_timeout_is_killed_and_the_pool_serves_the_next() -> None:
    # 10 s, not less: after the kill the next call includes a fresh spawn start-up, which takes seconds on a
    # loaded machine (a 3 s timeout once failed there).
    pool = WorkerPool(1, timeout=10.0)
    try:
        assert await pool.call(operator.add, 1, 2) == 3  # the worker is up (spawn start-up is not timed)
        started = time.monotonic()
        with pytest.raises(ExtractionTimeoutError):
            await pool.call(time.sleep, 60)
        assert time.monotonic() - started < 30
        assert await pool.call(operator.mul, 6, 7) == 42
    finally:
        pool.shutdown()


def test_partitions_read_to_their_high_water_mark_are_not_unread() -> None:
    assert unread_offsets([A, B], {A: 10, B: 4}, {A: 0, B: 0}, {A: 10, B: 4}) == {}


def test_a_committed_offset_below_the_high_water_mark_is_read_again_from_there() -> None:
    assert unread_offsets([A, B], {A: 7, B: 4}, {A: 0, B: 0}, {A: 10, B: 4}) == {A: 7}


def test_a_partition_without_a_commit_is_read_again_from_its_start() -> None:
    # -1 is Kafka's "no committed offset"; a missing entry means the same
    assert unread_offsets([A, B, C], {A: -1}, {A: 3, B: 0, C: 5}, {A: 9, B: 2, C: 5}) == {A: 3, B: 0}
