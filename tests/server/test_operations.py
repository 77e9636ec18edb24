"""torc-server run's configuration ([server], TORC_SERVER__*), logs and daemon mode, with real
server processes."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.conftest import BASE_PATH

SERVER = [sys.executable, "-m", "torc_server.cli", "run"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No configuration file of this machine's user applies; only what the test sets."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TORC_", "RUST_LOG"))}
    env.update(
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        TORC_SYSTEM_CONFIG=str(tmp_path / "system.toml"),
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def _wait_answers(url: str, process: subprocess.Popen[str], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        try:
            if httpx.get(f"{url}/ping", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.05)
    raise AssertionError(f"nothing answered at {url}")


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_configuration_file_and_variables_set_the_server(tmp_path: Path) -> None:
    file_port, env_port = _free_port(), _free_port()
    (tmp_path / "torc.toml").write_text(
        f'[server]\nport = {file_port}\ndatabase = "from-file.db"\nlog_level = "debug"\n'
        f'[server.logging]\nlog_dir = "{tmp_path / "logs"}"\njson_logs = true\n'
    )
    # TORC_SERVER__PORT beats the file; the file's database, logging and log level apply
    process = subprocess.Popen(
        SERVER,
        cwd=tmp_path,
        env=_env(tmp_path, TORC_SERVER__PORT=str(env_port)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_answers(f"http://127.0.0.1:{env_port}{BASE_PATH}", process)
        assert (tmp_path / "from-file.db").exists()
        # the server says it listens once its own check connects, which may come after ours
        log_file = tmp_path / "logs" / "torc-server.log"
        deadline = time.monotonic() + 30
        while "Listening on" not in log_file.read_text() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        _stop(process)
    lines = [json.loads(line) for line in (tmp_path / "logs" / "torc-server.log").open()]
    messages = [entry["message"] for entry in lines]
    assert any(m.startswith("Listening on http://localhost:") for m in messages)
    requests = [e for e in lines if e["target"] == "torc_server.http"]
    assert requests and requests[0]["level"] == "DEBUG"
    assert requests[0]["message"].startswith(f"GET {BASE_PATH}/ping 200 ")


def test_flags_beat_variables_and_files(tmp_path: Path) -> None:
    flag_port = _free_port()
    (tmp_path / "torc.toml").write_text('[server]\nport = 1\ndatabase = "from-file.db"\n')
    process = subprocess.Popen(
        [*SERVER, "--port", str(flag_port), "-d", "flag.db"],
        cwd=tmp_path,
        env=_env(tmp_path, TORC_SERVER__PORT="2", DATABASE_URL="sqlite:env.db"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        _wait_answers(f"http://127.0.0.1:{flag_port}{BASE_PATH}", process)
        assert (tmp_path / "flag.db").exists()
        assert not (tmp_path / "from-file.db").exists() and not (tmp_path / "env.db").exists()
    finally:
        _stop(process)


@pytest.mark.parametrize(
    ("env", "flags", "says"),
    [
        ({"TORC_SERVER__PORT": "eighty"}, [], "environment variable TORC_SERVER__PORT"),
        ({}, ["--threads", "0"], "--threads must be at least 1"),
        ({}, ["--https"], "--https needs --tls-cert and --tls-key"),
        ({}, ["--daemon"], "--daemon needs --log-dir"),
    ],
)
def test_a_bad_setting_stops_the_start_with_one_line(
    tmp_path: Path, env: dict[str, str], flags: list[str], says: str
) -> None:
    done = subprocess.run(
        [*SERVER, "--port", "0", *flags],
        cwd=tmp_path,
        env=_env(tmp_path, **env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_bad_server_key_in_a_file_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "torc.toml").write_text("[server]\nport = 8080\nthreds = 4\n")
    done = subprocess.run(
        [*SERVER, "--port", "0"],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "torc.toml:3" in done.stderr and "server.threds" in done.stderr


def test_daemon_serves_in_the_background_with_a_pid_file(tmp_path: Path) -> None:
    port = _free_port()
    pid_file = tmp_path / "run" / "server.pid"
    done = subprocess.run(
        [
            *SERVER,
            "--daemon",
            "--pid-file",
            str(pid_file),
            "--log-dir",
            str(tmp_path / "logs"),
            "--port",
            str(port),
            "-d",
            str(tmp_path / "d.db"),
        ],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    pid = int(pid_file.read_text()) if pid_file.exists() else None
    try:
        assert done.returncode == 0, done.stderr
        assert f"serving at http://localhost:{port}{BASE_PATH} in the background" in done.stdout
        assert pid is not None and psutil.pid_exists(pid)
        assert httpx.get(f"http://127.0.0.1:{port}{BASE_PATH}/ping").status_code == 200
        log = (tmp_path / "logs" / "torc-server.log").read_text()
        assert "Listening on http://localhost:" in log
        os.kill(pid, signal.SIGTERM)
        psutil.Process(pid).wait(timeout=15)
        assert not pid_file.exists()
    finally:
        if pid is not None and psutil.pid_exists(pid):
            os.kill(pid, signal.SIGKILL)


def test_log_files_rotate_at_ten_mebibytes_keeping_five(tmp_path: Path) -> None:
    import logging
    import logging.handlers

    from torc_server.process import logs

    root = logging.getLogger()
    saved = list(root.handlers), root.level
    try:
        path = logs.configure("info", tmp_path, console=False)
        handler = next(
            h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)
        )
        assert path == tmp_path / "torc-server.log"
        assert (handler.maxBytes, handler.backupCount) == (10 * 1024 * 1024, 5)
        handler.maxBytes = 200  # rotate after a few lines, as a full file would
        for number in range(40):
            logging.getLogger("torc_server").info("line %d", number)
        names = sorted(p.name for p in tmp_path.iterdir())
        assert names == ["torc-server.log", *(f"torc-server.log.{i}" for i in range(1, 6))]
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
            handler.close()
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])


def test_rust_log_filters_name_the_server_loggers() -> None:
    import logging

    from torc_server.process.logs import parse_level

    assert parse_level("warn") == (logging.WARNING, {})
    assert parse_level("info,torc::server::auth=debug") == (
        logging.INFO,
        {"torc_server.auth": logging.DEBUG},
    )


def test_health_answers_with_the_version_and_the_database(tmp_path: Path) -> None:
    from tests.conftest import start_server, stop_server
    from torc import make_api
    from torc_server import __version__

    server = start_server(tmp_path / "t.db")
    try:
        answer = httpx.get(f"{server.url}/health")
        assert answer.status_code == 200
        assert answer.json() == {"status": "ok", "version": __version__, "database": "ok"}
        api = make_api(server.url)
        assert api.get_health().status == "ok"
        api.close()
    finally:
        stop_server(server)


def test_daemon_reports_why_it_did_not_start(tmp_path: Path) -> None:
    """A PID file naming a live process: the daemon refuses, and the command that started it
    says why on one line and exits 1."""
    pid_file = tmp_path / "server.pid"
    pid_file.write_text(f"{os.getpid()}\n")
    done = subprocess.run(
        [
            *SERVER, "--daemon", "--pid-file", str(pid_file), "--log-dir", str(tmp_path / "logs"),
            "--port", str(_free_port()), "-d", str(tmp_path / "d.db"),
        ],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert f"names PID {os.getpid()}, which is running" in done.stderr
    assert pid_file.read_text() == f"{os.getpid()}\n"


def test_ignore_config_leaves_the_shared_servers_settings_out(tmp_path: Path) -> None:
    """What `torc -s` starts: a system file meant for the shared server (its log directory,
    HTTPS) does not apply."""
    (tmp_path / "system.toml").write_text(
        '[server]\nhttps = true\nthreads = 0\n[server.logging]\nlog_dir = "/proc/none"\n'
    )
    process = subprocess.Popen(
        [*SERVER, "--ignore-config", "--port", "0", "-d", str(tmp_path / "t.db")],
        cwd=tmp_path,
        env=_env(tmp_path, TORC_SERVER__PORT="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline().split("=", 1)[1])
        _wait_answers(f"http://127.0.0.1:{port}{BASE_PATH}", process)
    finally:
        _stop(process)
    refused = subprocess.run(
        [*SERVER, "--port", "0", "-d", str(tmp_path / "t.db")],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 1 and "server.threads" in refused.stderr


def test_a_file_that_is_not_a_database_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.db").write_text("not a database\n" * 100)
    done = subprocess.run(
        [*SERVER, "--port", "0", "-d", str(tmp_path / "notes.db")],
        cwd=tmp_path,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert (
        last
        == f"torc-server: cannot open the database {tmp_path / 'notes.db'}: file is not a database"
    )


def test_authentication_from_the_configuration_file(tmp_path: Path) -> None:
    """`[server] auth_file` and `require_auth` reach the guard like the flags do."""
    from tests.auth.conftest import PASSWORDS, write_htpasswd

    htpasswd = write_htpasswd(tmp_path / "htpasswd", PASSWORDS)
    port = _free_port()
    (tmp_path / "torc.toml").write_text(
        f'[server]\nport = {port}\nauth_file = "{htpasswd}"\nrequire_auth = true\n'
    )
    process = subprocess.Popen(
        SERVER,
        cwd=tmp_path,
        env=_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}{BASE_PATH}"
        _wait_answers(url, process)
        assert httpx.get(f"{url}/workflows").status_code == 401
        logged_in = httpx.get(f"{url}/workflows", auth=("alice", PASSWORDS["alice"]))
        assert logged_in.status_code == 200
    finally:
        _stop(process)
