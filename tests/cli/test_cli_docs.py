"""docs/cli.md is generated from the command tree (`python -m torc_cli.docs`); it must be what
the CLI answers today."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

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
    assert "\ntorc run [OPTIONS] WORKFLOW-SPEC-OR-ID\n" in run
    assert "| `--poll-interval`, `-p` | FLOAT | `client.run.poll_interval, else 5.0` |" in run
    # every link of the command index points at a heading of the page
    anchors = {h.replace(" ", "-") for h in headings}
    for target in re.findall(r"\]\(#(torc[\w-]*)\)", text):
        assert target in anchors, target
