"""Every command path of the user guide's CLI reference answers `--help` with the documented
options (their long names, and short names where the reference gives one)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.conftest import cli_env

REFERENCE = Path(__file__).parent / "data" / "cli_reference.txt"

LATER: dict[str, str] = {}
"""Command paths of the reference that are not part of this release."""

UNDOCUMENTED = [("exec",)]
"""Command paths this CLI has that the reference does not list (the deployment guide shows
`torc -s exec -C commands.txt -j 4`)."""

GLOBAL_OPTIONS = {"--url", "--username", "--password", "--format", "--log-level"}


@dataclass(frozen=True)
class Documented:
    path: tuple[str, ...]
    usage: str
    long_options: tuple[str, ...]
    short_options: tuple[tuple[str, str], ...]
    """(short, long) pairs."""


_OPTION = re.compile(r"^\s*•\s+(?:(-[A-Za-z]), )?(--[a-z0-9][a-z0-9-]*)")


def documented() -> list[Documented]:
    """The `Usage: torc ...` blocks of the reference with the options each documents."""
    text = REFERENCE.read_text()
    found = []
    for block in re.split(r"^Usage: ", text, flags=re.MULTILINE)[1:]:
        lines = block.splitlines()
        words = lines[0].split()
        assert words[0] == "torc", lines[0]
        path = []
        for word in words[1:]:
            if word.startswith(("[", "<", "-")):
                break
            path.append(word)
        longs, shorts = [], []
        for line in lines[1:]:
            match = _OPTION.match(line)
            if match:
                longs.append(match.group(2))
                if match.group(1):
                    shorts.append((match.group(1), match.group(2)))
        found.append(Documented(tuple(path), lines[0], tuple(longs), tuple(shorts)))
    return found


DOCUMENTED = documented()

DRIVER = r"""
import contextlib, io, json, sys
from torc_cli.main import _register, app
_register()
answers = {}
for path in json.loads(sys.stdin.read()):
    out = io.StringIO()
    code = 0
    try:
        with contextlib.redirect_stdout(out):
            app.meta([*path, "--help"], result_action="return_value",
                     exit_on_error=False, print_error=False)
    except SystemExit as exc:
        code = exc.code or 0
    except Exception as exc:
        code = f"{type(exc).__name__}: {exc}"
    answers[" ".join(path)] = [code, out.getvalue()]
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def helps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[object, str]]:
    """`torc <path> --help` for every documented path, all in one process (the CLI is imported
    once; each path is parsed as it would be from the command line)."""
    home = tmp_path_factory.mktemp("home")
    paths = [list(d.path) for d in DOCUMENTED if d.path[:1] not in [(k,) for k in LATER]]
    paths += [list(path) for path in UNDOCUMENTED]
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(paths),
        capture_output=True,
        text=True,
        env=cli_env("http://127.0.0.1:9/torc-service/v1", home),
        timeout=120,
        check=True,
    )
    return {k: (v[0], v[1]) for k, v in json.loads(done.stdout).items()}


def test_the_reference_is_read() -> None:
    assert len(DOCUMENTED) >= 75
    jobs_list = next(d for d in DOCUMENTED if d.path == ("jobs", "list"))
    assert "--include-relationships" in jobs_list.long_options
    assert ("-s", "--status") in jobs_list.short_options


@pytest.mark.parametrize("doc", DOCUMENTED, ids=lambda d: " ".join(d.path) or "torc")
def test_help_lists_the_documented_options(
    doc: Documented, helps: dict[str, tuple[object, str]]
) -> None:
    if doc.path[:1] and doc.path[0] in LATER:
        pytest.skip(LATER[doc.path[0]])
    code, text = helps[" ".join(doc.path)]
    assert code == 0, (doc.usage, code)
    assert text.startswith("Usage: torc" + "".join(f" {p}" for p in doc.path)), text[:200]
    words = set(re.findall(r"(?<![\w-])-{1,2}[A-Za-z][\w-]*", text))
    missing = [o for o in doc.long_options if o not in words]
    assert not missing, f"{doc.usage}: {missing} not in --help"
    for short, long in doc.short_options:
        if doc.path == () or (short in ("-f", "-s") and long not in ("--status", "--sort-by")):
            continue  # the global -f/--format and -s/--standalone are the launcher's
        row = next(
            line
            for line in text.splitlines()
            if line.startswith("│") and re.search(rf"{long}(?![\w-])", line)
        )
        assert re.search(rf"(?<![\w-]){short}(?![\w-])", row), f"{doc.usage}: {short} {long}"


def test_global_options_everywhere(helps: dict[str, tuple[object, str]]) -> None:
    for path in ("", "jobs list", "workflows status"):
        text = helps[path][1]
        for option in GLOBAL_OPTIONS:
            assert option in text, (path, option)


def test_help_in_its_own_process(tmp_path: Path) -> None:
    """The same, run exactly as a user runs it."""
    done = subprocess.run(
        [sys.executable, "-c", "from torc_cli.main import main; main()", "jobs", "list", "--help"],
        capture_output=True,
        text=True,
        env=cli_env("http://127.0.0.1:9/torc-service/v1", tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for option in ("--status", "--upstream-job-id", "--limit", "--include-relationships"):
        assert option in done.stdout


RUN_DEFAULTS = {
    "run": {
        "--max-parallel-jobs": "[default: client.run.max_parallel_jobs, else none",
        "--num-cpus": "[default: client.run.num_cpus, else this machine's]",
        "--memory-gb": "[default: client.run.memory_gb, else this machine's]",
        "--num-gpus": "[default: client.run.num_gpus, else detected]",
        "--poll-interval": "[default: client.run.poll_interval, else 5.0]",
        "--output-dir": "[default: client.run.output_dir, else output (torc_output with -s)]",
    },
    "workflows run": {
        "--poll-interval": "[default: client.run.poll_interval, else 5.0]",
        "--max-parallel-jobs": "[default: client.run.max_parallel_jobs, else none",
        "--output-dir": "[default: client.run.output_dir, else output (torc_output with -s)]",
    },
    "exec": {
        "--commands-file": "-C",
        "--jobs": "[default: client.run.max_parallel_jobs, else as many as the CPUs allow]",
        "--output-dir": "[default: client.run.output_dir, else output (torc_output with -s)]",
    },
}


@pytest.mark.parametrize("path", RUN_DEFAULTS)
def test_run_options_name_their_configuration_key_and_default(
    path: str, helps: dict[str, tuple[object, str]]
) -> None:
    """The options `[client.run]` can set default to "not given" in the signatures; their help
    names the key and the documented built-in default in its `[default: ...]`."""
    code, text = helps[path]
    assert code == 0, code
    rows = _rows(text)
    for option, expected in RUN_DEFAULTS[path].items():
        row = next((r for r in rows if re.search(rf"{option}(?![\w-])", r)), None)
        assert row is not None, f"torc {path} --help: no {option}"
        assert expected in row, f"torc {path} --help, {option}: {row!r}"


def _rows(text: str) -> list[str]:
    """The option rows of a help panel, each with its continuation lines joined."""
    rows: list[str] = []
    for line in text.splitlines():
        if not line.startswith("│"):
            continue
        cells = line.strip("│ ")
        if re.match(r"[*]?\s*-", cells) or not rows:
            rows.append(cells)
        else:
            rows[-1] += " " + " ".join(cells.split())
    return rows
