"""Layered configuration: TOML files, `TORC_<SECTION>__<KEY>` environment variables, defaults.

The layers, lowest priority first (the user guide's "Configuration Reference"):

1. built-in defaults;
2. the system file, `/etc/torc/config.toml`;
3. the user file, `<config dir>/torc/config.toml`: `$XDG_CONFIG_HOME` or `~/.config` on Linux,
   `~/Library/Application Support` on macOS, `%APPDATA%` on Windows;
4. the project file, `./torc.toml`;
5. the file named by `$TORC_CONFIG`, when set;
6. environment variables `TORC_<SECTION>__<KEY>`, double underscores between nesting levels
   (`TORC_CLIENT__API_URL` is `client.api_url`, `TORC_CLIENT__RUN__NUM_CPUS` is
   `client.run.num_cpus`); values are parsed as the key's type;
7. for the client, the legacy variables `TORC_API_URL`, `TORC_USERNAME`, `TORC_PASSWORD`
   and then the command line flags (`--url`, `--username`, `--format`, `--log-level`), which
   `torc_cli.session` applies on top.

Every layer is checked against `SCHEMA` (written from the Configuration Reference): unknown keys
and values of the wrong type are reported with the file or variable they came from, and left
out of the merge, so a mistake in one layer never hides a good value of a lower one.
`torc config validate` prints the problems; other commands warn about them.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import re
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_API_URL = "http://localhost:8080/torc-service/v1"
SYSTEM_CONFIG = Path("/etc/torc/config.toml")
LOCAL_CONFIG = Path("torc.toml")
ENV_PREFIX = "TORC_"
ENV_SEPARATOR = "__"
LOG_LEVELS = ("error", "warn", "info", "debug", "trace")

# ---- the schema ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """A leaf: its TOML type (string, path, integer, float, boolean, strings: an array of
    strings, comma-separated in a variable), default and limits."""

    kind: str
    default: Any = None
    choices: tuple[str, ...] = ()
    minimum: float | None = None  # inclusive
    above: float | None = None  # exclusive
    maximum: float | None = None
    required: bool = False
    url: bool = False  # must start with http:// or https://
    help: str = ""


@dataclass(frozen=True)
class MapOf:
    """A table of named tables of one shape (`[client.hpc.custom_profiles.<name>]`)."""

    item: dict[str, Any]
    help: str = ""


@dataclass(frozen=True)
class ArrayOf:
    """An array of tables (`[[...partitions]]`)."""

    item: dict[str, Any]
    required: bool = False
    help: str = ""


_PARTITION = {
    "name": Key("string", required=True, help="Partition name"),
    "cpus_per_node": Key("integer", required=True, minimum=1, help="CPU cores per node"),
    "memory_mb": Key("integer", required=True, minimum=1, help="Memory per node in MB"),
    "max_walltime_secs": Key("integer", required=True, minimum=1, help="Maximum walltime"),
    "gpus_per_node": Key("integer", minimum=0, help="GPUs per node"),
    "gpu_type": Key("string", help='GPU model (e.g., "H100")'),
    "shared": Key("boolean", help="Whether partition supports shared jobs"),
    "min_nodes": Key("integer", minimum=1, help="Minimum required nodes"),
    "requires_explicit_request": Key("boolean", help="Must be explicitly requested"),
    "max_nodes": Key("integer", minimum=1, help="Nodes in the partition"),
    "max_nodes_per_user": Key("integer", minimum=1, help="Nodes one user may hold at once"),
    "default": Key("boolean", help="Slurm's default partition"),
}

SCHEMA: dict[str, Any] = {
    "client": {
        "api_url": Key("string", DEFAULT_API_URL, url=True, help="Torc server API URL"),
        "format": Key("string", "table", choices=("table", "json"), help="Output format"),
        # The Configuration Reference documents `info`; this CLI has always defaulted to `warn`
        # (quiet consoles), and `torc config show` reports the default actually in force.
        "log_level": Key("string", "warn", choices=LOG_LEVELS, help="Log level"),
        "username": Key("string", help="Username for basic authentication"),
        "ca_cert": Key("path", help="CA bundle that signed the server's certificate (HTTPS)"),
        "run": {
            "poll_interval": Key("float", 5.0, above=0, help="Job completion poll interval (s)"),
            "output_dir": Key("path", "output", help="Output directory for job logs"),
            "database_poll_interval": Key("integer", 30, minimum=1, help="Database poll interval"),
            "max_parallel_jobs": Key("integer", minimum=1, help="Maximum parallel jobs"),
            "num_cpus": Key("integer", minimum=1, help="Available CPUs"),
            "memory_gb": Key("float", above=0, help="Available memory (GB)"),
            "num_gpus": Key("integer", minimum=0, help="Available GPUs"),
        },
        "hpc": {
            "profile_overrides": MapOf(
                {"default_account": Key("string", help="Default Slurm account")},
                help="Override settings for built-in HPC profiles",
            ),
            "custom_profiles": MapOf(
                {
                    "display_name": Key("string", help="Human-readable name"),
                    "description": Key("string", help="Profile description"),
                    "detect_env_var": Key("string", help="NAME=value that identifies the system"),
                    "detect_hostname": Key("string", help="Regex for hostname detection"),
                    "default_account": Key("string", help="Default Slurm account"),
                    "partitions": ArrayOf(_PARTITION, required=True, help="Partitions"),
                },
                help="Custom HPC profiles",
            ),
        },
    },
    "server": {
        "log_level": Key("string", "info", choices=LOG_LEVELS, help="Log level"),
        "https": Key("boolean", False, help="Enable HTTPS"),
        "url": Key("string", "localhost", help="Hostname/IP to bind to"),
        "port": Key("integer", 8080, minimum=0, maximum=65535, help="Port (0: any free port)"),
        "threads": Key("integer", 1, minimum=1, help="Number of worker threads"),
        "database": Key("string", help="SQLite database path"),
        "auth_file": Key("string", help="Path to htpasswd file"),
        "require_auth": Key("boolean", False, help="Require authentication for all requests"),
        "enforce_access_control": Key(
            "boolean", False, help="Users see only their own and their groups' workflows"
        ),
        "admin_users": Key("strings", help="Users who manage access groups"),
        "tls_cert": Key("path", help="TLS certificate chain (PEM) for HTTPS"),
        "tls_key": Key("path", help="TLS private key (PEM) for HTTPS"),
        "completion_check_interval_secs": Key(
            "float",
            60.0,
            above=0,
            help="Accepted for compatibility (dependents are released at once)",
        ),
        "logging": {
            "log_dir": Key("path", help="Directory for log files (enables file logging)"),
            "json_logs": Key("boolean", False, help="Use JSON format for log files"),
        },
    },
    "dash": {
        "host": Key("string", "127.0.0.1", help="Hostname/IP to bind to"),
        "port": Key("integer", 8090, minimum=1, maximum=65535, help="Port to listen on"),
        "api_url": Key("string", DEFAULT_API_URL, url=True, help="Torc server API URL"),
        "torc_bin": Key("string", "torc", help="Path to torc CLI binary"),
        "torc_server_bin": Key("string", "torc-server", help="Path to torc-server binary"),
        "standalone": Key("boolean", False, help="Auto-start torc-server"),
        "server_port": Key("integer", 0, minimum=0, maximum=65535, help="Standalone server port"),
        "database": Key("string", help="Database path for standalone mode"),
        "completion_check_interval_secs": Key(
            "integer", 5, minimum=1, help="Completion check interval (standalone mode)"
        ),
    },
}


# ---- where the files are ---------------------------------------------------------------------


def user_config_dir() -> Path | None:
    """The platform's per-user configuration directory (what `dirs::config_dir` answers)."""
    try:
        if sys.platform == "win32":
            appdata = os.environ.get("APPDATA")
            return Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
        if sys.platform == "darwin":
            return Path.home() / "Library" / "Application Support"
        xdg = os.environ.get("XDG_CONFIG_HOME", "")
        if xdg and os.path.isabs(xdg):
            return Path(xdg)
        return Path.home() / ".config"
    except RuntimeError:  # no home directory
        return None


@dataclass(frozen=True)
class ConfigPaths:
    system: Path
    user: Path | None
    local: Path
    custom: Path | None  # $TORC_CONFIG

    @classmethod
    def detect(cls) -> ConfigPaths:
        """The standard locations. `TORC_SYSTEM_CONFIG` may move the system file (packaging,
        tests); `TORC_CONFIG` adds a file above the project one."""
        base = user_config_dir()
        custom = os.environ.get("TORC_CONFIG") or None
        return cls(
            system=Path(os.environ.get("TORC_SYSTEM_CONFIG") or SYSTEM_CONFIG),
            user=base / "torc" / "config.toml" if base else None,
            local=LOCAL_CONFIG,
            custom=Path(custom).expanduser() if custom else None,
        )

    def files(self) -> list[tuple[str, Path]]:
        """(layer name, path), lowest priority first."""
        found = [("system", self.system)]
        if self.user is not None:
            found.append(("user", self.user))
        found.append(("local", self.local))
        if self.custom is not None:
            found.append(("TORC_CONFIG", self.custom))
        return found


# ---- loading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    source: str  # a file path, or "environment variable NAME"
    key: str | None
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class Layer:
    name: str  # defaults, system, user, local, TORC_CONFIG, environment
    source: str  # what a problem or origin names: the path, or the variable
    values: dict[str, Any] = field(default_factory=dict)
    # dotted key -> the source that set it (per variable for the environment layer)
    origins: dict[str, str] = field(default_factory=dict)


@dataclass
class Config:
    """The merged configuration, where each value came from, and what was wrong."""

    values: dict[str, Any]
    origins: dict[str, str]
    layers: list[Layer]
    problems: list[Problem]
    paths: ConfigPaths

    def get(self, dotted: str) -> Any:
        value: Any = self.values
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    @property
    def files(self) -> list[Path]:
        """The configuration files that were read, lowest priority first."""
        return [Path(layer.source) for layer in self.layers if layer.name not in _NOT_FILES]

    @property
    def environment(self) -> list[str]:
        return sorted(
            {o.removeprefix("environment variable ") for o in self.origins.values() if _is_env(o)}
        )


_NOT_FILES = ("defaults", "environment")


def _is_env(origin: str) -> bool:
    return origin.startswith("environment variable ")


def load(paths: ConfigPaths | None = None, environ: Mapping[str, str] | None = None) -> Config:
    """Read every layer, check it, and merge the good values."""
    paths = paths or ConfigPaths.detect()
    environ = os.environ if environ is None else environ
    problems: list[Problem] = []
    layers = [Layer("defaults", "default", defaults())]
    for name, path in paths.files():
        layer = _file_layer(name, path, problems)
        if layer is not None:
            layers.append(layer)
    layers.append(_env_layer(environ, problems))
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for layer in layers:
        _merge(values, layer.values)
        for dotted in _leaves(layer.values):
            origins[dotted] = layer.origins.get(dotted, layer.source)
    return Config(_fill(values, SCHEMA), origins, layers, problems, paths)


def _file_layer(name: str, path: Path, problems: list[Problem]) -> Layer | None:
    source = str(path)
    if not path.exists():
        if name == "TORC_CONFIG":
            problems.append(Problem(f"TORC_CONFIG={source}", None, "no such file"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        problems.append(Problem(source, None, f"cannot read the file: {reason}"))
        return None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        problems.append(Problem(source, None, f"invalid TOML: {exc}"))
        return None
    layer = Layer(name, source)
    found: list[Problem] = []
    layer.values = _check_section(document, SCHEMA, "", source, found, from_env=False)
    lines = _key_lines(text)
    for problem in found:
        line = _line_of(problem.key, lines)
        problems.append(
            Problem(f"{source}:{line}" if line else source, problem.key, problem.message)
        )
    return layer


_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_ASSIGNMENT = re.compile(r"^\s*([A-Za-z0-9_\-.\"' ]+?)\s*=")


def _key_lines(text: str) -> list[tuple[str, int]]:
    """(dotted key or table, line number) for each header and assignment, in file order."""
    found = []
    table = ""
    arrays: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            table = _plain_key(header.group(1))
            if line.lstrip().startswith("[["):
                arrays[table] = arrays.get(table, -1) + 1
                table = f"{table}[{arrays[table]}]"
            found.append((table, number))
            continue
        assignment = _ASSIGNMENT.match(line)
        if assignment:
            key = _plain_key(assignment.group(1))
            found.append((f"{table}.{key}" if table else key, number))
    return found


def _plain_key(text: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in text.split("."))


def _line_of(dotted: str | None, lines: list[tuple[str, int]]) -> int | None:
    """The line of a key, else of the innermost table holding it (a best effort: TOML parsers
    do not keep positions; an array's tables are numbered `name[0]`, `name[1]`, ...)."""
    if not dotted:
        return None
    best: tuple[int, int] | None = None  # (length of the matching key, line)
    for key, number in lines:
        if key == dotted:
            return number
        if dotted.startswith(f"{key}.") and (best is None or len(key) > best[0]):
            best = (len(key), number)
        elif key.startswith(f"{dotted}.") and best is None:
            best = (0, number)  # the first key inside an unknown table
    return best[1] if best else None


def _env_layer(environ: Mapping[str, str], problems: list[Problem]) -> Layer:
    layer = Layer("environment", "environment")
    for name in sorted(environ):
        if not name.upper().startswith(ENV_PREFIX) or ENV_SEPARATOR not in name:
            continue
        parts = name[len(ENV_PREFIX) :].lower().split(ENV_SEPARATOR)
        source = f"environment variable {name}"
        if not all(parts):
            problems.append(Problem(source, None, "empty key between double underscores"))
            continue
        nested: Any = environ[name]
        for part in reversed(parts):
            nested = {part: nested}
        checked = _check_section(nested, SCHEMA, "", source, problems, from_env=True)
        _merge(layer.values, checked)
        for dotted in _leaves(checked):
            layer.origins[dotted] = source
    return layer


# ---- checking --------------------------------------------------------------------------------

_MISSING = object()


def _check_section(
    document: Mapping[str, Any],
    schema: Mapping[str, Any],
    prefix: str,
    source: str,
    problems: list[Problem],
    *,
    from_env: bool,
) -> dict[str, Any]:
    """The valid part of `document`; problems for the rest."""
    good: dict[str, Any] = {}
    for key, value in document.items():
        dotted = f"{prefix}{key}"
        spec = schema.get(key)
        if spec is None:
            problems.append(Problem(source, dotted, _unknown(dotted, key, schema)))
            continue
        checked = _check_value(value, spec, dotted, source, problems, from_env=from_env)
        if checked is not _MISSING:
            good[key] = checked
    for key, spec in schema.items():
        if getattr(spec, "required", False) and key not in document and not from_env:
            problems.append(Problem(source, f"{prefix}{key}", f"'{prefix}{key}' is required"))
    return good


def _check_value(
    value: Any, spec: Any, dotted: str, source: str, problems: list[Problem], *, from_env: bool
) -> Any:
    def wrong(expected: str) -> Any:
        problems.append(
            Problem(source, dotted, f"'{dotted}' must be {expected}, not {_describe(value)}")
        )
        return _MISSING

    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return wrong("a table")
        return _check_section(value, spec, f"{dotted}.", source, problems, from_env=from_env)
    if isinstance(spec, MapOf):
        if not isinstance(value, dict):
            return wrong("a table")
        good = {}
        for name, item in value.items():
            checked = _check_value(
                item, spec.item, f"{dotted}.{name}", source, problems, from_env=from_env
            )
            if checked is not _MISSING and _complete(checked, spec.item):
                good[name] = checked
        return good
    if isinstance(spec, ArrayOf):
        if from_env:
            return wrong("an array of tables (set it in a file)")
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            return wrong("an array of tables")
        items = []
        for index, item in enumerate(value):
            checked = _check_section(
                item, spec.item, f"{dotted}[{index}].", source, problems, from_env=False
            )
            if _complete(checked, spec.item):
                items.append(checked)
        return items
    return _check_leaf(value, spec, dotted, source, problems, from_env=from_env)


def _complete(checked: Any, schema: Mapping[str, Any]) -> bool:
    """Whether a checked table kept every required key (one without is left out)."""
    return all(key in checked for key, spec in schema.items() if getattr(spec, "required", False))


def _check_leaf(
    value: Any, spec: Key, dotted: str, source: str, problems: list[Problem], *, from_env: bool
) -> Any:
    if from_env and isinstance(value, str):
        converted = _from_text(value, spec.kind)
        if converted is _MISSING:
            problems.append(
                Problem(source, dotted, f"'{dotted}' must be {_ARTICLE[spec.kind]}, not {value!r}")
            )
            return _MISSING
        value = converted
    if not _is_kind(value, spec.kind):
        problems.append(
            Problem(
                source, dotted, f"'{dotted}' must be {_ARTICLE[spec.kind]}, not {_describe(value)}"
            )
        )
        return _MISSING
    if spec.kind == "float":
        value = float(value)
    limit = _limit_error(value, spec)
    if limit:
        problems.append(Problem(source, dotted, f"'{dotted}' {limit}"))
        return _MISSING
    return value


_ARTICLE = {
    "string": "a string",
    "path": "a string (a path)",
    "integer": "an integer",
    "float": "a number",
    "boolean": "a boolean (true or false)",
    "strings": "an array of strings",
}


def _is_kind(value: Any, kind: str) -> bool:
    if kind in ("string", "path"):
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "strings":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    raise ValueError(kind)


def _from_text(text: str, kind: str) -> Any:
    """An environment variable's text as the key's type, or _MISSING."""
    stripped = text.strip()
    try:
        if kind == "integer":
            return int(stripped)
        if kind == "float":
            number = float(stripped)
            return number if math.isfinite(number) else _MISSING
    except ValueError:
        return _MISSING
    if kind == "strings":
        return [part.strip() for part in text.split(",") if part.strip()]
    if kind == "boolean":
        return {
            "true": True,
            "1": True,
            "yes": True,
            "on": True,
            "false": False,
            "0": False,
            "no": False,
            "off": False,
        }.get(stripped.lower(), _MISSING)
    return text


def _limit_error(value: Any, spec: Key) -> str | None:
    if spec.url and not value.startswith(("http://", "https://")):
        return f"must be a URL starting with http:// or https://, not {value!r}"
    if spec.choices and value not in spec.choices:
        return f"must be one of {', '.join(spec.choices)}, not {value!r}"
    if isinstance(value, int | float):
        if spec.minimum is not None and value < spec.minimum:
            return f"must be at least {_number(spec.minimum)}, not {_number(value)}"
        if spec.above is not None and value <= spec.above:
            return f"must be greater than {_number(spec.above)}, not {_number(value)}"
        if spec.maximum is not None and value > spec.maximum:
            return f"must be at most {_number(spec.maximum)}, not {_number(value)}"
    return None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _describe(value: Any) -> str:
    kinds = {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        dict: "a table",
        list: "an array",
    }
    kind = next((name for t, name in kinds.items() if isinstance(value, t)), "a date/time")
    if isinstance(value, dict | list):
        return kind
    return f"{kind} ({json.dumps(value, default=str)})"


def _unknown(dotted: str, key: str, schema: Mapping[str, Any]) -> str:
    close = difflib.get_close_matches(key, list(schema), n=1)
    if close:
        return f"unknown key '{dotted}' (did you mean '{close[0]}'?)"
    section = dotted.rpartition(".")[0]
    where = f"in [{section}]" if section else "at the top level"
    return f"unknown key '{dotted}'; the keys {where} are: {', '.join(schema)}"


# ---- merging ---------------------------------------------------------------------------------


def defaults(schema: Mapping[str, Any] = SCHEMA) -> dict[str, Any]:
    """The built-in defaults (keys without one are left out)."""
    values: dict[str, Any] = {}
    for key, spec in schema.items():
        if isinstance(spec, dict):
            values[key] = defaults(spec)
        elif isinstance(spec, Key) and spec.default is not None:
            values[key] = spec.default
    return values


def _merge(base: dict[str, Any], top: Mapping[str, Any]) -> None:
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        elif isinstance(value, dict):
            base[key] = {}
            _merge(base[key], value)
        else:
            base[key] = value


def _fill(values: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    """`values` in the schema's order with every key present: None for a leaf nobody set,
    {} for an empty map."""
    filled: dict[str, Any] = {}
    for key, spec in schema.items():
        value = values.get(key)
        if isinstance(spec, dict):
            filled[key] = _fill(value or {}, spec)
        elif isinstance(spec, MapOf):
            filled[key] = dict(value or {})
        else:
            filled[key] = value
    return filled


def _leaves(values: Mapping[str, Any], prefix: str = "") -> list[str]:
    found = []
    for key, value in values.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            found.extend(_leaves(value, f"{dotted}."))
        else:
            found.append(dotted)
    return found


# ---- the configuration of this process -------------------------------------------------------

_current: Config | None = None


def current() -> Config:
    """The configuration of the running command (loaded on first use)."""
    global _current
    if _current is None:
        _current = load()
    return _current


def reload() -> Config:
    """Read the layers again (the environment or the files changed)."""
    global _current
    _current = load()
    return _current


def warn_problems(config: Config | None = None) -> None:
    """One stderr line per problem; the bad values are ignored."""
    for problem in (config or current()).problems:
        print(f"torc: warning: {problem} (ignored; see torc config validate)", file=sys.stderr)


@dataclass(frozen=True)
class RunDefaults:
    """`[client.run]` for `torc run`: a field is None when no file or variable set it (the
    command keeps its own default then), except `poll_interval`, whose default is 5 s."""

    poll_interval: float
    output_dir: Path | None
    max_parallel_jobs: int | None
    num_cpus: int | None
    memory_gb: float | None
    num_gpus: int | None
    database_poll_interval: int


def run_defaults(config: Config | None = None) -> RunDefaults:
    config = config or current()
    run = config.values["client"]["run"]

    def configured(key: str) -> Any:
        origin = config.origins.get(f"client.run.{key}")
        return run[key] if origin not in (None, "default") else None

    output_dir = configured("output_dir")
    return RunDefaults(
        poll_interval=run["poll_interval"],
        output_dir=Path(output_dir).expanduser() if output_dir else None,
        max_parallel_jobs=configured("max_parallel_jobs"),
        num_cpus=configured("num_cpus"),
        memory_gb=configured("memory_gb"),
        num_gpus=configured("num_gpus"),
        database_poll_interval=run["database_poll_interval"],
    )


def flag_problem(dotted: str, value: Any) -> str | None:
    """Why a command line value for the key `dotted` is out of the key's range (the check
    `torc config validate` makes of files), or None when it is fine or not given."""
    if value is None:
        return None
    spec: Any = SCHEMA
    for part in dotted.split("."):
        spec = spec[part]
    return _limit_error(value, spec)


# ---- writing TOML ----------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def to_toml(values: Mapping[str, Any], origins: Mapping[str, str] | None = None) -> str:
    """`values` as TOML; with `origins`, a comment after each value that did not come from the
    defaults names its source."""
    lines: list[str] = []
    for key, section in values.items():
        if isinstance(section, dict):
            _toml_table(lines, [key], section, origins or {})
    return "\n".join(lines).strip("\n") + "\n"


def _toml_table(
    lines: list[str], path: list[str], table: Mapping[str, Any], origins: Mapping[str, str]
) -> None:
    scalars = [(k, v) for k, v in table.items() if v is not None and not _is_table_like(v)]
    if scalars or not any(_is_table_like(v) for v in table.values()):
        if lines:
            lines.append("")
        lines.append(f"[{'.'.join(_toml_key(p) for p in path)}]")
        for key, value in scalars:
            line = f"{_toml_key(key)} = {_toml_value(value)}"
            origin = origins.get(".".join([*path, key]))
            if origin and origin != "default":
                line += f"  # {origin}"
            lines.append(line)
    for key, value in table.items():
        if isinstance(value, dict) and value:
            _toml_table(lines, [*path, key], value, origins)
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                lines.append("")
                lines.append(f"[[{'.'.join(_toml_key(p) for p in [*path, key])}]]")
                for k, v in item.items():
                    if v is not None:
                        lines.append(f"{_toml_key(k)} = {_toml_value(v)}")


def _is_table_like(value: Any) -> bool:
    return isinstance(value, dict) or (
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + inner + "}" if inner else "{}"
    return json.dumps(str(value), ensure_ascii=False)


# ---- the template of `torc config init` ------------------------------------------------------

TEMPLATE = f"""\
# Torc configuration file
#
# Torc reads, lowest priority first: /etc/torc/config.toml (system),
# ~/.config/torc/config.toml (user; $XDG_CONFIG_HOME/torc/config.toml when set),
# ./torc.toml (project), the file named by $TORC_CONFIG, environment variables
# such as TORC_CLIENT__API_URL (double underscores between nesting levels), and
# command line flags. Check a file with `torc config validate`; see the merged
# result with `torc config show`.

[client]
# URL of the torc-server API
api_url = "{DEFAULT_API_URL}"

# Output format: "table" or "json"
format = "table"

# Log level: error, warn, info, debug, trace
log_level = "warn"

# Username for basic authentication (the password is prompted for, or TORC_PASSWORD)
# username = "myuser"

# CA bundle that signed the server's certificate, for https:// URLs (or TORC_CA_CERT)
# ca_cert = "/etc/torc/tls/ca.crt"

[client.run]
# Longest wait between job claims, in seconds
poll_interval = 5.0

# Output directory for job logs and artifacts
output_dir = "output"

# Database poll interval, in seconds
database_poll_interval = 30

# Maximum number of parallel jobs (when unset, jobs are scheduled by their resources)
# max_parallel_jobs = 4

# Resources available to local runs (when unset, this machine's are detected)
# num_cpus = 8
# memory_gb = 32.0
# num_gpus = 1

# HPC profiles (torc hpc and torc slurm commands)
# [client.hpc.profile_overrides.kestrel]
# default_account = "my_default_account"
#
# [client.hpc.custom_profiles.mycluster]
# display_name = "My Research Cluster"
# description = "Internal research HPC system"
# detect_env_var = "MY_CLUSTER=research"
# default_account = "default_project"
#
# [[client.hpc.custom_profiles.mycluster.partitions]]
# name = "compute"
# cpus_per_node = 64
# memory_mb = 256000
# max_walltime_secs = 172800
# shared = false

[server]
# Hostname/IP to bind to
url = "localhost"

# Port to listen on
port = 8080

# Number of worker threads
threads = 1

# Use HTTPS
https = false

# Path to the SQLite database (when unset, DATABASE_URL is used)
# database = "/path/to/torc.db"

# Path to an htpasswd file for authentication
# auth_file = "/path/to/htpasswd"

# Require authentication for all requests
require_auth = false

# Users see and change only their own workflows and those of their access groups
enforce_access_control = false

# Users who manage access groups
# admin_users = ["alice"]

# HTTPS: the certificate chain and private key (PEM)
# tls_cert = "/etc/torc/tls/server.crt"
# tls_key = "/etc/torc/tls/server.key"

# Accepted for compatibility: this server releases dependent jobs at once
completion_check_interval_secs = 60.0

# Log level: error, warn, info, debug, trace
log_level = "info"

[server.logging]
# Directory for log files (enables file logging)
# log_dir = "/var/log/torc"

# Use JSON format for log files
json_logs = false

[dash]
# Host to bind to
host = "127.0.0.1"

# Port to listen on
port = 8090

# URL of the torc-server API
api_url = "{DEFAULT_API_URL}"

# Path to the torc CLI binary
torc_bin = "torc"

# Path to the torc-server binary
torc_server_bin = "torc-server"

# Start torc-server automatically (standalone mode)
standalone = false

# Server port in standalone mode (0: pick a free port)
server_port = 0

# Database path in standalone mode
# database = "/path/to/torc.db"

# Completion check interval in standalone mode, in seconds
completion_check_interval_secs = 5
"""
