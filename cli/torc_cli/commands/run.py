"""`torc run` and `torc exec`: run a workflow's jobs on this machine."""

from __future__ import annotations

import asyncio
import logging
import shlex
import signal
import socket
import time
from pathlib import Path
from typing import Annotated

from cyclopts import Parameter

from torc_cli import output, session
from torc_cli.session import CliError


def workflow_from(spec_or_id: str) -> int:
    """A workflow id as given, or the id of a workflow created from a spec file."""
    if spec_or_id.isdigit():
        return int(spec_or_id)
    path = Path(spec_or_id)
    if not path.exists():
        raise CliError(f"{spec_or_id} is neither a workflow id nor an existing spec file")
    from torc.spec import SpecError, create_workflow_from_spec

    try:
        created = create_workflow_from_spec(session.get().api, path)
    except SpecError as exc:
        raise CliError(str(exc)) from None
    workflow_id = created.workflow.id
    output.message(f"Created workflow {workflow_id}")
    return workflow_id


def run_workflow(
    workflow_id: int,
    *,
    max_parallel_jobs: int | None,
    num_cpus: int | None,
    memory_gb: float | None,
    num_gpus: int | None,
    poll_interval: float,
    output_dir: Path | None,
    no_resource_monitoring: bool = False,
    force: bool = False,
) -> int:
    """Initialize when needed, then run jobs until the workflow is done; the exit code: 0 when
    every job of the workflow completed, 128 + N when signal N stopped the run, else 1."""
    from torc.manager import WorkflowNotReady, initialize_if_needed
    from torc_cli.summary import status_counts
    from torc_runner import logs
    from torc_runner.progress import Progress
    from torc_runner.resources import Resources
    from torc_runner.runner import JobRunner, RunnerOptions, install_signal_handlers

    current = session.get()
    api = current.api
    started = time.monotonic()
    try:
        initialize_if_needed(api, workflow_id, force=force)
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    directory = output_dir or (Path("torc_output") if current.standalone else Path("output"))
    options = RunnerOptions(
        output_dir=directory.resolve(),
        resources=Resources.detect(num_cpus, memory_gb, num_gpus),
        poll_interval=poll_interval,
        max_parallel_jobs=max_parallel_jobs,
        no_resource_monitoring=no_resource_monitoring,
    )
    run_id = api.get_workflow_status(workflow_id).run_id
    before = status_counts(api, workflow_id)
    handler = _log_to(
        logs.runner_log(options.output_dir, socket.gethostname(), workflow_id, run_id)
    )
    progress = Progress()
    runner = JobRunner(api, workflow_id, options, progress=progress)

    async def main() -> None:
        install_signal_handlers(runner)
        await runner.run()

    # asyncio puts SIGINT and SIGTERM back to their defaults when its loop closes; keep ours
    saved = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(main())
    finally:
        for signum, previous in saved.items():
            if previous is not None:
                signal.signal(signum, previous)
        progress.finish()
        logging.getLogger("torc").removeHandler(handler)
        handler.close()
    counts = status_counts(api, workflow_id)
    elapsed = time.monotonic() - started
    finished = sum(counts[s] for s in _DONE) - sum(before[s] for s in _DONE)
    rate = max(finished, 0) / max(elapsed, 1e-9)
    total = sum(counts.values())
    succeeded = counts["completed"] + counts["disabled"] == total
    if runner.stop_signal is not None:
        code = 128 + runner.stop_signal
    elif runner.stopped:
        code = 1
    else:
        code = 0 if succeeded else 1
    if current.json:
        output.emit_json(
            {
                "workflow_id": workflow_id,
                "run_id": run_id,
                "total": total,
                **counts,
                "retried": runner.stats.retried,
                "elapsed_seconds": round(elapsed, 3),
                "jobs_per_second": round(rate, 3),
                "stopped": runner.stopped,
                "exit_code": code,
            }
        )
    else:
        print(summary_line(workflow_id, counts, runner.stats.retried, elapsed, rate))
    return code


_FINISHED = ("completed", "failed", "canceled", "terminated", "pending_failed")
_DONE = ("completed", "failed", "canceled", "pending_failed")  # terminated jobs run again


def summary_line(
    workflow_id: int, counts: dict[str, int], retried: int, elapsed: float, rate: float
) -> str:
    """`Workflow 3: 8 completed, 1 failed, 3 canceled in 4.2 s (2.9 jobs/s)`: every status with
    jobs in it (completed always), then how long the run took."""
    order = [*_FINISHED, *(s for s in counts if s not in _FINISHED)]
    parts = [
        f"{counts[status]} {status.replace('_', ' ')}"
        for status in order
        if counts.get(status) or status == "completed"
    ]
    if retried:
        parts.append(f"{retried} retried")
    return f"Workflow {workflow_id}: {', '.join(parts)} in {elapsed:.1f} s ({rate:.1f} jobs/s)"


def _log_to(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("torc")
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
        for console in logging.getLogger().handlers:  # keep the console at its own level
            console.setLevel(max(console.level, logging.getLogger().level))
    return handler


def run(
    workflow_spec_or_id: str,
    *,
    max_parallel_jobs: Annotated[
        int | None, Parameter(help="Run up to this many jobs at once, ignoring their resources.")
    ] = None,
    num_cpus: Annotated[
        int | None, Parameter(help="CPUs available (default: this machine's).")
    ] = None,
    memory_gb: Annotated[
        float | None, Parameter(help="Memory in GB (default: this machine's).")
    ] = None,
    num_gpus: Annotated[int | None, Parameter(help="GPUs available (default: detected).")] = None,
    poll_interval: Annotated[
        float,
        Parameter(name=["--poll-interval", "-p"], help="Longest wait between claims, seconds."),
    ] = 5.0,
    output_dir: Annotated[
        Path | None, Parameter(name=["--output-dir", "-o"], help="Output directory for jobs.")
    ] = None,
    no_resource_monitoring: Annotated[
        bool, Parameter(negative=(), help="Do not monitor job CPU and memory use.")
    ] = False,
) -> int:
    """Run a workflow locally (create it from a spec file, or run an existing one by ID)."""
    workflow_id = workflow_from(workflow_spec_or_id)
    return run_workflow(
        workflow_id,
        max_parallel_jobs=max_parallel_jobs,
        num_cpus=num_cpus,
        memory_gb=memory_gb,
        num_gpus=num_gpus,
        poll_interval=poll_interval,
        output_dir=output_dir,
        no_resource_monitoring=no_resource_monitoring,
    )


def exec_(
    commands: Annotated[
        list[str] | None, Parameter(help="A command to run (with its arguments).")
    ] = None,
    *,
    commands_file: Annotated[
        Path | None,
        Parameter(name=["--commands-file", "-C"], help="A file with one command per line."),
    ] = None,
    jobs: Annotated[
        int | None, Parameter(name=["--jobs", "-j"], help="Commands to run at once.")
    ] = None,
    name: Annotated[str, Parameter(help="Name of the workflow.")] = "exec",
    output_dir: Annotated[
        Path | None, Parameter(name=["--output-dir", "-o"], help="Output directory for jobs.")
    ] = None,
) -> int:
    """Run a list of independent commands as a workflow (one job per command)."""
    lines: list[str] = []
    if commands_file is not None:
        try:
            text = commands_file.read_text()
        except OSError as exc:
            raise CliError(f"cannot read {commands_file}: {exc.strerror}") from None
        lines = [
            line.strip()
            for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        ]
    elif commands:
        lines = [shlex.join(commands)] if len(commands) > 1 else list(commands)
    if not lines:
        raise CliError("nothing to run: give a command, or a file of commands with -C")
    import getpass

    width = len(str(len(lines)))
    body = {
        "name": name,
        "user": getpass.getuser(),
        "description": f"{len(lines)} commands run with torc exec",
        "jobs": [
            {"name": f"command_{i:0{width}d}", "command": line} for i, line in enumerate(lines, 1)
        ],
    }
    created = session.get().api.create_workflow_from_spec(body)
    output.message(f"Created workflow {created.workflow.id} with {len(lines)} jobs")
    return run_workflow(
        created.workflow.id,
        max_parallel_jobs=jobs,
        num_cpus=None,
        memory_gb=None,
        num_gpus=None,
        poll_interval=5.0,
        output_dir=output_dir,
    )


COMMANDS = [run, exec_]
