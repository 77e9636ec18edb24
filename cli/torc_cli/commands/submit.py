"""`torc submit`: submit a workflow to a scheduler (arrives with Slurm support)."""

from __future__ import annotations

from typing import Annotated

from cyclopts import Parameter

from torc_cli.session import CliError


def submit(
    workflow_spec_or_id: Annotated[
        str, Parameter(help="Path to workflow spec file (JSON/JSON5/YAML/KDL) or workflow ID.")
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
    from torc_cli.commands.slurm import SLURM_NOT_AVAILABLE

    raise CliError(f"torc submit is {SLURM_NOT_AVAILABLE}")


COMMANDS = [submit]
