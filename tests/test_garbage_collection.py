"""The garbage collector's tuning around a build (``building.collector``)."""

from __future__ import annotations

import gc
import weakref

from douane_status.building.collector import young_garbage_collected_only


class _Node:
    def __init__(self) -> None:
        self.itself = self


def _cycle_left_behind() -> weakref.ref[_Node]:
    gc.collect(0)  # the young generation's count starts at zero: no collection runs in here
    return weakref.ref(_Node())


def test_what_a_build_leaves_in_cycles_is_frozen_and_freed_when_the_process_builds_again() -> None:
    try:
        with young_garbage_collected_only():
            leftover = _cycle_left_behind()
        assert gc.get_freeze_count() > 0
        gc.collect()  # collections after the build skip what it left
        assert leftover() is not None
        with young_garbage_collected_only():  # serve and editor build again in one process
            assert leftover() is None
    finally:
        gc.unfreeze()


def test_the_collector_settings_are_restored_after_a_build() -> None:
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    try:
        with young_garbage_collected_only():
            assert gc.get_threshold()[1:] == (10**9, 10**9)
        assert (gc.get_threshold(), gc.isenabled()) == (thresholds, enabled)
    finally:
        gc.unfreeze()
