"""matplotlib, set up once for every SVG prelim draws: headless and byte-for-byte reproducible.

Agg needs no display; a fixed ``svg.hashsalt`` and no date/creator metadata make
the same input give the same bytes; ``svg.fonttype = "none"`` keeps text as
``<text>`` elements. A figure is handed on as the writer of its file; the command layer
writes it through ``core.files.write_atomic``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from prelim_cli.core.errors import PrelimError  # noqa: E402

SVG_RC = {"svg.hashsalt": "prelim", "svg.fonttype": "none", "path.simplify": False}


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to pyplot's global state (so nothing leaks between calls)."""
    with matplotlib.rc_context(SVG_RC):
        return Figure(figsize=(width, height))


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


def svg_writer(fig: Figure) -> Callable[[Path], None]:
    """What fills the SVG file of ``fig`` (the command layer writes it atomically); a figure
    matplotlib could not draw is refused now, before any file is written."""
    check_drawable(fig)

    def write(tmp: Path) -> None:
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})

    return write
