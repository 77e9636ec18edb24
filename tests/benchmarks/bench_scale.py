"""The guide's largest case, simulated over the wire (issue 17): many nodes, many short jobs.

Each simulated node is an asyncio task with its own keep-alive connection, speaking
`complete_jobs` as the real runner does (`runner/torc_runner/runner.py` `_send`): one request in
flight at a time, carrying the completions of the jobs that ended, the ids of the jobs that started
since the last request, and a claim for the free slots (`start: False`). Jobs are held, not spawned:
a claimed job "runs" for its duration in a slot of the node, then frees the slot.

- `scale_canonical`: N nodes of C cores through J jobs of D seconds (default 100 x 104 through
  1,000,000 x 5 s) against one in-memory server snapshotting every 60 s. Figures: p99 delay from a
  slot freeing to its next job starting, failed requests, total time against the ideal J*D/(N*C),
  server CPU per job, peak server RSS.
- `request_cost_single`, `request_cost_batched`: the same simulation with jobs of no duration, so
  each request completes and claims 1 (or 8) jobs: server CPU per request and per job.
- `connections`: K keep-alive connections (one per simulated runner) each sending a request a
  second (an idle runner's claim that finds nothing) for a bounded time: errors, p99 latency.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import heapq
import json
import os
import tempfile
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import bench_client
import httpx
from conftest import RunningServer, start_server, stop_server

BASE_PATH = "/torc-service/v1"
REQUEST_TIMEOUT = 120.0
MAX_BACKOFF = 1.0  # an idle node claims again at most this long after a claim found nothing


@dataclass
class SimResult:
    nodes: int = 0
    cores: int = 0
    jobs: int = 0
    duration: float = 0.0
    completed: int = 0
    requests: int = 0
    errors: int = 0
    first_error: str = ""
    delays: list[float] = field(default_factory=list)  # slot free -> next job started
    latencies: list[float] = field(default_factory=list)  # per request
    duplicates: int = 0
    elapsed: float = 0.0
    server_cpu: float = 0.0
    loop_cpu: float = 0.0  # of server_cpu, the event loop thread's (the rest: granian's threads)
    client_cpu: float = 0.0
    other_cpu: float = 0.0

    @staticmethod
    def percentile(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def node_body(workflow_id: int, index: int, cores: int) -> bytes:
    return json.dumps(
        {
            "workflow_id": workflow_id,
            "hostname": f"sim{index:05d}",
            "pid": 4242,
            "start_time": "2026-01-01T00:00:00.000Z",
            "is_active": True,
            "num_cpus": cores,
            "memory_gb": 512.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "local",
        }
    ).encode()


def claim(node_id: int, free: int) -> dict[str, object]:
    return {
        "compute_node_id": node_id,
        "limit": free,
        "resources": {"num_cpus": free, "memory_gb": 4.0 * free, "num_gpus": 0, "num_nodes": 1},
        "strict_scheduler_match": False,
        "start": False,
    }


class Node:
    """One simulated compute node: `cores` slots, jobs held for `duration` seconds."""

    def __init__(
        self,
        port: int,
        workflow_id: int,
        run_id: int,
        index: int,
        cores: int,
        duration: float,
        headers: bytes = b"",
    ) -> None:
        self.conn = bench_client.Connection(port)
        self.headers = headers  # an Authorization line, for a server with logins
        self.workflow_id, self.run_id, self.index = workflow_id, run_id, index
        self.cores, self.duration = cores, duration
        self.node_id = 0
        self.free_since: deque[float] = deque()  # when each free slot became free
        self.running: list[tuple[float, int, int]] = []  # (end, job id, attempt id)
        self.queued: deque[tuple[int, int]] = deque()
        self.outbox: list[dict[str, object]] = []
        self.started: list[int] = []
        self.path = f"{BASE_PATH}/workflows/{workflow_id}/complete_jobs/{run_id}"

    async def request(self, method: str, path: str, body: bytes, result: SimResult) -> bytes:
        start = time.perf_counter()
        raw = self.conn.request_bytes(method, path, body, self.headers)
        status, answer = await self.conn.send(raw)
        result.latencies.append(time.perf_counter() - start)
        result.requests += 1
        if status != 200:
            raise bench_client.HTTPError(f"{method} {path}: HTTP {status}: {answer[:200]!r}")
        return answer

    async def register(self, result: SimResult) -> None:
        body = node_body(self.workflow_id, self.index, self.cores)
        answer = await self.request("POST", f"{BASE_PATH}/compute_nodes", body, result)
        self.node_id = json.loads(answer)["id"]

    def _finish_and_start(self, now: float) -> None:
        while self.running and self.running[0][0] <= now:
            end, job_id, attempt = heapq.heappop(self.running)
            self.outbox.append(self._completion(job_id, attempt))
            self.free_since.append(end)
        while self.free_since and self.queued:
            freed = self.free_since.popleft()
            job_id, attempt = self.queued.popleft()
            self.delays.append(max(0.0, now - freed))
            heapq.heappush(self.running, (now + self.duration, job_id, attempt))
            self.started.append(job_id)

    def _completion(self, job_id: int, attempt: int) -> dict[str, object]:
        return {
            "job_id": job_id,
            "status": "completed",
            "result": {
                "job_id": job_id,
                "workflow_id": self.workflow_id,
                "run_id": self.run_id,
                "attempt_id": attempt,
                "compute_node_id": self.node_id,
                "return_code": 0,
                "exec_time_minutes": round(self.duration / 60, 6),
                "completion_time": "2026-01-01T00:00:05.000Z",
                "status": "completed",
            },
        }

    async def run(self, result: SimResult, shared: dict[str, int], deadline: float) -> None:
        self.delays = result.delays
        clock = time.perf_counter
        self.free_since.extend([clock()] * self.cores)
        backoff = 0.05
        next_claim = 0.0
        try:
            await self.register(result)
            while shared["completed"] < result.jobs and clock() < deadline:
                now = clock()
                self._finish_and_start(now)
                free = len(self.free_since) - len(self.queued)
                claiming = free > 0 and (self.outbox or now >= next_claim)
                if self.outbox or self.started or claiming:
                    body: dict[str, object] = {
                        "completions": self.outbox,
                        "compute_node_id": self.node_id,
                        "request_id": uuid.uuid4().hex,
                        "answer_jobs": False,
                    }
                    if self.started:
                        body["started"] = self.started
                    if claiming:
                        body["claim"] = claim(self.node_id, free)
                    reported = len(self.outbox)
                    self.outbox, self.started = [], []
                    answer = json.loads(
                        await self.request("POST", self.path, json.dumps(body).encode(), result)
                    )
                    shared["completed"] += reported
                    result.completed += reported
                    claimed = answer.get("claimed") or []
                    for record in claimed:
                        self.queued.append((record["id"], int(record.get("attempt_id") or 1)))
                    if claiming and not claimed:
                        next_claim = clock() + backoff
                        backoff = min(backoff * 2, MAX_BACKOFF)
                    elif claimed:
                        backoff = 0.05
                    self._finish_and_start(clock())
                    if self.outbox or (self.started and not self.running):
                        continue  # more to say right away
                wake = next_claim if not self.running else self.running[0][0]
                if self.queued and self.free_since:
                    wake = clock()
                await asyncio.sleep(max(0.0, min(wake, deadline) - clock()))
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            self._fail(result, exc)
        except bench_client.HTTPError as exc:
            self._fail(result, exc)
        finally:
            await self.conn.close()

    def _fail(self, result: SimResult, exc: Exception) -> None:
        result.errors += 1
        if not result.first_error:
            result.first_error = f"node {self.index}: {exc!r}"[:300]


def run_sim(
    port: int,
    workflow_id: int,
    run_id: int,
    *,
    nodes: int,
    cores: int,
    jobs: int,
    duration: float,
    max_seconds: float,
    server_pids: list[int],
    headers: bytes = b"",
) -> SimResult:
    """`nodes` simulated nodes through the workflow's `jobs` ready jobs (in the client process)."""
    result = SimResult(nodes=nodes, cores=cores, jobs=jobs, duration=duration)
    shared = {"completed": 0}

    async def go() -> None:
        sims = [Node(port, workflow_id, run_id, i, cores, duration, headers) for i in range(nodes)]
        cpu = bench_client.CpuWindow(server_pids)
        begin = time.perf_counter()
        async with asyncio.timeout(max_seconds + REQUEST_TIMEOUT):
            await asyncio.gather(*(node.run(result, shared, begin + max_seconds) for node in sims))
        result.elapsed = time.perf_counter() - begin
        result.server_cpu, result.client_cpu, result.other_cpu = cpu.stop()
        result.loop_cpu = cpu.loop_cpu

    asyncio.run(go())
    return result


# --- many connections -----------------------------------------------------------------------


@dataclass
class ConnResult:
    connections: int = 0
    seconds: float = 0.0
    requests: int = 0
    errors: int = 0
    first_error: str = ""
    latencies: list[float] = field(default_factory=list)
    open_seconds: float = 0.0
    registered: int = 0  # connections that got an answer to their first request
    server_cpu: float = 0.0


def run_connections(
    port: int,
    workflow_id: int,
    run_id: int,
    *,
    connections: int,
    seconds: float,
    server_pids: list[int],
) -> ConnResult:
    """`connections` idle runners: each registers, then claims (finding nothing) once a second."""
    result = ConnResult(connections=connections, seconds=seconds)
    registered = [0]

    async def one(index: int, opened: asyncio.Event, begin: list[float]) -> None:
        node = Node(port, workflow_id, run_id, index, 1, 0.0)
        sim = SimResult()
        try:
            await node.register(sim)
            registered[0] += 1
            await opened.wait()
            # spread the connections over the second, as runners started at different times
            await asyncio.sleep((index / connections) % 1.0)
            end = begin[0] + seconds
            while time.perf_counter() < end:
                tick = time.perf_counter()
                body = json.dumps(
                    {
                        "completions": [],
                        "compute_node_id": node.node_id,
                        "request_id": uuid.uuid4().hex,
                        "answer_jobs": False,
                        "claim": claim(node.node_id, 1),
                    }
                ).encode()
                await node.request("POST", node.path, body, sim)
                await asyncio.sleep(max(0.0, tick + 1.0 - time.perf_counter()))
        except (
            OSError,
            TimeoutError,
            asyncio.IncompleteReadError,
            ValueError,
            bench_client.HTTPError,
        ) as exc:
            result.errors += 1
            if not result.first_error:
                result.first_error = f"connection {index}: {exc!r}"[:300]
        finally:
            result.requests += max(0, sim.requests - 1)
            result.latencies.extend(sim.latencies[1:])
            await node.conn.close()

    async def go() -> None:
        opened = asyncio.Event()
        begin = [0.0]
        start = time.perf_counter()
        async with asyncio.timeout(seconds + REQUEST_TIMEOUT * 2):
            tasks = [asyncio.create_task(one(i, opened, begin)) for i in range(connections)]
            # every runner registered (its connection open) before the clock starts
            while registered[0] < connections and not all(t.done() for t in tasks):
                if time.perf_counter() - start > REQUEST_TIMEOUT:
                    break
                await asyncio.sleep(0.05)
            result.open_seconds = time.perf_counter() - start
            result.registered = registered[0]
            cpu = bench_client.CpuWindow(server_pids)
            begin[0] = time.perf_counter()
            opened.set()
            await asyncio.gather(*tasks)
            result.server_cpu = cpu.stop()[0]

    asyncio.run(go())
    return result


# --- the harness's side: servers, workflows, figures ------------------------------------------


@dataclass(frozen=True)
class Canonical:
    nodes: int = 100
    cores: int = 104
    jobs: int = 1_000_000
    duration: float = 5.0
    snapshot_seconds: float = 60.0

    def scaled(self, scale: float) -> Canonical:
        """The same job rate (nodes x cores / duration) over fewer jobs: a shorter run."""
        return dataclasses.replace(self, jobs=max(1, round(self.jobs * scale)))

    @property
    def ideal(self) -> float:
        return self.jobs * self.duration / (self.nodes * self.cores)


QUICK_CANONICAL = Canonical(nodes=10, cores=8, jobs=1_000, duration=0.2, snapshot_seconds=1.0)


def prepare(
    port: int, pool: ProcessPoolExecutor, jobs: int, batch: int = 10_000
) -> tuple[int, int]:
    """A workflow of `jobs` independent ready jobs; (workflow id, run id)."""
    with httpx.Client(base_url=f"http://127.0.0.1:{port}{BASE_PATH}", timeout=600) as http:
        workflow = http.post("/workflows", json={"name": "scale", "user": "bench"})
        workflow_id = workflow.raise_for_status().json()["id"]
        pool.submit(
            bench_client.run_bulk, port, workflow_id, total=jobs, batch=batch, max_seconds=3600.0
        ).result(timeout=3700)
        http.post(f"/workflows/{workflow_id}/initialize_jobs").raise_for_status()
        status = http.get(f"/workflows/{workflow_id}/status").raise_for_status().json()
    return workflow_id, status["run_id"]


@contextlib.contextmanager
def memory_server(snapshot_seconds: float | None) -> Iterator[RunningServer]:
    """An in-memory server, snapshotting every `snapshot_seconds` into a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="torc-bench-scale-") as tmp:
        extra = ["--log-level", "error"]
        saved = os.environ.get("TORC_SERVER_SNAPSHOT_PATH")
        if snapshot_seconds:
            extra += ["--snapshot-interval-seconds", str(snapshot_seconds)]
            os.environ["TORC_SERVER_SNAPSHOT_PATH"] = str(Path(tmp) / "snapshot.db")
        try:
            server = start_server(Path(":memory:"), *extra)
        finally:
            if saved is None:
                os.environ.pop("TORC_SERVER_SNAPSHOT_PATH", None)
            else:
                os.environ["TORC_SERVER_SNAPSHOT_PATH"] = saved
        try:
            yield server
        finally:
            stop_server(server)


def _report_failure(name: str, errors: int, first_error: str) -> bool:
    if errors:
        print(f"  {name}: first error: {first_error}", flush=True)
    return not errors


def run_canonical(
    case: Canonical,
    *,
    figure: Callable[[str], None],
    pool: ProcessPoolExecutor,
    pin: Callable[[RunningServer], list[int]],
    peak: Callable[[RunningServer], int],
) -> bool:
    with memory_server(case.snapshot_seconds) as server:
        pids = pin(server)
        begin = time.perf_counter()
        workflow_id, run_id = prepare(server.port, pool, case.jobs)
        setup = time.perf_counter() - begin
        result: SimResult = pool.submit(
            run_sim,
            server.port,
            workflow_id,
            run_id,
            nodes=case.nodes,
            cores=case.cores,
            jobs=case.jobs,
            duration=case.duration,
            max_seconds=case.ideal * 3 + 30,
            server_pids=pids,
        ).result(timeout=case.ideal * 3 + 400)
        rss = peak(server)
    p = SimResult.percentile
    figure(
        f"scale_canonical: {case.nodes:,} nodes x {case.cores} cores, {result.completed:,} of "
        f"{case.jobs:,} jobs of {case.duration:g} s in {result.elapsed:.1f} s (ideal "
        f"{case.ideal:.1f} s, {result.elapsed / case.ideal:.2f}x); slot free -> next start p50 "
        f"{p(result.delays, 0.5) * 1000:.0f} ms, p99 {p(result.delays, 0.99) * 1000:.0f} ms; "
        f"failed requests {result.errors}; {result.requests:,} requests (p99 "
        f"{p(result.latencies, 0.99) * 1000:.0f} ms, {result.completed / max(result.requests, 1):.1f}"
        f" jobs/request); server CPU {result.server_cpu:.1f} s = "
        f"{result.server_cpu / max(result.completed, 1) * 1e6:.0f} us/job; peak server RSS "
        f"{rss / 2**20:,.0f} MiB; setup (create+initialize) {setup:.1f} s; in memory, snapshot "
        f"every {case.snapshot_seconds:g} s; other load {result.other_cpu / result.elapsed:.0%}"
    )
    complete = result.completed == case.jobs
    if not complete and not result.errors:
        print(f"  scale_canonical: only {result.completed} of {case.jobs} jobs done", flush=True)
    return _report_failure("scale_canonical", result.errors, result.first_error) and complete


def run_request_cost(
    *,
    quick: bool,
    figure: Callable[[str], None],
    pool: ProcessPoolExecutor,
    pin: Callable[[RunningServer], list[int]],
) -> bool:
    """8 nodes completing and claiming jobs of no duration: 1 (then 8) jobs per request."""
    seconds = 3.0 if quick else 20.0
    ok = True
    for name, cores in (("request_cost_single", 1), ("request_cost_batched", 8)):
        jobs = (400 if quick else 40_000) * cores
        with memory_server(None) as server:
            pids = pin(server)
            workflow_id, run_id = prepare(server.port, pool, jobs)
            result: SimResult = pool.submit(
                run_sim,
                server.port,
                workflow_id,
                run_id,
                nodes=8,
                cores=cores,
                jobs=jobs,
                duration=0.0,
                max_seconds=seconds,
                server_pids=pids,
            ).result(timeout=seconds + 400)
        requests = max(result.requests - 8, 1)  # less the registrations
        figure(
            f"{name}: server CPU {result.server_cpu / requests * 1e6:.0f} us/request, "
            f"{result.server_cpu / max(result.completed, 1) * 1e6:.0f} us/job "
            f"(event loop thread {result.loop_cpu / requests * 1e6:.0f} us/request, granian's "
            f"threads {(result.server_cpu - result.loop_cpu) / requests * 1e6:.0f}) "
            f"({result.completed:,} jobs, {requests:,} complete_jobs requests of "
            f"{result.completed / requests:.1f} jobs from 8 nodes in {result.elapsed:.1f} s = "
            f"{result.completed / result.elapsed:,.0f} jobs/s; latency p99 "
            f"{SimResult.percentile(result.latencies, 0.99) * 1000:.1f} ms; client CPU "
            f"{result.client_cpu / result.elapsed:.0%}, other load "
            f"{result.other_cpu / result.elapsed:.0%}; errors {result.errors})"
        )
        ok = _report_failure(name, result.errors, result.first_error) and ok
    return ok


def run_many_connections(
    *,
    connections: int,
    seconds: float,
    figure: Callable[[str], None],
    pool: ProcessPoolExecutor,
    pin: Callable[[RunningServer], list[int]],
) -> bool:
    with memory_server(None) as server:
        pids = pin(server)
        workflow_id, run_id = prepare(server.port, pool, 1)
        result: ConnResult = pool.submit(
            run_connections,
            server.port,
            workflow_id,
            run_id,
            connections=connections,
            seconds=seconds,
            server_pids=pids,
        ).result(timeout=seconds + 600)
    p = SimResult.percentile
    figure(
        f"connections: {connections:,} keep-alive connections, a request a second each for "
        f"{seconds:g} s: errors {result.errors}; {result.requests:,} requests "
        f"({result.requests / seconds:,.0f}/s), latency p50 {p(result.latencies, 0.5) * 1000:.1f} "
        f"ms, p99 {p(result.latencies, 0.99) * 1000:.1f} ms; {result.registered:,} registered (their "
        f"first request answered) after {result.open_seconds:.1f} s; server CPU {result.server_cpu / seconds:.0%}"
    )
    return _report_failure("connections", result.errors, result.first_error)
