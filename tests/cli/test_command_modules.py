"""A command named on the command line has only its own module imported
(`torc_cli.commands.MODULE_OF`); anything else has every command group registered."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from torc_cli.commands import GROUPS, MODULE_OF
from torc_cli.main import _command_name

_TREE = """
import json, sys
from torc_cli.main import _register, app


def tree(a, prefix=(), depth=0):
    found = set()
    for name in a:
        if name.startswith("-"):
            continue
        found.add(prefix + (name,))
        if depth < 2:
            found |= tree(a[name], prefix + (name,), depth + 1)
    return found


_register(sys.argv[1:])
print(json.dumps(sorted(tree(app))))
"""


def _tree(*tokens: str) -> set[tuple[str, ...]]:
    """The command tree (three levels) after registering for `tokens`, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", _TREE, *tokens], capture_output=True, text=True, check=True
    ).stdout
    return {tuple(path) for path in json.loads(out)}


def test_each_command_has_the_same_tree_with_only_its_modules() -> None:
    everything = _tree()
    tops = {path[0] for path in everything}
    # every command but `completions` (it describes all of them) is in the map
    assert tops - set(MODULE_OF) == {"completions"} and set(MODULE_OF) <= tops
    for name, modules in MODULE_OF.items():
        assert set(modules) <= set(GROUPS)
        mine = {path for path in _tree(name) if path[0] == name}
        assert mine == {path for path in everything if path[0] == name}, name


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
