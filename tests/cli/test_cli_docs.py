"""docs/cli.md is generated from the command tree (`python -m torc_cli.docs`); it must be what
the CLI answers today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.cli.conftest import cli_env

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "docs" / "cli.md"


def test_the_cli_reference_is_up_to_date(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "torc_cli.docs", "--check", "--output", str(REFERENCE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=cli_env("http://127.0.0.1:9/torc-service/v1", tmp_path),
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr + "\n(run: python -m torc_cli.docs)"


def test_the_reference_covers_every_command_and_its_run_defaults() -> None:
    text = REFERENCE.read_text()
    headings = set(re.findall(r"^#{2,4} (torc .+)$", text, flags=re.MULTILINE))
    for path in (
        "torc run",
        "torc exec",
        "torc workflows run",
        "torc jobs list",
        "torc config show",
    ):
        assert path in headings, path
    run = text.split("\n## torc run\n", 1)[1].split("\n## ", 1)[0]
    assert "\ntorc run [OPTIONS] WORKFLOW-SPEC-OR-ID [ARGS]\n" in run  # [OUTPUT-DIRECTORY]
    assert "| `--poll-interval`, `-p` | FLOAT | `client.run.poll_interval, else 5.0` |" in run
    # every link of the command index points at a heading of the page
    anchors = {h.replace(" ", "-") for h in headings}
    for target in re.findall(r"\]\(#(torc[\w-]*)\)", text):
        assert target in anchors, target


# ---- the hand-written pages stay true to the code ---------------------------------------------

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.DOTALL)
    return {_slug(h) for h in re.findall(r"^#+ (.+)$", text, flags=re.MULTILINE)}


def test_links_between_the_pages_resolve() -> None:
    for page in DOCS:
        text = re.sub(r"```.*?```", "", page.read_text(), flags=re.DOTALL)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            assert linked.exists(), f"{page.name}: {target}"
            if anchor:
                assert anchor in _anchors(linked), f"{page.name}: {target}"


_SECTIONS = {
    "client": "## `[client]`: the torc command",
    "client.run": "## `[client.run]`",
    "client.hpc.profile_overrides": "`[client.hpc.profile_overrides.<profile>]` changes",
    "client.hpc.custom_profiles": "`[client.hpc.custom_profiles.<name>]` describes",
    "client.hpc.custom_profiles.partitions": "Each `[[client.hpc.custom_profiles.<name>.",
    "server": "`[server]`:",
    "server.logging": "`[server.logging]`:",
    "dash": "`[dash]`:",
}


def _schema_sections() -> dict[str, dict[str, Any]]:
    """Section path -> {key: spec} for every table of leaves in the schema."""
    from torc_cli.config import SCHEMA, ArrayOf, Key, MapOf

    found: dict[str, dict[str, Any]] = {}

    def walk(table: dict[str, Any], path: str) -> None:
        leaves = {k: v for k, v in table.items() if isinstance(v, Key | ArrayOf)}
        if leaves:
            found[path] = leaves
        for key, spec in table.items():
            inner = f"{path}.{key}" if path else key
            if isinstance(spec, dict):
                walk(spec, inner)
            elif isinstance(spec, MapOf | ArrayOf):
                walk(spec.item, inner)

    walk(SCHEMA, "")
    return found


def _documented_default(spec: Any) -> str:
    default = getattr(spec, "default", None)
    if getattr(spec, "required", False):
        return "required"
    if default is None:
        return "(none"
    if isinstance(default, bool):
        return f"`{str(default).lower()}`"
    return f"`{default}`"


def test_the_configuration_page_documents_every_key_with_its_default() -> None:
    text = (ROOT / "docs" / "configuration.md").read_text()
    lines = text.splitlines()
    sections = _schema_sections()
    assert set(sections) == set(_SECTIONS), set(sections) ^ set(_SECTIONS)
    for path, keys in sections.items():
        start = next(i for i, line in enumerate(lines) if line.startswith(_SECTIONS[path]))
        first = next(i for i in range(start, len(lines)) if lines[i].startswith("| key |"))
        rows = {}
        for line in lines[first + 2 :]:
            if not line.startswith("|"):
                break
            cells = [c.strip() for c in line.strip("|").split("|")]
            rows[cells[0].strip("`")] = cells[2]
        assert set(rows) == set(keys), (path, set(rows) ^ set(keys))
        for key, spec in keys.items():
            expected = _documented_default(spec)
            assert rows[key].startswith(expected), (path, key, rows[key], expected)
