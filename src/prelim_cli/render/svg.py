"""matplotlib, set up once for every SVG prelim draws: headless and byte-for-byte reproducible.

Agg needs no display; a fixed ``svg.hashsalt`` and no date/creator metadata make
the same input give the same bytes; ``svg.fonttype = "none"`` keeps text as
``<text>`` elements. Files are written through ``files.write_atomic``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from prelim_cli.core.files import write_atomic  # noqa: E402

SVG_RC = {"svg.hashsalt": "prelim", "svg.fonttype": "none", "path.simplify": False}


def new_figure(width: float, height: float) -> Figure:
    """A figure not tied to pyplot's global state (so nothing leaks between calls)."""
    with matplotlib.rc_context(SVG_RC):
        return Figure(figsize=(width, height))


def save_svg(fig: Figure, path: str | Path) -> Path:
    def write(tmp: Path) -> None:
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(tmp, format="svg", metadata={"Date": None, "Creator": None})

    return write_atomic(path, write)
