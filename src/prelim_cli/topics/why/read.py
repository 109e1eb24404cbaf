"""Read a pasted error as text: find the exceptions in it, last one first.

The input is only ever read: it is decoded, capped in size, cleaned of terminal colours
(IPython prints its tracebacks in ANSI colour) and of Windows line endings, then scanned
line by line. A line at the left margin of the form ``SomeError: message`` starts an
exception; the lines under it, up to a blank line or the next traceback, continue its
message (a long message a terminal or an e-mail wrapped). A warning line
(``file.py:3: UserWarning: ...``) counts too. Text with no such line is taken whole, as
the message of an exception of unknown type: ``prelim why "grad can be implicitly
created only for scalar outputs"``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from prelim_cli.core.errors import Message, PrelimError

MAX_BYTES = 1_000_000  # a traceback is a few kilobytes; a whole training log is not needed
MAX_CONTINUATION = 12  # lines a message may wrap onto
MAX_MESSAGE = 2_000  # characters of a message worth matching: the longest PyTorch's are ~1,000

ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")
_TYPE = r"(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Warning|Interrupt|Exit|Iteration)"
EXCEPTION = re.compile(rf"(?P<type>{_TYPE}):(?: (?P<message>.*))?")
WARNING = re.compile(rf".+?:\d+: (?P<type>{_TYPE}): (?P<message>.*)")
BARE = re.compile(rf"(?P<type>{_TYPE})")
ENDS = ("Traceback (most recent call last)", "During handling of the above exception",
        "The above exception was the direct cause", "-" * 20)
IPYTHON_ARROW = re.compile(r"-+>\s*\d+\s(?P<code>.*)")  # ----> 1 a + b
FRAME = re.compile(r'\s*File "?(?P<path>[^",]+)"?(?:, line |:)\d+')  # Python's and IPython's
LIBRARY = ("site-packages", "dist-packages", "/lib/python", "\\lib\\", "<frozen")


@dataclass(frozen=True)
class Found:
    """One exception in the text."""

    type: str  # "" when the text named none
    lines: tuple[str, ...]  # the message as printed, its wrapped lines too
    code: str  # the source line the traceback shows just before it, "" if none

    @property
    def message(self) -> str:
        """The message on one line: wrapped lines joined, runs of spaces made one (the
        first ``MAX_MESSAGE`` characters: the patterns never read further)."""
        return " ".join(" ".join(self.lines)[:MAX_MESSAGE * 2].split())[:MAX_MESSAGE]

    @property
    def unwrapped(self) -> str:
        """Wrapped lines joined without a space: a terminal that broke a word in two."""
        joined = "".join(line.strip() for line in self.lines)
        return " ".join(joined[:MAX_MESSAGE * 2].split())[:MAX_MESSAGE]


def read_input(text: str | None) -> str:
    """The text typed as the argument, or stdin's for ``-`` or no argument; capped."""
    if text is not None and text != "-":
        data = text.encode("utf-8", "surrogateescape")
        where = Message("why.read.where_text")
    else:
        if sys.stdin is None:
            raise PrelimError("why.read.stdin_closed")
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read(MAX_BYTES + 1) if stream else \
            sys.stdin.read(MAX_BYTES + 1).encode("utf-8", "surrogateescape")
        where = Message("why.read.where_stdin")
    if len(data) > MAX_BYTES:
        raise PrelimError("why.read.too_long", where=where, MAX_BYTES=MAX_BYTES)
    if b"\x00" in data:
        raise PrelimError("why.read.nul", where=where)
    decoded = data.decode("utf-8", "replace")
    if not decoded.strip():
        raise PrelimError("why.read.empty", where=where)
    return decoded


def clean(text: str) -> list[str]:
    """Lines without colour codes, Windows line endings or trailing spaces."""
    text = ANSI.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def exceptions(text: str) -> list[Found]:
    """Every exception in ``text``, in the order printed (the one raised last, last)."""
    lines = clean(text)
    found, code, mine, arrowed = [], "", True, False
    i = 0
    while i < len(lines):
        line = lines[i]
        head = _head(line)
        if head is None:
            frame = FRAME.match(line)
            if frame or line.startswith("Cell In["):  # IPython's cell is the learner's too
                # the learner's own line, not one inside torch or pandas
                mine = not frame or not any(part in frame["path"] for part in LIBRARY)
                arrowed = False
            elif not mine or arrowed:  # IPython's context lines after ----> are not it
                pass
            elif (arrow := IPYTHON_ARROW.match(line)) is not None:
                code, arrowed = arrow["code"].strip(), True
            elif line.startswith("    ") and not set(line.strip()) <= set("~^ "):
                code = line.strip()  # the source line under a `File ...` frame
            i += 1
            continue
        kind, first = head
        message = [first] if first else []
        i += 1
        while i < len(lines) and len(message) < MAX_CONTINUATION and lines[i].strip() \
                and not lines[i].startswith(ENDS) and _head(lines[i]) is None:
            message.append(lines[i])
            i += 1
        found.append(Found(kind, tuple(message), code))
        code, mine, arrowed = "", True, False
    if not found:
        body = tuple(line for line in lines if line.strip())
        found.append(Found("", body[-MAX_CONTINUATION:], ""))
    return found


def _head(line: str) -> tuple[str, str] | None:
    """(type, start of message) when ``line`` starts an exception or a warning."""
    if line.startswith(" "):
        return None
    for pattern in (EXCEPTION, WARNING, BARE):
        match = pattern.fullmatch(line)
        if match:
            return match["type"], (match.groupdict().get("message") or "").strip()
    return None
