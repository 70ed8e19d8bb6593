"""What the machine refuses a build (a full disk, a folder in use, a vanished file) is one line
naming the path and what to do, exit 1, and the published folder stays as it was.

The full disk and the busy folder are real: a small tmpfs mounted for the test (as root; the
tests are skipped where mounting is not permitted).
"""

from __future__ import annotations

import errno
import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_NOW, invoke, make_project

from douane_status.building.failures import explain
from douane_status.domain.errors import ExitStatus


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[list[Path]]:
    """Mount tmpfs file systems (``mount(path, size)``) for the test; unmounted after it."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    points: list[Path] = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], check=False)


def mount(points: list[Path], point: Path, size: str) -> None:
    point.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"mount is not permitted here: {result.stderr.strip()}")
    points.append(point)


def one_failure_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("Build failed:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def test_a_full_disk_is_one_line_and_the_published_site_stays(
    tmp_path: Path, mounted: list[Path]
) -> None:
    project = make_project(tmp_path / "project")
    disk = tmp_path / "disk"
    mount(mounted, disk, "64m")
    output = disk / "output"
    first = invoke(project, "build", "--now", FIXTURE_NOW, "--output", str(output))
    assert first.returncode == ExitStatus.OK, first.stderr
    before = digest(output)
    size = sum((output / name).stat().st_size for name in before)
    free = os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize
    with open(disk / "filler", "wb") as filler:  # leave room for half a site
        filler.truncate(0)
        filler.write(b"\0" * max(0, free - size // 2))
    result = invoke(project, "build", "--now", FIXTURE_NOW, "--output", str(output))
    assert result.returncode == ExitStatus.FINDINGS
    line = one_failure_line(result.stderr)
    assert "(No space left on device): the disk is full: free space on it" in line, line
    assert f"cannot build the site: {disk}/.output.building-" in line  # where it could not write
    assert line.endswith(f"Nothing was published; {output}/ is unchanged.")
    assert digest(output) == before
    assert sorted(p.name for p in disk.iterdir()) == ["filler", "output"]  # nothing half-built
    (disk / "filler").unlink()
    again = invoke(project, "build", "--now", FIXTURE_NOW, "--output", str(output))
    assert again.returncode == ExitStatus.OK, again.stderr  # room again: it publishes


def test_an_output_folder_that_is_a_mount_point_is_in_use(
    tmp_path: Path, mounted: list[Path]
) -> None:
    project = make_project(tmp_path / "project")
    output = tmp_path / "web" / "output"
    mount(mounted, output, "64m")  # empty: a folder the build may fill, but cannot rename
    result = invoke(project, "build", "--now", FIXTURE_NOW, "--output", str(output))
    assert result.returncode == ExitStatus.FINDINGS
    line = one_failure_line(result.stderr)
    assert "cannot put the new site in the place of output/:" in line
    assert "(Device or resource busy): it is in use (a mount point" in line
    assert list(output.iterdir()) == []
    assert sorted(p.name for p in output.parent.iterdir()) == ["output"]


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "no permission: check who owns it"),
        (errno.EPERM, "the system does not allow it"),
        (errno.EBUSY, "it is in use"),
        (errno.EROFS, "read-only"),
        (errno.ENOENT, "disappeared while the build ran"),
        (errno.ENAMETOOLONG, "check the path and run the build again"),
    ],
)
def test_each_refusal_names_the_path_and_what_to_do(code: int, words: str) -> None:
    exc = OSError(code, os.strerror(code), "/srv/site/.output.building-x/a\nb.html")
    line = explain(exc, "write", Path("/srv/site"))
    assert line.startswith("cannot write .output.building-x/a b.html (")
    assert words in line and "\n" not in line


def test_a_staging_folder_removed_by_a_build_beside_it_is_one_line(tmp_path: Path) -> None:
    """Another build (or ``invoke clean``) removed this build's folder before the swap."""
    import shutil

    from conftest import FIXTURE_CONTENT, FIXTURE_NOW_UTC, REPO

    from douane_status.building.build import build_site
    from douane_status.domain.errors import BuildError

    output = tmp_path / "output"
    build_site(REPO, REPO / "pelicanconf.py", output, FIXTURE_NOW_UTC, content_dir=FIXTURE_CONTENT)
    before = digest(output)

    def remove_staging(step: str) -> None:
        if step == "built":
            for folder in tmp_path.glob(".output.building-*"):
                shutil.rmtree(folder)

    with pytest.raises(BuildError) as raised:
        build_site(
            REPO,
            REPO / "pelicanconf.py",
            output,
            FIXTURE_NOW_UTC,
            content_dir=FIXTURE_CONTENT,
            step=remove_staging,
        )
    message = str(raised.value)
    assert message.startswith("cannot put the new site in the place of output/: ")
    assert "(No such file or directory): it disappeared while the build ran" in message
    assert "\n" not in message
    assert digest(output) == before
