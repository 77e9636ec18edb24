"""`torc`: the command line client (grows with issue 6)."""

from __future__ import annotations


def main() -> None:
    raise SystemExit("torc: the command line client is not built yet")
