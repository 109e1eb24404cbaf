"""Render a Demo. One entry point, one renderer per format; renderers never compute.

``Output`` is the one place that knows where text goes and whether it is a
terminal (httpie's Environment): tests build their own to pretend either way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import TextIO

from prelim_cli.core.demo import Demo
from prelim_cli.i18n import Texts


@dataclass
class Output:
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    is_tty: bool = False
    color: bool = False

    @classmethod
    def from_env(cls) -> Output:
        tty = sys.stdout.isatty()
        return cls(sys.stdout, sys.stderr, tty, tty and not os.environ.get("NO_COLOR")
                   and os.environ.get("TERM") != "dumb")


def render(demo: Demo, fmt: str, lang: str, show_code: bool = True,
           out: Output | None = None) -> None:
    out = out or Output.from_env()
    texts = Texts(lang)
    if fmt == "json":
        from prelim_cli.render.json import render_json as renderer
    elif fmt == "repr":
        from prelim_cli.render.repr import render_repr as renderer
    else:
        from prelim_cli.render.table import render_table as renderer
    renderer(demo, texts, show_code, out)
