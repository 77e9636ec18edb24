"""Submitting Slurm allocations for a workflow and recording each as a scheduled compute node.

Each allocation gets its own sbatch script (`script.render`), written to the output directory,
submitted with sbatch and, once Slurm has given it a job id, recorded with the server as a
scheduled compute node (type `slurm`, status `pending`) that the runner inside finds by that id.
An allocation sbatch refuses gets no record; the submission stops there with sbatch's message.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torc import ApiError, DefaultApi
from torc_runner.slurm import tools
from torc_runner.slurm.jitter import delay_window
from torc_runner.slurm.script import RunnerCommand, ScriptError, render

log = logging.getLogger("torc.slurm.submit")

_SUBMITTED = re.compile(r"Submitted batch job (\d+)")
# sbatch messages that mean "the controller is busy or restarting", worth another try; any
# other refusal (a bad account, partition, time limit) would be refused again.
_TRANSIENT = re.compile(
    r"socket timed out|unable to contact slurm controller|temporarily unavailable|temporarily unable|"
    r"try again|connection refused|connection timed out|zero bytes were transmitted|"
    r"did not answer within|slurm_persist_conn|communication connection failure",
    re.IGNORECASE,
)
# scancel of a job that has ended: nothing left to cancel.
_GONE = re.compile(r"invalid job id|already completing or completed|job has already finished", re.I)
SBATCH_RETRIES = 5
SBATCH_RETRY_DELAY = 10.0


class SubmissionError(RuntimeError):
    """Allocations could not be submitted (one line); `submitted` holds the ones that were."""

    def __init__(self, message: str, submitted: list[Allocation] | None = None) -> None:
        super().__init__(message)
        self.submitted = submitted or []


@dataclass(frozen=True)
class Allocation:
    """One submitted allocation."""

    job_name: str
    slurm_job_id: int
    scheduled_compute_node_id: int
    script: Path | None
    """The kept submission script; None once removed."""


def startup_delay_seconds(
    workflow: Any, num_allocations: int, nodes: int, start_one_worker_per_node: bool
) -> float:
    """The jitter window for this many runners starting together; 0 when the workflow's
    `execution_config` says `staggered_start: false`."""
    if not staggered_start(workflow):
        return 0.0
    runners = num_allocations * (max(nodes, 1) if start_one_worker_per_node else 1)
    return delay_window(runners)


def staggered_start(workflow: Any) -> bool:
    """`execution_config.staggered_start` of the workflow (default true)."""
    config = _decoded(getattr(workflow, "execution_config", None), "execution_config")
    return config.get("staggered_start") is not False


def schedule_nodes(
    api: DefaultApi,
    workflow_id: int,
    scheduler_config_id: int,
    num_allocations: int,
    output_dir: Path | str,
    *,
    job_prefix: str = "worker",
    keep_submission_scripts: bool = False,
    max_parallel_jobs: int | None = None,
    poll_interval: float = 60,
    start_one_worker_per_node: bool = False,
    credentials: Mapping[str, str] | None = None,
    sbatch_retries: int = SBATCH_RETRIES,
    sbatch_retry_delay: float = SBATCH_RETRY_DELAY,
) -> list[Allocation]:
    """Submit `num_allocations` allocations of Slurm scheduler `scheduler_config_id`; each runs
    torc-slurm-job-runner (one per node with `start_one_worker_per_node`).

    `credentials` (e.g. TORC_USERNAME, TORC_PASSWORD) go into sbatch's environment, which Slurm
    hands to the allocation; they are never written into the script.

    Raises:
        SubmissionError: Slurm is missing, the settings cannot make a script, sbatch refused
            (with its message), or the server could not record an allocation.
    """
    if num_allocations < 1:
        raise SubmissionError("the number of allocations must be at least 1")
    if not tools.available("sbatch"):
        raise SubmissionError(
            "sbatch not found: Slurm's commands are not installed on this machine; submit "
            "from a login node of the cluster"
        )
    workflow = api.get_workflow(workflow_id)
    scheduler = api.get_slurm_scheduler(scheduler_config_id).to_dict()
    if scheduler.get("workflow_id") != workflow_id:
        raise SubmissionError(
            f"Slurm scheduler {scheduler_config_id} belongs to workflow "
            f"{scheduler.get('workflow_id')}, not {workflow_id}"
        )
    output = Path(output_dir).resolve()
    output.mkdir(parents=True, exist_ok=True)
    command = RunnerCommand(
        url=api.url,
        workflow_id=workflow_id,
        output_dir=output,
        poll_interval=poll_interval,
        startup_delay_seconds=startup_delay_seconds(
            workflow, num_allocations, int(scheduler.get("nodes") or 1), start_one_worker_per_node
        ),
        max_parallel_jobs=max_parallel_jobs,
        start_one_worker_per_node=start_one_worker_per_node,
    )
    defaults = _decoded(getattr(workflow, "slurm_defaults", None), "slurm_defaults")
    submitted: list[Allocation] = []
    for number in range(1, num_allocations + 1):
        job_name = f"{job_prefix}_wf{workflow_id}_{os.getpid()}_{number}"
        try:
            text = render(scheduler, job_name, command, defaults)
        except ScriptError as exc:
            raise SubmissionError(str(exc), submitted) from None
        script = output / f"{job_name}.sh"
        script.write_text(text)
        script.chmod(0o755)
        try:
            job_id = _sbatch(script, credentials, sbatch_retries, sbatch_retry_delay)
            node = _record(api, workflow_id, scheduler_config_id, job_id)
        except SubmissionError as exc:
            exc.submitted = submitted
            raise
        finally:
            if not keep_submission_scripts:
                script.unlink(missing_ok=True)
        kept = script if keep_submission_scripts else None
        submitted.append(Allocation(job_name, job_id, node, kept))
        log.info("submitted Slurm job %s (%s) for workflow %s", job_id, job_name, workflow_id)
    return submitted


def is_transient(message: str) -> bool:
    """Whether a Slurm command's failure looks like a busy or restarting controller (worth
    another try) rather than a refusal."""
    return _TRANSIENT.search(message) is not None


def _sbatch(script: Path, credentials: Mapping[str, str] | None, retries: int, delay: float) -> int:
    """sbatch the script; its Slurm job id. Only failures that look transient are retried."""
    attempt = 0
    while True:
        try:
            said = tools.run(["sbatch", str(script)], extra_env=credentials)
        except tools.SlurmError as exc:
            if attempt < retries and is_transient(str(exc)):
                attempt += 1
                log.warning("%s; trying again in %g s (%d of %d)", exc, delay, attempt, retries)
                time.sleep(delay)
                continue
            raise SubmissionError(str(exc)) from None
        found = _SUBMITTED.search(said)
        if found is None:
            raise SubmissionError(f"sbatch did not report a job id: {' '.join(said.split())}")
        return int(found.group(1))


def _record(api: DefaultApi, workflow_id: int, scheduler_config_id: int, job_id: int) -> int:
    """The scheduled compute node of a submitted allocation; when the server cannot take it,
    the allocation is canceled (no runner should start for an allocation nobody knows of)."""
    try:
        node = api.create_scheduled_compute_node(
            {
                "workflow_id": workflow_id,
                "scheduler_id": job_id,
                "scheduler_config_id": scheduler_config_id,
                "scheduler_type": "slurm",
                "status": "pending",
            }
        )
    except ApiError as exc:
        try:
            tools.run(["scancel", str(job_id)])
        except tools.SlurmError as cancel_error:
            log.error("could not cancel Slurm job %s: %s", job_id, cancel_error)
        raise SubmissionError(
            f"Slurm job {job_id} was submitted but the server did not record it ({exc}); "
            "it was canceled"
        ) from None
    return int(node.id)


def cancel_allocations(api: DefaultApi, workflow_id: int) -> tuple[list[int], list[str]]:
    """scancel the workflow's Slurm allocations that are not complete and mark them complete.

    Answers the Slurm job ids canceled and a line per allocation that could not be.
    """
    nodes = [
        node
        for node in api.iter_scheduled_compute_nodes(workflow_id)
        if node.scheduler_type == "slurm" and node.status != "complete"
    ]
    if not nodes:
        return [], []
    if not tools.available("scancel"):
        return [], [
            f"{len(nodes)} Slurm allocations of workflow {workflow_id} are not complete and "
            "scancel is not installed here: cancel them on the cluster"
        ]
    canceled: list[int] = []
    problems: list[str] = []
    for node in nodes:
        try:
            _scancel(int(node.scheduler_id))
        except tools.SlurmError as exc:
            problems.append(f"Slurm job {node.scheduler_id}: {exc}")
            continue
        node.status = "complete"
        api.update_scheduled_compute_node(node.id, node)
        canceled.append(int(node.scheduler_id))
    return canceled, problems


def _scancel(job_id: int, retries: int = 2, delay: float = 2.0) -> None:
    """scancel one job; a job Slurm no longer knows or that is already ending counts as
    canceled."""
    for attempt in range(retries + 1):
        try:
            tools.run(["scancel", str(job_id)])
            return
        except tools.SlurmError as exc:
            if _GONE.search(str(exc)):
                return
            if attempt == retries or not is_transient(str(exc)):
                raise
            time.sleep(delay)


def _decoded(value: Any, what: str) -> dict[str, Any]:
    """A workflow field holding encoded JSON, as a dict ({} when absent)."""
    if value is None or not isinstance(value, str | dict) or value == "":
        return {}
    if isinstance(value, dict):
        return value
    try:
        decoded = json.loads(value)
    except json.JSONDecodeError:
        raise SubmissionError(f"the workflow's {what} is not valid JSON: {value!r}") from None
    if not isinstance(decoded, dict):
        raise SubmissionError(f"the workflow's {what} must be a JSON object, not {value!r}")
    return decoded
