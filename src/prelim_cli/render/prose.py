"""Explanations wrapped for the terminal, in English or Chinese: the one place prose is wrapped.

Rich breaks lines only at spaces, so a Chinese sentence (which has none) would jump whole to
the next line, and a word too long for the line is cut anywhere. ``wrap`` breaks at spaces and
between two CJK characters, and keeps the line-breaking rules Chinese readers expect (kinsoku):
no line starts with closing punctuation (``。，、；：）」』》！？``) and none ends with opening
punctuation (``（「『《``).
"""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

CLOSING = set("。，、；：）」』》！？〕】…—～·.,;:!?)]}%")  # never the first on a line
OPENING = set("（「『《〔【([{")  # never the last on a line
_TOKENS = re.compile(r" +|[!-~]+|.")  # spaces, an ASCII word, any other character


def _units(text: str) -> list[tuple[str, str]]:
    """(separator, unit) pairs: a unit is never broken inside (unless it is wider than the
    line); the separator before it is a space or nothing (a break between CJK characters).
    Closing punctuation joins the unit before it, opening punctuation the unit after it."""
    units: list[tuple[str, str]] = []
    space = ""
    for token in _TOKENS.findall(text):
        if token.startswith(" "):
            space = token
            continue
        if units and (token[0] in CLOSING or units[-1][1][-1] in OPENING):
            sep, unit = units[-1]
            units[-1] = (sep, unit + space + token)
        else:
            units.append((space, token))
        space = ""
    return units


def _fold(unit: str, width: int) -> list[str]:
    """A unit wider than the line, cut into pieces that fit; a cut moves back while the next
    piece would start with closing punctuation or this one end with opening punctuation."""
    pieces, line = [], ""
    for char in unit:
        if line and cell_len(line + char) > width:
            cut = next((cut for cut in range(len(line), 0, -1) if _may_break(line, cut, char)),
                       len(line))  # nowhere allowed (a line of punctuation): break anyway
            pieces.append(line[:cut].rstrip(" "))
            line = line[cut:].lstrip(" ")
        line += char
    return [*pieces, line]


def _may_break(line: str, cut: int, char: str) -> bool:
    after = (line[cut:] + char).lstrip(" ")
    before = line[:cut].rstrip(" ")
    return bool(before) and after[:1] not in CLOSING and before[-1] not in OPENING


def wrap(text: str, width: int) -> list[str]:
    """``text`` as lines of at most ``width`` cells (a line holding one unit too wide to
    break is folded), breaking where the kinsoku rules allow."""
    if "\n" in text:
        return [line for part in text.split("\n") for line in wrap(part, width)]
    lines: list[str] = []
    line = ""
    for sep, unit in _units(text):
        joined = line + sep + unit if line else unit
        if cell_len(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        *full, line = _fold(unit, width) if cell_len(unit) > width else [unit]
        lines.extend(full)
    return [*lines, line]


class Prose:
    """A sentence wrapped to the width it is given, in English or Chinese (``wrap``); with
    ``hang``, the lines after the first are indented by that many columns (a numbered
    heading's text stays right of its number)."""

    def __init__(self, text: str, style: str = "", hang: int = 0) -> None:
        self.text, self.style, self.hang = text, style, hang

    def __rich_console__(self, console: Console, options):
        width = max(options.max_width, 2)
        lines = wrap(self.text, width)
        if self.hang and len(lines) > 1 and width - self.hang >= 20 \
                and self.text.startswith(lines[0]):
            rest = self.text[len(lines[0]):].lstrip()
            lines = [lines[0], *(" " * self.hang + line
                                 for line in wrap(rest, width - self.hang))]
        for text in lines:
            yield Text(text, style=self.style, overflow="fold")
