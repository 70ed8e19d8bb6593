"""Reproducible and safe builds: same input and now, same bytes; a broken build changes nothing."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pytest
from conftest import build_into


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_builds_with_the_same_now_are_byte_identical(tmp_path: Path) -> None:
    first = digest(build_into(tmp_path / "one"))
    second = digest(build_into(tmp_path / "two"))
    assert len(first) > 20
    assert first == second


def test_moving_now_changes_what_depends_on_it_but_never_static_files(tmp_path: Path) -> None:
    """A minute later, pages (build time, minutes so far) differ; theme files never do."""
    import datetime as dt

    later = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
    a = build_into(tmp_path / "a", now=later)
    b = build_into(tmp_path / "b", now=later + dt.timedelta(minutes=1))
    before, after = digest(a), digest(b)
    changed = {name for name, value in before.items() if after.get(name) != value}
    assert set(before) == set(after)
    pages = {name for name in before if name.endswith(".html") and not name.startswith("admin/")}
    assert pages <= changed  # every page says when it was built
    assert not [n for n in changed if n.startswith(("theme/", "feeds/", "badges/", "en/badges/"))]


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_a_build_that_fails_half_way_leaves_the_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: BaseException
) -> None:
    from douane_status.building import site
    from douane_status.domain.errors import BuildError

    output = build_into(tmp_path / "output")
    before = digest(output)
    real_write = site._write_page
    # pages are written by every process of the build: the count lives in memory they share
    attempts = multiprocessing.get_context("fork").Value("i", 0)

    def write_then_fail(*args: object, **kwargs: object) -> Path:
        with attempts.get_lock():
            attempts.value += 1
            attempt = attempts.value
        if attempt > 5:
            raise failure
        return real_write(*args, **kwargs)

    monkeypatch.setattr(site, "_write_page", write_then_fail)
    with pytest.raises((type(failure), BuildError)) as raised:
        build_into(output)
    if isinstance(raised.value, BuildError):  # it failed in a worker: handed back as its cause
        assert isinstance(raised.value.__cause__, type(failure))
    assert attempts.value > 5  # it really failed part-way through writing
    assert digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_failure_writing_feeds_fails_the_build_and_keeps_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from douane_status.building import site
    from douane_status.domain.errors import BuildError

    output = build_into(tmp_path / "output")
    before = digest(output)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(site, "write_subscriptions", broken)  # the feeds, calendars, API
    with pytest.raises((BuildError, OSError), match="disk full") as raised:
        build_into(output)  # in the forked worker on two cores: a BuildError caused by it
    assert isinstance(raised.value.__cause__ or raised.value, OSError)
    assert digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


@pytest.mark.parametrize("where", ["site", "build"])
def test_a_disk_that_fails_to_sync_fails_the_build_and_keeps_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Syncing happens twice on more than one core: a worker syncs what it wrote (``site``),
    and the build syncs the whole site before the swap (``build``); either failing stops it."""
    import errno
    import importlib

    from douane_status.building.parallel import worker_count
    from douane_status.domain.errors import BuildError

    if where == "site" and not worker_count():
        pytest.skip("one core: no worker syncs on its own")
    output = build_into(tmp_path / "output")
    before = digest(output)

    def refused(folder: Path) -> None:
        raise OSError(errno.EIO, "Input/output error", str(folder))

    module = importlib.import_module(f"douane_status.building.{where}")
    monkeypatch.setattr(module, "synced", refused)
    with pytest.raises((BuildError, OSError), match="Input/output error") as raised:
        build_into(output)
    assert isinstance(raised.value.__cause__ or raised.value, OSError)
    assert digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_a_swap_that_fails_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from douane_status.building import swap
    from douane_status.domain.errors import BuildError

    output = build_into(tmp_path / "output")
    before = digest(output)

    def refuse(first: Path, second: Path) -> None:
        raise OSError("exchange refused")

    monkeypatch.setattr(swap, "exchange", refuse)
    with pytest.raises(
        BuildError,
        match="cannot put the new site in the place of output/:.*"
        r"\(exchange refused\): check the path",
    ) as raised:
        build_into(output)
    assert isinstance(raised.value.__cause__, OSError)
    assert digest(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
