"""torc-server service: the unit file written from the options, checked by systemd-analyze
where it is installed. The units go to a temporary directory (--unit-dir), so systemd itself is
left alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SERVICE = [sys.executable, "-m", "torc_server.cli", "service"]


def _service(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    env.pop("XDG_CONFIG_HOME", None)
    return subprocess.run([*SERVICE, *args], capture_output=True, text=True, env=env, timeout=60)


def _verify(unit: Path) -> None:
    """systemd's own check of the unit (syntax, the executable, the directives)."""
    if shutil.which("systemd-analyze") is None:
        return
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in done.stderr.splitlines() if unit.name in line]
    assert done.returncode == 0 and not problems, done.stderr


def _exec_start(text: str) -> list[str]:
    """ExecStart's arguments, its continuation lines joined."""
    joined = text.replace("\\\n", " ")
    line = next(line for line in joined.splitlines() if line.startswith("ExecStart="))
    import shlex

    return shlex.split(line.removeprefix("ExecStart="))


def test_user_unit_runs_the_server_with_the_given_options(tmp_path: Path) -> None:
    units = tmp_path / "units"
    done = _service(
        "install", "--user", "--unit-dir", str(units), "--port", "9123", "--threads", "2",
        "--log-dir", str(tmp_path / "my logs"), "--json-logs", "--auth-file",
        str(tmp_path / "htpasswd"), "--require-auth", "--admin-user", "alice",
        "--admin-user", "bob", home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    unit = units / "torc-server.service"
    assert f"wrote {unit}" in done.stdout
    text = unit.read_text()
    argv = _exec_start(text)
    assert Path(argv[0]).name == "torc-server" and argv[1] == "run"
    options = argv[2:]
    assert options[options.index("--port") + 1] == "9123"
    assert options[options.index("--threads") + 1] == "2"
    assert options[options.index("--log-dir") + 1] == str(tmp_path / "my logs")
    assert options[options.index("--database") + 1] == str(tmp_path / ".torc" / "torc.db")
    assert options[options.index("--host") + 1] == "0.0.0.0"
    assert options[options.index("--auth-file") + 1] == str(tmp_path / "htpasswd")
    assert "--json-logs" in options and "--require-auth" in options
    assert [options[i + 1] for i, o in enumerate(options) if o == "--admin-user"] == [
        "alice",
        "bob",
    ]
    assert "Restart=on-failure" in text
    assert "WantedBy=default.target" in text
    assert "User=" not in text  # a user unit runs as its user
    assert "warning" not in done.stdout  # authentication is required
    _verify(unit)
    removed = _service("uninstall", "--user", "--unit-dir", str(units), home=tmp_path)
    assert removed.returncode == 0 and not unit.exists()


def test_system_unit_is_confined_and_runs_as_its_account(tmp_path: Path) -> None:
    units = tmp_path / "units"
    done = _service(
        "install", "--unit-dir", str(units), "--run-as", "torc", "--https", "--tls-cert",
        "/etc/torc/tls/server.crt", "--tls-key", "/etc/torc/tls/server.key", home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # open to every interface without required authentication: said plainly
    assert "warning: the service listens on all interfaces without --require-auth" in done.stdout
    text = (units / "torc-server.service").read_text()
    options = _exec_start(text)[2:]
    assert options[options.index("--database") + 1] == "/var/lib/torc/torc.db"
    assert options[options.index("--log-dir") + 1] == "/var/log/torc"
    assert options[options.index("--tls-cert") + 1] == "/etc/torc/tls/server.crt"
    assert "--https" in options
    for line in ("User=torc", "NoNewPrivileges=yes", "ProtectSystem=full"):
        assert line in text.splitlines()
    assert "WantedBy=multi-user.target" in text
    assert "WorkingDirectory=/var/lib/torc" in text
    _verify(units / "torc-server.service")


def test_https_without_a_key_pair_is_refused(tmp_path: Path) -> None:
    done = _service("install", "--user", "--unit-dir", str(tmp_path), "--https", home=tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "torc-server: --https needs --tls-cert and --tls-key"
    assert not (tmp_path / "torc-server.service").exists()


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [("/plain/path", "/plain/path"), ("/with space", '"/with space"'), ("50%", '"50%%"')],
)
def test_arguments_are_quoted_for_systemd(argument: str, quoted: str) -> None:
    from torc_server.process.service import quote

    assert quote(argument) == quoted
