"""Parameter values and the `{name}` / `{name:format}` templates that use them.

Values are written as strings (or, in YAML/JSON, native lists and numbers):

- `"1:10"` integers 1 to 10 inclusive; `"0:100:10"` with a step; `"10:1:-1"` downwards;
- `"0.0:1.0:0.1"` floats with a step (end included, computed in decimal so 0.3 is 0.3);
- `"0.0001:0.01:10"` ten values from 0.0001 to 0.01 on a log scale: a float range whose third
  part is a whole number larger than the whole range cannot be a step, so it is a count;
- `"[16,32,64]"`, `"[0.1,0.5]"`, `"['adam','sgd']"` lists of integers, floats, strings;
- a single number or word is one value.

Sequences are lazy (`range`, `FloatRange`), so the number of jobs an expansion would create is
known before any is made.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

Value = int | float | str


class ParameterError(ValueError):
    pass


class FloatRange(Sequence[float]):
    """`start, start+step, ...` up to `end` inclusive, or `count` log-spaced values."""

    def __init__(
        self,
        start: Decimal,
        step: Decimal | None = None,
        count: int = 0,
        log_end: float | None = None,
    ) -> None:
        self.start = start
        self.step = step
        self.count = count
        self.log_end = log_end

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        if self.log_end is not None:
            if self.count == 1:
                return float(self.start)
            first = float(self.start)
            value = first * (self.log_end / first) ** (index / (self.count - 1))
            return float(f"{value:.12g}")
        assert self.step is not None
        return float(self.start + self.step * index)


def parse_values(text: Any) -> Sequence[Value]:
    """The values of one parameter, as written in a specification."""
    if isinstance(text, list):
        if not text:
            raise ParameterError("the list of values is empty")
        return [_scalar(v) for v in text]
    if isinstance(text, bool):
        raise ParameterError("a parameter value cannot be a boolean")
    if isinstance(text, int | float):
        return [text]
    value = str(text).strip()
    if value.startswith("{") and value.endswith("}") and "," not in value:
        value = value[1:-1].strip()  # `{1:10}`: a range written like a placeholder
    if value.startswith("[") and value.endswith("]"):
        return _parse_list(value)
    if ":" in value:
        return _parse_range(value)
    if not value:
        raise ParameterError("the value is empty")
    return [_literal(value)]


def _scalar(value: Any) -> Value:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParameterError(f"list items must be numbers or strings, not {value!r}")
    return value


def _literal(item: str) -> Value:
    try:
        return int(item)
    except ValueError:
        pass
    try:
        return float(item)
    except ValueError:
        pass
    if len(item) >= 2 and item[0] == item[-1] and item[0] in "'\"":
        return item[1:-1]
    return item


def _parse_list(value: str) -> list[Value]:
    inner = value[1:-1].strip()
    if not inner:
        raise ParameterError(f"the list '{value}' is empty")
    items: list[str] = []
    current: list[str] = []
    quote = ""
    for ch in inner:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
            current.append(ch)
        elif ch == ",":
            items.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    if quote:
        raise ParameterError(f"the list '{value}' has an unclosed quote")
    items.append("".join(current).strip())
    if items and items[-1] == "":
        items.pop()  # a trailing comma
    if any(item == "" for item in items):
        raise ParameterError(f"the list '{value}' has an empty item")
    return [_literal(item) for item in items]


def _is_int_text(text: str) -> bool:
    return re.fullmatch(r"[+-]?\d+", text) is not None


def _parse_range(value: str) -> Sequence[Value]:
    parts = [p.strip() for p in value.split(":")]
    if len(parts) not in (2, 3) or not all(parts):
        raise ParameterError(
            f"'{value}' is not a range: use start:end or start:end:step (e.g. 1:100, 0:100:10)"
        )
    if all(_is_int_text(p) for p in parts):
        start, end = int(parts[0]), int(parts[1])
        step = int(parts[2]) if len(parts) == 3 else 1
        if step == 0:
            raise ParameterError(f"the range '{value}' has a step of zero")
        values = range(start, end + (1 if step > 0 else -1), step)
        if not len(values):
            raise ParameterError(
                f"the range '{value}' has no values (a step of {step} never goes from "
                f"{start} to {end})"
            )
        return values
    try:
        start_d, end_d = Decimal(parts[0]), Decimal(parts[1])
        step_d = Decimal(parts[2]) if len(parts) == 3 else Decimal(1)
    except InvalidOperation:
        raise ParameterError(
            f"'{value}' is not a range of numbers: use start:end or start:end:step"
        ) from None
    if not (start_d.is_finite() and end_d.is_finite() and step_d.is_finite()):
        raise ParameterError(f"the range '{value}' must use finite numbers")
    if (
        len(parts) == 3
        and _is_int_text(parts[2])
        and step_d > abs(end_d - start_d)
        and start_d > 0
        and end_d > 0
    ):
        # `0.0001:0.01:10`: a whole third part larger than the range is a count (log scale)
        count = int(step_d)
        return FloatRange(start_d, count=count, log_end=float(end_d))
    if step_d == 0:
        raise ParameterError(f"the range '{value}' has a step of zero")
    span = (end_d - start_d) / step_d
    if span < 0:
        raise ParameterError(
            f"the range '{value}' has no values (a step of {step_d} never goes from "
            f"{start_d} to {end_d})"
        )
    count = int(span.to_integral_value(rounding="ROUND_FLOOR")) + 1
    return FloatRange(start_d, step=step_d, count=count)


# ---- formatting ----------------------------------------------------------------------------


def format_value(value: Value, spec: str | None) -> str:
    """`value` as `{name}` or `{name:spec}` shows it (`{i:03d}` -> 005, `{lr:.2e}` -> 1.00e-03)."""
    if spec is None or spec == "":
        return value if isinstance(value, str) else _plain(value)
    try:
        return format(value, spec)
    except (ValueError, TypeError):
        if isinstance(value, float) and value.is_integer():
            try:
                return format(int(value), spec)
            except (ValueError, TypeError):
                pass
        if isinstance(value, str):
            number = _literal(value)
            if not isinstance(number, str):
                return format_value(number, spec)
        raise ParameterError(
            f"the format '{{:{spec}}}' does not apply to the value {value!r}"
        ) from None


def _plain(value: int | float) -> str:
    if isinstance(value, float):
        if math.isfinite(value):
            return repr(value)
        return str(value)
    return str(value)


# ---- templates -----------------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)(?::([^{}]*))?\}")


class Template:
    """A string with `{name}` / `{name:format}` placeholders for some parameter names.

    Other braces (`${files.input.x}`, `awk '{print $1}'`) are left alone. Rendering takes the
    values of a combination as a tuple, in the order of `names`.
    """

    __slots__ = ("fast", "literal", "parts", "used")

    def __init__(self, text: str, names: Sequence[str]) -> None:
        index = {name: i for i, name in enumerate(names)}
        parts: list[str | tuple[int, str | None, str]] = []
        used: set[int] = set()
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            position = index.get(match.group(1))
            if position is None:
                continue
            if match.start() > last:
                parts.append(text[last : match.start()])
            parts.append((position, match.group(2), match.group(0)))
            used.add(position)
            last = match.end()
        if last < len(text):
            parts.append(text[last:])
        self.parts = parts
        self.used = frozenset(used)
        self.literal = text if not used else None
        # the same template as a str.format pattern over the combination's positions: C speed
        self.fast = "".join(
            part.replace("{", "{{").replace("}", "}}")
            if isinstance(part, str)
            else "{" + str(part[0]) + ("" if part[1] is None else ":" + part[1]) + "}"
            for part in parts
        )

    def render(self, combo: Sequence[Value], escape: bool = False) -> str:
        if self.literal is not None:
            return self.literal
        if not escape:
            try:
                return self.fast.format(*combo)
            except (ValueError, TypeError, IndexError, KeyError):
                pass  # a format that needs a conversion, or a wrong one: the careful path says
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                text = format_value(combo[part[0]], part[1])
                out.append(re.escape(text) if escape else text)
        return "".join(out)

    def render_some(self, values: dict[int, Value], escape: bool = False) -> str:
        """Substitute only the parameters in `values`; other placeholders stay as written."""
        if self.literal is not None:
            return self.literal
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            elif part[0] in values:
                text = format_value(values[part[0]], part[1])
                out.append(re.escape(text) if escape else text)
            else:
                out.append(part[2])
        return "".join(out)


def placeholders(text: str) -> list[str]:
    """Names used as `{name}` or `{name:format}` in `text`."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text)]
