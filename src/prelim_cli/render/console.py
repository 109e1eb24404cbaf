"""The rich console the table format writes to, built from the one ``Output``."""

from __future__ import annotations

from rich.console import Console

from prelim_cli.core.env import Output


class _TrimmedLines:
    """A file that drops the spaces rich pads each line with (harmless on a terminal, noise
    in a pipe or a saved file)."""

    def __init__(self, file) -> None:
        self.file, self.pending = file, ""

    def write(self, text: str) -> int:
        *done, self.pending = (self.pending + text).split("\n")
        for line in done:
            self.file.write(line.rstrip(" ") + "\n")
        return len(text)

    def flush(self) -> None:
        self.file.flush()


def make_console(out: Output) -> Console:
    """Colour and width as ``out`` decided them; in a pipe, lines without rich's padding."""
    file = out.stdout if out.is_tty else _TrimmedLines(out.stdout)
    return Console(file=file, force_terminal=out.color, no_color=not out.color,
                   highlight=False, soft_wrap=False, emoji=False, width=out.width)
