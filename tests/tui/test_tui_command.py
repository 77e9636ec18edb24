"""`torc tui` options: mistakes are one line and exit code 1, and the command stays out of the
way of the rest of the CLI (Textual is imported only when the interface starts)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.conftest import TORC, cli_env


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--port", "70000"], "--port must be between 0 and 65535, not 70000"),
        (["--port", "9000"], "--port and --database need --standalone"),
        (
            ["--standalone", "--database", "/proc/none/x.db"],
            "cannot use --database /proc/none/x.db",
        ),
    ],
)
def test_bad_options_are_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [*TORC, "tui", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=cli_env("http://127.0.0.1:9/torc-service/v1", tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(f"torc: {message}"), done.stderr
    assert "Traceback" not in done.stderr


def test_the_cli_does_not_import_textual() -> None:
    code = (
        "import sys; from torc_cli.main import _register; _register(); "
        "print('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
