"""Log files for the viewer, read only from inside the workflow's output directory.

The page names an output directory and either a job run (the dashboard builds the file name the
job runner uses) or a file name inside that directory (Slurm's `slurm_output_<id>.o`). Paths with
`..`, absolute file names and symbolic links that lead outside the directory are refused.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from torc_runner import logs as runner_logs

MAX_BYTES = 2_000_000  # the viewer shows the end of longer files


class LogPathError(ValueError):
    pass


def output_directory(output_dir: str, base: Path) -> Path:
    """The output directory, relative to the dashboard's working directory unless absolute."""
    if not output_dir or "\x00" in output_dir:
        raise LogPathError("output directory is empty")
    if ".." in PurePath(output_dir).parts:
        raise LogPathError(f"output directory may not contain '..': {output_dir}")
    return (base / Path(output_dir).expanduser()).resolve()


def job_log(output: Path, workflow_id: int, job_id: int, run_id: int, stream: str) -> Path:
    if stream == "stdout":
        return runner_logs.job_stdout(output, workflow_id, job_id, run_id)
    if stream == "stderr":
        return runner_logs.job_stderr(output, workflow_id, job_id, run_id)
    raise LogPathError(f"stream must be stdout or stderr, not {stream!r}")


def named_file(output: Path, name: str) -> Path:
    """A file given by its path relative to the output directory."""
    relative = PurePath(name)
    if not name or relative.is_absolute() or ".." in relative.parts or "\x00" in name:
        raise LogPathError(f"log file must be a path inside the output directory: {name}")
    return output / relative


def read_confined(path: Path, output: Path) -> tuple[str, bool]:
    """The file's text (its end when long) and whether it was cut; the file must resolve to a
    place inside `output`."""
    resolved = path.resolve()
    if not resolved.is_relative_to(output):
        raise LogPathError(f"{path} is outside the output directory {output}")
    if not resolved.is_file():
        raise FileNotFoundError(str(path))
    size = resolved.stat().st_size
    with open(resolved, "rb") as handle:
        if size > MAX_BYTES:
            handle.seek(size - MAX_BYTES)
        data = handle.read()
    return data.decode("utf-8", errors="replace"), size > MAX_BYTES
