"""Where output goes and what it can show, decided once (httpie's Environment).

Everything that asks "is this a terminal?", "may I colour?" or "how wide?" reads an
``Output``; ``Output.from_env()`` is the one place those questions meet the real
process. Tests build their own to pretend to be a terminal or a pipe.
"""

from __future__ import annotations

import codecs
import os
import sys
from dataclasses import dataclass, field
from typing import TextIO


@dataclass
class Output:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    is_tty: bool = False  # stdout is a terminal
    color: bool = False
    stdin_tty: bool = False  # keys can be read (the tour's pauses)
    stderr_tty: bool = False  # progress may be drawn on stderr
    width: int | None = None  # None: the terminal's own, or 80 in a pipe
    unicode: bool = True  # stdout takes any character (UTF-8); False: ASCII is shown

    @classmethod
    def from_env(cls) -> Output:
        tty = _isatty(sys.stdout)
        color = tty and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        return cls(sys.stdout, sys.stderr, tty, color, _isatty(sys.stdin), _isatty(sys.stderr),
                   unicode=_takes_unicode(sys.stdout))


def _takes_unicode(stream) -> bool:
    """A UTF-8 (or -16, -32) stream; PYTHONIOENCODING=ascii or LC_ALL=C make one that is not."""
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "utf-8").name.startswith("utf")
    except LookupError:
        return False


def _isatty(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False
