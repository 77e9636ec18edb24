"""The committed generated code must equal a fresh generation from openapi/torc.yaml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_code_matches_the_document() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "codegen" / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_document_is_valid_openapi() -> None:
    from openapi_spec_validator import validate

    from tests.openapi_document import load_document

    validate(load_document())
