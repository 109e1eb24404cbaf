"""The broadcasting diagram: each operand stretched to the result's shape, then the result;
or, for shapes that do not broadcast, the operands as they are, the clashing axis marked.

Every panel is a grid of cells holding the values; an operand's own elements are drawn
solid blue, its stretched copies white with a dashed grey edge and grey numbers, the result
orange; a legend says so. A shape of three or more axes is drawn as a row of 2-D slices
(wrapped into lines when long). Panels are set in the arrangement (one column, side by
side, or a grid) that comes nearest a projector's 16:9, so wide operands stack and narrow
ones stand side by side. This module only draws what it is given; the values come computed.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from prelim_cli.core.demo import PrelimError
from prelim_cli.core.nested import at, flatten
from prelim_cli.core.numbers import format_numbers
from prelim_cli.i18n import Texts
from prelim_cli.parse.shape import shape_text
from prelim_cli.render.svg import (
    BLACK,
    GREY,
    MIN_FONT,
    ORANGE,
    SKY,
    VERMILLION,
    WHITE,
    columns,
    new_figure,
    svg_writer,
)

MAX_CELLS = 400  # beyond this the cells and their numbers get too small to read
CELL_H = 0.42  # inches per cell, upright; a cell is as wide as its longest number needs
CHAR_W = 0.095  # inches per character of a number at 12 px
LINE_CELLS = 32  # wrap slices onto a new line past this many cells
SCREEN = 16 / 9  # the shape a projected figure should come near
TITLE_FONT = 14
OWN, COPY, RESULT = (SKY, BLACK, "-"), (WHITE, GREY, (0, (2, 2))), (ORANGE, BLACK, "-")
LEGEND = {"own": ("figure.legend_own", OWN), "copy": ("figure.legend_copy", COPY),
          "result": ("figure.legend_result", RESULT), "clash": ("figure.legend_clash", None)}


@dataclass(frozen=True)
class Panel:
    title: str
    data: Any  # nested lists in ``shape``
    real: Any  # nested lists of bools (True: the operand's own element), None for the result
    shape: tuple[int, ...]
    clash: int | None = None  # the axis of ``shape`` that does not match the others


def check_drawable(*shapes: tuple[int, ...]) -> None:
    """Refuse, before anything is computed, grids too large (or too empty) to draw: the
    result, or the operands of a failing broadcast, all of them drawn together."""
    cells = sum(map(math.prod, shapes))
    shown = ", ".join(map(shape_text, shapes))
    if cells > MAX_CELLS:
        raise PrelimError("broadcast.figure.check_drawable" if len(shapes) == 1 else
                          "broadcast.figure.check_drawable_operands", shape=shown,
                          cells=cells, MAX_CELLS=MAX_CELLS)
    empty = next((s for s in shapes if math.prod(s) == 0), None)
    if empty is not None:
        raise PrelimError("broadcast.figure.check_drawable_2", shape=shape_text(empty))


def _slices(shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """The 2-D slices to draw, with their labels: ``[0, :, :]`` ... (none for 1-D/2-D)."""
    if len(shape) <= 2:
        return [("", ())]
    return [("[" + ", ".join(map(str, idx)) + ", :, :]", idx)
            for idx in product(*(range(n) for n in shape[:-2]))]


@dataclass(frozen=True)
class Grid:
    """Where one panel's cells go, in cell units: (rows, cols) of a slice, slices per line,
    lines; its width and height, title included."""
    rows: int
    cols: int
    per_line: int
    lines: int
    labelled: bool

    @classmethod
    def of(cls, shape: tuple[int, ...]) -> Grid:
        rows, cols = (1, shape[0]) if len(shape) == 1 else shape[-2:]
        count = math.prod(shape[:-2]) if len(shape) > 2 else 1
        per_line = max(1, min(count, (LINE_CELLS + 1) // (cols + 1)))
        return cls(rows, cols, per_line, math.ceil(count / per_line), len(shape) > 2)

    @property
    def line_height(self) -> float:
        return self.rows + (0.8 if self.labelled else 0) + 0.4

    @property
    def width(self) -> float:
        return self.per_line * (self.cols + 1) - 1

    @property
    def height(self) -> float:
        return 1.2 + self.lines * self.line_height


def arrangement(sizes: list[tuple[float, float]], cell_w: float) -> int:
    """How many panels side by side: the columns whose figure comes nearest 16:9."""
    def ratio(across: int) -> float:
        rows = [sizes[i:i + across] for i in range(0, len(sizes), across)]
        width = max(sum(w + 1 for w, _ in row) for row in rows) * cell_w
        height = sum(max(h for _, h in row) for row in rows) * CELL_H
        return abs(math.log(width / height / SCREEN))

    return min(range(1, len(sizes) + 1), key=ratio)


def draw(panels: list[Panel], title: str, subtitle: str, legend: list[str],
         lang: str) -> Callable[[Path], None]:
    """The diagram, as the writer of its SVG file; ``legend`` names the kinds of cell it
    explains (own, copy, result, clash)."""
    texts = Texts(lang)
    # one number style for every panel, as PyTorch prints one style per tensor
    strings = format_numbers([v for p in panels for v in flatten(p.data)])
    cell_w = max(CELL_H, max(map(len, strings)) * CHAR_W + 0.14)
    grids = [Grid.of(p.shape) for p in panels]
    heading = max(max(columns(p.title) for p in panels) * 0.13 / cell_w, 1.0)
    sizes = [(max(g.width, heading), g.height) for g in grids]
    across = arrangement(sizes, cell_w)
    rows = [list(range(i, min(i + across, len(panels)))) for i in range(0, len(panels), across)]
    words = [texts.step(LEGEND[kind][0], {})[0] for kind in legend]
    width = max(max(sum(sizes[i][0] + 1 for i in row) for row in rows),
                columns(title) * 0.16 / cell_w, columns(subtitle) * 0.1 / cell_w,
                sum(columns(w) + 4 for w in words) * 0.12 / cell_w)
    height = 2.2 + sum(max(sizes[i][1] for i in row) for row in rows) + 1.4
    fig = new_figure((width + 0.5) * cell_w, height * CELL_H)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.8, width - 0.3)
    ax.set_ylim(height, 0)  # y grows downwards, like rows
    ax.axis("off")
    ax.text(-0.46, 0.7, title, fontsize=TITLE_FONT, fontweight="bold", va="center")
    ax.text(-0.46, 1.5, subtitle, fontsize=MIN_FONT, va="center")

    cells = iter(strings)
    top = 2.2
    for row in rows:
        left = 0.0
        for i in row:
            _panel(ax, panels[i], grids[i], left, top, cells)
            left += sizes[i][0] + 1
        top += max(sizes[i][1] for i in row)
    _legend(ax, legend, words, top + 0.4, cell_w)
    return svg_writer(fig, title)


def _panel(ax, panel: Panel, grid: Grid, left: float, top: float, cells) -> None:
    ax.text(left - 0.46, top + 0.5, panel.title, fontsize=13, family="monospace",
            va="center", ha="left")
    ndim = len(panel.shape)
    for n, (label, idx) in enumerate(_slices(panel.shape)):
        x0 = left + (n % grid.per_line) * (grid.cols + 1)
        y0 = top + 1.2 + (n // grid.per_line) * grid.line_height
        if label:
            leading = panel.clash is not None and panel.clash < ndim - 2
            ax.text(x0 - 0.46, y0 + 0.4, label, fontsize=MIN_FONT, va="center", ha="left",
                    family="monospace", color=VERMILLION if leading else BLACK,
                    fontweight="bold" if leading else "normal")
            y0 += 0.8
        values = at(panel.data, idx)
        real = at(panel.real, idx) if panel.real is not None else None
        if ndim == 1:
            values, real = [values], [real] if real is not None else None
        for r, c in product(range(grid.rows), range(grid.cols)):
            kind = RESULT if real is None else (OWN if real[r][c] else COPY)
            _cell(ax, x0 + c, y0 + r, next(cells), kind)
        if panel.clash is not None and panel.clash >= ndim - 2:
            _mark(ax, x0, y0, grid, along_columns=panel.clash == ndim - 1)


def _cell(ax, x: float, y: float, text: str, kind: tuple) -> None:
    fill, edge, style = kind
    ax.add_patch(Rectangle((x - 0.5 + 0.04, y + 0.04), 0.92, 0.92,
                           facecolor=to_rgba(fill, 1 if fill == WHITE else 0.55),
                           edgecolor=edge, linestyle=style, linewidth=0.8))
    ax.text(x, y + 0.5, text, fontsize=MIN_FONT, ha="center", va="center",
            color=GREY if kind is COPY else BLACK)


def _mark(ax, x0: float, y0: float, grid: Grid, along_columns: bool) -> None:
    """A vermillion bar beside the grid, the length of the axis that clashes."""
    if along_columns:  # under the grid, from the first column to the last
        y = y0 + grid.rows + 0.2
        ax.plot([x0 - 0.45, x0 + grid.cols - 0.55], [y, y], color=VERMILLION, lw=4,
                solid_capstyle="butt")
    else:  # left of the grid, from the first row to the last
        x = x0 - 0.62
        ax.plot([x, x], [y0 + 0.05, y0 + grid.rows - 0.05], color=VERMILLION, lw=4,
                solid_capstyle="butt")


def _legend(ax, legend: list[str], words: list[str], y: float, cell_w: float) -> None:
    x = -0.3
    for kind, word in zip(legend, words):
        if kind == "clash":
            ax.plot([x - 0.4, x + 0.4], [y + 0.5, y + 0.5], color=VERMILLION, lw=4,
                    solid_capstyle="butt")
        else:
            _cell(ax, x, y, "", LEGEND[kind][1])
        ax.text(x + 0.7, y + 0.5, word, fontsize=MIN_FONT, va="center", ha="left")
        x += 1.6 + columns(word) * 0.12 / cell_w
