"""The command line and the invoke tasks come from one options class per command."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import REPO

import tasks
from douane_status.commands import cli
from douane_status.domain.errors import ExitStatus
from douane_status.domain.options import option_specs
from douane_status.operators.options import UpdateOptions


@pytest.mark.parametrize("command", cli.COMMANDS, ids=lambda command: command.name)
def test_each_invoke_task_offers_the_options_of_its_command(command: cli.Command) -> None:
    task = getattr(tasks, command.name)
    arguments = {argument.names[0]: argument for argument in task.get_arguments()}
    specs = option_specs(command.options)
    assert sorted(arguments) == sorted(spec.flag.removeprefix("--") for spec in specs)
    for spec in specs:
        argument = arguments[spec.flag.removeprefix("--")]
        assert argument.help == spec.help
        assert argument.positional is spec.positional
    assert task.__doc__ == command.options.__doc__


def test_what_invoke_parsed_reaches_the_command_unchanged() -> None:
    given = UpdateOptions(
        event="-an-id-that-looks-like-an-option",
        status="disruption",
        fallback="allowed",
        next_=45,
        nl="Tekst: met -- erin",
        en="Text",
        buffered=True,
        now="2026-11-29T10:00",
    )
    values = dataclasses.asdict(given)
    values["next_"] = "45"  # invoke hands every value over as text
    argv = tasks.command_line(option_specs(UpdateOptions), values)
    command, options = cli.parse(["update", *argv])
    assert command.name == "update" and options == given


def test_repeatable_options_and_defaults() -> None:
    _, options = cli.parse(["check", "--path", "a.md", "--path", "b.md", "--strict"])
    assert (options.path, options.strict, options.format_, options.now) == (
        ("a.md", "b.md"),
        True,
        "text",
        None,
    )
    _, options = cli.parse(["serve"])
    assert (options.port, options.now) == (8000, None)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "--systems", "dms"], "--type"),
        (["update", "some-event", "--next", "soon"], "--next"),
        (["check", "--format", "xml"], "'xml'"),
        (["check", "--now"], "--now"),
        (["check", "--bogus"], "'--bogus'"),
        (["deploy"], "'deploy'"),
        ([], "COMMAND"),
    ],
)
def test_usage_errors_say_what_is_wrong_and_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(tmp_path, argv) == ExitStatus.USAGE
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: ") and message in err


def test_help_is_not_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(REPO, ["update", "--help"]) == ExitStatus.OK
    out = capsys.readouterr().out
    assert "--expected-end" in out and "Append one update to an event" in out
