"""What authentication costs the server: `get_job` under load with no authentication, with HTTP
Basic against a cost-12 htpasswd file (the login verified once, then cached), and with access
control on top; the runner's own request (`complete_jobs`, one job each, from 8 simulated nodes
as in bench_scale.py) in the same three configurations; and the first request of a login, which
pays bcrypt.

Each configuration gets its own server (pinned like the harness's) and a workflow of 2,000 jobs;
the load generator sends the same requests to each, with the `Authorization` header where the
server wants one.
"""

from __future__ import annotations

import base64
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import bench_client
import bench_scale
import httpx
from conftest import RunningServer, start_server, stop_server

from torc_server.auth.htpasswd import DEFAULT_COST, Htpasswd, hash_password

BASE_PATH = "/torc-service/v1"
USER, PASSWORD = "bench", "bench-Password-1"
FIRST_LOGINS = 3  # users whose first request is timed (each pays bcrypt once)


def _header(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def run(
    *,
    quick: bool,
    figure: Callable[[str], None],
    pool: ProcessPoolExecutor,
    pin: Callable[[RunningServer], list[int]],
) -> bool:
    """Print the figures; False when a request failed. `pin` pins a server and answers its pids."""
    requests = 1_000 if quick else 20_000
    jobs = 200 if quick else 2_000
    logins = 1 if quick else FIRST_LOGINS
    ok = True
    with tempfile.TemporaryDirectory(prefix="torc-bench-auth-") as tmp:
        htpasswd = Htpasswd(Path(tmp) / "htpasswd")
        users = {
            USER: PASSWORD,
            **{f"first{i}": f"first-Password-{i}" for i in range(FIRST_LOGINS)},
        }
        for user, password in users.items():
            htpasswd.set(user, hash_password(password, DEFAULT_COST))
        htpasswd.write()
        auth = ["--auth-file", str(htpasswd.path), "--require-auth"]
        configurations = [
            ("off", [], None),
            ("cached_login", auth, _header(USER, PASSWORD)),
            ("access_control", [*auth, "--enforce-access-control"], _header(USER, PASSWORD)),
        ]
        per_request: dict[str, float] = {}
        reporting: dict[str, float] = {}
        for name, flags, header in configurations:
            server = start_server(Path(tmp) / f"{name}.db", "--log-level", "error", *flags)
            try:
                pids = pin(server)
                headers = {"Authorization": header} if header else {}
                with httpx.Client(base_url=server.url, headers=headers, timeout=60) as http:
                    workflow = http.post("/workflows", json={"name": "bench", "user": USER})
                    workflow.raise_for_status()
                    workflow_id = workflow.json()["id"]
                    body = {
                        "jobs": [
                            {"workflow_id": workflow_id, "name": f"j{i}", "command": "true"}
                            for i in range(jobs)
                        ]
                    }
                    created = http.post("/bulk_jobs", json=body, timeout=120)
                    created.raise_for_status()
                    ids = [job["id"] for job in created.json()["jobs"]]
                    reported = _reports_per_job(http, workflow_id, jobs * 10)
                rng = random.Random(1)
                paths = [f"{BASE_PATH}/jobs/{rng.choice(ids)}" for _ in range(min(requests, 5_000))]
                extra = f"Authorization: {header}\r\n".encode() if header else b""
                result: bench_client.LoadResult = pool.submit(
                    bench_client.run_load,
                    server.port,
                    paths,
                    concurrency=8,
                    max_requests=requests,
                    max_seconds=5.0 if quick else 20.0,
                    warmup=20 if quick else 200,
                    server_pids=pids,
                    headers=extra,
                ).result(timeout=120)
                rate = result.requests / result.elapsed if result.elapsed else 0.0
                cost = result.server_cpu / max(result.requests, 1) * 1e6
                per_request[name] = cost
                figure(
                    f"auth_get_job_{name}: {rate:,.0f} req/s ({result.requests:,} requests; "
                    f"server CPU {cost:,.0f} us/request; p50 "
                    f"{result.percentile(0.5) * 1000:.2f} ms; other load "
                    f"{result.other_cpu / max(result.elapsed, 1e-9):.0%}; errors {result.errors})"
                )
                if result.errors:
                    ok = False
                if name == "cached_login":
                    figure(_first_requests(server, users, logins))
                result_sim = pool.submit(
                    bench_scale.run_sim,
                    server.port,
                    workflow_id,
                    reported,
                    nodes=8,
                    cores=1,
                    jobs=jobs * 10,
                    duration=0.0,
                    max_seconds=3.0 if quick else 10.0,
                    server_pids=pids,
                    headers=extra,
                ).result(timeout=300)
                reports = max(result_sim.requests - 8, 1)  # less the registrations
                reporting[name] = result_sim.server_cpu / reports * 1e6
                figure(
                    f"auth_complete_jobs_{name}: server CPU {reporting[name]:,.0f} us/request "
                    f"({reports:,} one-job reports from 8 nodes; errors {result_sim.errors})"
                )
                if result_sim.errors:
                    ok = False
            finally:
                stop_server(server)
        figure(
            f"auth_overhead: cached login {per_request['cached_login'] - per_request['off']:+,.0f} "
            f"us/request of server CPU, with access control "
            f"{per_request['access_control'] - per_request['off']:+,.0f} us/request "
            f"(against {per_request['off']:,.0f} us/request without authentication); "
            f"a runner's report: cached login "
            f"{reporting['cached_login'] - reporting['off']:+,.0f}, with access control "
            f"{reporting['access_control'] - reporting['off']:+,.0f} us/request"
        )
    return ok


def _reports_per_job(http: httpx.Client, workflow_id: int, jobs: int) -> int:
    """Add `jobs` more jobs for the runners' reports, initialize the workflow: its run id."""
    for start in range(0, jobs, 10_000):
        batch = [
            {"workflow_id": workflow_id, "name": f"r{i}", "command": "true"}
            for i in range(start, min(jobs, start + 10_000))
        ]
        http.post("/bulk_jobs", json={"jobs": batch}, timeout=120).raise_for_status()
    http.post(f"/workflows/{workflow_id}/initialize_jobs", timeout=120).raise_for_status()
    return int(http.get(f"/workflows/{workflow_id}/status").raise_for_status().json()["run_id"])


def _first_requests(server: RunningServer, users: dict[str, str], logins: int) -> str:
    """Wall time of each user's first request (bcrypt at cost 12) and of the next ones."""
    first, again = [], []
    for i in range(logins):
        user = f"first{i}"
        with httpx.Client(base_url=server.url, auth=(user, users[user]), timeout=60) as http:
            started = time.perf_counter()
            http.get("/workflows").raise_for_status()
            first.append(time.perf_counter() - started)
            for _ in range(20):
                started = time.perf_counter()
                http.get("/workflows").raise_for_status()
                again.append(time.perf_counter() - started)
    return (
        f"auth_first_request: {statistics.median(first) * 1000:.0f} ms for a login's first request "
        f"(bcrypt cost {DEFAULT_COST}, median of {logins} logins), then "
        f"{statistics.median(again) * 1000:.2f} ms per request (httpx, cached login)"
    )
