"""The rich console the table format writes to, built from the one ``Output``."""

from __future__ import annotations

import os

from rich.console import Console

from prelim_cli.core.env import Output

# What the table shows in plain ASCII when stdout cannot take Unicode; anything else
# that does not fit is written as an escape, \u4e2d.
_ASCII = str.maketrans({"…": "...", "⋮": ":", "·": "|", "×": "x", "≥": ">=", "≤": "<=",
                        "§": "S", "→": "->", "−": "-", "–": "-", "—": "-", "’": "'",
                        **dict(zip("▁▂▃▄▅▆▇█", "_.:-=+*#"))})  # a sparkline's eight levels


class _Lines:
    """The file rich writes to: in a pipe or a saved file, without the spaces rich pads each
    line with (harmless on a terminal, noise elsewhere); on a stream that cannot take
    Unicode, in ASCII. Its ``encoding`` tells rich to draw ASCII borders then."""

    def __init__(self, file, trim: bool, unicode: bool) -> None:
        self.file, self.trim, self.unicode, self.pending = file, trim, unicode, ""
        self.encoding = "utf-8" if unicode else "ascii"

    def write(self, text: str) -> int:
        if not self.unicode:
            text = "".join(c if c.isascii() else f"\\u{ord(c):04x}"
                           for c in text.translate(_ASCII))
        if not self.trim:
            self.file.write(text)
            return len(text)
        *done, self.pending = (self.pending + text).split("\n")
        for line in done:
            self.file.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        self.file.flush()

    def isatty(self) -> bool:
        return not self.trim


def make_console(out: Output) -> Console:
    """Colour and width as ``out`` decided them; in a pipe, lines without rich's padding;
    on a stream that cannot take Unicode, ASCII."""
    file = out.stdout if out.is_tty and out.unicode else \
        _Lines(out.stdout, trim=not out.is_tty, unicode=out.unicode)
    console = Console(file=file, force_terminal=out.color, no_color=not out.color,
                      highlight=False, soft_wrap=False, emoji=False, width=out.width)
    # In a pipe or a file, tables take their natural width, unless a width was asked for
    console.natural_tables = not out.is_tty and out.width is None and \
        not os.environ.get("COLUMNS")
    return console
