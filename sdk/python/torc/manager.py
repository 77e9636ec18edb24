"""Starting a workflow run from the client side: checks that need the client's filesystem, then
the server's lifecycle operations in order."""

from __future__ import annotations

import os
from dataclasses import dataclass

from torc.api import DefaultApi


class WorkflowNotReady(Exception):
    """The workflow cannot start: a required input is missing, or it is archived."""


@dataclass(frozen=True)
class MissingInputs:
    files: list[str]
    user_data: list[str]


def check_inputs(api: DefaultApi, workflow_id: int) -> MissingInputs:
    """Input files no job produces that are not on disk, and user data nobody will provide."""
    missing_files = []
    for file_id in api.list_required_existing_files(workflow_id).files or []:
        record = api.get_file(int(file_id))
        if not os.path.exists(record.path):
            missing_files.append(f"{record.name} ({record.path})")
    missing_data = [
        api.get_user_data(int(ud_id)).name
        for ud_id in api.list_missing_user_data(workflow_id).user_data or []
    ]
    return MissingInputs(missing_files, missing_data)


def record_file_times(api: DefaultApi, workflow_id: int) -> int:
    """Store the modification time of every file of the workflow that exists; how many changed."""
    changed = 0
    for record in api.iter_files(workflow_id):
        try:
            mtime = os.stat(record.path).st_mtime
        except OSError:
            continue
        known = record.st_mtime if isinstance(record.st_mtime, float | int) else None
        if known is None or abs(known - mtime) > 0.01:
            record.st_mtime = mtime
            api.update_file(record.id, record)
            changed += 1
    return changed


def initialize(api: DefaultApi, workflow_id: int, *, force: bool = False) -> int:
    """Start the workflow's first (or a fresh) run; answer the new run id.

    Refuses when the workflow is archived, when a required input file is missing (unless
    `force`), or when user data that jobs need has no value.
    """
    status = api.get_workflow_status(workflow_id)
    if status.is_archived:
        raise WorkflowNotReady(f"workflow {workflow_id} is archived; unarchive it first")
    missing = check_inputs(api, workflow_id)
    if missing.files and not force:
        raise WorkflowNotReady(
            "required input files do not exist: "
            + ", ".join(missing.files)
            + " (create them, or initialize with force)"
        )
    if missing.user_data:
        raise WorkflowNotReady("user data has no value: " + ", ".join(missing.user_data))
    api.reset_workflow_status(workflow_id, force=force)
    api.reset_job_status(workflow_id, failed_only=False)
    status = api.get_workflow_status(workflow_id)
    status.run_id += 1
    api.update_workflow_status(workflow_id, status)
    record_file_times(api, workflow_id)
    api.initialize_jobs(workflow_id, only_uninitialized=False, clear_ephemeral_user_data=True)
    return status.run_id


def initialize_if_needed(api: DefaultApi, workflow_id: int, *, force: bool = False) -> bool:
    """Initialize a workflow whose jobs are all uninitialized (or disabled); True if it did."""
    if not api.is_workflow_uninitialized(workflow_id).is_uninitialized:
        return False
    initialize(api, workflow_id, force=force)
    return True
