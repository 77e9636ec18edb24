"""The built-in profiles load from their TOML files with the documented partitions; detection by
environment and host name; custom profiles and overrides from `[client.hpc]`; units."""

from __future__ import annotations

import pytest

from torc_hpc import ProfileError, units
from torc_hpc.profiles import builtin_profiles, data_files
from torc_hpc.registry import Registry

KESTREL = [
    # name, cpus, memory MB, max walltime h, gpus, explicit
    ("debug", 104, 240000, 1, 2, True),
    ("short", 104, 240000, 4, 0, False),
    ("standard", 104, 240000, 48, 0, False),
    ("long", 104, 240000, 240, 0, False),
    ("medmem", 104, 1000000, 240, 0, False),
    ("bigmem", 104, 2000000, 48, 0, False),
    ("bigmeml", 104, 2000000, 240, 0, False),
    ("hbw", 104, 240000, 48, 0, True),
    ("hbwl", 104, 240000, 240, 0, True),
    ("nvme", 104, 240000, 48, 0, True),
    ("shared", 104, 240000, 48, 0, True),
    ("sharedl", 104, 240000, 240, 0, True),
    ("gpu-h100s", 128, 360000, 4, 4, False),
    ("gpu-h100", 128, 360000, 48, 4, False),
    ("gpu-h100l", 128, 360000, 240, 4, False),
]
DANE = [
    ("pdebug", 1, True),
    ("pbatch", 24, False),
    ("pci", 24, True),
    ("pserial", 168, True),
    ("pjupyter", 24, True),
    ("pall", 8760, True),
]


def test_the_profiles_are_one_toml_file_per_system() -> None:
    assert sorted(p.name for p in data_files()) == ["dane.toml", "kestrel.toml"]
    assert sorted(p.name for p in builtin_profiles()) == ["dane", "kestrel"]


def test_kestrel_has_its_documented_partitions_in_order() -> None:
    kestrel = Registry.load().get("kestrel")
    assert kestrel.display_name == "NREL Kestrel"
    assert (kestrel.charge_factor_cpu, kestrel.charge_factor_gpu) == (10.0, 100.0)
    found = [
        (
            p.name,
            p.cpus_per_node,
            p.memory_mb,
            p.max_walltime_secs // 3600,
            p.gpus_per_node,
            p.requires_explicit_request,
        )
        for p in kestrel.partitions
    ]
    assert found == KESTREL
    assert kestrel.partition("hbw").min_nodes == 2
    assert kestrel.partition("bigmem").local_disk_gb == 5600
    assert kestrel.partition("nvme").local_disk_gb == 1700
    assert kestrel.partition("standard").max_nodes_per_user == 1050
    h100 = kestrel.partition("gpu-h100")
    assert (h100.gpu_type, h100.gpu_memory_gb, h100.shared) == ("H100", 80, True)


def test_dane_has_six_partitions_of_112_cpus_and_pbatch_is_the_default() -> None:
    dane = Registry.load().get("dane")
    assert [
        (p.name, p.max_walltime_secs // 3600, p.requires_explicit_request) for p in dane.partitions
    ] == DANE
    assert {(p.cpus_per_node, p.memory_mb, p.gpus_per_node) for p in dane.partitions} == {
        (112, 257054, 0)
    }
    assert dane.default_partition.name == "pbatch"
    assert dane.partition("pjupyter").shared


@pytest.mark.parametrize(
    ("environ", "hostname", "expected"),
    [
        ({"NREL_CLUSTER": "kestrel"}, "laptop", "kestrel"),
        ({"CLUSTER": "dane"}, "laptop", "dane"),
        ({}, "kl3.hpc.nrel.gov", "kestrel"),
        ({}, "x1008c0s2b0n1", "kestrel"),
        ({}, "dane17", "dane"),
        ({"NREL_CLUSTER": "eagle"}, "laptop", None),
        ({"CLUSTER": "danelike"}, "mydane17x", None),
    ],
)
def test_detection_by_environment_then_hostname(
    environ: dict[str, str], hostname: str, expected: str | None
) -> None:
    found = Registry.load().detect(environ, hostname, use_sinfo=False)
    assert (found.name if found else None) == expected


def test_environment_wins_over_hostname() -> None:
    found = Registry.load().detect({"CLUSTER": "dane"}, "kl1", use_sinfo=False)
    assert found.name == "dane"


CUSTOM = {
    "profile_overrides": {"kestrel": {"default_account": "acct"}},
    "custom_profiles": {
        "research": {
            "display_name": "Research Cluster",
            "detect_env_var": "CLUSTER_NAME=research",
            "detect_hostname": r".*\.research\.edu",
            "default_account": "my_project",
            "partitions": [
                {
                    "name": "batch",
                    "cpus_per_node": 48,
                    "memory_mb": 192000,
                    "max_walltime_secs": 259200,
                    "max_nodes_per_user": 8,
                    "default": True,
                },
                {
                    "name": "gpu",
                    "cpus_per_node": 32,
                    "memory_mb": 256000,
                    "max_walltime_secs": 172800,
                    "gpus_per_node": 4,
                    "gpu_type": "A100",
                },
            ],
        }
    },
}


def test_custom_profiles_and_overrides_come_from_the_configuration() -> None:
    known = Registry.load(CUSTOM)
    assert known.names[0] == "research"  # custom profiles are detected first
    research = known.get("research")
    assert research.source == "custom"
    assert [p.name for p in research.partitions] == ["batch", "gpu"]
    assert research.partition("gpu").gpu_type == "A100"
    assert research.default_partition.name == "batch"
    assert research.partition("batch").node_limit == 8
    assert known.get("kestrel").default_account == "acct"
    assert known.detect({"CLUSTER_NAME": "research"}, "x", use_sinfo=False).name == "research"
    assert known.detect({}, "login1.research.edu", use_sinfo=False).name == "research"


def test_a_custom_profile_replaces_a_builtin_one_of_the_same_name() -> None:
    config = {"custom_profiles": {"kestrel": CUSTOM["custom_profiles"]["research"]}}
    known = Registry.load(config)
    assert known.names.count("kestrel") == 1
    assert [p.name for p in known.get("kestrel").partitions] == ["batch", "gpu"]


def test_bad_custom_profiles_and_unknown_names_are_one_line_errors() -> None:
    with pytest.raises(ProfileError, match="detect_env_var must be NAME=value"):
        Registry.load(
            {
                "custom_profiles": {
                    "x": {
                        "detect_env_var": "X",
                        "partitions": [
                            {
                                "name": "a",
                                "cpus_per_node": 1,
                                "memory_mb": 1,
                                "max_walltime_secs": 1,
                            }
                        ],
                    }
                }
            }
        )
    with pytest.raises(ProfileError, match="needs at least one partition"):
        Registry.load({"custom_profiles": {"x": {"partitions": []}}})
    with pytest.raises(
        ProfileError, match=r"unknown HPC profile 'nope' \(known: dane, kestrel, slurm\)"
    ):
        Registry.load().get("nope")


@pytest.mark.parametrize(
    ("text", "mb"),
    [("64g", 65536), ("512m", 512), ("1T", 1048576), ("2048k", 2), ("1.5g", 1536), ("100", 1)],
)
def test_memory_sizes(text: str, mb: int) -> None:
    assert units.memory_mb(text) == mb


@pytest.mark.parametrize(
    ("text", "secs"),
    [
        ("2h", 7200),
        ("30m", 1800),
        ("3600s", 3600),
        ("04:00:00", 14400),
        ("1-12:00:00", 129600),
        ("PT1H30M", 5400),
        ("P2DT4H", 187200),
        ("30:00", 1800),
    ],
)
def test_durations(text: str, secs: int) -> None:
    assert units.duration_secs(text) == secs


def test_bad_units_say_what_to_write() -> None:
    with pytest.raises(units.UnitError, match="not a memory size"):
        units.memory_mb("lots")
    with pytest.raises(units.UnitError, match="not a duration"):
        units.duration_secs("3600")  # Slurm's bare minutes only where sinfo prints them
    assert units.duration_secs("60", bare_minutes=True) == 3600
    assert units.slurm_time(129600) == "1-12:00:00"
    assert units.slurm_time(14400) == "04:00:00"


def test_the_reference_page_lists_every_builtin_partition_as_the_data_has_it() -> None:
    from pathlib import Path

    page = (Path(__file__).resolve().parents[2] / "docs" / "hpc-profiles.md").read_text()
    kestrel = Registry.load().get("kestrel")
    for p in kestrel.partitions:
        row = f"| {p.name} | {p.cpus_per_node} | {p.memory_mb} | {p.max_walltime_secs // 3600}h |"
        assert row in page, row
    for p in Registry.load().get("dane").partitions:
        assert f"| {p.name} | {p.max_walltime_secs // 3600}h |" in page, p.name
