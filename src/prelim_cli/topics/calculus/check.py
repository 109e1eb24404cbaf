"""Is f differentiable at a point, and if autograd says no, why. A numerical test runs
in float64 before autograd is trusted: PyTorch's backward returns a number even where
no derivative exists (abs'(0) = 0, relu'(0) = 0), so prelim compares the one-sided
difference quotients.

At a kink, left = (f(a) - f(a - h)) / h and right = (f(a + h) - f(a)) / h stay apart as
h shrinks (abs at 0: -1 and 1 for every h). Where f is smooth their gap is about
|f''(a)| h: it shrinks a hundredfold when h does. Rounding in f adds about
eps |f| / h to each quotient; a gap below that, or below 1e-3 of the slope, is noise.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import torch

from prelim_cli.core.errors import Message
from prelim_cli.topics.calculus.lesson import Lesson, number_text

EPS = torch.finfo(torch.float64).eps


@dataclass(frozen=True)
class Failure:
    h: float  # the step at which the problem shows
    side: str | None = None  # "left" / "right" where f is not defined, None for a kink
    value: float | None = None  # f there

    def reason(self, var: str, left: float, right: float) -> Message:
        if self.side is not None:
            return Message("calculus.undefined_left" if self.side == "left" else
                           "calculus.undefined_right", var=var, value=self.value,
                           h=f"{self.h:g}")
        return Message("calculus.kink", left=f"{left:.6g}", right=f"{right:.6g}")


def _quotients(f: Callable, a: float, h: float) -> tuple[float, float, float, float, float]:
    """left, right, f(a - h), f(a + h), and the rounding noise in the quotients. The
    steps are the ones actually taken: (a + h) - a, exact in floating point."""
    x = torch.tensor(a, dtype=torch.float64)
    below, above = x - h, x + h
    fx, fl, fr = f(x).item(), f(below).item(), f(above).item()
    step_l, step_r = (x - below).item(), (above - x).item()
    left, right = (fx - fl) / step_l, (fr - fx) / step_r
    noise = 64 * EPS * (abs(fx) + abs(fl) + abs(fr)) / min(step_l, step_r)
    return left, right, fl, fr, noise


def one_sided_failure(f: Callable, a: float) -> Failure | None:
    """None when f looks differentiable at a (f(a) itself is finite: checked before)."""
    # h relative to a (1e-6 a), but never so small that a + h rounds back to a.
    small = max(1e-6 * min(abs(a), 1.0) if a else 1e-6, 1e3 * math.ulp(a))
    left, right, fl, fr, noise = _quotients(f, a, small)
    if not math.isfinite(fl):
        return Failure(small, "left", fl)
    if not math.isfinite(fr):
        return Failure(small, "right", fr)
    left_big, right_big, *_ = _quotients(f, a, 100 * small)
    gap, gap_big = abs(right - left), abs(right_big - left_big)
    tolerance = 1e-3 * max(1.0, abs(left), abs(right)) + noise
    if gap > tolerance and gap >= 0.5 * gap_big:  # not shrinking with h: a kink
        return Failure(small)
    return None


def not_finite(lesson: Lesson, what: Message, grad: float, rows: list[dict]) -> Message:
    """inf: a vertical tangent, or an overflow (1/x at 1e-20 in float32). nan while the
    quotients settle: backpropagation met an undefined step, such as sqrt'(0) = inf
    times 0 in sqrt(x**4) at 0."""
    source, where = lesson.expr.source, lesson.where
    if not math.isnan(grad):
        return Message("calculus.infinite_slope", grad=grad, what=what, source=source,
                       where=where, dtype=lesson.dtype)
    last = rows[-1]
    return Message("calculus.nan_slope", what=what, source=source, where=where,
                   quotient=number_text(last[lesson.methods[-1]]), h=f"{last['h']:g}")
