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
import shutil
from collections.abc import Mapping

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


def direct(text: str, env: Mapping[str, str]) -> tuple[str, list[str], dict[str, str]] | None:
    """(program path, argv, environment) to exec `text` as bash would, or None when `text` needs
    bash (or might: when in doubt, None)."""
    text = text.strip(" \t")
    if not _PLAIN.fullmatch(text):
        return None
    argv = text.split()
    name = argv[0]
    if name in _BASH_WORDS or "=" in name:  # a builtin, a keyword, or an assignment
        return None
    if any(key in env for key in _BASH_SETTINGS) or any(k.startswith("BASH_FUNC_") for k in env):
        return None
    search = env.get("PATH")
    if search is None:  # bash would use its own default search path
        return None
    path = shutil.which(name, path=search)  # a name with a slash: that file
    if path is None:  # bash reports it (command not found, permission denied)
        return None
    shell_env = _as_bash_leaves_it(env, path)
    if shell_env is None:
        return None
    return path, argv, shell_env


def _as_bash_leaves_it(env: Mapping[str, str], underscore: str) -> dict[str, str] | None:
    """The environment bash gives a program it execs: PWD the working directory, SHLVL a
    non-negative number, OLDPWD only when it names a directory, `_` the program's path. None
    when bash would do something this does not copy (warn of a high SHLVL, tidy a PWD)."""
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
    result["_"] = underscore
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
