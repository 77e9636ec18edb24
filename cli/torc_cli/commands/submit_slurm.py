"""`torc submit-slurm`: generate Slurm schedulers for a specification (as `torc slurm generate`
does), create the workflow, and submit it (initialize it and run its on_workflow_start
schedule_nodes actions, as `torc submit` does)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli import session
from torc_cli.commands.slurm.generate import (
    Account,
    GroupBy,
    Multiplier,
    SingleAllocation,
    Strategy,
    generate_spec,
)
from torc_cli.session import CliError


def submit_slurm(
    workflow_file: Annotated[
        str, Parameter(help="Path to workflow specification file (YAML, JSON, JSON5 or KDL).")
    ],
    *,
    account: Account = None,
    hpc_profile: Annotated[
        str | None,
        Parameter(
            name=["--hpc-profile", "--profile"],
            help="HPC profile to use (auto-detected if not specified).",
        ),
    ] = None,
    walltime_strategy: Strategy = "max-partition-time",
    walltime_multiplier: Multiplier = 1.5,
    group_by: GroupBy = "resource-requirements",
    single_allocation: SingleAllocation = False,
    ignore_missing_data: Annotated[
        bool,
        Parameter(
            name=["--ignore-missing-data", "-i"],
            negative=(),
            help="Ignore missing data (defaults to false).",
        ),
    ] = False,
    skip_checks: Annotated[
        bool,
        Parameter(negative=(), help="Create the workflow despite scheduler node checks."),
    ] = False,
) -> int:
    """Submit a workflow to Slurm with auto-generated schedulers and staged allocations."""
    from torc.spec import SpecError, load_spec, post_spec, validate

    generated = generate_spec(
        workflow_file,
        account=account,
        profile=hpc_profile,
        walltime_strategy=walltime_strategy,
        walltime_multiplier=walltime_multiplier,
        group_by=group_by,
        single_allocation=single_allocation,
    )
    submit = _submit_module()
    if hasattr(submit, "require_slurm"):
        submit.require_slurm()  # before creating anything: Slurm here, a server runners can reach
    try:
        spec = load_spec(generated.document)
    except SpecError as exc:
        raise CliError(f"{workflow_file}: generated specification: {exc.messages[0]}") from None
    report = validate(spec, skip_checks=skip_checks)
    if not report.valid:
        raise CliError(f"{workflow_file}: {report.errors[0]}")
    for warning in report.warnings:
        print(f"torc: warning: {warning}", file=sys.stderr)
    current = session.get()
    created = post_spec(current.api, spec)
    workflow_id = created.workflow.id
    if not current.json:
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
