"""The load generator: runs in its own process (pinned away from the server's core).

It speaks plain HTTP/1.1 over keep-alive loopback connections with asyncio streams: a generic
client (httpx) costs more CPU per request than the server's cheapest operations, and the figures
must measure the server, not the client. Every response is checked (status 200, full body read).
Everything is bounded: a number of requests, a wall-clock deadline, and a hard timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psutil

from torc.lean import framing

HOST = "127.0.0.1"


def pin(cpus: Sequence[int]) -> None:
    """Process-pool initializer: keep this process (and threads it starts) on `cpus`."""
    if cpus:
        os.sched_setaffinity(0, set(cpus))


class HTTPError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.host_header = f"Host: {HOST}:{port}\r\n".encode()
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        # A large stream limit: headers are small, but readuntil must not choke on odd servers.
        self.reader, self.writer = await asyncio.open_connection(HOST, self.port, limit=2**20)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = self.reader = None

    def request_bytes(
        self, method: str, path: str, body: bytes | None = None, headers: bytes = b""
    ) -> bytes:
        head = b"%s %s HTTP/1.1\r\n" % (method.encode(), path.encode()) + self.host_header
        head += b"Accept: application/json\r\n" + headers
        if body is None:
            return head + b"\r\n"
        head += b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
        return head + body

    async def send(self, raw: bytes) -> tuple[int, bytes]:
        """Send one pre-built request; answer (status, body)."""
        if self.writer is None:
            await self.open()
        assert self.reader is not None and self.writer is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = framing([line for line in lines[1:] if line])
        if length is not None:
            body = await self.reader.readexactly(length)
        elif chunked:
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
            close = True
        if close:
            await self.close()
        return status, body


def machine_busy_seconds() -> float:
    """CPU seconds every process on the machine has used (all CPUs together)."""
    times = psutil.cpu_times()
    return sum(
        getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal")
    )


class CpuWindow:
    """CPU used by the server, by this client process and by everything else, over a window."""

    def __init__(self, server_pids: Sequence[int]) -> None:
        self.server_pids = server_pids
        self.client = time.process_time()
        self.server = server_cpu_seconds(server_pids)
        self.loop = loop_thread_seconds(server_pids[0]) if server_pids else 0.0
        self.machine = machine_busy_seconds()
        self.loop_cpu = 0.0  # of the server's, its main (event loop) thread's, once stopped

    def stop(self) -> tuple[float, float, float]:
        """(server, client, other) CPU seconds since the window opened."""
        client = time.process_time() - self.client
        server = server_cpu_seconds(self.server_pids) - self.server
        if self.server_pids:
            self.loop_cpu = loop_thread_seconds(self.server_pids[0]) - self.loop
        machine = machine_busy_seconds() - self.machine
        return server, client, max(0.0, machine - server - client)


def loop_thread_seconds(pid: int) -> float:
    """CPU seconds of the process's main thread: the server's event loop, which runs every
    handler (the other threads are granian's, handing requests over)."""
    try:
        return sum(
            thread.user_time + thread.system_time
            for thread in psutil.Process(pid).threads()
            if thread.id == pid
        )
    except psutil.Error:
        return 0.0


def server_cpu_seconds(pids: Sequence[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            times = psutil.Process(pid).cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


@dataclass
class LoadResult:
    requests: int = 0
    errors: int = 0
    elapsed: float = 0.0
    bytes: int = 0
    client_cpu: float = 0.0  # CPU seconds this (client) process used in the timed window
    server_cpu: float = 0.0  # CPU seconds the server processes used in the timed window
    other_cpu: float = 0.0  # CPU seconds anything else on the machine used (noise)
    latencies: list[float] = field(default_factory=list)
    first_error: str = ""

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def _load(
    port: int,
    paths: Sequence[str],
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    warmup: int,
    server_pids: Sequence[int],
    headers: bytes = b"",
) -> LoadResult:
    result = LoadResult()
    connections = [Connection(port) for _ in range(concurrency)]
    for conn in connections:
        await conn.open()
    requests = [connections[0].request_bytes("GET", path, headers=headers) for path in paths]
    issued = 0

    async def worker(conn: Connection, budget: int, deadline: float, record: bool) -> None:
        nonlocal issued
        while issued < budget and time.perf_counter() < deadline:
            raw = requests[issued % len(requests)]
            issued += 1
            start = time.perf_counter()
            try:
                status, body = await conn.send(raw)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                status, body = 0, repr(exc).encode()
                await conn.close()
            if not record:
                continue
            result.latencies.append(time.perf_counter() - start)
            result.requests += 1
            result.bytes += len(body)
            if status != 200:
                result.errors += 1
                if not result.first_error:
                    result.first_error = f"HTTP {status}: {body[:300].decode(errors='replace')}"

    # Warm-up: connections, statement cache, page cache; not measured.
    await asyncio.gather(
        *(worker(c, warmup, time.perf_counter() + max_seconds, False) for c in connections)
    )
    issued = 0
    cpu = CpuWindow(server_pids)
    start = time.perf_counter()
    deadline = start + max_seconds
    await asyncio.gather(*(worker(c, max_requests, deadline, True) for c in connections))
    result.elapsed = time.perf_counter() - start
    result.server_cpu, result.client_cpu, result.other_cpu = cpu.stop()
    for conn in connections:
        await conn.close()
    return result


def run_load(
    port: int,
    paths: Sequence[str],
    *,
    concurrency: int,
    max_requests: int,
    max_seconds: float,
    warmup: int,
    server_pids: Sequence[int] = (),
    headers: bytes = b"",
) -> LoadResult:
    """GET `paths` round robin from `concurrency` connections, each one request at a time
    (`headers`: extra header lines, `Authorization: ...\\r\\n` for instance)."""

    async def bounded() -> LoadResult:
        # Hard stop well past the deadline: a stuck server must not hang the harness.
        async with asyncio.timeout(max_seconds * 2 + 30):
            return await _load(
                port, paths, concurrency, max_requests, max_seconds, warmup, server_pids, headers
            )

    return asyncio.run(bounded())


@dataclass
class BulkResult:
    jobs: int = 0
    batch_seconds: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    client_cpu: float = 0.0
    server_cpu: float = 0.0
    other_cpu: float = 0.0
    first_job_id: int | None = None
    last_job_id: int | None = None


def job_batches(workflow_id: int, total: int, batch: int, start: int = 0) -> list[bytes]:
    """Encoded `POST /bulk_jobs` bodies: plain jobs like a spec with many independent tasks."""
    bodies = []
    for first in range(start, start + total, batch):
        jobs = [
            {
                "workflow_id": workflow_id,
                "name": f"job_{i:07d}",
                "command": f"python run_task.py --index {i} --output out/{i:07d}.json",
            }
            for i in range(first, min(first + batch, start + total))
        ]
        bodies.append(json.dumps({"jobs": jobs}).encode())
    return bodies


def run_bulk(
    port: int,
    workflow_id: int,
    *,
    total: int,
    batch: int,
    max_seconds: float,
    server_pids: Sequence[int] = (),
    start: int = 0,
) -> BulkResult:
    """Create `total` jobs through sequential `POST /bulk_jobs` requests of `batch` jobs."""
    bodies = job_batches(workflow_id, total, batch, start)

    async def go() -> BulkResult:
        result = BulkResult()
        conn = Connection(port)
        await conn.open()
        requests = [conn.request_bytes("POST", "/torc-service/v1/bulk_jobs", b) for b in bodies]
        answers = []
        cpu = CpuWindow(server_pids)
        begin = time.perf_counter()
        async with asyncio.timeout(max_seconds):
            for raw in requests:
                t0 = time.perf_counter()
                answers.append(await conn.send(raw))
                result.batch_seconds.append(time.perf_counter() - t0)
        result.elapsed = time.perf_counter() - begin
        result.server_cpu, result.client_cpu, result.other_cpu = cpu.stop()
        await conn.close()
        # Check the answers after the clock stopped: every job created, in order.
        for status, body in answers:
            if status != 200:
                raise HTTPError(f"POST /bulk_jobs: HTTP {status}: {body[:300]!r}")
            created: list[dict[str, Any]] = json.loads(body)["jobs"]
            ids = [job["id"] for job in created]
            if result.first_job_id is None:
                result.first_job_id = ids[0]
            result.last_job_id = ids[-1]
            result.jobs += len(created)
        if result.jobs != total:
            raise HTTPError(f"POST /bulk_jobs created {result.jobs} jobs, expected {total}")
        return result

    return asyncio.run(go())
