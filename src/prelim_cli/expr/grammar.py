"""The expression language itself: its functions, constants and operators, the error it
raises, and how a refusal quotes the user's text. A leaf: the checks, the compiler and
the spelling as torch code all read the grammar here, and it reads none of them.

Grammar: int and float literals, variable names, ``+ - * / **``, unary ``-`` and
``+``, parentheses, the constants ``pi`` and ``e``, and the functions in FUNCTIONS.
"""

from __future__ import annotations

import ast
import math
import operator

from prelim_cli.core.errors import PrelimError

# name -> number of arguments. Spelled torch.<name> (math.<name> on a constant).
FUNCTIONS = {
    "sin": 1, "cos": 1, "tan": 1, "exp": 1, "log": 1, "sqrt": 1, "abs": 1,
    "tanh": 1, "sigmoid": 1, "relu": 1, "dot": 2, "sum": 1, "mean": 1, "norm": 1,
}
FUNCTION_LIST = ", ".join(sorted(FUNCTIONS))  # as a refusal lists them
CONSTANTS = ("pi", "e")  # torch.pi, torch.e
REDUCTIONS = ("dot", "sum", "mean", "norm")  # they combine the elements of a vector
MODULES = ("torch", "math")  # torch_code's own names: not variables

BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
          ast.Div: operator.truediv, ast.Pow: operator.pow}
UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class ExprError(PrelimError):
    """The expression is outside what prelim computes; the message points at the piece."""


def piece(source: str, node: ast.AST) -> str:
    """The text of a node, shortened so a message stays one line."""
    text = source[node.col_offset:node.end_col_offset]
    return text if len(text) <= 30 else text[:27] + "..."


def as_float(number: int | float) -> float:
    """A literal as a float: integers too big for one become inf, as they would in torch."""
    try:
        return float(number)
    except OverflowError:
        return math.inf
