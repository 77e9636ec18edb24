"""Popups: confirmations (y/n), prompts for a line of text, the help listing."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

DIALOG_CSS = """
Confirm, Prompt, Help { align: center middle; }
#dialog {
    width: 70; max-width: 100%; height: auto; max-height: 90%;
    border: thick $warning; background: $surface; padding: 0 1;
}
#dialog .hint { color: $text-muted; }
#dialog VerticalScroll { height: auto; max-height: 14; }
"""


class Confirm(ModalScreen[bool]):
    """A question answered with y (True) or n / q / Escape (False)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,q,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str, items: list[str] | None = None, title: str = "Confirm"):
        super().__init__()
        self.question, self.items, self.title_text = question, items or [], title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.question, id="question")
            if self.items:
                with VerticalScroll():
                    yield Static("\n".join(f"  • {item}" for item in self.items), id="items")
            yield Static("y: yes    n: no", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Prompt(ModalScreen[str | None]):
    """One line of text (Enter), or None (Escape)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, value: str = "", title: str = "Input") -> None:
        super().__init__()
        self.question, self.value, self.title_text = question, value, title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = self.title_text
            yield Static(self.question)
            yield Input(value=self.value, id="answer")
            yield Static("Enter: accept    Escape: cancel", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP = """\
[b]Navigation[/b]
  ↑/↓        move in the current table
  ←/→        switch focus between Workflows and Details
  Tab        next detail tab (Jobs → Files → Events → Results → DAG → Nodes)
  Enter      load the selected workflow / job details / view file
  r          refresh now          A  auto-refresh (30 s) on/off
  q          quit (or close a popup)   ?  this help

[b]Workflow actions[/b]
  n  new (from a spec file)     i  initialize     I  re-initialize
  R  reset job statuses         x  run locally    s  submit to Slurm
  C  cancel                     d  delete

[b]Jobs tab[/b]
  Enter  job details   l  logs (stdout/stderr)   c  cancel   t  terminate
  y      retry failed job        f  filter by column (status: failed)

[b]Nodes tab[/b]
  l  Slurm logs of the allocation

[b]Log and file viewer[/b]
  Tab  stdout/stderr   ↑/↓ one line   PgUp/PgDn 20 lines   g/G top/bottom
  /    search          n/N next/previous match             q  close

[b]Server and connection[/b]
  S  start torc-server   K  stop it   O  its output
  u  server URL          w  user filter   a  all users on/off
"""


class Help(ModalScreen[None]):
    DEFAULT_CSS = DIALOG_CSS + "Help #dialog { width: 80; border: thick $primary; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,escape,question_mark", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog") as box:
            box.border_title = "Keys"
            with VerticalScroll():
                yield Static(HELP, id="help")
            yield Static("q: close", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
