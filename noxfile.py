"""Developer sessions: `nox -s tests`, `nox -s lint`, `nox -s codegen`, `nox -s bench`."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite against real server processes."""
    session.install("-e", ".[dev]")
    session.run("pytest", "-n", "2", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and format check."""
    session.install("ruff")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def codegen(session: nox.Session) -> None:
    """Regenerate from openapi/torc.yaml: the server models and the Python, TypeScript and Julia clients."""
    session.install("-e", ".[dev]")
    session.run("python", "codegen/generate.py")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: print figures to compare with the targets in the issues."""
    session.install("-e", ".[dev,bench]")
    session.run("python", "tests/benchmarks/run.py", *session.posargs)
