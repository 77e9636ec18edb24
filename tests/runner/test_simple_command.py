"""Jobs that are one simple command start without bash in between (`torc_runner.simple_command`):
what such a job sees (arguments, environment, exit code, output files) is what it sees under
`bash -c`; commands that need bash, and environments that change what bash does, still get it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from torc_runner import job_process, libc_spawn
from torc_runner.job_env import SharedEnvironment
from torc_runner.simple_command import direct

SHOW = """#!/bin/sh
echo "args: $0 $*"
env | LC_ALL=C sort
"""


@pytest.fixture
def place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory with `show` (prints its arguments and environment) in `bin/`."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bin").mkdir()
    show = tmp_path / "bin" / "show"
    show.write_text(SHOW)
    show.chmod(0o755)
    return tmp_path


def environment(place: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": f"{place / 'bin'}:/usr/bin:/bin",
        "HOME": str(place),
        "PWD": str(place),
        "TORC_JOB_ID": "7",
    }
    env.update(extra)
    return env


def under_bash(text: str, env: dict[str, str], place: Path, tag: str) -> tuple[int, str, str]:
    out, err = place / f"{tag}.bash.o", place / f"{tag}.bash.e"
    with out.open("w") as stdout, err.open("w") as stderr:
        code = subprocess.run(
            ["bash", "-c", text], env=env, stdout=stdout, stderr=stderr, check=False
        ).returncode
    return code, out.read_text(), err.read_text()


def under_runner(text: str, env: Mapping[str, str], place: Path, tag: str) -> tuple[int, str, str]:
    out, err = place / f"{tag}.runner.o", place / f"{tag}.runner.e"
    pid = job_process.spawn(job_process.command_line(text, None), out, err, env)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), out.read_text(), err.read_text()


CASES = [
    ("show a b", {}),
    ("bin/show -x --y=1 a:b,c@d%e+f", {}),
    ("./bin/show", {}),
    ("show", {"SHLVL": "05"}),
    ("show", {"SHLVL": "3", "OLDPWD": "/"}),
    ("show", {"SHLVL": "abc", "OLDPWD": "/no/such/directory"}),
    ("show", {"PWD": "/"}),  # not the working directory: bash sets it
    ("show", {"PWD": "relative"}),
    ("env", {}),  # the order of the variables aside (compared sorted)
    ("false", {}),
    ("true extra words", {}),
]


@pytest.mark.parametrize(("text", "extra"), CASES)
def test_a_simple_command_sees_what_bash_would_give_it(
    place: Path, text: str, extra: dict[str, str]
) -> None:
    env = environment(place, **extra)
    assert direct(text, env) is not None  # it is started without bash
    tag = str(CASES.index((text, extra)))
    code, out, err = under_runner(text, env, place, tag)
    bash_code, bash_out, bash_err = under_bash(text, env, place, tag)
    assert (code, sorted(out.splitlines()), err) == (
        bash_code,
        sorted(bash_out.splitlines()),
        bash_err,
    )


@pytest.mark.parametrize(
    "text",
    [
        "echo hi",  # a builtin
        "exit 3",
        "cd /",
        "command show",
        "A=1 show",  # an assignment
        "show $HOME",
        "show b*",
        "show ~",
        "show 'a b'",
        'show "a"',
        "show a\\ b",
        "show > file",
        "show | cat",
        "show && true",
        "show; true",
        "show # comment",
        "show {a,b}",
        "no_such_program",
        "bin/not_executable",
    ],
)
def test_commands_that_need_bash_go_through_bash(place: Path, text: str) -> None:
    (place / "bin" / "not_executable").write_text("echo no\n")
    env = environment(place)
    assert direct(text, env) is None
    tag = str(abs(hash(text)))
    assert under_runner(text, env, place, tag) == under_bash(text, env, place, tag)


def test_reserved_words_go_through_bash(place: Path) -> None:
    assert direct("time show", environment(place)) is None  # /usr/bin/time exists too


@pytest.mark.parametrize(
    "extra",
    [
        {"BASH_ENV": "startup.sh"},  # bash reads it first: it defines `show` here
        {"BASH_FUNC_show%%": "() { echo function; }"},  # an exported function named show
        {"SHELLOPTS": "xtrace"},  # bash traces the command on stderr
        {"PWD": "PLACE/../PLACE_NAME"},  # the working directory, untidy: bash tidies it
        {"SHLVL": "999"},  # bash warns
    ],
)
def test_environments_that_change_what_bash_does_keep_bash(
    place: Path, extra: dict[str, str]
) -> None:
    (place / "startup.sh").write_text("show() { echo from BASH_ENV; }\n")
    extra = {
        key: value.replace("PLACE_NAME", place.name).replace("PLACE", str(place))
        for key, value in extra.items()
    }
    env = environment(place, **extra)
    assert direct("show a", env) is None
    tag = str(abs(hash(tuple(extra.items()))))
    assert under_runner("show a", env, place, tag) == under_bash("show a", env, place, tag)


def test_a_program_the_kernel_cannot_start_goes_through_bash(place: Path) -> None:
    """An executable text file with no `#!` line: bash runs it as a script."""
    script = place / "bin" / "plain"
    script.write_text("echo plain script $1\nexit 4\n")
    script.chmod(0o755)
    env = environment(place)
    assert direct("plain x", env) is not None
    assert under_runner("plain x", env, place, "p") == (4, "plain script x\n", "")
    assert under_bash("plain x", env, place, "p") == (4, "plain script x\n", "")


def test_jobs_sharing_an_environment_each_see_what_bash_would_give_them(place: Path) -> None:
    """The runner works out the shared environment once (`job_env`); each job's own variables
    still reach it, and nothing else differs from `bash -c`."""
    shared = SharedEnvironment(environment(place, SHLVL="2", OLDPWD="/"))
    for job_id in (1, 2):
        env = shared.job({"TORC_JOB_ID": str(job_id), "TORC_JOB_NAME": f"job_{job_id}"})
        code, out, err = under_runner("show a", env, place, f"shared{job_id}")
        assert f"TORC_JOB_ID={job_id}" in out.splitlines()
        assert f"TORC_JOB_NAME=job_{job_id}" in out.splitlines()
        bash_code, bash_out, bash_err = under_bash("show a", dict(env), place, f"shared{job_id}")
        assert (code, sorted(out.splitlines()), err) == (
            bash_code,
            sorted(bash_out.splitlines()),
            bash_err,
        )


def test_the_program_is_looked_up_in_path_for_each_start(place: Path) -> None:
    """A program that appears in an earlier PATH directory between two starts is the one the
    second start runs, as with a new bash for each job."""
    (place / "first").mkdir()
    shared = SharedEnvironment(environment(place, PATH=f"{place}/first:{place}/bin:/usr/bin"))
    _, out, _ = under_runner("show", shared.job({"TORC_JOB_ID": "1"}), place, "before")
    assert out.startswith(f"args: {place}/bin/show")
    newer = place / "first" / "show"
    newer.write_text("#!/bin/sh\necho newer\n")
    newer.chmod(0o755)
    assert under_runner("show", shared.job({"TORC_JOB_ID": "2"}), place, "after")[1] == "newer\n"


@pytest.mark.parametrize(
    ("own", "text"),
    [
        ({"BASH_ENV": "startup.sh"}, "show a"),  # its own variable that bash reads: bash runs it
        ({"PATH": "/usr/bin:/bin"}, "show a"),  # its own PATH: show is not found there
        ({"HOME": "/elsewhere"}, "env"),  # its own value of a shared one: in there once
    ],
)
def test_a_jobs_own_variables_that_matter_to_bash_are_not_overlooked(
    place: Path, own: dict[str, str], text: str
) -> None:
    (place / "startup.sh").write_text("show() { echo from BASH_ENV; }\n")
    env = SharedEnvironment(environment(place)).job(own)
    tag = str(abs(hash(tuple(own.items()))))
    code, out, err = under_runner(text, env, place, tag)
    bash_code, bash_out, bash_err = under_bash(text, dict(env), place, tag)
    assert (code, sorted(out.splitlines()), err) == (
        bash_code,
        sorted(bash_out.splitlines()),
        bash_err,
    )


def test_without_libc_spawn_jobs_start_through_os_posix_spawn_the_same(
    place: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where libc's posix_spawn cannot be called (not glibc), `os.posix_spawn` starts the
    jobs, with the same environment, simple commands and bash alike."""
    monkeypatch.setattr(libc_spawn, "AVAILABLE", False)
    started: list[str] = []
    spawn = os.posix_spawn

    def counted(path: str, *args: Any, **kwargs: Any) -> int:
        started.append(path)
        return spawn(path, *args, **kwargs)

    monkeypatch.setattr(os, "posix_spawn", counted)
    shared = SharedEnvironment(environment(place))
    for text in ("show a", "show a | cat"):
        env = shared.job({"TORC_JOB_ID": "9"})
        tag = str(abs(hash(text)))
        code, out, err = under_runner(text, env, place, tag)
        assert "TORC_JOB_ID=9" in out.splitlines()
        bash_code, bash_out, bash_err = under_bash(text, dict(env), place, tag)
        assert (code, sorted(out.splitlines()), err) == (
            bash_code,
            sorted(bash_out.splitlines()),
            bash_err,
        )
    assert started[0] == str(place / "bin" / "show")  # without bash
    assert started[1].endswith("/bash")
