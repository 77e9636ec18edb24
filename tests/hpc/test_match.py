"""Choosing partitions: the documented rules on the built-in profiles and on made-up ones where
each rule decides, and one-line reasons when nothing fits."""

from __future__ import annotations

from torc_hpc.match import Request, best_partition, explain, matching
from torc_hpc.profiles import Partition, Profile
from torc_hpc.registry import Registry

GB = 1024
HOUR = 3600


def kestrel() -> Profile:
    return Registry.load().get("kestrel")


def best(profile: Profile, **request: int) -> str | None:
    found = best_partition(profile, Request(**request))
    return found.name if found else None


def test_cpu_jobs_go_to_the_first_auto_routed_partition_that_fits() -> None:
    k = kestrel()
    assert best(k, cpus=32, memory_mb=64 * GB, walltime_secs=2 * HOUR) == "short"
    assert best(k, cpus=32, memory_mb=64 * GB, walltime_secs=24 * HOUR) == "standard"
    assert best(k, cpus=32, memory_mb=64 * GB, walltime_secs=100 * HOUR) == "long"
    assert best(k, cpus=32, memory_mb=500 * GB, walltime_secs=2 * HOUR) == "medmem"
    assert best(k, cpus=32, memory_mb=1500 * GB, walltime_secs=2 * HOUR) == "bigmem"
    assert best(k, cpus=32, memory_mb=1500 * GB, walltime_secs=100 * HOUR) == "bigmeml"


def test_gpu_jobs_go_to_the_first_auto_routed_gpu_partition() -> None:
    k = kestrel()
    assert best(k, cpus=32, memory_mb=64 * GB, walltime_secs=2 * HOUR, gpus=2) == "gpu-h100s"
    assert best(k, cpus=16, memory_mb=128 * GB, walltime_secs=8 * HOUR, gpus=4) == "gpu-h100"
    assert best(k, cpus=16, memory_mb=128 * GB, walltime_secs=100 * HOUR, gpus=1) == "gpu-h100l"
    # CPU jobs never land on GPU nodes while a CPU partition fits
    assert best(k, cpus=120, memory_mb=64 * GB, walltime_secs=HOUR) == "gpu-h100s"  # only fit
    assert best(k, cpus=100, memory_mb=64 * GB, walltime_secs=HOUR) == "short"


def part(name: str, **kw: object) -> Partition:
    values = {"cpus_per_node": 64, "memory_mb": 256_000, "max_walltime_secs": 48 * HOUR, **kw}
    return Partition(name=name, **values)  # type: ignore[arg-type]


def test_debug_partitions_come_last() -> None:
    profile = Profile(
        "t",
        "t",
        "",
        (part("debug", max_walltime_secs=HOUR), part("batch", max_walltime_secs=4 * HOUR)),
    )
    assert best(profile, cpus=1, memory_mb=1, walltime_secs=HOUR) == "batch"
    # debug is used only when nothing else fits
    narrow = Profile("t", "t", "", (part("debug", cpus_per_node=128), part("batch")))
    assert best(narrow, cpus=100, memory_mb=1, walltime_secs=HOUR) == "debug"


def test_small_jobs_go_to_shared_partitions_and_big_ones_do_not() -> None:
    profile = Profile("t", "t", "", (part("whole"), part("shared", shared=True)))
    assert best(profile, cpus=4, memory_mb=8 * GB, walltime_secs=HOUR) == "shared"
    assert best(profile, cpus=27, memory_mb=8 * GB, walltime_secs=HOUR) == "whole"
    assert best(profile, cpus=4, memory_mb=60_001, walltime_secs=HOUR) == "whole"


def test_explicit_partitions_are_chosen_only_when_no_auto_one_fits() -> None:
    profile = Profile(
        "t",
        "t",
        "",
        (part("special", requires_explicit_request=True), part("auto", cpus_per_node=8)),
    )
    assert best(profile, cpus=4, memory_mb=1, walltime_secs=HOUR) == "auto"
    assert best(profile, cpus=16, memory_mb=1, walltime_secs=HOUR) == "special"


def test_node_counts_respect_minimum_nodes() -> None:
    k = kestrel()
    names = [p.name for p in matching(k, Request(cpus=1, memory_mb=1, walltime_secs=HOUR))]
    assert "hbw" not in names  # needs at least 2 nodes
    names = [p.name for p in matching(k, Request(cpus=1, memory_mb=1, walltime_secs=HOUR, nodes=2))]
    assert "hbw" in names


def test_reasons_name_the_limit_and_by_how_much() -> None:
    k = kestrel()
    assert explain(k, Request(cpus=200, memory_mb=1, walltime_secs=HOUR)) == (
        "200 CPUs exceed the largest node of profile 'kestrel' (gpu-h100s: 128 CPUs) by 72"
    )
    assert explain(k, Request(cpus=1, memory_mb=3000 * GB, walltime_secs=HOUR)) == (
        "3000g memory exceeds the largest node of profile 'kestrel' (bigmem: 2000000 MB) "
        "by 1072000 MB"
    )
    assert explain(k, Request(cpus=1, memory_mb=1, walltime_secs=300 * HOUR)) == (
        "300h walltime exceeds the longest limit of profile 'kestrel' (long: 240h) by 60h"
    )
    assert explain(k, Request(cpus=1, memory_mb=1, walltime_secs=HOUR, gpus=8)) == (
        "8 GPUs exceed the largest GPU node of profile 'kestrel' (gpu-h100s: 4 GPUs) by 4"
    )
    dane = Registry.load().get("dane")
    assert explain(dane, Request(cpus=1, memory_mb=1, walltime_secs=HOUR, gpus=1)) == (
        "1 GPUs requested but no partition of profile 'dane' has GPUs"
    )
    # each limit alone fits somewhere, together nowhere: the closest partition's shortfall
    request = Request(cpus=4, memory_mb=500 * GB, walltime_secs=10 * HOUR, gpus=2)
    assert best_partition(k, request) is None
    assert explain(k, request) == (
        "no partition of profile 'kestrel' has 4 CPUs, 500g memory, 2 GPUs, 10h walltime "
        "together; closest is gpu-h100: 500g memory exceeds its 360000 MB per node by 152000 MB"
    )
