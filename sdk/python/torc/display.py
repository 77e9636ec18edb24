"""Readable tables in notebooks: `_repr_html_` for the API's models and `torc.table(...)`.

A model the SDK answers (a workflow, a job, a result) shows as a field/value table; a page of a
list (`api.list_jobs(...)`) shows its items as rows, one column per field; `table(records)`
does the same for any iterable of models or dicts (`table(api.iter_results(wf_id))`).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from enum import Enum
from typing import Any

import attrs

MAX_CELL = 120
MAX_ROWS = 500


def _plain(record: Any) -> dict[str, Any]:
    if isinstance(record, dict):
        return record
    to_dict = getattr(record, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    if attrs.has(type(record)):
        return attrs.asdict(record)
    return {"value": record}


def _cell(value: Any) -> str:
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, dict | list):
        text = json.dumps(value, default=str, separators=(", ", ": "))
    else:
        text = "" if value is None else str(value)
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return html.escape(text)


class Table:
    """Rows of records, one column per field (in order of first appearance)."""

    def __init__(self, records: Iterable[Any], caption: str | None = None) -> None:
        self.rows = [_plain(r) for r in records]
        self.caption = caption
        columns: dict[str, None] = {}
        for row in self.rows:
            columns.update(dict.fromkeys(row))
        self.columns = list(columns)

    def __len__(self) -> int:
        return len(self.rows)

    def _repr_html_(self) -> str:
        parts = ["<table>"]
        if self.caption:
            parts.append(f"<caption>{html.escape(self.caption)}</caption>")
        parts.append(
            "<thead><tr>"
            + "".join(f"<th>{html.escape(c)}</th>" for c in self.columns)
            + "</tr></thead>"
        )
        parts.append("<tbody>")
        for row in self.rows[:MAX_ROWS]:
            cells = "".join(f"<td>{_cell(row.get(c))}</td>" for c in self.columns)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
        if len(self.rows) > MAX_ROWS:
            parts.append(f"<p>… {len(self.rows) - MAX_ROWS} more rows</p>")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<Table: {len(self.rows)} rows x {len(self.columns)} columns>"


def table(records: Iterable[Any], caption: str | None = None) -> Table:
    """A table of models or dicts that a notebook shows as HTML (`.rows` holds the dicts)."""
    return Table(records, caption)


def model_html(model: Any) -> str:
    """A model as HTML: the items of a page as rows, any other model as field/value rows."""
    items = getattr(model, "items", None)
    if isinstance(items, list):
        shown = f"{len(items)} of {getattr(model, 'total_count', len(items))}"
        more = ", more follow" if getattr(model, "has_more", False) is True else ""
        return Table(items, f"{type(model).__name__}: {shown}{more}")._repr_html_()
    fields = _plain(model)
    rows = "".join(
        f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{_cell(v)}</td></tr>"
        for k, v in fields.items()
    )
    return f"<table><caption>{html.escape(type(model).__name__)}</caption>{rows}</table>"


def _model_repr_html(self: Any) -> str:
    return model_html(self)


def enable_html(answer: Any) -> None:
    """Give the model class of an answer (or of each item of a list answer) `_repr_html_`."""
    values = list(answer) if isinstance(answer, list) else [answer]
    items = getattr(answer, "items", None)
    if isinstance(items, list) and items:
        values.append(items[0])
    for value in values:
        enable_html_for(type(value))


def enable_html_for(cls: type) -> None:
    """Give a model class `_repr_html_` (other classes are left alone)."""
    if attrs.has(cls) and "_repr_html_" not in cls.__dict__:
        cls._repr_html_ = _model_repr_html  # type: ignore[attr-defined]
