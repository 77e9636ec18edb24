"""What the Workflows tab's buttons do: create, initialize, run, submit, cancel, delete.

Creating and the lifecycle calls go through the SDK; running and submitting start the `torc`
command (`--torc-bin`) as a detached process, with an argument list (never a shell string), the
login passed in the environment, never on the command line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from torc import manager
from torc.api import DefaultApi
from torc.spec import create_workflow_from_spec

SPEC_SUFFIXES = (".yaml", ".yml", ".json", ".json5", ".kdl")


class ActionError(ValueError):
    """A request the dashboard refuses; the message says what to fix."""


@dataclass
class Created:
    workflow_id: int
    job_count: int


def create_from_upload(api: DefaultApi, filename: str, content: str) -> Created:
    """Create the workflow of an uploaded spec file; its format is told by its suffix, and its
    problems are reported under its own name (`diamond.yaml:12: ...`)."""
    name = Path(filename or "").name
    if not name.lower().endswith(SPEC_SUFFIXES):
        raise ActionError(
            f"spec file must end in {', '.join(SPEC_SUFFIXES)}: {name or '(no file name)'}"
        )
    if not re.fullmatch(r"[\w.\- ]+", name):
        raise ActionError(f"spec file name has unusual characters: {name}")
    with tempfile.TemporaryDirectory(prefix="torc-dash-") as tmp:
        path = Path(tmp) / name
        path.write_text(content, encoding="utf-8")
        return _create(api, path, shown=name, tmp=tmp)


def create_from_path(api: DefaultApi, path: str) -> Created:
    """Create the workflow of a spec file on the dashboard's machine."""
    spec = Path(path).expanduser()
    if not spec.is_file():
        raise ActionError(f"no such spec file: {path}")
    return _create(api, spec)


def _create(api: DefaultApi, path: Path, shown: str | None = None, tmp: str = "") -> Created:
    from torc.spec import SpecError

    try:
        created = create_workflow_from_spec(api, path)
    except SpecError as exc:
        problems = [str(p) for p in exc.problems]
        if tmp:  # the temporary directory means nothing to the user: name the upload
            problems = [p.replace(str(path), shown or path.name) for p in problems]
        raise ActionError("\n".join(problems)) from None
    return Created(created.workflow.id, len(created.job_ids or []))


def initialize(api: DefaultApi, workflow_id: int, *, force: bool) -> dict[str, Any]:
    try:
        run_id = manager.initialize(api, workflow_id, force=force)
    except manager.WorkflowNotReady as exc:
        raise ActionError(str(exc)) from None
    return {"run_id": run_id}


def reinitialize(api: DefaultApi, workflow_id: int, *, force: bool) -> dict[str, Any]:
    try:
        report = manager.reinitialize(api, workflow_id, force=force)
    except manager.WorkflowNotReady as exc:
        raise ActionError(str(exc)) from None
    return report.to_dict()


def cancel(api: DefaultApi, workflow_id: int) -> dict[str, Any]:
    api.cancel_workflow(workflow_id)
    return {"canceled": workflow_id}


def delete(api: DefaultApi, workflow_id: int) -> dict[str, Any]:
    api.delete_workflow(workflow_id)
    return {"deleted": workflow_id}


def torc_binary(torc_bin: str) -> str:
    found = shutil.which(torc_bin)
    if found is None:
        raise ActionError(f"torc binary not found: {torc_bin} (see --torc-bin)")
    return found


def checked_output_dir(output_dir: str) -> str:
    if not output_dir or output_dir.startswith("-") or "\x00" in output_dir:
        raise ActionError(f"bad output directory: {output_dir!r}")
    return output_dir


def torc_command(
    torc_bin: str, api: DefaultApi, verb: str, workflow_id: int, output_dir: str
) -> list[str]:
    """The argument list of `torc run` or `torc submit` for one workflow."""
    if verb not in ("run", "submit"):
        raise ActionError(f"unknown command {verb!r}")
    args = [torc_binary(torc_bin), "--url", api.url, verb, str(int(workflow_id))]
    if verb == "run":
        args += ["--output-dir", checked_output_dir(output_dir)]
    return args


def start_command(
    torc_bin: str, api: DefaultApi, verb: str, workflow_id: int, output_dir: str
) -> dict[str, Any]:
    """Start `torc run|submit <id>` detached; its console output goes to a log file in the
    output directory, which the page can show."""
    args = torc_command(torc_bin, api, verb, workflow_id, output_dir)
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    log_name = f"torc_dash_{verb}_{int(workflow_id)}.log"
    env = {**os.environ, **api.credential_environment()}
    with open(out / log_name, "ab") as log:
        process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    _reap_later(process)
    return {"pid": process.pid, "log": log_name, "command": args}


SLURM_REPORTS = ("parse-logs", "sacct")


def slurm_report(
    torc_bin: str, api: DefaultApi, report: str, workflow_id: int, output_dir: str
) -> Any:
    """`torc -f json slurm parse-logs|sacct <id> --output-dir <dir>`: its JSON answer."""
    import json

    if report not in SLURM_REPORTS:
        raise ActionError(f"report must be one of {', '.join(SLURM_REPORTS)}, not {report!r}")
    args = [torc_binary(torc_bin), "--url", api.url, "--format", "json", "slurm", report]
    args += [str(int(workflow_id)), "--output-dir", checked_output_dir(output_dir)]
    env = {**os.environ, **api.credential_environment()}
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, timeout=300
        )
    except subprocess.TimeoutExpired:
        raise ActionError(f"torc slurm {report} did not finish within 300 s") from None
    if done.returncode != 0:
        lines = (done.stderr or done.stdout).strip().splitlines()
        raise ActionError(lines[-1] if lines else f"torc slurm {report} failed")
    try:
        return json.loads(done.stdout)
    except ValueError:
        raise ActionError(f"torc slurm {report} answered no JSON: {done.stdout[:200]}") from None


_children: list[subprocess.Popen[bytes]] = []


def _reap_later(process: subprocess.Popen[bytes]) -> None:
    """Keep the child and collect finished ones, so that none is left a zombie."""
    _children.append(process)
    _children[:] = [p for p in _children if p.poll() is None]
