"""`torc submit-slurm` and `torc workflows create-slurm`: generate Slurm schedulers for a
specification (as `torc slurm generate` does) and create the workflow (as `torc workflows create`
does); `submit-slurm` then submits it (initializes it and runs its on_workflow_start
schedule_nodes actions, as `torc submit` does)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli import display, session
from torc_cli.commands.slurm.generate import Allocations, generate_spec
from torc_cli.commands.workflows import app as workflows_app
from torc_cli.session import CliError

WorkflowFile = Annotated[
    str, Parameter(help="Path to workflow specification file (YAML, JSON, JSON5 or KDL).")
]
HpcProfile = Annotated[
    str | None,
    Parameter(
        name=["--hpc-profile", "--profile"],
        help="HPC profile to use (auto-detected if not specified).",
    ),
]
SkipChecks = Annotated[
    bool, Parameter(negative=(), help="Create the workflow despite scheduler node checks.")
]


def create_with_schedulers(
    workflow_file: str,
    allocations: Allocations,
    *,
    profile: str | None,
    skip_checks: bool,
    before_create: Any = None,
) -> tuple[int, Any]:
    """Generate schedulers, then validate and create the workflow in one request, as
    `torc workflows create` does: (workflow id, `torc_hpc.schedulers.Generated`)."""
    from torc.spec import SpecError, load_spec, post_spec, validate

    generated = generate_spec(workflow_file, allocations, profile=profile)
    if before_create is not None:
        before_create()
    try:
        spec = load_spec(generated.document)
    except SpecError as exc:
        raise CliError(f"{workflow_file}: generated specification: {exc.messages[0]}") from None
    report = validate(spec, skip_checks=skip_checks)
    if not report.valid:
        raise CliError(f"{workflow_file}: {report.errors[0]}")
    for warning in report.warnings:
        print(f"torc: warning: {warning}", file=sys.stderr)
    created = post_spec(session.get().api, spec)
    return created.workflow.id, generated


@workflows_app.command(name="create-slurm")
def create_slurm(
    workflow_file: WorkflowFile,
    *,
    allocations: Allocations = Allocations(),
    hpc_profile: HpcProfile = None,
    skip_checks: SkipChecks = False,
) -> int:
    """Create a workflow with auto-generated Slurm schedulers and staged allocations (submit it
    later with `torc submit`)."""
    workflow_id, generated = create_with_schedulers(
        workflow_file, allocations, profile=hpc_profile, skip_checks=skip_checks
    )
    display.show_result(
        f"Created workflow {workflow_id} with {generated.schedulers} Slurm scheduler(s) and "
        f"{generated.actions} action(s)",
        {
            "workflow_id": workflow_id,
            "id": workflow_id,
            "status": "success",
            "slurm_schedulers": generated.schedulers,
            "actions": generated.actions,
        },
    )
    return 0


def submit_slurm(
    workflow_file: WorkflowFile,
    *,
    allocations: Allocations = Allocations(),
    hpc_profile: HpcProfile = None,
    ignore_missing_data: Annotated[
        bool,
        Parameter(
            name=["--ignore-missing-data", "-i"],
            negative=(),
            help="Ignore missing data (defaults to false).",
        ),
    ] = False,
    skip_checks: SkipChecks = False,
) -> int:
    """Submit a workflow to Slurm with auto-generated schedulers and staged allocations."""
    submit = _submit_module()
    workflow_id, generated = create_with_schedulers(
        workflow_file,
        allocations,
        profile=hpc_profile,
        skip_checks=skip_checks,
        # before creating anything: Slurm is here, and a server its runners can reach
        before_create=getattr(submit, "require_slurm", None),
    )
    if not session.get().json:
        print(
            f"Created workflow {workflow_id} with {generated.schedulers} Slurm scheduler(s) "
            f"and {generated.actions} action(s)"
        )
    submit_workflow = getattr(submit, "submit_workflow", None)
    if submit_workflow is None:
        from torc_cli.commands.slurm import SLURM_NOT_AVAILABLE

        raise CliError(f"the workflow was created but submitting is {SLURM_NOT_AVAILABLE}")
    # initializes the workflow, runs its on_workflow_start schedule_nodes actions with sbatch,
    # and reports the allocations (the one JSON document of this command with -f json)
    submit_workflow(workflow_id, ignore_missing_data=ignore_missing_data)
    return 0


def _submit_module() -> Any:
    """`torc_cli.commands.submit`: `submit_workflow(workflow_id, *, ignore_missing_data=False)`
    and `require_slurm()` (the `torc submit` command's module)."""
    from torc_cli.commands import submit

    return submit


COMMANDS = [submit_slurm]
