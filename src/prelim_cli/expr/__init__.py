"""The safe expression language behind ``prelim derivative`` and ``prelim autograd``.

A learner types a function such as ``3*x**2 - 4*x`` or ``2*dot(x, x)``. The modules,
each reading only those above it:

    grammar   the language: functions, constants, operators, ExprError (a leaf)
    check     the caps and the whitelist walk over Python's own parse tree
    code      the spelling as PyTorch code, and the one evaluation, which runs it
    compiler  Expr and compile_expr: text in, a checked and spellable Expr out
    number    parse_number: a constant expression typed for an option

    f = compile_expr("3*x**2 - 4*x", allowed=("x",))
    f(x=torch.tensor(1.0, dtype=torch.float64))   # tensor(-1., dtype=torch.float64)
    f.torch_code()                                  # '3 * x ** 2 - 4 * x'
    compile_expr("sqrt(2)*x").torch_code()          # 'math.sqrt(2) * x' (runs in PyTorch)
    compile_expr("2*pi")()                          # 6.283185307179586 (Python's, as shown)

Every rejection raises ExprError, naming the piece and its 1-based column in the
stripped text (Expr.source). Importing the package does not import torch.
"""

from prelim_cli.expr.compiler import Expr, compile_expr
from prelim_cli.expr.grammar import CONSTANTS, FUNCTIONS, ExprError
from prelim_cli.expr.number import parse_number

__all__ = ["CONSTANTS", "FUNCTIONS", "Expr", "ExprError", "compile_expr", "parse_number"]
