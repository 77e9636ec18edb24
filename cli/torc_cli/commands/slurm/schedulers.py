"""`torc slurm create|update|list|get|delete`: Slurm scheduler configurations stored with a workflow."""

from __future__ import annotations

from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli import display, selection, session
from torc_cli.commands.slurm.group import app
from torc_cli.resource import Paging, Resource, add_commands

SLURM_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Name", "name"),
    display.Column("Account", "account"),
    display.Column("Partition", "partition"),
    display.Column("Nodes", "nodes"),
    display.Column("Walltime", "walltime"),
    display.Column("Mem", "mem"),
    display.Column("GRES", "gres"),
    display.Column("QOS", "qos"),
    display.Column("Tmp", "tmp"),
    display.Column("Extra", "extra"),
]

Gres = Annotated[
    str | None,
    Parameter(
        name=["--gres", "-g"],
        help="Request nodes that have at least this number of GPUs. Ex: 'gpu:2'.",
    ),
]
Mem = Annotated[
    str | None,
    Parameter(
        name=["--mem", "-m"],
        help="Request nodes that have at least this amount of memory. Ex: '180G'.",
    ),
]
Tmp = Annotated[
    str | None,
    Parameter(
        name=["--tmp", "-t"],
        help="Request nodes that have at least this amount of storage scratch space.",
    ),
]


@app.command
def create(
    workflow_id: Annotated[
        int | None, Parameter(help="Workflow ID (chosen on a terminal).")
    ] = None,
    *,
    name: Annotated[str, Parameter(name=["--name", "-n"], help="Name of config.")],
    account: Annotated[str, Parameter(name=["--account", "-a"], help="HPC account.")],
    gres: Gres = None,
    mem: Mem = None,
    nodes: Annotated[
        int, Parameter(name=["--nodes", "-N"], help="Number of nodes to use for each job.")
    ] = 1,
    partition: Annotated[
        str | None,
        Parameter(
            name=["--partition", "-p"],
            help="HPC partition. Default is determined by the scheduler.",
        ),
    ] = None,
    qos: Annotated[
        str, Parameter(name=["--qos", "-q"], help="Controls priority of the jobs.")
    ] = "normal",
    tmp: Tmp = None,
    walltime: Annotated[
        str, Parameter(name=["--walltime", "-W"], help="Slurm job walltime.")
    ] = "04:00:00",
    extra: Annotated[
        str | None,
        Parameter(
            name=["--extra", "-e"],
            allow_leading_hyphen=True,
            help="Add extra Slurm parameters, for example --extra='--reservation=my-reservation'.",
        ),
    ] = None,
) -> None:
    """Add a Slurm config to the database."""
    body: dict[str, Any] = {
        "workflow_id": selection.workflow_id(workflow_id),
        "name": name,
        "account": account,
        "nodes": nodes,
        "qos": qos,
        "walltime": walltime,
    }
    for key, value in (
        ("gres", gres),
        ("mem", mem),
        ("partition", partition),
        ("tmp", tmp),
        ("extra", extra),
    ):
        if value is not None:
            body[key] = value
    created = session.get().api.create_slurm_scheduler(body)
    display.show_record(created, title=f"Created Slurm config {created.id}")


@app.command
def update(
    scheduler_id: Annotated[int, Parameter(help="ID of the Slurm config to modify.")],
    *,
    name: Annotated[str | None, Parameter(name=["--name", "-N"], help="Name of config.")] = None,
    account: Annotated[str | None, Parameter(name=["--account", "-a"], help="HPC account.")] = None,
    gres: Gres = None,
    mem: Mem = None,
    nodes: Annotated[
        int | None, Parameter(name=["--nodes", "-n"], help="Number of nodes to use for each job.")
    ] = None,
    partition: Annotated[
        str | None, Parameter(name=["--partition", "-p"], help="HPC partition.")
    ] = None,
    qos: Annotated[
        str | None, Parameter(name=["--qos", "-q"], help="Controls priority of the jobs.")
    ] = None,
    tmp: Tmp = None,
    walltime: Annotated[str | None, Parameter(help="Slurm job walltime.")] = None,
    extra: Annotated[
        str | None,
        Parameter(
            name=["--extra", "-e"], allow_leading_hyphen=True, help="Add extra Slurm parameters."
        ),
    ] = None,
) -> None:
    """Modify a Slurm config in the database."""
    api = session.get().api
    record = api.get_slurm_scheduler(scheduler_id)
    for key, value in (
        ("name", name),
        ("account", account),
        ("gres", gres),
        ("mem", mem),
        ("nodes", nodes),
        ("partition", partition),
        ("qos", qos),
        ("tmp", tmp),
        ("walltime", walltime),
        ("extra", extra),
    ):
        if value is not None:
            setattr(record, key, value)
    display.show_record(
        api.update_slurm_scheduler(scheduler_id, record),
        title=f"Updated Slurm config {scheduler_id}",
    )


SCHEDULERS = Resource(
    "Slurm config",
    "slurm_schedulers",
    SLURM_COLUMNS,
    get="get_slurm_scheduler",
    list="list_slurm_schedulers",
    delete="delete_slurm_scheduler",
    label="Slurm configs",
    in_workflow=True,
    paging=Paging(sortable=False),
    help={"list": "Show the current Slurm configs in the database."},
)
add_commands(app, SCHEDULERS)
