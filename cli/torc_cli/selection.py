"""Choosing a workflow when its id is left out, and asking before destructive changes.

Both need a person at a terminal. On a terminal, the user's workflows are listed (archived ones
excluded unless the command works on archived workflows, such as unarchiving) and the user types
an id; without a terminal the command stops with a one-line error that asks for the id (or for
`--no-prompts`), so that scripts never hang on a prompt.

The menu and the questions go to stderr, so that stdout keeps only the command's output.
"""

from __future__ import annotations

import sys
from typing import Any

from torc_cli import session
from torc_cli.session import CliError


def user_name() -> str:
    """The user whose workflows a command works on: $USER, else the login name."""
    from torc.spec.model import default_user

    return default_user()


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(prompt: str) -> str | None:
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = sys.stdin.readline()
    return None if not line else line.strip()


def _menu(workflows: list[Any]) -> None:
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    grid = Table(box=box.ROUNDED)
    for label in ("ID", "Name", "Description", "User", "Timestamp"):
        grid.add_column(label)
    for workflow in workflows:
        plain = workflow.to_dict()
        grid.add_row(
            *(
                escape("" if plain.get(k) is None else str(plain.get(k)))
                for k in ("id", "name", "description", "user", "timestamp")
            )
        )
    Console(stderr=True, highlight=False).print(grid)


def _candidates(user: str | None, archived: bool) -> tuple[str, list[Any]]:
    owner = user or user_name()
    api = session.get().api
    workflows = list(api.iter_workflows(user=owner, is_archived=archived))
    if not workflows:
        kind = "archived workflows" if archived else "workflows"
        raise CliError(f"no {kind} found for user {owner}; give a workflow ID")
    return owner, workflows


def _no_terminal(what: str) -> CliError:
    return CliError(
        f"no {what} given: pass the workflow ID as an argument "
        "(a workflow is chosen interactively only on a terminal)"
    )


def workflow_id(given: int | None, *, user: str | None = None, archived: bool = False) -> int:
    """`given`, or a workflow id the user picks from a list of their workflows."""
    if given is not None:
        return given
    if not interactive():
        raise _no_terminal("workflow ID")
    owner, workflows = _candidates(user, archived)
    ids = {w.id for w in workflows}
    print(f"Workflows of user {owner}:", file=sys.stderr)
    _menu(workflows)
    while True:
        answer = _ask("Workflow ID: ")
        if not answer:
            raise CliError("no workflow selected")
        if answer.isdigit() and int(answer) in ids:
            return int(answer)
        print(f"{answer!r} is not one of the IDs listed", file=sys.stderr)


def workflow_ids(given: list[int], *, user: str | None = None, archived: bool = False) -> list[int]:
    """`given`, or the workflow ids (separated by spaces or commas) the user picks."""
    if given:
        return list(given)
    if not interactive():
        raise _no_terminal("workflow IDs")
    owner, workflows = _candidates(user, archived)
    ids = {w.id for w in workflows}
    print(f"Workflows of user {owner}:", file=sys.stderr)
    _menu(workflows)
    while True:
        answer = _ask("Workflow IDs (separated by spaces): ")
        if not answer:
            raise CliError("no workflow selected")
        words = answer.replace(",", " ").split()
        if all(w.isdigit() and int(w) in ids for w in words):
            return [int(w) for w in words]
        print("give IDs from the list, separated by spaces", file=sys.stderr)


def confirm(question: str, *, no_prompts: bool) -> None:
    """Go on when the user answers yes (or `no_prompts`); otherwise stop, changing nothing."""
    if no_prompts:
        return
    if not interactive():
        raise CliError(f"{question} Confirmation needs a terminal; pass --no-prompts to go ahead")
    answer = _ask(f"{question} [y/N] ")
    if (answer or "").lower() not in ("y", "yes"):
        raise CliError("canceled; nothing was changed")
