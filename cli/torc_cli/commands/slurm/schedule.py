"""`torc slurm schedule-nodes`: submit Slurm allocations whose runners work on a workflow."""

from __future__ import annotations

from typing import Annotated

from cyclopts import Parameter

from torc_cli.commands.slurm.group import SLURM_NOT_AVAILABLE, app
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
        Parameter(name=["--output", "-o"], help="Output directory for job output files."),
    ] = "output",
    poll_interval: Annotated[
        int, Parameter(name=["--poll-interval", "-p"], help="Poll interval in seconds.")
    ] = 60,
    scheduler_config_id: Annotated[int | None, Parameter(help="Scheduler config ID.")] = None,
    start_one_worker_per_node: Annotated[
        bool, Parameter(negative=(), help="Start one worker per node.")
    ] = False,
) -> None:
    """Schedule compute nodes using Slurm (not available yet: arrives with Slurm support)."""
    raise CliError(f"torc slurm schedule-nodes is {SLURM_NOT_AVAILABLE}")
