"""`torc reports`: resource utilization checks and a results report with every log file path."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import output, session
from torc_cli.session import CliError

app = App(name="reports", help="Generate reports and analytics.")

_WORKFLOW_ID_HELP = "Workflow ID to analyze (optional - will prompt if not provided)."


# ---- shared ----------------------------------------------------------------------------------


def pick_workflow(workflow_id: int | None) -> int:
    """The workflow given, or one the user picks from their workflows (on a terminal)."""
    from torc_cli import selection

    return selection.workflow_id(workflow_id)


def _value(value: Any) -> Any:
    """An SDK field: None for unset, the plain value of an enum."""
    if value is None or type(value).__name__ == "Unset":
        return None
    return getattr(value, "value", value)


# ---- check-resource-utilization --------------------------------------------------------------

_MEMORY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
_DURATION = re.compile(
    r"^P(?:(?P<years>\d+(?:\.\d+)?)Y)?(?:(?P<months>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<weeks>\d+(?:\.\d+)?)W)?(?:(?P<days>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<hours>\d+(?:\.\d+)?)H)?(?:(?P<minutes>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<seconds>\d+(?:\.\d+)?)S)?)?$"
)
_SECONDS = {
    "years": 365.25 * 86400,
    "months": 30.44 * 86400,
    "weeks": 7 * 86400,
    "days": 86400,
    "hours": 3600,
    "minutes": 60,
    "seconds": 1,
}


def memory_bytes(text: str | None) -> int | None:
    """`512m`, `8g` (1024-based; a bare number is bytes); None when unreadable."""
    match = _MEMORY.match(text or "")
    if not match:
        return None
    number, unit = match.groups()
    return int(float(number) * _FACTORS[unit.lower()])


def duration_seconds(text: str | None) -> float | None:
    """An ISO 8601 duration (`PT2H`, `P1DT12H`) in seconds; None when unreadable."""
    text = (text or "").strip()
    match = _DURATION.match(text)
    if not match or text in ("P", "PT") or text.endswith("T"):
        return None
    return sum(float(v) * _SECONDS[k] for k, v in match.groupdict().items() if v is not None)


def format_memory(size: float) -> str:
    mb = size / 1024**2
    return f"{mb:.1f} MB" if mb < 1024 else f"{mb / 1024:.2f} GB"


def format_duration(seconds: float) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h {minutes}m {secs}s"
    if minutes:
        return f"{minutes}m {secs}s"
    return f"{seconds:.1f}s"


def _row(job_id: int, name: str, kind: str, specified: str, used: str, ratio: float) -> dict:
    change = (ratio - 1.0) * 100.0
    return {
        "job_id": job_id,
        "job_name": name,
        "resource_type": kind,
        "specified": specified,
        "peak_used": used,
        "over_utilization": f"+{change:.1f}%" if ratio > 1.0 else f"-{-change:.1f}%",
    }


def _failed_job(result: Any, job: Any, requirements: Any) -> dict[str, Any]:
    """What is known about a failed job's resources, with out-of-memory and timeout hints."""
    info: dict[str, Any] = {
        "job_id": result.job_id,
        "job_name": job.name,
        "return_code": result.return_code,
        "exec_time_minutes": result.exec_time_minutes,
        "configured_memory": _value(requirements.memory),
        "configured_runtime": _value(requirements.runtime),
        "configured_cpus": _value(requirements.num_cpus),
    }
    peak = _value(result.peak_memory_bytes)
    limit = memory_bytes(_value(requirements.memory))
    likely_oom = False
    if peak is not None:
        info["peak_memory_bytes"] = peak
        info["peak_memory_formatted"] = format_memory(peak)
        if limit and peak > limit:
            likely_oom = True
            info["oom_reason"] = "memory_exceeded"
            info["memory_over_utilization"] = f"+{(peak / limit - 1) * 100:.1f}%"
    runtime = duration_seconds(_value(requirements.runtime))
    elapsed = result.exec_time_minutes * 60.0
    if runtime:
        share = elapsed / runtime * 100.0
        info["runtime_utilization"] = f"{share:.1f}%"
        likely_timeout = share > 90.0
        if result.return_code == 152:  # 128 + SIGXCPU: CPU time limit exceeded
            likely_timeout = True
            info["timeout_reason"] = "sigxcpu_152"
        if likely_timeout:
            info["likely_timeout"] = True
    # 128 + SIGKILL well before the runtime limit: most likely the out-of-memory killer
    if not likely_oom and result.return_code == 137 and (not runtime or elapsed / runtime < 0.8):
        likely_oom = True
        info["oom_reason"] = "sigkill_137"
    if likely_oom:
        info["likely_oom"] = True
    return info


@app.command(name="check-resource-utilization")
def check_resource_utilization(
    workflow_id: Annotated[int | None, Parameter(help=_WORKFLOW_ID_HELP)] = None,
    *,
    run_id: Annotated[
        int | None,
        Parameter(
            name=["--run-id", "-r"],
            help="Run ID to analyze (optional - analyzes latest run if not provided).",
        ),
    ] = None,
    show_all: Annotated[
        bool,
        Parameter(
            name=["--all", "-a"],
            negative=(),
            help="Show all jobs (default: only show jobs that exceeded requirements).",
        ),
    ] = False,
    include_failed: Annotated[
        bool,
        Parameter(negative=(), help="Include failed jobs in the analysis (recovery diagnostics)."),
    ] = False,
) -> None:
    """Check resource utilization and report jobs that exceeded their specified requirements."""
    current = session.get()
    api = current.api
    wf_id = pick_workflow(workflow_id)
    scope: dict[str, Any] = {"all_runs": True, "run_id": run_id} if run_id is not None else {}
    statuses = ["completed", "failed"] if include_failed else ["completed"]
    results = [r for s in statuses for r in api.iter_results(wf_id, status=s, **scope)]
    if not results:
        kind = "completed or failed" if include_failed else "completed"
        if current.json:
            output.emit_json(_utilization_report(wf_id, run_id, 0, [], []))
        else:
            print(f"No {kind} job results found for workflow {wf_id}")
        return
    jobs = {job.id: job for job in api.iter_jobs(wf_id)}
    requirements = {rr.id: rr for rr in api.iter_resource_requirements(wf_id)}
    rows: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    over = 0
    for result in results:
        job = jobs.get(result.job_id)
        if job is None:
            print(f"Warning: Job {result.job_id} not found in job list", file=sys.stderr)
            continue
        rr = requirements.get(_value(job.resource_requirements_id))
        if rr is None:
            print(f"Warning: Job {result.job_id} has no resource requirements", file=sys.stderr)
            continue
        if _value(result.status) == "failed":
            failed.append(_failed_job(result, job, rr))
        checks = []
        peak_memory = _value(result.peak_memory_bytes)
        limit = memory_bytes(_value(rr.memory))
        if peak_memory is not None and limit:
            checks.append(
                ("Memory", format_memory(limit), format_memory(peak_memory), peak_memory / limit)
            )
        peak_cpu = _value(result.peak_cpu_percent)
        cpus = _value(rr.num_cpus) or 1
        if peak_cpu is not None:
            allowed = 100.0 * cpus
            checks.append(
                ("CPU", f"{allowed:.0f}% ({cpus} cores)", f"{peak_cpu:.1f}%", peak_cpu / allowed)
            )
        runtime = duration_seconds(_value(rr.runtime))
        if runtime:
            elapsed = result.exec_time_minutes * 60.0
            checks.append(
                ("Runtime", format_duration(runtime), format_duration(elapsed), elapsed / runtime)
            )
        elif _value(rr.runtime):
            print(
                f"Warning: Failed to parse runtime for job {result.job_id}: {_value(rr.runtime)}",
                file=sys.stderr,
            )
        for kind, specified, used, ratio in checks:
            if ratio > 1.0:
                over += 1
            if ratio > 1.0 or show_all:
                rows.append(_row(result.job_id, job.name, kind, specified, used, ratio))
    if current.json:
        output.emit_json(_utilization_report(wf_id, run_id, len(results), rows, failed, over))
        return
    if not rows:
        mark = "" if show_all else "✓ "
        print(f"{mark}All {len(results)} jobs stayed within their specified resource requirements")
    else:
        if not show_all:
            print(f"\n⚠ Found {over} resource over-utilization violations:\n")
        columns = {
            "job_id": "Job ID",
            "job_name": "Job Name",
            "resource_type": "Resource",
            "specified": "Specified",
            "peak_used": "Peak Used",
            "over_utilization": "Over-Utilization",
        }
        output.table(
            [{columns[k]: v for k, v in row.items()} for row in rows], list(columns.values())
        )
        print(f"Total: {len(rows)} {'rows' if show_all else 'violations'}")
        if not show_all:
            print("\nNote: Use --all to see all jobs, including those that stayed within limits")
    if failed:
        print(f"\n{len(failed)} failed job(s):")
        for info in failed:
            hints = [h for h in ("likely_oom", "likely_timeout") if info.get(h)]
            suffix = f" ({', '.join(hints)})" if hints else ""
            print(
                f"  {info['job_id']}: {info['job_name']} return code {info['return_code']}{suffix}"
            )


def _utilization_report(
    wf_id: int,
    run_id: int | None,
    total: int,
    rows: list[dict[str, Any]],
    failed: list[dict[str, Any]],
    over: int = 0,
) -> dict[str, Any]:
    report: dict[str, Any] = {
        "workflow_id": wf_id,
        "run_id": run_id,
        "total_results": total,
        "over_utilization_count": over,
        "violations": rows,
    }
    if failed:
        report["failed_jobs_count"] = len(failed)
        report["failed_jobs"] = failed
    return report


# ---- results ---------------------------------------------------------------------------------


def _missing(path: Path, kind: str, job_id: int) -> str:
    if not path.exists():
        print(f"Warning: {kind} log file does not exist for job {job_id}: {path}", file=sys.stderr)
    return str(path)


def _node_logs(node: Any, output_dir: Path, wf_id: int, run_id: int, job_id: int) -> dict[str, Any]:
    """The runner's log paths for a result, by the kind of compute node that ran the job."""
    from torc_cli.commands.slurm import allocations
    from torc_runner import logs
    from torc_runner.slurm.log_files import slurm_stderr, slurm_stdout

    kind = _value(node.compute_node_type)
    found: dict[str, Any] = {"compute_node_type": kind}
    if kind == "local":
        path = logs.runner_log(output_dir, node.hostname, wf_id, run_id)
        found["job_runner_log"] = _missing(path, "job runner", job_id)
        return found
    slurm_job_id = allocations.slurm_job_id_of(session.get().api, node)
    if kind == "slurm" and slurm_job_id is not None:
        tag = logs.slurm_tag(str(slurm_job_id), node.hostname, node.pid)
        paths = {
            "job_runner_log": (logs.slurm_runner_log(output_dir, tag), "slurm job runner"),
            "slurm_stdout": (slurm_stdout(output_dir, wf_id, slurm_job_id), "slurm stdout"),
            "slurm_stderr": (slurm_stderr(output_dir, wf_id, slurm_job_id), "slurm stderr"),
            "slurm_env_log": (logs.slurm_env_log(output_dir, tag), "slurm env"),
            "dmesg_log": (logs.dmesg_log(output_dir, tag), "dmesg"),
        }
        for key, (path, label) in paths.items():
            found[key] = _missing(path, label, job_id)
        return found
    found["job_runner_log"] = None
    return found


@app.command
def results(
    workflow_id: Annotated[int | None, Parameter(help=_WORKFLOW_ID_HELP)] = None,
    *,
    output_dir: Annotated[
        Path | None,
        Parameter(
            name=["--output-dir", "-o"],
            help="Output directory (where job logs are stored, passed in torc run and "
            "torc submit). Default: output, or client.run.output_dir of the configuration "
            "(torc_output in standalone mode), as for torc run.",
        ),
    ] = None,
    all_runs: Annotated[
        bool,
        Parameter(negative=(), help="Include all runs for each job (default: only latest run)."),
    ] = False,
) -> None:
    """Generate a comprehensive JSON report of job results including all log file paths."""
    from torc_runner import logs

    if output_dir is None:
        from torc_cli.commands.run import default_output_dir

        output_dir = default_output_dir()
    if not output_dir.exists():
        raise CliError(f"output directory does not exist: {output_dir}")
    if not output_dir.is_dir():
        raise CliError(f"output path is not a directory: {output_dir}")
    api = session.get().api
    wf_id = pick_workflow(workflow_id)
    workflow = api.get_workflow(wf_id)
    jobs = {job.id: job for job in api.iter_jobs(wf_id)}
    found = list(api.iter_results(wf_id, all_runs=all_runs))
    if not found:
        print(f"No results found for workflow {wf_id}", file=sys.stderr)
        return
    nodes: dict[int, Any] = {}
    records = []
    for result in found:
        job = jobs.get(result.job_id)
        if job is None:
            print(f"Warning: Job {result.job_id} not found in job list", file=sys.stderr)
            continue
        record: dict[str, Any] = {
            "job_id": result.job_id,
            "job_name": job.name,
            "status": _value(result.status),
            "run_id": result.run_id,
            "return_code": result.return_code,
            "completion_time": result.completion_time,
            "exec_time_minutes": result.exec_time_minutes,
            "compute_node_id": result.compute_node_id,
        }
        stdout = logs.job_stdout(output_dir, wf_id, result.job_id, result.run_id)
        stderr = logs.job_stderr(output_dir, wf_id, result.job_id, result.run_id)
        record["job_stdout"] = _missing(stdout, "job stdout", result.job_id)
        record["job_stderr"] = _missing(stderr, "job stderr", result.job_id)
        node_id = result.compute_node_id
        if node_id not in nodes:
            from torc import ApiError

            try:
                nodes[node_id] = api.get_compute_node(node_id)
            except ApiError as exc:
                print(f"Warning: Could not fetch compute node {node_id}: {exc}", file=sys.stderr)
                nodes[node_id] = None
        node = nodes[node_id]
        if node is None:
            record["compute_node_type"] = None
            record["job_runner_log"] = None
        else:
            record.update(_node_logs(node, output_dir, wf_id, result.run_id, result.job_id))
        records.append(record)
    report = {
        "workflow_id": wf_id,
        "workflow_name": workflow.name,
        "workflow_user": workflow.user,
        "all_runs": all_runs,
        "total_results": len(records),
        "results": records,
    }
    json.dump(report, sys.stdout, indent=2, default=str)
    sys.stdout.write("\n")


COMMANDS = [app]
