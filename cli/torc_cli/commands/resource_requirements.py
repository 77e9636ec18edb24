"""`torc resource-requirements`: named sets of resources (CPUs, memory, GPUs, runtime) jobs need."""

from __future__ import annotations

import re
from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, selection, session
from torc_cli.resource import Resource, add_commands

_SHORT_DURATION = re.compile(
    r"^(?:(?P<d>\d+)d)?(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s)?$", re.IGNORECASE
)


def iso_duration(value: str) -> str:
    """A runtime as the server takes it: ISO 8601 as given, or the short forms `1h`, `30m`,
    `2d`, `90s`, `1h30m` turned into ISO 8601 (`P0DT1H0M0S`, ...)."""
    match = _SHORT_DURATION.match(value.strip())
    if not value.strip() or match is None:
        return value
    d, h, m, s = (int(match.group(k) or 0) for k in "dhms")
    return f"P{d}DT{h}H{m}M{s}S"


app = App(name="resource-requirements", help="Resource requirements management commands.")

RESOURCE_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("CPUs", "num_cpus"),
    display.Column("GPUs", "num_gpus"),
    display.Column("Nodes", "num_nodes"),
    display.Column("Memory", "memory"),
    display.Column("Runtime", "runtime"),
]


@app.command
def create(
    workflow_id: Annotated[
        int | None,
        Parameter(help="Create resource requirements in this workflow (chosen on a terminal)."),
    ] = None,
    *,
    name: Annotated[
        str, Parameter(name=["--name", "-n"], help="Name of the resource requirements.")
    ],
    num_cpus: Annotated[int, Parameter(help="Number of CPUs required.")] = 1,
    num_gpus: Annotated[int, Parameter(help="Number of GPUs required.")] = 0,
    num_nodes: Annotated[int, Parameter(help="Number of nodes required.")] = 1,
    memory: Annotated[
        str, Parameter(name=["--memory", "-m"], help='Amount of memory required (e.g., "20g").')
    ] = "1m",
    runtime: Annotated[
        str,
        Parameter(
            name=["--runtime", "-r"],
            help='Maximum runtime in ISO 8601 duration format (e.g., "P0DT1H"; "1h", "30m" '
            "are accepted too).",
        ),
    ] = "P0DT1M",
) -> None:
    """Create new resource requirements."""
    workflow_id = selection.workflow_id(workflow_id)
    created = session.get().api.create_resource_requirements(
        {
            "workflow_id": workflow_id,
            "name": name,
            "num_cpus": num_cpus,
            "num_gpus": num_gpus,
            "num_nodes": num_nodes,
            "memory": memory,
            "runtime": iso_duration(runtime),
        }
    )
    display.show_record(created, title=f"Created resource requirements {created.id}")


REQUIREMENTS = Resource(
    "resource requirement",
    "resource_requirements",
    RESOURCE_COLUMNS,
    get="get_resource_requirements",
    list="list_resource_requirements",
    delete="delete_resource_requirement",
    in_workflow=True,
    help={"list": "List resource requirements.", "delete": "Delete resource requirements."},
)
add_commands(app, REQUIREMENTS)


@app.command
def update(
    id: Annotated[int, Parameter(help="ID of the resource requirement to update.")],
    *,
    name: Annotated[
        str | None, Parameter(name=["--name", "-n"], help="Name of the resource requirements.")
    ] = None,
    num_cpus: Annotated[int | None, Parameter(help="Number of CPUs required.")] = None,
    num_gpus: Annotated[int | None, Parameter(help="Number of GPUs required.")] = None,
    num_nodes: Annotated[int | None, Parameter(help="Number of nodes required.")] = None,
    memory: Annotated[
        str | None, Parameter(help='Amount of memory required (e.g., "20g").')
    ] = None,
    runtime: Annotated[
        str | None, Parameter(help='Maximum runtime (e.g., "P0DT1H", "1h", "30m").')
    ] = None,
) -> None:
    """Update existing resource requirements."""
    api = session.get().api
    record = api.get_resource_requirements(id)
    for field, value in (
        ("name", name),
        ("num_cpus", num_cpus),
        ("num_gpus", num_gpus),
        ("num_nodes", num_nodes),
        ("memory", memory),
        ("runtime", iso_duration(runtime) if runtime is not None else None),
    ):
        if value is not None:
            setattr(record, field, value)
    display.show_record(
        api.update_resource_requirements(id, record), title=f"Updated resource requirements {id}"
    )


COMMANDS = [app]
