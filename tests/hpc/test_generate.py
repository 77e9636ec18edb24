"""`torc slurm generate` and `torc submit-slurm` as a user runs them: the guide's examples, staged
allocations, every input format, and the output accepted by `torc workflows create`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from tests.cli.conftest import Cli
from tests.hpc.test_hpc_cli import no_cluster, with_research

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

PIPELINE = """
name: data_analysis_pipeline
description: Analyze experimental data with preprocessing, training, and evaluation

resource_requirements:
  - name: light
    num_cpus: 4
    memory: 8g
    runtime: PT30M
  - name: compute
    num_cpus: 32
    memory: 64g
    runtime: PT2H
  - name: gpu
    num_cpus: 16
    num_gpus: 2
    memory: 128g
    runtime: PT4H

jobs:
  - name: preprocess
    command: python preprocess.py --input data/ --output processed/
    resource_requirements: light
  - name: train_model
    command: python train.py --data processed/ --output model/
    resource_requirements: gpu
    depends_on: [preprocess]
  - name: evaluate
    command: python evaluate.py --model model/ --output results/
    resource_requirements: compute
    depends_on: [train_model]
  - name: generate_report
    command: python report.py --results results/
    resource_requirements: light
    depends_on: [evaluate]
"""

FAN = """
name: fan_out_fan_in
resource_requirements:
  - name: small
    num_cpus: 2
    memory: 4g
    runtime: PT1H
  - name: work
    num_cpus: 26
    memory: 50g
    runtime: PT1H
  - name: train
    num_cpus: 32
    num_gpus: 1
    memory: 64g
    runtime: PT2H
jobs:
  - name: preprocess
    command: echo pre
    resource_requirements: small
  - name: "work_{i}"
    command: "echo {i}"
    resource_requirements: work
    depends_on: [preprocess]
    parameters:
      i: "1:100"
  - name: "train_{i}"
    command: "echo train {i}"
    resource_requirements: train
    depends_on: ["work_{i}"]
    parameters:
      i: "1:8"
  - name: postprocess
    command: echo post
    resource_requirements: small
    depends_on_regexes: ["^train_.*"]
"""


def write(cli: Cli, text: str, name: str = "workflow.yaml") -> Path:
    path = cli.cwd / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def read_yaml(text: str) -> Any:
    return YAML(typ="safe").load(text)


def generate(cli: Cli, path: Path, *args: str) -> dict[str, Any]:
    return read_yaml(cli.ok("slurm", "generate", "--account", "myproject", *args, str(path)))


def test_the_guides_pipeline_on_kestrel(cli: Cli) -> None:
    path = write(cli, PIPELINE)
    spec = generate(cli, path, "--profile", "kestrel")
    assert {job["name"]: job["scheduler"] for job in spec["jobs"]} == {
        "preprocess": "light_scheduler",
        "train_model": "gpu_scheduler",
        "evaluate": "compute_scheduler",
        "generate_report": "light_scheduler",
    }
    schedulers = {s["name"]: s for s in spec["slurm_schedulers"]}
    assert schedulers["light_scheduler"] == {
        "name": "light_scheduler",
        "account": "myproject",
        "nodes": 1,
        "walltime": "04:00:00",  # short's limit: the guide's conservative walltime
        "mem": "8g",
    }
    gpu = schedulers["gpu_scheduler"]
    assert (gpu["gres"], gpu["mem"], gpu["walltime"]) == ("gpu:2", "128g", "04:00:00")
    assert "partition" not in gpu  # gpu-h100s is auto-routed
    assert schedulers["compute_scheduler"]["walltime"] == "04:00:00"
    # one allocation at the start; each later stage when its jobs become ready
    assert spec["actions"] == [
        {
            "trigger_type": "on_workflow_start",
            "action_type": "schedule_nodes",
            "scheduler": "light_scheduler",
            "scheduler_type": "slurm",
            "num_allocations": 1,
        },
        *(
            {
                "trigger_type": "on_jobs_ready",
                "action_type": "schedule_nodes",
                "jobs": [job],
                "scheduler": scheduler,
                "scheduler_type": "slurm",
                "num_allocations": 1,
            }
            for job, scheduler in (
                ("train_model", "gpu_scheduler"),
                ("evaluate", "compute_scheduler"),
                ("generate_report", "light_scheduler"),
            )
        ),
    ]
    out = cli.cwd / "with_schedulers.yaml"
    assert (
        cli.ok(
            "slurm",
            "generate",
            "--account",
            "myproject",
            "--profile",
            "kestrel",
            str(path),
            "-o",
            str(out),
        )
        == ""
    )
    assert read_yaml(out.read_text()) == spec
    report = cli.ok("workflows", "create", "--dry-run", str(out))
    assert "Slurm schedulers: 3" in report and "Workflow actions: 4" in report
    assert "Validation: PASSED" in report


def test_stages_gpu_and_cpu_groups_and_parameterized_jobs(cli: Cli) -> None:
    path = write(cli, FAN)
    out = cli.cwd / "generated.yaml"
    cli.ok(
        "slurm",
        "generate",
        "--account",
        "acct",
        "--profile",
        "kestrel",
        "--walltime-strategy",
        "max-job-runtime",
        str(path),
        "-o",
        str(out),
    )
    spec = read_yaml(out.read_text())
    # parameterized entries stay parameterized, with their scheduler
    work = next(job for job in spec["jobs"] if job["name"] == "work_{i}")
    assert work["parameters"] == {"i": "1:100"} and work["scheduler"] == "work_scheduler"
    schedulers = {s["name"]: s for s in spec["slurm_schedulers"]}
    # 26 CPUs is small (<= 26 CPUs, <= 60,000 MB) but Kestrel's shared partitions need an
    # explicit request, so short; 4 at once per 104-CPU node, 1 h jobs in 1.5 h: one slot
    assert schedulers["work_scheduler"] == {
        "name": "work_scheduler",
        "account": "acct",
        "nodes": 1,
        "walltime": "01:30:00",
        "mem": "200g",
    }
    assert schedulers["train_scheduler"]["gres"] == "gpu:4"  # 4 one-GPU jobs per node
    assert schedulers["train_scheduler"]["walltime"] == "03:00:00"
    actions = [
        (a["trigger_type"], a["scheduler"], len(a.get("jobs", [])), a["num_allocations"])
        for a in spec["actions"]
    ]
    assert actions == [
        ("on_workflow_start", "small_scheduler", 0, 1),
        ("on_jobs_ready", "work_scheduler", 100, 25),  # 100 jobs, 4 per allocation
        ("on_jobs_ready", "train_scheduler", 8, 2),
        ("on_jobs_ready", "small_scheduler", 1, 1),
    ]
    # the server takes it, and plans the same stages
    created = cli.json("workflows", "create", str(out))
    assert created["jobs"] == 110 and created["slurm_schedulers"] == 3 and created["actions"] == 4
    plan = cli.json("workflows", "execution-plan", str(created["id"]))
    allocated = [
        [(a["scheduler"], a["num_allocations"]) for a in stage["scheduler_allocations"]]
        for stage in plan["stages"]
    ]
    assert allocated == [
        [("small_scheduler", 1)],
        [("work_scheduler", 25)],
        [("train_scheduler", 2)],
        [("small_scheduler", 1)],
    ]


def test_group_by_partition_and_single_allocation(cli: Cli) -> None:
    path = write(cli, FAN)
    spec = generate(cli, path, "--profile", "kestrel", "--group-by", "partition")
    schedulers = {s["name"]: s for s in spec["slurm_schedulers"]}
    assert set(schedulers) == {"short_scheduler", "gpu-h100s_scheduler"}
    assert schedulers["short_scheduler"]["mem"] == "200g"  # 4 work jobs of 50g at once
    assert {job["name"]: job["scheduler"] for job in spec["jobs"]} == {
        "preprocess": "short_scheduler",
        "work_{i}": "short_scheduler",
        "train_{i}": "gpu-h100s_scheduler",
        "postprocess": "short_scheduler",
    }
    # 100 one-hour work jobs, 4 at once, 4 slots in short's 4 h: 7 allocations
    assert [(a["scheduler"], a["num_allocations"]) for a in spec["actions"]] == [
        ("short_scheduler", 1),
        ("short_scheduler", 7),
        ("gpu-h100s_scheduler", 1),
        ("short_scheduler", 1),
    ]
    # one 25-node allocation with a worker per node instead of 25 single-node ones
    single = generate(
        cli,
        path,
        "--profile",
        "kestrel",
        "--walltime-strategy",
        "max-job-runtime",
        "--single-allocation",
    )
    work = next(s for s in single["slurm_schedulers"] if s["name"] == "work_scheduler")
    assert work["nodes"] == 25
    (action,) = [a for a in single["actions"] if a["scheduler"] == "work_scheduler"]
    assert (action["num_allocations"], action["start_one_worker_per_node"]) == (1, True)
    out = cli.cwd / "single.yaml"
    out.write_text(
        cli.ok(
            "slurm",
            "generate",
            "--account",
            "a",
            "--profile",
            "kestrel",
            "--single-allocation",
            str(path),
        )
    )
    assert "Validation: PASSED" in cli.ok("workflows", "create", "--dry-run", str(out))


def test_every_input_format(cli: Cli) -> None:
    for source in (
        EXAMPLES / "kdl" / "multi_stage_barrier_pattern.kdl",
        EXAMPLES / "json5" / "multi_stage_barrier_pattern.json5",
        EXAMPLES / "yaml" / "multi_stage_barrier_pattern.yaml",
    ):
        out = cli.cwd / f"{source.suffix[1:]}.json"
        cli.ok(
            "slurm",
            "generate",
            "--account",
            "a",
            "--profile",
            "dane",
            "--force",
            str(source),
            "-o",
            str(out),
        )
        spec = json.loads(out.read_text())
        assert {s["name"] for s in spec["slurm_schedulers"]} >= {"tiny_scheduler"}
        assert spec["actions"][0]["trigger_type"] == "on_workflow_start"
        report = cli.ok("workflows", "create", "--dry-run", str(out))
        assert "Validation: PASSED" in report, report
    # JSON in, JSON out on stdout
    json_path = cli.cwd / "pipeline.json"
    json_path.write_text(json.dumps(read_yaml(textwrap.dedent(PIPELINE))))
    spec = json.loads(
        cli.ok("slurm", "generate", "--account", "a", "--profile", "kestrel", str(json_path))
    )
    assert {s["walltime"] for s in spec["slurm_schedulers"]} == {"04:00:00"}
    # -f json asks for JSON whatever the input
    path = write(cli, PIPELINE)
    as_json = cli.json("slurm", "generate", "--account", "a", "--profile", "kestrel", str(path))
    assert as_json == spec


def test_options_and_errors(cli: Cli) -> None:
    cli = no_cluster(cli)
    path = write(cli, PIPELINE)
    spec = generate(cli, path, "--profile", "kestrel", "--no-actions")
    assert "actions" not in spec and len(spec["slurm_schedulers"]) == 3
    # existing schedulers are kept unless --force
    out = cli.cwd / "once.yaml"
    cli.ok("slurm", "generate", "--account", "a", "--profile", "kestrel", str(path), "-o", str(out))
    assert cli.fails("slurm", "generate", "--account", "a", "--profile", "kestrel", str(out)) == (
        "torc: the workflow already has Slurm schedulers or schedule_nodes actions: "
        "use --force to replace them"
    )
    again = generate(
        cli, out, "--profile", "kestrel", "--force", "--walltime-strategy", "max-job-runtime"
    )
    assert len(again["slurm_schedulers"]) == 3 and len(again["actions"]) == 4
    assert again["slurm_schedulers"][0]["walltime"] == "00:45:00"  # 30 min x 1.5
    assert cli.fails("slurm", "generate", "--account", "a", "--profile", "dane", str(path)) == (
        "torc: job 'train_model' (resource requirements 'gpu'): 2 GPUs requested but no "
        "partition of profile 'dane' has GPUs"
    )
    huge = write(cli, PIPELINE.replace("memory: 64g", "memory: 3000g"), "huge.yaml")
    assert cli.fails("slurm", "generate", "--account", "a", "--profile", "kestrel", str(huge)) == (
        "torc: job 'evaluate' (resource requirements 'compute'): 3000g memory exceeds the "
        "largest node of profile 'kestrel' (bigmem: 2000000 MB) by 1072000 MB"
    )
    assert cli.fails("slurm", "generate", "--account", "a", "--profile", "nope", str(path)) == (
        "torc: unknown HPC profile 'nope' (known: dane, kestrel, slurm)"
    )
    assert cli.fails("slurm", "generate", "--profile", "kestrel", str(path)) == (
        "torc: no Slurm account: give --account, or set default_account for profile 'kestrel' "
        "in [client.hpc] of the configuration"
    )
    with_default = write(cli, PIPELINE + "slurm_defaults:\n  account: from_spec\n", "d.yaml")
    generate_without_account = read_yaml(
        cli.ok("slurm", "generate", "--profile", "kestrel", str(with_default))
    )
    assert {s["account"] for s in generate_without_account["slurm_schedulers"]} == {"from_spec"}
    assert cli.fails("slurm", "generate", "--account", "a", str(path)).startswith(
        "torc: no HPC profile detected on this machine: give --profile"
    )
    assert (
        cli.fails(
            "slurm", "generate", "--account", "a", "--profile", "kestrel", str(path), "-o", "x.kdl"
        )
        == "torc: cannot write x.kdl: the output is YAML (.yaml, .yml) or JSON (.json, .json5)"
    )
    assert cli.fails("slurm", "generate", "--account", "a", "missing.yaml").startswith(
        "torc: missing.yaml: no such file"
    )


def test_an_entry_whose_jobs_use_different_requirements_names_its_scheduler_alike(cli: Cli) -> None:
    path = write(
        cli,
        """
        name: sizes
        resource_requirements:
          - {name: rr_small, num_cpus: 1, memory: 1g, runtime: PT10M}
          - {name: rr_large, num_cpus: 64, memory: 200g, runtime: PT10H}
        jobs:
          - name: "job_{size}_{i}"
            command: "run {size} {i}"
            resource_requirements: "rr_{size}"
            parameters:
              size: "[small, large]"
              i: "1:3"
        """,
    )
    out = cli.cwd / "sizes.yaml"
    cli.ok("slurm", "generate", "--account", "a", "--profile", "kestrel", str(path), "-o", str(out))
    spec = read_yaml(out.read_text())
    (entry,) = spec["jobs"]
    assert entry["scheduler"] == "rr_{size}_scheduler"
    assert {s["name"]: s["walltime"] for s in spec["slurm_schedulers"]} == {
        "rr_small_scheduler": "04:00:00",  # short
        "rr_large_scheduler": "2-00:00:00",  # standard
    }
    created = cli.json("workflows", "create", str(out))
    assert created["jobs"] == 6 and created["slurm_schedulers"] == 2


def test_custom_profile_and_its_default_account(cli: Cli) -> None:
    cli = with_research(no_cluster(cli))
    cli.env["CLUSTER_NAME"] = "research"  # detected: no --profile needed
    path = write(
        cli,
        """
        name: profile_test
        resource_requirements:
          - name: standard
            num_cpus: 16
            memory: 64g
            runtime: PT2H
          - name: gpu_compute
            num_cpus: 16
            num_gpus: 2
            memory: 128g
            runtime: PT8H
        jobs:
          - name: preprocess
            command: echo "preprocessing"
            resource_requirements: standard
          - name: train
            command: echo "training"
            resource_requirements: gpu_compute
            depends_on: [preprocess]
        """,
    )
    spec = read_yaml(cli.ok("slurm", "generate", str(path)))
    schedulers = {s["name"]: s for s in spec["slurm_schedulers"]}
    assert {s["account"] for s in schedulers.values()} == {"my_project"}
    assert schedulers["standard_scheduler"]["walltime"] == "3-00:00:00"  # batch, 72 h
    assert schedulers["gpu_compute_scheduler"]["walltime"] == "2-00:00:00"  # gpu, 48 h


def test_create_slurm_creates_the_workflow_with_its_schedulers(cli: Cli) -> None:
    path = write(cli, PIPELINE)
    created = cli.json(
        "workflows", "create-slurm", "--account", "acct", "--profile", "kestrel", str(path)
    )
    assert (created["slurm_schedulers"], created["actions"]) == (3, 4)
    schedulers = cli.json("slurm", "list", str(created["id"]))["slurm_schedulers"]
    assert sorted(s["name"] for s in schedulers) == [
        "compute_scheduler",
        "gpu_scheduler",
        "light_scheduler",
    ]
    assert {s["account"] for s in schedulers} == {"acct"}


def test_submit_slurm_runs_the_staged_workflow_on_the_cluster(cli: Cli, slurm_cluster) -> None:
    """No profile given: this machine's cluster as sinfo describes it (`slurm`)."""
    from tests.slurm.test_submit_e2e import wait_allocations_done, wait_complete
    from torc import make_api
    from torc_runner.slurm import tools

    cli = no_cluster(cli)
    cli.env["SLURM_CONF"] = str(slurm_cluster.conf)
    path = write(
        cli,
        f"""
        name: submit_slurm_{cli.cwd.parent.name[-12:]}
        execution_config:
          staggered_start: false
        resource_requirements:
          - name: tiny
            num_cpus: 1
            memory: 100m
            runtime: PT1M
        jobs:
          - name: first
            command: echo first
            resource_requirements: tiny
          - name: second
            command: echo second
            resource_requirements: tiny
            depends_on: [first]
        """,
    )
    out = cli.json("submit-slurm", "--account", "torctest", str(path))
    workflow_id = out["workflow_id"]
    try:
        assert len(out["allocations"]) == 1  # the first stage's; the runner asks for the second
        schedulers = cli.json("slurm", "list", str(workflow_id))["slurm_schedulers"]
        assert [(s["name"], s["account"]) for s in schedulers] == [("tiny_scheduler", "torctest")]
        wait_complete(cli, workflow_id)
        jobs = cli.json("jobs", "list", str(workflow_id))["jobs"]
        assert {j["name"]: j["status"] for j in jobs} == {
            "first": "completed",
            "second": "completed",
        }
        assert len(wait_allocations_done(cli, workflow_id)) == 2  # one per stage
    finally:
        nodes = make_api(cli.url).iter_scheduled_compute_nodes(workflow_id)
        live = [str(n.scheduler_id) for n in nodes if n.status != "complete"]
        if live:
            tools.run(["scancel", *live])  # only this workflow's allocations
