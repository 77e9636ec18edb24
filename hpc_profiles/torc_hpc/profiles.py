"""The profile model (a system and its partitions) and reading profiles from TOML data.

A built-in profile is one TOML file per system (`kestrel.toml`, `dane.toml`); a custom profile is
the same shape written in torc's configuration under `[client.hpc.custom_profiles.<name>]`
(`detect_env_var` and `detect_hostname` there are single values). Numbers are kept in the units
Slurm uses: memory in MB per node, walltime in seconds.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any


class ProfileError(ValueError):
    """A profile that cannot be read or used; the message says what to fix."""


@dataclass(frozen=True)
class Partition:
    name: str
    cpus_per_node: int
    memory_mb: int
    max_walltime_secs: int
    gpus_per_node: int = 0
    gpu_type: str | None = None
    gpu_memory_gb: int | None = None
    local_disk_gb: int | None = None
    max_nodes: int | None = None
    max_nodes_per_user: int | None = None
    min_nodes: int = 1
    shared: bool = False
    requires_explicit_request: bool = False
    default: bool = False
    description: str = ""

    @property
    def has_gpus(self) -> bool:
        return self.gpus_per_node > 0

    @property
    def auto_routed(self) -> bool:
        """Slurm routes jobs here without being told (no `--partition` needed)."""
        return not self.requires_explicit_request

    @property
    def is_debug(self) -> bool:
        return "debug" in self.name.lower()

    @property
    def node_limit(self) -> int | None:
        """How many nodes one user may hold at once, where the profile says."""
        return self.max_nodes_per_user or self.max_nodes

    def notes(self) -> str:
        """Special requirements and features, for the partitions table."""
        items = []
        if self.min_nodes > 1:
            items.append(f"min {self.min_nodes} nodes")
        if self.requires_explicit_request:
            items.append("explicit request")
        if self.local_disk_gb:
            items.append(f"{self.local_disk_gb} GB local disk")
        if self.max_nodes_per_user:
            items.append(f"max {self.max_nodes_per_user} nodes/user")
        elif self.max_nodes:
            items.append(f"max {self.max_nodes} nodes")
        if self.default:
            items.append("default")
        return ", ".join(items)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "description": self.description,
            "cpus_per_node": self.cpus_per_node,
            "memory_mb": self.memory_mb,
            "max_walltime_secs": self.max_walltime_secs,
            "gpus_per_node": self.gpus_per_node,
            "gpu_type": self.gpu_type,
            "gpu_memory_gb": self.gpu_memory_gb,
            "local_disk_gb": self.local_disk_gb,
            "max_nodes": self.max_nodes,
            "max_nodes_per_user": self.max_nodes_per_user,
            "min_nodes": self.min_nodes,
            "shared": self.shared,
            "requires_explicit_request": self.requires_explicit_request,
            "default": self.default,
        }


@dataclass(frozen=True)
class Profile:
    name: str
    display_name: str
    description: str
    partitions: tuple[Partition, ...]
    detect_env: tuple[str, ...] = ()
    """`NAME=value` pairs; any one present in the environment identifies the system."""
    detect_hostname: tuple[str, ...] = ()
    """Regular expressions; any one matching the whole host name identifies the system."""
    charge_factor_cpu: float = 1.0
    charge_factor_gpu: float = 1.0
    default_account: str | None = None
    source: str = "built-in"
    """`built-in`, `custom` (the configuration) or `sinfo` (described by Slurm just now)."""

    def partition(self, name: str) -> Partition | None:
        return next((p for p in self.partitions if p.name == name), None)

    @property
    def default_partition(self) -> Partition | None:
        return next((p for p in self.partitions if p.default), None)

    def detection(self) -> str:
        """How this profile is recognised, for people."""
        ways = [f"environment variable {pair}" for pair in self.detect_env]
        ways += [f"hostname matching {pattern}" for pattern in self.detect_hostname]
        if self.source == "sinfo":
            ways.append("Slurm's sinfo on this machine")
        return "; ".join(ways) or "none (use it by name)"

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "display_name": self.display_name,
            "description": self.description,
            "source": self.source,
            "detection": {"env": list(self.detect_env), "hostname": list(self.detect_hostname)},
            "default_account": self.default_account,
            "charge_factors": {"cpu": self.charge_factor_cpu, "gpu": self.charge_factor_gpu},
            "partitions": [p.to_dict() for p in self.partitions],
        }

    def with_overrides(self, overrides: Mapping[str, Any]) -> Profile:
        if "default_account" in overrides:
            return replace(self, default_account=overrides["default_account"])
        return self


_PARTITION_FIELDS = {f for f in Partition.__dataclass_fields__}
_INT_FIELDS = {
    "cpus_per_node",
    "memory_mb",
    "max_walltime_secs",
    "gpus_per_node",
    "gpu_memory_gb",
    "local_disk_gb",
    "max_nodes",
    "max_nodes_per_user",
    "min_nodes",
}
_REQUIRED = ("name", "cpus_per_node", "memory_mb", "max_walltime_secs")


def partition_from(data: Mapping[str, Any], where: str) -> Partition:
    """One partition table; `where` names it in messages."""
    unknown = sorted(set(data) - _PARTITION_FIELDS)
    if unknown:
        raise ProfileError(f"{where}: unknown partition key '{unknown[0]}'")
    for key in _REQUIRED:
        if key not in data:
            raise ProfileError(f"{where}: '{key}' is required")
    for key in _INT_FIELDS & set(data):
        value = data[key]
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < 0
        ):
            raise ProfileError(f"{where}: '{key}' must be a whole number, not {value!r}")
    values = {k: v for k, v in data.items() if v is not None}
    return Partition(**values)


def profile_from_toml(data: Mapping[str, Any], where: str, source: str = "built-in") -> Profile:
    """A built-in profile file's contents."""
    known = {
        "name",
        "display_name",
        "description",
        "detect",
        "charge_factors",
        "partitions",
        "default_account",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise ProfileError(f"{where}: unknown key '{unknown[0]}'")
    if not isinstance(data.get("name"), str):
        raise ProfileError(f"{where}: 'name' is required")
    detect = data.get("detect") or {}
    charges = data.get("charge_factors") or {}
    partitions = tuple(
        partition_from(p, f"{where}: partition {i + 1}")
        for i, p in enumerate(data.get("partitions") or [])
    )
    if not partitions:
        raise ProfileError(f"{where}: a profile needs at least one [[partitions]] table")
    return Profile(
        name=data["name"],
        display_name=data.get("display_name") or data["name"],
        description=data.get("description") or "",
        partitions=partitions,
        detect_env=tuple(detect.get("env") or ()),
        detect_hostname=tuple(detect.get("hostname") or ()),
        charge_factor_cpu=float(charges.get("cpu", 1.0)),
        charge_factor_gpu=float(charges.get("gpu", 1.0)),
        default_account=data.get("default_account"),
        source=source,
    )


def profile_from_config(name: str, data: Mapping[str, Any]) -> Profile:
    """`[client.hpc.custom_profiles.<name>]` (the configuration has checked its keys' types)."""
    where = f"[client.hpc.custom_profiles.{name}]"
    partitions = tuple(
        partition_from(p, f"{where} partition {i + 1}")
        for i, p in enumerate(data.get("partitions") or [])
    )
    if not partitions:
        raise ProfileError(f"{where}: a custom profile needs at least one partition")
    env = data.get("detect_env_var")
    if env is not None and "=" not in env:
        raise ProfileError(f"{where}: detect_env_var must be NAME=value, not {env!r}")
    hostname = data.get("detect_hostname")
    return Profile(
        name=name,
        display_name=data.get("display_name") or name,
        description=data.get("description") or "",
        partitions=partitions,
        detect_env=(env,) if env else (),
        detect_hostname=(hostname,) if hostname else (),
        default_account=data.get("default_account"),
        source="custom",
    )


def data_files() -> list[Path]:
    """The built-in profile files: `torc_hpc/data/*.toml` in a wheel, else the TOML files next
    to the package in a checkout (`hpc_profiles/*.toml`)."""
    packaged = resources.files("torc_hpc") / "data"
    if packaged.is_dir():
        return sorted(Path(str(p)) for p in packaged.iterdir() if p.name.endswith(".toml"))
    here = Path(__file__).resolve().parent.parent
    return sorted(here.glob("*.toml"))


def builtin_profiles() -> list[Profile]:
    """Every built-in profile, in file-name order."""
    found = []
    for path in data_files():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ProfileError(f"{path}: {exc}") from None
        found.append(profile_from_toml(data, str(path)))
    return found
