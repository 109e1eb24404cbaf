"""Numbers typed for options (--at, --range): constant expressions of the language, so
``pi/2`` and ``-1e-3`` read the same everywhere, and nothing is ever eval'ed."""

from __future__ import annotations

import math

from prelim_cli.core.errors import PrelimError
from prelim_cli.expr.compiler import compile_expr
from prelim_cli.expr.grammar import ExprError

NUMBER_HINT = "write a number such as 1, -0.5 or pi/2"


def parse_number(text: str, what: str) -> float:
    """A finite number the user typed for an option: a literal or a constant expression
    (pi/2, -1e-3, sqrt(2)), read by the compiler and never eval'ed. ``what`` starts
    the message, e.g. "--at 1,2"."""
    if not text.strip():
        raise PrelimError(f"{what}: no number given; {NUMBER_HINT}")
    try:
        expr = compile_expr(text)  # any names, so that a name is reported as one
        if expr.variables:
            raise PrelimError(f"{what}: {text.strip()!r} is not a number; {NUMBER_HINT}")
        value = float(expr())  # a Python number, or a tensor (sigmoid(2))
    except ExprError as err:
        raise PrelimError(f"{what}: {err}; {NUMBER_HINT}") from None
    if not math.isfinite(value):
        raise PrelimError(f"{what}: {text.strip()} is {value}; give a finite number")
    return value
