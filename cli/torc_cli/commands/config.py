"""`torc config`: show, locate, create and check the configuration files."""

from __future__ import annotations

import copy
import os
import sys
from pathlib import Path
from typing import Annotated, Any

from cyclopts import App, Parameter

from torc_cli import config as settings
from torc_cli import output, session
from torc_cli.session import CliError

app = App(name="config", help="Configuration file management.")

# The session settings that command line flags and the legacy variables set on top of the
# configuration layers: (config key, session attribute, flag, legacy variable).
_CLIENT_OVERRIDES = (
    ("api_url", "url", "--url", "TORC_API_URL"),
    ("username", "username", "--username", "TORC_USERNAME"),
    ("format", "format", "--format", None),
    ("log_level", "log_level", "--log-level", None),
)


def effective() -> tuple[dict[str, Any], dict[str, str]]:
    """The merged configuration with this command's flags and legacy variables applied, and
    the source of each value."""
    loaded = settings.current()
    values = copy.deepcopy(loaded.values)
    origins = dict(loaded.origins)
    current = session.get()
    for key, attribute, flag, legacy in _CLIENT_OVERRIDES:
        value = getattr(current, attribute)
        if value is None or value == values["client"][key]:
            continue
        values["client"][key] = value
        if attribute == "url" and current.standalone:
            origins[f"client.{key}"] = "--standalone"
        elif legacy and os.environ.get(legacy) == value:
            origins[f"client.{key}"] = f"environment variable {legacy}"
        else:
            origins[f"client.{key}"] = flag
    return values, origins


@app.command
def show() -> None:
    """Show the effective configuration (merged from all sources): TOML, or JSON with
    `--format json`. A comment after each value that is not a default names its source."""
    values, origins = effective()
    if session.get().json:
        output.emit_json(values)
    else:
        sys.stdout.write(settings.to_toml(values, origins))


def _status(path: Path | None) -> str:
    return "exists" if path is not None and path.exists() else "not found"


@app.command
def paths() -> None:
    """Show the configuration file paths, lowest priority first."""
    found = settings.ConfigPaths.detect()
    if session.get().json:
        layers = {
            name: {"path": str(path), "exists": path.exists()} for name, path in found.files()
        }
        if found.user is None:
            layers["user"] = {"path": None, "exists": False}
        output.emit_json(layers)
        return
    print("Configuration file paths (in priority order):")
    print()
    print(f"  System:  {found.system} ({_status(found.system)})")
    if found.user is not None:
        print(f"  User:    {found.user} ({_status(found.user)})")
    else:
        print("  User:    (not available - could not determine the config directory)")
    print(f"  Local:   {found.local} ({_status(found.local)})")
    if found.custom is not None:
        print(f"  TORC_CONFIG: {found.custom} ({_status(found.custom)})")
    print()
    print("Environment variables (highest priority):")
    print("  Use double underscore (__) to separate nested keys:")
    print("    TORC_CLIENT__API_URL, TORC_CLIENT__FORMAT, TORC_SERVER__PORT, etc.")
    print()
    existing = [str(path) for _, path in found.files() if path.exists()]
    if existing:
        print(f"Active configuration files: {', '.join(existing)}")
    else:
        print("No configuration files found. Run 'torc config init --user' to create one.")


@app.command
def init(
    *,
    user: Annotated[
        bool, Parameter(negative=(), help="Create the user config (~/.config/torc/config.toml).")
    ] = False,
    local: Annotated[
        bool, Parameter(negative=(), help="Create the project config (./torc.toml).")
    ] = False,
    system: Annotated[
        bool,
        Parameter(
            negative=(), help="Create the system config (/etc/torc/config.toml; needs root)."
        ),
    ] = False,
    force: Annotated[bool, Parameter(negative=(), help="Overwrite the file if it exists.")] = False,
) -> None:
    """Create a configuration file with the defaults, commented (default: --user)."""
    if user + local + system > 1:
        raise CliError("give only one of --user, --local and --system")
    found = settings.ConfigPaths.detect()
    if system:
        target = found.system
    elif local:
        target = found.local
    else:
        if found.user is None:
            raise CliError(
                "cannot determine the user config directory (set HOME or XDG_CONFIG_HOME, "
                "or use --local)"
            )
        target = found.user
    if target.exists() and not force:
        raise CliError(f"configuration file already exists: {target} (use --force to overwrite)")
    try:
        if not target.parent.exists():
            target.parent.mkdir(parents=True)
            output.message(f"Created directory: {target.parent}")
        target.write_text(settings.TEMPLATE, encoding="utf-8")
    except OSError as exc:
        hint = " (creating the system config may need root)" if system else ""
        raise CliError(f"cannot write {exc.filename or target}: {exc.strerror}{hint}") from None
    if session.get().json:
        output.emit_json({"created": str(target)})
        return
    print(f"Created configuration file: {target}")
    print()
    print("Edit this file to customize your Torc settings.")
    print("Run 'torc config show' to see the effective configuration.")


@app.command
def validate() -> int:
    """Validate the configuration files and TORC_* variables: report unknown keys and values of
    the wrong type with the file (and line) or variable they came from."""
    loaded = settings.reload()
    files = [str(path) for path in loaded.files]
    if session.get().json:
        output.emit_json(
            {
                "valid": not loaded.problems,
                "files": files,
                "environment": loaded.environment,
                "errors": [
                    {"source": p.source, "key": p.key, "message": p.message}
                    for p in loaded.problems
                ],
            }
        )
        return 1 if loaded.problems else 0
    print("Validating configuration...")
    print()
    if files:
        print("Loading configuration from:")
        for path in files:
            print(f"  - {path}")
    else:
        print("No configuration files found (using defaults)")
    if loaded.environment:
        print()
        print("Environment variables:")
        for name in loaded.environment:
            print(f"  - {name}")
    print()
    sys.stdout.flush()
    if loaded.problems:
        count = len(loaded.problems)
        print(f"Configuration has {count} error{'s' if count > 1 else ''}:", file=sys.stderr)
        for problem in loaded.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print("Configuration is valid.")
    print()
    print("Key settings:")
    for key in ("client.api_url", "client.format", "server.port", "dash.port"):
        print(f"  {key} = {loaded.get(key)}")
    return 0


COMMANDS = [app]
