"""Thundering herd: many Slurm runners starting at once against one server.

When a large job array or many allocations start together, every runner registers its compute
node and makes its first claim in the same second. Each simulated runner here opens its own
connection (runners are separate processes on separate nodes), registers a compute node (`POST
/compute_nodes`) and claims its first jobs as the real runner does (`POST
/workflows/{id}/complete_jobs/{run_id}` with no completions and a `claim`). It runs twice:

- `herd_burst`: every runner at once;
- `herd_jittered`: each runner first sleeps its startup delay
  (`torc_runner.slurm.jitter.startup_delay` within `delay_window(runners)`, 60 s for 1,000
  runners; `--herd-window` scales it down for quick runs).

Each line gives the errors (any answer but 200, or no answer), the latency of the first claim
(from the moment the runner starts, after its delay, to the claimed jobs: connect, register,
claim) and of the claim request alone, p50 and p99. No pass/fail.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import bench_client
import httpx

from torc_runner.slurm.jitter import delay_window, startup_delay

BASE_PATH = "/torc-service/v1"
CPUS_PER_RUNNER = 4
REQUEST_TIMEOUT = 120.0


@dataclass
class HerdResult:
    runners: int = 0
    window: float = 0.0
    errors: int = 0
    first_error: str = ""
    claimed: list[int] = field(default_factory=list)  # job ids, over all runners
    first_claim: list[float] = field(default_factory=list)  # start -> claimed jobs, per runner
    claim_request: list[float] = field(default_factory=list)
    elapsed: float = 0.0

    @staticmethod
    def percentile(values: list[float], q: float) -> float:
        if not values:
            return float("nan")
        ordered = sorted(values)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _node_body(workflow_id: int, index: int) -> bytes:
    return json.dumps(
        {
            "workflow_id": workflow_id,
            "hostname": f"node{index:04d}",
            "pid": 4242,
            "start_time": "2026-01-01T00:00:00.000Z",
            "is_active": True,
            "num_cpus": CPUS_PER_RUNNER,
            "memory_gb": 16.0,
            "num_gpus": 0,
            "num_nodes": 1,
            "compute_node_type": "slurm",
            "scheduler": {"type": "slurm", "slurm_job_id": str(100_000 + index)},
        }
    ).encode()


def _claim_body(node_id: int) -> bytes:
    claim = {
        "compute_node_id": node_id,
        "limit": CPUS_PER_RUNNER,
        "resources": {
            "num_cpus": CPUS_PER_RUNNER,
            "memory_gb": 16.0,
            "num_gpus": 0,
            "num_nodes": 1,
        },
        "strict_scheduler_match": False,
        "start": False,
    }
    return json.dumps({"completions": [], "claim": claim, "answer_jobs": False}).encode()


async def _runner(
    port: int, workflow_id: int, run_id: int, index: int, delay: float, result: HerdResult
) -> None:
    await asyncio.sleep(delay)
    conn = bench_client.Connection(port)
    started = time.perf_counter()
    try:
        async with asyncio.timeout(REQUEST_TIMEOUT):
            raw = conn.request_bytes(
                "POST", f"{BASE_PATH}/compute_nodes", _node_body(workflow_id, index)
            )
            status, body = await conn.send(raw)
            if status != 200:
                raise bench_client.HTTPError(f"POST /compute_nodes: HTTP {status}: {body[:200]!r}")
            node_id = json.loads(body)["id"]
            path = f"{BASE_PATH}/workflows/{workflow_id}/complete_jobs/{run_id}"
            claim_start = time.perf_counter()
            status, body = await conn.send(conn.request_bytes("POST", path, _claim_body(node_id)))
            done = time.perf_counter()
            if status != 200:
                raise bench_client.HTTPError(f"claim: HTTP {status}: {body[:200]!r}")
            result.claimed.extend(job["id"] for job in json.loads(body).get("claimed") or [])
            result.first_claim.append(done - started)
            result.claim_request.append(done - claim_start)
    except (
        OSError,
        TimeoutError,
        asyncio.IncompleteReadError,
        ValueError,
        bench_client.HTTPError,
    ) as exc:
        result.errors += 1
        if not result.first_error:
            result.first_error = f"runner {index}: {exc!r}"[:300]
    finally:
        await conn.close()


def run_herd(port: int, workflow_id: int, run_id: int, runners: int, window: float) -> HerdResult:
    """`runners` simulated runners, each starting after its delay within `window` seconds."""
    result = HerdResult(runners=runners, window=window)
    delays = [
        startup_delay(window, f"node{i:04d}", str(100_000 + i), "0", 4242) for i in range(runners)
    ]

    async def go() -> None:
        begin = time.perf_counter()
        async with asyncio.timeout(window + REQUEST_TIMEOUT + 60):
            await asyncio.gather(
                *(_runner(port, workflow_id, run_id, i, d, result) for i, d in enumerate(delays))
            )
        result.elapsed = time.perf_counter() - begin

    asyncio.run(go())
    return result


def prepare(http: httpx.Client, runners: int) -> tuple[int, int]:
    """A workflow with a ready job for every CPU of every runner; (workflow id, run id)."""
    workflow_id = http.post("/workflows", json={"name": "herd", "user": "bench"}).raise_for_status()
    workflow_id = workflow_id.json()["id"]
    jobs = runners * CPUS_PER_RUNNER
    for body in bench_client.job_batches(workflow_id, jobs, 10_000):
        http.post(
            "/bulk_jobs", content=body, headers={"Content-Type": "application/json"}
        ).raise_for_status()
    http.post(f"/workflows/{workflow_id}/initialize_jobs").raise_for_status()
    run_id = http.get(f"/workflows/{workflow_id}/status").raise_for_status().json()["run_id"]
    return workflow_id, run_id


def describe(name: str, result: HerdResult) -> str:
    p = HerdResult.percentile
    ms = 1000.0
    spread = "all at once" if result.window <= 0 else f"jittered over {result.window:g} s"
    duplicates = len(result.claimed) - len(set(result.claimed))
    return (
        f"{name}: {result.runners:,} runners {spread}: errors {result.errors}; first claim "
        f"(connect, register, claim) p50 {p(result.first_claim, 0.5) * ms:.0f} ms, "
        f"p99 {p(result.first_claim, 0.99) * ms:.0f} ms; claim request p50 "
        f"{p(result.claim_request, 0.5) * ms:.0f} ms, p99 {p(result.claim_request, 0.99) * ms:.0f} "
        f"ms; {len(result.claimed):,} jobs claimed ({duplicates} twice) in {result.elapsed:.1f} s"
    )


def run(
    http: httpx.Client,
    submit: Callable[..., Any],
    port: int,
    *,
    runners: int,
    window: float | None,
    figure: Callable[[str], None],
) -> bool:
    """Both herds against the harness's server; `submit` runs `run_herd` in the client process.
    False when a request failed."""
    jittered = delay_window(runners) if window is None else window
    ok = True
    for name, spread in (("herd_burst", 0.0), ("herd_jittered", jittered)):
        workflow_id, run_id = prepare(http, runners)
        result: HerdResult = submit(run_herd, port, workflow_id, run_id, runners, spread)
        figure(describe(name, result))
        if result.errors or len(result.claimed) != len(set(result.claimed)):
            ok = False
            if result.first_error:
                print(f"  {name}: first error: {result.first_error}", flush=True)
    return ok
