"""posix_spawn called through libc, so that the interpreter lock is free while a child starts.

`os.posix_spawn` keeps the GIL until the child has exec'd, and the child may wait for a CPU a
while on a busy machine (milliseconds): the runner's loop, and every other thread, stands still
meanwhile, one job start after the other. Called through ctypes, which lets go of the GIL for
the call, the start runs in a worker thread while the loop goes on reaping, reporting and
starting other jobs. Only with glibc (the flag values below are glibc's, POSIX_SPAWN_SETSID
needs 2.26); elsewhere `AVAILABLE` is False and the runner uses `os.posix_spawn`.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

_SETSIGDEF = 0x04
_SETSID = 0x80
_OPAQUE = 1024  # bytes for posix_spawn_file_actions_t, posix_spawnattr_t, sigset_t (all less)


class _Libc(NamedTuple):
    slow: Any
    """posix_spawn, called with the GIL let go (until the child has exec'd)."""
    quick: Any
    """Calls that return at once, made keeping the GIL: on a busy runner, letting it go and
    taking it back costs more than such a call (another thread takes it meanwhile)."""


def _load() -> _Libc | None:
    if os.name != "posix" or platform.libc_ver()[0] != "glibc":
        return None
    version = platform.libc_ver()[1].split(".")
    try:
        if (int(version[0]), int(version[1])) < (2, 26):
            return None
        slow = ctypes.CDLL(None, use_errno=True)
        slow.posix_spawn.restype = ctypes.c_int
        quick = ctypes.PyDLL(None)
        for name in (
            "posix_spawn_file_actions_init",
            "posix_spawn_file_actions_addopen",
            "posix_spawn_file_actions_adddup2",
            "posix_spawn_file_actions_destroy",
            "posix_spawnattr_init",
            "posix_spawnattr_setflags",
            "posix_spawnattr_setsigdefault",
            "posix_spawnattr_destroy",
            "sigemptyset",
            "sigaddset",
            "access",
            "close",
            "waitpid",
        ):
            getattr(quick, name).restype = ctypes.c_int
    except (OSError, AttributeError, ValueError, IndexError):
        return None
    return _Libc(slow, quick)


_libc = _load()
AVAILABLE = _libc is not None


def spawn(
    program: str,
    argv: list[str],
    env: Mapping[str, str] | list[bytes],
    stdio: Iterable[tuple[Any, ...]],
    default_signals: Iterable[int],
) -> int:
    """Start `program` in a session of its own with `argv` and `env` (or its `encode`d form),
    `stdio` (os.posix_spawn's file actions: POSIX_SPAWN_OPEN and POSIX_SPAWN_DUP2) applied and
    `default_signals` back to their defaults; its pid. OSError when it cannot be started."""
    assert _libc is not None
    libc, spawner = _libc.quick, _libc.slow
    attributes = _attributes(tuple(int(signum) for signum in default_signals), program)
    actions = ctypes.create_string_buffer(_OPAQUE)
    _check(libc.posix_spawn_file_actions_init(actions), program)
    try:
        for action in stdio:
            if action[0] == os.POSIX_SPAWN_OPEN:
                _, fd, path, flags, mode = action
                code = libc.posix_spawn_file_actions_addopen(
                    actions, fd, os.fsencode(path), flags, mode
                )
            elif action[0] == os.POSIX_SPAWN_DUP2:
                code = libc.posix_spawn_file_actions_adddup2(actions, action[1], action[2])
            else:
                raise ValueError(f"unsupported file action {action!r}")
            _check(code, program)
        pid = ctypes.c_int(0)
        words = _array(_encode_all(argv))
        variables = _array(env if isinstance(env, list) else encode(env))
        code = spawner.posix_spawn(  # the GIL is free during this call
            ctypes.byref(pid), os.fsencode(program), actions, attributes, words, variables
        )
        _check(code, program)
        return pid.value
    finally:
        libc.posix_spawn_file_actions_destroy(actions)


_ATTRIBUTES: dict[tuple[int, ...], Any] = {}
"""posix_spawnattr_t by the signals set back to their defaults: made once and kept (posix_spawn
only reads them, so threads share them), ten calls fewer per start."""


def _attributes(default_signals: tuple[int, ...], program: str) -> Any:
    attributes = _ATTRIBUTES.get(default_signals)
    if attributes is not None:
        return attributes
    assert _libc is not None
    libc = _libc.quick
    attributes = ctypes.create_string_buffer(_OPAQUE)
    signals = ctypes.create_string_buffer(_OPAQUE)
    _check(libc.posix_spawnattr_init(attributes), program)
    libc.sigemptyset(signals)
    for signum in default_signals:
        libc.sigaddset(signals, signum)
    _check(libc.posix_spawnattr_setsigdefault(attributes, signals), program)
    _check(libc.posix_spawnattr_setflags(attributes, _SETSID | _SETSIGDEF), program)
    return _ATTRIBUTES.setdefault(default_signals, attributes)


def executable(path: str) -> bool:
    """Whether this process may execute `path` (access(2) with X_OK), asked keeping the GIL:
    a job's program is looked up in each directory of PATH, and on a busy runner each call
    that let the GIL go cost a hand-over between threads."""
    assert _libc is not None
    return _libc.quick.access(_encode_all([path])[0], os.X_OK) == 0


def is_directory(path: str) -> bool:
    """Whether `path` names a directory (or a link to one), asked keeping the GIL: a name with
    a trailing slash resolves only to a directory."""
    assert _libc is not None
    return _libc.quick.access(_encode_all([path + "/"])[0], os.F_OK) == 0


def close(fd: int) -> None:
    """Close a descriptor, keeping the GIL."""
    assert _libc is not None
    _libc.quick.close(fd)


def reap_ended(pid: int) -> int:
    """The exit code of a child that has ended (its pidfd said so; -N when signal N killed it,
    -1 when it was reaped elsewhere), reaped keeping the GIL: waitpid returns at once."""
    assert _libc is not None
    status = ctypes.c_int(0)
    if _libc.quick.waitpid(pid, ctypes.byref(status), 0) != pid:
        return -1
    return os.waitstatus_to_exitcode(status.value)


def encode(env: Mapping[str, str]) -> list[bytes]:
    """The environment as posix_spawn takes it: `key=value`, encoded as the file system's names."""
    return _encode_all([f"{key}={value}" for key, value in env.items()])


def _encode_all(items: list[str]) -> list[bytes]:
    if _UTF8:  # what os.fsencode does, without its call per item
        return [item.encode("utf-8", "surrogateescape") for item in items]
    return [os.fsencode(item) for item in items]


def _array(encoded: list[bytes]) -> Any:
    return (ctypes.c_char_p * (len(encoded) + 1))(*encoded, None)


_UTF8 = sys.getfilesystemencoding() == "utf-8" and sys.getfilesystemencodeerrors() == (
    "surrogateescape"
)


def _check(code: int, program: str) -> None:
    if code != 0:
        raise OSError(code, os.strerror(code), program)
