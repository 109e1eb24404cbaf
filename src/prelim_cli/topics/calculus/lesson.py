"""What `prelim derivative` reads from the user and how its code spells it: the point
(--at), the plot's x values (--range), the Lesson (function, point, dtype, h, rows,
methods) with the code snippets built from it, and numbers as the output writes them
(y = 2x - 3, Tangent line (x=1)).

Numbers may be constant expressions (pi/2, -1e-3, sqrt(2)): expr.parse_number.
"""

from __future__ import annotations

import keyword
import math
from dataclasses import dataclass

import torch

from prelim_cli.core.demo import Message, PrelimError
from prelim_cli.expr import CONSTANTS, FUNCTIONS, Expr, ExprError, compile_expr, parse_number
from prelim_cli.parse.range import Range, parse_range

BOOK_POINT = 1.0
BOOK_RANGE = "0:3"  # the book's np.arange(0, 3, 0.1)
BOOK_STEP = 0.1
MAX_PLOT_POINTS = 10_000


def parse_point(text: str, at: str | None) -> tuple[Expr, dict[str, float]]:
    """The compiled function and its point, {variable: value}, in the order of --at.

    ``--at 1`` (or no --at: the book's point 1) is the one variable the expression
    uses; ``--at x1=1,x2=0`` names every variable."""
    expr = compile_expr(text)  # any names: learn which variables the expression uses
    used = expr.variables
    if not used:
        raise PrelimError("calculus.lesson.parse_point", source=expr.source)
    _check_code_names(expr)
    items = [item.strip() for item in (at if at is not None else "").split(",")]
    if at is None or not any("=" in item for item in items):
        return _single(expr, at, items)
    names: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep:
            raise PrelimError("calculus.lesson.parse_point_3", at=at, _example=_example(used))
        _check_name(name, item)
        if name in names:
            raise PrelimError("calculus.lesson.parse_point_4", at=at, name=name)
        names[name] = parse_number(value, f"--at {item}")
    missing = [name for name in used if name not in names]
    if missing:
        try:
            compile_expr(text, tuple(names))
        except ExprError as err:  # names the first missing variable and its column
            raise PrelimError("calculus.lesson.parse_point_5", err=err,
                              _example=_example(used, names)) \
                from None
    unused = [name for name in names if name not in used]
    if unused:
        raise PrelimError("calculus.lesson.parse_point_2", unused=', '.join(unused),
                          source=expr.source, used=', '.join(used))
    return compile_expr(text, tuple(names)), names


def _single(expr: Expr, at: str | None, items: list[str]) -> tuple[Expr, dict[str, float]]:
    used = expr.variables
    if len(used) > 1:
        raise PrelimError("calculus.lesson.single", source=expr.source, len_used=len(used),
                          used=', '.join(used), _example=_example(used))
    if at is None:
        return expr, {used[0]: BOOK_POINT}
    if len(items) > 1:
        raise PrelimError("calculus.lesson.single_2", at=at, source=expr.source, used=used[0],
                          value=items[0] or 1)
    return expr, {used[0]: parse_number(items[0], f"--at {at}")}


# The names the lesson's code binds or calls; a variable with one of them would change
# what that code computes (h = 0.1 overwrites a variable h, def f(f) hides f).
_TANGENT, _ONE_SIDED = Message("calculus.role.tangent"), Message("calculus.role.one_sided")
_QUOTIENT = Message("calculus.role.quotient")
CODE_NAMES = {
    "f": Message("calculus.role.function"), "h": Message("calculus.role.step"),
    "i": Message("calculus.role.counter"), "lim": Message("calculus.role.a_quotient"),
    "error": Message("calculus.role.error"), "slope": _TANGENT, "intercept": _TANGENT,
    "left": _ONE_SIDED, "right": _ONE_SIDED, "plt": Message("calculus.role.matplotlib"),
    "numerical_lim": _QUOTIENT, "central_lim": _QUOTIENT,
    "print": Message("calculus.role.print"), "range": Message("calculus.role.range"),
}


def _check_code_names(expr: Expr) -> None:
    for name in expr.variables:
        role = CODE_NAMES.get(name)
        if role is None and name.partition("_")[0] in ("error", "forward", "central"):
            role = Message("calculus.role.error_column")
        if role is not None:
            raise PrelimError("calculus.lesson.check_code_names", source=expr.source, name=name,
                              role=role)


def _check_name(name: str, item: str) -> None:
    if name in FUNCTIONS or name in CONSTANTS:
        kind = Message("calculus.kind.function" if name in FUNCTIONS else "calculus.kind.constant")
        raise PrelimError("calculus.lesson.check_name", item=item, name=name, kind=kind)
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("__"):
        raise PrelimError("calculus.lesson.check_name_2", item=item, name=name)


def _example(used: tuple[str, ...], given: dict[str, float] | None = None) -> str:
    """--at x1=1,x2=0: the values given so far, 1 for the others."""
    given = given or {}
    return ",".join(f"{name}={number_text(given.get(name, 1.0))}" for name in used)


def plot_range(text: str | None) -> Range:
    """The plot's x values: --range start:stop[:step] (step 0.1, like the book's
    np.arange(0, 3, 0.1)); the book's 0:3 when there is no --range."""
    return parse_range(BOOK_RANGE if text is None else text, step=BOOK_STEP,
                       limit=MAX_PLOT_POINTS)


def arange_code(grid: Range, dtype: str) -> str:
    """torch.arange(-3.141592653589793, 3.141592653589793, 0.5, dtype=torch.float64)"""
    numbers = ", ".join(number_code(v) for v in (grid.start, grid.stop, grid.step))
    return f"torch.arange({numbers}, dtype=torch.{dtype})"


def number_text(value: float) -> str:
    """A number as people write it: 2, -0.5, 1.5708 (6 significant digits, no -0)."""
    text = f"{value:.6g}"
    return "0" if text == "-0" else text


def number_code(value: float) -> str:
    """A number as Python code: 3 for 3.0, the full repr otherwise (so it runs exactly)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def line_equation(slope: float, intercept: float, var: str = "x", result: str = "y") -> str:
    """y = 2x - 3, y = -x + 2, y = 0.5x, y = 4 (in the variable's name: y = 2t - 3)."""
    a, b = number_text(slope), number_text(abs(intercept))
    term = {"0": "", "1": var, "-1": f"-{var}"}.get(a, f"{a}{var}")
    if b == "0":
        return f"{result} = {term or '0'}"
    if not term:
        return f"{result} = {number_text(intercept)}"
    return f"{result} = {term} {'-' if intercept < 0 else '+'} {b}"


def tangent_equation(slope: float, intercept: float, a: float, fa: float, dtype: str,
                     var: str = "x", result: str = "y") -> str:
    """y = 2x - 3 for the tangent at a, without what is only rounding: sin at pi/2 has
    slope 6e-17 (cos(pi/2) in floating point), and f(a) - slope * a can leave 1e-17
    where the intercept is 0. When the intercept overflows (exp at 709), the line
    through (a, f(a)) is written from that point: y = 8.21841e+307(x - 709) + ..."""
    if not math.isfinite(intercept):
        shift = f"{var} - {number_text(a)}" if a >= 0 else f"{var} + {number_text(-a)}"
        return f"{result} = {number_text(slope)}({shift}) + {number_text(fa)}"
    noise = 64 * torch.finfo(getattr(torch, dtype)).eps
    if abs(slope) * max(1.0, abs(a)) <= noise * max(abs(fa), abs(intercept)):
        slope = 0.0
    if abs(intercept) <= noise * max(abs(fa), abs(slope * a)):
        intercept = 0.0
    return line_equation(slope, intercept, var, result)


@dataclass(frozen=True)
class Lesson:
    """What the user asked for, and how the code spells it."""

    expr: Expr
    point: dict[str, float]  # variable -> value, in the order of def f(...)
    dtype: str
    h: float
    steps: int
    methods: tuple[str, ...]  # ("forward",), ("central",) or both

    @property
    def args(self) -> str:
        return ", ".join(self.point)

    @property
    def where(self) -> str:
        return ", ".join(f"{name}={number_text(v)}" for name, v in self.point.items())

    @property
    def several(self) -> bool:
        return len(self.point) > 1

    @property
    def result(self) -> str:
        """The name of f(a) in the code of one variable: y, or z when the variable is y."""
        return "z" if "y" in self.point else "y"

    def tensors(self, requires_grad: bool = False) -> dict[str, torch.Tensor]:
        return {name: torch.tensor(v, dtype=getattr(torch, self.dtype),
                                   requires_grad=requires_grad)
                for name, v in self.point.items()}

    def tensors_code(self, requires_grad: bool = False) -> str:
        grad = ", requires_grad=True" if requires_grad else ""
        return "\n".join(f"{name} = torch.tensor({v!r}, dtype=torch.{self.dtype}{grad})"
                         for name, v in self.point.items())

    def along(self, x: dict[str, torch.Tensor], var: str):
        """f of var alone, the other variables held at the point ..."""
        return lambda t: self.expr(**{**x, var: t})

    def along_code(self, var: str) -> str:
        """... and how the code writes it."""
        return f"lambda {var}: f({self.args})" if self.several else "f"

    def call_code(self, var: str, shift: str = "") -> str:
        """f(x - h), or f(x1, x2 - h) with several variables."""
        return "f(" + ", ".join(name + (shift if name == var else "")
                                for name in self.point) + ")"

    def loop_code(self, body: list[str]) -> str:
        """The book's loop: h = 0.1; for i in range(5): ...; h *= 0.1"""
        return "\n".join([f"h = {self.h!r}", f"for i in range({self.steps}):",
                          *(f"    {line}" for line in body), "    h *= 0.1"])

    def hs(self) -> list[float]:
        """The h of each row, as the loop makes them (h *= 0.1, not 10 ** -i)."""
        values, h = [], self.h
        for _ in range(self.steps):
            values.append(h)
            h *= 0.1
        return values
