"""`torc slurm generate`: add Slurm schedulers and staged schedule_nodes actions to a workflow
specification, from its jobs' resource requirements and an HPC profile (`torc_hpc`)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from cyclopts import Parameter

from torc_cli.commands.slurm.group import app
from torc_cli.session import CliError

WalltimeStrategy = Literal["max-partition-time", "max-job-runtime"]


def resolve_profile(name: str | None) -> Any:
    """The named profile, else the one this machine is (environment, host name, sinfo)."""
    from torc_cli.commands.hpc import profile_named, registry

    if name:
        return profile_named(name)
    known = registry()
    found = known.detect()
    if found is None:
        raise CliError(
            "no HPC profile detected on this machine: give --profile (one of "
            f"{', '.join([*known.names, 'slurm'])})"
        )
    return found


Account = Annotated[
    str | None,
    Parameter(
        help="Slurm account to use (default: the specification's slurm_defaults.account, "
        "else the profile's default_account)."
    ),
]
Strategy = Annotated[
    WalltimeStrategy,
    Parameter(
        help="Walltime of each allocation: max-partition-time (the partition's limit) or "
        "max-job-runtime (the longest job runtime times --walltime-multiplier, within the limit)."
    ),
]
Multiplier = Annotated[float, Parameter(help="Runtime multiplier of the max-job-runtime strategy.")]
GroupBy = Annotated[
    Literal["resource-requirements", "partition"],
    Parameter(
        help="One scheduler per resource requirement, or per partition (requirements that "
        "land on the same partition share a scheduler)."
    ),
]
SingleAllocation = Annotated[
    bool,
    Parameter(
        negative=(),
        help="One allocation of N nodes (one worker per node) instead of N single-node "
        "allocations.",
    ),
]


@Parameter(name="*")
@dataclass(frozen=True)
class Allocations:
    """How the generated schedulers shape their allocations: the options `torc slurm generate`,
    `torc workflows create-slurm` and `torc submit-slurm` share."""

    account: Account = None
    walltime_strategy: Strategy = "max-partition-time"
    walltime_multiplier: Multiplier = 1.5
    group_by: GroupBy = "resource-requirements"
    single_allocation: SingleAllocation = False


def generate_spec(
    workflow_file: str,
    allocations: Allocations,
    *,
    profile: str | None,
    no_actions: bool = False,
    force: bool = False,
) -> Any:
    """Read the specification and add schedulers: a `torc_hpc.schedulers.Generated`."""
    from torc.spec import SpecError
    from torc_hpc import schedulers, spec_io

    if allocations.walltime_multiplier <= 0:
        raise CliError("--walltime-multiplier must be greater than 0")
    try:
        spec, document = spec_io.read_spec(workflow_file)
    except SpecError as exc:
        raise CliError(
            exc.messages[0] if len(exc.messages) == 1 else "; ".join(exc.messages)
        ) from None
    chosen = resolve_profile(profile)
    defaults = document.get("slurm_defaults")
    from_spec = defaults.get("account") if isinstance(defaults, dict) else None
    account = allocations.account or from_spec or chosen.default_account
    if not account:
        raise CliError(
            f"no Slurm account: give --account, or set default_account for profile "
            f"'{chosen.name}' in [client.hpc] of the configuration"
        )
    options = schedulers.Options(
        account=account,
        walltime_strategy=allocations.walltime_strategy,
        walltime_multiplier=allocations.walltime_multiplier,
        add_actions=not no_actions,
        force=force,
        group_by=allocations.group_by,
        single_allocation=allocations.single_allocation,
    )
    try:
        return schedulers.generate(spec, document, chosen, options)
    except schedulers.GenerateError as exc:
        raise CliError(str(exc)) from None


def output_format(path: str | None, workflow_file: str) -> str:
    from torc_hpc.spec_io import OUTPUT_FORMATS

    if path is None:  # stdout: JSON for -f json or a JSON specification, else YAML
        from torc_cli import session

        as_json = session.get().json or Path(workflow_file).suffix.lower() in (".json", ".json5")
        return "json" if as_json else "yaml"
    suffix = Path(path).suffix.lower()
    if suffix not in OUTPUT_FORMATS:
        raise CliError(
            f"cannot write {path}: the output is YAML (.yaml, .yml) or JSON (.json, .json5)"
        )
    return OUTPUT_FORMATS[suffix]


@app.command
def generate(
    workflow_file: Annotated[
        str, Parameter(help="Path to workflow specification file (YAML, JSON, JSON5 or KDL).")
    ],
    *,
    allocations: Allocations = Allocations(),
    profile: Annotated[
        str | None, Parameter(help="HPC profile to use (auto-detected if not specified).")
    ] = None,
    output: Annotated[
        str | None,
        Parameter(
            name=["--output", "-o"],
            help="Output file path, .yaml or .json (prints to stdout if not specified).",
        ),
    ] = None,
    no_actions: Annotated[
        bool, Parameter(negative=(), help="Don't add workflow actions for scheduling nodes.")
    ] = False,
    force: Annotated[
        bool,
        Parameter(
            name=["--force", "--overwrite"],
            negative=(),
            help="Overwrite existing schedulers in the workflow.",
        ),
    ] = False,
) -> None:
    """Generate Slurm schedulers for a workflow based on job resource requirements."""
    from torc_hpc import spec_io

    fmt = output_format(output, workflow_file)
    generated = generate_spec(
        workflow_file, allocations, profile=profile, no_actions=no_actions, force=force
    )
    text = spec_io.render(generated.document, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {output}: {exc.strerror}") from None
    print(
        f"Wrote {output}: {generated.schedulers} scheduler(s), {generated.actions} action(s)",
        file=sys.stderr,
    )
