"""`torc hpc list|detect|show|partitions|match` as a user runs them, in tables and JSON, with
built-in and custom profiles."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Cli

RESEARCH = """
[client.hpc.profile_overrides.kestrel]
default_account = "kestrel_acct"

[client.hpc.custom_profiles.research]
display_name = "Research Cluster"
description = "University Research HPC System"
detect_env_var = "CLUSTER_NAME=research"
default_account = "my_project"

[[client.hpc.custom_profiles.research.partitions]]
name = "batch"
cpus_per_node = 48
memory_mb = 192000
max_walltime_secs = 259200
shared = false

[[client.hpc.custom_profiles.research.partitions]]
name = "short"
cpus_per_node = 48
memory_mb = 192000
max_walltime_secs = 14400
shared = true

[[client.hpc.custom_profiles.research.partitions]]
name = "gpu"
cpus_per_node = 32
memory_mb = 256000
max_walltime_secs = 172800
gpus_per_node = 4
gpu_type = "A100"
shared = false

[[client.hpc.custom_profiles.research.partitions]]
name = "himem"
cpus_per_node = 48
memory_mb = 1048576
max_walltime_secs = 172800
shared = false
"""


def no_cluster(cli: Cli) -> Cli:
    """The same CLI with no site variables and no Slurm configuration: nothing is detected."""
    for name in ("NREL_CLUSTER", "CLUSTER", "CLUSTER_NAME", "SLURM_CONF"):
        cli.env.pop(name, None)
    # a configuration Slurm refuses at once (a missing file makes sinfo retry for a minute)
    empty = cli.cwd.parent / "empty-slurm.conf"
    empty.touch()
    cli.env["SLURM_CONF"] = str(empty)
    return cli


def with_research(cli: Cli) -> Cli:
    config = Path(cli.env["XDG_CONFIG_HOME"]) / "torc" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(RESEARCH)
    return cli


def test_list_shows_builtin_profiles_and_which_is_detected(cli: Cli) -> None:
    cli = no_cluster(cli)
    table = cli.ok("hpc", "list")
    assert table.startswith("Known HPC profiles:")
    assert "│ kestrel │ NREL Kestrel │ 15         │          │" in table
    assert "│ dane    │ LLNL Dane    │ 6          │          │" in table
    cli.env["NREL_CLUSTER"] = "kestrel"
    assert "│ kestrel │ NREL Kestrel │ 15         │ ✓        │" in cli.ok("hpc", "list")
    profiles = {p["name"]: p for p in cli.json("hpc", "list")["profiles"]}
    assert profiles["kestrel"]["detected"] is True
    assert profiles["dane"] == {
        "name": "dane",
        "display_name": "LLNL Dane",
        "description": profiles["dane"]["description"],
        "source": "built-in",
        "partitions": 6,
        "detected": False,
    }


def test_detect_by_environment_and_nothing_detected(cli: Cli) -> None:
    cli = no_cluster(cli)
    done = cli("hpc", "detect")
    assert done.returncode == 1
    assert done.stdout.startswith("No HPC system detected.")
    cli.env["CLUSTER"] = "dane"
    assert cli.ok("hpc", "detect").splitlines()[0] == "Detected HPC system: LLNL Dane (dane)"
    found = cli.json("hpc", "detect")
    assert (found["detected"], found["name"], found["partitions"]) == (True, "dane", 6)


def test_show_and_partitions(cli: Cli) -> None:
    shown = cli.ok("hpc", "show", "kestrel")
    assert "NREL Kestrel" in shown and "NREL_CLUSTER=kestrel" in shown
    assert "standard" in shown  # the default partition
    document = cli.json("hpc", "show", "kestrel")
    assert document["detection"]["env"] == ["NREL_CLUSTER=kestrel"]
    assert len(document["partitions"]) == 15
    table = cli.ok("hpc", "partitions", "kestrel")
    assert table.startswith("Partitions for kestrel:")
    assert "│ debug     │ 104       │ 240 GB   │ 1h           │ 2 (H100) │ yes    │" in table
    assert "│ gpu-h100  │ 128       │ 360 GB   │ 48h          │ 4 (H100) │ yes    │" in table
    assert "min 2 nodes" in table
    listed = cli.json("hpc", "partitions", "dane")
    assert [p["name"] for p in listed["partitions"]] == [
        "pdebug",
        "pbatch",
        "pci",
        "pserial",
        "pjupyter",
        "pall",
    ]
    assert cli.fails("hpc", "show", "nope") == (
        "torc: unknown HPC profile 'nope' (known: dane, kestrel, slurm)"
    )


def test_match_lists_fitting_partitions_and_the_best(cli: Cli) -> None:
    table = cli.ok("hpc", "match", "kestrel", "--cpus", "32", "--memory", "64g", "--walltime", "2h")
    names = [line.split("│")[1].strip() for line in table.splitlines() if line.startswith("│")]
    # every partition that can take the job: debug's 1 h is too short, hbw needs 2 nodes
    assert names[1:] == [
        "short",
        "standard",
        "long",
        "medmem",
        "bigmem",
        "bigmeml",
        "nvme",
        "shared",
        "sharedl",
        "gpu-h100s",
        "gpu-h100",
        "gpu-h100l",
    ]
    assert table.rstrip().splitlines()[-1] == "Best partition: short"
    found = cli.json(
        "hpc",
        "match",
        "kestrel",
        "--cpus",
        "32",
        "--memory",
        "64g",
        "--walltime",
        "2h",
        "--gpus",
        "2",
    )
    assert found["best_partition"] == "gpu-h100s"
    assert [p["name"] for p in found["matching_partitions"]] == [
        "gpu-h100s",
        "gpu-h100",
        "gpu-h100l",
    ]
    assert found["request"] == {
        "cpus": 32,
        "memory_mb": 65536,
        "walltime_secs": 7200,
        "gpus": 2,
        "nodes": 1,
    }
    done = cli("hpc", "match", "kestrel", "--cpus", "4", "--memory", "4g", "--walltime", "300h")
    assert done.returncode == 1
    assert done.stdout.strip() == (
        "No matching partition: 300h walltime exceeds the longest limit of profile 'kestrel' "
        "(long: 240h) by 60h"
    )
    assert cli.fails("hpc", "match", "kestrel", "--memory", "lots").startswith(
        "torc: 'lots' is not a memory size"
    )


def test_custom_profile_from_the_configuration(cli: Cli) -> None:
    cli = with_research(no_cluster(cli))
    cli.env["CLUSTER_NAME"] = "research"
    table = cli.ok("hpc", "list")
    assert "│ research │ Research Cluster │ 4          │ ✓        │" in table
    assert cli.json("hpc", "detect")["name"] == "research"
    partitions = cli.ok("hpc", "partitions", "research")
    assert "│ gpu   │ 32        │ 256 GB   │ 48h          │ 4 (A100) │" in partitions
    # the tutorial's expectations
    best = [
        cli.json("hpc", "match", "research", *args)["best_partition"]
        for args in (
            ("--cpus", "8", "--memory", "16g", "--walltime", "2h"),
            ("--cpus", "16", "--memory", "64g", "--walltime", "8h", "--gpus", "2"),
            ("--cpus", "24", "--memory", "512g", "--walltime", "24h"),
        )
    ]
    assert best == ["short", "gpu", "himem"]
    shown = cli.json("hpc", "show", "research")
    assert (shown["source"], shown["default_account"]) == ("custom", "my_project")
    assert cli.json("hpc", "show", "kestrel")["default_account"] == "kestrel_acct"
