"""The commands every resource group repeats (get, list, delete), declared once.

A group describes its resource (the SDK's operations, the JSON key of a list, the table columns,
for a workflow's records the list's filters and titles) and `add_commands` attaches the standard
commands to its `App`, with the usual options, paging and output (a record, or
`{"<plural>": [...]}` with `-f json`). (No `from __future__ import annotations` here: the
commands' annotations name the resource, so they are evaluated at once.)
"""

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import display, paging, selection, session

Query = Mapping[str, Any]
"""What a list's filter options ask of the server; the key `keep` (a predicate) filters on the
client side instead."""


@dataclass(frozen=True)
class Paging:
    """The paging options of a list: the same meaning everywhere, but the short flags differ
    from group to group (the guide's flags are kept as they are)."""

    offset: Any = paging.Offset
    sort_by: Any = paging.SortBy
    reverse_sort: Any = paging.ReverseSort
    sortable: bool = True


SHORT_FLAGS = Paging(paging.OffsetO, paging.SortByS, paging.ReverseSortR)


@dataclass(frozen=True)
class Resource:
    noun: str  # "access group"
    plural: str  # the JSON key of a list: "access_groups"
    columns: Sequence[display.Column]
    get: str | None = None  # SDK operation names
    list: str | None = None
    delete: str | None = None
    label: str | None = None  # the plural in words, when not `plural` with spaces
    title: str | None = None  # "Results for workflow ID {workflow_id}:"
    empty: str | None = None  # "No results found for workflow ID {workflow_id}."

    # A workflow's records (files, results, ...): `list [WORKFLOW_ID]` with these options.
    in_workflow: bool = False
    filters: Callable[..., Query] | None = None
    """Keyword-only options of `list`, declared as this function's parameters; it returns the
    query they make."""
    paging: Paging = field(default_factory=Paging)
    shown: Callable[[Any], Any] | None = None  # a record as printed (table and JSON)
    row: Callable[[Any], Any] | None = None  # a record as a table row, when not as in JSON
    help: Mapping[str, str] = field(default_factory=dict)  # a command's docstring, by name

    @property
    def nouns(self) -> str:
        return self.label or self.plural.replace("_", " ")


def add_commands(app: App, resource: Resource) -> None:
    """Attach `get ID`, `list` and `delete ID` for the operations the resource names."""
    if resource.list:
        app.command(
            workflow_list(resource) if resource.in_workflow else _list(resource), name="list"
        )
    if resource.get:
        app.command(_get(resource), name="get")
    if resource.delete:
        app.command(_delete(resource), name="delete")


def _operation(name: str) -> Callable[..., Any]:
    return getattr(session.get().api, name)  # type: ignore[no-any-return]


def _shown(resource: Resource, record: Any) -> Any:
    return resource.shown(record) if resource.shown else record


def _get(resource: Resource) -> Callable[..., None]:
    noun, operation = resource.noun, resource.get or ""

    def get(id: Annotated[int, Parameter(help=f"ID of the {noun}.")]) -> None:
        display.show_record(_shown(resource, _operation(operation)(id)))

    get.__doc__ = resource.help.get("get", f"Get a specific {noun} by ID.")
    return get


def _delete(resource: Resource) -> Callable[..., None]:
    noun, operation = resource.noun, resource.delete or ""

    def delete(id: Annotated[int, Parameter(help=f"ID of the {noun} to delete.")]) -> None:
        deleted = _shown(resource, _operation(operation)(id))
        display.show_record(deleted, title=f"Deleted {noun} {id}")

    delete.__doc__ = resource.help.get("delete", f"Delete the {noun} with the given ID.")
    return delete


def _list(resource: Resource) -> Callable[..., None]:
    operation = resource.list or ""

    def list_(*, limit: paging.Limit = None, offset: paging.Offset = 0) -> None:
        records = paging.fetch(_operation(operation), limit=limit, offset=offset)
        display.show_list(records, resource.columns, resource.plural, noun=resource.nouns)

    list_.__doc__ = resource.help.get("list", f"List {resource.nouns}.")
    return list_


def workflow_list(resource: Resource) -> Callable[..., None]:
    """`list [WORKFLOW_ID] [filters] [paging]`: the workflow is chosen on a terminal when not
    given, and every page of the answer is fetched unless `--limit` says otherwise."""
    operation, nouns = resource.list or "", resource.nouns
    filters = resource.filters
    title = resource.title or f"{nouns[:1].upper()}{nouns[1:]} for workflow {{workflow_id}}:"
    empty = resource.empty or f"No {nouns} found for workflow {{workflow_id}}."

    def list_(workflow_id: int | None = None, **options: Any) -> None:
        workflow_id = selection.workflow_id(workflow_id)
        pages = {
            name: options.pop(name)
            for name in ("limit", "offset", "sort_by", "reverse_sort")
            if name in options
        }
        query = dict(filters(**options)) if filters else {}
        records = paging.fetch(
            _operation(operation), workflow_id, keep=query.pop("keep", None), **pages, **query
        )
        records = [_shown(resource, r) for r in records]
        if resource.row is not None:
            if session.get().json:
                display.show_list(records, resource.columns, resource.plural, noun=nouns)
                return
            records = [resource.row(r) for r in records]
        display.show_list(
            records,
            resource.columns,
            resource.plural,
            noun=nouns,
            title=title.format(workflow_id=workflow_id),
            empty=empty.format(workflow_id=workflow_id),
        )

    keyword = inspect.Parameter.KEYWORD_ONLY
    workflow = inspect.Parameter(
        "workflow_id",
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        default=None,
        annotation=Annotated[
            int | None,
            Parameter(
                help=resource.help.get(
                    "workflow_id",
                    f"List {nouns} for this workflow (optional: chosen on a terminal).",
                )
            ),
        ],
    )
    options = list(inspect.signature(filters, eval_str=True).parameters.values()) if filters else []
    pages = [
        inspect.Parameter("limit", keyword, default=None, annotation=paging.Limit),
        inspect.Parameter("offset", keyword, default=0, annotation=resource.paging.offset),
    ]
    if resource.paging.sortable:
        pages += [
            inspect.Parameter("sort_by", keyword, default=None, annotation=resource.paging.sort_by),
            inspect.Parameter(
                "reverse_sort", keyword, default=False, annotation=resource.paging.reverse_sort
            ),
        ]
    parameters = [workflow, *options, *pages]
    list_.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    list_.__annotations__ = {p.name: p.annotation for p in parameters}
    list_.__doc__ = resource.help.get("list", f"List {nouns} for a workflow.")
    return list_
