"""`torc slurm schedule-nodes`: submit Slurm allocations whose runners work on a workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cyclopts import Parameter

from torc_cli import display, selection, session
from torc_cli.commands.slurm.group import app
from torc_cli.session import CliError


@app.command(name="schedule-nodes")
def schedule_nodes(
    workflow_id: Annotated[int | None, Parameter(help="Workflow ID.")] = None,
    *,
    job_prefix: Annotated[
        str, Parameter(name=["--job-prefix", "-j"], help="Job prefix for the Slurm job names.")
    ] = "worker",
    keep_submission_scripts: Annotated[
        bool, Parameter(negative=(), help="Keep submission scripts after job submission.")
    ] = False,
    max_parallel_jobs: Annotated[
        int | None,
        Parameter(name=["--max-parallel-jobs", "-m"], help="Maximum number of parallel jobs."),
    ] = None,
    num_hpc_jobs: Annotated[
        int, Parameter(name=["--num-hpc-jobs", "-n"], help="Number of HPC jobs to submit.")
    ] = 1,
    output: Annotated[
        str,
        Parameter(
            name=["--output", "-o", "--output-dir"],
            help="Output directory for job output files (it must be visible from the compute "
            "nodes).",
        ),
    ] = "output",
    poll_interval: Annotated[
        int, Parameter(name=["--poll-interval", "-p"], help="Poll interval in seconds.")
    ] = 60,
    scheduler_config_id: Annotated[
        int | None,
        Parameter(
            help="Scheduler config ID (optional when the workflow has exactly one Slurm config)."
        ),
    ] = None,
    start_one_worker_per_node: Annotated[
        bool, Parameter(negative=(), help="Start one worker per node.")
    ] = False,
) -> None:
    """Schedule compute nodes using Slurm: submit allocations whose runners run the workflow's
    jobs, each recorded as a scheduled compute node."""
    from torc_cli.commands.submit import require_slurm, slurm_credentials
    from torc_runner.slurm.submit import SubmissionError
    from torc_runner.slurm.submit import schedule_nodes as submit_allocations

    if num_hpc_jobs < 1:
        raise CliError("--num-hpc-jobs must be at least 1")
    workflow_id = selection.workflow_id(workflow_id)
    api = session.get().api
    if scheduler_config_id is None:
        scheduler_config_id = _only_scheduler(api, workflow_id)
    require_slurm()
    output_dir = Path(output).resolve()
    try:
        allocations = submit_allocations(
            api,
            workflow_id,
            scheduler_config_id,
            num_hpc_jobs,
            output_dir,
            job_prefix=job_prefix,
            keep_submission_scripts=keep_submission_scripts,
            max_parallel_jobs=max_parallel_jobs,
            poll_interval=poll_interval,
            start_one_worker_per_node=start_one_worker_per_node,
            credentials=slurm_credentials(),
        )
    except SubmissionError as exc:
        done = ""
        if exc.submitted:
            jobs = ", ".join(str(a.slurm_job_id) for a in exc.submitted)
            done = f" ({len(exc.submitted)} of {num_hpc_jobs} submitted before: Slurm jobs {jobs})"
        raise CliError(f"{exc}{done}") from None
    jobs = ", ".join(str(a.slurm_job_id) for a in allocations)
    display.show_result(
        f"Submitted {len(allocations)} Slurm allocation{'s' if len(allocations) != 1 else ''} "
        f"for workflow {workflow_id} (Slurm jobs {jobs}); output in {output_dir}",
        {
            "workflow_id": workflow_id,
            "scheduler_config_id": scheduler_config_id,
            "output_dir": str(output_dir),
            "allocations": [
                {
                    "slurm_job_id": a.slurm_job_id,
                    "scheduled_compute_node_id": a.scheduled_compute_node_id,
                    "job_name": a.job_name,
                    "script": str(a.script) if a.script else None,
                }
                for a in allocations
            ],
        },
    )


def _only_scheduler(api: object, workflow_id: int) -> int:
    """The workflow's one Slurm scheduler config; a clear line when there are none or several."""
    schedulers = list(api.iter_slurm_schedulers(workflow_id))  # type: ignore[attr-defined]
    if len(schedulers) == 1:
        return int(schedulers[0].id)
    if not schedulers:
        raise CliError(
            f"workflow {workflow_id} has no Slurm scheduler config: add one with "
            f"`torc slurm create {workflow_id} --name NAME --account ACCOUNT`"
        )
    listed = ", ".join(f"{s.id} ({s.name})" for s in schedulers)
    raise CliError(
        f"workflow {workflow_id} has {len(schedulers)} Slurm scheduler configs ({listed}): "
        "choose one with --scheduler-config-id"
    )
