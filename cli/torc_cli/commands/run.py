"""`torc run` and `torc exec`: run a workflow's jobs on this machine."""

from __future__ import annotations

import dataclasses
import logging
import shlex
import signal
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from cyclopts import Parameter

from torc_cli import config, output, session
from torc_cli.session import CliError

if TYPE_CHECKING:
    from torc.manager import CreatedWorkflow


def names_workflow(spec_or_id: str) -> bool:
    """Whether the argument is a workflow's id (else a spec file's path)."""
    return spec_or_id.isdigit()


def workflow_from(spec_or_id: str) -> int:
    """A workflow id as given, or the id of a workflow created from a spec file."""
    if names_workflow(spec_or_id):
        return int(spec_or_id)
    return create_from(spec_or_id).workflow.id


def create_from(spec_path: str, warm_up: Sequence[str] = ()) -> CreatedWorkflow:
    """Create a workflow from a spec file; what the server answered. While the server creates
    it, the modules `warm_up` names are imported, one at a time until the answer has come (a
    run imports the job runner's: it needs them next)."""
    path = Path(spec_path)
    if not path.exists():
        raise CliError(f"{spec_path} is neither a workflow id nor an existing spec file")
    from torc.spec import SpecError, load_spec
    from torc.spec.create import check, send_spec

    try:
        # read before the server is first needed: a standalone server starts meanwhile
        spec = load_spec(path)
        check(spec)
    except SpecError as exc:
        raise CliError(str(exc)) from None
    created = _created(send_spec(session.get().api, spec), warm_up)
    output.message(f"Created workflow {created.workflow.id}")
    return created


def _created(sent: Any, warm_up: Sequence[str]) -> CreatedWorkflow:
    """The answer to a workflow's creation that was sent (`send_json`), read once the modules
    `warm_up` names are imported or the answer has come, whichever is first."""
    _import_until(sent.ready, warm_up)
    from torc.manager import CreatedWorkflow
    from torc_client.models import CreateWorkflowFromSpecResponse

    return CreatedWorkflow.from_answer(CreateWorkflowFromSpecResponse.from_dict(sent.answer()))


RUNNER_MODULES = (
    *("asyncio", "concurrent.futures.thread", "psutil", "ctypes", "sqlite3"),
    *("torc_runner.job_process", "torc_runner.monitor", "torc_runner.actions"),
    *("torc_runner.runner", "torc_runner.progress", "torc_runner.log_file"),
    *("torc_runner.oversized", "torc_cli.summary", "torc_cli.interrupts"),
)
"""What a run imports once the workflow exists, in the order they import each other: a module
at a time while the server is busy (`_import_until`)."""


def _import_until(ready: Callable[[], bool], modules: Sequence[str]) -> None:
    """Import `modules`, one at a time, until `ready()` (an answer has come): the client's
    imports overlap the server's work instead of following it."""
    import importlib

    for name in modules:
        if ready():
            return
        importlib.import_module(name)


@dataclass(frozen=True)
class RunSettings:
    """What a run uses: each value from its flag when given, else from `[client.run]` of the
    configuration (its `TORC_CLIENT__RUN__*` variables, the TORC_CONFIG file, ./torc.toml, the
    user's and the system's files), else the built-in default."""

    poll_interval: float
    output_dir: Path
    max_parallel_jobs: int | None  # None: schedule by the jobs' resource requirements
    num_cpus: int | None  # None: this machine's (likewise memory and GPUs)
    memory_gb: float | None
    num_gpus: int | None
    sources: dict[str, str] = field(default_factory=dict)
    """Key -> where its value came from: "command line", a file, "environment variable X",
    "default"."""

    def describe(self, resources: Any) -> str:
        """One line for the runner's log: each setting in force and its source."""
        values = {
            "output_dir": self.output_dir.resolve(),
            "poll_interval": self.poll_interval,
            "max_parallel_jobs": self.max_parallel_jobs,
            "num_cpus": resources.num_cpus,
            "memory_gb": round(resources.memory_gb, 3),
            "num_gpus": resources.num_gpus,
        }
        return ", ".join(
            f"{key}={'none' if value is None else value} ({self.sources.get(key, 'default')})"
            for key, value in values.items()
        )


def default_output_dir() -> Path:
    """`client.run.output_dir` of the configuration, else `output` (`torc_output` in standalone
    mode, next to the standalone server's database)."""
    configured = config.run_defaults().output_dir
    if configured is not None:
        return configured
    return Path("torc_output") if session.get().standalone else Path("output")


def settings(
    *,
    poll_interval: float | None = None,
    output_dir: Path | None = None,
    max_parallel_jobs: int | None = None,
    num_cpus: int | None = None,
    memory_gb: float | None = None,
    num_gpus: int | None = None,
) -> RunSettings:
    """The flags (None: not given) over the configuration over the defaults; a flag out of its
    key's range (the ones `torc config validate` checks) is an error."""
    flags: dict[str, Any] = {
        "output_dir": output_dir,
        "poll_interval": poll_interval,
        "max_parallel_jobs": max_parallel_jobs,
        "num_cpus": num_cpus,
        "memory_gb": memory_gb,
        "num_gpus": num_gpus,
    }
    for key, value in flags.items():
        problem = config.flag_problem("client.run." + key, value)
        if problem:
            raise CliError(f"--{key.replace('_', '-')} {problem}")
    configured = config.run_defaults()
    origins = config.current().origins
    chosen: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, flag in flags.items():
        setting = getattr(configured, key)
        if flag is not None:
            chosen[key], sources[key] = flag, "command line"
        elif setting is not None:
            chosen[key] = setting
            sources[key] = origins.get(f"client.run.{key}", "default")
        else:
            chosen[key], sources[key] = None, "default"
    if chosen["output_dir"] is None:
        chosen["output_dir"] = default_output_dir()
    for key in ("num_cpus", "memory_gb", "num_gpus"):
        if chosen[key] is None:
            sources[key] = "detected"
    return RunSettings(**chosen, sources=sources)


def run_workflow(
    workflow_id: int,
    run: RunSettings,
    *,
    no_resource_monitoring: bool = False,
    force: bool = False,
    created: CreatedWorkflow | None = None,
) -> int:
    """Initialize when needed, then run jobs until the workflow is done; the exit code: 0 when
    every job of the workflow completed, 128 + N when signal N stopped the run, else 1.
    `created`: this command created the workflow from a spec (what the server answered), so
    none of its jobs has finished before the run (a spec sets no job's status), and what the
    answer tells is not asked again."""
    from torc.manager import WorkflowNotReady, begin_run

    current = session.get()
    api = current.api
    started = time.monotonic()
    try:
        starting = begin_run(api, workflow_id, force=force, created=created)
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    # the server initializes the jobs meanwhile
    import asyncio

    from torc.pagination import iter_json_pages
    from torc_cli import interrupts
    from torc_cli.summary import status_counts
    from torc_runner import logs
    from torc_runner.progress import Progress
    from torc_runner.resources import Resources
    from torc_runner.runner import JobRunner, Known, RunnerOptions, install_signal_handlers

    options = RunnerOptions(
        output_dir=run.output_dir.resolve(),
        resources=Resources.detect(run.num_cpus, run.memory_gb, run.num_gpus),
        poll_interval=run.poll_interval,
        max_parallel_jobs=run.max_parallel_jobs,
        no_resource_monitoring=no_resource_monitoring,
    )
    start = starting()
    # the runner's too
    requirements = list(iter_json_pages(api, "/resource_requirements", workflow_id=workflow_id))
    if options.max_parallel_jobs is None:  # with a job count, requirements are not checked
        from torc_runner import oversized

        problem = oversized.shortfalls(api, workflow_id, options.resources, requirements)
        if problem is not None:
            raise CliError(problem)
    run_id = start.run_id
    if run_id is None:
        run_id = api.get_workflow_status(workflow_id).run_id
    # only these count in the summary
    before = (
        dict.fromkeys(_DONE, 0) if created is not None else status_counts(api, workflow_id, _DONE)
    )
    handler = _log_to(
        logs.runner_log(options.output_dir, socket.gethostname(), workflow_id, run_id)
    )
    logging.getLogger("torc.run").info(
        "workflow %s, run %s: %s", workflow_id, run_id, run.describe(options.resources)
    )
    progress = Progress()
    known = Known(run_id=run_id, files=start.files, resource_requirements=requirements)
    if created is not None:
        known = dataclasses.replace(
            known,
            workflow=created.workflow,
            user_data=None if created.has_user_data else [],
            job_count=created.job_count,
            actions=None if created.has_actions else [],
            new=start.initialized,
        )
    runner = JobRunner(api, workflow_id, options, progress=progress, known=known)

    async def main() -> None:
        install_signal_handlers(runner)
        signum = interrupts.pending()
        if signum is not None:  # arrived before the runner took over, and Python lost it
            interrupts.clear()
            runner.request_stop(f"received {signal.Signals(signum).name}", signum)
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
    from torc_runner.log_file import RunnerLogFile

    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RunnerLogFile(path)
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("torc")
    logger.addHandler(handler)
    if logger.getEffectiveLevel() > logging.INFO:
        logger.setLevel(logging.INFO)
        for console in logging.getLogger().handlers:  # keep the console at its own level
            console.setLevel(max(console.level, logging.getLogger().level))
    return handler


# The options `[client.run]` can set default to None ("not given": the configuration decides);
# their help shows the key and the built-in default instead (`torc workflows run` too).
SHOWN_DEFAULTS = {
    "max_parallel_jobs": "client.run.max_parallel_jobs, else none: jobs are scheduled by resources",
    "num_cpus": "client.run.num_cpus, else this machine's",
    "memory_gb": "client.run.memory_gb, else this machine's",
    "num_gpus": "client.run.num_gpus, else detected",
    "poll_interval": "client.run.poll_interval, else 5.0",
    "output_dir": "client.run.output_dir, else output (torc_output with -s)",
}
MAX_PARALLEL_JOBS = Parameter(
    help="Maximum number of jobs to run at once, ignoring their resource requirements.",
    show_default=SHOWN_DEFAULTS["max_parallel_jobs"],
)
NUM_CPUS = Parameter(help="Number of CPUs available.", show_default=SHOWN_DEFAULTS["num_cpus"])
MEMORY_GB = Parameter(help="Memory in GB.", show_default=SHOWN_DEFAULTS["memory_gb"])
NUM_GPUS = Parameter(help="Number of GPUs available.", show_default=SHOWN_DEFAULTS["num_gpus"])
POLL_INTERVAL = Parameter(
    name=["--poll-interval", "-p"],
    help="Job completion poll interval in seconds (the longest wait between claims).",
    show_default=SHOWN_DEFAULTS["poll_interval"],
)
OUTPUT_DIR = Parameter(
    name=["--output-dir", "-o"],
    help="Output directory for job logs and results.",
    show_default=SHOWN_DEFAULTS["output_dir"],
)


def run(
    workflow_spec_or_id: Annotated[
        str,
        Parameter(help="Path to a workflow spec file (YAML, JSON, JSON5 or KDL) or a workflow ID."),
    ],
    output_directory: Annotated[
        Path | None,
        Parameter(
            name=[], help="Output directory for job logs and results (instead of the option)."
        ),
    ] = None,
    *,
    max_parallel_jobs: Annotated[int | None, MAX_PARALLEL_JOBS] = None,
    num_cpus: Annotated[int | None, NUM_CPUS] = None,
    memory_gb: Annotated[float | None, MEMORY_GB] = None,
    num_gpus: Annotated[int | None, NUM_GPUS] = None,
    poll_interval: Annotated[float | None, POLL_INTERVAL] = None,
    output_dir: Annotated[Path | None, OUTPUT_DIR] = None,
    no_resource_monitoring: Annotated[
        bool, Parameter(negative=(), help="Do not monitor job CPU and memory use.")
    ] = False,
) -> int:
    """Run a workflow locally (create it from a spec file, or run an existing one by ID)."""
    if output_directory is not None:
        if output_dir is not None and output_dir != output_directory:
            raise CliError(
                f"two output directories given ({output_directory} and --output-dir "
                f"{output_dir}); give one"
            )
        output_dir = output_directory
    chosen = settings(
        poll_interval=poll_interval,
        output_dir=output_dir,
        max_parallel_jobs=max_parallel_jobs,
        num_cpus=num_cpus,
        memory_gb=memory_gb,
        num_gpus=num_gpus,
    )
    if names_workflow(workflow_spec_or_id):
        workflow_id, created = int(workflow_spec_or_id), None
    else:
        created = create_from(workflow_spec_or_id, warm_up=RUNNER_MODULES)
        workflow_id = created.workflow.id
    return run_workflow(
        workflow_id, chosen, no_resource_monitoring=no_resource_monitoring, created=created
    )


def exec_(
    commands: Annotated[
        list[str] | None,
        Parameter(negative=(), help="A command to run (with its arguments)."),
    ] = None,
    *,
    commands_file: Annotated[
        Path | None,
        Parameter(name=["--commands-file", "-C"], help="A file with one command per line."),
    ] = None,
    jobs: Annotated[
        int | None,
        Parameter(
            name=["--jobs", "-j"],
            help="Maximum number of commands to run at once.",
            show_default="client.run.max_parallel_jobs, else as many as the CPUs allow",
        ),
    ] = None,
    name: Annotated[str, Parameter(help="Name of the workflow.")] = "exec",
    output_dir: Annotated[Path | None, OUTPUT_DIR] = None,
) -> int:
    """Run a list of independent commands as a workflow (one job per command). The other
    settings of client.run (poll_interval, num_cpus, memory_gb, num_gpus) apply too."""
    if jobs is not None and jobs < 1:
        raise CliError(f"--jobs must be at least 1, not {jobs}")
    chosen = settings(output_dir=output_dir, max_parallel_jobs=jobs)
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
    from torc.spec.create import CREATE_TIMEOUT

    sent = session.get().api.send_json(
        "POST",
        "/workflow_specs",
        body,
        timeout=CREATE_TIMEOUT,
        operation="create_workflow_from_spec",
    )
    created = _created(sent, RUNNER_MODULES)
    output.message(f"Created workflow {created.workflow.id} with {len(lines)} jobs")
    return run_workflow(created.workflow.id, chosen, created=created)


COMMANDS = [run, exec_]
