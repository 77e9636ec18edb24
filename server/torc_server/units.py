"""Memory sizes and ISO-8601 durations as users write them in resource requirements."""

from __future__ import annotations

import re

from torc_server.errors import InvalidRequest

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_LARGEST = 2**63 - 1  # what SQLite's integers hold; more is as good as unlimited
_MEMORY_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}

_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
# The document's `runtime` pattern: date parts, then after `T` time parts, at least one part.
_DURATION = re.compile(
    rf"^P(?:(?P<date>(?:{_NUMBER}[YMWD])+)(?:T(?P<time>(?:{_NUMBER}[HMS])+))?"
    rf"|T(?P<only_time>(?:{_NUMBER}[HMS])+))$"
)
_PART = re.compile(rf"({_NUMBER})([YMWDHS])")
_DATE_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days"}
_TIME_UNITS = {"H": "hours", "M": "minutes", "S": "seconds"}
_DURATION_SECONDS = {
    "years": 365.25 * 86400,
    "months": 30.44 * 86400,
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}


def memory_to_bytes(text: str) -> int:
    """`1m`, `20g`, `512k`, `1.5t` (1024-based); a bare number is bytes."""
    match = _MEMORY.match(text)
    if not match:
        raise InvalidRequest(
            f"invalid memory '{text}': use a number with an optional unit k, m, g or t "
            "(for example 512m or 20g)"
        )
    number, unit = match.groups()
    size = float(number) * _MEMORY_FACTORS[unit.lower()]
    return _LARGEST if size >= _LARGEST else int(size)


def duration_to_seconds(text: str) -> int:
    """An ISO-8601 duration such as `PT30M`, `P0DT1M` or `P1DT12H`, in whole seconds."""
    match = _DURATION.match(text.strip())
    if not match:
        raise InvalidRequest(
            f"invalid duration '{text}': use ISO-8601, for example PT30M, P0DT1M or P1DT12H"
        )
    date, time = match["date"] or "", match["time"] or match["only_time"] or ""
    total = sum(float(n) * _DURATION_SECONDS[_DATE_UNITS[u]] for n, u in _PART.findall(date))
    total += sum(float(n) * _DURATION_SECONDS[_TIME_UNITS[u]] for n, u in _PART.findall(time))
    return _LARGEST if total >= _LARGEST else round(total)


def seconds_to_duration(seconds: float) -> str:
    """Whole seconds as an ISO-8601 duration (`PT5400S` style is valid but less readable)."""
    seconds = max(0, round(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"P{days}DT" if days else "PT"
    if hours:
        text += f"{hours}H"
    if minutes:
        text += f"{minutes}M"
    if secs or text.endswith("T"):
        text += f"{secs}S"
    return text
