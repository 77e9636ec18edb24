"""The `slurm_cluster` fixture: the real single-node Slurm cluster of `tests/slurm/cluster.py`."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.slurm import cluster


@dataclass(frozen=True)
class SlurmCluster:
    conf: Path
    partition: str
    node: str
    cpus: int
    memory_mb: int

    def env(self) -> dict[str, str]:
        """The environment for a process that talks to this cluster."""
        return {**os.environ, **cluster.environment()}


@pytest.fixture(scope="session")
def slurm_cluster() -> Iterator[SlurmCluster]:
    """Start (or reuse) the cluster; Slurm's commands in this process and its children use it.

    Skips when Slurm cannot start here, except under CI (`CI` set), where that is a failure:
    `.ci/run` installs Slurm, so a cluster that does not start is a broken install.
    """
    try:
        cluster.start()
    except cluster.ClusterUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"the Slurm test cluster did not start: {exc}")
        pytest.skip(f"no Slurm test cluster: {exc}")
    os.environ.update(cluster.environment())
    yield SlurmCluster(
        conf=cluster.CONF,
        partition=cluster.PARTITION,
        node=cluster.node_name(),
        cpus=cluster.NODE_CPUS,
        memory_mb=cluster.NODE_MEMORY_MB,
    )
