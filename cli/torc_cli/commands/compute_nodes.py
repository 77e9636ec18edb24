"""`torc compute-nodes`: the machines (or allocations) that ran a workflow's jobs."""

from __future__ import annotations

from typing import Annotated

from cyclopts import App, Parameter

from torc_cli import display, paging, selection, session

app = App(name="compute-nodes", help="Compute node management commands.")

COMPUTE_NODE_COLUMNS = [
    display.Column("ID", "id"),
    display.Column("Hostname", "hostname"),
    display.Column("PID", "pid"),
    display.Column("Type", "compute_node_type"),
    display.Column("CPUs", "num_cpus"),
    display.Column("Memory (GB)", "memory_gb"),
    display.Column("GPUs", "num_gpus"),
    display.Column("Nodes", "num_nodes"),
    display.Column("Active", "is_active"),
    display.Column("Start Time", "start_time"),
    display.Column("Duration (s)", "duration_seconds", display.decimal),
]


@app.command
def get(id: Annotated[int, Parameter(help="ID of the compute node.")]) -> None:
    """Get a specific compute node by ID."""
    display.show_record(session.get().api.get_compute_node(id))


@app.command(name="list")
def list_(
    workflow_id: Annotated[
        int | None,
        Parameter(help="List compute nodes for this workflow (optional: chosen on a terminal)."),
    ] = None,
    *,
    limit: paging.Limit = None,
    offset: paging.OffsetO = 0,
    sort_by: paging.SortByS = None,
    reverse_sort: paging.ReverseSortR = False,
) -> None:
    """List compute nodes for a workflow."""
    workflow_id = selection.workflow_id(workflow_id)
    nodes = paging.fetch(
        session.get().api.list_compute_nodes,
        workflow_id,
        limit=limit,
        offset=offset,
        sort_by=sort_by,
        reverse_sort=reverse_sort,
    )
    display.show_list(
        nodes,
        COMPUTE_NODE_COLUMNS,
        "compute_nodes",
        noun="compute nodes",
        title=f"Compute nodes for workflow {workflow_id}:",
        empty=f"No compute nodes found for workflow {workflow_id}.",
    )


COMMANDS = [app]
