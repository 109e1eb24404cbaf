"""The maths behind ``prelim autograd grad``: the user's function evaluated exactly as the
shown code reads, central finite differences, and why a gradient is not finite.

``Expr.__call__`` (expr.py) turns every number into a tensor, so ``x ** 2`` would build
``PowBackward1`` and ``1 - x`` ``SubBackward0``, while the line the learner sees,
``y = x ** 2``, builds ``PowBackward0`` (and ``RsubBackward1``). The graph we draw and
the ``grad_fn`` we print must be the ones the learner's session builds, so this module
walks the validated tree itself and keeps numbers as Python numbers, as Python does.
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable
from dataclasses import dataclass

import torch

from prelim_cli.demo import PrelimError
from prelim_cli.expr import Expr

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv, ast.Pow: operator.pow}
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**"}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}
# Functions that combine all the elements of x into one number.
REDUCTIONS = ("dot", "sum", "mean", "norm")

H = 1e-6  # the finite-difference step, in float64


@dataclass(frozen=True)
class Part:
    """One evaluated piece of the expression, kept to explain a non-finite gradient."""

    text: str                   # as the user typed it, e.g. "sqrt(x)"
    op: str                     # a function name or an operator symbol
    apply: Callable             # recomputes the piece from its operands
    operands: tuple             # tensors or Python numbers
    value: torch.Tensor


def evaluate(f: Expr, x: torch.Tensor, parts: list[Part] | None = None):
    """f at x, built from the same operations as ``y = <f.torch_code()>``. Pieces that
    depend on x are appended to ``parts`` innermost first, when a list is given."""
    return _Evaluation(f.source, x, parts).value(f.tree)


class _Evaluation:
    def __init__(self, source: str, x: torch.Tensor, parts: list[Part] | None):
        self.source, self.x, self.parts = source, x, parts

    def value(self, node: ast.expr):
        match node:
            case ast.Constant(value=number):
                return number
            case ast.Name(id="x"):
                return self.x
            case ast.Name(id=name):  # pi or e: torch.pi and torch.e are math's floats
                return getattr(math, name)
            case ast.UnaryOp(op=op, operand=operand):
                return self.apply(node, "-" if isinstance(op, ast.USub) else "+",
                                  _UNARY[type(op)], [self.value(operand)])
            case ast.BinOp(left=left, op=op, right=right):
                return self.apply(node, _SYMBOL[type(op)], _BINARY[type(op)],
                                  [self.value(left), self.value(right)])
            case ast.Call(func=ast.Name(id=name), args=args):
                operands = [self.value(arg) for arg in args]
                if not all(isinstance(v, torch.Tensor) for v in operands):
                    raise PrelimError(f"{self.piece(node)} at column {node.col_offset + 1} "
                                      f"does not depend on x, and torch.{name} needs a "
                                      "tensor; write that constant as a number")
                return self.apply(node, name, getattr(torch, name), operands)
        raise AssertionError(f"compile_expr let through {ast.dump(node)}")  # pragma: no cover

    def apply(self, node: ast.expr, op: str, fn: Callable, operands: list):
        try:
            result = fn(*operands)
        except ZeroDivisionError:  # numbers only, as in Python
            raise PrelimError(f"{self.piece(node)} at column {node.col_offset + 1} divides "
                              "by zero") from None
        except OverflowError:  # a huge number: Python's float, or torch's conversion
            raise PrelimError(f"{self.piece(node)} at column {node.col_offset + 1} holds a "
                              "number too large for a float") from None
        except (RuntimeError, TypeError) as error:  # torch's shape and type complaints
            reason = str(error).splitlines()[0]
            raise PrelimError(f"cannot evaluate {self.piece(node)} at column "
                              f"{node.col_offset + 1}: {reason}") from None
        if isinstance(result, complex):
            raise PrelimError(f"{self.piece(node)} at column {node.col_offset + 1} is a "
                              "complex number; PyTorch gradients here are real")
        if isinstance(result, torch.Tensor) and self.parts is not None:
            self.parts.append(Part(self.piece(node), op, fn, tuple(operands), result))
        return result

    def piece(self, node: ast.expr) -> str:
        """The text of a node, shortened so a message stays one line."""
        text = self.source[node.col_offset:node.end_col_offset]
        return text if len(text) <= 30 else text[:27] + "..."


def uses_reduction(f: Expr) -> ast.Call | None:
    """The first call that mixes the elements of x (dot, sum, mean, norm), if any."""
    for node in ast.walk(f.tree):
        if isinstance(node, ast.Call) and node.func.id in REDUCTIONS:
            return node
    return None


# ---------------------------------------------------------------- finite differences

def objective_code(f: Expr, scalar: bool) -> str:
    """The function whose gradient x.grad holds: f itself, or f(x).sum()."""
    code = f.torch_code()
    if scalar:
        return code
    atomic = isinstance(ast.parse(code, mode="eval").body, (ast.Call, ast.Name, ast.Attribute))
    return f"{code}.sum()" if atomic else f"({code}).sum()"


def finite_differences(f: Expr, x: torch.Tensor, scalar: bool) -> torch.Tensor:
    """(g(x + h e_i) - g(x - h e_i)) / 2h for each i, in float64 on a detached copy,
    where g is f (scalar output) or f(x).sum(); computed as the shown code reads."""
    def g(at):
        y = evaluate(f, at)
        return y if scalar else y.sum()

    x64, h = x.detach().double(), H
    E = torch.eye(len(x64), dtype=torch.float64)
    return torch.stack([(g(x64 + h * e) - g(x64 - h * e)) / (2 * h) for e in E])


def fd_code(f: Expr, scalar: bool, n: int) -> str:
    return (f"f = lambda x: {objective_code(f, scalar)}\n"
            "x64, h = x.detach().double(), 1e-6\n"
            f"E = torch.eye({n}, dtype=torch.float64)\n"
            "fd = torch.stack([(f(x64 + h * e) - f(x64 - h * e)) / (2 * h) for e in E])\n"
            "fd")


def agree(grad: float, fd: float) -> bool:
    """float32 autograd against float64 differences: a kink shows as a gap of order 1."""
    return math.isfinite(grad) and math.isfinite(fd) and abs(grad - fd) <= 1e-3 * (1 + abs(fd))


# ---------------------------------------------------------------- non-finite gradients

_WHY = {
    "sqrt": "sqrt(u) is undefined for u < 0, and its derivative 1/(2*sqrt(u)) is infinite "
            "at u = 0",
    "log": "log(u) is -inf at u = 0 and undefined for u < 0; its derivative 1/u is "
           "infinite at u = 0",
    "tan": "tan(u) and its derivative 1/cos(u)**2 blow up where cos(u) = 0",
}
OVERFLOW = "the result overflows float32, whose largest value is about 3.4e38"


def _why(part: Part, i: int, n: int, number: float) -> str | None:
    """The maths behind a non-finite value or slope of one piece at element i."""
    if part.op in _WHY:
        return _WHY[part.op]
    at = [_element(v, i, n) if isinstance(v, torch.Tensor) else v for v in part.operands]
    if part.op == "/" and at[1] == 0:
        return "a division by zero"
    if part.op == "**" and at[0] == 0:
        return "at 0 a power below 1 has an infinite slope, and a negative power is infinite"
    if part.op == "**" and at[0] is not None and at[0] < 0:
        return "a negative number to a fractional power is undefined"
    return OVERFLOW if math.isinf(number) else None


def _element(t: torch.Tensor, i: int, n: int) -> float | None:
    """Element i of a piece that runs along x; a 0-d piece is the same at every i."""
    if t.dim() == 0:
        return t.item()
    if t.shape == (n,):
        return t[i].item()
    return None


def _local_gradients(part: Part) -> list[torch.Tensor | None]:
    """d(piece)/d(operand) summed over the piece's elements, for each tensor operand."""
    leaves = [v.detach().requires_grad_(True) if isinstance(v, torch.Tensor) else v
              for v in part.operands]
    tensors = [v for v in leaves if isinstance(v, torch.Tensor)]
    grads = torch.autograd.grad(part.apply(*leaves).sum(), tensors, allow_unused=True)
    found = iter(grads)
    return [next(found) if isinstance(v, torch.Tensor) else None for v in leaves]


def not_finite(source: str, x: torch.Tensor, parts: list[Part]) -> str | None:
    """Why the gradient at x is not a finite number, or None when it is. Names the first
    element and the innermost piece of the expression that goes wrong there."""
    grad = x.grad
    if torch.isfinite(grad).all() and all(torch.isfinite(p.value).all() for p in parts):
        return None
    n = len(x)
    slopes = [_local_gradients(part) for part in parts]
    for i in range(n):
        for part, locals_ in zip(parts, slopes):
            value = _element(part.value, i, n)
            if value is not None and not math.isfinite(value):
                return _message(source, x, i, f"{part.text} is {value:g} there",
                                _why(part, i, n, value))
            for local in locals_:
                slope = _element(local, i, n) if local is not None else None
                if slope is not None and not math.isfinite(slope):
                    return _message(source, x, i, f"the derivative of {part.text} is "
                                    f"{slope:g} there", _why(part, i, n, slope))
        if not math.isfinite(grad[i].item()):
            return _message(source, x, i, f"x.grad[{i}] is {grad[i].item():g}", None)
    return None


def _message(source: str, x: torch.Tensor, i: int, what: str, why: str | None) -> str:
    because = f" ({why})" if why else ""
    return (f"the gradient of {source} is not finite at x[{i}] = {x[i].item():g}: {what}"
            f"{because}; choose --x values where f is differentiable")
