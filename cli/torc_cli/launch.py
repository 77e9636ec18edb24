"""The `torc` command: a standalone server, when the command asks for one, starts before
anything heavy is imported (the command line parser and the SDK take a tenth of a second or
more); then the command line takes over."""

from __future__ import annotations

import sys


def main() -> None:
    from torc_cli import interrupts

    interrupts.install()
    try:
        from torc_cli import standalone

        try:
            standalone.launch_early(sys.argv[1:])
            from torc_cli.main import main as run

            run()
        finally:
            standalone.stop_early()  # this process's server, if a signal or an error left it
    except KeyboardInterrupt:  # before the command line took over
        sys.exit(130)
    signum = interrupts.pending()
    if signum is not None:  # a signal Python reported as "ignored": the command did not see it
        sys.exit(128 + signum)
