"""The `torc` command: a standalone server, when the command asks for one, starts before
anything heavy is imported (the command line parser and the SDK take a tenth of a second or
more); then the command line takes over."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # The start imports and builds tens of thousands of objects that live as long as the
    # command: the collector waits until the command itself runs (`torc_cli.main.launcher`).
    gc.disable()
    # httpx imports its own command line (click, pygments, much of rich: a thirtieth of a
    # second on the way to a standalone run's first job) when those are installed, and torc
    # never runs it: httpx then takes its stand-in `main`.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[assignment]
    from torc_cli import interrupts

    interrupts.install()
    code: object = None
    try:
        from torc_cli import standalone

        try:
            standalone.launch_early(sys.argv[1:])
            from torc_cli.main import main as run

            try:
                run()
            except SystemExit as exc:
                code = exc.code
        finally:
            standalone.stop_early()  # this process's server, if a signal or an error left it
    except KeyboardInterrupt:  # before the command line took over
        sys.exit(130)
    signum = interrupts.pending()
    if signum is not None:  # a signal Python reported as "ignored": the command did not see it
        sys.exit(128 + signum)
    if standalone.served and (code is None or isinstance(code, int)):
        _leave(code or 0)
    sys.exit(code)


def _leave(code: int) -> None:
    """End a command that ran a standalone server without the interpreter's teardown (freeing
    every object of the SDK, the runner and the parser: a tenth of a second after the work is
    done). The exit handlers run and the output is flushed first; with threads still running,
    the normal exit waits for them instead."""
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed, or its reader went away
            code = code or 1
    os._exit(code)
