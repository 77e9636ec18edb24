"""Benchmark of `torc slurm generate`: a 100,000-job specification in three dependency stages
with five resource groups (CPU, memory-heavy, GPU, and a small first and last job), run as a user
runs it (the installed `torc`, a fresh process), writing the YAML with its schedulers and staged
actions (the later stages' actions list their 100,000 jobs by name).

    python tests/benchmarks/bench_hpc.py            # the full size
    python tests/benchmarks/bench_hpc.py --quick    # 5,000 jobs, to check that it runs

One figure, `slurm_generate_100k` (target < 5 s). `run(...)` is the entry for the harness.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_SECONDS = 5.0
TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]


def spec(jobs: int) -> str:
    """1 prep job, then CPU and memory-heavy jobs after it, GPU jobs after CPU jobs, 1 post job."""
    gpu = jobs // 5
    mem = jobs // 5
    cpu = jobs - gpu - mem - 2
    return f"""name: slurm_generate_benchmark
resource_requirements:
  - {{name: prep, num_cpus: 2, memory: 4g, runtime: PT10M}}
  - {{name: cpu, num_cpus: 8, memory: 16g, runtime: PT30M}}
  - {{name: mem, num_cpus: 16, memory: 500g, runtime: PT2H}}
  - {{name: gpu, num_cpus: 16, num_gpus: 1, memory: 64g, runtime: PT1H}}
  - {{name: post, num_cpus: 1, memory: 2g, runtime: PT15M}}
jobs:
  - name: prep
    command: ./prep.sh
    resource_requirements: prep
  - name: "cpu_{{i:06d}}"
    command: "./cpu.sh {{i}}"
    resource_requirements: cpu
    depends_on: [prep]
    parameters: {{i: "1:{cpu}"}}
  - name: "mem_{{i:06d}}"
    command: "./mem.sh {{i}}"
    resource_requirements: mem
    depends_on: [prep]
    parameters: {{i: "1:{mem}"}}
  - name: "gpu_{{i:06d}}"
    command: "./gpu.sh {{i}}"
    resource_requirements: gpu
    depends_on: ["cpu_{{i:06d}}"]
    parameters: {{i: "1:{gpu}"}}
  - name: post
    command: ./post.sh
    resource_requirements: post
    depends_on_regexes: ["^gpu_"]
"""


def run(*, quick: bool = False, figure: Callable[[str], None] = print) -> bool:
    jobs = 5_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="torc-bench-hpc-") as tmp:
        source = Path(tmp) / "workflow.yaml"
        source.write_text(spec(jobs))
        output = Path(tmp) / "generated.yaml"
        args = ["slurm", "generate", "--account", "bench", "--profile", "kestrel"]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [*TORC, *args, str(source), "-o", str(output)],
            capture_output=True,
            text=True,
            check=False,
        )
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            figure(f"slurm_generate_100k: FAILED ({done.stderr.strip()})")
            return False
        size = output.stat().st_size
    figure(
        f"slurm_generate_100k: {elapsed:.2f} s ({cpu:.2f} s CPU) for {jobs:,} jobs in 5 resource groups and "
        f"3 stages, {size / 2**20:.1f} MiB of YAML written "
        f"(target < {TARGET_SECONDS:g} s{'' if elapsed < TARGET_SECONDS else ': MISSED'})"
    )
    return True


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    sys.exit(0 if run(quick=parser.parse_args().quick) else 1)
