"""Explanations wrapped for the terminal, in English or Chinese."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

_TOKENS = re.compile(r"[ -~]+?(?= |$|[^ -~])| +|[^ -~][，。；：、！？）」》,.;:!?)]*")


class Prose:
    """A sentence wrapped to the width it is given, in English or Chinese. Rich breaks lines
    only at spaces, so a Chinese sentence (which has none) would jump whole to the next line;
    here a line may also break between two CJK characters, never before closing punctuation."""

    def __init__(self, text: str, style: str = "") -> None:
        self.text, self.style = text, style

    def __rich_console__(self, console: Console, options):
        width, lines, line = options.max_width, [], ""
        for token in _TOKENS.findall(self.text):
            if line and cell_len(line + token.rstrip()) > width:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
        for text in lines:
            yield Text(text, style=self.style, overflow="fold")
