"""The units people write for memory and time, to and from the numbers profiles keep
(memory in MB, walltime in seconds)."""

from __future__ import annotations

import math
import re

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_MB_PER_UNIT = {"k": 1 / 1024, "m": 1, "g": 1024, "t": 1024**2, "": 1 / 1024**2}
_ISO = re.compile(
    r"^P(?:(?P<y>\d+(?:\.\d+)?)Y)?(?:(?P<mo>\d+(?:\.\d+)?)M)?(?:(?P<w>\d+(?:\.\d+)?)W)?"
    r"(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<mi>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$",
    re.IGNORECASE,
)
_ISO_SECONDS = {
    "y": 365 * 86400,
    "mo": 30 * 86400,
    "w": 7 * 86400,
    "d": 86400,
    "h": 3600,
    "mi": 60,
    "s": 1,
}
_SUFFIXED = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([dhms])\s*$", re.IGNORECASE)
_SUFFIX_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_CLOCK = re.compile(r"^\s*(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?\s*$")


class UnitError(ValueError):
    """Text that is not a memory size or a duration."""


def memory_mb(text: str) -> int:
    """`64g`, `512m`, `1t`, `2048k` (1024-based, case-insensitive) -> MB, rounded up."""
    match = _MEMORY.match(str(text))
    if not match:
        raise UnitError(
            f"'{text}' is not a memory size: use a number with a unit k, m, g or t (e.g. 64g)"
        )
    number, unit = match.groups()
    return max(1, math.ceil(float(number) * _MB_PER_UNIT[unit.lower()]))


def duration_secs(text: str, *, bare_minutes: bool = False) -> int:
    """An ISO 8601 duration (`PT2H`, `P1DT4H`), `4h`/`30m`/`3600s`/`2d`, or a Slurm time
    (`H:M:S`, `M:S`, `D-H`, `D-H:M`, `D-H:M:S`) -> seconds. A bare number is Slurm's minutes
    only with `bare_minutes` (what `sinfo` prints); people are asked for a unit."""
    value = str(text).strip()
    if value[:1] in ("P", "p"):
        match = _ISO.match(value)
        if match and value.upper() not in ("P", "PT") and not value.upper().endswith("T"):
            return round(sum(float(v) * _ISO_SECONDS[k] for k, v in match.groupdict().items() if v))
    match = _SUFFIXED.match(value)
    if match:
        return round(float(match.group(1)) * _SUFFIX_SECONDS[match.group(2).lower()])
    match = _CLOCK.match(value)
    if match and (bare_minutes or match.group(1) or match.group(3)):
        days = int(match.group(1) or 0)
        fields = [int(g) for g in match.groups()[1:] if g is not None]
        if match.group(1):  # D-H, D-H:M, D-H:M:S
            fields += [0] * (3 - len(fields))
            hours, minutes, seconds = fields
        elif len(fields) == 3:
            hours, minutes, seconds = fields
        elif len(fields) == 2:  # M:S
            hours, (minutes, seconds) = 0, fields
        else:  # M
            hours, minutes, seconds = 0, fields[0], 0
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    raise UnitError(
        f"'{text}' is not a duration: use HH:MM:SS, D-HH:MM:SS, a number with h, m or s "
        "(e.g. 4h, 30m) or ISO 8601 (e.g. PT2H)"
    )


def slurm_time(seconds: int) -> str:
    """Seconds as Slurm's `[D-]HH:MM:SS`."""
    days, rest = divmod(int(seconds), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{days}-{clock}" if days else clock


def short_duration(seconds: int) -> str:
    """Seconds for people: `1h`, `48h`, `240h`, `30m`, `1h30m`, `45s`."""
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(f"{hours}h")
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return "".join(parts)


def memory_text(mb: int) -> str:
    """MB as a Slurm `--mem` value: `8g` when it is whole gigabytes, else `8704m`."""
    return f"{mb // 1024}g" if mb % 1024 == 0 else f"{mb}m"


def gigabytes(mb: int) -> str:
    """MB for people, as a vendor would list a node's memory (`240000` -> `240 GB`)."""
    value = mb / 1000
    return f"{value:.0f} GB" if value >= 10 else f"{value:.1f} GB"
