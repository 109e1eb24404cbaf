"""Step 8 of prelim derivative: the book's tangent figure (§2.4.1), f and its tangent
line, drawn as d2l.plot draws.

d2l.plot uses a 3.5 x 2.5 inch figure, the formats '-' then 'm--', the axis labels, a
legend and a grid; prelim's plot module makes the SVG headless and reproducible. The
colours are the Okabe-Ito ones nearest the book's: blue, and reddish purple for magenta.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.i18n import Texts
from prelim_cli.parse.range import Range
from prelim_cli.render import svg as plot
from prelim_cli.topics.calculus.lesson import Lesson, arange_code, number_text


def tangent_figure(xs: np.ndarray, curves: list[np.ndarray], xlabel: str, ylabel: str,
                   legend: list[str]):
    """Like d2l.plot(X, Y, xlabel, ylabel, legend=...): one line per curve, in the
    book's formats. Non-finite values become gaps, as NaN does in matplotlib."""
    fig = plot.new_figure(3.5, 2.5)
    axes = fig.add_subplot()
    styles = (("-", plot.BLUE), ("--", plot.PURPLE), ("-.", plot.GREEN), (":", plot.VERMILLION))
    for ys, (fmt, colour) in zip(curves, styles):
        axes.plot(xs, np.where(np.isfinite(ys), ys, np.nan), fmt, color=colour)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.legend(legend)
    axes.grid()
    plot.check_drawable(fig)
    fig.tight_layout()  # the notebook's inline backend trims the same way
    return fig


def tangent_plot(demo: Demo, lesson: Lesson, grid: Range, slope: float, intercept: float,
                 path: str | Path, lang: str = "en") -> None:
    """Step 8: the book's figure of f and its tangent, as an SVG file. The code
    is what d2l.plot(x, [f(x), slope * x + intercept], ...) does, in plain matplotlib."""
    (var, a), = lesson.point.items()
    xs = torch.arange(grid.start, grid.stop, grid.step, dtype=getattr(torch, lesson.dtype))
    if lesson.expr.reduction() is None:
        ys, f_code = lesson.expr(**{var: xs}), f"f({var})"
    else:  # sum(x) of the whole vector is not f at each point: evaluate point by point
        ys = torch.stack([lesson.expr(**{var: v}) for v in xs])
        f_code = f"torch.stack([f(v) for v in {var}])"
    if not torch.isfinite(ys).any():
        raise PrelimError("calculus.figure.tangent_plot", source=lesson.expr.source,
                          number_text=number_text(grid.start),
                          number_text2=number_text(grid.stop))
    tangent = slope * xs + intercept
    at = number_text(a)
    legend = [f"f({var})", f"Tangent line ({var}={at})"]
    code = "\n".join([
        "from matplotlib import pyplot as plt",
        f"{var} = {arange_code(grid, lesson.dtype)}",
        "plt.figure(figsize=(3.5, 2.5))",
        f"plt.plot({var}, {f_code}, '-', {var}, slope * {var} + intercept, 'm--')",
        f"plt.xlabel('{var}')",
        f"plt.ylabel('f({var})')",
        f"plt.legend({legend!r})",
        "plt.grid()",
        f"plt.savefig({str(path)!r})",
    ])
    figure = tangent_figure(xs.numpy(), [ys.detach().numpy(), tangent.numpy()], var,
                            f"f({var})", legend)
    title, _ = Texts(lang).step("figure.tangent", {"var": var, "at": at})
    demo.produce(path, "figure", plot.svg_writer(figure, title))
    demo.add("calculus.plot", code, path=str(path), var=var, at=at, points=len(xs))
