"""`torc slurm sacct`: what Slurm's accounting recorded for each of a workflow's allocations."""

from __future__ import annotations

import sys
from typing import Annotated, Any

from cyclopts import Parameter
from rich import box
from rich.markup import escape
from rich.table import Table

from torc_cli import display, output, selection, session
from torc_cli.commands.slurm import allocations
from torc_cli.commands.slurm.group import app
from torc_cli.commands.slurm.logs import OutputDir, output_dir_or_default
from torc_cli.session import CliError

COLUMNS = (
    "Slurm Job",
    "Job Step",
    "State",
    "Exit Code",
    "Elapsed",
    "Max RSS",
    "CPU Time",
    "Nodes",
)

HIDDEN_STEPS = ("extern",)
"""Slurm's step for processes outside any step: nothing torc started, so not shown."""


def _row(step: Any) -> dict[str, Any]:
    return {
        "slurm_job_id": step.slurm_job_id,
        "step_id": step.step,
        "job_step": step.name,
        "state": step.state,
        "exit_code": step.exit_code,
        "signal": step.signal,
        "elapsed_seconds": step.elapsed_seconds,
        "max_rss_bytes": step.max_rss_bytes,
        "cpu_seconds": step.cpu_seconds,
        "nodes": step.nodes,
    }


@app.command(name="sacct")
def sacct(
    workflow_id: Annotated[
        int | None, Parameter(help="Workflow ID (chosen on a terminal).")
    ] = None,
    *,
    output_dir: OutputDir = None,
    save_json: Annotated[
        bool,
        Parameter(
            negative=(),
            help="Also save sacct's full JSON record of each allocation as sacct_ID.json "
            "(ID: the Slurm job id) in the output directory.",
        ),
    ] = False,
) -> None:
    """Show Slurm accounting data (sacct) for every scheduled compute node of a workflow."""
    from torc_runner.slurm import accounting, tools

    if not tools.available("sacct"):
        raise CliError("sacct not found: Slurm's commands are not installed on this machine")
    output_dir = output_dir_or_default(output_dir)
    if save_json and not output_dir.is_dir():
        raise CliError(f"output directory does not exist: {output_dir}")
    wf_id = selection.workflow_id(workflow_id)
    ids = allocations.slurm_job_ids(session.get().api, wf_id)
    rows: list[dict[str, Any]] = []
    problems: list[dict[str, str]] = []
    saved: list[str] = []
    for slurm_job_id in ids:
        try:
            found = accounting.steps(slurm_job_id)
            if save_json:
                path = output_dir / f"sacct_{slurm_job_id}.json"
                path.write_text(accounting.raw_json(slurm_job_id))
                saved.append(str(path))
        except tools.SlurmError as exc:
            # sacct answers an unknown job id with nothing; a failure is Slurm not answering
            raise CliError(f"Slurm job {slurm_job_id}: {exc}") from None
        except OSError as exc:
            raise CliError(f"cannot save sacct_{slurm_job_id}.json: {exc.strerror}") from None
        if not found:
            problems.append({"slurm_job_id": slurm_job_id, "error": "no accounting record"})
            display.warn(f"Slurm job {slurm_job_id}: sacct has no record of it (yet)")
        rows.extend(_row(step) for step in found if step.step not in HIDDEN_STEPS)
    if session.get().json:
        output.emit_json(
            {
                "workflow_id": wf_id,
                "slurm_job_ids": ids,
                "total_steps": len(rows),
                "steps": rows,
                "saved_json": saved,
                "errors": problems,
            }
        )
    else:
        _print_table(wf_id, ids, rows, saved)
    if ids and problems and len(problems) == len(ids):
        sys.exit(1)


def _print_table(wf_id: int, ids: list[str], rows: list[dict[str, Any]], saved: list[str]) -> None:
    from torc_runner.slurm import accounting

    if not ids:
        print(f"No Slurm allocations found for workflow {wf_id}.")
        return
    print(f"Slurm Accounting Summary for Workflow {wf_id}")
    print()
    grid = Table(box=box.ROUNDED)
    for column in COLUMNS:
        grid.add_column(column)
    for row in rows:
        code = row["exit_code"]
        exit_text = "" if code is None else str(code)
        if row["signal"]:
            exit_text += f" (signal {row['signal']})"
        grid.add_row(
            escape(row["slurm_job_id"]),
            escape(row["job_step"]),
            escape(row["state"]),
            exit_text,
            accounting.format_duration(row["elapsed_seconds"]),
            accounting.format_size(row["max_rss_bytes"]),
            accounting.format_duration(row["cpu_seconds"]),
            escape(row["nodes"]),
        )
    display.console().print(grid)
    print()
    print(f"Total: {len(rows)} job steps")
    for path in saved:
        print(f"Saved {path}")
