"""`torc slurm parse-logs`: known failures in a workflow's Slurm logs, and the torc jobs they hit."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from cyclopts import Parameter
from rich import box
from rich.markup import escape
from rich.table import Table

from torc_cli import display, output, selection, session
from torc_cli.commands.slurm import allocations
from torc_cli.commands.slurm.group import app
from torc_cli.session import CliError

COLUMNS = ("File", "Slurm Job ID", "Line", "Pattern", "Severity", "Affected Torc Jobs")

OutputDir = Annotated[
    Path | None,
    Parameter(
        name=["--output-dir", "-o"],
        help="Output directory the allocations wrote their logs to (as given to "
        "schedule-nodes). Default: output, or client.run.output_dir of the configuration.",
    ),
]


def output_dir_or_default(output_dir: Path | None) -> Path:
    if output_dir is None:
        from torc_cli.commands.run import default_output_dir

        output_dir = default_output_dir()
    return output_dir


@app.command(name="parse-logs")
def parse_logs(
    workflow_id: Annotated[
        int | None, Parameter(help="Workflow ID (chosen on a terminal).")
    ] = None,
    *,
    output_dir: OutputDir = None,
    errors_only: Annotated[
        bool,
        Parameter(negative=(), help="Only show errors and critical failures (skip warnings)."),
    ] = False,
) -> None:
    """Parse Slurm log files for known error patterns and the torc jobs they affected."""
    from torc_runner.slurm import log_files, log_patterns

    output_dir = output_dir_or_default(output_dir)
    if not output_dir.is_dir():
        raise CliError(f"output directory does not exist: {output_dir}")
    api = session.get().api
    wf_id = selection.workflow_id(workflow_id)
    known = {
        *allocations.slurm_job_ids(api, wf_id),
        *allocations.compute_node_allocations(api, wf_id).values(),
    }
    logs = log_files.allocation_logs(output_dir, wf_id, known)
    hits = [(log, hit) for log in logs for hit in log_patterns.scan_file(log.path)]
    if errors_only:
        hits = [(log, hit) for log, hit in hits if hit.pattern.severity != "warning"]
    affected = allocations.jobs_by_allocation(api, wf_id) if hits else {}
    errors = [
        {
            "file": str(hit.path),
            "slurm_job_id": log.slurm_job_id,
            "line_number": hit.line_number,
            "line": hit.line,
            "pattern": hit.pattern.name,
            "category": hit.pattern.category,
            "severity": hit.pattern.severity,
            "affected_jobs": [
                {"job_id": job.id, "job_name": job.name}
                for job in affected.get(log.slurm_job_id, [])
            ],
        }
        for log, hit in hits
    ]
    if session.get().json:
        output.emit_json(
            {
                "workflow_id": wf_id,
                "output_dir": str(output_dir),
                "files_scanned": [str(log.path) for log in logs],
                "total_errors": len(errors),
                "errors": errors,
            }
        )
        return
    _print_table(wf_id, output_dir, len(logs), errors, affected)


def _print_table(
    wf_id: int,
    output_dir: Path,
    scanned: int,
    errors: list[dict[str, Any]],
    affected: dict[str, list[allocations.TorcJob]],
) -> None:
    print("Slurm Log Analysis Results")
    print("==========================")
    print()
    if scanned == 0:
        print(f"No Slurm log files found for workflow {wf_id} in {output_dir}")
        return
    if not errors:
        print(f"No errors found in {scanned} log file(s).")
        return
    print(f"Found {len(errors)} error(s) in log files:")
    print()
    grid = Table(box=box.ROUNDED)
    for column in COLUMNS:
        grid.add_column(column)
    for error in errors:
        jobs = affected.get(error["slurm_job_id"], [])
        grid.add_row(
            escape(Path(error["file"]).name),
            escape(error["slurm_job_id"]),
            str(error["line_number"]),
            escape(error["pattern"]),
            error["severity"],
            escape(", ".join(job.label() for job in jobs)),
        )
    display.console().print(grid)
