"""The holidays package's Dutch days are kept in ``.cache/`` between builds, and a second build
reads them there instead of loading the package (a tenth of a second of a build)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import holidays
import pytest
from conftest import FIXTURE_NOW, make_project

from douane_status.domain import kept_holidays, workdays
from douane_status.domain.config import StatusSettings
from douane_status.domain.kept_holidays import kept_file, load_kept_holidays, read_kept
from douane_status.domain.workdays import LISTED_CATEGORIES, WorkCalendar

YEARS = range(2025, 2029)


@pytest.fixture(autouse=True)
def nothing_listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts in a process that has looked up no year yet."""
    monkeypatch.setattr(workdays, "_LISTED", {})
    workdays._dutch_holidays.cache_clear()
    yield
    workdays._dutch_holidays.cache_clear()


def package_days(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("NL", years=year, categories=LISTED_CATEGORIES))


def test_the_kept_days_are_the_packages_days(tmp_path: Path) -> None:
    load_kept_holidays(tmp_path, YEARS)
    kept = read_kept(kept_file(tmp_path))
    assert kept == {year: package_days(year) for year in YEARS}
    assert kept_file(tmp_path).name == f"holidays-nl-{holidays.__version__}.json"


def test_kept_days_are_taken_without_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_kept_holidays(tmp_path, YEARS)
    monkeypatch.setattr(workdays, "_LISTED", {})
    workdays._dutch_holidays.cache_clear()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("looked up in the package")

    monkeypatch.setattr(holidays, "country_holidays", refuse)
    load_kept_holidays(tmp_path, YEARS)
    calendar = WorkCalendar(StatusSettings())
    assert not calendar.is_working_day(dt.date(2027, 4, 27))  # King's Day
    assert calendar.is_working_day(dt.date(2027, 3, 26))  # Good Friday: the law counts it not
    assert not calendar.is_working_day(dt.date(2028, 5, 5))  # 5 May, every year
    with pytest.raises(AssertionError, match="looked up in the package"):
        calendar.is_working_day(dt.date(2031, 1, 1))  # a year not kept


@pytest.mark.parametrize(
    "text",
    [
        "",
        '{"categories": ["public", "optional"], "years": {"2025": ["2025-01-01"',  # cut off
        '{"categories": ["public"], "years": {}}',  # another layout
        '{"categories": ["public", "optional"], "years": {"2025": ["1 januari"]}}',
        "[1, 2]",
    ],
    ids=["empty", "truncated", "other-categories", "not-a-date", "not-an-object"],
)
def test_a_damaged_file_is_looked_up_again_and_written_anew(tmp_path: Path, text: str) -> None:
    file = kept_file(tmp_path)
    file.write_text(text, encoding="utf-8")
    assert read_kept(file) is None
    load_kept_holidays(tmp_path, YEARS)
    assert read_kept(file) == {year: package_days(year) for year in YEARS}


def test_a_year_not_kept_yet_is_added_to_the_file(tmp_path: Path) -> None:
    load_kept_holidays(tmp_path, [2026])
    load_kept_holidays(tmp_path, [2026, 2027])
    assert set(read_kept(kept_file(tmp_path)) or {}) == {2026, 2027}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_another_version_of_the_package_has_a_file_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_kept_holidays(tmp_path, YEARS)
    monkeypatch.setattr(kept_holidays.metadata, "version", lambda name: "99.0")
    assert kept_file(tmp_path).name == "holidays-nl-99.0.json"
    assert read_kept(kept_file(tmp_path)) is None


def test_a_folder_that_cannot_be_written_only_costs_the_look_up(tmp_path: Path) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the folder would be", encoding="utf-8")
    load_kept_holidays(blocked, YEARS)  # no error: the build goes on
    assert WorkCalendar(StatusSettings()).is_working_day(dt.date(2026, 4, 27)) is False
    assert blocked.read_text(encoding="utf-8") == "a file where the folder would be"


def test_a_second_build_does_not_load_the_holidays_package(tmp_path: Path) -> None:
    """The build command keeps the years its rules and the editor's checker look up, then
    takes them from ``.cache/``: the package is never imported by the second build."""
    project = make_project(tmp_path / "project")
    command = [sys.executable, "-X", "importtime", "tasks.py", "build", "--now", FIXTURE_NOW]

    def imports_holidays(output: str) -> bool:
        done = subprocess.run(
            [*command, "--output", output], cwd=project, capture_output=True, text=True, timeout=300
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return any(line.endswith("| holidays") for line in done.stderr.splitlines())

    assert imports_holidays("first")
    kept = json.loads(next((project / ".cache").glob("holidays-nl-*.json")).read_text())
    assert sorted(kept["years"]) == ["2025", "2026", "2027", "2028"]
    assert not imports_holidays("second")
    first, second = project / "first", project / "second"
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)
