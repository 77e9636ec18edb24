"""Benchmark of the web dashboard with a 10,000-job workflow, in headless Chromium.

Starts a torc-server and a torc-dash of its own, creates a workflow of 100 layers of 100 jobs
(each job after one job of the layer above: 9,900 dependency edges), opens the page with that
workflow selected and times:

- `dash_first_paint_10k`: from navigation to the jobs table and the status summary drawn;
- `dash_dag_layout_10k`: the DAG tab's layered layout of the 10,000 nodes, and the whole
  drawing (fetching the edges, layout, cytoscape's first render).

    python tests/benchmarks/bench_dash.py            # 10,000 jobs
    python tests/benchmarks/bench_dash.py --quick    # 1,000 jobs

`run(...)` is the entry for the harness. Needs Debian's `chromium` (.ci/run installs it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def spec(width: int, depth: int) -> dict[str, object]:
    jobs: list[dict[str, object]] = []
    for layer in range(depth):
        for column in range(width):
            job: dict[str, object] = {"name": f"j_{layer}_{column}", "command": "true"}
            if layer:
                job["depends_on"] = [f"j_{layer - 1}_{column}"]
            jobs.append(job)
    return {"name": f"dash_bench_{width * depth}", "jobs": jobs}


def run(*, quick: bool, figure: Callable[[str], None]) -> bool:
    from playwright.sync_api import sync_playwright

    from tests.conftest import start_server, stop_server
    from tests.dash.conftest import CHROMIUM, CHROMIUM_ARGS, dash_env, start_dash, stop_dash
    from torc import make_api
    from torc.workflows import create_workflow_from_dict

    width, depth = (100, 10) if quick else (100, 100)
    jobs = width * depth
    label = "10k"  # the figure's name; --quick measures fewer jobs under the same name
    with tempfile.TemporaryDirectory(prefix="torc-bench-dash-") as tmp:
        root = Path(tmp)
        with open(root / "server.log", "w") as log:
            server = start_server(root / "bench.db", "--log-level", "error", stderr=log)
        dash = None
        try:
            with make_api(server.url) as api:
                workflow_id = create_workflow_from_dict(api, spec(width, depth)).workflow.id
            dash = start_dash(root, "--api-url", server.url, env=dash_env(root))
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 860})
                started = time.perf_counter()
                page.goto(f"{dash.url}/?workflow={workflow_id}#details")
                page.wait_for_function(
                    f"window.__dash && window.__dash.jobs.size === {jobs} && "
                    "document.querySelectorAll('#details-table tbody tr').length > 100",
                    timeout=120_000,
                )
                paint = time.perf_counter() - started
                figure(
                    f"dash_first_paint_{label}: {paint:.2f} s ({jobs:,} jobs, table and summary)"
                )
                started = time.perf_counter()
                page.click("#tabs button[data-tab=dag]")
                page.wait_for_function(
                    "window.__dagTimings && window.__dash.dagFor", timeout=300_000
                )
                page.evaluate("new Promise(r => requestAnimationFrame(() => r()))")
                total = time.perf_counter() - started
                timings = page.evaluate("window.__dagTimings")
                figure(
                    f"dash_dag_layout_{label}: layout {timings['layout']:.0f} ms, "
                    f"render {timings['render']:.0f} ms, edges fetched in {timings['fetch']:.0f} ms, "
                    f"{total:.2f} s from click to drawn ({timings['nodes']:,} nodes, "
                    f"{timings['edges']:,} edges)"
                )
                browser.close()
        finally:
            if dash is not None:
                stop_dash(dash)
            stop_server(server)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    return 0 if run(quick=args.quick, figure=print) else 1


if __name__ == "__main__":
    sys.exit(main())
