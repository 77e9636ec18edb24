"""Workflow actions a runner executes: it claims each pending action it can handle, then runs it.

A local runner handles `run_commands`: each command runs with `bash -c` in the output directory,
one after the other, stopping at the first that fails. `schedule_nodes` needs Slurm and is left
to runners that can submit allocations.
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


class ActionRunner:
    def __init__(
        self,
        api: DefaultApi,
        workflow_id: int,
        compute_node_id: int,
        output_dir: Path,
        handled: frozenset[str] = HANDLED,
    ) -> None:
        self.api = api
        self.workflow_id = workflow_id
        self.compute_node_id = compute_node_id
        self.output_dir = output_dir
        self.handled = handled
        self._pending_job_actions = False
        # Only workflows with job-triggered actions this runner can run need a look after every
        # batch of completions.
        self.watches_jobs = any(
            action.trigger_type in ("on_jobs_ready", "on_jobs_complete")
            and action.action_type in handled
            for action in api.get_workflow_actions(workflow_id)
        )

    def has_pending_work(self) -> bool:
        """Whether job-triggered actions this runner could run were waiting at the last look."""
        return self._pending_job_actions

    async def run_pending(self, triggers: Sequence[str]) -> int:
        """Claim and run every pending action of these trigger types; how many ran."""
        try:
            pending = self.api.get_pending_actions(self.workflow_id, trigger_type=list(triggers))
        except ApiError as exc:
            log.warning("could not list pending actions: %s", exc)
            return 0
        ran = 0
        for action in pending:
            if action.action_type not in self.handled:
                continue
            try:
                claim = self.api.claim_action(
                    self.workflow_id, action.id, {"compute_node_id": self.compute_node_id}
                )
            except ApiError as exc:
                if exc.status == 409:
                    continue  # another runner took it
                log.warning("could not claim action %s: %s", action.id, exc)
                continue
            if not claim.claimed:
                continue
            await self.execute(action.action_type, _config(action.action_config))
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


def _config(value: Any) -> dict[str, Any]:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return dict(value or {})
