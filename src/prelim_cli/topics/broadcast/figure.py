"""The broadcasting diagram: each operand stretched to the result's shape, then the result.

Every panel is a grid of cells holding the values; an operand's own elements are
drawn solid, its stretched copies pale with a dashed edge, the result green. A
shape of three or more axes is drawn as a row of 2-D slices (wrapped into lines
when long). This module only draws what it is given; the values come computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from matplotlib.patches import Rectangle

from prelim_cli.core.demo import PrelimError
from prelim_cli.core.nested import at, flatten
from prelim_cli.core.numbers import format_numbers
from prelim_cli.parse.shape import shape_text
from prelim_cli.render.svg import new_figure, svg_writer

MAX_CELLS = 400  # beyond this the cells and their numbers get too small to read
CELL = 0.42  # inches per cell
LINE_CELLS = 32  # wrap slices onto a new line past this many cells
REAL, COPY, RESULT = "#9ecae1", "#f4f4f4", "#a1d99b"


@dataclass(frozen=True)
class Panel:
    title: str
    data: Any  # nested lists in the result's shape
    real: Any  # nested lists of bools (True: the operand's own element), None for the result


def check_drawable(shape: tuple[int, ...]) -> None:
    """Refuse, before anything is computed, a result too large (or too empty) to draw."""
    cells = math.prod(shape)
    if cells > MAX_CELLS:
        raise PrelimError("broadcast.figure.check_drawable", shape=shape_text(shape),
                          cells=cells, MAX_CELLS=MAX_CELLS)
    if cells == 0:
        raise PrelimError("broadcast.figure.check_drawable_2", shape=shape_text(shape))


def _slices(shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """The 2-D slices to draw, with their labels: ``[0, :, :]`` ... (none for 1-D/2-D)."""
    if len(shape) <= 2:
        return [("", ())]
    return [("[" + ", ".join(map(str, idx)) + ", :, :]", idx)
            for idx in product(*(range(n) for n in shape[:-2]))]


def _layout(shape: tuple[int, ...]) -> tuple[int, int, int, int]:
    """(rows, cols) of one slice, slices per line, lines: in cell units."""
    rows, cols = (1, shape[0]) if len(shape) == 1 else shape[-2:]
    count = math.prod(shape[:-2]) if len(shape) > 2 else 1
    per_line = max(1, min(count, (LINE_CELLS + 1) // (cols + 1)))
    return rows, cols, per_line, math.ceil(count / per_line)


def draw(panels: list[Panel], shape: tuple[int, ...]) -> Callable[[Path], None]:
    """The diagram, as the writer of its SVG file."""
    rows, cols, per_line, lines = _layout(shape)
    labelled = len(shape) > 2
    line_height = rows + (0.8 if labelled else 0) + 0.4
    panel_height = 1.0 + lines * line_height
    title = max(len(p.title) for p in panels) * 0.23  # monospace 11pt, in cell units
    width = max(per_line * (cols + 1) - 1, math.ceil(title)) + 1
    height = len(panels) * panel_height + 0.5
    fig = new_figure(width * CELL, height * CELL)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.8, width - 0.5)
    ax.set_ylim(height, 0)  # y grows downwards, like rows
    ax.axis("off")

    # one number style for every panel, as PyTorch prints one style per tensor
    strings = format_numbers([v for p in panels for v in flatten(p.data)])
    texts = iter(strings)
    size = 9 if max(map(len, strings)) <= 4 else 7
    top = 0.5
    for panel in panels:
        ax.text(-0.46, top + 0.5, panel.title, fontsize=11, family="monospace",
                va="center", ha="left")
        for n, (label, idx) in enumerate(_slices(shape)):
            x0 = (n % per_line) * (cols + 1)
            y0 = top + 1.0 + (n // per_line) * line_height
            if label:
                ax.text(x0 - 0.46, y0 + 0.4, label, fontsize=8, color="#555555", va="center",
                        ha="left", family="monospace")
                y0 += 0.8
            grid = at(panel.data, idx)
            real = at(panel.real, idx) if panel.real is not None else None
            if len(shape) == 1:
                grid, real = [grid], [real] if real is not None else None
            for r, c in product(range(rows), range(cols)):
                own = real is None or real[r][c]
                _cell(ax, x0 + c, y0 + r, next(texts), own, real is None, size)
        top += panel_height
    return svg_writer(fig)


def _cell(ax, x: float, y: float, text: str, own: bool, result: bool, size: int) -> None:
    colour = RESULT if result else (REAL if own else COPY)
    ax.add_patch(Rectangle((x - 0.5 + 0.04, y + 0.04), 0.92, 0.92, facecolor=colour,
                           edgecolor="#333333" if own else "#999999",
                           linestyle="-" if own else (0, (2, 2)), linewidth=0.8))
    ax.text(x, y + 0.5, text, fontsize=size, ha="center", va="center",
            color="#000000" if own else "#888888")
