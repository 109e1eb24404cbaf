"""What ``prelim autograd`` reads from the user, checked before anything is computed:
the points ``--x``, the function of x, the plot's ``--range``, the graph file, and the
control-flow demo's ``--seed`` / ``--a``."""

from __future__ import annotations

import math

import torch

from prelim_cli.core.demo import PrelimError
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
        raise PrelimError(f"--x {text!r} is empty; give numbers like 0,1,2,3")
    try:
        data = parse_literal(f"[{body}]").data
    except PrelimError:
        raise PrelimError(f"--x {text!r} is not a list of numbers; write them separated by "
                          "commas, like 0,1,2,3 or -1.5,0,2") from None
    for value in data:
        if isinstance(value, list):
            raise PrelimError(f"--x {text!r}: x is a vector here; give a flat list of numbers "
                              "like 0,1,2,3")
        if isinstance(value, bool):
            raise PrelimError(f"--x {text!r}: {value} is not a number")
        if not math.isfinite(value):
            raise PrelimError(f"--x {text!r}: {value} is not a finite number")
        if abs(value) > FLOAT32_MAX:
            raise PrelimError(f"--x {text!r}: {value} is too large for float32 (the largest "
                              "is about 3.4e38)")
    if len(data) > MAX_POINTS:
        raise PrelimError(f"--x has {len(data)} values (limit {MAX_POINTS}: each one is checked "
                          "by finite differences)")
    return [float(v) for v in data]


def x_code(values: list[float]) -> str:
    """The book's ``torch.arange(4.0)`` when the values are 0..n-1, else a float literal."""
    if values == [float(i) for i in range(len(values))]:
        return f"torch.arange({len(values)}.0)"
    return "torch.tensor([" + ", ".join(repr(v) for v in values) + "])"


def function_of_x(text: str) -> Expr:
    f = compile_expr(text, allowed=("x",))
    if "x" not in f.variables:
        raise PrelimError(f"{f.source!r} does not use x, so there is nothing to differentiate; "
                          "write a function of x such as 2*dot(x, x)")
    return f


def plot_span(text: str) -> tuple[float, float]:
    """``-6.3:6.3`` or ``-2*pi:2*pi`` -> (start, end) for torch.linspace, which makes
    float32 points: both ends, and the width between them, must be float32 numbers."""
    span = parse_range(text)  # START:END, both ends drawn: no step
    lo, hi = span.start, span.stop
    ends = torch.tensor([lo, hi])
    if not (torch.isfinite(ends).all() and torch.isfinite(ends[1] - ends[0])):
        raise PrelimError(f"--range {text} is too wide for float32 points (the largest "
                          "float32 is about 3.4e38); choose a narrower range")
    if ends[0] == ends[1]:
        raise PrelimError(f"--range {text}: the ends are the same number in float32; "
                          "choose a wider range")
    return lo, hi




def check_a(a: float | None) -> None:
    """a is a float32 scalar: it must stay finite and non-zero there."""
    if a is None:
        return
    as_float32 = torch.tensor(a).item()
    if not math.isfinite(as_float32):
        raise PrelimError(f"--a {a}: not a finite float32 number (float32 reaches 3.4e38)")
    if as_float32 == 0:
        zero = "is 0" if a == 0 else "rounds to 0 in float32"
        raise PrelimError(f"--a {a} {zero}: then b stays 0 and the while loop never ends; "
                          "choose a non-zero a")
