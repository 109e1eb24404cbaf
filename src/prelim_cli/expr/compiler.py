"""The compiler: text in, an Expr out, whose torch_code() is the line a learner would
type and whose evaluation runs exactly that line (expr.code), so ``y = f(x);
y.backward()`` builds the graph the shown code builds. User text never reaches eval,
exec or compile; expr.check has refused everything outside the grammar before this.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field

from prelim_cli.expr.check import checked_tree
from prelim_cli.expr.code import run, spell
from prelim_cli.expr.grammar import REDUCTIONS


@dataclass(frozen=True)
class Expr:
    source: str                 # what the user typed, stripped
    variables: tuple[str, ...]  # the variables it uses, in order of first appearance
    tree: ast.expr = field(repr=False, compare=False)  # validated: only the grammar
    # dtype name -> the tree of torch_code(dtype), spelled once (spelling walks the tree)
    _spelled: dict[str, ast.expr] = field(default_factory=dict, repr=False, compare=False)

    def __call__(self, **values):
        """What torch_code() computes with these tensors for the variables."""
        return self.evaluate(values)

    def evaluate(self, values: dict, pieces: list | None = None):
        """Run torch_code(dtype), where dtype is the first variable's floating dtype
        (float64 when there is none): numbers stay Python numbers where that code has
        them, so autograd records the same graph as the code. ``pieces`` collects the
        tensor-valued pieces (expr.code.Piece), innermost first."""
        missing = [name for name in self.variables if name not in values]
        if missing:
            raise TypeError(f"no value given for {', '.join(missing)}")
        dtype = "float64"
        if self.variables and values[self.variables[0]].is_floating_point():
            dtype = values[self.variables[0]].dtype
        return run(self._spelling(dtype), values, self.source, pieces)

    def torch_code(self, dtype="float64") -> str:
        """The PyTorch line a learner would type, runnable once ``torch`` and ``math``
        are imported and each variable is a tensor of ``dtype`` (a torch dtype or its
        name); ast.unparse brackets it by Python's own precedence rules."""
        return ast.unparse(self._spelling(dtype))

    def _spelling(self, dtype) -> ast.expr:
        name = str(dtype).removeprefix("torch.")
        if name not in self._spelled:
            self._spelled[name] = spell(self.tree, name)
        return self._spelled[name]

    def reduction(self) -> tuple[str, int] | None:
        """The first call in reading order that combines the elements of a vector, as
        (name, column), e.g. ("sum", 1) for sum(x) * x; None when f is elementwise."""
        calls = [node for node in ast.walk(self.tree)
                 if isinstance(node, ast.Call) and node.func.id in REDUCTIONS]
        first = min(calls, key=lambda node: node.col_offset, default=None)
        return None if first is None else (first.func.id, first.col_offset + 1)


def compile_expr(text: str, allowed: Sequence[str] | None = None) -> Expr:
    """Parse and validate ``text``. ``allowed`` are the variable names the caller
    declares; None accepts any name that is not a function or a constant."""
    source = text.strip()
    tree, variables = checked_tree(source, allowed)
    return Expr(source, variables, tree)
