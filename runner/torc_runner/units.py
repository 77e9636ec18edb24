"""Memory sizes as resource requirements write them (`512m`, `20g`; 1024-based)."""

from __future__ import annotations

import re

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}


def memory_to_bytes(text: str | None) -> int:
    """Bytes; unreadable text counts as 1 MiB (the server refuses such values anyway)."""
    match = _MEMORY.match(text or "")
    if not match:
        return 1024**2
    number, unit = match.groups()
    return int(float(number) * _FACTORS[unit.lower()])
