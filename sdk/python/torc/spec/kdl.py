"""A KDL reader that accepts both KDL 1 and KDL 2 documents and knows every node's line.

The Torc guide writes its KDL examples in KDL 2 (`#true`, `#false`), older files use KDL 1
(`true`, `r"raw"`). This parser takes the union of the two syntaxes, which never conflict:

- keywords: `#true #false #null #inf #-inf #nan` (KDL 2) and bare `true false null` (KDL 1);
- strings: `"quoted"` with the escapes of both versions (`\\n \\t \\" \\\\ \\/ \\b \\f \\r \\s
  \\u{...}` and KDL 2's whitespace escape), KDL 2 multi-line `\"\"\"` strings (dedented), raw
  strings `r"..."`, `r#"..."#` (KDL 1) and `#"..."#`, `#\"\"\"...\"\"\"#` (KDL 2), and bare
  identifiers as string values (KDL 2);
- numbers: decimal with `_` separators and exponents, `0x`, `0o`, `0b`;
- comments `//`, nested `/* */`, slashdash `/-` on nodes, entries and children blocks;
- line continuations with `\\`, `;` as node terminator, type annotations `(type)` (kept, unused).

Errors carry the 1-based line where the problem is.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any


class KdlError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Node:
    name: str
    line: int
    args: list[Any] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    type: str | None = None
    has_children: bool = False


_NON_IDENT = set('\\/(){};[]="#=') | set(" \t\r\n\f\v\u00a0\ufeff\u2028\u2029")
_NEWLINES = "\r\n\f\u0085\u2028\u2029"
_SPACES = " \t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\ufeff\v"
_NUMBER = re.compile(
    r"[+-]?(?:0x[0-9a-fA-F][0-9a-fA-F_]*|0o[0-7][0-7_]*|0b[01][01_]*"
    r"|[0-9][0-9_]*(?:\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?)"
)
_KEYWORDS = {
    "true": True,
    "false": False,
    "null": None,
    "inf": float("inf"),
    "-inf": float("-inf"),
    "nan": float("nan"),
}
_ESCAPES = {
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "\\": "\\",
    '"': '"',
    "/": "/",
    "b": "\b",
    "f": "\f",
    "s": " ",
}


def parse(text: str) -> list[Node]:
    """Parse a KDL 1 or KDL 2 document into its top-level nodes."""
    return _Parser(text).document()


class _Parser:
    def __init__(self, text: str) -> None:
        if text.startswith("\ufeff"):
            text = text[1:]
        self.text = text
        self.pos = 0
        self.n = len(text)
        self.line_starts = [0] + [
            m.end() for m in re.finditer(r"\r\n|[\n\r\f\u0085\u2028\u2029]", text)
        ]

    # ---- positions and errors ---------------------------------------------------------------

    def line_at(self, pos: int) -> int:
        return bisect.bisect_right(self.line_starts, pos)

    def error(self, message: str, pos: int | None = None) -> KdlError:
        return KdlError(message, self.line_at(self.pos if pos is None else pos))

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.text[i] if i < self.n else ""

    def startswith(self, s: str) -> bool:
        return self.text.startswith(s, self.pos)

    # ---- whitespace and comments ------------------------------------------------------------

    def skip_block_comment(self) -> None:
        start = self.pos
        self.pos += 2
        depth = 1
        while depth:
            if self.pos >= self.n:
                raise self.error("unterminated /* comment", start)
            if self.startswith("/*"):
                depth += 1
                self.pos += 2
            elif self.startswith("*/"):
                depth -= 1
                self.pos += 2
            else:
                self.pos += 1

    def skip_line_comment(self) -> None:
        while self.pos < self.n and self.text[self.pos] not in _NEWLINES:
            self.pos += 1

    def skip_newline(self) -> bool:
        if self.startswith("\r\n"):
            self.pos += 2
            return True
        if self.pos < self.n and self.text[self.pos] in _NEWLINES:
            self.pos += 1
            return True
        return False

    def skip_node_space(self) -> bool:
        """Whitespace, block comments and line continuations inside a node; True if any."""
        start = self.pos
        while self.pos < self.n:
            c = self.text[self.pos]
            if c in _SPACES:
                self.pos += 1
            elif self.startswith("/*"):
                self.skip_block_comment()
            elif c == "\\":
                # line continuation: `\` [ws] [// comment] newline
                save = self.pos
                self.pos += 1
                while self.pos < self.n and self.text[self.pos] in _SPACES:
                    self.pos += 1
                if self.startswith("//"):
                    self.skip_line_comment()
                if not self.skip_newline() and self.pos < self.n:
                    self.pos = save
                    break
            else:
                break
        return self.pos > start

    def skip_line_space(self) -> None:
        """Whitespace, newlines and comments between nodes."""
        while self.pos < self.n:
            c = self.text[self.pos]
            if c in _SPACES or c in _NEWLINES:
                self.pos += 1
            elif self.startswith("//"):
                self.skip_line_comment()
            elif self.startswith("/*"):
                self.skip_block_comment()
            else:
                break

    # ---- document structure -----------------------------------------------------------------

    def document(self) -> list[Node]:
        nodes = self.nodes(in_block=False)
        return nodes

    def nodes(self, in_block: bool) -> list[Node]:
        result: list[Node] = []
        open_at = self.pos - 1
        while True:
            self.skip_line_space()
            if self.pos >= self.n:
                if in_block:
                    raise self.error("missing '}' to close the block opened here", open_at)
                return result
            c = self.text[self.pos]
            if c == ";":
                self.pos += 1
                continue
            if c == "}":
                if not in_block:
                    raise self.error("unexpected '}'")
                self.pos += 1
                return result
            if self.startswith("/-"):
                self.pos += 2
                self.skip_line_space()
                self.node()
                continue
            result.append(self.node())

    def node(self) -> Node:
        start = self.pos
        type_name = self.type_annotation()
        if type_name is not None:
            self.skip_node_space()
        name = self.string_or_identifier()
        if name is None:
            raise self.error(f"expected a node name, found {self.describe()}")
        node = Node(name=name, line=self.line_at(start), type=type_name)
        while True:
            spaced = self.skip_node_space()
            if self.at_node_end():
                break
            if self.startswith("/-"):
                self.pos += 2
                self.skip_node_space()
                if self.peek() == "{":
                    self.pos += 1
                    self.nodes(in_block=True)
                else:
                    self.entry(Node(name="", line=0))
                continue
            if self.peek() == "{":
                if node.has_children:
                    raise self.error(f"node '{name}' has two children blocks")
                self.pos += 1
                node.children = self.nodes(in_block=True)
                node.has_children = True
                continue
            if node.has_children:
                raise self.error(
                    f"unexpected {self.describe()} after the children block of '{name}'"
                )
            if not spaced:
                raise self.error(f"expected a space before {self.describe()}")
            self.entry(node)
        # terminator
        if self.startswith("//"):
            self.skip_line_comment()
        if self.peek() == ";":
            self.pos += 1
        else:
            self.skip_newline()
        return node

    def at_node_end(self) -> bool:
        if self.pos >= self.n:
            return True
        c = self.text[self.pos]
        return c in _NEWLINES or c in ";}" or self.startswith("//")

    def entry(self, node: Node) -> None:
        if self.peek() != "(":
            start = self.pos
            key = self.string_or_identifier()
            if key is not None:
                self.skip_node_space()
                if self.peek() == "=":
                    self.pos += 1
                    self.skip_node_space()
                    self.type_annotation()
                    node.props[key] = self.value()
                    return
            self.pos = start
        self.type_annotation()
        node.args.append(self.value())

    def type_annotation(self) -> str | None:
        if self.peek() != "(":
            return None
        start = self.pos
        self.pos += 1
        self.skip_node_space()
        name = self.string_or_identifier()
        self.skip_node_space()
        if name is None or self.peek() != ")":
            raise self.error("malformed type annotation", start)
        self.pos += 1
        return name

    def describe(self) -> str:
        if self.pos >= self.n:
            return "the end of the file"
        c = self.text[self.pos]
        if c in _NEWLINES:
            return "the end of the line"
        return repr(c)

    # ---- values ---------------------------------------------------------------------------

    def value(self) -> Any:
        start = self.pos
        c = self.peek()
        if c == "":
            raise self.error("expected a value, found the end of the file")
        if c == '"':
            return self.quoted()
        if c == "#":
            hashes = self.count_hashes()
            after = self.peek(hashes)
            if after == '"':
                return self.raw(hashes)
            if hashes == 1:
                self.pos += 1
                word = self.identifier()
                if word in _KEYWORDS:
                    return _KEYWORDS[word]
                raise self.error(f"unknown keyword '#{word}'", start)
            raise self.error("malformed raw string", start)
        if c == "r" and self.peek(1) in ('"', "#"):
            hashes = 0
            while self.peek(1 + hashes) == "#":
                hashes += 1
            if self.peek(1 + hashes) == '"':
                self.pos += 1
                return self.raw(hashes)
        match = _NUMBER.match(self.text, self.pos)
        if match and (c.isdigit() or (c in "+-" and self.peek(1).isdigit())):
            end = match.end()
            if end < self.n and self.text[end] not in _NON_IDENT:
                raise self.error(f"malformed number '{self.text[start : self.word_end(end)]}'")
            self.pos = end
            return _number(match.group())
        word = self.identifier()
        if word is None:
            raise self.error(f"expected a value, found {self.describe()}")
        if word in ("true", "false", "null"):
            return _KEYWORDS[word]
        return word

    def word_end(self, pos: int) -> int:
        while pos < self.n and self.text[pos] not in _NON_IDENT:
            pos += 1
        return pos

    def count_hashes(self) -> int:
        k = 0
        while self.peek(k) == "#":
            k += 1
        return k

    def string_or_identifier(self, allow_keyword: bool = True) -> str | None:
        c = self.peek()
        if c == '"':
            return self.quoted()
        if c == "#" and self.peek(self.count_hashes()) == '"':
            return self.raw(self.count_hashes())
        if c == "r" and self.peek(1) in ('"', "#"):
            hashes = 0
            while self.peek(1 + hashes) == "#":
                hashes += 1
            if self.peek(1 + hashes) == '"':
                self.pos += 1
                return self.raw(hashes)
        return self.identifier()

    def identifier(self) -> str | None:
        start = self.pos
        if start >= self.n or self.text[start] in _NON_IDENT:
            return None
        c = self.text[start]
        if c.isdigit() or (c in "+-." and self.peek(1).isdigit()):
            return None
        end = self.word_end(start)
        self.pos = end
        return self.text[start:end]

    def quoted(self) -> str:
        start = self.pos
        if self.startswith('"""'):
            return self.multiline(start, raw=False, hashes=0)
        self.pos += 1
        parts: list[str] = []
        chunk_start = self.pos
        text = self.text
        while True:
            if self.pos >= self.n:
                raise self.error("unterminated string", start)
            c = text[self.pos]
            if c == '"':
                parts.append(text[chunk_start : self.pos])
                self.pos += 1
                return "".join(parts)
            if c == "\\":
                parts.append(text[chunk_start : self.pos])
                parts.append(self.escape())
                chunk_start = self.pos
            else:
                self.pos += 1

    def escape(self) -> str:
        """At a backslash inside a quoted string: the escaped text; moves past it."""
        start = self.pos
        self.pos += 1
        c = self.peek()
        if c in _ESCAPES:
            self.pos += 1
            return _ESCAPES[c]
        if c == "u":
            m = re.compile(r"u\{([0-9a-fA-F]{1,6})\}").match(self.text, self.pos)
            if not m:
                raise self.error("malformed \\u{...} escape", start)
            self.pos = m.end()
            return chr(int(m.group(1), 16))
        if c and (c in _SPACES or c in _NEWLINES):
            while self.pos < self.n and (
                self.text[self.pos] in _SPACES or self.text[self.pos] in _NEWLINES
            ):
                self.pos += 1
            return ""
        raise self.error(f"unknown escape '\\{c}' in string", start)

    def raw(self, hashes: int) -> str:
        start = self.pos
        self.pos += hashes
        if self.startswith('"""'):
            return self.multiline(start, raw=True, hashes=hashes)
        self.pos += 1  # the quote
        closing = '"' + "#" * hashes
        end = self.text.find(closing, self.pos)
        if end < 0:
            raise self.error("unterminated raw string", start)
        value = self.text[self.pos : end]
        self.pos = end + len(closing)
        return value

    def multiline(self, start: int, raw: bool, hashes: int) -> str:
        """A KDL 2 multi-line string: `\"\"\"` newline, lines, then an indented `\"\"\"`."""
        self.pos += 3
        closing = '"""' + "#" * hashes
        escapes: list[str] = []
        if raw:
            end = self.text.find(closing, self.pos)
            if end < 0:
                raise self.error("unterminated multi-line string", start)
            body = self.text[self.pos : end]
            self.pos = end + len(closing)
        else:
            pieces: list[str] = []
            chunk = self.pos
            while True:
                if self.pos >= self.n:
                    raise self.error("unterminated multi-line string", start)
                if self.startswith(closing):
                    pieces.append(self.text[chunk : self.pos])
                    self.pos += len(closing)
                    break
                if self.text[self.pos] == "\\":
                    pieces.append(self.text[chunk : self.pos])
                    # escapes are put back after the dedent, which must see the raw lines
                    escapes.append(self.escape())
                    pieces.append(f"\x00{len(escapes) - 1}\x01")
                    chunk = self.pos
                else:
                    self.pos += 1
            body = "".join(pieces)
        lines = re.split(r"\r\n|[\n\r\f\u0085\u2028\u2029]", body)
        if len(lines) < 2 or lines[0].strip(_SPACES):
            raise self.error(
                "a multi-line string must start with a newline after its quotes", start
            )
        prefix = lines[-1]
        if prefix.strip(_SPACES):
            raise self.error(
                "the closing quotes of a multi-line string must be on their own line", start
            )
        out = []
        for line in lines[1:-1]:
            if not line.strip(_SPACES):
                out.append("")
            elif line.startswith(prefix):
                out.append(line[len(prefix) :])
            else:
                raise self.error(
                    "every line of a multi-line string must start with the indentation of its "
                    "closing quotes",
                    start,
                )
        result = "\n".join(out)
        if escapes:
            result = re.sub("\x00([0-9]+)\x01", lambda m: escapes[int(m.group(1))], result)
        return result


def _number(text: str) -> int | float:
    t = text.replace("_", "")
    sign = -1 if t.startswith("-") else 1
    body = t.lstrip("+-")
    if body.startswith("0x"):
        return sign * int(body[2:], 16)
    if body.startswith("0o"):
        return sign * int(body[2:], 8)
    if body.startswith("0b"):
        return sign * int(body[2:], 2)
    if any(ch in body for ch in ".eE"):
        return float(t)
    return int(t)
