"""Regenerate all code derived from openapi/torc.yaml: `python codegen/generate.py [--check]`.

- the server's msgspec models and operation table (codegen/server_models.py);
- the Python SDK `torc_client` (openapi-python-client, configured by codegen/sdk_config.yaml;
  codegen/templates/ replaces some of its templates: `models/__init__.py` imports each model
  when it is first used, so a client that calls a few operations loads a few models);
- the TypeScript client's types `sdk/typescript/src/schema.d.ts` (openapi-typescript, pinned in
  sdk/typescript/package.json; `npm ci` runs there first when its node_modules is missing);
- the Julia client `APIClient` in `sdk/julia/Torc/src/api/` and its docs in
  `sdk/julia/Torc/docs/api/` (openapi-generator's julia-client, every operation on one
  `DefaultApi`, as the guide's Julia examples call it).

With `--check`, generate into a temporary directory and fail when the committed code differs.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
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
TS_DIR = ROOT / "sdk" / "typescript"
TS_OUT = TS_DIR / "src" / "schema.d.ts"
JULIA_OUT = ROOT / "sdk" / "julia" / "Torc"
JULIA_GENERATED = ("src/api", "docs/api")
"""The Julia package's generated directories; the rest of sdk/julia/Torc is written by hand."""


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


def generate_typescript(out: Path) -> None:
    """openapi-typescript, the version package-lock.json pins, writes one declarations file.

    Fields with a default stay optional (`--default-non-nullable=false`): a request may leave
    them out, as the Python models allow."""
    exe = TS_DIR / "node_modules" / ".bin" / "openapi-typescript"
    if not exe.exists():
        if shutil.which("npm") is None:
            raise SystemExit("the TypeScript client needs node and npm (see .ci/run)")
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"],
            cwd=TS_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(exe), str(DOCUMENT), "--output", str(out), "--default-non-nullable=false"],
        cwd=TS_DIR,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def generate_julia(out: Path) -> None:
    """openapi-generator's julia-client (the pip package `openapi-generator-cli`, which needs
    java): module `APIClient` with all operations on `DefaultApi`. Only its `src/` and `docs/`
    are kept, under `src/api` and `docs/api` of `out`."""
    exe = Path(sys.executable).parent / "openapi-generator-cli"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                str(exe),
                "generate",
                "--generator-name",
                "julia-client",
                "--input-spec",
                str(DOCUMENT),
                "--output",
                tmp,
                "--package-name",
                "APIClient",
                "--openapi-normalizer",
                "SET_TAGS_FOR_ALL_OPERATIONS=default",
                "--global-property",
                "apiTests=false,modelTests=false",
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        for generated, kept in zip(("src", "docs"), JULIA_GENERATED, strict=True):
            target = out / kept
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(Path(tmp) / generated, target)


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
        generate_typescript(TS_OUT)
        generate_julia(JULIA_OUT)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        server_tmp, sdk_tmp = Path(tmp) / "contract", Path(tmp) / "torc_client"
        ts_tmp, julia_tmp = Path(tmp) / "schema.d.ts", Path(tmp) / "julia"
        generate_all(server_tmp, sdk_tmp)
        generate_typescript(ts_tmp)
        generate_julia(julia_tmp)
        stale = [f"server/torc_server/contract/{p}" for p in differences(SERVER_OUT, server_tmp)]
        stale += [f"sdk/python/torc_client/{p}" for p in differences(SDK_OUT, sdk_tmp)]
        if not TS_OUT.exists() or not filecmp.cmp(TS_OUT, ts_tmp, shallow=False):
            stale.append("sdk/typescript/src/schema.d.ts")
        for kept in JULIA_GENERATED:
            if not (JULIA_OUT / kept).exists():
                stale.append(f"sdk/julia/Torc/{kept}/")
                continue
            found = differences(JULIA_OUT / kept, julia_tmp / kept)
            stale += [f"sdk/julia/Torc/{kept}/{p}" for p in found]
    if stale:
        print("generated code differs from openapi/torc.yaml; run `nox -s codegen`:")
        print("\n".join(f"  {p}" for p in stale))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
