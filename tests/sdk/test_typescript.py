"""The TypeScript client: `npm test` in sdk/typescript compiles the hand-written layer against the
generated types (tsc, strict) and runs node's own test runner, whose tests start a real
torc-server process (this Python's `torc_server`) on loopback and call it through the client."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "sdk" / "typescript"


def test_typescript_client_passes_its_node_tests() -> None:
    npm = shutil.which("npm")
    assert npm is not None, "node and npm are needed (.ci/run installs them)"
    if not (TS_DIR / "node_modules" / ".bin" / "tsc").exists():
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=TS_DIR, check=True)
    env = {**os.environ, "TORC_PYTHON": sys.executable}
    env.pop("NODE_OPTIONS", None)
    done = subprocess.run(
        [npm, "test", "--silent"],
        cwd=TS_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert "# fail 0" in report and "# pass 5" in report, report
