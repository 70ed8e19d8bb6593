"""The garbage collector's tuning around a build (``building.collector``)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURE_NOW, REPO

from douane_status.building.collector import young_garbage_collected_only
from douane_status.domain.errors import ExitStatus


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


def test_the_build_command_keeps_the_tuning_from_the_first_file_read_to_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading is where a build allocates most of what it keeps: with Python's own thresholds
    each full collection there walks all the content read so far."""
    from douane_status.building import build
    from douane_status.commands import cli

    seen: dict[str, tuple[int, ...]] = {}

    def recorded(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            seen[name] = gc.get_threshold()
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(cli, "read_first", recorded("reading", cli.read_first))
    monkeypatch.setattr(build, "swap_in", recorded("swap", build.swap_in))
    thresholds = gc.get_threshold()
    try:
        argv = ["build", "--now", FIXTURE_NOW, "--output", str(tmp_path / "site")]
        assert cli.main(REPO, argv) == ExitStatus.OK
        assert gc.get_freeze_count() > 0  # what the build kept is frozen afterwards
    finally:
        gc.unfreeze()
    assert seen["reading"][1:] == seen["swap"][1:] == (10**9, 10**9)
    assert gc.get_threshold() == thresholds
