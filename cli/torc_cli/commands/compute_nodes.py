"""`torc compute-nodes`: the machines (or allocations) that ran a workflow's jobs."""

from __future__ import annotations

from cyclopts import App

from torc_cli import display
from torc_cli.resource import SHORT_FLAGS, Resource, add_commands

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
NODES = Resource(
    "compute node",
    "compute_nodes",
    COMPUTE_NODE_COLUMNS,
    get="get_compute_node",
    list="list_compute_nodes",
    in_workflow=True,
    paging=SHORT_FLAGS,
)
add_commands(app, NODES)


COMMANDS = [app]
