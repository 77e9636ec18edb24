"""torc-dash as a process, without a browser: its options, standalone mode, the log reader's
confinement, and credentials passed through to a server that requires them."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import httpx
import psutil
import pytest

from tests.auth.conftest import PASSWORDS, start_auth_server
from tests.conftest import RunningServer, stop_server
from tests.dash.conftest import BIN, Dash, dash_env, free_port, start_dash, stop_dash

DIAMOND = Path(__file__).resolve().parents[2] / "examples" / "yaml" / "diamond_workflow.yaml"


def test_standalone_starts_and_stops_its_own_server(tmp_path: Path) -> None:
    database = tmp_path / "db" / "mine.db"
    dash = start_dash(
        tmp_path,
        "--standalone",
        "--database",
        str(database),
        "--completion-check-interval-secs",
        "2",
        env=dash_env(tmp_path),
    )
    try:
        info = httpx.get(f"{dash.url}/api/info").json()
        assert info["standalone"] is True
        assert info["api_url"].startswith("http://127.0.0.1:")
        pid = info["standalone_server_pid"]
        assert psutil.pid_exists(pid)
        created = httpx.post(
            f"{dash.url}/api/cli/create",
            json={"filename": "diamond.yaml", "content": DIAMOND.read_text()},
        )
        assert created.status_code == 201, created.text
        names = [
            w["name"] for w in httpx.get(f"{dash.url}/torc-service/v1/workflows").json()["items"]
        ]
        assert names == ["diamond_workflow"]
        assert database.is_file()
    finally:
        stop_dash(dash)
    deadline = time.monotonic() + 20
    while psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the standalone torc-server outlived torc-dash"
        time.sleep(0.1)


def test_settings_from_dash_section_and_environment(
    tmp_path: Path, dash_server: RunningServer
) -> None:
    (tmp_path / "torc.toml").write_text(f'[dash]\napi_url = "{dash_server.url}"\n')
    port = free_port()
    dash = start_dash(tmp_path, env=dash_env(tmp_path, TORC_DASH__PORT=str(port)), port=port)
    try:
        assert httpx.get(f"{dash.url}/api/info").json()["api_url"] == dash_server.url
        assert httpx.get(f"{dash.url}/torc-service/v1/ping").status_code == 200
    finally:
        stop_dash(dash)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "0"], "--port must be 1 to 65535"),
        (["--api-url", "ftp://x"], "--api-url must start with http"),
    ],
)
def test_bad_options_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    done = subprocess.run(
        [str(BIN / "torc-dash"), *args],
        cwd=tmp_path,
        env=dash_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_log_reader_stays_inside_the_output_directory(dash: Dash, tmp_path: Path) -> None:
    output = dash.cwd / "output"
    (output / "job_stdio").mkdir(parents=True, exist_ok=True)
    (output / "slurm_output_77.e").write_text("slurm says hi\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    (output / "escape.log").unlink(missing_ok=True)
    os.symlink(secret, output / "escape.log")
    logs = f"{dash.url}/api/logs"

    good = httpx.get(logs, params={"output_dir": "output", "file": "slurm_output_77.e"})
    assert good.status_code == 200 and good.json()["content"] == "slurm says hi\n"
    for params in (
        {"output_dir": "output", "file": "../torc-dash.log"},
        {"output_dir": "output", "file": "job_stdio/../../torc-dash.log"},
        {"output_dir": "output", "file": str(secret)},
        {"output_dir": "../", "file": "secret.txt"},
        {"output_dir": "output", "file": "escape.log"},
        {
            "output_dir": "output",
            "workflow_id": "1",
            "job_id": "1",
            "run_id": "1",
            "stream": "../x",
        },
    ):
        answer = httpx.get(logs, params=params)
        assert answer.status_code == 400, params
        assert "message" in answer.json()["error"]
        assert "top secret" not in answer.text
    missing = httpx.get(logs, params={"output_dir": "output", "file": "nope.o"})
    assert missing.status_code == 404


def test_credentials_pass_through_to_a_server_that_requires_them(tmp_path: Path) -> None:
    guarded = start_auth_server(tmp_path / "server", "--require-auth")
    dash = start_dash(tmp_path, "--api-url", guarded.url, env=dash_env(tmp_path))
    try:
        anonymous = httpx.get(f"{dash.url}/torc-service/v1/workflows")
        assert anonymous.status_code == 401
        assert anonymous.headers["www-authenticate"].lower().startswith("basic")
        alice = ("alice", PASSWORDS["alice"])
        created = httpx.post(
            f"{dash.url}/api/cli/create",
            json={"filename": "diamond.yaml", "content": DIAMOND.read_text()},
            auth=alice,
        )
        assert created.status_code == 201, created.text
        listed = httpx.get(f"{dash.url}/torc-service/v1/workflows", auth=alice).json()
        assert [w["user"] for w in listed["items"]] == ["alice"]
        refused = httpx.post(
            f"{dash.url}/api/cli/create",
            json={"filename": "diamond.yaml", "content": DIAMOND.read_text()},
        )
        assert refused.status_code == 401
    finally:
        stop_dash(dash)
        stop_server(guarded.server)


def test_other_sites_cannot_drive_the_dashboard(dash: Dash) -> None:
    """Cross-site requests and DNS rebinding are answered 403, and change nothing."""
    before = httpx.get(f"{dash.url}/torc-service/v1/workflows").json()["total_count"]
    body = {"filename": "x.yaml", "content": "name: x\njobs:\n  - name: a\n    command: 'true'\n"}
    forged = httpx.post(
        f"{dash.url}/api/cli/create", json=body, headers={"Origin": "http://evil.example"}
    )
    assert forged.status_code == 403 and "evil.example" in forged.json()["error"]["message"]
    plain = httpx.post(
        f"{dash.url}/api/cli/create",
        content=json.dumps(body),
        headers={"content-type": "text/plain"},
    )
    assert plain.status_code == 403
    deleted = httpx.delete(f"{dash.url}/torc-service/v1/workflows/1")
    assert deleted.status_code == 403
    rebound = httpx.get(f"{dash.url}/api/info", headers={"Host": f"evil.example:{dash.port}"})
    assert rebound.status_code == 403
    assert httpx.get(f"{dash.url}/torc-service/v1/workflows").json()["total_count"] == before
    same_site = httpx.post(f"{dash.url}/api/cli/create", json=body, headers={"Origin": dash.url})
    assert same_site.status_code == 201, same_site.text
