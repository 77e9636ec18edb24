"""Layered configuration: `torc config show/paths/init/validate`, each layer's precedence, and the
client settings reaching the session.

Every command runs as a user would run it, in a subprocess whose environment holds no TORC_*
variables but the test's, with HOME, XDG_CONFIG_HOME and the system file (TORC_SYSTEM_CONFIG)
moved into the test's directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from torc_cli import config

TORC = [sys.executable, "-c", "from torc_cli.main import main; main()"]


class Layers:
    """The files and variables of one test: write any layer, then run torc."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.project = root / "project"
        self.project.mkdir()
        self.system = root / "etc" / "torc" / "config.toml"
        self.user = root / "xdg" / "torc" / "config.toml"
        self.local = self.project / "torc.toml"
        self.custom = root / "custom.toml"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TORC_")}
        self.env.update(
            HOME=str(root / "home"),
            XDG_CONFIG_HOME=str(root / "xdg"),
            TORC_SYSTEM_CONFIG=str(self.system),
        )

    def write(self, path: Path, text: str) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        return path

    def torc(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*TORC, *args],
            cwd=self.project,
            env={**self.env, **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def show(self, *flags: str, **env: str) -> dict[str, Any]:
        done = self.torc(*flags, "-f", "json", "config", "show", **env)
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        return json.loads(done.stdout)


@pytest.fixture
def layers(tmp_path: Path) -> Layers:
    return Layers(tmp_path)


# ---- defaults and each layer's precedence ----------------------------------------------------


def test_defaults_are_the_documented_ones(layers: Layers) -> None:
    shown = layers.show()
    assert shown["client"] == {
        "api_url": "http://localhost:8080/torc-service/v1",
        "format": "json",  # from the -f json of layers.show()
        "log_level": "warn",
        "username": None,
        "ca_cert": None,
        "run": {
            "poll_interval": 5.0,
            "output_dir": "output",
            "database_poll_interval": 30,
            "max_parallel_jobs": None,
            "num_cpus": None,
            "memory_gb": None,
            "num_gpus": None,
        },
        "hpc": {"profile_overrides": {}, "custom_profiles": {}},
    }
    assert shown["server"] == {
        "log_level": "info",
        "https": False,
        "url": "localhost",
        "port": 8080,
        "threads": 1,
        "database": None,
        "auth_file": None,
        "require_auth": False,
        "enforce_access_control": False,
        "admin_users": None,
        "tls_cert": None,
        "tls_key": None,
        "completion_check_interval_secs": 60.0,
        "logging": {"log_dir": None, "json_logs": False},
    }
    assert shown["dash"] == {
        "host": "127.0.0.1",
        "port": 8090,
        "api_url": "http://localhost:8080/torc-service/v1",
        "torc_bin": "torc",
        "torc_server_bin": "torc-server",
        "standalone": False,
        "server_port": 0,
        "database": None,
        "completion_check_interval_secs": 5,
    }
    as_toml = layers.torc("config", "show")
    assert tomllib.loads(as_toml.stdout)["client"]["format"] == "table"


def _url(layer: str) -> str:
    return f"http://{layer}:8080/torc-service/v1"


def _client_file(layers: Layers, path: Path, layer: str, **run: Any) -> None:
    lines = ["[client]", f'api_url = "{_url(layer)}"', "", "[client.run]"]
    lines += [f"{key} = {json.dumps(value)}" for key, value in run.items()]
    layers.write(path, "\n".join(lines) + "\n")


def test_system_file_overrides_defaults(layers: Layers) -> None:
    _client_file(layers, layers.system, "system", num_cpus=2)
    shown = layers.show()
    assert shown["client"]["api_url"] == _url("system")
    assert shown["client"]["run"]["num_cpus"] == 2
    assert shown["server"]["port"] == 8080


def test_user_file_overrides_system_file(layers: Layers) -> None:
    _client_file(layers, layers.system, "system", num_cpus=2, num_gpus=1)
    _client_file(layers, layers.user, "user", num_cpus=4)
    shown = layers.show()
    assert shown["client"]["api_url"] == _url("user")
    assert shown["client"]["run"]["num_cpus"] == 4
    assert shown["client"]["run"]["num_gpus"] == 1  # still the system file's


def test_user_file_without_xdg_is_under_home_dot_config(layers: Layers) -> None:
    home_file = layers.root / "home" / ".config" / "torc" / "config.toml"
    _client_file(layers, home_file, "home")
    env = dict(layers.env)
    del env["XDG_CONFIG_HOME"]
    layers.env = env
    assert layers.show()["client"]["api_url"] == _url("home")


def test_local_file_overrides_user_file(layers: Layers) -> None:
    _client_file(layers, layers.system, "system")
    _client_file(layers, layers.user, "user", memory_gb=8.0)
    _client_file(layers, layers.local, "local", output_dir="results")
    shown = layers.show()
    assert shown["client"]["api_url"] == _url("local")
    assert shown["client"]["run"]["output_dir"] == "results"
    assert shown["client"]["run"]["memory_gb"] == 8.0


def test_torc_config_file_overrides_local_file(layers: Layers) -> None:
    _client_file(layers, layers.user, "user")
    _client_file(layers, layers.local, "local", max_parallel_jobs=3)
    _client_file(layers, layers.custom, "custom", max_parallel_jobs=5)
    shown = layers.show(TORC_CONFIG=str(layers.custom))
    assert shown["client"]["api_url"] == _url("custom")
    assert shown["client"]["run"]["max_parallel_jobs"] == 5


def test_client_env_variables_override_files(layers: Layers) -> None:
    _client_file(layers, layers.local, "local", num_cpus=4, poll_interval=2.0)
    _client_file(layers, layers.custom, "custom")
    shown = layers.show(
        TORC_CONFIG=str(layers.custom),
        TORC_CLIENT__API_URL=_url("env"),
        TORC_CLIENT__RUN__NUM_CPUS="16",
        TORC_SERVER__PORT="9999",
        TORC_SERVER__LOGGING__JSON_LOGS="true",
        TORC_DASH__STANDALONE="false",
    )
    assert shown["client"]["api_url"] == _url("env")
    assert shown["client"]["run"]["num_cpus"] == 16  # parsed as the key's type
    assert shown["client"]["run"]["poll_interval"] == 2.0
    assert shown["server"]["port"] == 9999
    assert shown["server"]["logging"]["json_logs"] is True
    assert shown["dash"]["standalone"] is False


def test_single_underscore_variables_are_not_configuration(layers: Layers) -> None:
    shown = layers.show(TORC_CLIENT_API_URL=_url("wrong"), TORC_CLIENT__FORMAT="table")
    assert shown["client"]["api_url"] == "http://localhost:8080/torc-service/v1"


def test_legacy_env_variables_override_client_variables(layers: Layers) -> None:
    _client_file(layers, layers.local, "local")
    shown = layers.show(
        TORC_CLIENT__API_URL=_url("env"),
        TORC_API_URL=_url("legacy"),
        TORC_CLIENT__USERNAME="config-user",
        TORC_USERNAME="legacy-user",
    )
    assert shown["client"]["api_url"] == _url("legacy")
    assert shown["client"]["username"] == "legacy-user"


def test_command_line_flags_override_everything(layers: Layers) -> None:
    _client_file(layers, layers.local, "local")
    layers.write(layers.user, '[client]\nlog_level = "info"\nformat = "table"\n')
    shown = layers.show(
        "--url",
        _url("flag"),
        "--username",
        "flag-user",
        "--log-level",
        "error",
        TORC_API_URL=_url("legacy"),
        TORC_CLIENT__API_URL=_url("env"),
        TORC_USERNAME="legacy-user",
        TORC_CLIENT__LOG_LEVEL="debug",
    )
    assert shown["client"]["api_url"] == _url("flag")
    assert shown["client"]["username"] == "flag-user"
    assert shown["client"]["log_level"] == "error"
    assert shown["client"]["format"] == "json"  # -f json is a flag too


def test_show_as_toml_names_each_values_source(layers: Layers) -> None:
    _client_file(layers, layers.user, "user")
    layers.write(layers.local, "[client.run]\nnum_cpus = 8\n")
    done = layers.torc("--username", "me", "config", "show", TORC_CLIENT__RUN__NUM_GPUS="2")
    assert done.returncode == 0, done.stderr
    shown = tomllib.loads(done.stdout)
    assert shown["client"]["api_url"] == _url("user")
    assert shown["client"]["run"]["num_cpus"] == 8
    assert shown["server"]["port"] == 8080
    lines = done.stdout.splitlines()
    assert f'api_url = "{_url("user")}"  # {layers.user}' in lines
    assert "num_cpus = 8  # torc.toml" in lines
    assert "num_gpus = 2  # environment variable TORC_CLIENT__RUN__NUM_GPUS" in lines
    assert 'username = "me"  # --username' in lines
    assert 'format = "table"' in lines  # a default: no comment


# ---- the session uses the configuration ------------------------------------------------------


def test_session_takes_the_server_url_from_the_configuration(layers: Layers) -> None:
    dead = "http://127.0.0.1:9/torc-service/v1"
    layers.write(layers.local, f'[client]\napi_url = "{dead}"\n')
    (layers.project / "output").mkdir()
    done = layers.torc("reports", "results", "1")
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"torc: get_workflow: cannot connect to the torc server at {dead}"
    )
    assert len(done.stderr.splitlines()) == 1


def test_session_takes_the_output_format_from_the_configuration(layers: Layers) -> None:
    layers.write(layers.user, '[client]\nformat = "json"\n')
    done = layers.torc("config", "show")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["client"]["format"] == "json"


def test_run_defaults_come_from_client_run() -> None:
    paths = config.ConfigPaths(Path("/nonexistent/system.toml"), None, Path("/nonexistent/l"), None)
    loaded = config.load(paths, environ={})
    assert config.run_defaults(loaded) == config.RunDefaults(
        poll_interval=5.0,
        output_dir=None,
        max_parallel_jobs=None,
        num_cpus=None,
        memory_gb=None,
        num_gpus=None,
        database_poll_interval=30,
    )
    loaded = config.load(
        paths,
        environ={
            "TORC_CLIENT__RUN__POLL_INTERVAL": "0.5",
            "TORC_CLIENT__RUN__OUTPUT_DIR": "~/runs",
            "TORC_CLIENT__RUN__MAX_PARALLEL_JOBS": "3",
            "TORC_CLIENT__RUN__NUM_CPUS": "8",
            "TORC_CLIENT__RUN__MEMORY_GB": "16",
            "TORC_CLIENT__RUN__NUM_GPUS": "0",
        },
    )
    assert config.run_defaults(loaded) == config.RunDefaults(
        poll_interval=0.5,
        output_dir=Path("~/runs").expanduser(),
        max_parallel_jobs=3,
        num_cpus=8,
        memory_gb=16.0,
        num_gpus=0,
        database_poll_interval=30,
    )


# ---- validate --------------------------------------------------------------------------------


def test_validate_reports_unknown_keys_and_wrong_types_with_their_file(layers: Layers) -> None:
    layers.write(layers.user, '[client]\napi_url = "http://fine/torc-service/v1"\n')
    layers.write(
        layers.local,
        '[client]\nfromat = "json"\n\n[client.run]\nnum_cpus = "8"\n\n[server]\nport = 0.5\n'
        "\n[serve]\nx = 1\n",
    )
    done = layers.torc("config", "validate", TORC_CLIENT__RUN__MEMORY_GB="lots")
    assert done.returncode == 1
    assert done.stdout.splitlines()[:5] == [
        "Validating configuration...",
        "",
        "Loading configuration from:",
        f"  - {layers.user}",
        "  - torc.toml",
    ]
    assert done.stderr.splitlines() == [
        "Configuration has 5 errors:",
        "  - torc.toml:2: unknown key 'client.fromat' (did you mean 'format'?)",
        "  - torc.toml:5: 'client.run.num_cpus' must be an integer, not a string (\"8\")",
        "  - torc.toml:8: 'server.port' must be an integer, not a float (0.5)",
        "  - torc.toml:10: unknown key 'serve' (did you mean 'server'?)",
        "  - environment variable TORC_CLIENT__RUN__MEMORY_GB: 'client.run.memory_gb' must be "
        "a number, not 'lots'",
    ]


def test_validate_reports_bad_values_syntax_and_missing_torc_config(layers: Layers) -> None:
    layers.write(layers.user, '[client]\nformat = "yaml"\n[client.run]\npoll_interval = 0\n')
    layers.write(layers.local, "[client\n")
    done = layers.torc(
        "config",
        "validate",
        TORC_CONFIG=str(layers.root / "missing.toml"),
        TORC_DASH__API_URL="localhost:8080",
    )
    assert done.returncode == 1
    errors = done.stderr.splitlines()
    assert errors[0] == "Configuration has 5 errors:"
    assert (
        "  - environment variable TORC_DASH__API_URL: 'dash.api_url' must be a URL starting "
        "with http:// or https://, not 'localhost:8080'"
    ) in errors
    assert f"  - {layers.user}:2: 'client.format' must be one of table, json, not 'yaml'" in errors
    assert (
        f"  - {layers.user}:4: 'client.run.poll_interval' must be greater than 0, not 0" in errors
    )
    assert any(e.startswith("  - torc.toml: invalid TOML: ") for e in errors)
    assert f"  - TORC_CONFIG={layers.root / 'missing.toml'}: no such file" in errors


def test_validate_checks_hpc_profiles(layers: Layers) -> None:
    layers.write(
        layers.local,
        """\
[client.hpc.profile_overrides.kestrel]
default_account = "acct"

[client.hpc.custom_profiles.mycluster]
display_name = "My cluster"

[[client.hpc.custom_profiles.mycluster.partitions]]
name = "compute"
cpus_per_node = 64
memory_mb = 256000
max_walltime_secs = 172800
shared = false

[[client.hpc.custom_profiles.mycluster.partitions]]
name = "gpu"
cpus_per_node = 32
gpus_per_node = "four"
""",
    )
    done = layers.torc("-f", "json", "config", "validate")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["valid"] is False
    assert [(e["source"], e["message"]) for e in report["errors"]] == [
        (
            "torc.toml:17",
            "'client.hpc.custom_profiles.mycluster.partitions[1].gpus_per_node' must be an "
            'integer, not a string ("four")',
        ),
        (
            "torc.toml:14",
            "'client.hpc.custom_profiles.mycluster.partitions[1].memory_mb' is required",
        ),
        (
            "torc.toml:14",
            "'client.hpc.custom_profiles.mycluster.partitions[1].max_walltime_secs' is required",
        ),
    ]
    shown = layers.show()
    profile = shown["client"]["hpc"]["custom_profiles"]["mycluster"]
    assert [p["name"] for p in profile["partitions"]] == ["compute"]  # the broken one left out
    assert shown["client"]["hpc"]["profile_overrides"] == {"kestrel": {"default_account": "acct"}}


def test_validate_accepts_the_documented_complete_example(layers: Layers) -> None:
    layers.write(
        layers.user,
        """\
[client]
api_url = "http://localhost:8080/torc-service/v1"
format = "table"
log_level = "info"
username = "developer"

[client.run]
poll_interval = 5.0
output_dir = "output"
database_poll_interval = 30
num_cpus = 8
memory_gb = 32.0
num_gpus = 1

[server]
log_level = "info"
https = false
url = "localhost"
port = 8080
threads = 4
database = "/var/lib/torc/torc.db"
require_auth = false
completion_check_interval_secs = 60.0

[server.logging]
log_dir = "/var/log/torc"
json_logs = false

[dash]
host = "127.0.0.1"
port = 8090
api_url = "http://localhost:8080/torc-service/v1"
torc_bin = "torc"
torc_server_bin = "torc-server"
standalone = false
server_port = 0
completion_check_interval_secs = 5
""",
    )
    done = layers.torc("config", "validate", TORC_SERVER__PORT="9999")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Validating configuration...",
        "",
        "Loading configuration from:",
        f"  - {layers.user}",
        "",
        "Environment variables:",
        "  - TORC_SERVER__PORT",
        "",
        "Configuration is valid.",
        "",
        "Key settings:",
        "  client.api_url = http://localhost:8080/torc-service/v1",
        "  client.format = table",
        "  server.port = 9999",
        "  dash.port = 8090",
    ]


def test_other_commands_warn_about_problems_and_ignore_the_bad_values(layers: Layers) -> None:
    layers.write(layers.user, '[client]\nformat = "json"\n')
    layers.write(layers.local, '[client]\nformat = "xml"\n')
    done = layers.torc("completions", "bash")
    assert done.returncode == 0
    assert done.stdout.startswith("# Bash completion for torc")
    assert done.stderr.splitlines() == [
        "torc: warning: torc.toml:2: 'client.format' must be one of table, json, not 'xml' "
        "(ignored; see torc config validate)"
    ]
    assert json.loads(layers.torc("config", "show").stdout)["client"]["format"] == "json"


# ---- init and paths --------------------------------------------------------------------------


@pytest.mark.parametrize("flag", ["--user", "--local", "--system", None])
def test_init_writes_a_commented_template_that_validates(layers: Layers, flag: str | None) -> None:
    target = {"--user": layers.user, "--local": Path("torc.toml"), "--system": layers.system}[
        flag or "--user"
    ]
    done = layers.torc("config", "init", *([flag] if flag else []))
    assert done.returncode == 0, done.stderr
    assert f"Created configuration file: {target}" in done.stdout.splitlines()
    named, target = target, layers.project / target  # the local file's path is relative
    text = target.read_text()
    assert text.startswith("# Torc configuration file")
    assert "# num_cpus = 8" in text and "[server.logging]" in text and "[dash]" in text
    assert tomllib.loads(text)["client"]["run"]["poll_interval"] == 5.0
    checked = layers.torc("config", "validate")
    assert checked.returncode == 0, checked.stderr
    assert "Configuration is valid." in checked.stdout

    again = layers.torc("config", "init", *([flag] if flag else []))
    assert again.returncode == 1
    assert again.stderr == (
        f"torc: configuration file already exists: {named} (use --force to overwrite)\n"
    )
    target.write_text("# mine\n")
    forced = layers.torc("config", "init", "--force", *([flag] if flag else []))
    assert forced.returncode == 0, forced.stderr
    assert target.read_text() == text


def test_init_takes_one_location(layers: Layers) -> None:
    done = layers.torc("config", "init", "--user", "--local")
    assert done.returncode == 1
    assert done.stderr == "torc: give only one of --user, --local and --system\n"


def test_init_reports_an_unwritable_location_in_one_line(layers: Layers) -> None:
    blocker = layers.write(layers.root / "file", "")
    done = layers.torc("config", "init", "--system", TORC_SYSTEM_CONFIG=str(blocker / "c.toml"))
    assert done.returncode == 1
    assert done.stderr.startswith("torc: cannot write ")
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr


def test_paths_lists_the_layers(layers: Layers) -> None:
    done = layers.torc("config", "paths")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "Configuration file paths (in priority order):",
        "",
        f"  System:  {layers.system} (not found)",
        f"  User:    {layers.user} (not found)",
        "  Local:   torc.toml (not found)",
        "",
        "Environment variables (highest priority):",
        "  Use double underscore (__) to separate nested keys:",
        "    TORC_CLIENT__API_URL, TORC_CLIENT__FORMAT, TORC_SERVER__PORT, etc.",
        "",
        "No configuration files found. Run 'torc config init --user' to create one.",
    ]
    layers.write(layers.local, "")
    layers.write(layers.custom, "")
    done = layers.torc("config", "paths", TORC_CONFIG=str(layers.custom))
    assert "  Local:   torc.toml (exists)" in done.stdout.splitlines()
    assert f"  TORC_CONFIG: {layers.custom} (exists)" in done.stdout.splitlines()
    assert f"Active configuration files: torc.toml, {layers.custom}" in done.stdout
    paths = json.loads(layers.torc("-f", "json", "config", "paths").stdout)
    assert paths["local"] == {"path": "torc.toml", "exists": True}
    assert paths["user"] == {"path": str(layers.user), "exists": False}


# ---- the TOML writer -------------------------------------------------------------------------


def test_to_toml_round_trips_the_effective_configuration(tmp_path: Path) -> None:
    local = tmp_path / "torc.toml"
    local.write_text(
        '[client]\nusername = "a \\"quoted\\" name"\n'
        '[client.hpc.custom_profiles."my cluster"]\ndescription = "ünïcode"\n'
        '[[client.hpc.custom_profiles."my cluster".partitions]]\n'
        'name = "p"\ncpus_per_node = 1\nmemory_mb = 2\nmax_walltime_secs = 3\n'
    )
    loaded = config.load(config.ConfigPaths(tmp_path / "none", None, local, None), environ={})
    assert loaded.problems == []

    def without_none(value: Any) -> Any:
        """TOML has no null: unset keys and empty tables are left out."""
        if isinstance(value, dict):
            kept = {k: without_none(v) for k, v in value.items() if v is not None}
            return {k: v for k, v in kept.items() if v != {}}
        if isinstance(value, list):
            return [without_none(v) for v in value]
        return value

    text = config.to_toml(loaded.values, loaded.origins)
    assert tomllib.loads(text) == without_none(loaded.values)
