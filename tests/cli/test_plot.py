"""`torc plot-resources`: self-contained interactive HTML (or Plotly JSON) from the time-series
databases the runner writes, named as the user guide's "plot-resources Output Files" table
says."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]

SCHEMA = """
CREATE TABLE job_resource_samples (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL,
    timestamp REAL NOT NULL,
    cpu_percent REAL NOT NULL,
    memory_bytes INTEGER NOT NULL,
    num_processes INTEGER NOT NULL
);
CREATE TABLE job_metadata (job_id INTEGER PRIMARY KEY, job_name TEXT NOT NULL);
"""


def torc(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
    env.update(XDG_CONFIG_HOME=str(cwd / "xdg"), TORC_SYSTEM_CONFIG=str(cwd / "none"))
    return subprocess.run(
        [*TORC, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def metrics_db(path: Path, jobs: dict[int, str], start: float = 1_700_000_000.0) -> Path:
    """A database with the documented schema: five samples a second apart for each job."""
    conn = sqlite3.connect(path)
    conn.executescript(SCHEMA)
    for job_id, name in jobs.items():
        conn.execute("INSERT INTO job_metadata VALUES (?, ?)", (job_id, name))
        for i in range(5):
            conn.execute(
                "INSERT INTO job_resource_samples (job_id, timestamp, cpu_percent, memory_bytes, "
                "num_processes) VALUES (?, ?, ?, ?, ?)",
                (job_id, start + i, 10.0 * job_id + i, (job_id * 100 + i) * 1024**2, 1 + i % 2),
            )
    conn.commit()
    conn.close()
    return path


def assert_self_contained(html: str) -> None:
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=", html)  # plotly.js is inline: the file works offline
    assert "Plotly.newPlot" in html
    assert len(html) > 1_000_000  # the plotly.js bundle itself


# ---- from a real run -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workflow of two jobs run with time-series monitoring by `torc -s run`."""
    root = tmp_path_factory.mktemp("plot-run")
    code = "import time; block = b'x' * (30 * 1024 * 1024); time.sleep(2.5)"
    spec = {
        "name": "plot_demo",
        "resource_monitor": {
            "enabled": True,
            "granularity": "time_series",
            "sample_interval_seconds": 1,
        },
        "jobs": [
            {"name": "holds_memory", "command": f"{sys.executable} -c {json.dumps(code)}"},
            {"name": "sleeps", "command": f"{sys.executable} -c 'import time; time.sleep(2.5)'"},
        ],
    }
    (root / "wf.json").write_text(json.dumps(spec))
    done = torc(root, "-s", "run", "wf.json", "-o", "out", "-p", "0.2")
    assert done.returncode == 0, done.stderr
    return root


def test_plots_of_a_real_run(run_dir: Path) -> None:
    (db,) = (run_dir / "out" / "resource_utilization").glob("resource_metrics_*.db")
    done = torc(run_dir, "plot-resources", str(db), "-o", "plots")
    assert done.returncode == 0, done.stderr
    plots = run_dir / "plots"
    names = sorted(p.name for p in plots.iterdir())
    assert names == [
        "resource_plot_cpu_all_jobs.html",
        "resource_plot_job_1.html",
        "resource_plot_job_2.html",
        "resource_plot_memory_all_jobs.html",
        "resource_plot_summary.html",
    ]
    for name in names:
        assert_self_contained((plots / name).read_text())
    assert "Job 1 (holds_memory)" in (plots / "resource_plot_job_1.html").read_text()
    assert "Job 2 (sleeps)" in (plots / "resource_plot_job_2.html").read_text()
    for overview in ("cpu_all_jobs", "memory_all_jobs", "summary"):
        text = (plots / f"resource_plot_{overview}.html").read_text()
        assert "Job 1 (holds_memory)" in text and "Job 2 (sleeps)" in text
    assert f"Loading data from: {db}" in done.stdout
    assert "Created: plots/resource_plot_summary.html" in done.stdout
    assert "Done! Generated 5 plot(s)" in done.stdout


def test_glob_of_databases_and_default_output_dir(run_dir: Path, tmp_path: Path) -> None:
    dbs = sorted((run_dir / "out" / "resource_utilization").glob("resource_metrics_*.db"))
    done = torc(tmp_path, "plot-resources", *map(str, dbs), "--job-ids", "2")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.glob("*.html")) == [
        "resource_plot_cpu_all_jobs.html",
        "resource_plot_job_2.html",
        "resource_plot_memory_all_jobs.html",
        "resource_plot_summary.html",
    ]


# ---- from databases written with the documented schema ---------------------------------------


def test_several_databases_job_filter_and_prefix(tmp_path: Path) -> None:
    first = metrics_db(tmp_path / "resource_metrics_a_1_1.db", {1: "alpha", 2: "beta"})
    second = metrics_db(tmp_path / "resource_metrics_b_1_2.db", {3: "gamma"})
    done = torc(
        tmp_path, "plot-resources", str(first), str(second), "-o", "out", "-j", "1,3", "-p", "wf1"
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == [
        "wf1_cpu_all_jobs.html",
        "wf1_job_1.html",
        "wf1_job_3.html",
        "wf1_memory_all_jobs.html",
        "wf1_summary.html",
    ]
    summary = (out / "wf1_summary.html").read_text()
    assert "Job 1 (alpha)" in summary and "Job 3 (gamma)" in summary
    assert "Job 2 (beta)" not in summary
    assert "<title>Resource summary</title>" in summary
    assert "Job 3 (gamma): 5 samples, 4.0s duration" in done.stdout


def test_json_format_writes_plotly_figures(tmp_path: Path) -> None:
    db = metrics_db(tmp_path / "m.db", {7: "seven", 8: "eight"})
    done = torc(tmp_path, "plot-resources", str(db), "-o", "figs", "--format", "json")
    assert done.returncode == 0, done.stderr
    files = sorted(p.name for p in (tmp_path / "figs").iterdir())
    assert files == [
        "resource_plot_cpu_all_jobs.json",
        "resource_plot_job_7.json",
        "resource_plot_job_8.json",
        "resource_plot_memory_all_jobs.json",
        "resource_plot_summary.json",
    ]
    summary = json.loads((tmp_path / "figs" / "resource_plot_summary.json").read_text())
    assert set(summary) >= {"data", "layout"}
    assert [t["name"] for t in summary["data"]] == [
        "Peak CPU %",
        "Average CPU %",
        "Peak memory (GB)",
        "Average memory (GB)",
    ]
    assert summary["data"][0]["x"] == ["Job 7 (seven)", "Job 8 (eight)"]
    job = json.loads((tmp_path / "figs" / "resource_plot_job_7.json").read_text())
    assert "Job 7 (seven)" in job["layout"]["title"]["text"]
    assert len(job["data"]) == 3  # CPU, memory, processes


def test_global_json_format_reports_the_files(tmp_path: Path) -> None:
    db = metrics_db(tmp_path / "m.db", {1: "one"})
    done = torc(tmp_path, "-f", "json", "plot-resources", str(db), "-o", "p", "--prefix", "")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report == {
        "files": [
            "p/job_1.html",
            "p/cpu_all_jobs.html",
            "p/memory_all_jobs.html",
            "p/summary.html",
        ],
        "jobs": [{"job_id": 1, "job_name": "one"}],
    }


def test_no_samples_is_not_an_error(tmp_path: Path) -> None:
    db = metrics_db(tmp_path / "m.db", {})
    done = torc(tmp_path, "plot-resources", str(db), "-o", "p")
    assert done.returncode == 0, done.stderr
    assert "No resource data found to plot" in done.stdout
    assert not (tmp_path / "p").exists()


def _other_database(directory: Path) -> Path:
    path = directory / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.db", "torc: no such database file: {path}\n"),
        (
            _other_database,
            "torc: {path} is not a resource metrics database (it has no job_resource_samples "
            "table)\n",
        ),
        (
            lambda d: (d / "text.db").write_text("not sqlite" * 100) and d / "text.db",
            "torc: cannot read {path}: file is not a database\n",
        ),
    ],
)
def test_bad_database_is_one_line(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    path = make(tmp_path)
    done = torc(tmp_path, "plot-resources", str(path))
    assert done.returncode == 1
    assert done.stderr == message.format(path=path)


def test_bad_job_ids_are_one_line(tmp_path: Path) -> None:
    db = metrics_db(tmp_path / "m.db", {1: "one"})
    done = torc(tmp_path, "plot-resources", str(db), "--job-ids", "1,x")
    assert done.returncode == 1
    assert done.stderr == "torc: --job-ids takes job IDs separated by commas, not '1,x'\n"
