"""The ways a client logs in: flags, environment, configuration file, the SDK."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.auth.conftest import PASSWORDS, AuthServer
from torc import ApiError, make_api


def test_flags_reach_the_server(guarded: AuthServer, tmp_path: Path) -> None:
    cli = guarded.cli(tmp_path, None)
    listed = cli.json("--username", "bob", "--password", PASSWORDS["bob"], "workflows", "list")
    assert "workflows" in listed
    refused = cli.fails("--username", "bob", "--password", "wrong", "workflows", "list")
    assert "refused the login" in refused and "401" in refused


def test_configuration_file_names_the_user(guarded: AuthServer, tmp_path: Path) -> None:
    cli = guarded.cli(tmp_path, None, TORC_PASSWORD=PASSWORDS["carol"])
    config = Path(cli.env["XDG_CONFIG_HOME"]) / "torc" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[client]\nusername = "carol"\n')
    workflow = cli.create("name: NAME\njobs:\n  - name: a\n    command: 'true'\n")
    assert cli.json("workflows", "get", str(workflow))["user"] == "carol"


def test_make_api_logs_in(guarded: AuthServer) -> None:
    with make_api(guarded.url, username="bob", password=PASSWORDS["bob"]) as api:
        api.list_workflows()
        assert api.credential_environment() == {
            "TORC_USERNAME": "bob",
            "TORC_PASSWORD": PASSWORDS["bob"],
        }
    with (
        make_api(guarded.url, username="bob", password="wrong") as api,
        pytest.raises(ApiError) as refused,
    ):
        api.list_workflows()
    assert refused.value.status == 401


def test_a_password_alone_logs_in_as_the_login_name(guarded: AuthServer, tmp_path: Path) -> None:
    cli = guarded.cli(tmp_path, None, TORC_PASSWORD=PASSWORDS["carol"], LOGNAME="carol")
    workflow = cli.create("name: NAME\njobs:\n  - name: a\n    command: 'true'\n")
    assert cli.json("workflows", "get", str(workflow))["user"] == "carol"
