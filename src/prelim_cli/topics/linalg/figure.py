"""The picture of ``A.sum(axis=...)``: which cells of A fold into which cell of the result.

Every cell of A takes the colour of the result cell it adds into (columns for axis 0, rows
for axis 1, all of A for both); the result is drawn in its own shape, each cell in its
colour and named by the code that makes it (``A[:, 1].sum()``). A column the result keeps
(keepdims along axis 1) stands beside A's rows; any other result lies under A's columns, or
beside A when it is one number. This module only draws the values it is given.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from itertools import product
from pathlib import Path

from matplotlib.colors import to_rgba
from matplotlib.patches import Rectangle

from prelim_cli.core.demo import PrelimError
from prelim_cli.core.nested import flatten
from prelim_cli.core.numbers import format_numbers
from prelim_cli.i18n import Texts
from prelim_cli.parse.shape import shape_text
from prelim_cli.render.svg import (
    BLACK,
    BLUE,
    GREEN,
    MIN_FONT,
    ORANGE,
    PURPLE,
    SKY,
    VERMILLION,
    YELLOW,
    columns,
    new_figure,
    svg_writer,
)

MAX_CELLS = 200  # A's cells; past this the numbers and labels get too small to read
CELL_H, CHAR_W = 0.42, 0.105  # inches: a cell's height, a character at 12 px
GROUPS = (SKY, ORANGE, GREEN, YELLOW, PURPLE, BLUE, VERMILLION)  # neighbours always differ


def check_drawable(shape: tuple[int, ...]) -> None:
    """Refuse, before the sum is drawn, an A the picture cannot show legibly."""
    if len(shape) not in (1, 2):
        raise PrelimError("linalg.figure.rank", shape=shape_text(shape))
    cells = math.prod(shape)
    if cells > MAX_CELLS or cells == 0:
        raise PrelimError("linalg.figure.cells", shape=shape_text(shape), cells=cells,
                          MAX_CELLS=MAX_CELLS)


def draw_sum(A: list, result, axes: list[int], keepdims: bool, call: str,
             lang: str) -> Callable[[Path], None]:
    """``A`` (nested lists, 1-d or 2-d), ``result = A.sum(axis=axes, keepdims=...)`` as
    nested lists (or a number), ``axes`` counted from 0."""
    rows_a = A if isinstance(A[0], list) else [A]
    r, c = len(rows_a), len(rows_a[0])
    two_d = isinstance(A[0], list)
    folded = set(axes) if two_d else {1}  # a vector is drawn as one row: its axis is 1

    def group(i: int, j: int) -> int:  # the result cell (i, j) of A adds into, as a number
        return (0 if 0 in folded else i) * (1 if 1 in folded else c) + (0 if 1 in folded else j)

    flat_result = list(flatten(result)) if isinstance(result, list) else [result]
    strings = format_numbers([v for row in rows_a for v in row] + flat_result)
    cell_w = max(CELL_H, max(map(len, strings)) * CHAR_W + 0.2)
    a_text, r_text = strings[:r * c], strings[r * c:]
    labels = [_label(k, folded, c, two_d) for k in range(len(flat_result))]
    label_len = max(map(len, labels)) * CHAR_W  # inches

    beside = not two_d or folded == {0, 1} or (keepdims and folded == {1})
    if beside:  # a column (or one cell) level with A's rows
        spots = [(c + 1.5, (k if len(flat_result) > 1 else (r - 1) / 2))
                 for k in range(len(flat_result))]
    else:  # a row under A's columns (axis 0), or under A from its left (axis 1, no keepdims)
        spots = [(k, r + 1.2) for k in range(len(flat_result))]
    width = max(c + (2.5 + label_len / cell_w if beside else 0),
                max(x for x, _ in spots) + 1) + 0.6
    height = 2.2 + r + (0.6 if beside else 2.6 + label_len / CELL_H)

    texts = Texts(lang)
    title, subtitle = texts.step("figure.sum", {"call": call})
    width = max(width, columns(subtitle) * 0.09 / cell_w + 1,
                columns(title) * 0.13 / cell_w + 1)
    fig = new_figure(width * cell_w, height * CELL_H)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-0.8, width - 0.8)
    ax.set_ylim(height, 0)
    ax.axis("off")
    ax.text(-0.46, 0.6, title, fontsize=14, fontweight="bold", va="center")
    ax.text(-0.46, 1.4, subtitle, fontsize=MIN_FONT, va="center")
    top = 2.2
    for (i, j), text in zip(product(range(r), range(c)), a_text):
        _cell(ax, j, top + i, text, GROUPS[group(i, j) % len(GROUPS)])
    for k, ((x, y), text) in enumerate(zip(spots, r_text)):
        _cell(ax, x, top + y, text, GROUPS[k % len(GROUPS)], bold=True)
        if beside:
            ax.text(x + 0.6, top + y + 0.5, labels[k], fontsize=MIN_FONT, va="center",
                    ha="left", family="monospace")
        else:
            ax.text(x, top + y + 1.1, labels[k], fontsize=MIN_FONT, va="top", ha="center",
                    rotation=90, family="monospace")
    return svg_writer(fig, title)


def _label(k: int, folded: set[int], cols: int, two_d: bool) -> str:
    """The code of result cell k: A[:, 1].sum(), A[2, :].sum() or A.sum()."""
    if not two_d or folded == {0, 1}:
        return "A.sum()"
    return f"A[:, {k}].sum()" if folded == {0} else f"A[{k}, :].sum()"


def _cell(ax, x: float, y: float, text: str, colour: str, bold: bool = False) -> None:
    ax.add_patch(Rectangle((x - 0.46, y + 0.04), 0.92, 0.92, facecolor=to_rgba(colour, 0.6),
                           edgecolor=BLACK, linewidth=1.6 if bold else 0.8))
    ax.text(x, y + 0.5, text, fontsize=MIN_FONT, ha="center", va="center",
            fontweight="bold" if bold else "normal")
