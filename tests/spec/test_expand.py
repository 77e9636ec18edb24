"""Parameter expansion with the guide's examples: exact names, values, references and order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec.helpers import job, job_names, load, load_error
from torc.spec import load_spec, validate


def test_basic_substitution(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: basic
        jobs:
          - name: job_{i}
            command: python train.py --run={i}
            parameters:
              i: "1:5"
        """,
    )
    assert job_names(spec) == ["job_1", "job_2", "job_3", "job_4", "job_5"]
    assert spec.jobs[0]["command"] == "python train.py --run=1"
    assert "parameters" not in spec.jobs[0]


def test_zero_padded_hundred_jobs(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "hundred_jobs.yaml",
        """
        name: hundred_jobs_parallel
        description: 100 independent jobs that can run in parallel
        jobs:
          - name: job_{i:03d}
            command: |
              echo "Running job {i}"
              sleep $((RANDOM % 10 + 1))
              echo "Job {i} completed"
            resource_requirements: minimal
            parameters:
              i: "1:100"
        resource_requirements:
          - name: minimal
            num_cpus: 1
            num_gpus: 0
            num_nodes: 1
            memory: 1g
            runtime: PT5M
        """,
    )
    names = job_names(spec)
    assert len(names) == 100 and names[0] == "job_001" and names[-1] == "job_100"
    assert spec.jobs[41]["command"] == (
        'echo "Running job 42"\nsleep $((RANDOM % 10 + 1))\necho "Job 42 completed"\n'
    )
    report = validate(spec)
    assert report.valid
    assert report.components["jobs"] == 100 and report.components["job_specs"] == 1


def test_float_precision_and_multiple_decimals(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: f
        jobs:
          - name: train_lr{lr:.4f}
            command: python train.py --lr={lr}
            parameters:
              lr: "[0.0001,0.001,0.01]"
        files:
          - name: result_{threshold:.2f}
            path: /results/threshold_{threshold:.2f}.csv
            parameters:
              threshold: "0.1:1.0:0.1"
        """,
    )
    assert job_names(spec) == ["train_lr0.0001", "train_lr0.0010", "train_lr0.0100"]
    assert [j["command"] for j in spec.jobs] == [
        "python train.py --lr=0.0001",
        "python train.py --lr=0.001",
        "python train.py --lr=0.01",
    ]
    assert [f["name"] for f in spec.files] == [f"result_{k / 10:.2f}" for k in range(1, 11)]
    assert spec.files[-1] == {"name": "result_1.00", "path": "/results/threshold_1.00.csv"}


def test_hyperparameter_sweep_product_order(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: sweep
        jobs:
          - name: train_lr{lr:.4f}_bs{batch_size}
            command: |
              python train.py \\
                --learning-rate={lr} \\
                --batch-size={batch_size}
            parameters:
              lr: "[0.0001,0.001,0.01]"
              batch_size: "[16,32,64]"
          - name: process_{dataset}_rep{rep:02d}
            command: python process.py --data={dataset} --replicate={rep}
            parameters:
              dataset: "['train','validation','test']"
              rep: "1:5"
        """,
    )
    names = job_names(spec)
    assert names[:5] == [
        "train_lr0.0001_bs16",
        "train_lr0.0001_bs32",
        "train_lr0.0001_bs64",
        "train_lr0.0010_bs16",
        "train_lr0.0010_bs32",
    ]
    assert len(names) == 9 + 15
    assert names[9:11] == ["process_train_rep01", "process_train_rep02"]
    assert names[-1] == "process_test_rep05"
    assert spec.jobs[0]["command"] == (
        "python train.py \\\n  --learning-rate=0.0001 \\\n  --batch-size=16\n"
    )


def test_parameterized_dependencies(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: deps
        jobs:
          - name: generate_{config}
            command: python generate.py --config={config}
            output_files:
              - data_{config}
            parameters:
              config: "['A','B','C']"
          - name: process_{config}
            command: python process.py --input=data_{config}.pkl
            input_files:
              - data_{config}
            depends_on:
              - generate_{config}
            parameters:
              config: "['A','B','C']"
        files:
          - name: data_{config}
            path: /data/{config}.pkl
            parameters:
              config: "['A','B','C']"
        """,
    )
    assert len(spec.jobs) == 6
    assert job(spec, "process_B")["depends_on"] == ["generate_B"]
    assert job(spec, "process_B")["input_files"] == ["data_B"]
    assert job(spec, "generate_C")["output_files"] == ["data_C"]
    assert validate(spec).valid


def test_parameterized_files_and_user_data(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: fu
        jobs: []
        files:
          - name: model_{run_id:03d}
            path: /models/run_{run_id:03d}.pt
            parameters:
              run_id: "1:100"
        user_data:
          - name: config_{experiment}
            data:
              experiment: "{experiment}"
              learning_rate: 0.001
              tags: ["{experiment}", fixed]
            parameters:
              experiment: "['baseline','ablation','full']"
        """,
    )
    assert len(spec.files) == 100
    assert spec.files[6] == {"name": "model_007", "path": "/models/run_007.pt"}
    assert spec.user_data == [
        {
            "name": f"config_{e}",
            "data": {"experiment": e, "learning_rate": 0.001, "tags": [e, "fixed"]},
        }
        for e in ("baseline", "ablation", "full")
    ]


SHARED = """
name: hyperparameter_sweep
parameters:
  lr: "[0.0001,0.001,0.01]"
  batch_size: "[16,32,64]"
  optimizer: "['adam','sgd']"

jobs:
  # Training jobs - inherit parameters via use_parameters
  - name: train_lr{lr:.4f}_bs{batch_size}_opt{optimizer}
    command: python train.py --lr={lr} --batch-size={batch_size} --optimizer={optimizer}
    use_parameters:
      - lr
      - batch_size
      - optimizer

  # Aggregate results - also uses shared parameters
  - name: aggregate_results
    command: python aggregate.py
    depends_on:
      - train_lr{lr:.4f}_bs{batch_size}_opt{optimizer}
    use_parameters:
      - lr
      - batch_size
      - optimizer

files:
  - name: model_lr{lr:.4f}_bs{batch_size}_opt{optimizer}
    path: /models/model_lr{lr:.4f}_bs{batch_size}_opt{optimizer}.pt
    use_parameters:
      - lr
      - batch_size
      - optimizer
"""


def test_shared_parameters(tmp_path: Path) -> None:
    spec = load(tmp_path, "shared.yaml", SHARED)
    trains = [n for n in job_names(spec) if n.startswith("train_")]
    assert len(trains) == 18
    assert trains[0] == "train_lr0.0001_bs16_optadam"
    assert trains[1] == "train_lr0.0001_bs16_optsgd"
    assert job(spec, "train_lr0.0100_bs64_optsgd")["command"] == (
        "python train.py --lr=0.01 --batch-size=64 --optimizer=sgd"
    )
    # a name without placeholders is one job; its references take every value
    assert job(spec, "aggregate_results")["depends_on"] == trains
    assert len(spec.files) == 18
    assert spec.files[0]["path"] == "/models/model_lr0.0001_bs16_optadam.pt"
    report = validate(spec)
    assert report.valid and report.components["dependencies"] == 18


def test_selective_inheritance_and_local_override(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: selective
        parameters:
          lr: "[0.0001,0.001,0.01]"
          batch_size: "[16,32,64]"
          dataset: "['train','validation']"
        jobs:
          - name: train_lr{lr:.4f}_bs{batch_size}
            command: python train.py --lr={lr} --batch-size={batch_size}
            use_parameters:
              - lr
              - batch_size
          - name: prepare_{dataset}
            command: python prepare.py --dataset={dataset}
            use_parameters:
              - dataset
          - name: special_lr{lr:.4f}
            command: python special.py --lr={lr}
            parameters:
              lr: "[0.01,0.1]"  # Local override - ignores workflow's lr
          - name: mixed_lr{lr:.4f}_bs{batch_size}
            command: x
            use_parameters: [lr, batch_size]
            parameters:
              lr: "[0.5]"
        """,
    )
    names = job_names(spec)
    assert len([n for n in names if n.startswith("train_")]) == 9
    assert [n for n in names if n.startswith("prepare_")] == ["prepare_train", "prepare_validation"]
    assert [n for n in names if n.startswith("special_")] == [
        "special_lr0.0100",
        "special_lr0.1000",
    ]
    assert [n for n in names if n.startswith("mixed_")] == [
        "mixed_lr0.5000_bs16",
        "mixed_lr0.5000_bs32",
        "mixed_lr0.5000_bs64",
    ]


def test_product_and_zip_modes(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: modes
        jobs:
          - name: job_{a}_{b}
            command: echo {a} {b}
            parameters:
              a: "[1, 2, 3]"
              b: "['x', 'y', 'z']"
          - name: train_{dataset}_{model}
            command: python train.py --dataset={dataset} --model={model}
            parameters:
              dataset: "['cifar10', 'mnist', 'imagenet']"
              model: "['resnet', 'cnn', 'transformer']"
            parameter_mode: zip
        """,
    )
    assert job_names(spec) == [
        "job_1_x", "job_1_y", "job_1_z", "job_2_x", "job_2_y", "job_2_z",
        "job_3_x", "job_3_y", "job_3_z",
        "train_cifar10_resnet", "train_mnist_cnn", "train_imagenet_transformer",
    ]  # fmt: skip
    assert job(spec, "job_2_y")["command"] == "echo 2 y"


def test_zip_with_unequal_lengths_is_the_documented_error(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "zip.yaml",
        """
        name: z
        jobs:
          - name: train_{dataset}_{model}
            command: python train.py --dataset={dataset} --model={model}
            parameters:
              dataset: "['cifar10', 'mnist', 'imagenet']"
              model: "['resnet', 'cnn']"
            parameter_mode: zip
        """,
    )
    assert str(error) == (
        f"{tmp_path / 'zip.yaml'}:8: job 'train_{{dataset}}_{{model}}': All parameters must have "
        "the same number of values when using 'zip' mode. Parameter 'dataset' has 3 values, "
        "but 'model' has 2 values."
    )


LR_SWEEP = """
name: lr_sweep
description: Test different learning rates

jobs:
  - name: train_lr{lr:.4f}
    command: |
      python train.py \\
        --learning-rate={lr} \\
        --output=/models/model_lr{lr:.4f}.pt
    resource_requirements: gpu
    output_files:
      - model_lr{lr:.4f}
    parameters:
      lr: "[0.0001,0.0005,0.001,0.005,0.01]"

  - name: evaluate_lr{lr:.4f}
    command: |
      python evaluate.py \\
        --model=/models/model_lr{lr:.4f}.pt \\
        --output=/results/metrics_lr{lr:.4f}.json
    resource_requirements: gpu
    input_files:
      - model_lr{lr:.4f}
    output_files:
      - metrics_lr{lr:.4f}
    parameters:
      lr: "[0.0001,0.0005,0.001,0.005,0.01]"

  - name: compare_results
    command: |
      python compare.py --input-dir=/results --output=/results/comparison.csv
    resource_requirements: minimal
    input_files:
      - metrics_lr{lr:.4f}
    parameters:
      lr: "[0.0001,0.0005,0.001,0.005,0.01]"

files:
  - name: model_lr{lr:.4f}
    path: /models/model_lr{lr:.4f}.pt
    parameters:
      lr: "[0.0001,0.0005,0.001,0.005,0.01]"

  - name: metrics_lr{lr:.4f}
    path: /results/metrics_lr{lr:.4f}.json
    parameters:
      lr: "[0.0001,0.0005,0.001,0.005,0.01]"

resource_requirements:
  - name: gpu
    num_cpus: 8
    num_gpus: 1
    memory: 16g
    runtime: PT2H

  - name: minimal
    num_cpus: 1
    memory: 2g
    runtime: PT10M
"""


def test_tutorial_simple_parameterization(tmp_path: Path) -> None:
    spec = load(tmp_path, "learning_rate_sweep.yaml", LR_SWEEP)
    assert sorted(job_names(spec)) == [
        "compare_results",
        "evaluate_lr0.0001",
        "evaluate_lr0.0005",
        "evaluate_lr0.0010",
        "evaluate_lr0.0050",
        "evaluate_lr0.0100",
        "train_lr0.0001",
        "train_lr0.0005",
        "train_lr0.0010",
        "train_lr0.0050",
        "train_lr0.0100",
    ]
    assert job(spec, "compare_results")["input_files"] == [
        "metrics_lr0.0001",
        "metrics_lr0.0005",
        "metrics_lr0.0010",
        "metrics_lr0.0050",
        "metrics_lr0.0100",
    ]
    assert job(spec, "evaluate_lr0.0050")["input_files"] == ["model_lr0.0050"]
    report = validate(spec)
    assert report.valid, report.errors
    assert report.components["jobs"] == 11 and report.components["files"] == 10


GRID = """
name: hyperparameter_grid_search
description: 3D grid search over learning rate, batch size, and optimizer

jobs:
  # Data preparation (runs once, no parameters)
  - name: prepare_data
    command: python prepare_data.py --output=/data/processed.pkl
    resource_requirements: data_prep
    output_files:
      - training_data

  # Training jobs (one per parameter combination)
  - name: train_lr{lr:.4f}_bs{bs}_opt{opt}
    command: |
      python train.py \\
        --data=/data/processed.pkl \\
        --learning-rate={lr} \\
        --batch-size={bs} \\
        --optimizer={opt} \\
        --output=/models/model_lr{lr:.4f}_bs{bs}_opt{opt}.pt \\
        --metrics=/results/metrics_lr{lr:.4f}_bs{bs}_opt{opt}.json
    resource_requirements: gpu_training
    input_files:
      - training_data
    output_files:
      - model_lr{lr:.4f}_bs{bs}_opt{opt}
      - metrics_lr{lr:.4f}_bs{bs}_opt{opt}
    parameters:
      lr: "[0.0001,0.001,0.01]"
      bs: "[16,32,64]"
      opt: "['adam','sgd']"

  # Aggregate results (depends on ALL training jobs via file dependencies)
  - name: aggregate_results
    command: |
      python aggregate.py \\
        --input-dir=/results \\
        --output=/results/summary.csv
    resource_requirements: minimal
    input_files:
      - metrics_lr{lr:.4f}_bs{bs}_opt{opt}
    parameters:
      lr: "[0.0001,0.001,0.01]"
      bs: "[16,32,64]"
      opt: "['adam','sgd']"

  # Find best model (explicit dependency, no parameters)
  - name: select_best_model
    command: |
      python select_best.py \\
        --summary=/results/summary.csv \\
        --output=/results/best_config.json
    resource_requirements: minimal
    depends_on:
      - aggregate_results

files:
  - name: training_data
    path: /data/processed.pkl

  - name: model_lr{lr:.4f}_bs{bs}_opt{opt}
    path: /models/model_lr{lr:.4f}_bs{bs}_opt{opt}.pt
    parameters:
      lr: "[0.0001,0.001,0.01]"
      bs: "[16,32,64]"
      opt: "['adam','sgd']"

  - name: metrics_lr{lr:.4f}_bs{bs}_opt{opt}
    path: /results/metrics_lr{lr:.4f}_bs{bs}_opt{opt}.json
    parameters:
      lr: "[0.0001,0.001,0.01]"
      bs: "[16,32,64]"
      opt: "['adam','sgd']"

resource_requirements:
  - name: data_prep
    num_cpus: 8
    memory: 32g
    runtime: PT1H

  - name: gpu_training
    num_cpus: 8
    num_gpus: 1
    memory: 16g
    runtime: PT4H

  - name: minimal
    num_cpus: 1
    memory: 2g
    runtime: PT10M
"""


def test_tutorial_advanced_parameterization(tmp_path: Path) -> None:
    spec = load(tmp_path, "grid_search.yaml", GRID)
    names = job_names(spec)
    assert len(names) == 21
    trains = sorted(n for n in names if n.startswith("train_"))
    assert trains == [
        f"train_lr{lr}_bs{bs}_opt{opt}"
        for lr in ("0.0001", "0.0010", "0.0100")
        for bs in (16, 32, 64)
        for opt in ("adam", "sgd")
    ]
    assert len(job(spec, "aggregate_results")["input_files"]) == 18
    assert job(spec, "train_lr0.0010_bs32_optsgd")["input_files"] == ["training_data"]
    report = validate(spec)
    assert report.valid, report.errors
    assert report.components == {
        "jobs": 21,
        "job_specs": 4,
        "files": 37,
        "user_data": 0,
        "resource_requirements": 3,
        "slurm_schedulers": 0,
        "local_schedulers": 0,
        "failure_handlers": 0,
        "actions": 0,
        "dependencies": 1,
    }


def test_expansion_in_kdl(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.kdl",
        """
        name "kdl_params"
        parameters {
            lr "[0.0001,0.001,0.01]"
            batch_size "[16,32,64]"
        }
        job "train_lr{lr:.4f}_bs{batch_size}" {
            command "python train.py --lr={lr} --batch-size={batch_size}"
            use_parameters "lr" "batch_size"
        }
        job "train_{dataset}_{model}" {
            command "python train.py --dataset={dataset} --model={model}"
            parameters {
                dataset "['cifar10', 'mnist', 'imagenet']"
                model "['resnet', 'cnn', 'transformer']"
            }
            parameter_mode "zip"
        }
        job "job_{i:03d}" {
            command "echo hello {i}"
            parameters {
                i "1:5"
            }
        }
        file "out_{i}" {
            path "/out/{i}.txt"
            parameters { i "1:2"; }
        }
        """,
    )
    names = job_names(spec)
    assert names[:3] == ["train_lr0.0001_bs16", "train_lr0.0001_bs32", "train_lr0.0001_bs64"]
    assert names[9:12] == ["train_cifar10_resnet", "train_mnist_cnn", "train_imagenet_transformer"]
    assert names[12:] == ["job_001", "job_002", "job_003", "job_004", "job_005"]
    assert spec.files == [
        {"name": "out_1", "path": "/out/1.txt"},
        {"name": "out_2", "path": "/out/2.txt"},
    ]


def test_native_lists_as_values(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: native
        jobs:
          - name: job_{i}_{s}
            command: x
            parameters:
              i: [1, 2]
              s: [a, b]
        """,
    )
    assert job_names(spec) == ["job_1_a", "job_1_b", "job_2_a", "job_2_b"]


def test_job_name_without_some_placeholders_groups_by_the_others(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: grouped
        jobs:
          - name: gather_{a}
            command: gather {a}
            input_files: ["part_{a}_{b}"]
            parameters:
              a: "1:2"
              b: "['x','y']"
        files:
          - name: part_{a}_{b}
            path: /p/{a}/{b}
            parameters:
              a: "1:2"
              b: "['x','y']"
        """,
    )
    assert job_names(spec) == ["gather_1", "gather_2"]
    assert job(spec, "gather_2") == {
        "name": "gather_2",
        "command": "gather 2",
        "input_files": ["part_2_x", "part_2_y"],
    }


def test_depends_on_regexes_and_action_regexes(tmp_path: Path) -> None:
    spec = load(
        tmp_path,
        "w.yaml",
        """
        name: regexes
        jobs:
          - name: prep_{i}
            command: prep {i}
            parameters:
              i: "1:3"
          - name: work_{i}
            command: work {i}
            depends_on_regexes: ["^prep_{i}$"]
            parameters:
              i: "1:3"
          - name: all_work_done
            command: echo done
            depends_on_regexes: ["^work_"]
          - name: peer_1
            command: x
            depends_on_regexes: ["^peer_"]
          - name: peer_2
            command: x
        actions:
          - trigger_type: on_jobs_ready
            action_type: run_commands
            job_name_regexes: ["^work_[0-9]+", "all_.*"]
            jobs: [prep_1]
            commands: [echo ready]
        """,
    )
    assert job(spec, "work_2")["depends_on"] == ["prep_2"]
    assert job(spec, "all_work_done")["depends_on"] == ["work_1", "work_2", "work_3"]
    assert job(spec, "peer_1")["depends_on"] == ["peer_2"]  # never itself
    assert spec.actions[0]["jobs"] == ["prep_1", "work_1", "work_2", "work_3", "all_work_done"]
    assert validate(spec).components["dependencies"] == 7


def test_regex_problems_are_reported(tmp_path: Path) -> None:
    report = validate(
        load(
            tmp_path,
            "w.yaml",
            """
            name: bad_regexes
            jobs:
              - name: a
                command: x
                depends_on_regexes: ["^nothing_", "("]
                input_file_regexes: ["^nofile"]
            actions:
              - trigger_type: on_jobs_complete
                action_type: run_commands
                job_name_regexes: ["zzz"]
                commands: [x]
            """,
        )
    )
    label = tmp_path / "w.yaml"
    assert not report.valid
    assert report.errors == [
        f"{label}:5: job 'a' depends_on_regexes pattern '^nothing_' did not match any other job",
        f"{label}:5: job 'a' has an invalid depends_on_regexes pattern '(': missing ), "
        "unterminated subpattern at position 0",
        f"{label}:6: job 'a' input_file_regexes pattern '^nofile' did not match any file",
        f"{label}:10: action 1 (on_jobs_complete) job_name_regexes pattern 'zzz' did not match any job",
        f"{label}:8: Action #1 (on_jobs_complete, run_commands) names no jobs: give 'jobs' or "
        "'job_name_regexes'",
    ]


def test_use_parameters_must_name_workflow_parameters(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "w.yaml",
        """
        name: u
        parameters:
          learning_rate: "[0.1]"
        jobs:
          - name: j_{lr}
            command: x
            use_parameters: [learning_rat]
        """,
    )
    assert str(error) == (
        f"{tmp_path / 'w.yaml'}:7: job 'j_{{lr}}' uses workflow parameter 'learning_rat', "
        "which is not defined; did you mean 'learning_rate'?"
    )


def test_bad_parameter_value_names_where(tmp_path: Path) -> None:
    error = load_error(
        tmp_path,
        "w.yaml",
        """
        name: u
        jobs:
          - name: j_{i}
            command: x
            parameters:
              i: "1:10:0"
        """,
    )
    assert str(error) == (
        f"{tmp_path / 'w.yaml'}:6: job 'j_{{i}}': parameter 'i': the range '1:10:0' has a step "
        "of zero"
    )


def test_placeholder_without_parameter_is_a_warning(tmp_path: Path) -> None:
    report = validate(
        load(
            tmp_path,
            "w.yaml",
            """
            name: u
            parameters:
              lr: "[0.1]"
            jobs:
              - name: train_{lr}
                command: x
            """,
        )
    )
    assert report.valid
    assert report.warnings == [
        f"{tmp_path / 'w.yaml'}:5: job 'train_{{lr}}': the name keeps the placeholder {{lr}}; "
        "add use_parameters: [lr] to use the workflow parameter"
    ]


@pytest.mark.parametrize(
    ("parameters", "count"),
    [
        ({"i": "1:2000000"}, "2,000,000"),
        ({"a": "1:100000", "b": "1:100000"}, "10,000,000,000"),
    ],
)
def test_absurd_expansion_says_how_many_before_doing_it(
    tmp_path: Path, parameters: dict[str, str], count: str
) -> None:
    lines = "".join(f'      {k}: "{v}"\n' for k, v in parameters.items())
    text = f"name: huge\njobs:\n  - name: job_{{i}}_{{a}}_{{b}}\n    command: x\n    parameters:\n{lines}"
    error = load_error(tmp_path, "huge.yaml", text)
    message = str(error)
    assert f"would expand to {count} jobs" in message
    assert "more than the limit of 1,000,000" in message
    assert message.startswith(f"{tmp_path / 'huge.yaml'}:3: ")


def test_the_limits_can_be_raised_or_lowered(tmp_path: Path) -> None:
    text = "name: l\njobs:\n  - name: j_{i}\n    command: x\n    parameters: {i: '1:50'}\n"
    with pytest.raises(Exception) as info:
        load_spec(text, max_jobs=10)
    assert "would expand to 50 jobs" in str(info.value)
    assert len(load_spec(text, max_jobs=50).jobs) == 50


def test_dependency_limit(tmp_path: Path) -> None:
    text = """
name: edges
jobs:
  - name: a_{i}
    command: x
    parameters: {i: "1:20"}
  - name: b_{i}
    command: x
    depends_on_regexes: ["^a_"]
    parameters: {i: "1:20"}
"""
    with pytest.raises(Exception) as info:
        load_spec(text, max_dependencies=100)
    assert "more than 100 dependencies between jobs" in str(info.value)
    assert "barrier" in str(info.value)
    assert load_spec(text).dependencies == 400
