"""Lines of the values of a JSON or JSON5 document, to point error messages at the right line.

The documents themselves are read by the fast C parsers (`json`, `pyjson5`); this small reader
runs only when a message needs a line. It records, for every object member and array item, the
line where it starts: `{("jobs", 3): 41, ("jobs", 3, "command"): 43, ...}`.
"""

from __future__ import annotations

import bisect
import re

from torc.spec.errors import Path

_WS = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)+", re.S)
_NUMBER = re.compile(
    r"[+-]?(?:Infinity|NaN|0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
)
_IDENT = re.compile(r"[A-Za-z_$][\w$]*")


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.lines: dict[Path, int] = {}

    def line(self) -> int:
        return bisect.bisect_right(self.starts, self.pos)

    def ws(self) -> None:
        m = _WS.match(self.text, self.pos)
        if m:
            self.pos = m.end()

    def value(self, path: Path) -> None:
        self.ws()
        c = self.text[self.pos : self.pos + 1]
        if c == "{":
            self.pos += 1
            while True:
                self.ws()
                if self.text[self.pos : self.pos + 1] == "}":
                    self.pos += 1
                    return
                line = self.line()
                if self.text[self.pos] in "\"'":
                    key = self.string()
                else:
                    m = _IDENT.match(self.text, self.pos)
                    if not m:
                        raise ValueError("bad key")
                    key, self.pos = m.group(), m.end()
                self.ws()
                if self.text[self.pos] != ":":
                    raise ValueError("expected ':'")
                self.pos += 1
                self.lines.setdefault((*path, key), line)
                self.value((*path, key))
                self.ws()
                if self.text[self.pos : self.pos + 1] == ",":
                    self.pos += 1
        elif c == "[":
            self.pos += 1
            index = 0
            while True:
                self.ws()
                if self.text[self.pos : self.pos + 1] == "]":
                    self.pos += 1
                    return
                self.lines[(*path, index)] = self.line()
                self.value((*path, index))
                index += 1
                self.ws()
                if self.text[self.pos : self.pos + 1] == ",":
                    self.pos += 1
        elif c in ("'", '"'):
            self.string()
        else:
            for word in ("true", "false", "null"):
                if self.text.startswith(word, self.pos):
                    self.pos += len(word)
                    return
            m = _NUMBER.match(self.text, self.pos)
            if not m:
                raise ValueError("bad value")
            self.pos = m.end()

    def string(self) -> str:
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while True:
            c = self.text[self.pos]
            if c == quote:
                self.pos += 1
                return "".join(out)
            if c == "\\":
                nxt = self.text[self.pos + 1]
                out.append({"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}.get(nxt, nxt))
                self.pos += 2
                if nxt == "u":
                    out[-1] = chr(int(self.text[self.pos : self.pos + 4], 16))
                    self.pos += 4
            else:
                out.append(c)
                self.pos += 1


def value_lines(text: str) -> dict[Path, int]:
    """Path -> 1-based line of every member and item of a JSON/JSON5 document."""
    reader = _Reader(text)
    reader.value(())
    return reader.lines


def offset_line(text: str, offset: int) -> int:
    """1-based line of a character offset."""
    return text.count("\n", 0, max(0, min(offset, len(text)))) + 1
