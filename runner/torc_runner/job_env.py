"""A job's environment: the runner's, which every job shares, and the few variables of its own.

Every job of a runner gets the same environment but for its own TORC_ variables. What follows
from the shared part is worked out once instead of for each start: the `key=value` strings
posix_spawn takes, and how a simple command runs without bash (`simple_command.plan`: the
environment as bash leaves it; the program itself is still looked up in PATH for each start, as
each bash does).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping

from torc_runner import libc_spawn, simple_command

Variables = list[bytes] | dict[str, str]
"""An environment as the spawn takes it: `key=value` strings for libc's posix_spawn, else a
dict for `os.posix_spawn`."""


class SharedEnvironment:
    """The variables every job gets, and what is worked out from them once."""

    def __init__(self, variables: Mapping[str, str]) -> None:
        self.variables = dict(variables)
        self._encoded: list[bytes] | None = None
        self._plans: dict[str, tuple[simple_command.Plan, list[bytes]] | None] = {}

    def job(self, own: Mapping[str, str]) -> JobEnvironment:
        return JobEnvironment(self, own)

    def encoded(self) -> list[bytes]:
        if self._encoded is None:
            self._encoded = libc_spawn.encode(self.variables)
        return self._encoded

    def plan(self, text: str) -> tuple[simple_command.Plan, list[bytes]] | None:
        """The simple command's plan in this environment, and its environment encoded without
        `_` (which names the program); None when `text` needs bash."""
        if text not in self._plans:
            found = simple_command.plan(text, self.variables)
            if found is None:
                self._plans[text] = None
            else:
                rest = {key: value for key, value in found.env.items() if key != "_"}
                self._plans[text] = (found, libc_spawn.encode(rest))
        return self._plans[text]


class JobEnvironment(Mapping[str, str]):
    """The shared variables and the job's own (which win)."""

    __slots__ = ("_fast", "own", "shared")

    def __init__(self, shared: SharedEnvironment, own: Mapping[str, str]) -> None:
        self.shared = shared
        self.own = own
        variables = shared.variables
        # its own variables add to the shared ones and change nothing bash looks at: what was
        # worked out for the shared environment holds for this one
        self._fast = libc_spawn.AVAILABLE and all(
            key not in variables and simple_command.is_inert(key) for key in own
        )

    def __getitem__(self, key: str) -> str:
        if key in self.own:
            return self.own[key]
        return self.shared.variables[key]

    def __iter__(self) -> Iterator[str]:
        own = self.own
        yield from (key for key in self.shared.variables if key not in own)
        yield from own

    def __len__(self) -> int:
        variables = self.shared.variables
        return len(variables) + sum(1 for key in self.own if key not in variables)

    def variables(self) -> Variables:
        """The whole environment, as the spawn takes it."""
        if self._fast:
            return self.shared.encoded() + libc_spawn.encode(self.own)
        return dict(self) if not libc_spawn.AVAILABLE else libc_spawn.encode(self)

    def direct(self, text: str) -> tuple[str, list[str], Variables] | None:
        """(program, argv, environment) to exec the simple command `text` as bash would
        (`simple_command.direct`), or None when it needs bash."""
        if not self._fast:
            found = simple_command.direct(text, self)
            if found is None:
                return None
            path, argv, env = found
            return path, argv, libc_spawn.encode(env) if libc_spawn.AVAILABLE else env
        planned = self.shared.plan(text)
        if planned is None:
            return None
        plan, encoded = planned
        path = simple_command.program(plan.name, plan.env["PATH"])
        if path is None:  # bash reports it (command not found, permission denied)
            return None
        return path, plan.argv, [*encoded, *libc_spawn.encode(self.own), os.fsencode(f"_={path}")]


def environment(env: Mapping[str, str]) -> JobEnvironment:
    """`env` as a job's environment (shared by nothing else) unless it is one already."""
    if isinstance(env, JobEnvironment):
        return env
    return SharedEnvironment(env).job({})
