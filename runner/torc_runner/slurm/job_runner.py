"""`torc-slurm-job-runner`: the job runner inside a Slurm allocation.

It is `torc run`'s runner (same claiming, reporting, monitoring and failure handling) with what
an allocation adds: the resources come from Slurm's variables, the jobs must end before the
allocation does (less the workflow's expiration buffer), jobs still running then are terminated
and requeued for the next allocation, and the allocation's scheduled compute node record goes
from pending to active to complete. Credentials come from TORC_USERNAME and TORC_PASSWORD,
never from the command line (where other users of the node could read them).

Exit codes: 0 when the runner ended normally (the workflow is done, no new jobs came, the
allocation's time ran out, or Slurm sent SIGTERM), whatever the jobs' outcome; 1 when it could not
run (the server unreachable, no such workflow, not inside an allocation); 2 for bad arguments;
130 after SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from torc import ApiError, DefaultApi, make_api
from torc_runner import logs
from torc_runner.actions import HANDLED
from torc_runner.slurm import allocation as slurm_allocation
from torc_runner.slurm import jitter, tools
from torc_runner.slurm.allocation import Allocation, AllocationError

PROG = "torc-slurm-job-runner"
DEFAULT_POLL_INTERVAL = 60.0
DEFAULT_OUTPUT_DIR = "output"
DEFAULT_WAIT_FOR_SERVER_SECONDS = 20 * 60.0
"""The workflow's `compute_node_wait_for_healthy_database_minutes` default: the workflow cannot
be read before the server answers."""
SLURM_ACTIONS = HANDLED | {"schedule_nodes"}
SCHEDULED_NODE_TRIES = 5
TERMINATION_GRACE_SECONDS = 30.0
"""Between SIGTERM and SIGKILL to running jobs at the deadline."""

log = logging.getLogger("torc.slurm.runner")


class StartupError(RuntimeError):
    """The runner cannot start; the message says why, in one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive(kind: type) -> Any:
    def convert(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"{text} is negative")
        return value

    convert.__name__ = kind.__name__
    return convert


def parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog=PROG,
        description="Run a workflow's jobs inside a Slurm allocation (started by the sbatch "
        "script that torc slurm schedule-nodes writes). Credentials: TORC_USERNAME and "
        "TORC_PASSWORD.",
    )
    p.add_argument(
        "positionals",
        nargs="+",
        metavar="[URL] WORKFLOW_ID [OUTPUT_DIR]",
        help="The torc server's API URL (e.g. http://host:8080/torc-service/v1; default: "
        "$TORC_API_URL), the workflow whose jobs to run, and the directory for job and "
        f"runner logs (default: {DEFAULT_OUTPUT_DIR}).",
    )
    p.add_argument(
        "-p",
        "--poll-interval",
        type=_positive(float),
        default=DEFAULT_POLL_INTERVAL,
        help="Longest wait in seconds between claims for new jobs (default: %(default)s).",
    )
    p.add_argument(
        "--max-parallel-jobs",
        type=_positive(int),
        help="Run at most this many jobs at once, ignoring their resource requirements.",
    )
    p.add_argument(
        "--startup-delay-seconds",
        type=_positive(float),
        default=0.0,
        help="Window in seconds over which runners starting together spread their first "
        "request; this runner waits a delay within it derived from its host, Slurm job, node "
        "and process (default: %(default)s, no delay).",
    )
    p.add_argument(
        "--is-subtask",
        action="store_true",
        help="One of several runners on a node (started by srun): offer this task's CPUs "
        "(SLURM_CPUS_PER_TASK) and its share of the node's memory.",
    )
    p.add_argument("--num-cpus", type=_positive(int), help="CPUs to offer (default: Slurm's).")
    p.add_argument("--memory-gb", type=_positive(float), help="Memory in GB (default: Slurm's).")
    p.add_argument("--num-gpus", type=_positive(int), help="GPUs to offer (default: Slurm's).")
    p.add_argument(
        "--scheduler-config-id",
        type=int,
        help="Claim only jobs bound to this Slurm scheduler (default: the scheduler the "
        "allocation was submitted with; jobs bound to none are claimed too).",
    )
    p.add_argument(
        "--wait-for-server-seconds",
        type=_positive(float),
        default=DEFAULT_WAIT_FOR_SERVER_SECONDS,
        help="How long to keep trying to reach the server at startup (default: %(default)s).",
    )
    p.add_argument(
        "--log-level",
        default="info",
        choices=["debug", "info", "warning", "error"],
        help="Level of the runner's log file (default: %(default)s).",
    )
    return p


def _split_positionals(p: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`URL WORKFLOW_ID OUTPUT_DIR` as sbatch scripts give them; the URL may be left to
    $TORC_API_URL and the output directory to its default."""
    given = list(args.positionals)
    url = given.pop(0) if given[0].startswith(("http://", "https://")) else None
    url = url or os.environ.get("TORC_API_URL")
    if not given:
        p.error("the workflow id is missing")
    if url is None:
        p.error("no server URL: give it before the workflow id, or set TORC_API_URL")
    if not given[0].isdigit():
        p.error(f"the workflow id must be a whole number, not {given[0]!r}")
    if len(given) > 2:
        p.error(f"unexpected argument {given[2]!r}")
    args.url, args.workflow_id = url, int(given[0])
    args.output_dir = Path(given[1] if len(given) > 1 else DEFAULT_OUTPUT_DIR)


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    _split_positionals(p, args)
    try:
        return run(args)
    except (StartupError, AllocationError, tools.SlurmError, ApiError) as exc:
        if logging.getLogger("torc").handlers:  # the log file's last line
            log.error("%s", exc, extra={"console": False})
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1


def run(args: argparse.Namespace) -> int:
    alloc = Allocation.from_environment(is_subtask=args.is_subtask)
    output_dir: Path = args.output_dir.resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    pid = os.getpid()
    tag = logs.slurm_tag(alloc.job_id, alloc.hostname, pid)
    _log_to(logs.slurm_runner_log(output_dir, tag), args.log_level)
    _write_slurm_env(logs.slurm_env_log(output_dir, tag))
    log.info(
        "%s %s: workflow %s, Slurm job %s, node %s (%s), pid %s",
        PROG,
        args.url,
        args.workflow_id,
        alloc.job_id,
        alloc.node_id,
        alloc.hostname,
        pid,
    )
    delay = jitter.startup_delay(
        args.startup_delay_seconds, alloc.hostname, alloc.job_id, alloc.node_id, pid
    )
    if delay > 0:
        log.info("startup delay %.2f s (window %.0f s)", delay, args.startup_delay_seconds)
        time.sleep(delay)
    started = time.time()
    try:
        api = make_api(args.url)
    except ValueError as exc:
        raise StartupError(str(exc)) from None
    wait_for_server(api, args.wait_for_server_seconds)
    workflow = _workflow(api, args.workflow_id)
    scheduled = scheduled_node(api, args.workflow_id, alloc.job_id)
    buffer = slurm_allocation.expiration_buffer(
        _value(workflow.compute_node_expiration_buffer_seconds)
    )
    allocation_end = slurm_allocation.end_time(alloc.job_id)
    end = slurm_allocation.runner_end_time(allocation_end, buffer)
    if allocation_end is None:
        log.info("the allocation has no time limit")
    else:
        log.info(
            "the allocation ends at %s; jobs must end by %s (expiration buffer %.0f s)",
            _clock(allocation_end),
            _clock(end),
            buffer,
        )
        if end - TERMINATION_GRACE_SECONDS <= time.time():
            log.warning(
                "the allocation ends in %.0f s, within the workflow's expiration buffer (%.0f s) "
                "plus the %.0f s termination grace: no job can run in it",
                allocation_end - time.time(),
                buffer,
                TERMINATION_GRACE_SECONDS,
            )
    if alloc.is_head and scheduled is not None:
        _set_status(api, scheduled, "active")
    try:
        runner = _make_runner(api, args, alloc, scheduled, end, tag, output_dir)
        stats = asyncio.run(_run(runner))
    finally:
        if alloc.is_head and scheduled is not None:
            _set_status(api, scheduled, "complete")
    log.info(
        "done: %s completed, %s failed, %s terminated, %s canceled",
        stats.completed,
        stats.failed,
        stats.terminated,
        stats.canceled,
    )
    _capture_dmesg(logs.dmesg_log(output_dir, tag), since=started)
    if runner.stop_signal == signal.SIGINT:
        return 128 + signal.SIGINT
    return 0


def _make_runner(
    api: DefaultApi,
    args: argparse.Namespace,
    alloc: Allocation,
    scheduled: Any | None,
    end: float | None,
    tag: str,
    output_dir: Path,
) -> Any:
    from torc_runner.runner import JobRunner, RunnerOptions

    config_id = args.scheduler_config_id
    if config_id is None and scheduled is not None:
        config_id = scheduled.scheduler_config_id
    scheduler: dict[str, Any] = {"type": "slurm", "slurm_job_id": alloc.job_id}
    if scheduled is not None:
        scheduler["scheduler_id"] = scheduled.id
    resources = alloc.resources(args.num_cpus, args.memory_gb, args.num_gpus)
    log.info(
        "offering %s CPUs, %.3f GB memory, %s GPUs on %s node(s)",
        resources.num_cpus,
        resources.memory_gb,
        resources.num_gpus,
        resources.num_nodes,
    )
    options = RunnerOptions(
        output_dir=output_dir,
        resources=resources,
        poll_interval=args.poll_interval,
        max_parallel_jobs=args.max_parallel_jobs,
        end_time=end,
        compute_node_type="slurm",
        scheduler=scheduler,
        scheduler_config_id=config_id,
        strict_scheduler_match=args.scheduler_config_id is not None,
        hostname=alloc.hostname,
        log_label=tag,
        termination_grace_seconds=TERMINATION_GRACE_SECONDS,
        requeue_terminated=True,
        actions=SLURM_ACTIONS,
    )
    return JobRunner(api, args.workflow_id, options)


async def _run(runner: Any) -> Any:
    """SIGTERM (Slurm's `--signal`, scancel) stops the runner as its deadline would: running jobs
    are terminated and requeued, and the runner exits."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(
            signum, runner.request_stop, f"received {signal.Signals(signum).name}", signum
        )
    return await runner.run()


def wait_for_server(api: DefaultApi, limit: float) -> None:
    """Until the server answers, trying again after 1, 2, 4 ... 30 s; an error naming the URL
    when it has not answered within `limit` seconds."""
    give_up = time.monotonic() + limit
    pause = 1.0
    warned = False
    while True:
        try:
            api.ping()
        except ApiError as exc:
            if exc.status is not None:
                raise
            if time.monotonic() + pause > give_up:
                raise StartupError(f"no answer within {limit:.0f} s: {exc}") from None
            if not warned:
                log.warning("cannot reach the torc server at %s; trying again", api.url)
                warned = True
            time.sleep(pause)
            pause = min(pause * 2, 30.0)
        else:
            if warned:
                log.info("the torc server at %s answers", api.url)
            return


def scheduled_node(
    api: DefaultApi, workflow_id: int, slurm_job_id: str, tries: int = SCHEDULED_NODE_TRIES
) -> Any | None:
    """The scheduled compute node recorded when this allocation was submitted; None for a runner
    started in an allocation torc did not submit. The submitter records it just after sbatch
    answers, so an allocation that starts at once may look before it is there: look again."""
    for attempt in range(tries):
        found = api.list_scheduled_compute_nodes(workflow_id, scheduler_id=slurm_job_id).items
        if found:
            break
        if attempt + 1 < tries:
            time.sleep(1.0)
    if not found:
        log.warning(
            "workflow %s has no scheduled compute node for Slurm job %s",
            workflow_id,
            slurm_job_id,
        )
        return None
    if len(found) > 1:
        log.warning("%s scheduled compute nodes for Slurm job %s", len(found), slurm_job_id)
    return found[0]


def _workflow(api: DefaultApi, workflow_id: int) -> Any:
    try:
        return api.get_workflow(workflow_id)
    except ApiError as exc:
        if exc.status == 404:
            raise StartupError(f"the server at {api.url} has no workflow {workflow_id}") from None
        raise


def _set_status(api: DefaultApi, node: Any, status: str) -> None:
    body = {
        "workflow_id": node.workflow_id,
        "scheduler_id": node.scheduler_id,
        "scheduler_config_id": node.scheduler_config_id,
        "scheduler_type": node.scheduler_type,
        "status": status,
    }
    try:
        api.update_scheduled_compute_node(node.id, body)
        log.info("scheduled compute node %s is %s", node.id, status)
    except ApiError as exc:
        log.warning("could not mark scheduled compute node %s %s: %s", node.id, status, exc)


def _write_slurm_env(path: Path) -> None:
    """Slurm's variables as this runner saw them: what the allocation was given."""
    lines = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("SLURM")]
    path.write_text("\n".join(lines) + "\n")


def _capture_dmesg(path: Path, since: float) -> None:
    """The kernel's messages since an hour before the runner started (OOM kills, hardware
    errors), for `torc reports results` and whoever debugs a failed job; where dmesg is not
    allowed, what it said."""
    minutes = int((time.time() - since) / 60) + 60
    try:
        done = subprocess.run(
            ["dmesg", "-T", "--since", f"-{minutes}min"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        text = done.stdout if done.returncode == 0 else f"dmesg failed: {done.stderr.strip()}\n"
    except (OSError, subprocess.SubprocessError) as exc:
        text = f"dmesg could not run: {exc}\n"
    path.write_text(text)


def _log_to(path: Path, level: str) -> None:
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.WARNING)
    console.addFilter(lambda record: getattr(record, "console", True))
    console.setFormatter(logging.Formatter(f"{PROG}: %(levelname)s: %(message)s"))
    logger = logging.getLogger("torc")
    logger.addHandler(handler)
    logger.addHandler(console)
    logger.setLevel(level.upper())


def _clock(epoch: float | None) -> str:
    return "-" if epoch is None else datetime.fromtimestamp(epoch).isoformat(timespec="seconds")


def _value(value: Any) -> Any:
    return None if type(value).__name__ == "Unset" else value


if __name__ == "__main__":
    sys.exit(main())
