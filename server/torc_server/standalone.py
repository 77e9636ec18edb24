"""The server as `torc -s` starts it, without the command-line parser.

    python -m torc_server.standalone --host H --port P --database D --ignore-config
        [--snapshot-interval-seconds N]

The same as `torc-server run` with these options (the only ones the CLI's standalone mode
gives), minus the import of the parser (cyclopts: a tenth of a second of every `torc -s`
command, on its critical path: the command waits for the server) and minus the interpreter's
teardown after the clean stop (the command waits for that too). Any other argument goes to
`torc-server` itself.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from typing import Any

_OPTIONS = {
    "--host": "server.url",
    "--port": "server.port",
    "--database": "server.database",
    "--snapshot-interval-seconds": "snapshot_interval_seconds",
}


def parse(argv: list[str]) -> dict[str, Any] | None:
    """The `run` flags given, or None when the arguments are anything else."""
    flags: dict[str, Any] = {"ignore_config": False}
    rest = list(argv)
    while rest:
        name = rest.pop(0)
        if name == "--ignore-config":
            flags["ignore_config"] = True
            continue
        if name not in _OPTIONS or not rest:
            return None
        value = rest.pop(0)
        try:
            if name == "--port":
                flags[_OPTIONS[name]] = int(value)
            elif name == "--snapshot-interval-seconds":
                flags[_OPTIONS[name]] = float(value)
            else:
                flags[_OPTIONS[name]] = value
        except ValueError:
            return None
    return flags


def main() -> None:
    # Starting imports and builds some 70,000 objects that live as long as the server: the
    # collector, which would go through them again and again meanwhile, waits until the server
    # listens (`serving.serve`), a quarter of the start's CPU.
    gc.disable()
    flags = parse(sys.argv[1:])
    if flags is None:
        from torc_server import cli

        sys.argv[1:1] = ["run"]
        cli.main()
        return
    from torc_server.process import signals

    signals.catch()
    from torc_server.maintenance import MaintenanceError
    from torc_server.process.options import OptionsError
    from torc_server.process.port import PortTaken
    from torc_server.process.starting import start

    ignore_config = flags.pop("ignore_config")
    interval = flags.pop("snapshot_interval_seconds", None)
    try:
        result = start(flags, snapshot_interval_seconds=interval, ignore_config=ignore_config)
    except KeyboardInterrupt:
        sys.exit(130)
    except (OptionsError, PortTaken, MaintenanceError) as exc:
        print(f"torc-server: {exc}", file=sys.stderr)
        sys.exit(1)
    # stopped cleanly (the database closed, the last snapshot written): leave without the
    # interpreter's teardown, a tenth of a second the command that started this waits for
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    signals.hard_exit(result if isinstance(result, int) else 0)


if __name__ == "__main__":
    main()
