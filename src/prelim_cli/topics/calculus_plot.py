"""The book's tangent figure (§2.4.1): f and its tangent line, drawn as d2l.plot draws.

d2l.plot uses a 3.5 x 2.5 inch figure, the formats '-' then 'm--', the axis labels, a
legend and a grid; prelim's plot module makes the SVG headless and reproducible.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from prelim_cli import plot


def tangent_figure(xs: np.ndarray, curves: list[np.ndarray], xlabel: str, ylabel: str,
                   legend: list[str]):
    """Like d2l.plot(X, Y, xlabel, ylabel, legend=...): one line per curve, in the
    book's formats. Non-finite values become gaps, as NaN does in matplotlib."""
    fig = plot.new_figure(3.5, 2.5)
    axes = fig.add_subplot()
    for ys, fmt in zip(curves, ("-", "m--", "g-.", "r:")):
        axes.plot(xs, np.where(np.isfinite(ys), ys, np.nan), fmt)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.legend(legend)
    axes.grid()
    fig.tight_layout()  # the notebook's inline backend trims the same way
    return fig


def save_tangent_plot(path: str | Path, xs: np.ndarray, ys: np.ndarray, tangent: np.ndarray,
                      var: str, at_text: str) -> Path:
    fig = tangent_figure(xs, [ys, tangent], var, f"f({var})",
                         [f"f({var})", f"Tangent line ({var}={at_text})"])
    return plot.save_svg(fig, path)
