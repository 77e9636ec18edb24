"""Starting a workflow run from the client side: checks that need the client's filesystem, then
the server's lifecycle operations in order."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from torc.api import DefaultApi


class WorkflowNotReady(Exception):
    """The workflow cannot start: a required input is missing, or it is archived."""


@dataclass(frozen=True)
class MissingInputs:
    files: list[str]
    user_data: list[str]


def check_inputs(
    api: DefaultApi, workflow_id: int, *, files: bool = True, user_data: bool = True
) -> MissingInputs:
    """Input files no job produces that are not on disk, and user data nobody will provide
    (`files`, `user_data`: False when the workflow is known to have none)."""
    missing_files = []
    required = api.list_required_existing_files(workflow_id).files if files else None
    for file_id in required or []:
        record = api.get_file(int(file_id))
        if not os.path.exists(record.path):
            missing_files.append(f"{record.name} ({record.path})")
    unset = api.list_missing_user_data(workflow_id).user_data if user_data else None
    missing_data = [api.get_user_data(int(ud_id)).name for ud_id in unset or []]
    return MissingInputs(missing_files, missing_data)


def record_file_times(api: DefaultApi, workflow_id: int) -> int:
    """Store the modification time of every file of the workflow that exists; how many changed."""
    return _record_file_times(api, workflow_id)[0]


def _record_file_times(api: DefaultApi, workflow_id: int) -> tuple[int, list[Any]]:
    """`record_file_times`, and the file records it read (a runner keeps their paths)."""
    changed = 0
    records = list(api.iter_files(workflow_id))
    for record in records:
        try:
            mtime = os.stat(record.path).st_mtime
        except OSError:
            continue
        known = record.st_mtime if isinstance(record.st_mtime, float | int) else None
        if known is None or abs(known - mtime) > 0.01:
            record.st_mtime = mtime
            api.update_file(record.id, record)
            changed += 1
    return changed, records


def initialize(api: DefaultApi, workflow_id: int, *, force: bool = False) -> int:
    """Start the workflow's first (or a fresh) run; answer the new run id.

    Refuses when the workflow is archived, when a required input file is missing (unless
    `force`), or when user data that jobs need has no value.
    """
    _check_can_start(api, workflow_id, force=force)
    api.reset_workflow_status(workflow_id, force=force)
    api.reset_job_status(workflow_id, failed_only=False)
    status = api.get_workflow_status(workflow_id)
    status.run_id += 1
    api.update_workflow_status(workflow_id, status)
    record_file_times(api, workflow_id)
    api.initialize_jobs(workflow_id, only_uninitialized=False, clear_ephemeral_user_data=True)
    return status.run_id


@dataclass(frozen=True)
class CreatedWorkflow:
    """What creating a workflow from a specification answered (`POST /workflow_specs`), kept
    by the command that runs it next so that it does not ask the server again: a specification
    sets no job's status (every job is uninitialized or disabled) and a new workflow is not
    archived; which kinds of records it has, the answer's id lists say (not resource
    requirements: every workflow has a `default` one that the answer does not list)."""

    workflow: Any
    """The workflow record (`WorkflowModel`), as `get_workflow` answers it."""
    job_count: int
    has_files: bool
    has_user_data: bool
    has_actions: bool

    @classmethod
    def from_answer(cls, answer: Any) -> CreatedWorkflow:
        """From a `CreateWorkflowFromSpecResponse`."""

        def some(name: str) -> bool:
            ids = getattr(answer, name, None)
            return isinstance(ids, list) and bool(ids)

        return cls(
            workflow=answer.workflow,
            job_count=len(answer.job_ids),
            has_files=some("file_ids"),
            has_user_data=some("user_data_ids"),
            has_actions=some("action_ids"),
        )


@dataclass(frozen=True)
class RunStart:
    """What `begin_run` did and learned on the way."""

    initialized: bool
    """Whether this call started the workflow's run (else it was initialized before)."""
    run_id: int | None = None
    """The workflow's current run; None when not learned (it was initialized before)."""
    files: list[dict[str, Any]] | None = None
    """The workflow's file records (plain JSON) when they were read (to record their times);
    else None."""


def initialize_if_needed(api: DefaultApi, workflow_id: int, *, force: bool = False) -> bool:
    """Initialize a workflow whose jobs are all uninitialized (or disabled); True if it did.

    The server checks and initializes in one transaction, so of any number of runners starting
    together on a new workflow exactly one starts its run."""
    return begin_run(api, workflow_id, force=force)().initialized


def begin_run(
    api: DefaultApi,
    workflow_id: int,
    *,
    force: bool = False,
    created: CreatedWorkflow | None = None,
) -> Callable[[], RunStart]:
    """`initialize_if_needed` in two steps, answering what it learned: the checks, then
    `initialize_jobs` is sent; the function answered reads its answer (from this thread), so
    that the caller works meanwhile (a run imports the job runner while the server initializes
    the jobs). The requests go as plain JSON (`request_json`): no models to build. `created`:
    this command has just created the workflow from a specification, whose answer tells what
    would otherwise be asked (whether it is initialized or archived, whether it has files or
    user data to check)."""
    path = f"/workflows/{workflow_id}"
    if created is None:
        asked = api.request_json(
            "GET", path + "/is_uninitialized", operation="is_workflow_uninitialized"
        )
        if not asked.get("is_uninitialized"):
            return lambda: RunStart(initialized=False)
        _check_can_start(api, workflow_id, force=force)
        files: list[Any] | None = _record_file_times(api, workflow_id)[1]
    else:
        _check_inputs(
            api,
            workflow_id,
            force=force,
            files=created.has_files,
            user_data=created.has_user_data,
        )
        files = _record_file_times(api, workflow_id)[1] if created.has_files else []
    sent = api.send_json(
        "POST",
        path + "/initialize_jobs",
        params={"clear_ephemeral_user_data": True, "start_run_if_uninitialized": True},
        operation="initialize_jobs",
    )
    records = [record.to_dict() for record in files] if files is not None else None

    def answer() -> RunStart:
        answered = sent.answer()
        run_id = answered.get("run_id")
        return RunStart(
            answered.get("initialized") is True,
            run_id if isinstance(run_id, int) else None,
            records,
        )

    return answer


def _check_can_start(api: DefaultApi, workflow_id: int, *, force: bool) -> None:
    status = api.get_workflow_status(workflow_id)
    if status.is_archived:
        raise WorkflowNotReady(f"workflow {workflow_id} is archived; unarchive it first")
    _check_inputs(api, workflow_id, force=force)


def _check_inputs(
    api: DefaultApi, workflow_id: int, *, force: bool, files: bool = True, user_data: bool = True
) -> None:
    """Refuse a start that lacks inputs (`files`, `user_data`: whether the workflow may have
    any; a workflow without them needs no request to find none missing)."""
    missing = check_inputs(api, workflow_id, files=files, user_data=user_data)
    if missing.files and not force:
        raise WorkflowNotReady(
            "required input files do not exist: "
            + ", ".join(missing.files)
            + " (create them, or initialize with force)"
        )
    if missing.user_data:
        raise WorkflowNotReady("user data has no value: " + ", ".join(missing.user_data))


# ---------------------------------------------------------------------------------------------
# checks before initializing, reinitializing a finished or interrupted run, resetting statuses

_RERUN_ON_REINITIALIZE = ("canceled", "pending", "terminated")
"""Statuses that reinitialize always sends back to uninitialized (the jobs of an interrupted or
canceled run); completed and failed jobs run again only when something they use changed."""


def _status(job: Any) -> str:
    status = getattr(job, "status", None)
    return str(getattr(status, "value", status))


def _mtime(path: str) -> float | None:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return None


def _known_mtime(record: Any) -> float | None:
    value = getattr(record, "st_mtime", None)
    return float(value) if isinstance(value, float | int) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class InitializationCheck:
    """What `initialize` would find: inputs that are missing, outputs that already exist."""

    workflow_id: int
    missing_input_files: list[str]
    missing_user_data: list[str]
    existing_output_files: list[str]

    @property
    def safe(self) -> bool:
        return not self.missing_input_files and not self.missing_user_data

    def to_dict(self) -> dict[str, Any]:
        return {
            "workflow_id": self.workflow_id,
            "safe": self.safe,
            "missing_input_files": self.missing_input_files,
            "missing_input_file_count": len(self.missing_input_files),
            "missing_user_data": self.missing_user_data,
            "existing_output_files": self.existing_output_files,
            "existing_output_file_count": len(self.existing_output_files),
        }


def check_initialization(api: DefaultApi, workflow_id: int) -> InitializationCheck:
    """Check, without changing anything, whether `initialize` can start the workflow."""
    status = api.get_workflow_status(workflow_id)
    if status.is_archived:
        raise WorkflowNotReady(f"workflow {workflow_id} is archived; unarchive it first")
    missing = check_inputs(api, workflow_id)
    existing = sorted(
        {
            rel.file_path
            for rel in api.iter_job_file_relationships(workflow_id)
            if isinstance(rel.producer_job_id, int) and os.path.exists(rel.file_path)
        }
    )
    return InitializationCheck(workflow_id, missing.files, missing.user_data, existing)


@dataclass
class ReinitializeReport:
    """What `reinitialize` changed (or, in a dry run, would change)."""

    workflow_id: int
    run_id: int
    """The new run id; in a dry run, the id the new run would get."""
    dry_run: bool
    changed_files: list[str] = field(default_factory=list)
    """Files whose modification time changed (or that appeared or disappeared) since recorded."""
    missing_outputs: list[str] = field(default_factory=list)
    """Outputs of completed jobs that no longer exist; their producers run again."""
    changed_inputs: list[str] = field(default_factory=list)
    """Jobs whose inputs (command, dependencies, input user data, ...) changed, by name."""
    reset_jobs: list[str] = field(default_factory=list)
    """Jobs sent back to uninitialized by the client (before the server spreads that to the jobs
    downstream of them), by name."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "workflow_id": self.workflow_id,
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "changed_files": self.changed_files,
            "missing_outputs": self.missing_outputs,
            "changed_inputs": self.changed_inputs,
            "reset_jobs": self.reset_jobs,
        }


def reinitialize(
    api: DefaultApi, workflow_id: int, *, force: bool = False, dry_run: bool = False
) -> ReinitializeReport:
    """Start a new run that repeats only what needs repeating.

    Jobs that were canceled, pending or terminated (with `force`, also running: their runner is
    gone) run again; completed (and failed, and
    canceled) jobs run again when an input file changed on disk (by modification time), when one
    of their outputs disappeared, or when their inputs as the server knows them changed
    (`process_changed_job_inputs`); everything downstream of those follows. Refuses when the
    workflow is archived, when an input file that no job produces is missing (unless `force`), or
    when user data that jobs need has no value. `dry_run` reports what would happen and changes
    nothing.
    """
    status = api.get_workflow_status(workflow_id)
    if status.is_archived:
        raise WorkflowNotReady(f"workflow {workflow_id} is archived; unarchive it first")
    report = ReinitializeReport(workflow_id, status.run_id + 1, dry_run)

    producers: dict[int, set[int]] = {}
    for rel in api.iter_job_file_relationships(workflow_id):
        if isinstance(rel.producer_job_id, int):
            producers.setdefault(rel.file_id, set()).add(rel.producer_job_id)
    missing_inputs: list[str] = []
    missing_output_ids: list[int] = []
    for file_id in api.list_required_existing_files(workflow_id).files or []:
        record = api.get_file(int(file_id))
        if os.path.exists(record.path):
            continue
        if int(file_id) in producers:
            missing_output_ids.append(int(file_id))
            report.missing_outputs.append(record.path)
        else:
            missing_inputs.append(f"{record.name} ({record.path})")
    if missing_inputs and not force:
        raise WorkflowNotReady(
            "required input files do not exist: "
            + ", ".join(missing_inputs)
            + " (create them, or reinitialize with force)"
        )
    data_producers: dict[int, set[int]] = {}
    for rel in api.iter_job_user_data_relationships(workflow_id):
        if isinstance(rel.producer_job_id, int):
            data_producers.setdefault(rel.user_data_id, set()).add(rel.producer_job_id)
    unproduced: list[int] = []
    missing_data: list[str] = []
    for ud_id in api.list_missing_user_data(workflow_id).user_data or []:
        if int(ud_id) in data_producers:
            unproduced.append(int(ud_id))
        else:
            missing_data.append(api.get_user_data(int(ud_id)).name)
    if missing_data:
        raise WorkflowNotReady("user data has no value: " + ", ".join(missing_data))

    jobs = {job.id: job for job in api.iter_jobs(workflow_id)}
    to_reset: dict[int, None] = {}  # ordered set of job ids
    changed_files: list[tuple[Any, float | None]] = []
    for record in api.iter_files(workflow_id):
        on_disk, known = _mtime(record.path), _known_mtime(record)
        if on_disk is None and known is None:
            continue
        if on_disk is not None and known is not None and abs(on_disk - known) <= 0.01:
            continue
        changed_files.append((record, on_disk))
        report.changed_files.append(record.path)
        for consumer in api.iter_jobs(workflow_id, needs_file_id=record.id):
            if _status(consumer) in ("completed", "failed", "canceled"):
                to_reset[consumer.id] = None
    for file_id in missing_output_ids:
        for job_id in producers[file_id]:
            if job_id in jobs and _status(jobs[job_id]) == "completed":
                to_reset[job_id] = None
    for ud_id in unproduced:
        for job_id in data_producers[ud_id]:
            if job_id in jobs and _status(jobs[job_id]) == "completed":
                to_reset[job_id] = None
    rerun = (*_RERUN_ON_REINITIALIZE, "running") if force else _RERUN_ON_REINITIALIZE
    for job in jobs.values():
        if _status(job) in rerun:
            to_reset[job.id] = None
    report.reset_jobs = [jobs[i].name for i in to_reset if i in jobs]

    if dry_run:
        changed = api.process_changed_job_inputs(workflow_id, dry_run=True)
        report.changed_inputs = list(changed.reinitialized_jobs or [])
        return report

    api.reset_workflow_status(workflow_id, force=force)
    status = api.get_workflow_status(workflow_id)
    status.run_id += 1
    api.update_workflow_status(workflow_id, status)
    report.run_id = status.run_id
    for record, on_disk in changed_files:
        body: dict[str, Any] = {
            "workflow_id": workflow_id,
            "name": record.name,
            "path": record.path,
        }
        if on_disk is not None:
            body["st_mtime"] = on_disk
        api.update_file(record.id, body)
    for job_id in to_reset:
        api.manage_status_change(job_id, "uninitialized", status.run_id)
    changed = api.process_changed_job_inputs(workflow_id, dry_run=False)
    report.changed_inputs = list(changed.reinitialized_jobs or [])
    api.initialize_jobs(workflow_id, only_uninitialized=True, clear_ephemeral_user_data=False)
    return report


@dataclass(frozen=True)
class ResetReport:
    workflow_id: int
    failed_only: bool
    updated_count: int
    """Jobs set back to uninitialized."""
    restarted: ReinitializeReport | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "workflow_id": self.workflow_id,
            "failed_only": self.failed_only,
            "updated_count": self.updated_count,
            "restarted": self.restarted is not None,
            "run_id": self.restarted.run_id if self.restarted else None,
        }


def reset_status(
    api: DefaultApi,
    workflow_id: int,
    *,
    failed_only: bool = False,
    force: bool = False,
    restart: bool = False,
) -> ResetReport:
    """Reset the workflow's status and its jobs to uninitialized: all of them, or with
    `failed_only` the failed, canceled, terminated and pending-failed ones and everything
    downstream of them. `restart` then reinitializes, which starts a new run of exactly those
    jobs. Refuses when the workflow is archived, and (unless `force`) while jobs are running."""
    status = api.get_workflow_status(workflow_id)
    if status.is_archived:
        raise WorkflowNotReady(
            "Cannot reset archived workflow status. Unarchive the workflow first."
        )
    api.reset_workflow_status(workflow_id, force=force)
    reset = api.reset_job_status(workflow_id, failed_only=failed_only)
    restarted = reinitialize(api, workflow_id, force=force) if restart else None
    return ResetReport(workflow_id, failed_only, int(reset.updated_count), restarted)
