"""The job runner: claim ready jobs, run them, report their results, until the work is done.

It learns that a job ended when the child exits (a pidfd in the event loop; nothing polls). Its
requests to the server go out from a worker thread, one at a time, so the loop keeps starting
and reaping jobs while one is in flight: each request reports every job that started or ended
since the previous one and claims more work, which batches itself when jobs are short. Claimed
jobs wait in a local queue until they fit; how far ahead the runner claims, and how often it
sends, follow how long jobs take (`torc_runner.ahead`). The Slurm runner reuses it with an end
time and its own compute node description.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import signal
import socket
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from torc import ApiError, DefaultApi
from torc.pagination import iter_json_pages
from torc_runner import abandoned, failures, job_process, log_file, logs, quick_exit
from torc_runner.actions import HANDLED, ActionRunner
from torc_runner.ahead import MAX_CLAIM, ClaimAhead
from torc_runner.chained_starts import Chain, Inbox, Launch, Outcome
from torc_runner.deadline import Deadline
from torc_runner.job_env import SharedEnvironment
from torc_runner.job_process import JobProcess
from torc_runner.monitor import Monitor, MonitorConfig
from torc_runner.quick_exit import Started
from torc_runner.resources import Ledger, Need, Resources
from torc_runner.spread_dir import make as make_spread
from torc_runner.stdio_files import OpenedAhead
from torc_runner.timestamps import duration, now_iso
from torc_runner.units import memory_to_bytes
from torc_runner.user_data_variables import substitute

log = logging.getLogger("torc.runner")
_JOB_OWN = ("TORC_JOB_ID", "TORC_JOB_NAME", "TORC_ATTEMPT_ID")
"""The variables of each job's own; the others are the same for every job of the runner."""
# The runner logs two lines per job and its format names no source line: skip the stack walk
# that finds the caller of every log call.
logging._srcfile = None  # type: ignore[attr-defined]

MIN_BACKOFF = 0.05
HEARTBEAT_SECONDS = 60.0
"""A runner that has sent nothing for this long reports anyway (an empty report), so that the
server knows it lives (the compute node's `last_seen`) while its jobs run for hours."""
MAX_RETRY_DELAY = 30.0
"""While the server cannot be reached, the runner tries again after 1 s, 2 s, ... up to this."""


@dataclass
class RunnerOptions:
    output_dir: Path
    resources: Resources
    poll_interval: float = 5.0
    max_parallel_jobs: int | None = None
    no_resource_monitoring: bool = False
    termination_grace_seconds: float = 30.0
    end_time: float | None = None  # epoch seconds by which no job may run (`Deadline`)
    compute_node_type: str = "local"
    scheduler: dict[str, Any] | None = None
    scheduler_config_id: int | None = None
    strict_scheduler_match: bool = False
    wait_for_new_jobs_seconds: float | None = None  # default: the workflow's setting
    hostname: str = field(default_factory=socket.gethostname)
    log_label: str | None = None  # resource-metrics database label
    requeue_terminated: bool = False  # jobs it terminates go back to ready at once
    actions: frozenset[str] = HANDLED  # the action types this runner executes


@dataclass(frozen=True)
class Known:
    """What the command that starts the runner has learned already, so that the runner does
    not ask again; None: not known, the runner asks the server."""

    workflow: Any = None
    """The workflow record (`WorkflowModel`)."""
    run_id: int | None = None
    files: list[dict[str, Any]] | None = None
    """The workflow's file records (plain JSON, like the others)."""
    user_data: list[dict[str, Any]] | None = None
    resource_requirements: list[dict[str, Any]] | None = None
    job_count: int | None = None
    actions: list[dict[str, Any]] | None = None
    """The workflow's actions (an empty list: it has none, so none is pending at the start)."""
    new: bool = False
    """The command created the workflow and started its first run itself: none of its jobs
    has been claimed, run or terminated by a runner before, so there is nothing to release
    or requeue."""


@dataclass
class RunStats:
    completed: int = 0
    failed: int = 0
    canceled: int = 0
    terminated: int = 0
    retried: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def finished(self) -> int:
        return self.completed + self.failed + self.canceled + self.terminated


@dataclass(slots=True)
class ClaimedJob:
    """What the runner needs of a claimed job, read from the JSON answer (the SDK's models cost
    more than the job itself when jobs are short)."""

    id: int
    name: str
    command: str
    invocation_script: str | None = None
    attempt_id: int = 1
    supports_termination: bool = False
    resource_requirements_id: int | None = None
    failure_handler_id: int | None = None
    output_file_ids: list[int] = field(default_factory=list)
    claimed_at: float = field(default_factory=time.monotonic)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ClaimedJob:
        return cls(
            id=record["id"],
            name=record["name"],
            command=record.get("command") or "",
            invocation_script=record.get("invocation_script"),
            attempt_id=int(record.get("attempt_id") or 1),
            supports_termination=bool(record.get("supports_termination")),
            resource_requirements_id=record.get("resource_requirements_id"),
            failure_handler_id=record.get("failure_handler_id"),
            output_file_ids=list(record.get("output_file_ids") or ()),
        )


@dataclass
class _Running:
    proc: JobProcess
    job: ClaimedJob
    need: Need


class JobRunner:
    def __init__(
        self,
        api: DefaultApi,
        workflow_id: int,
        options: RunnerOptions,
        progress: Callable[[JobRunner], None] | None = None,
        known: Known | None = None,
    ) -> None:
        self.api = api
        self.workflow_id = workflow_id
        self.options = options
        self.known = known or Known()
        self.stats = RunStats()
        self.progress = progress
        self.running: dict[int, _Running] = {}
        self.queued: deque[ClaimedJob] = deque()  # claimed (pending), not started yet
        self.ledger = Ledger(options.resources)
        self._exited: asyncio.Queue[JobProcess] = asyncio.Queue()
        self._outbox: list[dict[str, Any]] = []  # completions not reported yet
        self._started_ids: list[int] = []  # jobs started, not reported yet
        self._exchange: asyncio.Future[dict[str, Any]] | None = None  # the request in flight
        self._exchange_body: dict[str, Any] = {}
        self._unanswered: dict[str, Any] | None = None  # sent, no answer: sent again as is
        self._reporter = ThreadPoolExecutor(1, thread_name_prefix="torc-report")
        self._claim_found_nothing = False
        self._next_claim = 0.0  # monotonic time before which only reports go out
        self._backoff = MIN_BACKOFF
        self._unreachable_since: float | None = None  # monotonic; None while the server answers
        self._retry_at = 0.0  # monotonic time before which nothing is sent
        self._retry_delay = 1.0
        self._file_updates: list[tuple[int, dict[str, Any]]] = []  # output mtimes to record
        self.ahead = ClaimAhead(options.max_parallel_jobs or options.resources.num_cpus)
        # Files opened ahead only where a start holds the GIL (no spawner threads). Elsewhere the
        # child opens its own, its spawner thread waiting with the GIL free: no thread, future
        # and descriptors per job (2,000 `true` jobs: 1.91 -> 1.84 s on /tmp, 1.90 -> 1.78 s
        # on tmpfs; the same after many deletions, when a creation costs 0.6 ms).
        self._stdio_dir = ""  # the jobs' stdout and stderr files' directory, once it is made
        self._stdio = OpenedAhead(
            min(max(4, 2 * self.ahead.slots), 64) if job_process.SPAWN_HOLDS_THE_GIL else 0
        )
        self._env = SharedEnvironment({})  # the jobs' environment, set when the run starts
        self._stop_reason: str | None = None
        self.stop_signal: int | None = None  # the signal that stopped the runner
        self._wake = asyncio.Event()
        self._files: dict[int, tuple[str, str]] = {}  # id -> (name, path)
        self._needs: dict[int, Need] = {}
        self._handlers: dict[int, list[failures.Rule]] = {}
        self._starting = 0  # claimed jobs whose processes are being started
        self._start_failures: list[dict[str, Any]] = []  # completions of jobs that did not start
        self._spawner = ThreadPoolExecutor(8, thread_name_prefix="torc-spawn")
        self._chain = Chain()  # starts prepared for the spawner threads (`chained_starts`)
        self._inbox: Inbox | None = None  # their starts, back to the loop
        self._user_data_ids: dict[str, int] = {}
        self.total_jobs = 0
        self.deadline = (
            Deadline(options.end_time, options.termination_grace_seconds)
            if options.end_time is not None
            else None
        )
        self._terminated_ids: list[int] = []  # jobs terminated here, to requeue

    # -----------------------------------------------------------------------------------------
    # public

    def request_stop(self, reason: str = "interrupted", signum: int | None = None) -> None:
        """Stop claiming, terminate running jobs, report them, exit (signal handlers call it)."""
        if self._stop_reason is None:
            log.info("stopping: %s", reason)
            self._stop_reason = reason
            self.stop_signal = signum
            self._chain.close()
        self._wake.set()

    @property
    def stopped(self) -> bool:
        """Whether the run was stopped (by a signal or the allocation's end) before its end."""
        return self._stop_reason is not None

    async def run(self) -> RunStats:
        opts, known = self.options, self.known
        self.workflow = known.workflow or self.api.get_workflow(self.workflow_id)
        self.run_id = (
            known.run_id
            if known.run_id is not None
            else self.api.get_workflow_status(self.workflow_id).run_id
        )
        make_spread(logs.job_stdio_dir(opts.output_dir))
        self._stdio_dir = os.fspath(logs.job_stdio_dir(opts.output_dir))
        self._load_workflow_records()
        self.node_id = self._register_node()
        label = opts.log_label or f"{opts.hostname}_{self.workflow_id}_{self.run_id}"
        self.monitor = Monitor(
            MonitorConfig.from_workflow(
                _value(self.workflow.resource_monitor_config),
                disabled=opts.no_resource_monitoring,
            ),
            logs.metrics_db(opts.output_dir, label),
        )
        self.actions = ActionRunner(
            self.api,
            self.workflow_id,
            self.node_id,
            opts.output_dir,
            handled=opts.actions,
            actions=known.actions,
        )
        monitor_task = asyncio.create_task(self.monitor.run())
        job_process.prepare()
        # Jobs reach the server as the runner does: its login goes through the environment.
        shared = {
            **os.environ,
            **self.api.credential_environment(),
            "TORC_WORKFLOW_ID": str(self.workflow_id),
            "TORC_API_URL": self.api.url,
            "TORC_OUTPUT_DIR": str(opts.output_dir),
        }
        for name in _JOB_OWN:  # each job's own (an outer job's, when a runner runs in one)
            shared.pop(name, None)
        self._env = SharedEnvironment(shared)
        try:
            if not known.new:
                abandoned.release(self.api, self.workflow_id, self.node_id, opts.hostname)
                self._requeue_terminated()
            if known.actions != []:
                await self.actions.run_pending(["on_workflow_start", "on_worker_start"])
            await self._loop()
            await self.actions.run_pending(["on_worker_complete"])
        except Exception:
            # the runner cannot go on (the server is gone, say): its jobs cannot be reported
            self._chain.drop()
            for entry in list(self.running.values()):
                entry.proc.kill()
            if self._exchange is not None:  # its failure is moot now: do not log it at exit
                self._exchange.add_done_callback(lambda done: done.cancelled() or done.exception())
            raise
        finally:
            self._chain.drop()
            monitor_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await monitor_task
            self.monitor.close()
            self._spawner.shutdown(wait=True)
            self._stdio.close()
            self._reporter.shutdown(wait=True)
            self._unregister_node()
        return self.stats

    # -----------------------------------------------------------------------------------------
    # setup and teardown

    def _load_workflow_records(self) -> None:
        """File paths and resource needs, fetched once instead of once per job (unless the
        command that started the runner knows them)."""
        api, workflow_id, known = self.api, self.workflow_id, self.known

        def records(given: list[dict[str, Any]] | None, path: str) -> Iterable[dict[str, Any]]:
            return (
                given if given is not None else iter_json_pages(api, path, workflow_id=workflow_id)
            )

        for record in records(known.files, "/files"):
            self._files[record["id"]] = (record["name"], record["path"])
        for record in records(known.user_data, "/user_data"):
            self._user_data_ids[record["name"]] = record["id"]
        for rr in records(known.resource_requirements, "/resource_requirements"):
            self._needs[rr["id"]] = Need(
                rr.get("num_cpus", 1), memory_to_bytes(rr.get("memory")), rr.get("num_gpus", 0)
            )
        if known.job_count is not None:
            self.total_jobs = known.job_count
        else:
            ids = api.request_json(
                "GET", f"/workflows/{workflow_id}/job_ids", operation="list_job_ids"
            )
            self.total_jobs = int(ids["count"])

    def _register_node(self) -> int:
        opts = self.options
        body: dict[str, Any] = {
            "workflow_id": self.workflow_id,
            "hostname": opts.hostname,
            "pid": os.getpid(),
            "start_time": now_iso(),
            "is_active": True,
            "num_cpus": opts.resources.num_cpus,
            "memory_gb": round(opts.resources.memory_gb, 3),
            "num_gpus": opts.resources.num_gpus,
            "num_nodes": opts.resources.num_nodes,
            "compute_node_type": opts.compute_node_type,
        }
        if opts.scheduler is not None:
            body["scheduler"] = opts.scheduler
        if opts.scheduler_config_id is not None:
            body["scheduler_config_id"] = opts.scheduler_config_id
        if opts.end_time is not None:
            body["time_limit"] = duration(opts.end_time - time.time())
        node = self.api.request_json(
            "POST", "/compute_nodes", body, operation="create_compute_node"
        )
        self._node_body = body
        log.info("registered compute node %s (%s)", node["id"], opts.hostname)
        return int(node["id"])

    def _unregister_node(self) -> None:
        body = {
            **self._node_body,
            "is_active": False,
            "duration_seconds": round(time.monotonic() - self.stats.started, 3),
        }
        try:
            self.api.request_json(
                "PUT", f"/compute_nodes/{self.node_id}", body, operation="update_compute_node"
            )
        except ApiError as exc:
            log.warning("could not mark compute node %s inactive: %s", self.node_id, exc)

    def _requeue(self, job_ids: list[int]) -> None:
        """Jobs this runner terminated (its allocation ran out) are ready for the next one."""
        for job_id in job_ids:
            try:
                self.api.manage_status_change(job_id, "ready", self.run_id)
            except ApiError as exc:
                log.warning("could not requeue terminated job %s: %s", job_id, exc)
        if job_ids:
            log.info("requeued %s terminated jobs: %s", len(job_ids), job_ids)

    def _requeue_terminated(self) -> None:
        """Jobs a previous runner terminated (interrupted, out of time) run again."""
        for job in self.api.iter_jobs(self.workflow_id, status="terminated"):
            try:
                self.api.manage_status_change(job.id, "ready", self.run_id)
                log.info("job %s (%s) was terminated before; it is ready again", job.id, job.name)
            except ApiError as exc:
                log.warning("could not requeue terminated job %s: %s", job.id, exc)

    # -----------------------------------------------------------------------------------------
    # the loop

    async def _loop(self) -> None:
        opts = self.options
        wait_for_new = (
            opts.wait_for_new_jobs_seconds
            if opts.wait_for_new_jobs_seconds is not None
            else float(_value(self.workflow.compute_node_wait_for_new_jobs_seconds) or 90)
        )
        last_activity = time.monotonic()
        last_status_check = 0.0
        while True:
            if self._stop_reason is not None:
                await self._terminate_all()
                if opts.requeue_terminated:
                    self._requeue(self._terminated_ids)
                return
            if self.deadline is not None and self.deadline.reached():
                self.request_stop("the allocation's end time is near")
                continue
            if self._idle() and not self._time_for_new_jobs():
                log.info("too little time is left in the allocation for new jobs")
                return
            if self._exchange is not None and self._exchange.done():
                reported = bool(self._exchange_body.get("completions"))
                if self._finish_exchange():
                    last_activity = time.monotonic()
                if reported and self.actions.watches_jobs:
                    await self.actions.run_pending(["on_jobs_ready", "on_jobs_complete"])
            finished = self._drain_exited()
            if finished:
                self._outbox += await self._results(finished)
                last_activity = time.monotonic()
                self._next_claim = 0.0  # what they release may be claimed at once
                self._backoff = MIN_BACKOFF
            if self._start_failures:
                self._outbox += self._start_failures
                self._start_failures = []
            self._start_queued()
            self._release_stale()
            if self._file_updates:
                self._send_file_updates()
            if self._exchange is None and time.monotonic() >= self._send_due():
                self._send()
            self._show_progress()
            now = time.monotonic()
            if self._unreachable_since is not None:
                last_activity = now  # waiting for the server is not being idle
            if self._idle() and self._claim_found_nothing:
                status = self._workflow_status()
                last_status_check = now
                if status is None:
                    pass  # the server cannot be reached; tried again later
                elif status.get("is_canceled"):
                    log.info("the workflow was canceled")
                    return
                elif status.get("is_complete") and not _value(
                    self.workflow.compute_node_ignore_workflow_completion
                ):
                    await self.actions.run_pending(["on_workflow_complete"])
                    log.info("the workflow is complete")
                    return
                elif now - last_activity >= wait_for_new and not self.actions.has_pending_work():
                    log.info("no new jobs for %.0f s; exiting", wait_for_new)
                    return
            elif self.running and now - last_status_check >= opts.poll_interval:
                last_status_check = now
                status = self._workflow_status()
                if status is not None and status.get("is_canceled"):
                    log.info("the workflow was canceled; killing running jobs")
                    await self._kill_all()
                    return
            await self._sleep(self._timeout(now))

    def _idle(self) -> bool:
        """Nothing running, queued, unreported or in flight."""
        return not (
            self.running
            or self._starting
            or self.queued
            or len(self._chain)
            or self._chain.in_flight
            or self._outbox
            or self._started_ids
            or self._start_failures
            or self._file_updates
            or self._exchange is not None
            or self._unanswered is not None
        )

    def _timeout(self, now: float) -> float:
        timeout = self.options.poll_interval
        if self._exchange is None and self._next_claim > now:
            timeout = min(timeout, self._next_claim - now)
        if self._exchange is None and (self._outbox or self._started_ids or self._unanswered):
            timeout = min(timeout, self._send_due() - now)
        stale_at = self._stale_at()
        if stale_at is not None:
            timeout = min(timeout, stale_at - now)
        if self._unreachable_since is not None:
            timeout = min(timeout, self._retry_at - now)
        if self.deadline is not None:
            timeout = min(timeout, self.deadline.time_left())
        return max(timeout, 0.0)

    def _send_due(self) -> float:
        """When the next request may go (monotonic); at once when stopping, and not before
        the next try while the server cannot be reached."""
        if self._stop_reason is not None:
            return self._retry_at
        return max(self.ahead.send_due(len(self.queued) + len(self._chain)), self._retry_at)

    def _stale_at(self) -> float | None:
        if not self.queued:
            return None
        waiting = len(self.queued) + len(self._chain)
        return self.ahead.stale_at(waiting, self.queued[0].claimed_at)

    async def _sleep(self, timeout: float) -> None:
        """Until a job exits or starts, the request in flight is answered, a stop is
        requested, or the timeout passes."""
        if (
            not self._exited.empty()
            or self._start_failures
            or (self._exchange is not None and self._exchange.done())
        ):
            return
        self._wake.clear()
        alarm = asyncio.get_running_loop().call_later(timeout, self._wake.set)
        try:
            await self._wake.wait()
        finally:
            alarm.cancel()

    # -----------------------------------------------------------------------------------------
    # talking to the server

    def _send(self) -> None:
        """Report what started and ended, and claim more if there is room: one request, sent
        from the reporter thread while the loop goes on. A request that got no answer goes
        again first, unchanged (same request id: the server answers a repeat as the first time)."""
        if self._unanswered is not None:
            self._exchange_body, self._unanswered = self._unanswered, None
            self._exchange = asyncio.get_running_loop().run_in_executor(
                self._reporter, self._complete_jobs, self._exchange_body
            )
            self._exchange.add_done_callback(lambda _: self._wake.set())
            return
        completions, self._outbox = self._outbox, []
        started, self._started_ids = self._started_ids, []
        claim = None
        if self._stop_reason is None and (completions or time.monotonic() >= self._next_claim):
            claim = self._claim_body()
        heartbeat = time.monotonic() - self.ahead.last_send >= HEARTBEAT_SECONDS
        if not completions and not started and claim is None and not heartbeat:
            return
        body: dict[str, Any] = {"completions": completions}
        if started:
            body["started"] = started
            body["compute_node_id"] = self.node_id
        if claim is not None:
            body["claim"] = claim
        self._exchange_body = body
        self.ahead.last_send = time.monotonic()
        loop = asyncio.get_running_loop()
        self._exchange = loop.run_in_executor(self._reporter, self._complete_jobs, body)
        self._exchange.add_done_callback(lambda _: self._wake.set())

    def _finish_exchange(self) -> int:
        """Take the answer of the request that was in flight: queue the claimed jobs. Answers
        how many were claimed."""
        assert self._exchange is not None
        future, body = self._exchange, self._exchange_body
        self._exchange, self._exchange_body = None, {}
        try:
            answer = future.result()
        except ApiError as exc:
            if exc.status is None:  # not sent, or no answer: the same request goes again
                self._unanswered = body
                self._unreachable(exc)
                return 0
            log.warning("batched report refused (%s); reporting one by one", exc)
            answer = self._report_one_by_one(body)
        self._reachable()
        return self._take_answer(body, answer)

    def _take_answer(self, body: dict[str, Any], answer: dict[str, Any]) -> int:
        """Queue the jobs an answer claimed; answers how many."""
        claimed = answer.get("claimed") or []
        for record in claimed:
            self.queued.append(ClaimedJob.from_record(record))
        if "claim" in body:
            self._claim_found_nothing = not claimed
            if claimed:
                self._backoff = MIN_BACKOFF
            else:
                self._next_claim = time.monotonic() + self._backoff
                self._backoff = min(self._backoff * 2, self.options.poll_interval)
        return len(claimed)

    async def _settle_exchange(self) -> None:
        """Wait for the request in flight, if any, and take its answer; a request that got no
        answer goes again now (raising ApiError when the server still cannot be reached)."""
        if self._exchange is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait({self._exchange})
            self._finish_exchange()
        if self._unanswered is not None:
            body, self._unanswered = self._unanswered, None
            answer = self._exchange_now(body)
            self._reachable()
            self._take_answer(body, answer)

    def _exchange_now(self, body: dict[str, Any]) -> dict[str, Any]:
        """Send `body` now and wait for the answer. A request that got no answer is kept to go
        again unchanged, and raises; one the server refuses is reported job by job."""
        try:
            return self._complete_jobs(body)
        except ApiError as exc:
            if exc.status is None:
                self._unanswered = body
                raise
            log.warning("batched report refused (%s); reporting one by one", exc)
            return self._report_one_by_one(body)

    def _workflow_status(self) -> dict[str, Any] | None:
        """`is_workflow_complete` (plain JSON), or None while the server cannot be reached."""
        if time.monotonic() < self._retry_at:
            return None
        try:
            status = self.api.request_json(
                "GET",
                f"/workflows/{self.workflow_id}/is_complete",
                operation="is_workflow_complete",
            )
        except ApiError as exc:
            if exc.status is not None:
                raise
            self._unreachable(exc)
            return None
        self._reachable()
        return status

    def _unreachable(self, exc: ApiError) -> None:
        """The server did not answer: try again after a while, for the workflow's
        `compute_node_wait_for_healthy_database_minutes`; then give up (raise)."""
        now = time.monotonic()
        minutes = _value(self.workflow.compute_node_wait_for_healthy_database_minutes)
        limit = 60.0 * (20 if minutes is None else minutes)
        if self._unreachable_since is None:
            self._unreachable_since = now
            self._retry_delay = 1.0
            log.warning(
                "cannot reach the server (%s); trying again for up to %.0f min", exc, limit / 60
            )
        if now - self._unreachable_since >= limit:
            log.error("the server could not be reached for %.0f min; giving up", limit / 60)
            raise exc
        self._retry_at = now + self._retry_delay
        self._retry_delay = min(self._retry_delay * 2, MAX_RETRY_DELAY)

    def _reachable(self) -> None:
        if self._unreachable_since is not None:
            log.info(
                "the server answers again after %.0f s",
                time.monotonic() - self._unreachable_since,
            )
            self._unreachable_since = None
            self._retry_at = 0.0
            self._send_file_updates()

    def _report_one_by_one(self, body: dict[str, Any]) -> dict[str, Any]:
        """After a refused batch: each start and completion on its own (a refused one is
        logged and skipped), then the claim alone."""
        for job_id in body.get("started", ()):
            try:
                self.api.start_job(job_id, self.run_id, self.node_id)
            except ApiError as exc:
                log.warning("could not report job %s as started: %s", job_id, exc)
        self._complete_one_by_one(body.get("completions", ()))
        if "claim" not in body:
            return {}
        try:
            return self._complete_jobs({"completions": [], "claim": body["claim"]})
        except ApiError as exc:
            if exc.status is None:
                raise
            log.warning("claim refused: %s", exc)
            return {}

    def _complete_jobs(self, body: dict[str, Any]) -> dict[str, Any]:
        """`complete_jobs`, as plain JSON: the one request per turn of the loop, so it skips
        the SDK's models and httpx (see `DefaultApi.request_json`). The runner reads only the
        claimed jobs of the answer, not the finished ones. The body gets a request id (kept in
        it, so that sending the same body again is a repeat the server recognizes)."""
        body.setdefault("request_id", uuid.uuid4().hex)
        body["compute_node_id"] = self.node_id
        return self.api.request_json(
            "POST",
            f"/workflows/{self.workflow_id}/complete_jobs/{self.run_id}",
            {**body, "answer_jobs": False},
            operation="complete_jobs",
        )

    # -----------------------------------------------------------------------------------------
    # claiming and starting

    def _claim_body(self) -> dict[str, Any] | None:
        """What to ask for, or None when there is no room: the next jobs up to the parallel
        limit, or jobs that fit in what is free (a machine's worth when claiming ahead), less
        what is queued already. Claimed jobs stay pending until they start here."""
        opts = self.options
        if not self._time_for_new_jobs():
            return None
        ahead = self.ahead.machines()
        if opts.max_parallel_jobs is not None:
            held = len(self.running) + self._starting + self._chain.in_flight
            held += len(self.queued) + len(self._chain)
            limit = min(opts.max_parallel_jobs * (1 + ahead) - held, MAX_CLAIM)
            if limit <= 0:
                return None
            return {"compute_node_id": self.node_id, "limit": limit, "start": False}
        total = opts.resources
        machine_memory = int(total.memory_gb * 1024**3)
        if ahead:
            # the queue holds `ahead` machines' worth; running jobs do not count (they end soon)
            cpus = total.num_cpus * ahead
            memory = machine_memory * ahead
            gpus = total.num_gpus * ahead
        else:
            cpus, memory, gpus = self.ledger.cpus, self.ledger.memory_bytes, self.ledger.gpus
        for job in (*self.queued, *self._chain.jobs()):
            need = self._need(job)
            cpus -= need.num_cpus
            memory -= need.memory_bytes
            gpus -= need.num_gpus
        if cpus <= 0 or memory < 1024**2:
            return None
        claim: dict[str, Any] = {
            "compute_node_id": self.node_id,
            "limit": min(cpus, MAX_CLAIM),
            "resources": self._offer(cpus, memory, gpus),
            "strict_scheduler_match": opts.strict_scheduler_match,
            "start": False,
        }
        if ahead:  # no job bigger than this machine
            claim["per_job"] = self._offer(total.num_cpus, machine_memory, total.num_gpus)
        sort_method = _value(self.workflow.jobs_sort_method)
        if sort_method:
            claim["sort_method"] = str(getattr(sort_method, "value", sort_method))
        return claim

    def _time_for_new_jobs(self) -> bool:
        """Before a deadline: by resources, while any time is left (the claim's time_limit
        leaves out jobs that would not finish); by count, which knows no runtimes, while the
        workflow's `compute_node_min_time_for_new_jobs_seconds` are left."""
        if self.deadline is None:
            return True
        left = self.deadline.time_left()
        if self.options.max_parallel_jobs is None:
            return left >= 1
        minimum = _value(self.workflow.compute_node_min_time_for_new_jobs_seconds)
        return left >= (300 if minimum is None else minimum)

    def _offer(self, cpus: int, memory: int, gpus: int) -> dict[str, Any]:
        opts = self.options
        resources: dict[str, Any] = {
            "num_cpus": cpus,
            "memory_gb": memory / 1024**3,
            "num_gpus": max(gpus, 0),
            "num_nodes": opts.resources.num_nodes,
        }
        time_limit = self.deadline.claim_time_limit() if self.deadline is not None else None
        if time_limit is not None:
            resources["time_limit"] = time_limit
        if opts.scheduler_config_id is not None:
            resources["scheduler_config_id"] = opts.scheduler_config_id
        return resources

    def _start_queued(self) -> None:
        """Start what waits, in the order it was claimed, while it fits; then prepare the next
        starts (a machine's worth) for the spawner threads to chain (`chained_starts`)."""
        chain = self._chain
        while self._stop_reason is None:
            launch = chain.take_if(self._fits)
            if launch is None:
                if not self.queued or len(chain) or not self._fits(self._need(self.queued[0])):
                    break
                launch = self._prepare(self.queued.popleft())
            self._submit(launch)
        # files of the next jobs (those about to be chained take theirs), then of those after
        self._stdio.prepare(self.queued, lambda job: job.id, self._stdio_paths)
        if job_process.SPAWN_HOLDS_THE_GIL:
            return  # no spawner threads
        while self.queued and self._stop_reason is None and len(chain) < self.ahead.slots:
            chain.offer(self._prepare(self.queued.popleft()))
        self._stdio.prepare(self.queued, lambda job: job.id, self._stdio_paths)

    def _fits(self, need: Need) -> bool:
        """Whether a job needing `need` may start now."""
        limit = self.options.max_parallel_jobs
        if limit is not None:
            return len(self.running) + self._starting + self._chain.in_flight < limit
        return self.ledger.fits(need)

    def _stdio_paths(self, job: ClaimedJob) -> tuple[str, str]:
        """The job's stdout and stderr files, named as the guide says (`logs.job_stdout`),
        as strings: two Paths per job cost the loop more than the rest of a start's names."""
        where = (self.workflow_id, job.id, self.run_id)
        directory = self._stdio_dir
        return (
            f"{directory}/{logs.job_stdio_name(*where, 'o')}",
            f"{directory}/{logs.job_stdio_name(*where, 'e')}",
        )

    def _prepare(self, job: ClaimedJob) -> Launch:
        """Everything of the job's start but the spawn: command line, environment, files."""
        env = self._env.job(
            {
                "TORC_JOB_ID": str(job.id),
                "TORC_JOB_NAME": job.name,
                "TORC_ATTEMPT_ID": str(job.attempt_id),
            }
        )
        argv = job_process.command_line(
            substitute(job.command, self._user_data_id) or "",
            substitute(job.invocation_script, self._user_data_id),
        )
        stdout, stderr = self._stdio_paths(job)
        spawn = functools.partial(job_process.spawn, argv, stdout, stderr, env)
        files = self._stdio.claim(job.id)
        return Launch(job, self._need(job), lambda opened: spawn(opened=opened), files)

    def _submit(self, launch: Launch) -> None:
        """Start the job in a worker thread (starting a process blocks for a while, longer when
        the file system is busy), so that the loop goes on reporting and claiming meanwhile;
        `_started` takes over in the loop's thread."""
        if self.options.max_parallel_jobs is None:
            self.ledger.take(launch.need)
        self._starting += 1
        if job_process.SPAWN_HOLDS_THE_GIL:
            # posix_spawn keeps the GIL until the child has started: a worker thread would
            # block the loop all the same, and cost a hand-over each way.
            try:
                outcome: Outcome = Started(launch.start_now(), time.monotonic(), None)
            except OSError as exc:
                outcome = exc
            self._started(launch, outcome)
            return
        if self._inbox is None:
            self._inbox = Inbox(asyncio.get_running_loop(), self._started)
        self._spawner.submit(self._chain.run, launch, self._inbox.deliver)

    def _started(self, launch: Launch, outcome: Outcome) -> None:
        job, need = launch.job, launch.need
        if launch.chained:
            self._chain.heard(launch)  # what it holds was passed on by the job before it
        else:
            self._starting -= 1
        self._wake.set()
        if launch.passed_on and self.options.max_parallel_jobs is None:
            self.ledger.take(need)  # for the job chained after it, before its own is given back
        if isinstance(outcome, OSError):
            log.error("could not start job %s (%s): %s", job.id, job.name, outcome)
            if self.options.max_parallel_jobs is None:
                self.ledger.give_back(need)
            result = self._result(job, 127, "failed", 0.0, {})
            self._start_failures.append({"job_id": job.id, "status": "failed", "result": result})
            self._count("failed")
            return
        pid = outcome.pid
        loop = asyncio.get_running_loop()
        proc = quick_exit.process(
            loop, outcome, job.id, job.name, job.attempt_id, job.supports_termination
        )
        self.running[job.id] = _Running(proc, job, need)
        self._started_ids.append(job.id)
        self.monitor.add(job.id, job.name, pid)
        log_file.info(log, f"started job {job.id} ({job.name}), pid {pid}")
        if proc.returncode is not None:  # ended already (`quick_exit`)
            self._exited.put_nowait(proc)
        else:
            proc.exited.add_done_callback(functools.partial(self._on_exit, proc))

    def _on_exit(self, proc: JobProcess, _: asyncio.Future[int]) -> None:
        self._exited.put_nowait(proc)
        self._wake.set()

    def _user_data_id(self, name: str) -> int | None:
        """The id of the workflow's user data record `name` (`user_data_variables`)."""
        if name not in self._user_data_ids:
            for record in self.api.iter_user_data(self.workflow_id, name=name):
                self._user_data_ids[record.name] = record.id
        return self._user_data_ids.get(name)

    def _need(self, job: ClaimedJob) -> Need:
        rr_id = job.resource_requirements_id
        if rr_id is None:
            return Need()
        if rr_id not in self._needs:
            rr = self.api.get_resource_requirements(rr_id)
            self._needs[rr_id] = Need(rr.num_cpus, memory_to_bytes(rr.memory), rr.num_gpus)
        return self._needs[rr_id]

    # -----------------------------------------------------------------------------------------
    # reporting

    def _drain_exited(self) -> list[_Running]:
        finished = []
        while not self._exited.empty():
            proc = self._exited.get_nowait()
            entry = self.running.pop(proc.job_id, None)
            if entry is None:
                continue
            if self.options.max_parallel_jobs is None:
                self.ledger.give_back(entry.need)
            finished.append(entry)
        return finished

    async def _report(self, finished: list[_Running]) -> None:
        """Report jobs that started or ended, claiming nothing (used while stopping)."""
        await self._settle_exchange()
        completions = self._outbox + await self._results(finished) + self._start_failures
        self._outbox, self._start_failures = [], []
        started, self._started_ids = self._started_ids, []
        if not completions and not started:
            return
        body: dict[str, Any] = {"completions": completions}
        if started:
            body["started"] = started
            body["compute_node_id"] = self.node_id
        self._exchange_now(body)

    def _release_stale(self) -> None:
        """When the oldest job claimed ahead has waited too long (the jobs turned long), the
        queue beyond one machine's worth goes back to ready, newest first, and claiming ahead
        waits until jobs are timed again."""
        stale_at = self._stale_at()
        if stale_at is None or time.monotonic() < stale_at or self._stop_reason is not None:
            return
        released = self._release_queued(keep=self.ahead.slots)
        self.ahead.forget()
        log.info("jobs take longer than expected: gave back %s jobs claimed ahead", released)

    def _release_queued(self, keep: int = 0) -> int:
        """Jobs claimed but not started go back to ready, for another runner or a later run,
        newest first, all but `keep`; answers how many went back."""
        released = 0
        self._chain.return_to(self.queued)
        while len(self.queued) > keep:
            job = self.queued.pop()
            self._stdio.discard(job.id)
            try:
                self.api.manage_status_change(job.id, "ready", self.run_id)
                released += 1
            except ApiError as exc:
                log.warning("could not give back job %s: %s", job.id, exc)
        return released

    async def _results(self, finished: list[_Running]) -> list[dict[str, Any]]:
        """The completion entries of jobs that ended; failed jobs with a matching failure
        handler rule are sent back for another attempt instead."""
        completions = []
        for entry in finished:
            proc, job = entry.proc, entry.job
            code = proc.returncode if proc.returncode is not None else -1
            metrics = self.monitor.remove(job.id)
            seconds = proc.minutes() * 60
            self.ahead.observe(seconds)
            if proc.terminated:
                status = "terminated"
            elif code == 0:
                missing = self._check_outputs(job)
                if missing:
                    log.error("job %s (%s) did not create %s", job.id, job.name, ", ".join(missing))
                    code, status = 1, "failed"
                else:
                    status = "completed"
            else:
                status = "failed"
            result = self._result(job, code, status, proc.minutes(), metrics)
            if status == "failed" and await self._retry(job, code, result):
                continue
            if (
                status == "failed"
                and _value(self.workflow.use_pending_failed)
                and not _value(job.failure_handler_id)
            ):
                status = result["status"] = "pending_failed"
            log_file.info(log, f"job {job.id} ({job.name}) {status} with return code {code}")
            if status == "terminated":
                self._terminated_ids.append(job.id)
            completions.append({"job_id": job.id, "status": status, "result": result})
            self._count(status)
        return completions

    def _complete_one_by_one(self, completions: Iterable[dict[str, Any]]) -> None:
        for item in completions:
            try:
                self.api.complete_job(item["job_id"], item["status"], self.run_id, item["result"])
            except ApiError as exc:
                log.warning("could not report job %s: %s", item["job_id"], exc)

    def _result(
        self, job: ClaimedJob, code: int, status: str, minutes: float, metrics: dict[str, Any]
    ) -> dict[str, Any]:
        return {
            "job_id": job.id,
            "workflow_id": self.workflow_id,
            "run_id": self.run_id,
            "attempt_id": job.attempt_id,
            "compute_node_id": self.node_id,
            "return_code": code,
            "exec_time_minutes": round(minutes, 6),
            "completion_time": now_iso(),
            "status": status,
            **metrics,
        }

    def _check_outputs(self, job: ClaimedJob) -> list[str]:
        """Declared output files must exist; record their modification times."""
        missing = []
        for file_id in job.output_file_ids:
            if file_id not in self._files:
                record = self.api.get_file(file_id)
                self._files[file_id] = (record.name, record.path)
            name, path = self._files[file_id]
            try:
                mtime = os.stat(path).st_mtime
            except OSError:
                missing.append(path)
                continue
            body = {"workflow_id": self.workflow_id, "name": name, "path": path, "st_mtime": mtime}
            self._file_updates.append((file_id, body))
        self._send_file_updates()
        return missing

    def _send_file_updates(self) -> None:
        """Record output files' modification times; while the server cannot be reached they
        wait, and go with the next successful exchange."""
        while self._file_updates and time.monotonic() >= self._retry_at:
            file_id, body = self._file_updates[0]
            try:
                self.api.update_file(file_id, body)
            except ApiError as exc:
                if exc.status is not None:
                    raise
                self._unreachable(exc)
                return
            self._file_updates.pop(0)

    async def _retry(self, job: ClaimedJob, code: int, result: dict[str, Any]) -> bool:
        """Apply the job's failure handler; True when the job was sent back for another try.
        While the server cannot be reached there is no retry: the job is reported failed."""
        try:
            return await self._try_retry(job, code, result)
        except ApiError as exc:
            if exc.status is not None:
                raise
            self._unreachable(exc)
            log.warning("job %s failed while the server cannot be reached: no retry", job.id)
            return False

    async def _try_retry(self, job: ClaimedJob, code: int, result: dict[str, Any]) -> bool:
        handler_id = job.failure_handler_id
        if handler_id is None:
            return False
        if handler_id not in self._handlers:
            handler = self.api.get_failure_handler(handler_id)
            self._handlers[handler_id] = failures.parse_rules(handler.rules)
        rule = failures.matching_rule(self._handlers[handler_id], code)
        attempt = job.attempt_id
        if rule is None or not failures.may_retry(rule, attempt):
            return False
        await self._flush_started()  # a retry needs the server to know the job ran
        if rule.recovery_script:
            recovered = await self.actions.run_script(
                rule.recovery_script,
                {"TORC_JOB_ID": str(job.id), "TORC_RETURN_CODE": str(code)},
                cwd=Path.cwd(),  # like the job itself, not the output directory
            )
            if not recovered:
                log.error("recovery script of job %s failed; not retrying", job.id)
                return False
        try:
            self.api.retry_job(job.id, self.run_id, result, max_retries=rule.max_retries)
        except ApiError as exc:
            if exc.status is None:
                raise
            log.warning("retry of job %s refused: %s", job.id, exc)
            return False
        log.info(
            "job %s (%s) failed with %s; retrying (attempt %s)", job.id, job.name, code, attempt + 1
        )
        self.stats.retried += 1
        return True

    async def _flush_started(self) -> None:
        """Make sure the server knows of every job started here (before a retry)."""
        await self._settle_exchange()
        if self._started_ids:
            started, self._started_ids = self._started_ids, []
            body = {"completions": [], "started": started, "compute_node_id": self.node_id}
            self._exchange_now(body)

    def _count(self, status: str) -> None:
        if status == "completed":
            self.stats.completed += 1
        elif status in ("failed", "pending_failed"):
            self.stats.failed += 1
        elif status == "terminated":
            self.stats.terminated += 1
        elif status == "canceled":
            self.stats.canceled += 1

    # -----------------------------------------------------------------------------------------
    # stopping

    async def _terminate_all(self) -> None:
        """SIGTERM to jobs that handle it, SIGKILL to the others; after the grace period,
        SIGKILL to whatever is left; then report them all as terminated."""
        await self._settle_starts()
        await self._settle_exchange()
        self._release_queued()
        if not self.running:
            await self._report([])
            return
        for entry in self.running.values():
            entry.proc.terminate()
        deadline = time.monotonic() + self.options.termination_grace_seconds
        while self.running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
            finished = self._drain_exited()
            if finished:
                await self._report(finished)
        for entry in self.running.values():
            entry.proc.kill()
        while self.running:
            await asyncio.sleep(0.02)
            finished = self._drain_exited()
            if finished:
                await self._report(finished)

    async def _kill_all(self) -> None:
        self._chain.drop()
        await self._settle_starts()
        for entry in self.running.values():
            entry.proc.kill()

    async def _settle_starts(self) -> None:
        """Wait until every job being started has started (or failed to)."""
        while self._starting or self._chain.in_flight:
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), 0.1)

    def _show_progress(self) -> None:
        if self.progress is not None:
            self.progress(self)


def install_signal_handlers(runner: JobRunner) -> None:
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(
            signum, runner.request_stop, f"received {signal.Signals(signum).name}", signum
        )


def _value(value: Any) -> Any:
    """The SDK marks absent fields with `Unset`; treat them as None."""
    return None if type(value).__name__ == "Unset" else value
