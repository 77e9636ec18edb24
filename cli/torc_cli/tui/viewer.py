"""A full-screen reader for job logs, Slurm logs, server output and workflow files.

Several documents (stdout, stderr) share one viewer; Tab switches between them. Search
highlights every match and jumps between them with n / N.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, Static

MAX_BYTES = 1024 * 1024
HEX_PREVIEW_BYTES = 4096


@dataclass
class Document:
    title: str
    text: str
    lines: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.lines = self.text.splitlines() or [""]


def read_text_file(path: Path, *, missing: str = "No log content available") -> str:
    """A file for the viewer: text up to 1 MB, a hex dump of the start of a binary file, or a
    note saying why there is nothing to show."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES)
    except FileNotFoundError:
        return f"{missing}: {path} does not exist"
    except OSError as exc:
        return f"{missing}: {path}: {exc.strerror or exc}"
    note = f"[first 1 MB of {size} bytes]\n" if size > MAX_BYTES else ""
    if b"\0" in data[:8192]:
        return f"Binary file, {size} bytes; hex preview:\n" + hex_dump(data[:HEX_PREVIEW_BYTES])
    try:
        return note + data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if size > MAX_BYTES and exc.start > len(data) - 4:  # a character cut at the cap
            return note + data[: exc.start].decode("utf-8")
        return f"Binary file, {size} bytes; hex preview:\n" + hex_dump(data[:HEX_PREVIEW_BYTES])


def hex_dump(data: bytes) -> str:
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset : offset + 16]
        hexes = " ".join(f"{b:02x}" for b in chunk)
        chars = "".join(chr(b) if 32 <= b < 127 else "." for b in chunk)
        lines.append(f"{offset:08x}  {hexes:<47}  {chars}")
    return "\n".join(lines)


class Viewer(Screen[None]):
    DEFAULT_CSS = """
    Viewer #tabs { height: 1; background: $primary-background; }
    Viewer #body { height: 1fr; }
    Viewer #status { height: 1; background: $panel; }
    Viewer Input { height: 3; display: none; }
    Viewer Input.searching { display: block; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "close", "Close"),
        Binding("tab", "next_document", "stdout/stderr", priority=True),
        Binding("g,home", "top", "Top"),
        Binding("G,end", "bottom", "Bottom"),
        Binding("pageup", "page(-20)", "PgUp"),
        Binding("pagedown", "page(20)", "PgDn"),
        Binding("up", "line(-1)", show=False),
        Binding("down", "line(1)", show=False),
        Binding("slash", "search", "Search"),
        Binding("n", "match(1)", "Next"),
        Binding("N", "match(-1)", "Previous"),
    ]

    def __init__(self, title: str, documents: list[Document]) -> None:
        super().__init__()
        self.title_text, self.documents = title, documents
        self.current = 0
        self.pattern = ""
        self.matches: list[int] = []
        self.match_index = -1

    def compose(self) -> ComposeResult:
        yield Static(id="tabs")
        with VerticalScroll(id="body"):
            yield Static(id="content")
        yield Input(placeholder="search (Enter to find, Escape to cancel)", id="search")
        yield Static(id="status")

    def on_mount(self) -> None:
        self.show()

    @property
    def document(self) -> Document:
        return self.documents[self.current]

    def show(self) -> None:
        tabs = Text(f" {self.title_text}  ", style="bold")
        for i, doc in enumerate(self.documents):
            tabs.append(f" {doc.title} ", style="reverse" if i == self.current else "")
        self.query_one("#tabs", Static).update(tabs)
        text = Text("\n".join(self.document.lines))
        if self.pattern:
            text.highlight_words([self.pattern], style="black on yellow", case_sensitive=False)
        self.query_one("#content", Static).update(text)
        self.matches = (
            [
                i
                for i, line in enumerate(self.document.lines)
                if self.pattern.lower() in line.lower()
            ]
            if self.pattern
            else []
        )
        self.status()

    def status(self, note: str = "") -> None:
        where = f"{len(self.document.lines)} lines"
        if self.pattern:
            found = len(self.matches)
            at = f"{self.match_index + 1}/{found}" if self.match_index >= 0 else f"{found}"
            where += (
                f" | /{self.pattern}: {at} matches" if found else f" | /{self.pattern}: no match"
            )
        keys = "Tab: switch  ↑↓ PgUp/PgDn g/G: move  /: search  n/N: next/prev  q: close"
        self.query_one("#status", Static).update(f" {note or where} | {keys}")

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#body", VerticalScroll)

    def action_close(self) -> None:
        search = self.query_one("#search", Input)
        if search.has_class("searching"):
            search.remove_class("searching")
            self.body.focus()
            return
        self.dismiss(None)

    def action_next_document(self) -> None:
        self.current = (self.current + 1) % len(self.documents)
        self.match_index = -1
        self.show()
        self.body.scroll_home(animate=False)

    def action_top(self) -> None:
        self.body.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.body.scroll_end(animate=False)

    def action_page(self, lines: int) -> None:
        self.body.scroll_to(y=self.body.scroll_y + lines, animate=False)

    def action_line(self, lines: int) -> None:
        self.body.scroll_to(y=self.body.scroll_y + lines, animate=False)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.add_class("searching")
        search.value = self.pattern
        search.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.remove_class("searching")
        self.pattern = event.value
        self.match_index = -1
        self.show()
        self.body.focus()
        self.action_match(1)

    def action_match(self, step: int) -> None:
        if not self.matches:
            self.status()
            return
        self.match_index = (self.match_index + step) % len(self.matches)
        self.body.scroll_to(y=self.matches[self.match_index], animate=False)
        self.status()
