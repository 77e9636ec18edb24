"""Top-level shortcuts the guide writes: `torc create SPEC` is `torc workflows create SPEC`."""

from __future__ import annotations

from torc_cli.commands.workflows import create

COMMANDS = [create]
