"""`torc submit`: submit a workflow to Slurm: initialize it and run its `on_workflow_start`
schedule_nodes actions, which submit the allocations whose runners then run its jobs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli import display, session
from torc_cli.session import CliError

SUBMIT_POLL_INTERVAL = 60.0
"""Poll interval of the runners the submitted allocations start (as `torc slurm schedule-nodes`)."""


def slurm_credentials() -> dict[str, str]:
    """The session's user name and password, for sbatch's environment: Slurm hands it to the
    allocation, so the runner there authenticates as the submitter (never through the script)."""
    current = session.get()
    env: dict[str, str] = {}
    if current.username:
        env["TORC_USERNAME"] = current.username
    if current.password is not None:
        env["TORC_PASSWORD"] = current.password
    return env


def require_slurm() -> None:
    """One line when allocations could not work: no Slurm here, or a standalone server that
    stops when this command ends (their runners would find no server)."""
    from torc_runner.slurm import tools

    if session.get().standalone:
        raise CliError(
            "standalone mode (-s) runs the server only while this command runs, so runners in "
            "Slurm allocations could not reach it: start a torc-server the compute nodes can "
            "reach and pass its --url"
        )

    if not tools.available("sbatch"):
        raise CliError(
            "sbatch not found: Slurm's commands are not installed on this machine; submit from "
            "a login node of the cluster, or run the workflow here with `torc run`"
        )


def _no_start_action(workflow_id: int) -> CliError:
    return CliError(
        f"workflow {workflow_id} has no on_workflow_start action with action_type "
        "schedule_nodes, so there is nothing to submit: add one (see `torc submit-slurm` to "
        f"generate them), or run the workflow here with `torc run {workflow_id}`"
    )


def submit_workflow(
    workflow_id: int,
    *,
    ignore_missing_data: bool = False,
    output_dir: Path | None = None,
    poll_interval: float = SUBMIT_POLL_INTERVAL,
) -> None:
    """Initialize the workflow if needed, then claim and carry out each pending
    `on_workflow_start` schedule_nodes action by submitting its Slurm allocations."""
    from torc import ApiError
    from torc.manager import WorkflowNotReady, initialize_if_needed
    from torc_cli.commands.run import default_output_dir
    from torc_runner.actions import ActionError, schedule_nodes_action

    api = session.get().api
    starts = [
        action
        for action in api.get_workflow_actions(workflow_id)
        if action.trigger_type == "on_workflow_start" and action.action_type == "schedule_nodes"
    ]
    if not starts:
        raise _no_start_action(workflow_id)
    require_slurm()
    try:
        initialize_if_needed(api, workflow_id, force=ignore_missing_data)
    except WorkflowNotReady as exc:
        raise CliError(str(exc)) from None
    pending = [
        action
        for action in api.get_pending_actions(workflow_id, trigger_type=["on_workflow_start"])
        if action.action_type == "schedule_nodes"
    ]
    if not pending:
        raise CliError(
            f"workflow {workflow_id} was submitted already (its on_workflow_start allocations "
            f"were scheduled); add allocations with `torc slurm schedule-nodes {workflow_id}`, "
            f"or start over with `torc workflows reinitialize {workflow_id}`"
        )
    output = (output_dir or default_output_dir()).resolve()
    submitted: list[dict[str, Any]] = []
    for action in pending:
        try:
            claim = api.claim_action(workflow_id, action.id, {})
        except ApiError as exc:
            if exc.status == 409:
                continue  # someone else submitted it meanwhile
            raise
        if not claim.claimed:
            continue
        config = action.action_config
        config = config.to_dict() if hasattr(config, "to_dict") else dict(config or {})
        try:
            allocations = schedule_nodes_action(
                api,
                workflow_id,
                config,
                output,
                poll_interval=poll_interval,
                credentials=slurm_credentials(),
            )
        except ActionError as exc:
            _show_submitted(workflow_id, submitted, output)
            raise CliError(f"action {action.id}: {exc}") from None
        submitted += [
            {
                "action_id": action.id,
                "slurm_job_id": a.slurm_job_id,
                "scheduled_compute_node_id": a.scheduled_compute_node_id,
                "job_name": a.job_name,
            }
            for a in allocations
        ]
    if not submitted:
        raise CliError(
            f"the on_workflow_start actions of workflow {workflow_id} were claimed by another "
            "submission meanwhile; nothing was submitted here"
        )
    _show_submitted(workflow_id, submitted, output)


def _show_submitted(workflow_id: int, submitted: list[dict[str, Any]], output: Path) -> None:
    if not submitted:
        return
    jobs = ", ".join(str(a["slurm_job_id"]) for a in submitted)
    display.show_result(
        f"Submitted workflow {workflow_id}: {len(submitted)} Slurm allocation"
        f"{'s' if len(submitted) != 1 else ''} (Slurm jobs {jobs}); output in {output}",
        {
            "workflow_id": workflow_id,
            "status": "submitted",
            "output_dir": str(output),
            "allocations": submitted,
        },
    )


def submit(
    workflow_spec_or_id: Annotated[
        str,
        Parameter(help="Path to workflow spec file (JSON/JSON5/YAML/KDL) or workflow ID."),
    ],
    *,
    ignore_missing_data: Annotated[
        bool,
        Parameter(
            name=["--ignore-missing-data", "-i"],
            negative=(),
            help="Ignore missing data (defaults to false).",
        ),
    ] = False,
) -> None:
    """Submit a workflow to scheduler (create from spec file or submit existing workflow by ID).
    Requires workflow to have an on_workflow_start action with schedule_nodes."""
    from torc_cli.commands.run import workflow_from

    if not workflow_spec_or_id.isdigit():
        _check_spec(workflow_spec_or_id)
    else:
        require_slurm()
    submit_workflow(workflow_from(workflow_spec_or_id), ignore_missing_data=ignore_missing_data)


def _check_spec(path: str) -> None:
    """Before creating anything: the spec must say how to submit it, and Slurm must be here."""
    from torc.spec import SpecError, load_spec
    from torc.spec.validate import has_schedule_nodes_start

    if not Path(path).exists():
        return  # workflow_from says what is wrong
    try:
        spec = load_spec(path)
    except SpecError as exc:
        raise CliError(str(exc)) from None
    if not has_schedule_nodes_start(spec):
        raise CliError(
            f"{path} has no on_workflow_start action with action_type schedule_nodes, so there "
            "is nothing to submit: add one, use `torc submit-slurm` to generate them, or run it "
            "here with `torc run`"
        )
    require_slurm()


COMMANDS = [submit]
