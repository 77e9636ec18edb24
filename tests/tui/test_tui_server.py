"""Server management (S K O) and connection (u) keys: no server at first, one started from
the interface, its output, stopping it, then pointing the interface at another server."""

from __future__ import annotations

import socket
from pathlib import Path

from textual.widgets import Static

from tests.conftest import RunningServer
from tests.tui.conftest import aio, until
from torc_cli.tui.app import TorcTui
from torc_cli.tui.backend import Connection
from torc_cli.tui.dialogs import Confirm, Prompt
from torc_cli.tui.viewer import Viewer


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bar(app: TorcTui, selector: str) -> str:
    return str(app.query_one(selector, Static).render())


@aio
async def test_start_show_output_stop_and_change_url(
    server: RunningServer, workdir: Path, user: str, make_workflow
) -> None:
    make_workflow()
    port = free_port()
    app = TorcTui(Connection(f"http://127.0.0.1:{port}/torc-service/v1"), user=user)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: "Could not connect" in bar(app, "#message"))
        assert "press S" in bar(app, "#message")
        assert "(not connected)" in bar(app, "#server")
        await pilot.press("S")
        await until(pilot, lambda: "0 workflows" in bar(app, "#message"), timeout=60)
        assert app.server is not None and app.server.running
        assert app.backend.connection.url == f"http://127.0.0.1:{port}/torc-service/v1"
        assert (workdir / "torc_output" / "torc.db").exists()
        server_bar = app.query_one("#server", Static).content
        assert "●" in str(server_bar)
        assert any(span.style == "green" for span in server_bar.spans)
        await pilot.press("O")
        await until(pilot, lambda: isinstance(app.screen, Viewer))
        assert f"torc-server run --port {port}" in app.screen.document.lines[0]
        await pilot.press("q")
        await pilot.press("K")
        await until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await until(pilot, lambda: "torc-server stopped" in bar(app, "#message"), timeout=30)
        assert not app.server.running
        server_bar = app.query_one("#server", Static).content
        assert any(span.style == "yellow" for span in server_bar.spans)
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press("ctrl+u", *server.url, "enter")
        await until(pilot, lambda: app.workflow_table.row_count == 1)
        assert server.url in bar(app, "#server")
        await pilot.press("u")
        await until(pilot, lambda: isinstance(app.screen, Prompt))
        await pilot.press("ctrl+u", *"localhost:1", "enter")
        await until(pilot, lambda: "must start with http://" in bar(app, "#message"))
