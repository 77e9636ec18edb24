"""A profile made from `sinfo`: captured output of the format torc asks for, and the real
single-node test cluster."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.cli.conftest import TORC
from tests.slurm import cluster
from torc_hpc import ProfileError, sinfo

# `sinfo --noheader --format=%P|%c|%m|%l|%G|%D|%h|%a` on a cluster with mixed nodes
CAPTURED = """\
short|104|240000|4:00:00|(null)|2000|NO|up
standard*|104|240000|2-00:00:00|(null)|1800|NO|up
standard*|104+|250000+|2-00:00:00|(null)|240|NO|up
gpu|128|360000|2-00:00:00|gpu:h100:4(S:0-3)|156|YES|up
bigmem|104|2000000|infinite|(null)|10|EXCLUSIVE|up
quick|8|16000|30:00|gpu:2,shard:8|4|NO|up
"""


def test_captured_sinfo_output_becomes_partitions() -> None:
    profile = sinfo.parse(CAPTURED, cluster="demo")
    assert profile.source == "sinfo"
    assert profile.display_name == "demo (sinfo)"
    by_name = {p.name: p for p in profile.partitions}
    assert list(by_name) == ["short", "standard", "gpu", "bigmem", "quick"]
    standard = by_name["standard"]
    # mixed nodes: the smallest counts, the node counts add up
    assert (standard.cpus_per_node, standard.memory_mb, standard.max_nodes) == (104, 240000, 2040)
    assert standard.max_walltime_secs == 48 * 3600
    assert standard.default and not standard.requires_explicit_request
    assert profile.default_partition.name == "standard"
    # only the default partition is routed without --partition
    assert by_name["short"].requires_explicit_request
    gpu = by_name["gpu"]
    assert (gpu.gpus_per_node, gpu.gpu_type, gpu.shared) == (4, "h100", True)
    assert by_name["bigmem"].max_walltime_secs == sinfo.UNLIMITED_SECS
    assert not by_name["bigmem"].shared
    quick = by_name["quick"]
    assert (quick.max_walltime_secs, quick.gpus_per_node, quick.gpu_type) == (1800, 2, None)


def test_unreadable_sinfo_output_is_one_line() -> None:
    with pytest.raises(ProfileError, match=r"sinfo line 1: expected 8 fields"):
        sinfo.parse("debug|16|16000\n")
    with pytest.raises(ProfileError, match=r"sinfo line 2: .*'lots'"):
        sinfo.parse("a|1|1|1:00:00|(null)|1|NO|up\nb|lots|1|1:00:00|(null)|1|NO|up\n")
    with pytest.raises(ProfileError, match="no partitions"):
        sinfo.parse("\n")


def _torc(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*TORC, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_the_test_cluster_as_sinfo_describes_it(slurm_cluster) -> None:
    env = {k: v for k, v in slurm_cluster.env().items() if k not in ("NREL_CLUSTER", "CLUSTER")}
    done = _torc("-f", "json", "hpc", "partitions", "slurm", env=env)
    assert done.returncode == 0, done.stderr
    partitions = {p["name"]: p for p in json.loads(done.stdout)["partitions"]}
    assert set(partitions) == {slurm_cluster.partition, cluster.MULTI_PARTITION}
    partition = partitions[slurm_cluster.partition]
    assert partition["cpus_per_node"] == slurm_cluster.cpus
    assert partition["memory_mb"] == slurm_cluster.memory_mb
    assert partition["default"] is True
    # the hidden two-node partition (root sees it): jobs go there only when asked by name
    multi = partitions[cluster.MULTI_PARTITION]
    assert (multi["cpus_per_node"], multi["max_nodes"]) == (cluster.MULTI_NODE_CPUS, 2)
    assert multi["requires_explicit_request"] is True and multi["default"] is False
    # no built-in profile matches this machine, so detection falls back to sinfo
    done = _torc("-f", "json", "hpc", "detect", env=env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert (found["name"], found["source"]) == ("slurm", "sinfo")
