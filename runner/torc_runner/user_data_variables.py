"""`${user_data.input.NAME}` and `${user_data.output.NAME}` in a job's command become the user
data record's id (file variables were replaced by paths when the workflow was created)."""

from __future__ import annotations

import re
from collections.abc import Callable

_VARIABLE = re.compile(r"\$\{user_data\.(?:input|output)\.([^}]+)\}")


def substitute(text: str | None, record_id: Callable[[str], int | None]) -> str | None:
    """`text` with each variable replaced by `record_id(NAME)`; one whose record is not found
    is left as it is."""
    if not text or "${user_data." not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        found = record_id(match.group(1))
        return str(found) if found is not None else match.group(0)

    return _VARIABLE.sub(replace, text)
