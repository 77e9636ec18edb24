"""`torc submit-slurm`: generate Slurm schedulers for a specification (as `torc slurm generate`
does), create the workflow, and submit it (initialize it and run its on_workflow_start
schedule_nodes actions, as `torc submit` does)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

from cyclopts import Parameter

from torc_cli import output, session
from torc_cli.commands.slurm.generate import Account, Multiplier, Strategy, generate_spec
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
    )
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
            f"Created workflow {workflow_id} with {len(generated.choices)} Slurm scheduler(s) "
            f"and {generated.actions} action(s)"
        )
    submit_workflow = _submitter()
    submit_workflow(workflow_id, ignore_missing_data=ignore_missing_data)
    if current.json:
        output.emit_json(
            {
                "workflow_id": workflow_id,
                "schedulers": [c.scheduler for c in generated.choices],
                "actions": generated.actions,
                "status": "submitted",
            }
        )
    return 0


def _submitter() -> Any:
    """`torc_cli.commands.submit.submit_workflow(workflow_id, *, ignore_missing_data=False)`:
    initialize the workflow and run its on_workflow_start schedule_nodes actions."""
    try:
        from torc_cli.commands.submit import submit_workflow
    except ImportError:
        from torc_cli.commands.slurm import SLURM_NOT_AVAILABLE

        raise CliError(
            f"the workflow was created but submitting is {SLURM_NOT_AVAILABLE}"
        ) from None
    return submit_workflow


COMMANDS = [submit_slurm]
