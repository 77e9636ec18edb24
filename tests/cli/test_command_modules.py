"""A command named on the command line has only its own module imported
(`torc_cli.commands.MODULE_OF`); anything else has every command group registered."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module

import pytest
from cyclopts import App

from torc_cli.commands import GROUPS, MODULE_OF
from torc_cli.main import _command_name


def _names(module_name: str) -> set[str]:
    app = App()
    for command in getattr(import_module(f"torc_cli.commands.{module_name}"), "COMMANDS", []):
        app.command(command)
    return {name for name in app if not name.startswith("-")}


def test_each_command_maps_to_the_module_that_defines_it() -> None:
    defined = {name: module for module in GROUPS for name in _names(module)}
    assert {name: defined[name] for name in MODULE_OF} == MODULE_OF
    # every command but `completions` (it describes all of them) is in the map
    assert set(defined) - set(MODULE_OF) == {"completions"}


@pytest.mark.parametrize(
    ("tokens", "name"),
    [
        (["run", "wf.yaml"], "run"),
        (["-s", "-f", "json", "run", "wf.yaml"], "run"),
        (["--url=http://h:1/torc-service/v1", "--in-memory", "exec", "true"], "exec"),
        (["--db", "x.db", "--snapshot-interval-seconds", "5", "workflows", "list"], "workflows"),
        (["--ca-cert", "ca.pem", "jobs", "list", "1"], "jobs"),
        (["--help"], None),
        (["-s", "--help", "run"], None),
        (["--format"], None),
        (["--standalone=yes", "run"], None),
        ([], None),
    ],
)
def test_the_command_name_after_the_leading_options(tokens: list[str], name: str | None) -> None:
    assert _command_name(tokens) == name


def _modules_after(tokens: list[str]) -> set[str]:
    code = (
        "import sys; from torc_cli.main import _register; "
        f"_register({tokens!r}); "
        "print(' '.join(m for m in sys.modules if m.startswith('torc_cli.commands.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return {name.removeprefix("torc_cli.commands.").split(".")[0] for name in out.split()}


def test_a_named_command_imports_its_module_only_and_help_imports_all() -> None:
    assert _modules_after(["-s", "-f", "json", "run", "wf.yaml"]) == {"run"}
    assert _modules_after(["--help"]) >= set(GROUPS)


def test_registering_again_adds_the_other_groups() -> None:
    code = (
        "from torc_cli.main import _register, app; _register(['run', 'x']); _register(); "
        "print(' '.join(sorted(n for n in app if not n.startswith('-'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert set(out) == set(MODULE_OF) | {"completions"}
