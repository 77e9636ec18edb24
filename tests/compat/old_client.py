"""Generate (once) and import an old-style Torc v1 client.

Existing Torc users talk to the server through clients that openapi-generator produced from the
v1 OpenAPI document. To prove that such a client works against our server unchanged, the
compatibility tests generate one the same way: openapi-generator's `python` generator, run over
`torc_v1_contract.yaml` (a facts-only reconstruction of the v1 document), package name
`torc_v1_client`.

The generated package is cached under `<repo>/.cache/compat_client/<key>/`, where the key is the
SHA-256 of the fixture, the generator version and the generation options, so only the first run
pays for the Java generator. The package is made importable by putting that directory on
`sys.path`; it is never installed.

The generator is the `openapi-generator-cli` package from PyPI, which bundles the generator jar;
it needs a `java` executable on PATH. When something needed is missing, `load_client()` raises
`ClientUnavailable` with a reason that the tests turn into a skip.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib
import importlib.metadata
import importlib.resources
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
FIXTURE = HERE / "torc_v1_contract.yaml"
CACHE_ROOT = REPO_ROOT / ".cache" / "compat_client"
PACKAGE = "torc_v1_client"
GENERATOR = "python"
GENERATOR_DIST = "openapi-generator-cli"
# Only the package is needed: no docs, no generated test stubs, no setup files.
GENERATE_OPTIONS = (
    "--additional-properties",
    f"packageName={PACKAGE}",
    "--global-property",
    "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
)
COMPLETE_MARKER = ".generated"


class ClientUnavailable(RuntimeError):
    """The old client cannot be generated here (no java, no generator package)."""


def generator_version() -> str:
    try:
        return importlib.metadata.version(GENERATOR_DIST)
    except importlib.metadata.PackageNotFoundError as exc:
        raise ClientUnavailable(
            f"the {GENERATOR_DIST!r} package is not installed (pip install -e '.[dev]')"
        ) from exc


def cache_key() -> str:
    """SHA-256 over the fixture, the generator version and how the generator is invoked."""
    h = hashlib.sha256()
    h.update(FIXTURE.read_bytes())
    h.update(b"\0" + generator_version().encode())
    h.update(b"\0" + "\0".join((GENERATOR, PACKAGE, *GENERATE_OPTIONS)).encode())
    return h.hexdigest()


def client_dir() -> Path:
    """Where the generated client for the current fixture and generator lives (or will live)."""
    return CACHE_ROOT / cache_key()


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        raise ClientUnavailable(
            "no `java` on PATH: openapi-generator needs a Java runtime to generate the old "
            "Torc v1 client (e.g. apt-get install default-jre-headless)"
        )
    return java


def _jar() -> Path:
    generator_version()  # a clear reason when the package is missing
    jar = Path(str(importlib.resources.files("openapi_generator_cli") / "openapi-generator.jar"))
    if not jar.is_file():
        raise ClientUnavailable(f"the {GENERATOR_DIST!r} package has no bundled jar at {jar}")
    return jar


@contextlib.contextmanager
def _lock(path: Path):
    """Serialise generation across processes (pytest-xdist workers share the cache)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def generate(target: Path) -> float:
    """Run openapi-generator into `target` (atomically); return the seconds it took."""
    java, jar = _java(), _jar()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name[:12]}-", dir=target.parent))
    cmd = [
        java,
        "-jar",
        str(jar),
        "generate",
        "--generator-name",
        GENERATOR,
        "--input-spec",
        str(FIXTURE),
        "--output",
        str(staging),
        "--package-name",
        PACKAGE,
        *GENERATE_OPTIONS,
    ]
    started = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    if proc.returncode != 0 or not (staging / PACKAGE / "__init__.py").is_file():
        shutil.rmtree(staging, ignore_errors=True)
        tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-40:])
        raise RuntimeError(
            f"openapi-generator failed (exit {proc.returncode}) on {FIXTURE}:\n{tail}"
        )
    (staging / COMPLETE_MARKER).write_text(
        f"generator={GENERATOR_DIST} {generator_version()}\nseconds={elapsed:.2f}\n"
    )
    if target.exists():  # a half-written leftover from an interrupted run
        shutil.rmtree(target)
    staging.rename(target)
    return elapsed


def ensure_generated() -> tuple[Path, float | None]:
    """Return the directory holding the generated package, generating it on a cache miss.

    The second element is the generation time in seconds, or None when the cache was used.
    """
    target = client_dir()
    if (target / COMPLETE_MARKER).is_file():
        return target, None
    with _lock(CACHE_ROOT / ".lock"):
        if (target / COMPLETE_MARKER).is_file():  # another process generated it meanwhile
            return target, None
        return target, generate(target)


def load_client() -> ModuleType:
    """Generate if needed, put the package on sys.path and import `torc_v1_client`."""
    target, _ = ensure_generated()
    path = str(target)
    loaded = sys.modules.get(PACKAGE)
    if loaded is not None:
        origin = Path(getattr(loaded, "__file__", "") or "").resolve()
        if target.resolve() in origin.parents:
            return loaded
        # A client from another fixture version was imported earlier: drop it.
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]
    if path not in sys.path:
        sys.path.insert(0, path)
    importlib.invalidate_caches()
    return importlib.import_module(PACKAGE)


if __name__ == "__main__":
    # `python tests/compat/old_client.py` generates the client (or reports the cache hit).
    out, seconds = ensure_generated()
    if seconds is None:
        print(f"cached: {out}")
    else:
        print(f"generated in {seconds:.1f}s: {out}")
