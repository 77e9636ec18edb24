"""`torc plot-resources`: interactive HTML plots from time-series resource monitoring databases.

The runner writes one SQLite database per run in time-series mode,
`<output_dir>/resource_utilization/resource_metrics_<host>_<workflow>_<run>.db`, with the tables
`job_resource_samples(id, job_id, timestamp, cpu_percent, memory_bytes, num_processes)` and
`job_metadata(job_id, job_name)`. The plots (the user guide's "plot-resources Output Files"):

- `<prefix>_job_<id>.html`: one job's CPU, memory and process count over time;
- `<prefix>_cpu_all_jobs.html`, `<prefix>_memory_all_jobs.html`: every job on one timeline;
- `<prefix>_summary.html`: peak and average CPU and memory of every job, as bars.

Each HTML file embeds plotly.js, so it opens offline; `--format json` writes the Plotly figures
as JSON instead (same names, `.json`).
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from cyclopts import Group, Parameter

from torc_cli import output, session
from torc_cli.session import CliError
from torc_runner import samples

GB = 1024**3
# Its own help panel: the global --format/-f (table or json) would hide it in the shared one.
_PLOT_FORMAT = Group("Plot format")


@dataclass
class JobSeries:
    job_id: int
    name: str | None = None
    timestamps: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    memory: list[int] = field(default_factory=list)
    processes: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"Job {self.job_id} ({self.name})" if self.name else f"Job {self.job_id}"

    @property
    def peak_cpu(self) -> float:
        return max(self.cpu)

    @property
    def avg_cpu(self) -> float:
        return sum(self.cpu) / len(self.cpu)

    @property
    def peak_memory_gb(self) -> float:
        return max(self.memory) / GB

    @property
    def avg_memory_gb(self) -> float:
        return sum(self.memory) / len(self.memory) / GB

    @property
    def duration(self) -> float:
        return self.timestamps[-1] - self.timestamps[0]


def load(paths: list[Path]) -> dict[int, JobSeries]:
    """Every job's samples from the databases, in time order."""
    jobs: dict[int, JobSeries] = {}
    for path in paths:
        output.message(f"Loading data from: {path}")
        if not path.is_file():
            raise CliError(f"no such database file: {path}")
        try:
            rows, names = samples.read(path)
        except samples.NotASamplesDatabase:
            raise CliError(
                f"{path} is not a resource metrics database (it has no job_resource_samples table)"
            ) from None
        except sqlite3.Error as exc:
            raise CliError(f"cannot read {path}: {exc}") from None
        for job_id, timestamp, cpu, memory, processes in rows:
            series = jobs.setdefault(job_id, JobSeries(job_id))
            series.timestamps.append(float(timestamp))
            series.cpu.append(float(cpu or 0.0))
            series.memory.append(int(memory or 0))
            series.processes.append(int(processes or 0))
        for job_id, name in names.items():
            if job_id in jobs and name:
                jobs[job_id].name = name
        output.message(f"  Loaded {len(rows)} samples of {len({r[0] for r in rows})} jobs")
    for series in jobs.values():  # several databases may hold samples of one job
        order = sorted(range(len(series.timestamps)), key=series.timestamps.__getitem__)
        for name in ("timestamps", "cpu", "memory", "processes"):
            values = getattr(series, name)
            setattr(series, name, [values[i] for i in order])
    return jobs


def _times(series: JobSeries) -> list[datetime]:
    return [datetime.fromtimestamp(t, UTC) for t in series.timestamps]


def job_figure(series: JobSeries) -> Any:
    from plotly.subplots import make_subplots

    start = series.timestamps[0]
    elapsed = [t - start for t in series.timestamps]
    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=("CPU (%)", "Memory (GB)", "Processes"),
    )
    figure.add_scatter(x=elapsed, y=series.cpu, name="CPU %", mode="lines+markers", row=1, col=1)
    figure.add_scatter(
        x=elapsed,
        y=[m / GB for m in series.memory],
        name="Memory (GB)",
        mode="lines+markers",
        row=2,
        col=1,
    )
    figure.add_scatter(
        x=elapsed, y=series.processes, name="Processes", mode="lines+markers", row=3, col=1
    )
    figure.update_xaxes(title_text="Time since first sample (s)", row=3, col=1)
    figure.update_yaxes(title_text="CPU %", row=1, col=1)
    figure.update_yaxes(title_text="GB", row=2, col=1)
    figure.update_yaxes(title_text="count", row=3, col=1)
    figure.update_layout(
        title=(
            f"{series.label}: peak CPU {series.peak_cpu:.1f}%, peak memory "
            f"{series.peak_memory_gb:.2f} GB, {len(series.cpu)} samples over "
            f"{series.duration:.1f} s"
        ),
        hovermode="x unified",
        height=800,
    )
    return figure


def overview_figure(jobs: list[JobSeries], metric: str) -> Any:
    import plotly.graph_objects as go

    figure = go.Figure()
    for series in jobs:
        values = series.cpu if metric == "cpu" else [m / GB for m in series.memory]
        figure.add_scatter(x=_times(series), y=values, name=series.label, mode="lines+markers")
    title, axis = ("CPU", "CPU %") if metric == "cpu" else ("Memory", "Memory (GB)")
    figure.update_layout(
        title=f"{title} usage of all jobs",
        xaxis_title="Time (UTC)",
        yaxis_title=axis,
        hovermode="closest",
        legend_title="Job",
    )
    return figure


def summary_figure(jobs: list[JobSeries]) -> Any:
    from plotly.subplots import make_subplots

    labels = [series.label for series in jobs]
    figure = make_subplots(
        rows=2, cols=1, vertical_spacing=0.15, subplot_titles=("CPU (%)", "Memory (GB)")
    )
    bars = (
        (1, "Peak CPU %", [s.peak_cpu for s in jobs], "#d62728"),
        (1, "Average CPU %", [s.avg_cpu for s in jobs], "#ff9896"),
        (2, "Peak memory (GB)", [s.peak_memory_gb for s in jobs], "#1f77b4"),
        (2, "Average memory (GB)", [s.avg_memory_gb for s in jobs], "#aec7e8"),
    )
    for row, name, values, color in bars:
        figure.add_bar(x=labels, y=values, name=name, marker_color=color, row=row, col=1)
    figure.update_layout(
        title=f"Resource summary: peak vs average of {len(jobs)} jobs",
        barmode="group",
        height=800,
    )
    return figure


def write(figure: Any, path: Path, fmt: str, title: str) -> None:
    if fmt == "json":
        path.write_text(figure.to_json(), encoding="utf-8")
        return
    html = figure.to_html(include_plotlyjs=True, full_html=True)
    html = html.replace("</head>", f"<title>{_escape(title)}</title>\n</head>", 1)
    path.write_text(html, encoding="utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _job_ids(values: list[str] | None) -> list[int] | None:
    if not values:
        return None
    ids = []
    for value in values:
        for part in value.split(","):
            if not part.strip():
                continue
            if not part.strip().isdigit():
                raise CliError(f"--job-ids takes job IDs separated by commas, not {value!r}")
            ids.append(int(part))
    return ids


def plot_resources(
    db_paths: Annotated[
        list[Path],
        Parameter(negative=(), help="Path to the resource metrics database file(s)."),
    ],
    *,
    output_dir: Annotated[
        Path,
        Parameter(
            name=["--output-dir", "-o"],
            help="Output directory for generated plots (default: current directory).",
        ),
    ] = Path("."),
    job_ids: Annotated[
        list[str] | None,
        Parameter(
            name=["--job-ids", "-j"],
            negative=(),
            help="Only plot specific job IDs (comma-separated).",
        ),
    ] = None,
    prefix: Annotated[
        str, Parameter(name=["--prefix", "-p"], help="Prefix for output filenames.")
    ] = "resource_plot",
    format: Annotated[
        Literal["html", "json"],
        Parameter(
            name=["--format", "-f"],
            help="Output format: html or json (after the command; before it, -f is the global "
            "table/json option).",
            group=_PLOT_FORMAT,
        ),
    ] = "html",
) -> None:
    """Generate interactive HTML plots from resource monitoring data."""
    if not db_paths:
        raise CliError("give at least one resource metrics database")
    wanted = _job_ids(job_ids)
    jobs = load(db_paths)
    if wanted is not None:
        for job_id in wanted:
            if job_id not in jobs:
                print(f"Warning: no samples of job {job_id}", file=sys.stderr)
        jobs = {job_id: series for job_id, series in jobs.items() if job_id in wanted}
    selected = [jobs[job_id] for job_id in sorted(jobs) if jobs[job_id].timestamps]
    if not selected:
        output.message("No resource data found to plot")
        if session.get().json:
            output.emit_json({"files": []})
        return
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot create {output_dir}: {exc.strerror}") from None

    def name(stem: str) -> Path:
        return output_dir / (f"{prefix}_{stem}.{format}" if prefix else f"{stem}.{format}")

    for series in selected:
        output.message(
            f"{series.label}: {len(series.cpu)} samples, {series.duration:.1f}s duration, "
            f"peak CPU: {series.peak_cpu:.1f}%, peak mem: {series.peak_memory_gb:.2f} GB"
        )
    output.message("\nGenerating plots...")
    plots: list[tuple[Path, Any, str]] = [
        (name(f"job_{s.job_id}"), job_figure(s), f"{s.label} resource usage") for s in selected
    ]
    plots.append((name("cpu_all_jobs"), overview_figure(selected, "cpu"), "CPU of all jobs"))
    plots.append(
        (name("memory_all_jobs"), overview_figure(selected, "memory"), "Memory of all jobs")
    )
    plots.append((name("summary"), summary_figure(selected), "Resource summary"))
    created = []
    for path, figure, title in plots:
        try:
            write(figure, path, format, title)
        except OSError as exc:
            raise CliError(f"cannot write {path}: {exc.strerror}") from None
        output.message(f"  Created: {path}")
        created.append(str(path))
    output.message(f"\nDone! Generated {len(created)} plot(s)")
    if session.get().json:
        output.emit_json(
            {"files": created, "jobs": [{"job_id": s.job_id, "job_name": s.name} for s in selected]}
        )


COMMANDS = [plot_resources]
