"""A job whose command line is one simple command is started without bash in between.

Jobs run as `bash -c "<command>"`. When the command is a single simple command (a program and
plain words: no quotes, variables, globs, redirections, operators or builtins), bash itself does
nothing but look the program up in PATH and exec it in its own process, after starting up, which
costs a millisecond or two of CPU per job: more than a no-op job costs. `direct` does that lookup
here instead and answers what to exec, with the environment as bash would leave it (PWD, SHLVL,
`_`), so that the job cannot tell the difference; anything else, or anything bash could make
different (BASH_ENV, exported functions, shell options in the environment), answers None and the
job goes through bash as always. A direct start that fails (a script with no `#!` line, say) goes
through bash too (`job_process.spawn`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from torc_runner import libc_spawn

_PLAIN = re.compile(r"[A-Za-z0-9_./:,+@%=-]+(?:[ \t]+[A-Za-z0-9_./:,+@%=-]+)*")
"""Words bash takes literally, separated by blanks (no quoting, expansion or operator)."""

_BASH_WORDS = frozenset(
    (
        ".",
        ":",
        "[",
        "alias",
        "bg",
        "bind",
        "break",
        "builtin",
        "caller",
        "cd",
        "command",
        "compgen",
        "complete",
        "compopt",
        "continue",
        "declare",
        "dirs",
        "disown",
        "echo",
        "enable",
        "eval",
        "exec",
        "exit",
        "export",
        "fc",
        "fg",
        "getopts",
        "hash",
        "help",
        "history",
        "jobs",
        "kill",
        "let",
        "local",
        "logout",
        "mapfile",
        "popd",
        "printf",
        "pushd",
        "pwd",
        "read",
        "readarray",
        "readonly",
        "return",
        "set",
        "shift",
        "shopt",
        "source",
        "suspend",
        "test",
        "times",
        "trap",
        "type",
        "typeset",
        "ulimit",
        "umask",
        "unalias",
        "unset",
        "wait",
        "case",
        "coproc",
        "do",
        "done",
        "elif",
        "else",
        "esac",
        "fi",
        "for",
        "function",
        "if",
        "in",
        "select",
        "then",
        "time",
        "until",
        "while",
    )
)
"""bash's builtins and reserved words, which bash runs itself (`true` and `false` behave as
their programs do, so they are not here)."""

_BASH_SETTINGS = ("BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "BASH_XTRACEFD", "POSIXLY_CORRECT")
"""Variables that make bash read a file or behave differently before running the command."""


@dataclass(frozen=True, slots=True)
class Plan:
    """How bash would run a simple command in an environment, all but the program's path:
    that is looked up in PATH for each start (`program`), as each bash does."""

    name: str
    argv: list[str]
    env: dict[str, str]
    """The environment as bash leaves it (PWD, SHLVL, OLDPWD), `_` not set yet."""


def plan(text: str, env: Mapping[str, str]) -> Plan | None:
    """The plan to exec `text` as bash would in `env`, or None when `text` needs bash (or
    might: when in doubt, None)."""
    text = text.strip(" \t")
    if not _PLAIN.fullmatch(text):
        return None
    argv = text.split()
    name = argv[0]
    if name in _BASH_WORDS or "=" in name:  # a builtin, a keyword, or an assignment
        return None
    if any(key in env for key in _BASH_SETTINGS) or any(k.startswith("BASH_FUNC_") for k in env):
        return None
    if "PATH" not in env:  # bash would use its own default search path
        return None
    shell_env = _as_bash_leaves_it(env)
    if shell_env is None:
        return None
    return Plan(name, argv, shell_env)


def direct(text: str, env: Mapping[str, str]) -> tuple[str, list[str], dict[str, str]] | None:
    """(program path, argv, environment) to exec `text` as bash would, or None when `text` needs
    bash (or might)."""
    found = plan(text, env)
    if found is None:
        return None
    path = program(found.name, found.env["PATH"])
    if path is None:  # bash reports it (command not found, permission denied)
        return None
    return path, found.argv, {**found.env, "_": path}


def program(name: str, search: str) -> str | None:
    """The file bash would exec for `name`: the first executable in the `search` path (`name`
    itself when it has a slash), as `shutil.which` finds it, with one system call per
    directory that does not hold it."""
    if "/" in name:
        return name if _executable(name) else None
    if not search:  # an empty PATH finds nothing (PATH=":" is the working directory)
        return None
    for directory in search.split(os.pathsep):
        if not directory:
            candidate = name  # an empty entry is the working directory
        elif directory.endswith("/"):
            candidate = directory + name
        else:
            candidate = f"{directory}/{name}"
        if _executable(candidate):
            return candidate
    return None


def _executable(path: str) -> bool:
    if libc_spawn.AVAILABLE:  # without a hand-over of the GIL per directory of PATH
        return libc_spawn.executable(path) and not libc_spawn.is_directory(path)
    return os.access(path, os.X_OK) and not os.path.isdir(path)


def is_inert(key: str) -> bool:
    """Whether a variable cannot change how a simple command is planned (`plan`): not one bash
    reads before running it, and not one it sets or changes."""
    return not (key in _BASH_SETTINGS or key in _SHELL_SET or key.startswith("BASH_FUNC_"))


_SHELL_SET = frozenset(("PATH", "PWD", "OLDPWD", "SHLVL", "_"))
"""Variables `plan` reads or bash sets for the program."""


def _as_bash_leaves_it(env: Mapping[str, str]) -> dict[str, str] | None:
    """The environment bash gives a program it execs (`_` aside): PWD the working directory,
    SHLVL a non-negative number, OLDPWD only when it names a directory. None when bash would do
    something this does not copy (warn of a high SHLVL, tidy a PWD)."""
    pwd = _working_directory(env.get("PWD"))
    if pwd is None:
        return None
    result = dict(env)
    result["PWD"] = pwd
    level = env.get("SHLVL", "").strip(" \t\n")
    if level.isdigit():
        if int(level) >= 999:  # bash warns and starts again from 1
            return None
        result["SHLVL"] = str(int(level))
    elif level[:1] in ("+", "-"):  # bash's reading of signed numbers is not copied here
        return None
    else:
        result["SHLVL"] = "0"
    oldpwd = env.get("OLDPWD")
    if oldpwd is not None and not os.path.isdir(oldpwd):
        del result["OLDPWD"]
    return result


def _working_directory(pwd: str | None) -> str | None:
    """bash keeps an inherited PWD that is an absolute name of the working directory (tidied:
    None here when it would need tidying), and sets the working directory's path otherwise."""
    if pwd and pwd.startswith("/"):
        try:
            same = os.path.samefile(pwd, ".")
        except OSError:
            same = False
        if same:
            tidy = os.path.normpath(pwd) == pwd and not pwd.startswith("//")
            return pwd if tidy else None
    return os.getcwd()
