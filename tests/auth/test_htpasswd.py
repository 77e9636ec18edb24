"""`torc-htpasswd`, the installed command, on real files; and files written by Apache's rules."""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import bcrypt
import pytest

from torc_server.auth.htpasswd import Htpasswd, check_password, hash_password

TOOL = str(Path(sys.executable).parent / "torc-htpasswd")


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    return subprocess.run(
        [TOOL, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=env,
    )


def ok(*args: str, stdin: str | None = None) -> str:
    done = run(*args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    return done.stdout


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode != 0
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("torc-htpasswd: "), done.stderr
    return lines[0]


def test_add_list_verify_remove_as_the_guide_writes_them(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    ok("add", "--file", str(file), "--password-stdin", "--cost", "4", "alice", stdin="pw-a\n")
    ok("add", "--file", str(file), "--password", "pw-b", "--cost", "5", "bob")
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    lines = [line for line in file.read_text().splitlines() if not line.startswith("#")]
    assert [line.split(":")[0] for line in lines] == ["alice", "bob"]
    assert lines[0].split(":", 1)[1].startswith("$2y$04$")  # Apache's prefix, the given cost
    assert lines[1].split(":", 1)[1].startswith("$2y$05$")
    assert ok("list", "--file", str(file)).split() == ["alice", "bob"]
    assert "correct" in ok(
        "verify", "--file", str(file), "alice", "--password-stdin", stdin="pw-a\n"
    )
    wrong = one_line_error(run("verify", "--file", str(file), "alice", "--password", "nope"))
    assert "does not match" in wrong
    # Setting a password again replaces the line; the positional form names the file first.
    ok("add", str(file), "alice", "--password", "pw-a2", "--cost", "4")
    assert ok("list", str(file)).split() == ["alice", "bob"]
    ok("verify", str(file), "alice", "--password", "pw-a2")
    ok("remove", "--file", str(file), "bob")
    assert ok("list", "--file", str(file)).split() == ["alice"]
    assert "no user 'bob'" in one_line_error(run("remove", "--file", str(file), "bob"))


def test_default_cost_is_12(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    ok("add", "--file", str(file), "--password-stdin", "carol", stdin="pw\n")
    assert Htpasswd.read(file).users["carol"].startswith("$2y$12$")


def test_create_and_dash_c_start_new_files(tmp_path: Path) -> None:
    file = tmp_path / "sub" / "htpasswd"
    ok("create", str(file))
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert Htpasswd.read(file).users == {}
    assert "already exists" in one_line_error(run("create", str(file)))
    ok("add", "--file", str(file), "--password", "x", "--cost", "4", "alice")
    ok("add", "-c", "--file", str(file), "--password", "y", "--cost", "4", "bob")
    assert ok("list", str(file)).split() == ["bob"]  # -c replaced the file


def test_mistakes_are_one_line(tmp_path: Path) -> None:
    file = tmp_path / "htpasswd"
    env = {"PATH": "/usr/bin:/bin"}
    assert "name the htpasswd file" in one_line_error(run("list", env=env))
    assert "does not exist" in one_line_error(run("list", str(file)))
    # No terminal to prompt on, and no --password-stdin.
    done = subprocess.run(
        [TOOL, "add", str(file), "alice"], stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    assert "--password-stdin" in one_line_error(done)
    assert "cost" in one_line_error(run("add", str(file), "a", "--password", "x", "--cost", "3"))
    assert "user name" in one_line_error(run("add", str(file), "a:b", "--password", "x"))


def test_files_written_by_apache_rules_are_read(tmp_path: Path) -> None:
    """Apache's `htpasswd -B` writes `$2y$` bcrypt hashes; other tools `$2b$` or `$2a$`. All are
    the same algorithm; comments and blank lines are allowed; other hash kinds are skipped."""
    salt = bcrypt.gensalt(5)
    b_hash = bcrypt.hashpw(b"secret-b", salt).decode()
    y_hash = "$2y$" + bcrypt.hashpw(b"secret-y", bcrypt.gensalt(5)).decode()[4:]
    a_hash = "$2a$" + bcrypt.hashpw(b"secret-a", bcrypt.gensalt(5)).decode()[4:]
    file = tmp_path / "apache"
    file.write_text(
        "# written by hand\n\n"
        f"yuki:{y_hash}\nbert:{b_hash}\nanna:{a_hash}\n"
        "md5user:$apr1$abc$defghijklmnopqrstuvwx\n"
    )
    read = Htpasswd.read(file)
    assert set(read.users) == {"yuki", "bert", "anna"}
    assert len(read.problems) == 1 and "md5user" in read.problems[0]
    assert check_password("secret-y", read.users["yuki"])
    assert check_password("secret-b", read.users["bert"])
    assert check_password("secret-a", read.users["anna"])
    assert not check_password("secret-b", read.users["yuki"])
    ok("verify", str(file), "yuki", "--password", "secret-y")
    # Rewriting keeps the comments and the other lines as they were.
    ok("add", str(file), "new", "--password", "n", "--cost", "4")
    text = file.read_text()
    assert text.startswith("# written by hand\n\n") and f"yuki:{y_hash}" in text


@pytest.mark.parametrize("password", ["short", "x" * 100, "ünïcødé pässwörd"])
def test_our_hashes_are_apache_bcrypt(password: str) -> None:
    """A `$2y$` hash written here is what Apache checks: the standard bcrypt of the password
    (the first 72 bytes, as Apache's tools cut it), with Apache's prefix."""
    hashed = hash_password(password, 4)
    assert hashed.startswith("$2y$04$") and len(hashed) == 60
    as_2b = ("$2b$" + hashed[4:]).encode()
    assert bcrypt.checkpw(password.encode()[:72], as_2b)
    assert check_password(password, hashed)
    assert not check_password(password + "!", hashed) or len(password.encode()) >= 72


def test_rewriting_keeps_the_files_owner(tmp_path: Path) -> None:
    """An administrator editing the server's file as root must not leave it owned by root."""
    import os

    file = tmp_path / "htpasswd"
    ok("add", str(file), "alice", "--password", "a", "--cost", "4")
    if os.geteuid() != 0:
        pytest.skip("changing a file's owner needs root")
    os.chown(file, 4321, 4321)
    ok("add", str(file), "bob", "--password", "b", "--cost", "4")
    assert (file.stat().st_uid, file.stat().st_gid) == (4321, 4321)
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
