"""What the interface asks of the server, through the SDK; plain dicts come back.

Every method blocks (the SDK is synchronous); the application calls them in worker threads.
A list holds at most `ROWS` records (one server page): a workflow of a million jobs shows its
first jobs and its latest results, and following it live re-reads one page, not the million.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torc_cli.paging import Records
from torc_cli.session import to_plain

ROWS = 10_000
"""The most records a list of the interface holds (jobs, files, results, nodes)."""


def _rows(page: Any) -> Records:
    """A page's records as plain dicts, with how many there are on the server."""
    rows = Records(to_plain(item) for item in page.items or [])
    total = getattr(page, "total_count", None)
    rows.total = total if isinstance(total, int) else None
    return rows


@dataclass
class Connection:
    """Where the server is and who is asking."""

    url: str
    username: str | None = None
    password: str | None = None


class Backend:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._api: Any = None

    @property
    def api(self) -> Any:
        if self._api is None:
            from torc import make_api

            c = self.connection
            self._api = make_api(c.url, username=c.username, password=c.password)
        return self._api

    def reconnect(self, url: str) -> None:
        """Talk to another server from now on."""
        self.close()
        self.connection.url = url

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None

    # reads ---------------------------------------------------------------------------------

    def ping(self) -> bool:
        try:
            self.api.ping()
        except Exception:
            return False
        return True

    def workflows(self, user: str | None) -> list[dict[str, Any]]:
        return [to_plain(w) for w in self.api.iter_workflows(user=user)]

    def jobs(self, workflow_id: int) -> Records:
        """The workflow's first `ROWS` jobs (by id), with their relationships."""
        return _rows(self.api.list_jobs(workflow_id, include_relationships=True, limit=ROWS))

    def job(self, job_id: int) -> dict[str, Any]:
        return to_plain(self.api.get_job(job_id))

    def files(self, workflow_id: int) -> Records:
        return _rows(self.api.list_files(workflow_id, limit=ROWS))

    def events(self, workflow_id: int, limit: int = 500) -> list[dict[str, Any]]:
        page = self.api.list_events(workflow_id, sort_by="id", reverse_sort=True, limit=limit)
        return [to_plain(e) for e in page.items]

    def results(self, workflow_id: int) -> Records:
        """The latest `ROWS` results, oldest first."""
        page = self.api.list_results(workflow_id, sort_by="id", reverse_sort=True, limit=ROWS)
        rows = _rows(page)
        rows.reverse()
        return rows

    def scheduled_nodes(self, workflow_id: int) -> Records:
        return _rows(self.api.list_scheduled_compute_nodes(workflow_id, limit=ROWS))

    def run_id(self, workflow_id: int) -> int:
        return int(self.api.get_workflow_status(workflow_id).run_id)

    def latest_run_of(self, workflow_id: int, job_id: int) -> int:
        """The run of the job's latest result, else the workflow's current run."""
        page = self.api.list_results(
            workflow_id, job_id=job_id, all_runs=True, sort_by="id", reverse_sort=True, limit=1
        )
        if page.items:
            return int(page.items[0].run_id)
        return self.run_id(workflow_id)

    # changes -------------------------------------------------------------------------------

    def create(self, spec: Path, user: str | None) -> int:
        from torc.workflows import create_workflow_from_file

        return int(create_workflow_from_file(self.api, spec, user=user).workflow.id)

    def initialization_check(self, workflow_id: int) -> Any:
        from torc.manager import check_initialization

        return check_initialization(self.api, workflow_id)

    def is_initialized(self, workflow_id: int) -> bool:
        return not self.api.is_workflow_uninitialized(workflow_id).is_uninitialized

    def initialize(self, workflow_id: int, *, force: bool) -> int:
        from torc.manager import initialize

        return initialize(self.api, workflow_id, force=force)

    def reinitialize(self, workflow_id: int, *, force: bool) -> int:
        from torc.manager import reinitialize

        return int(reinitialize(self.api, workflow_id, force=force).run_id)

    def reset(self, workflow_id: int) -> int:
        from torc.manager import reset_status

        return int(reset_status(self.api, workflow_id).updated_count)

    def cancel(self, workflow_id: int) -> int:
        """Cancel the workflow and its Slurm allocations; how many allocations were canceled."""
        self.api.cancel_workflow(workflow_id)
        from torc_runner.slurm.submit import cancel_allocations

        canceled, _problems = cancel_allocations(self.api, workflow_id)
        return len(canceled)

    def delete(self, workflow_id: int) -> None:
        self.api.delete_workflow(workflow_id)

    def stop_job(self, workflow_id: int, job_id: int, status: str) -> dict[str, Any]:
        """Finish a job as canceled or terminated, with a result saying so (return code -1),
        recorded against the compute node running it, or against one registered for this
        interface (the server keeps every result with the node that produced it)."""
        job = to_plain(self.api.get_job(job_id))
        run_id = self.run_id(workflow_id)
        node_id = job.get("active_compute_node_id") or self._own_node(workflow_id)
        result = {
            "job_id": job_id,
            "workflow_id": workflow_id,
            "run_id": run_id,
            "compute_node_id": node_id,
            "return_code": -1,
            "exec_time_minutes": 0.0,
            "completion_time": _now_iso(),
            "status": status,
        }
        return to_plain(self.api.complete_job(job_id, status, run_id, result))

    def _own_node(self, workflow_id: int) -> int:
        import os
        import socket

        body = {
            "workflow_id": workflow_id,
            "hostname": socket.gethostname(),
            "pid": os.getpid(),
            "start_time": _now_iso(),
            "is_active": False,
            "num_cpus": 0,
            "memory_gb": 0.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "local",
        }
        return int(self.api.create_compute_node(body).id)

    def retry(self, workflow_id: int, job_id: int) -> dict[str, Any]:
        run_id = self.run_id(workflow_id)
        return to_plain(self.api.retry_job(job_id, run_id))


def _now_iso() -> str:
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"
