"""`[client.run]` of the configuration reaches `torc run`, `torc exec` and `torc workflows run`.

Each value a run uses comes from its flag when given, else from the highest configuration layer
that sets it (TORC_CLIENT__RUN__* variables, the TORC_CONFIG file, ./torc.toml, the user's file,
the system's file), else from the built-in default. The tests stack real files and variables in
the test's own HOME, XDG_CONFIG_HOME, system file (TORC_SYSTEM_CONFIG) and working directory,
run real `torc` processes against the session's server, and look where the job's output landed,
at the settings line the run writes first in its job runner log (each value with its source),
and at the compute node the runner registered.
"""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Cli, cli_env
from tests.conftest import RunningServer

SPEC = "name: run_config\njobs:\n  - name: hello\n    command: echo hello from torc\n"


class Layers:
    """A project directory with every configuration layer movable into the test's directory."""

    def __init__(self, server: RunningServer, root: Path) -> None:
        self.root = root
        self.project = root / "project"
        self.project.mkdir()
        self.system = root / "etc" / "torc" / "config.toml"
        self.user = root / "home" / ".config" / "torc" / "config.toml"
        self.local = self.project / "torc.toml"
        self.custom = root / "custom.toml"
        env = cli_env(server.url, root / "home", TORC_SYSTEM_CONFIG=str(self.system))
        self.cli = Cli(server.url, self.project, env)
        (self.project / "wf.yaml").write_text(SPEC)

    def write(self, path: Path, **run: Any) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = ["[client.run]"] + [f"{key} = {_toml(value)}" for key, value in run.items()]
        path.write_text("\n".join(lines) + "\n")

    def run(self, *args: str) -> Run:
        """`torc -f json run wf.yaml *args`; it must succeed."""
        return self.finished(self.cli.json("run", "wf.yaml", *args))

    def finished(self, summary: dict[str, Any]) -> Run:
        assert summary["exit_code"] == 0, summary
        logs = list(self.project.glob(f"**/job_runner_*_{summary['workflow_id']}_1.log"))
        assert len(logs) == 1, logs
        return Run(summary["workflow_id"], logs[0].parent, logs[0].read_text())


def _toml(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


class Run:
    """One finished run: its workflow, the directory its runner log is in, the settings line."""

    _SETTING = re.compile(r"(\w+)=(\S+) \(([^)]*)\)")

    def __init__(self, workflow_id: int, directory: Path, log: str) -> None:
        self.workflow_id = workflow_id
        self.directory = directory
        line = next(line for line in log.splitlines() if " torc.run: " in line)
        self.settings = {k: (v, source) for k, v, source in self._SETTING.findall(line)}

    def value(self, key: str) -> str:
        return self.settings[key][0]

    def source(self, key: str) -> str:
        return self.settings[key][1]

    def stdout(self) -> str:
        """The job's stdout file: `<output dir>/job_stdio/job_<workflow>_<job>_<run>.o`."""
        (found,) = self.directory.glob(f"job_stdio/job_{self.workflow_id}_*_1.o")
        return found.read_text()


@pytest.fixture
def layers(server: RunningServer, tmp_path: Path) -> Layers:
    return Layers(server, tmp_path)


def test_each_layer_overrides_the_one_below_and_flags_override_them_all(layers: Layers) -> None:
    project = layers.project

    # nothing configured: the built-in defaults, and this machine's resources
    run = layers.run()
    assert run.directory == project / "output"
    assert run.stdout() == "hello from torc\n"
    assert run.settings["poll_interval"] == ("5.0", "default")
    assert run.settings["max_parallel_jobs"] == ("none", "default")
    assert run.source("num_cpus") == run.source("memory_gb") == "detected"

    # the system file
    layers.write(
        layers.system,
        output_dir="sys_out",
        poll_interval=0.5,
        max_parallel_jobs=2,
        num_cpus=3,
        memory_gb=2.5,
        num_gpus=0,
    )
    run = layers.run()
    assert run.directory == project / "sys_out"
    assert run.stdout() == "hello from torc\n"
    system = str(layers.system)
    assert run.settings == {
        "output_dir": (str(project / "sys_out"), system),
        "poll_interval": ("0.5", system),
        "max_parallel_jobs": ("2", system),
        "num_cpus": ("3", system),
        "memory_gb": ("2.5", system),
        "num_gpus": ("0", system),
    }

    # the user's file ($XDG_CONFIG_HOME/torc/config.toml) over the system file, key by key
    layers.write(layers.user, output_dir="user_out", poll_interval=0.4, num_cpus=4)
    run = layers.run()
    assert run.directory == project / "user_out"
    assert run.settings["poll_interval"] == ("0.4", str(layers.user))
    assert run.settings["num_cpus"] == ("4", str(layers.user))
    assert run.settings["max_parallel_jobs"] == ("2", system)  # still the system file's

    # ./torc.toml over the user's file
    layers.write(layers.local, output_dir="local_out", max_parallel_jobs=3)
    run = layers.run()
    assert run.directory == project / "local_out"
    assert run.stdout() == "hello from torc\n"
    assert run.settings["max_parallel_jobs"] == ("3", "torc.toml")
    assert run.settings["num_cpus"] == ("4", str(layers.user))

    # the file named by $TORC_CONFIG over ./torc.toml
    layers.write(layers.custom, output_dir="custom_out", num_cpus=5)
    layers.cli.env["TORC_CONFIG"] = str(layers.custom)
    run = layers.run()
    assert run.directory == project / "custom_out"
    assert run.settings["num_cpus"] == ("5", str(layers.custom))
    assert run.settings["max_parallel_jobs"] == ("3", "torc.toml")

    # TORC_CLIENT__RUN__* variables over every file
    layers.cli.env.update(
        TORC_CLIENT__RUN__OUTPUT_DIR="env_out",
        TORC_CLIENT__RUN__POLL_INTERVAL="0.3",
        TORC_CLIENT__RUN__NUM_CPUS="6",
    )
    run = layers.run()
    assert run.directory == project / "env_out"
    assert run.stdout() == "hello from torc\n"
    assert run.settings["poll_interval"] == (
        "0.3",
        "environment variable TORC_CLIENT__RUN__POLL_INTERVAL",
    )
    assert run.settings["num_cpus"] == ("6", "environment variable TORC_CLIENT__RUN__NUM_CPUS")

    # flags over everything
    flags = ["-o", "flag_out", "-p", "0.2", "--max-parallel-jobs", "4"]
    run = layers.run(*flags, "--num-cpus", "7", "--memory-gb", "1.5", "--num-gpus", "0")
    assert run.directory == project / "flag_out"
    assert run.stdout() == "hello from torc\n"
    assert {k: run.source(k) for k in run.settings} == dict.fromkeys(run.settings, "command line")
    assert run.value("poll_interval") == "0.2"
    assert run.value("max_parallel_jobs") == "4"
    # the runner itself got the resources: its compute node says so
    (node,) = layers.cli.json("compute-nodes", "list", str(run.workflow_id))["compute_nodes"]
    assert (node["num_cpus"], node["memory_gb"], node["num_gpus"]) == (7, 1.5, 0)


def test_exec_and_workflows_run_use_the_configuration_too(layers: Layers) -> None:
    cli = layers.cli
    # one job at a time, from ./torc.toml: two commands that would trip over each other's lock
    # directory if they overlapped both succeed
    layers.write(layers.local, output_dir="from_toml", max_parallel_jobs=1, poll_interval=0.2)
    locked = "mkdir lock && sleep 0.3 && rmdir lock"
    (layers.project / "commands.txt").write_text(f"{locked}\n{locked}\n")
    # a bad value in a variable is reported on stderr and ignored: the file's value holds
    cli.env["TORC_CLIENT__RUN__MAX_PARALLEL_JOBS"] = "many"
    done = cli("-f", "json", "exec", "-C", "commands.txt")
    assert done.returncode == 0, done.stderr
    assert "TORC_CLIENT__RUN__MAX_PARALLEL_JOBS" in done.stderr and "ignored" in done.stderr
    del cli.env["TORC_CLIENT__RUN__MAX_PARALLEL_JOBS"]
    summary = json.loads(done.stdout)
    assert summary["completed"] == 2, summary
    run = layers.finished(summary)
    assert run.directory == layers.project / "from_toml"
    assert run.settings["max_parallel_jobs"] == ("1", "torc.toml")
    assert run.settings["poll_interval"] == ("0.2", "torc.toml")

    # -j and -o of exec win over the file
    run = layers.finished(cli.json("exec", "-j", "2", "-o", "exec_out", "echo", "hi"))
    assert run.directory == layers.project / "exec_out"
    assert run.settings["max_parallel_jobs"] == ("2", "command line")
    assert run.stdout() == "hi\n"

    # torc workflows run: the same settings
    created = cli.json("workflows", "create", "wf.yaml")["id"]
    run = layers.finished(cli.json("workflows", "run", str(created)))
    assert run.directory == layers.project / "from_toml"
    assert run.settings["max_parallel_jobs"] == ("1", "torc.toml")
    assert run.stdout() == "hello from torc\n"


def test_standalone_mode_writes_where_the_configuration_says(layers: Layers) -> None:
    """`torc -s run` keeps its database in ./torc_output; the job output follows output_dir."""
    layers.write(layers.local, output_dir="results", poll_interval=0.2)
    done = layers.cli.shell("torc -s -f json run wf.yaml")  # no --url: the standalone server
    assert done.returncode == 0, done.stderr
    run = layers.finished(json.loads(done.stdout))
    assert run.directory == layers.project / "results"
    assert run.stdout() == "hello from torc\n"
    assert (layers.project / "torc_output" / "torc.db").is_file()
    assert not (layers.project / "torc_output" / "job_stdio").exists()


def test_out_of_range_flags_are_one_line_errors(layers: Layers) -> None:
    cli = layers.cli
    name = f"never_{uuid.uuid4().hex[:10]}"
    (layers.project / "wf.yaml").write_text(SPEC.replace("run_config", name))
    for args, message in [
        (["run", "wf.yaml", "-p", "0"], "--poll-interval must be greater than 0, not 0"),
        (["run", "wf.yaml", "--memory-gb", "0"], "--memory-gb must be greater than 0, not 0"),
        (["workflows", "run", "1", "-p", "-2"], "--poll-interval must be greater than 0"),
        (["exec", "-j", "0", "--name", name, "true"], "--jobs must be at least 1, not 0"),
    ]:
        assert message in cli.fails(*args), args
    # the flags are checked before anything is created
    listed = cli.json("workflows", "list", "--all-users", "-l", "100000")["workflows"]
    assert name not in {w["name"] for w in listed}
