"""The guide's complete workflow examples, verbatim: each validates as the guide says and the
server creates it from the one request."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RunningServer
from tests.spec.helpers import load
from tests.spec.test_expand import GRID, LR_SWEEP, SHARED
from tests.spec.test_formats import GUIDE_JSON5, GUIDE_KDL, GUIDE_YAML
from torc.spec import validate

HELLO = """
name: hello_world
description: Simple hello world workflow

jobs:
  - name: job 1
    command: echo "Hello from torc!"
  - name: job 2
    command: echo "Hello again from torc!"
"""

HPC_HELLO = """
name: hpc_hello_world
description: Simple HPC workflow

resource_requirements:
  - name: small
    num_cpus: 4
    memory: 8g
    runtime: PT30M

jobs:
  - name: job1
    command: echo "Hello from compute node!" && hostname
    resource_requirements: small

  - name: job2
    command: echo "Hello again!" && hostname
    resource_requirements: small
    depends_on: [job1]
"""

ANALYSIS = """
name: analysis_pipeline
description: Data processing pipeline

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
    num_cpus: 8
    num_gpus: 1
    memory: 32g
    runtime: PT1H

jobs:
  - name: preprocess
    command: python preprocess.py
    resource_requirements: light

  - name: train
    command: python train.py
    resource_requirements: gpu
    depends_on: [preprocess]

  - name: evaluate
    command: python evaluate.py
    resource_requirements: compute
    depends_on: [train]
"""

RESOURCE_BASED = """
resource_requirements:
  - name: "work_resources"
    num_cpus: 32
    memory: "200g"
    runtime: "PT4H"
    num_nodes: 1

parameters:
  i: "1:100"
jobs:
  - name: "work_{i}"
    command: bash my_script.sh {i}
    resource_requirements: work_resources
    use_parameters:
    - i
"""

USER_DATA_DEPENDENCIES = """
jobs:
  - name: generate_config
    command: make_config.py
    output_user_data:
      - config

  - name: run_simulation
    command: simulate.py
    input_user_data:
      - config  # Implicitly depends on generate_config

user_data:
  - name: config
"""

DATA_ANALYSIS = """
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

CHECKPOINT = """
name: ml_training_workflow
user: researcher

jobs:
  - name: preprocess
    command: python preprocess.py
    supports_termination: false  # Quick job, no checkpointing needed

  - name: train_model
    command: python train.py --checkpoint-dir /scratch/checkpoints
    supports_termination: true   # Long job, needs checkpointing
    depends_on:
      - preprocess
    resource_requirements:
      num_cpus: 8
      memory: 32g
      num_gpus: 1
      runtime: PT4H

  - name: evaluate
    command: python evaluate.py
    supports_termination: true
    depends_on:
      - train_model

slurm_schedulers:
  - name: gpu_scheduler
    account: my_project
    partition: gpu
    nodes: 1
    walltime: "04:00:00"
    extra: "--signal=B:TERM@300"  # Send SIGTERM to batch script 300 seconds before timeout

actions:
  - trigger_type: on_workflow_start
    action_type: schedule_nodes
    scheduler: gpu_scheduler
    scheduler_type: slurm
    num_allocations: 1
"""

WIZARD = """
{
  "name": "diamond-workflow",
  "description": "Fan-out and fan-in example",
  "jobs": [
    {
      "name": "preprocess",
      "command": "./preprocess.sh",
      "resource_requirements": "res_1cpu_1g"
    },
    {
      "name": "work1",
      "command": "./work1.sh",
      "depends_on": ["preprocess"],
      "resource_requirements": "res_8cpu_50g"
    },
    {
      "name": "work2",
      "command": "./work2.sh",
      "depends_on": ["preprocess"],
      "resource_requirements": "res_8cpu_50g"
    },
    {
      "name": "postprocess",
      "command": "./postprocess.sh",
      "depends_on": ["work1", "work2"],
      "resource_requirements": "res_1cpu_1g"
    }
  ],
  "resource_requirements": [
    {"name": "res_1cpu_1g", "num_cpus": 1, "memory": "1g", "num_gpus": 0, "num_nodes": 1, "runtime": "PT1H"},
    {"name": "res_8cpu_50g", "num_cpus": 8, "memory": "50g", "num_gpus": 0, "num_nodes": 1, "runtime": "PT1H"}
  ]
}
"""

PROFILE_TEST = """
# test_workflow.yaml
name: profile_test
description: Test custom HPC profile

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
"""

BARRIER_DEMO = """
name: "Barrier Pattern Demo"
description: "Simple demonstration of the barrier pattern"

jobs:
  # Stage 1: Generate 100 data files
  - name: "generate_data_{i:02d}"
    command: "echo 'Data file {i}' > output/data_{i:02d}.txt"
    parameters:
      i: "0:99"

  # Barrier: Wait for all data generation
  - name: "data_generation_complete"
    command: "echo 'All 100 data files generated' && ls -l output/ | wc -l"
    depends_on_regexes: ["^generate_data_.*"]

  # Stage 2: Process each data file
  - name: "process_data_{i:02d}"
    command: "cat output/data_{i:02d}.txt | wc -w > output/processed_{i:02d}.txt"
    depends_on: ["data_generation_complete"]
    parameters:
      i: "0:99"

  # Final barrier and report
  - name: "processing_complete"
    command: "echo 'All 100 files processed' && cat output/processed_*.txt | awk '{sum+=$1} END {print sum}'"
    depends_on_regexes: ["^process_data_.*"]
"""

EXAMPLES: dict[str, tuple[str, str, dict[str, int]]] = {
    # name: (file name, text, expected components)
    "hello": ("workflow.yaml", HELLO, {"jobs": 2, "dependencies": 0}),
    "hpc_hello": ("workflow.yaml", HPC_HELLO, {"jobs": 2, "dependencies": 1}),
    "analysis": ("workflow.yaml", ANALYSIS, {"jobs": 3, "resource_requirements": 3}),
    "resource_based": ("example2.yaml", RESOURCE_BASED, {"jobs": 100, "job_specs": 1}),
    "user_data_deps": ("deps.yaml", USER_DATA_DEPENDENCIES, {"jobs": 2, "user_data": 1}),
    "data_analysis": ("workflow.yaml", DATA_ANALYSIS, {"jobs": 4, "dependencies": 3}),
    "checkpoint": ("ckpt.yaml", CHECKPOINT, {"jobs": 3, "slurm_schedulers": 1, "actions": 1}),
    "wizard": ("wizard.json", WIZARD, {"jobs": 4, "dependencies": 4}),
    "profile_test": ("test_workflow.yaml", PROFILE_TEST, {"jobs": 2}),
    # The tutorial prints "202 jobs, 201 dependencies"; its spec has 100 + 100 + 100 edges.
    "barrier_demo": ("barrier_demo.yaml", BARRIER_DEMO, {"jobs": 202, "dependencies": 300}),
    "formats_yaml": ("w.yaml", GUIDE_YAML, {"jobs": 2, "files": 2, "actions": 1}),
    "formats_json5": ("w.json5", GUIDE_JSON5, {"jobs": 2, "files": 2, "actions": 1}),
    "formats_kdl": ("w.kdl", GUIDE_KDL, {"jobs": 2, "files": 2, "actions": 1}),
    "shared_parameters": ("shared.yaml", SHARED, {"jobs": 19, "files": 18, "dependencies": 18}),
    "lr_sweep": ("learning_rate_sweep.yaml", LR_SWEEP, {"jobs": 11, "files": 10}),
    "grid_search": ("grid_search.yaml", GRID, {"jobs": 21, "files": 37}),
}


@pytest.mark.parametrize("example", list(EXAMPLES))
def test_guide_example_validates_and_creates(
    example: str, tmp_path: Path, server: RunningServer
) -> None:
    import torc
    from torc.spec import post_spec

    filename, text, expected = EXAMPLES[example]
    spec = load(tmp_path, filename, text)
    report = validate(spec)
    assert report.valid, report.errors
    assert not report.errors
    for key, value in expected.items():
        assert report.components[key] == value, (key, report.components)
    created = post_spec(torc.make_api(server.url), spec)
    assert len(created.job_ids) == report.components["jobs"]
    assert created.workflow.name == spec.name


def test_checkpoint_example_inline_requirements(tmp_path: Path) -> None:
    spec = load(tmp_path, "ckpt.yaml", CHECKPOINT)
    train = next(j for j in spec.jobs if j["name"] == "train_model")
    assert train["resource_requirements"] == "inline_8cpu_1gpu_1node_32g_PT4H"
    assert spec.resource_requirements == [
        {
            "name": "inline_8cpu_1gpu_1node_32g_PT4H",
            "num_cpus": 8,
            "num_gpus": 1,
            "num_nodes": 1,
            "memory": "32g",
            "runtime": "PT4H",
        }
    ]
    assert spec.user == "researcher"


def test_guide_fragments_that_leave_out_definitions_are_reported(tmp_path: Path) -> None:
    """Snippets such as the guide's "File Dependencies" name files they never define: the
    report says so instead of inventing them."""
    report = validate(
        load(
            tmp_path,
            "fragment.yaml",
            """
            jobs:
              - name: preprocess
                command: process.sh
                output_files:
                  - intermediate_data

              - name: analyze
                command: analyze.sh
                input_files:
                  - intermediate_data  # Implicitly depends on preprocess
            """,
        )
    )
    assert report.errors == [
        f"{tmp_path / 'fragment.yaml'}:9: Job 'analyze' input_files references file "
        "'intermediate_data', which is not defined",
        f"{tmp_path / 'fragment.yaml'}:4: Job 'preprocess' output_files references file "
        "'intermediate_data', which is not defined",
    ]
