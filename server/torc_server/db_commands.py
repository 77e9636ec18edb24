"""The `torc-server db` commands (see `maintenance`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import cyclopts
from cyclopts import Parameter

app = cyclopts.App(
    name="db",
    help="Maintain the database: backup, check, vacuum, stats, export (safe while serving).",
)

Database = Annotated[
    str | None,
    Parameter(
        name=["--database", "-d"],
        help="The database file. Default: as torc-server run would choose it "
        "([server] database, $DATABASE_URL, ./torc.db).",
    ),
]
Format = Annotated[str, Parameter(name=["--format", "-f"], help="table or json.")]


def _path(database: str | None) -> str:
    from torc_server.process.options import database_setting

    return database_setting(database)


def _mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


@app.command
def backup(target: Path, /, *, database: Database = None) -> None:
    """Copy the database to TARGET, consistently, while the server keeps serving."""
    from torc_server import maintenance

    path = _path(database)
    size = maintenance.backup(path, target)
    print(f"backed up {path} to {target.expanduser().resolve()} ({_mib(size)})")


@app.command
def check(*, database: Database = None) -> int:
    """Run SQLite's integrity and foreign key checks; exit 1 when they find a problem."""
    from torc_server import maintenance

    path = _path(database)
    problems = maintenance.check(path)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{path}: {len(problems)} problem(s) found", file=sys.stderr)
        return 1
    print(f"{path}: ok")
    return 0


@app.command
def vacuum(*, database: Database = None) -> None:
    """Rebuild the database file without its free space (waits for the server's writes)."""
    from torc_server import maintenance

    path = _path(database)
    before, after = maintenance.vacuum(path)
    print(f"vacuumed {path}: {_mib(before)} -> {_mib(after)}")


@app.command
def stats(*, database: Database = None, format: Format = "table") -> None:
    """The file's size, its schema version, and the rows of each table."""
    from torc_server import maintenance

    found = maintenance.stats(_path(database))
    if format == "json":
        print(
            json.dumps(
                {
                    "database": found.path,
                    "size_bytes": found.size,
                    "schema_version": found.schema_version,
                    "rows": found.rows,
                },
                indent=2,
            )
        )
        return
    print(f"database        {found.path}")
    print(f"size            {_mib(found.size)} ({found.size} bytes)")
    print(f"schema version  {found.schema_version}")
    width = max(len(name) for name in found.rows)
    for name, count in found.rows.items():
        print(f"{name:<{width}}  {count:>10}")


@app.command
def export(
    workflow_id: int,
    /,
    *,
    database: Database = None,
    output: Annotated[
        Path | None, Parameter(name=["--output", "-o"], help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Every record of one workflow (jobs, files, results, events, ...) as one JSON document."""
    from torc_server import maintenance

    document = json.dumps(maintenance.export_workflow(_path(database), workflow_id), indent=2)
    if output is None:
        print(document)
        return
    output.write_text(document + "\n")
    print(f"exported workflow {workflow_id} to {output}", file=sys.stderr)
