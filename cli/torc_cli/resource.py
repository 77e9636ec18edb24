"""The commands every resource group repeats (get, list, delete), declared once.

A group describes its resource (the SDK's operations, the JSON key of a list, the table columns)
and `add_commands` attaches the standard commands to its `App`, with the usual options, paging
and output (a record, or `{"<plural>": [...]}` with `-f json`). (No `from __future__ import
annotations` here: the commands' annotations name the resource, so they are evaluated at once.)
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, paging, session


@dataclass(frozen=True)
class Resource:
    noun: str  # "access group"
    plural: str  # the JSON key of a list: "access_groups"
    columns: Sequence[display.Column]
    get: str | None = None  # SDK operation names
    list: str | None = None
    delete: str | None = None

    @property
    def nouns(self) -> str:
        return self.plural.replace("_", " ")


def add_commands(app: App, resource: Resource) -> None:
    """Attach `get ID`, `list` and `delete ID` for the operations the resource names."""
    noun = resource.noun

    if resource.get:

        def get(id: Annotated[int, Parameter(help=f"ID of the {noun}.")]) -> None:
            display.show_record(getattr(session.get().api, resource.get)(id))  # type: ignore[arg-type]

        get.__doc__ = f"Get a specific {noun} by ID."
        app.command(get, name="get")

    if resource.list:

        def list_(*, limit: paging.Limit = None, offset: paging.Offset = 0) -> None:
            records = paging.fetch(
                getattr(session.get().api, resource.list),  # type: ignore[arg-type]
                limit=limit,
                offset=offset,
            )
            display.show_list(records, resource.columns, resource.plural, noun=resource.nouns)

        list_.__doc__ = f"List {resource.nouns}."
        app.command(list_, name="list")

    if resource.delete:

        def delete(id: Annotated[int, Parameter(help=f"ID of the {noun} to delete.")]) -> None:
            deleted = getattr(session.get().api, resource.delete)(id)  # type: ignore[arg-type]
            display.show_record(deleted, title=f"Deleted {noun} {id}")

        delete.__doc__ = f"Delete the {noun} with the given ID."
        app.command(delete, name="delete")
