"""Writing a specification as block YAML, fast enough for 100,000 jobs (general YAML dumpers
take minutes at that size). Plain data only: dicts, lists, strings, numbers, booleans, None.
Strings are left bare when YAML reads them back as the same string, else double-quoted with
JSON's escapes (a JSON string is a valid YAML double-quoted scalar)."""

from __future__ import annotations

import json
import re
from typing import Any

_BARE = re.compile(r"^[A-Za-z0-9_/][A-Za-z0-9_./{}\-]*(?: [A-Za-z0-9_./{}\-]+)*$")
_SPECIAL = re.compile(
    r"^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.inf|\.nan)|[-+]?[0-9][0-9_.:eE+-]*"
    r"|0x[0-9a-f_]+|0o?[0-7_]+|0b[01_]+)$",
    re.IGNORECASE,
)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    text = str(value)
    if _BARE.match(text) and not _SPECIAL.match(text) and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def dumps(document: Any) -> str:
    lines: list[str] = []
    _block(document, 0, lines)
    return "\n".join(lines) + "\n"


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _block(value: Any, indent: int, lines: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        if not value:
            lines.append(pad + "{}")
        for key, item in value.items():
            _entry(f"{pad}{scalar(key)}:", item, indent, lines)
    elif isinstance(value, list):
        if not value:
            lines.append(pad + "[]")
        elif all(map(_is_scalar, value)):  # long job lists: the common case, kept fast
            dash = pad + "- "
            lines.extend([dash + scalar(item) for item in value])
            return
        for item in value:
            if isinstance(item, dict) and item:
                first = True
                for key, inner in item.items():
                    prefix = f"{pad}- " if first else f"{pad}  "
                    _entry(f"{prefix}{scalar(key)}:", inner, indent + 2, lines)
                    first = False
            else:
                _entry(f"{pad}-", item, indent, lines)
    else:
        lines.append(pad + scalar(value))


def _entry(head: str, item: Any, indent: int, lines: list[str]) -> None:
    """`head` (`key:` or `-`) followed by the value, inline when short."""
    if _is_scalar(item):
        lines.append(f"{head} {scalar(item)}")
    elif not item:
        lines.append(f"{head} {'{}' if isinstance(item, dict) else '[]'}")
    elif isinstance(item, list) and len(item) <= 8 and all(_is_scalar(v) for v in item):
        lines.append(f"{head} [{', '.join(_flow(v) for v in item)}]")
    else:
        lines.append(head)
        _block(item, indent + 2, lines)


def _flow(value: Any) -> str:
    text = scalar(value)
    if isinstance(value, str) and text == value and any(c in value for c in ",[]{}"):
        return json.dumps(value, ensure_ascii=False)
    return text
