"""HTTPS: the server with a certificate made here by a CA made here, and every client (the
SDK, its lean runner client, the CLI, the live event stream) trusting that CA through
`ca_cert=`, `--ca-cert` or `$TORC_CA_CERT`."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import BASE_PATH

OPENSSL_CONFIG = """\
[req]
distinguished_name = dn
[dn]
[server]
subjectAltName = IP:127.0.0.1, DNS:localhost
basicConstraints = CA:FALSE
keyUsage = digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
"""


@dataclass
class Certificates:
    ca: Path
    cert: Path
    key: Path


def _openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    """A site CA and a server certificate it signed, for 127.0.0.1 and localhost."""
    where = tmp_path_factory.mktemp("tls")
    (where / "openssl.cnf").write_text(OPENSSL_CONFIG)
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Test CA",
        "-keyout", "ca.key", "-out", "ca.crt", cwd=where,
    )  # fmt: skip
    _openssl(
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout",
        "server.key", "-out", "server.csr", "-config", "openssl.cnf", cwd=where,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", "openssl.cnf", "-extensions", "server",
        "-out", "server.crt", cwd=where,
    )  # fmt: skip
    return Certificates(where / "ca.crt", where / "server.crt", where / "server.key")


@dataclass
class TlsServer:
    process: subprocess.Popen[str]
    port: int

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}{BASE_PATH}"


@pytest.fixture(scope="module")
def tls_server(
    certificates: Certificates, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TlsServer]:
    database = tmp_path_factory.mktemp("tls-db") / "torc.db"
    process = subprocess.Popen(
        [
            sys.executable, "-m", "torc_server.cli", "run", "--port", "0", "-d", str(database),
            "--https", "--tls-cert", str(certificates.cert), "--tls-key", str(certificates.key),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith("TORC_SERVER_PORT="), line
    server = TlsServer(process, int(line.split("=", 1)[1]))
    yield server
    process.terminate()
    process.wait(timeout=15)


def _trusting(certificates: Certificates, **versions: ssl.TLSVersion) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(certificates.ca))
    for name, version in versions.items():
        setattr(context, name, version)
    return context


def _wait_ready(server: TlsServer, certificates: Certificates) -> None:
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{server.url}/ping", verify=_trusting(certificates), timeout=1)
            return
        except httpx.ConnectError:
            time.sleep(0.05)


@pytest.mark.filterwarnings("ignore:ssl.TLSVersion.TLSv1_1 is deprecated:DeprecationWarning")
def test_the_server_speaks_tls_1_2_and_1_3_only_to_clients_that_trust_its_ca(
    tls_server: TlsServer, certificates: Certificates
) -> None:
    _wait_ready(tls_server, certificates)
    answer = httpx.get(f"{tls_server.url}/ping", verify=_trusting(certificates))
    assert answer.json() == {"status": "ok"}
    tls12 = _trusting(certificates, maximum_version=ssl.TLSVersion.TLSv1_2)
    assert httpx.get(f"{tls_server.url}/ping", verify=tls12).status_code == 200
    tls11 = _trusting(certificates, maximum_version=ssl.TLSVersion.TLSv1_1)
    tls11.set_ciphers("DEFAULT:@SECLEVEL=0")  # this client would speak TLS 1.1; the server not
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{tls_server.url}/ping", verify=tls11)
    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.get(f"{tls_server.url}/ping")  # the system's CAs do not know the test CA
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{tls_server.port}{BASE_PATH}/ping", timeout=5)


def test_sdk_and_its_lean_client_use_the_ca_bundle(
    tls_server: TlsServer, certificates: Certificates, monkeypatch: pytest.MonkeyPatch
) -> None:
    from torc import ApiError, make_api

    _wait_ready(tls_server, certificates)
    api = make_api(tls_server.url, ca_cert=certificates.ca)
    created = api.request_json("POST", "/workflows", {"name": "tls", "user": "me"})
    assert api.get_workflow(created["id"]).name == "tls"
    chunked = api.send_json("POST", "/workflows", chunks=[b'{"name": "tls2", ', b'"user": "me"}'])
    assert chunked.answer()["name"] == "tls2"  # a body in chunks, on a TLS connection of its own
    api.close()
    monkeypatch.setenv("TORC_CA_CERT", str(certificates.ca))
    from_env = make_api(tls_server.url)
    assert from_env.request_json("GET", f"/workflows/{created['id']}")["name"] == "tls"
    from_env.close()
    monkeypatch.delenv("TORC_CA_CERT")
    untrusting = make_api(tls_server.url)
    with pytest.raises(ApiError, match="CERTIFICATE_VERIFY_FAILED"):
        untrusting.request_json("GET", "/ping")


def _torc(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TORC_CA_CERT"}
    return subprocess.run(
        [sys.executable, "-m", "torc_cli.main", *args],
        capture_output=True,
        text=True,
        env={**environment, **env},
        timeout=60,
    )


def test_cli_takes_an_https_url_with_ca_cert_or_torc_ca_cert(
    tls_server: TlsServer, certificates: Certificates
) -> None:
    _wait_ready(tls_server, certificates)
    url = tls_server.url
    flag = _torc("--url", url, "--ca-cert", str(certificates.ca), "-f", "json", "workflows", "list")
    assert flag.returncode == 0, flag.stderr
    env = _torc("--url", url, "-f", "json", "workflows", "list", TORC_CA_CERT=str(certificates.ca))
    assert env.returncode == 0, env.stderr
    untrusted = _torc("--url", url, "workflows", "list")
    assert untrusted.returncode == 1
    assert untrusted.stderr.count("\n") == 1 and "CERTIFICATE_VERIFY_FAILED" in untrusted.stderr
    missing = _torc("--url", url, "--ca-cert", "/nonexistent/ca.pem", "workflows", "list")
    assert missing.returncode == 1
    assert "cannot use the CA bundle /nonexistent/ca.pem" in missing.stderr


def test_a_key_that_does_not_match_the_certificate_stops_the_start(
    certificates: Certificates, tmp_path: Path
) -> None:
    _openssl("genpkey", "-algorithm", "RSA", "-out", "other.key", cwd=tmp_path)
    done = subprocess.run(
        [
            sys.executable, "-m", "torc_server.cli", "run", "--port", "0",
            "-d", str(tmp_path / "t.db"), "--https", "--tls-cert", str(certificates.cert),
            "--tls-key", str(tmp_path / "other.key"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "cannot use --tls-cert" in done.stderr and "Traceback" not in done.stderr


def test_https_from_the_server_variables(certificates: Certificates, tmp_path: Path) -> None:
    """`TORC_SERVER__HTTPS`, `__TLS_CERT` and `__TLS_KEY` do what the flags do."""
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "TORC_SERVER__HTTPS": "true",
        "TORC_SERVER__TLS_CERT": str(certificates.cert),
        "TORC_SERVER__TLS_KEY": str(certificates.key),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "torc_server.cli",
            "run",
            "--port",
            "0",
            "-d",
            str(tmp_path / "t.db"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        server = TlsServer(process, int(line.split("=", 1)[1]))
        _wait_ready(server, certificates)
        answer = httpx.get(f"{server.url}/health", verify=_trusting(certificates))
        assert answer.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=15)
