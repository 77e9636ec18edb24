"""A real Slurm cluster on this machine, for the tests: one large node, plus two small ones.

Debian's `slurm-wlm`, `slurmdbd`, `munge` and `mariadb-server` provide the daemons (`.ci/run`
installs them). The cluster's files live in one directory (`BASE`) and its configuration is found
through `SLURM_CONF`, so nothing in `/etc/slurm` changes. The node declares more CPUs and memory
than the machine has (`SlurmdParameters=config_overrides`), so several allocations run at once.
A hidden partition (`multi`) has two more nodes, each a slurmd of its own on
its own port (`slurmd -N`), so that multi-node allocations and `srun` really run.
Accounting (`sacct`) goes through slurmdbd to MariaDB. Memory limits are enforced by polling
(`OverMemoryKill`), as cgroups are not available in every container.

One cluster serves every test process on the machine: `ensure_running()` starts it under a file
lock, or reuses the one that answers. `python -m tests.slurm.cluster start|stop|status` does the
same by hand.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

BASE = Path(os.environ.get("TORC_TEST_SLURM_DIR", "/tmp/torc-slurm-cluster"))
CONF = BASE / "slurm.conf"
CLUSTER_NAME = "torctest"
PARTITION = "debug"
ACCOUNTING_DB = "torc_test_slurm_acct"
NODE_CPUS = 16
NODE_MEMORY_MB = 16000
MULTI_PARTITION = "multi"
"""A hidden partition of two small nodes, for allocations of more than one node (`srun` with one
worker per node). Root still sees it in `sinfo`; profiles made from `sinfo` mark it as one that
jobs use only when they name it."""
MULTI_NODES = ("torc-n1", "torc-n2")
MULTI_NODE_CPUS = 2
MULTI_NODE_MEMORY_MB = 2000
MULTI_PORT = 6830
DAEMONS = ("slurmd", "slurmctld", "slurmdbd")
PACKAGES = "slurm-wlm slurm-wlm-basic-plugins slurmdbd munge mariadb-server"


class ClusterUnavailable(RuntimeError):
    """Slurm cannot run on this machine (not installed, or not allowed to start)."""


def node_name() -> str:
    return socket.gethostname().split(".")[0]


def environment() -> dict[str, str]:
    """Variables that point Slurm's commands at this cluster."""
    return {"SLURM_CONF": str(CONF)}


def missing_programs() -> list[str]:
    needed = ("munged", "mariadbd", "slurmdbd", "slurmctld", "slurmd", "sbatch", "sacctmgr")
    return [name for name in needed if shutil.which(name) is None and not _sbin(name).exists()]


def _sbin(name: str) -> Path:
    return Path("/usr/sbin") / name


def _program(name: str) -> str:
    return shutil.which(name) or str(_sbin(name))


def _slurm_conf() -> str:
    node = node_name()
    return f"""\
# Written by tests/slurm/cluster.py: a cluster on one machine for torc's tests.
ClusterName={CLUSTER_NAME}
SlurmctldHost={node}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
MpiDefault=none
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SlurmdParameters=config_overrides
ReturnToService=2
StateSaveLocation={BASE}/state
SlurmdSpoolDir={BASE}/spool/%n
SlurmctldPidFile={BASE}/slurmctld.pid
SlurmdPidFile={BASE}/slurmd-%n.pid
SlurmctldLogFile={BASE}/slurmctld.log
SlurmdLogFile={BASE}/slurmd-%n.log
SlurmctldPort=6817
SlurmdPort=6818
SchedulerType=sched/backfill
SchedulerParameters=defer_batch
MinJobAge=600
KillWait=5
OverTimeLimit=0
InactiveLimit=0
MessageTimeout=20
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=1
JobAcctGatherParams=OverMemoryKill
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
AccountingStoragePort=6819
JobCompType=jobcomp/none
DefMemPerCPU=1000
NodeName={node} NodeAddr=127.0.0.1 CPUs={NODE_CPUS} RealMemory={NODE_MEMORY_MB} State=UNKNOWN
PartitionName={PARTITION} Nodes={node} Default=YES MaxTime=INFINITE DefaultTime=01:00:00 State=UP OverSubscribe=NO
{_multi_nodes()}
PartitionName={MULTI_PARTITION} Nodes={",".join(MULTI_NODES)} Hidden=YES MaxTime=INFINITE DefaultTime=01:00:00 State=UP OverSubscribe=NO
"""


def _multi_nodes() -> str:
    """The hidden partition's nodes: more slurmd daemons on this host, each on its own port."""
    return "\n".join(
        f"NodeName={name} NodeHostname={node_name()} NodeAddr=127.0.0.1 Port={MULTI_PORT + i} "
        f"CPUs={MULTI_NODE_CPUS} RealMemory={MULTI_NODE_MEMORY_MB} State=UNKNOWN"
        for i, name in enumerate(MULTI_NODES)
    )


def _slurmdbd_conf() -> str:
    return f"""\
# Written by tests/slurm/cluster.py.
AuthType=auth/munge
DbdHost={node_name()}
DbdAddr=127.0.0.1
DbdPort=6819
SlurmUser=root
PidFile={BASE}/slurmdbd.pid
LogFile={BASE}/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageLoc={ACCOUNTING_DB}
StorageUser=root
"""


@contextlib.contextmanager
def _locked() -> Iterator[None]:
    BASE.mkdir(parents=True, exist_ok=True)
    with open(BASE / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(
    args: list[str], timeout: float = 30, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **environment()}
    done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    if check and done.returncode != 0:
        said = (done.stderr or done.stdout).strip()
        raise ClusterUnavailable(f"{' '.join(args)} failed ({done.returncode}): {said}")
    return done


def _wait(what: str, ready, timeout: float, pid_file: Path | None = None) -> None:
    """Wait until `ready()`; fail at once, with the daemons' last log lines, if the daemon died."""
    started = time.monotonic()
    problem = f"not ready after {timeout:g} s"
    while time.monotonic() - started < timeout:
        if ready():
            return
        died = pid_file is not None and time.monotonic() - started > 2 and not _pid_alive(pid_file)
        if died:
            problem = "exited"
            break
        time.sleep(0.25)
    logs = "; ".join(
        f"{p.name}: {' | '.join(p.read_text(errors='replace').splitlines()[-3:])}"
        for p in sorted(BASE.glob("*.log"))
    )
    raise ClusterUnavailable(f"{what} {problem} ({logs})")


def node_state() -> str | None:
    """The node's state as `sinfo` reports it (`idle`, `mix`, `alloc`, ...), or None."""
    try:
        done = _run(["sinfo", "-h", "-N", "-o", "%t"], timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    state = done.stdout.strip().splitlines()
    return state[0].strip() if done.returncode == 0 and state else None


def multi_nodes_ready() -> bool:
    """Both nodes of the hidden partition answer (`sinfo -a` shows hidden partitions)."""
    nodes = ",".join(MULTI_NODES)
    try:
        done = _run(["sinfo", "-a", "-h", "-N", "-n", nodes, "-o", "%t"], timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    states = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    return len(states) == len(MULTI_NODES) and all(s in {"idle", "mix", "alloc"} for s in states)


def is_running() -> bool:
    return (
        CONF.exists() and node_state() in {"idle", "mix", "alloc", "comp"} and multi_nodes_ready()
    )


def _slurmd_pid_file(node: str) -> Path:
    return BASE / f"slurmd-{node}.pid"


def _pid_files() -> list[Path]:
    """Every daemon's pid file, the nodes' first (they stop before the controller)."""
    nodes = [_slurmd_pid_file(n) for n in (node_name(), *MULTI_NODES)]
    return [*nodes, BASE / "slurmctld.pid", BASE / "slurmdbd.pid"]


def _pid_alive(pid_file: Path) -> bool:
    """Whether the daemon of this PID file runs (a zombie nobody reaped yet does not)."""
    try:
        stat = Path(f"/proc/{int(pid_file.read_text().strip())}/stat").read_text()
    except (OSError, ValueError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _munge_ok() -> bool:
    done = subprocess.run(
        "munge -n | unmunge", shell=True, capture_output=True, text=True, check=False
    )
    return done.returncode == 0


def _start_munge() -> None:
    if _munge_ok():
        return
    Path("/run/munge").mkdir(parents=True, exist_ok=True)
    shutil.chown("/run/munge", "munge", "munge")
    key = Path("/etc/munge/munge.key")
    if not key.exists():
        _run(["/usr/sbin/mungekey", "--create"], check=True)
        shutil.chown(key, "munge", "munge")
        key.chmod(0o400)
    _run(["runuser", "-u", "munge", "--", _program("munged")])
    _wait("munged", _munge_ok, 15)


def _mysql_ok() -> bool:
    done = subprocess.run(["mysqladmin", "ping"], capture_output=True, text=True, check=False)
    return done.returncode == 0 and "alive" in done.stdout


def _start_mariadb() -> None:
    if not _mysql_ok():
        Path("/run/mysqld").mkdir(parents=True, exist_ok=True)
        shutil.chown("/run/mysqld", "mysql", "root")
        with open(BASE / "mariadb.log", "ab") as log:
            subprocess.Popen(
                [_program("mariadbd"), "--user=mysql", "--skip-networking"],
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        _wait("MariaDB", _mysql_ok, 60)


def _start_slurmdbd() -> None:
    conf = BASE / "slurmdbd.conf"
    conf.write_text(_slurmdbd_conf())
    conf.chmod(0o600)
    if not _pid_alive(BASE / "slurmdbd.pid"):
        _run([_program("slurmdbd")])

    def answers() -> bool:
        return _run(["sacctmgr", "-n", "list", "cluster"], check=False).returncode == 0

    _wait("slurmdbd", answers, 60, BASE / "slurmdbd.pid")
    clusters = _run(["sacctmgr", "-n", "-P", "list", "cluster", "format=cluster"]).stdout
    if CLUSTER_NAME not in clusters.split():
        _run(["sacctmgr", "-i", "add", "cluster", CLUSTER_NAME])


def start() -> None:
    """Start every daemon that is not running yet and wait until the node is idle."""
    missing = missing_programs()
    if missing:
        raise ClusterUnavailable(
            f"Slurm is not installed ({', '.join(missing)} missing): apt-get install {PACKAGES}"
        )
    with _locked():
        if is_running():
            return
        fresh = not any(_pid_alive(pid_file) for pid_file in _pid_files())
        if fresh:
            # A controller killed before it saved its state hands out job ids again, and
            # accounting would then hold two jobs of one id: each start begins from nothing.
            for sub in ("state", "spool"):
                shutil.rmtree(BASE / sub, ignore_errors=True)
        for sub in ("state", "spool"):
            (BASE / sub).mkdir(parents=True, exist_ok=True)
        CONF.write_text(_slurm_conf())
        _start_munge()
        _start_mariadb()
        if fresh:
            _run(["mysql", "-e", f"DROP DATABASE IF EXISTS {ACCOUNTING_DB}"])
        _start_slurmdbd()
        if not _pid_alive(BASE / "slurmctld.pid"):
            _run([_program("slurmctld"), "-f", str(CONF)])
        _wait(
            "slurmctld",
            lambda: _run(["scontrol", "ping"], check=False).returncode == 0,
            60,
            BASE / "slurmctld.pid",
        )
        main = _slurmd_pid_file(node_name())
        if not _pid_alive(main):
            _run([_program("slurmd"), "-f", str(CONF), "-N", node_name()])
        for name in MULTI_NODES:
            if not _pid_alive(_slurmd_pid_file(name)):
                _run([_program("slurmd"), "-f", str(CONF), "-N", name])
        _wait("the node", lambda: node_state() in {"idle", "mix", "alloc"}, 90, main)
        _wait("the multi-node partition", multi_nodes_ready, 90)
        (BASE / "owner").write_text(os.environ.get("TORC_TEST_SESSION", ""))


def stop() -> None:
    """Stop the Slurm daemons (MariaDB and munged stay: other programs may use them)."""
    with _locked():
        for pid_file in _pid_files():
            if not _pid_alive(pid_file):
                continue
            pid = int(pid_file.read_text().strip())
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 15)
            deadline = time.monotonic() + 15
            while _pid_alive(pid_file) and time.monotonic() < deadline:
                time.sleep(0.1)
        with contextlib.suppress(FileNotFoundError):
            (BASE / "owner").unlink()


def stop_if_started_by(session: str) -> None:
    """Stop the cluster when this test session started it (and nobody asked to keep it)."""
    owner = BASE / "owner"
    if os.environ.get("TORC_TEST_SLURM_KEEP") or not session or not owner.exists():
        return
    if owner.read_text() == session:
        stop()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    try:
        if command == "start":
            start()
        elif command == "stop":
            stop()
        elif command != "status":
            print(f"unknown command {command!r}: use start, stop or status", file=sys.stderr)
            return 2
    except ClusterUnavailable as exc:
        print(f"Slurm test cluster: {exc}", file=sys.stderr)
        return 1
    print(f"SLURM_CONF={CONF}; node {node_name()}: {node_state() or 'not running'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
