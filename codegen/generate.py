"""Regenerate all code derived from openapi/torc.yaml: `python codegen/generate.py [--check]`.

- the server's msgspec models and operation table (codegen/server_models.py);
- the Python SDK `torc_client` (openapi-python-client, configured by codegen/sdk_config.yaml;
  codegen/templates/ replaces some of its templates: `models/__init__.py` imports each model
  when it is first used, so a client that calls a few operations loads a few models).

With `--check`, generate into a temporary directory and fail when the committed code differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "codegen"))

import server_models  # noqa: E402

DOCUMENT = ROOT / "openapi" / "torc.yaml"
SERVER_OUT = ROOT / "server" / "torc_server" / "contract"
SDK_OUT = ROOT / "sdk" / "python" / "torc_client"
SDK_CONFIG = ROOT / "codegen" / "sdk_config.yaml"
SDK_TEMPLATES = ROOT / "codegen" / "templates"  # overrides of the generator's own templates


def generate_sdk(out: Path) -> None:
    """Run openapi-python-client; it writes the package and formats it with ruff."""
    exe = Path(sys.executable).parent / "openapi-python-client"
    subprocess.run(
        [
            str(exe),
            "generate",
            "--path",
            str(DOCUMENT),
            "--meta",
            "none",
            "--output-path",
            str(out),
            "--config",
            str(SDK_CONFIG),
            "--custom-template-path",
            str(SDK_TEMPLATES),
            "--overwrite",
        ],
        check=True,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        # the generator's post hooks call `ruff`; find the one installed beside this Python
        env={**os.environ, "PATH": f"{exe.parent}{os.pathsep}{os.environ.get('PATH', '')}"},
    )


def generate_all(server_out: Path, sdk_out: Path) -> None:
    server_models.generate(DOCUMENT, server_out)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--isolated",
            "--line-length",
            "100",
            "--quiet",
            str(server_out),
        ],
        check=True,
        cwd=ROOT,
    )
    generate_sdk(sdk_out)


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that differ between two trees (ignoring caches)."""
    found: list[str] = []
    compare = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only + cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(compare, "")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if committed code is stale")
    args = parser.parse_args()
    if not args.check:
        generate_all(SERVER_OUT, SDK_OUT)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        server_tmp, sdk_tmp = Path(tmp) / "contract", Path(tmp) / "torc_client"
        generate_all(server_tmp, sdk_tmp)
        stale = [f"server/torc_server/contract/{p}" for p in differences(SERVER_OUT, server_tmp)]
        stale += [f"sdk/python/torc_client/{p}" for p in differences(SDK_OUT, sdk_tmp)]
    if stale:
        print("generated code differs from openapi/torc.yaml; run `nox -s codegen`:")
        print("\n".join(f"  {p}" for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
