"""What ``prelim autograd`` reads from the user, checked before anything is computed:
the points ``--x``, the function of x, the plot's ``--range``, the graph file, and the
control-flow demo's ``--seed`` / ``--a``."""

from __future__ import annotations

import math

import torch

from prelim_cli.core.demo import Message, PrelimError
from prelim_cli.expr import Expr, compile_expr
from prelim_cli.parse.literal import parse_literal
from prelim_cli.parse.range import parse_range

MAX_POINTS = 1000  # finite differences evaluate f twice per point
FLOAT32_MAX = 3.4028234663852886e38


def parse_points(text: str) -> list[float]:
    """``--x 0,1,2,3`` (or ``[0, 1, 2, 3]``) -> floats, through the one literal parser."""
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1].strip()
    if not body:
        raise PrelimError("autograd.inputs.parse_points", text=text)
    try:
        data = parse_literal(f"[{body}]").data
    except PrelimError:
        raise PrelimError("autograd.inputs.parse_points_3", text=text) from None
    for value in data:
        if isinstance(value, list):
            raise PrelimError("autograd.inputs.parse_points_4", text=text)
        if isinstance(value, bool):
            raise PrelimError("autograd.inputs.parse_points_5", text=text, value=value)
        if not math.isfinite(value):
            raise PrelimError("autograd.inputs.parse_points_6", text=text, value=value)
        if abs(value) > FLOAT32_MAX:
            raise PrelimError("autograd.inputs.parse_points_7", text=text, value=value)
    if len(data) > MAX_POINTS:
        raise PrelimError("autograd.inputs.parse_points_2", len_data=len(data),
                          MAX_POINTS=MAX_POINTS)
    return [float(v) for v in data]


def x_code(values: list[float]) -> str:
    """The book's ``torch.arange(4.0)`` when the values are 0..n-1, else a float literal."""
    if values == [float(i) for i in range(len(values))]:
        return f"torch.arange({len(values)}.0)"
    return "torch.tensor([" + ", ".join(repr(v) for v in values) + "])"


def function_of_x(text: str) -> Expr:
    f = compile_expr(text, allowed=("x",))
    if "x" not in f.variables:
        raise PrelimError("autograd.inputs.function_of_x", source=f.source)
    return f


def plot_span(text: str) -> tuple[float, float]:
    """``-6.3:6.3`` or ``-2*pi:2*pi`` -> (start, end) for torch.linspace, which makes
    float32 points: both ends, and the width between them, must be float32 numbers."""
    span = parse_range(text)  # START:END, both ends drawn: no step
    lo, hi = span.start, span.stop
    ends = torch.tensor([lo, hi])
    if not (torch.isfinite(ends).all() and torch.isfinite(ends[1] - ends[0])):
        raise PrelimError("autograd.inputs.plot_span", text=text)
    if ends[0] == ends[1]:
        raise PrelimError("autograd.inputs.plot_span_2", text=text)
    return lo, hi




def check_a(a: float | None) -> None:
    """a is a float32 scalar: it must stay finite and non-zero there."""
    if a is None:
        return
    as_float32 = torch.tensor(a).item()
    if not math.isfinite(as_float32):
        raise PrelimError("autograd.inputs.check_a", a=a)
    if as_float32 == 0:
        zero = Message("autograd.a_is_zero") if a == 0 else Message("autograd.a_rounds_to_zero")
        raise PrelimError("autograd.inputs.check_a_2", a=a, zero=zero)
