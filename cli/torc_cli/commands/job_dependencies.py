"""`torc job-dependencies`: which jobs wait for which, and through which files and user data."""

from __future__ import annotations

from cyclopts import App

from torc_cli import display
from torc_cli.resource import Paging, Resource, workflow_list

app = App(name="job-dependencies", help="Job dependency and relationship queries.")

PRODUCER_CONSUMER = [
    display.Column("Producer Job ID", "producer_job_id"),
    display.Column("Producer Job Name", "producer_job_name"),
    display.Column("Consumer Job ID", "consumer_job_id"),
    display.Column("Consumer Job Name", "consumer_job_name"),
]


def _relationship(
    label: str, plural: str, columns: list[display.Column], operation: str
) -> Resource:
    """A list of relationships (no get or delete of one)."""
    return Resource(
        label,
        plural,
        columns,
        list=operation,
        label=label,
        in_workflow=True,
        paging=Paging(sortable=False),
        help={"list": f"List {label} for a workflow."},
    )


RELATIONSHIPS = {
    "job-job": _relationship(
        "job dependencies",
        "job_dependencies",
        [
            display.Column("Job ID", "job_id"),
            display.Column("Job Name", "job_name"),
            display.Column("Blocked By Job ID", "depends_on_job_id"),
            display.Column("Blocked By Job Name", "depends_on_job_name"),
        ],
        "list_job_dependencies",
    ),
    "job-file": _relationship(
        "job-file relationships",
        "job_file_relationships",
        [
            display.Column("File ID", "file_id"),
            display.Column("File Name", "file_name"),
            display.Column("Path", "file_path"),
            *PRODUCER_CONSUMER,
        ],
        "list_job_file_relationships",
    ),
    "job-user-data": _relationship(
        "job-user_data relationships",
        "job_user_data_relationships",
        [
            display.Column("User Data ID", "user_data_id"),
            display.Column("User Data Name", "user_data_name"),
            *PRODUCER_CONSUMER,
        ],
        "list_job_user_data_relationships",
    ),
}
for name, relationship in RELATIONSHIPS.items():
    app.command(workflow_list(relationship), name=name)

COMMANDS = [app]
