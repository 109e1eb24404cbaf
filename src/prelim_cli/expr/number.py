"""Numbers typed for options (--at, --range): constant expressions of the language, so
``pi/2`` and ``-1e-3`` read the same everywhere, and nothing is ever eval'ed."""

from __future__ import annotations

import math

from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.expr.compiler import compile_expr
from prelim_cli.expr.grammar import ExprError

NUMBER_HINT = Message("expr.number_hint")


def parse_number(text: str, what: str) -> float:
    """A finite number the user typed for an option: a literal or a constant expression
    (pi/2, -1e-3, sqrt(2)), read by the compiler and never eval'ed. ``what`` starts
    the message, e.g. "--at 1,2"."""
    if not text.strip():
        raise PrelimError("expr.number.parse_number", what=what, NUMBER_HINT=NUMBER_HINT)
    try:
        expr = compile_expr(text)  # any names, so that a name is reported as one
        if expr.variables:
            raise PrelimError("expr.number.parse_number_3", what=what, strip=text.strip(),
                              NUMBER_HINT=NUMBER_HINT)
        value = float(expr())  # a Python number, or a tensor (sigmoid(2))
    except ExprError as err:
        raise PrelimError("expr.number.parse_number_4", what=what, err=err,
                          NUMBER_HINT=NUMBER_HINT) from None
    if not math.isfinite(value):
        raise PrelimError("expr.number.parse_number_2", what=what, strip=text.strip(),
                          value=value)
    return value
