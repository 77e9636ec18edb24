"""`torc run` whose jobs need more than this machine offers says so at once, naming the jobs,
what they lack and the option to change, instead of idling until it gives up."""

from __future__ import annotations

from tests.runner.conftest import Torc, write_spec

SPEC = """
name: WORKFLOW_NAME
compute_node_wait_for_new_jobs_seconds: 30
resource_requirements:
  - name: big
    num_cpus: 64
    memory: 1g
  - name: huge
    num_cpus: 1
    memory: 100000g
    num_gpus: 3
jobs:
  - name: small
    command: "true"
  - name: wide
    command: "true"
    resource_requirements: big
  - name: after_wide
    command: "true"
    resource_requirements: huge
    depends_on: [wide]
"""


def _refusal(done: object) -> str:
    lines = done.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert done.returncode == 1 and len(lines) == 1, done  # type: ignore[attr-defined]
    return lines[0]


def test_jobs_bigger_than_the_machine_are_named_at_once(torc: Torc) -> None:
    spec = write_spec(torc.cwd, SPEC)
    line = _refusal(torc("run", str(spec), "-o", "out", "--num-cpus", "2", "--num-gpus", "0"))
    assert line.startswith("torc: 2 jobs can never run on this machine: "), line
    assert "wide needs 64 CPUs (this machine offers 2: --num-cpus)" in line
    assert (
        "after_wide needs" in line
        and "--memory-gb" in line
        and "3 GPUs (0 here: --num-gpus)" in line
    )
    assert "small" not in line.split(":", 2)[2]


def test_standalone_says_so_too(standalone: Torc) -> None:
    spec = write_spec(standalone.cwd, SPEC)
    line = _refusal(standalone("-s", "run", str(spec), "--num-cpus", "4", "--num-gpus", "3"))
    assert "wide needs 64 CPUs (this machine offers 4: --num-cpus)" in line, line
    assert "GPUs" not in line
