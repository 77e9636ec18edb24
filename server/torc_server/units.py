"""Memory sizes and ISO-8601 durations as users write them in resource requirements."""

from __future__ import annotations

import re

from torc_server.errors import InvalidRequest

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_MEMORY_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}

_DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?(?:(?P<weeks>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
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
    return int(float(number) * _MEMORY_FACTORS[unit.lower()])


def duration_to_seconds(text: str) -> int:
    """An ISO-8601 duration such as `PT30M`, `P0DT1M` or `P1DT12H`, in whole seconds."""
    match = _DURATION.match(text.strip())
    if not match or text.strip() in {"P", "PT"} or text.strip().endswith("T"):
        raise InvalidRequest(
            f"invalid duration '{text}': use ISO-8601, for example PT30M, P0DT1M or P1DT12H"
        )
    total = sum(
        float(value) * _DURATION_SECONDS[name]
        for name, value in match.groupdict().items()
        if value is not None
    )
    return round(total)


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
