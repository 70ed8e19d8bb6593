"""``invoke check``: output formats, exit statuses, --path, --strict, usage errors, speed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import invoke, make_project
from rulekit import REPO, outage, update, write_content

from douane_status.commands.check import CheckOptions, github_line, run_check, summary
from douane_status.domain.findings import error, warning

NOW = "2026-12-01T12:00"

CLEAN = outage(
    "2026-11-30-dms-verstoring",
    "disruption",
    start="2026-11-30 09:00",
    updates=[
        update("2026-11-30 09:00", "investigating", next_update="2026-11-30 09:30"),
        update("2026-11-30 09:30", "no-fault"),
    ],
)
LATE = outage(  # P09: the follow-up came 40 minutes after 'investigating'
    "2026-11-30-ncts-verstoring",
    "disruption",
    start="2026-11-30 09:00",
    systems=["ncts"],
    updates=[
        update("2026-11-30 09:00", "investigating", next_update="2026-11-30 09:40"),
        update("2026-11-30 09:40", "no-fault"),
    ],
)
BROKEN = outage(  # OUT004: unknown system
    "2026-11-30-xyz-verstoring",
    "disruption",
    start="2026-11-30 09:00",
    systems=["xyz"],
    updates=[update("2026-11-30 09:00", "investigating", next_update="2026-11-30 09:30")],
)


def project_with(root: Path, *outages) -> Path:
    """A project folder with the real settings file and only the given outage files."""
    project = root / "project"
    write_content(project, outages)
    shutil.copy(REPO / "pelicanconf.py", project / "pelicanconf.py")
    return project


def run(project: Path, capsys: pytest.CaptureFixture[str], *paths: str, **options):
    options.setdefault("now", NOW)
    status = run_check(project, CheckOptions(path=paths, **options))
    out, err = capsys.readouterr()
    return status, out, err


# -- text ------------------------------------------------------------------------------------


def test_text_all_well(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(project_with(tmp_path, CLEAN), capsys)
    assert (status, out, err) == (0, "0 errors, 0 warnings in 1 file\n", "")


def test_text_one_finding_a_line_then_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(project_with(tmp_path, CLEAN, LATE, BROKEN), capsys)
    lines = out.splitlines()
    assert status == 1 and err == ""
    assert lines[0].startswith(
        f"{LATE.path}:{LATE.update_line(1)}: P09 warning: update 1 (line {LATE.update_line(1)}) "
    )
    assert lines[1].startswith(f"{BROKEN.path}:{BROKEN.line('systems:')}: OUT004 error: ")
    assert lines[2] == "1 error, 1 warning in 3 files"
    assert len(lines) == 3


def test_warnings_pass_unless_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = project_with(tmp_path, CLEAN, LATE)
    assert run(project, capsys)[0] == 0
    assert run(project, capsys, strict=True)[0] == 1
    assert run(project_with(tmp_path / "clean", CLEAN), capsys, strict=True)[0] == 0


# -- json ------------------------------------------------------------------------------------


def test_json_is_an_empty_array_when_all_is_well(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(project_with(tmp_path, CLEAN), capsys, format_="json")
    assert (status, json.loads(out), err) == (0, [], "")


def test_json_objects_have_exactly_the_five_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(project_with(tmp_path, CLEAN, LATE, BROKEN), capsys, format_="json")
    findings = json.loads(out)  # nothing else on stdout, or this fails
    assert status == 1
    assert [set(f) for f in findings] == [{"file", "line", "code", "severity", "message"}] * 2
    assert [(f["file"], f["line"], f["code"], f["severity"]) for f in findings] == [
        (LATE.path, LATE.update_line(1), "P09", "warning"),
        (BROKEN.path, BROKEN.line("systems:"), "OUT004", "error"),
    ]


# -- github ----------------------------------------------------------------------------------


def test_github_annotations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(project_with(tmp_path, LATE, BROKEN), capsys, format_="github")
    lines = out.splitlines()
    assert status == 1
    assert lines[0].startswith(
        f"::warning file={LATE.path},line={LATE.update_line(1)},title=P09::update 1 (line "
    )
    assert lines[1].startswith(
        f"::error file={BROKEN.path},line={BROKEN.line('systems:')},title=OUT004::unknown system"
    )
    assert lines[2] == "1 error, 1 warning in 2 files"


def test_github_escapes_data_and_properties() -> None:
    finding = error("a,b:c%d.md", 3, "OUT001", "50% done\r\nnext: line, here")
    assert github_line(finding) == (
        "::error file=a%2Cb%3Ac%25d.md,line=3,title=OUT001::50%25 done%0D%0Anext: line, here"
    )
    assert github_line(warning("x.md", 1, "P02", "w")) == "::warning file=x.md,line=1,title=P02::w"


def test_summary_counts() -> None:
    assert summary([], 0) == "0 errors, 0 warnings in 0 files"
    findings = [
        error("a", 1, "OUT001", "m"),
        error("a", 2, "OUT002", "m"),
        warning("b", 1, "P02", "m"),
    ]
    assert summary(findings, 23) == "2 errors, 1 warning in 23 files"


# -- --path ----------------------------------------------------------------------------------


def test_path_limits_what_is_reported_but_not_what_is_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # a disruption that happened (a structural recovery after 'no-fault' is P12)
    resolved = type(CLEAN)(CLEAN.id, CLEAN.text.replace("status: no-fault", "status: resolved"))
    recovery = outage(
        "2026-12-02-dms-herstel",
        "unplanned-maintenance",
        announced="2026-12-01 10:00",
        start="2026-12-02 14:00",
        end="2026-12-02 15:00",
        follows=resolved.id,  # a file outside --path: still known
        updates=[update("2026-12-01 10:00", "scheduled")],
    )
    project = project_with(tmp_path, resolved, BROKEN, recovery)
    monkeypatch.chdir(project)
    status, out, _ = run(project, capsys, recovery.path)
    assert (status, out) == (0, "0 errors, 0 warnings in 1 file\n")
    # relative to the project when not found from the current folder
    monkeypatch.chdir(tmp_path)
    status, out, _ = run(project, capsys, recovery.path, BROKEN.path)
    assert status == 1 and out.endswith("1 error, 0 warnings in 2 files\n")
    # a folder
    status, out, _ = run(project, capsys, "content/outages/2026/")
    assert status == 1 and out.endswith("in 3 files\n")


# -- usage errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "paths", "message"),
    [
        pytest.param({"format_": "xml"}, [], "unknown --format 'xml'", id="format"),
        pytest.param(
            {"now": "tomorrow"}, [], "--now 'tomorrow' is not a time: write 'HH:MM' or", id="now"
        ),
        pytest.param({"now": "2026-03-29T02:30"}, [], "does not exist", id="now-dst"),
        pytest.param({}, ["content/outages/nope.md"], "--path content/outages/nope.md", id="path"),
    ],
)
def test_usage_errors_exit_2_without_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    options: dict[str, str],
    paths: list[str],
    message: str,
) -> None:
    status, out, err = run(project_with(tmp_path, CLEAN), capsys, *paths, **options)
    assert status == 2 and out == ""
    assert err.startswith("error: ") and message in err and "Traceback" not in err


def test_a_broken_settings_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(tmp_path, CLEAN)
    (project / "pelicanconf.py").write_text("DOUANE_STATUS = {'office_hours_start': 'noon'}\n")
    status, _, err = run(project, capsys)
    assert status == 2 and "error: pelicanconf.py:1: " in err and "office_hours_start" in err
    (project / "pelicanconf.py").write_text(
        'SITEURL = ""\nDOUANE_STATUS = {\n    "timezone": "Europe/Amsterdam",\n'
        '    "office_hours_start": "noon",\n}\n'
    )
    status, _, err = run(project, capsys)
    assert status == 2 and "error: pelicanconf.py:4: DOUANE_STATUS office_hours_start" in err
    (project / "pelicanconf.py").write_text("DOUANE_ADMIN = {'repo': 'no-slash'}\n")
    status, _, err = run(project, capsys)
    assert status == 2 and "error: pelicanconf.py:1: DOUANE_ADMIN repo must be" in err
    (project / "pelicanconf.py").write_text("X = 1\nDOUANE_STATUS = {\n")
    status, _, err = run(project, capsys)
    assert status == 2 and "pelicanconf.py:2: cannot be read: SyntaxError" in err
    assert "Traceback" not in err


def test_settings_from_pelicanconf_are_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_with(tmp_path, LATE)
    assert run(project, capsys)[1].endswith("0 errors, 1 warning in 1 file\n")
    (project / "pelicanconf.py").write_text(
        'DOUANE_STATUS = {"investigation_followup_minutes": 45}\n'
    )
    assert run(project, capsys) == (0, "0 errors, 0 warnings in 1 file\n", "")


# -- as operators run it ---------------------------------------------------------------------


def test_invoke_check_end_to_end_and_fast(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.rmtree(project / "content" / "outages")
    write_content(project, [CLEAN, LATE, BROKEN])
    began = time.perf_counter()
    result = invoke(project, "check", "--now", NOW, "--format", "json")
    elapsed = time.perf_counter() - began
    assert result.returncode == 1, result.stderr
    assert [f["code"] for f in json.loads(result.stdout)] == ["P09", "OUT004"]
    assert result.stderr == ""
    assert elapsed < 3.0  # a whole interpreter start; about 0.2 s on a laptop
    result = invoke(project, "check", "--now", NOW, "--path", LATE.path, "--strict")
    assert result.returncode == 1 and result.stdout.endswith("0 errors, 1 warning in 1 file\n")
    result = invoke(project, "check", "--format", "yaml")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_the_check_does_not_import_pelican(tmp_path: Path) -> None:
    project = project_with(tmp_path, CLEAN)
    code = (
        "import sys; from pathlib import Path; from douane_status.commands import cli; "
        f"argv = ['check', '--format', 'json', '--now', {NOW!r}]; "
        f"status = cli.main(Path({str(project)!r}), argv); "
        "assert 'pelican' not in sys.modules, 'pelican was imported'; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO / "plugins",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, "[]", "")


def test_checking_one_file_still_sees_every_id_and_the_nearest_disruption(tmp_path: Path) -> None:
    import datetime as dt
    import shutil

    from conftest import FIXTURE_CONTENT

    from douane_status.domain.config import StatusSettings
    from douane_status.rules.content import load_content

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    resolved = content / "outages/2026/2026-11-25-ics2-opgelost.md"
    twin = content / "outages/2027/2026-11-25-ics2-opgelost.md"
    twin.parent.mkdir()
    shutil.copy(resolved, twin)
    recovery = content / "outages/2026/2026-11-30-ics2-herstel.md"
    recovery.write_text(
        "---\ntype: unplanned-maintenance\ntitle: {nl: Herstel, en: Recovery}\nsystems: [ics2]\n"
        "announced: 2026-11-26 09:00\nstart: 2026-11-30 20:00\nend: 2026-11-30 21:00\n"
        "fallback_possible: false\nfollows: 2026-11-25-ics2-opgeloste\nupdates:\n"
        "  - {at: 2026-11-26 09:00, status: scheduled, nl: Gepland., en: Scheduled.}\n---\n"
        "::: nl\nTekst.\n:::\n::: en\nText.\n:::\n",
        encoding="utf-8",
    )
    now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)

    one = load_content(content, StatusSettings(), now, root=tmp_path, only=[twin, recovery])
    everything = load_content(content, StatusSettings(), now, root=tmp_path)

    codes = sorted((f.file, f.code) for f in one.findings)
    assert ("content/outages/2027/2026-11-25-ics2-opgelost.md", "OUT007") in codes
    p12 = [f for f in one.findings if f.code == "P12"]
    assert len(p12) == 1 and "did you mean '2026-11-25-ics2-opgelost'?" in p12[0].message
    # the same findings as a check of everything, for the files asked about
    asked = {
        "content/outages/2027/2026-11-25-ics2-opgelost.md",
        "content/outages/2026/2026-11-30-ics2-herstel.md",
    }
    assert one.findings == tuple(f for f in everything.findings if f.file in asked)


def test_unknown_option_is_a_usage_error_with_status_2(tmp_path: Path) -> None:
    from conftest import invoke, make_project

    project = make_project(tmp_path / "project")
    result = tasks_py(project, "check", "--bogus")
    assert result.returncode == 2
    assert "'--bogus'" in result.stderr and "Traceback" not in result.stderr
    missing_value = tasks_py(project, "check", "--now")
    assert missing_value.returncode == 2 and "--now" in missing_value.stderr
    # through invoke, invoke's own parser rejects them (with its status 1, as the README says)
    through_invoke = invoke(project, "check", "--bogus")
    assert through_invoke.returncode != 0 and "'--bogus'" in through_invoke.stderr
    assert "Traceback" not in through_invoke.stderr
    # a wrong value is the command line's to judge, through invoke as well
    wrong_value = invoke(project, "check", "--format", "yaml")
    assert wrong_value.returncode == 2 and "'yaml'" in wrong_value.stderr


def tasks_py(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line without invoke: ``python tasks.py ARGS``, as the README gives it."""
    return subprocess.run(
        [sys.executable, "tasks.py", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_tasks_py_as_a_script_builds_without_loading_invoke(tmp_path: Path) -> None:
    """The publish workflow builds with ``python tasks.py build``: invoke's modules (a tenth of
    a second) are not loaded. An ``invoke`` that fails on import stands in the way here."""
    from conftest import make_project

    project = make_project(tmp_path / "project")
    blocker = tmp_path / "blocker" / "invoke"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text('raise ImportError("invoke was loaded")\n')
    env = {**os.environ, "PYTHONPATH": str(blocker.parent)}
    built = tasks_py(project, "build", "--now", "2026-11-29T10:00", env=env)
    assert built.returncode == 0, built.stderr
    assert (project / "output" / "index.html").is_file()
    # the process ends without the interpreter's teardown: what it printed still arrives whole
    assert "Built the site into output/" in built.stdout and built.stdout.endswith("\n")
    broken = next((project / "content" / "outages").rglob("*.md"))
    broken.write_text(broken.read_text(encoding="utf-8").replace("type:", "typ:", 1))
    failed = tasks_py(project, "build", "--now", "2026-11-29T10:00", env=env)
    assert failed.returncode == 1 and "Build failed: " in failed.stderr
    assert failed.stderr.endswith("unchanged.\n")
    # the same stand-in does stop invoke itself: the test would see a script that loads it
    through_invoke = subprocess.run(
        [sys.executable, "-m", "invoke", "--list"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert "invoke was loaded" in through_invoke.stderr


def test_the_text_output_never_starts_a_line_with_a_workflow_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field name or value can hold line breaks; a CI log reads a line that starts with '::'
    (or '##[') as a command: the text output writes every finding on one line."""
    project = tmp_path / "project"
    content_dir = write_content(project, [])
    (project / "pelicanconf.py").write_bytes((REPO / "pelicanconf.py").read_bytes())
    (content_dir / "outages" / "2026").mkdir()
    corpus = REPO / "tests" / "corpus" / "workflow-command-in-key.md"
    (content_dir / "outages" / "2026" / corpus.name).write_bytes(corpus.read_bytes())
    for output_format in ("text", "github"):
        status = run_check(project, CheckOptions(format_=output_format, now="2026-12-01 12:00"))
        out = capsys.readouterr().out
        assert status == 1 and "add-mask" in out
        commands = [line for line in out.splitlines() if line.lstrip().startswith(("::", "##["))]
        if output_format == "text":
            assert commands == [], out
            assert (
                "unknown field 'x\\n::error file=a::pwned\\n::add-mask::secret\\n##[error]old'"
                in out
            )
        else:  # one annotation, its message escaped onto its line
            assert len(commands) == 1 and commands[0].startswith("::error file=content/"), out


@pytest.mark.parametrize("files", [3, 80])  # read here; read on every core
def test_a_file_that_cannot_be_read_is_named_without_a_traceback(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    files: int,
) -> None:
    project = project_with(tmp_path, CLEAN)
    folder = project / "content" / "outages" / "2026"
    source = next(folder.glob("*.md"))
    for number in range(files - 1):
        shutil.copy(source, folder / f"2026-11-30-copy-{number:03d}.md")
    this_process = os.getpid()
    read_bytes = Path.read_bytes

    def refusing(path: Path) -> bytes:
        # with workers, only they fail: the error must come back from another process
        if path.name.startswith("2026-11-30-copy") and (files < 50 or os.getpid() != this_process):
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)  # the forked readers inherit it
    status, out, err = run(project, capsys)
    assert status == 2 and out == ""
    refused = Path(err.removeprefix("error: cannot read ").split(": ")[0])
    assert refused.parent == folder and refused.name.startswith("2026-11-30-copy")
    assert err == f"error: cannot read {refused}: Permission denied\n"
