"""matplotlib, set up once for every SVG prelim draws: headless, byte-for-byte reproducible
and readable from the back of a classroom.

Agg needs no display; a fixed ``svg.hashsalt`` and no date/creator metadata make
the same input give the same bytes; ``svg.fonttype = "none"`` keeps text as
``<text>`` elements, which a reader's browser sets in its own fonts (Chinese too).
Every figure draws with the Okabe-Ito palette (told apart with any colour vision), its
text is at least 12 px, and its file opens with a ``<title>`` in the reader's language.
A figure is handed on as the writer of its file; the command layer writes it through
``core.files.write_atomic``.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")

from cycler import cycler  # noqa: E402  (matplotlib's own dependency)
from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from prelim_cli.core.errors import PrelimError  # noqa: E402

# Okabe & Ito, "Color Universal Design" (2008): eight colours told apart by readers with
# any common colour-vision deficiency; grey and white for frames and backgrounds.
BLACK, ORANGE, SKY, GREEN = "#000000", "#e69f00", "#56b4e9", "#009e73"
YELLOW, BLUE, VERMILLION, PURPLE = "#f0e442", "#0072b2", "#d55e00", "#cc79a7"
GREY, WHITE = "#999999", "#ffffff"
PALETTE = (BLACK, ORANGE, SKY, GREEN, YELLOW, BLUE, VERMILLION, PURPLE, GREY, WHITE)
CYCLE = (BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, YELLOW, BLACK)  # line colours in turn
MIN_FONT = 12  # px at the default size: a projected figure's smallest readable text

SVG_RC = {
    "svg.hashsalt": "prelim", "svg.fonttype": "none", "path.simplify": False,
    "font.size": MIN_FONT, "axes.prop_cycle": cycler(color=CYCLE),
    "text.color": BLACK, "axes.edgecolor": BLACK, "axes.labelcolor": BLACK,
    "xtick.color": BLACK, "ytick.color": BLACK, "grid.color": GREY, "patch.edgecolor": BLACK,
    "legend.edgecolor": GREY, "axes.facecolor": WHITE,
    "savefig.facecolor": WHITE, "savefig.edgecolor": WHITE, "lines.markeredgecolor": BLACK,
}


# Axes, ticks and legends read the settings when they are made, after new_figure returns:
# whoever imports this module draws prelim's way (only prelim's figures are drawn here).
matplotlib.rcParams.update(SVG_RC)


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to pyplot's global state (so nothing leaks between calls)."""
    with matplotlib.rc_context(SVG_RC):
        return Figure(figsize=(width, height), facecolor=WHITE)


# matplotlib cannot lay out ticks on an axis that reaches the largest floats (numpy's
# "arange: cannot compute length"); real plots stay far below.
MAX_DRAWN = 1e300


def check_drawable(fig: Figure) -> None:
    """Refuse a figure whose data matplotlib could not lay out, before it tries."""
    import numpy as np

    for axes in fig.axes:
        reach = np.nanmax(np.abs(axes.dataLim.get_points()), initial=0.0)
        if np.isfinite(reach) and reach > MAX_DRAWN:
            raise PrelimError("render.svg.check_drawable", reach=reach, MAX_DRAWN=MAX_DRAWN)


def columns(text: str) -> int:
    """How many character widths ``text`` takes: a Chinese character is two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def svg_writer(fig: Figure, title: str) -> Callable[[Path], None]:
    """What fills the SVG file of ``fig`` (the command layer writes it atomically), opening
    with ``<title>`` (what a browser's tab and a screen reader say); a figure matplotlib
    could not draw is refused now, before any file is written."""
    check_drawable(fig)

    def write(tmp: Path) -> None:
        buffer = io.BytesIO()
        with matplotlib.rc_context(SVG_RC), warnings.catch_warnings():
            # measuring Chinese in DejaVu Sans: the reader's browser sets it in its own font
            warnings.filterwarnings("ignore", "Glyph .* missing from font", UserWarning)
            fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
        tmp.write_bytes(with_title(buffer.getvalue(), title))

    return write


def with_title(svg: bytes, title: str) -> bytes:
    """``svg`` with ``<title>`` as the first child of its root element."""
    start = svg.index(b"<svg")
    end = svg.index(b">", start) + 1
    return svg[:end] + f"\n <title>{escape(title)}</title>".encode() + svg[end:]
