"""The maths behind ``prelim autograd grad``: central finite differences, and why a
gradient is not finite (from the pieces ``Expr.evaluate`` recorded).
"""

from __future__ import annotations

import ast
import math

import torch

from prelim_cli.core.errors import Message
from prelim_cli.expr import Expr
from prelim_cli.expr.code import Piece

H_CODE = "1e-6"  # the finite-difference step, in float64, as the code writes it
H = float(H_CODE)
EPS = torch.finfo(torch.float64).eps


# ---------------------------------------------------------------- finite differences

def objective_code(f: Expr, scalar: bool) -> str:
    """The function whose gradient x.grad holds, f itself or f(x).sum(), for float64 x
    (the finite differences run in float64)."""
    code = f.torch_code("float64")
    if scalar:
        return code
    atomic = isinstance(ast.parse(code, mode="eval").body, (ast.Call, ast.Name, ast.Attribute))
    return f"{code}.sum()" if atomic else f"({code}).sum()"


def finite_differences(f: Expr, x: torch.Tensor, scalar: bool
                       ) -> tuple[torch.Tensor, torch.Tensor]:
    """(g(x + h e_i) - g(x - h e_i)) / 2h for each i, in float64 on a detached copy,
    where g is f (scalar output) or f(x).sum(); computed as the shown code reads. Also
    the rounding noise of each quotient: each g carries an error of some eps |g|, and
    the difference is divided by 2h (x*x at 1e10: g is 1e20, the noise about 1e12)."""
    def g(at):
        y = f(x=at)
        return y if scalar else y.sum()

    x64, h = x.detach().double(), H
    E = torch.eye(len(x64), dtype=torch.float64)
    ends = [(g(x64 + h * e), g(x64 - h * e)) for e in E]
    fd = torch.stack([(above - below) / (2 * h) for above, below in ends])
    noise = torch.stack([64 * EPS * (above.abs() + below.abs()) / (2 * h)
                         for above, below in ends])
    return fd, noise


def fd_code(f: Expr, scalar: bool, n: int) -> str:
    return (f"f = lambda x: {objective_code(f, scalar)}\n"
            f"x64, h = x.detach().double(), {H_CODE}\n"
            f"E = torch.eye({n}, dtype=torch.float64)\n"
            "fd = torch.stack([(f(x64 + h * e) - f(x64 - h * e)) / (2 * h) for e in E])\n"
            "fd")


def agree(grad: float, fd: float) -> bool:
    """float32 autograd against float64 differences: a kink shows as a gap of order 1."""
    return math.isfinite(grad) and math.isfinite(fd) and abs(grad - fd) <= 1e-3 * (1 + abs(fd))


# ---------------------------------------------------------------- non-finite gradients

_WHY = {"sqrt": Message("autograd.why.sqrt"), "log": Message("autograd.why.log"),
        "tan": Message("autograd.why.tan")}
OVERFLOW = Message("autograd.why.overflow")


def _why(piece: Piece, i: int, n: int, number: float) -> Message | None:
    """The maths behind a non-finite value or slope of one piece at element i."""
    if piece.op in _WHY:
        return _WHY[piece.op]
    at = [_element(v, i, n) if isinstance(v, torch.Tensor) else v for v in piece.operands]
    if piece.op == "/" and at[1] == 0:
        return Message("autograd.why.division")
    if piece.op == "**" and at[0] == 0:
        return Message("autograd.why.power_at_zero")
    if piece.op == "**" and at[0] is not None and at[0] < 0:
        return Message("autograd.why.negative_power")
    return OVERFLOW if math.isinf(number) else None


def _element(t: torch.Tensor, i: int, n: int) -> float | None:
    """Element i of a piece that runs along x; a 0-d piece is the same at every i."""
    if t.dim() == 0:
        return t.item()
    if t.shape == (n,):
        return t[i].item()
    return None


def _local_gradients(piece: Piece) -> list[torch.Tensor | None]:
    """d(piece)/d(operand) summed over the piece's elements, for each tensor operand."""
    leaves = [v.detach().requires_grad_(True) if isinstance(v, torch.Tensor) else v
              for v in piece.operands]
    tensors = [v for v in leaves if isinstance(v, torch.Tensor)]
    grads = torch.autograd.grad(piece.apply(*leaves).sum(), tensors, allow_unused=True)
    found = iter(grads)
    return [next(found) if isinstance(v, torch.Tensor) else None for v in leaves]


def not_finite(source: str, x: torch.Tensor, pieces: list[Piece]) -> Message | None:
    """Why the gradient at x is not a finite number, or None when it is. Names the first
    element and the innermost piece of the expression that goes wrong there."""
    grad = x.grad
    if torch.isfinite(grad).all() and all(torch.isfinite(p.value).all() for p in pieces):
        return None
    n = len(x)
    slopes = [_local_gradients(piece) for piece in pieces]
    for i in range(n):
        for piece, locals_ in zip(pieces, slopes):
            value = _element(piece.value, i, n)
            if value is not None and not math.isfinite(value):
                return _message(source, x, i, Message("autograd.piece_value", piece=piece.text,
                                                      value=f"{value:g}"),
                                _why(piece, i, n, value))
            for local in locals_:
                slope = _element(local, i, n) if local is not None else None
                if slope is not None and not math.isfinite(slope):
                    return _message(source, x, i, Message("autograd.piece_slope",
                                                          piece=piece.text, slope=f"{slope:g}"),
                                    _why(piece, i, n, slope))
        if not math.isfinite(grad[i].item()):
            return _message(source, x, i, f"x.grad[{i}] = {grad[i].item():g}", None)
    return None


def _message(source: str, x: torch.Tensor, i: int, what: Message | str,
             why: Message | None) -> Message:
    return Message("autograd.not_finite", source=source, i=i, xi=f"{x[i].item():g}",
                   what=what, because=Message("autograd.because", why=why) if why else "")
