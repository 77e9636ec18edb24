"""`torc hpc`: the HPC profiles torc knows (built-in, custom from `[client.hpc]`, and `slurm`,
this machine's cluster as `sinfo` describes it), which one this machine is, their partitions,
and which partition fits a job."""

from __future__ import annotations

from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import display, output, session
from torc_cli.session import CliError

app = App(name="hpc", help="HPC system profiles and partition information.")

ProfileArg = Annotated[
    str,
    Parameter(help="Profile name (e.g., kestrel; `slurm`: this cluster as sinfo describes it)."),
]


def registry() -> Any:
    """Every known profile, with `[client.hpc]` of the configuration applied."""
    from torc_cli import config
    from torc_hpc import ProfileError
    from torc_hpc.registry import Registry

    try:
        return Registry.load(config.current().get("client.hpc") or {})
    except ProfileError as exc:
        raise CliError(str(exc)) from None


def profile_named(name: str) -> Any:
    from torc_hpc import ProfileError

    try:
        return registry().get(name)
    except ProfileError as exc:
        raise CliError(str(exc)) from None


def _partition_row(partition: Any) -> dict[str, Any]:
    from torc_hpc import units

    gpus = "-"
    if partition.gpus_per_node:
        gpus = str(partition.gpus_per_node)
        if partition.gpu_type:
            gpus += f" ({partition.gpu_type})"
    return {
        **partition.to_dict(),
        "mem_text": units.gigabytes(partition.memory_mb),
        "walltime_text": units.short_duration(partition.max_walltime_secs),
        "gpus_text": gpus,
        "shared_text": "yes" if partition.shared else "no",
        "notes": partition.notes(),
    }


_PARTITION_COLUMNS = [
    display.Column("Name", "name"),
    display.Column("CPUs/Node", "cpus_per_node"),
    display.Column("Mem/Node", "mem_text"),
    display.Column("Max Walltime", "walltime_text"),
    display.Column("GPUs", "gpus_text"),
    display.Column("Shared", "shared_text"),
    display.Column("Notes", "notes"),
]


def _table(rows: list[dict[str, Any]], columns: list[display.Column], title: str) -> None:
    from rich import box
    from rich.table import Table

    print(title)
    print()
    grid = Table(box=box.ROUNDED)
    for column in columns:
        grid.add_column(column.label)
    for row in rows:
        grid.add_row(*(column.cell(row) for column in columns))
    display.console().print(grid)


@app.command(name="list")
def list_profiles() -> None:
    """List all available HPC profiles (built-in and custom)."""
    known = registry()
    detected = known.detect(use_sinfo=False)
    rows = [
        {
            "name": p.name,
            "display_name": p.display_name,
            "description": p.description,
            "source": p.source,
            "partitions": len(p.partitions),
            "detected": detected is not None and p.name == detected.name,
        }
        for p in known.profiles
    ]
    if session.get().json:
        output.emit_json({"profiles": rows})
        return
    for row in rows:
        row["detected_text"] = "✓" if row["detected"] else ""
    columns = [
        display.Column("Name", "name"),
        display.Column("Display Name", "display_name"),
        display.Column("Partitions", "partitions"),
        display.Column("Detected", "detected_text"),
    ]
    _table(rows, columns, "Known HPC profiles:")


@app.command
def detect() -> int:
    """Detect the current HPC system (environment, host name, else Slurm's sinfo)."""
    found = registry().detect()
    if session.get().json:
        output.emit_json(
            {
                "detected": found is not None,
                "name": found.name if found else None,
                "display_name": found.display_name if found else None,
                "source": found.source if found else None,
                "partitions": len(found.partitions) if found else 0,
            }
        )
        return 0 if found else 1
    if found is None:
        print(
            "No HPC system detected. Use --profile with a known profile (torc hpc list), or "
            "describe your cluster in [client.hpc.custom_profiles.<name>]."
        )
        return 1
    print(f"Detected HPC system: {found.display_name} ({found.name})")
    print(f"Partitions: {len(found.partitions)}")
    return 0


@app.command
def show(profile: ProfileArg) -> None:
    """Display detailed information about an HPC profile."""
    found = profile_named(profile)
    if session.get().json:
        output.emit_json(found.to_dict())
        return
    default = found.default_partition
    display.show_record(
        {
            "Name": found.name,
            "Display name": found.display_name,
            "Description": found.description,
            "Source": found.source,
            "Detection": found.detection(),
            "Default account": found.default_account or "(none)",
            "Partitions": len(found.partitions),
            "Default partition": default.name if default else "(none)",
            "Charge factors": f"CPU {found.charge_factor_cpu:g}, GPU {found.charge_factor_gpu:g}",
        },
        title=f"HPC profile {found.name}:",
    )


@app.command
def partitions(profile: ProfileArg) -> None:
    """List the partitions of an HPC profile."""
    found = profile_named(profile)
    rows = [_partition_row(p) for p in found.partitions]
    if session.get().json:
        output.emit_json(
            {"profile": found.name, "partitions": [p.to_dict() for p in found.partitions]}
        )
        return
    _table(rows, _PARTITION_COLUMNS, f"Partitions for {found.name}:")


@app.command
def match(
    profile: ProfileArg,
    *,
    cpus: Annotated[int, Parameter(help="Required CPU cores.")] = 1,
    memory: Annotated[str, Parameter(help="Required memory (e.g., 64g, 512m).")] = "1g",
    walltime: Annotated[str, Parameter(help="Required walltime (e.g., 2h, 30m, 4:00:00).")] = "1h",
    gpus: Annotated[int, Parameter(help="Required GPUs.")] = 0,
    nodes: Annotated[int, Parameter(help="Required nodes.")] = 1,
) -> int:
    """Find the partitions that satisfy resource requirements, and the one torc would choose."""
    from torc_hpc import match as matching
    from torc_hpc import units

    if cpus < 1 or gpus < 0 or nodes < 1:
        raise CliError("--cpus and --nodes must be at least 1, --gpus at least 0")
    try:
        request = matching.Request(
            cpus=cpus,
            memory_mb=units.memory_mb(memory),
            walltime_secs=units.duration_secs(walltime),
            gpus=gpus,
            nodes=nodes,
        )
    except units.UnitError as exc:
        raise CliError(str(exc)) from None
    found = profile_named(profile)
    fits = matching.matching(found, request)
    best = matching.best_partition(found, request)
    reason = None if fits else matching.explain(found, request)
    if session.get().json:
        output.emit_json(
            {
                "profile": found.name,
                "request": {
                    "cpus": request.cpus,
                    "memory_mb": request.memory_mb,
                    "walltime_secs": request.walltime_secs,
                    "gpus": request.gpus,
                    "nodes": request.nodes,
                },
                "matching_partitions": [p.to_dict() for p in fits],
                "best_partition": best.name if best else None,
                "reason": reason,
            }
        )
        return 0 if fits else 1
    if not fits:
        print(f"No matching partition: {reason}")
        return 1
    rows = [_partition_row(p) for p in fits]
    for row in rows:
        row["best"] = "✓" if best is not None and row["name"] == best.name else ""
    _table(
        rows,
        [*_PARTITION_COLUMNS[:5], display.Column("Best", "best")],
        f"Partitions of {found.name} matching {request.describe()}:",
    )
    if best is not None:
        print(f"Best partition: {best.name}")
    return 0


COMMANDS = [app]
