"""Workflow actions a runner executes: it claims each pending action it can handle, then runs it.

A local runner handles `run_commands`: each command runs with `bash -c` in the output directory,
one after the other, stopping at the first that fails. `schedule_nodes` submits Slurm
allocations (`schedule_nodes_action`); only runners built with `SLURM_HANDLED` (on a cluster)
take those, and `torc submit` runs the workflow's `on_workflow_start` ones.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from torc import ApiError, DefaultApi

log = logging.getLogger("torc.runner.actions")

HANDLED = frozenset({"run_commands"})
SLURM_HANDLED = HANDLED | {"schedule_nodes"}
DEFAULT_SLURM_POLL_INTERVAL = 60.0


class ActionError(RuntimeError):
    """An action's configuration cannot be carried out (one line)."""


class ActionRunner:
    def __init__(
        self,
        api: DefaultApi,
        workflow_id: int,
        compute_node_id: int,
        output_dir: Path,
        handled: frozenset[str] = HANDLED,
        slurm_poll_interval: float = DEFAULT_SLURM_POLL_INTERVAL,
        actions: list[dict[str, Any]] | None = None,
    ) -> None:
        """`actions`: the workflow's actions (plain JSON) when the caller knows them (else
        asked here)."""
        self.api = api
        self.slurm_poll_interval = slurm_poll_interval
        self.workflow_id = workflow_id
        self.compute_node_id = compute_node_id
        self.output_dir = output_dir
        self.handled = handled
        self._pending_job_actions = False
        # Only workflows with job-triggered actions this runner can run need a look after every
        # batch of completions.
        if actions is None:
            actions = api.request_json(
                "GET", f"/workflows/{workflow_id}/actions", operation="get_workflow_actions"
            )
        self.watches_jobs = any(
            action.get("trigger_type") in ("on_jobs_ready", "on_jobs_complete")
            and action.get("action_type") in handled
            for action in actions or []
        )

    def has_pending_work(self) -> bool:
        """Whether job-triggered actions this runner could run were waiting at the last look."""
        return self._pending_job_actions

    async def run_pending(self, triggers: Sequence[str]) -> int:
        """Claim and run every pending action of these trigger types; how many ran."""
        try:
            pending = self.api.request_json(
                "GET",
                f"/workflows/{self.workflow_id}/actions/pending",
                params={"trigger_type": list(triggers)},
                operation="get_pending_actions",
            )
        except ApiError as exc:
            log.warning("could not list pending actions: %s", exc)
            return 0
        ran = 0
        for action in pending or []:
            action_type, action_id = action.get("action_type"), action["id"]
            if action_type not in self.handled:
                continue
            try:
                claim = self.api.claim_action(
                    self.workflow_id, action_id, {"compute_node_id": self.compute_node_id}
                )
            except ApiError as exc:
                if exc.status == 409:
                    continue  # another runner took it
                log.warning("could not claim action %s: %s", action_id, exc)
                continue
            if not claim.claimed:
                continue
            await self.execute(action_type, _config(action.get("action_config")))
            ran += 1
        if "on_jobs_ready" in triggers or "on_jobs_complete" in triggers:
            self._pending_job_actions = False
        return ran

    async def execute(self, action_type: str, config: Mapping[str, Any]) -> bool:
        if action_type == "run_commands":
            for command in config.get("commands", []):
                if not await self.run_script(command, {}):
                    log.error("action command failed, skipping the rest: %s", command)
                    return False
            return True
        if action_type == "schedule_nodes":
            try:
                allocations = await asyncio.to_thread(
                    schedule_nodes_action,
                    self.api,
                    self.workflow_id,
                    config,
                    self.output_dir,
                    poll_interval=self.slurm_poll_interval,
                    credentials=self.api.credential_environment(),  # the runner's own login
                )
            except ActionError as exc:
                log.error("schedule_nodes action failed: %s", exc)
                return False
            log.info(
                "schedule_nodes: submitted Slurm jobs %s",
                ", ".join(str(a.slurm_job_id) for a in allocations),
            )
            return True
        log.warning("this runner cannot execute %s actions", action_type)
        return False

    async def run_script(
        self, command: str, extra_env: Mapping[str, str], cwd: Path | None = None
    ) -> bool:
        """Run one command with `bash -c` (in the output directory unless `cwd` says otherwise);
        True when it exits 0."""
        self.output_dir.mkdir(parents=True, exist_ok=True)
        env = {
            **os.environ,
            **self.api.credential_environment(),
            "TORC_WORKFLOW_ID": str(self.workflow_id),
            "TORC_API_URL": self.api.url,
            "TORC_OUTPUT_DIR": str(self.output_dir),
            **extra_env,
        }
        log.info("running: %s", command)
        proc = await asyncio.create_subprocess_exec(
            "bash",
            "-c",
            command,
            cwd=cwd or self.output_dir,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
        )
        code = await proc.wait()
        if code != 0:
            log.error("command exited with %s: %s", code, command)
        return code == 0


def scheduler_config_id(api: DefaultApi, workflow_id: int, config: Mapping[str, Any]) -> int:
    """The Slurm scheduler a schedule_nodes action names: `scheduler_id`, or `scheduler` (a
    name of the workflow's schedulers)."""
    if config.get("scheduler_id") is not None:
        return int(config["scheduler_id"])
    name = config.get("scheduler")
    if not name:
        raise ActionError("the schedule_nodes action names no scheduler")
    for scheduler in api.iter_slurm_schedulers(workflow_id):
        if scheduler.name == name:
            return int(scheduler.id)
    raise ActionError(
        f"the schedule_nodes action names Slurm scheduler '{name}', which does not exist"
    )


def schedule_nodes_action(
    api: DefaultApi,
    workflow_id: int,
    config: Mapping[str, Any],
    output_dir: Path,
    *,
    poll_interval: float = DEFAULT_SLURM_POLL_INTERVAL,
    credentials: Mapping[str, str] | None = None,
) -> list[Any]:
    """Carry out a schedule_nodes action: submit its allocations; the `Allocation`s submitted.

    Raises:
        ActionError: the action is not for Slurm, names no scheduler, or submitting failed
            (with what was submitted before, in the message).
    """
    from torc_runner.slurm.submit import SubmissionError, schedule_nodes

    kind = config.get("scheduler_type") or "slurm"
    if kind != "slurm":
        raise ActionError(
            f"schedule_nodes for scheduler_type '{kind}' is not supported (slurm only)"
        )
    scheduler_id = scheduler_config_id(api, workflow_id, config)
    try:
        return schedule_nodes(
            api,
            workflow_id,
            scheduler_id,
            int(config.get("num_allocations") or 1),
            output_dir,
            max_parallel_jobs=config.get("max_parallel_jobs"),
            poll_interval=poll_interval,
            start_one_worker_per_node=bool(config.get("start_one_worker_per_node")),
            credentials=credentials,
        )
    except SubmissionError as exc:
        done = ""
        if exc.submitted:
            done = (
                " (submitted before: Slurm jobs "
                + ", ".join(str(a.slurm_job_id) for a in exc.submitted)
                + ")"
            )
        raise ActionError(f"{exc}{done}") from None


def _config(value: Any) -> dict[str, Any]:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return dict(value or {})
