"""How an Expr becomes PyTorch: the spelling a learner reads (``Expr.torch_code``) and
the one evaluation, which runs exactly that spelling (``Expr.__call__``). So the values,
the ``grad_fn`` and the backward graph prelim shows are the ones the shown code builds:
``x ** 2`` makes PowBackward0, ``1 - x`` RsubBackward1, ``1 / x`` a reciprocal and a mul.

Variables are tensors, so every operation on them is torch's. A constant part is left to
Python (``math.sqrt(2)``, ``abs(-3)``, ``2 ** -1``) when Python computes what torch
would; otherwise its numbers become tensors of the variables' dtype: PyTorch rejects
``torch.sigmoid(2)``, and Python raises on ``1 / 0`` where torch gives inf.

The spelled nodes that stand for a piece of the user's text keep its position (col_offset),
so an evaluation error or a non-finite piece is named as the user typed it; the nodes the
spelling adds (``torch.tensor(...)`` around a number) have none.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prelim_cli.core.errors import Message
from prelim_cli.expr.grammar import BINARY, CONSTANTS, UNARY, ExprError, as_float, piece

# Python spells these as math.<name> (abs as the builtin); the others exist only in torch.
_MATH = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")
_INT64 = 2 ** 63
_SYMBOL = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "**",
           ast.USub: "-", ast.UAdd: "+"}


# ---------------------------------------------------------------- spelling

def _has_variable(node: ast.expr) -> bool:
    match node:
        case ast.Name(id=name):
            return name not in CONSTANTS
        case ast.UnaryOp(operand=operand):
            return _has_variable(operand)
        case ast.BinOp(left=left, right=right):
            return _has_variable(left) or _has_variable(right)
        case ast.Call(args=args):
            return any(_has_variable(arg) for arg in args)
    return False


def _python_number(node: ast.expr) -> int | float | None:
    """What Python itself makes of a constant sub-expression, or None when Python would
    not give torch's answer: it raises (1/0, log(0), 2.0**5000), turns complex
    ((-8)**(1/3)), makes an int torch cannot take (beyond int64), or the function has no
    Python spelling (sigmoid, relu, dot, sum, mean, norm)."""
    try:
        match node:
            case ast.Constant(value=value):
                result = value
            case ast.Name(id=name):
                result = getattr(math, name)
            case ast.UnaryOp(op=op, operand=operand):
                value = _python_number(operand)
                result = None if value is None else UNARY[type(op)](value)
            case ast.BinOp(left=left, op=op, right=right):
                a, b = _python_number(left), _python_number(right)
                if a is None or b is None or _int_too_big(a, op, b):
                    return None
                result = BINARY[type(op)](a, b)
            case ast.Call(func=ast.Name(id=name), args=[arg]) if name in _MATH or name == "abs":
                value = _python_number(arg)
                result = None if value is None else (abs(value) if name == "abs"
                                                     else getattr(math, name)(value))
            case _:
                return None
    except (ArithmeticError, ValueError):
        return None
    if isinstance(result, int) and abs(result) >= _INT64:
        return None
    return result if isinstance(result, (int, float)) else None


def _int_too_big(a: int | float, op: ast.operator, b: int | float) -> bool:
    """An integer power past int64, refused before Python spends time computing it."""
    return (isinstance(op, ast.Pow) and isinstance(a, int) and isinstance(b, int)
            and b > 0 and abs(a) > 1 and b * math.log2(abs(a)) >= 63)


def _attribute(module: str, name: str) -> ast.expr:
    return ast.Attribute(ast.Name(module, ast.Load()), name, ast.Load())


def _call(func: ast.expr, *args: ast.expr, **keywords: ast.expr) -> ast.Call:
    return ast.Call(func, list(args), [ast.keyword(k, v) for k, v in keywords.items()])


def _tensor(node: ast.expr, dtype: str) -> ast.Call:
    """torch.tensor(<node>, dtype=torch.<dtype>): a number that follows torch's rules."""
    return _call(_attribute("torch", "tensor"), node, dtype=_attribute("torch", dtype))


def _at(new: ast.expr, old: ast.expr) -> ast.expr:
    """``new`` stands for the user's ``old``: it takes old's place in the text."""
    return ast.copy_location(new, old)


def spell(node: ast.expr, dtype: str) -> ast.expr:
    """The PyTorch spelling of a validated tree, as a fresh tree (the input is untouched):
    sigmoid(2)*x -> torch.sigmoid(torch.tensor(2, dtype=torch.float64)) * x. ``dtype``
    is the variables' floating dtype, given to the numbers that must be tensors."""
    if not _has_variable(node):
        return _python_spelling(node) if _python_number(node) is not None \
            else _tensor_spelling(node, dtype)
    match node:
        case ast.UnaryOp(op=op, operand=operand):
            return _at(ast.UnaryOp(op, spell(operand, dtype)), node)
        case ast.BinOp(left=left, op=op, right=right):
            return _at(ast.BinOp(spell(left, dtype), op, spell(right, dtype)), node)
        case ast.Call(func=ast.Name(id=name), args=args):
            return _at(_call(_attribute("torch", name), *(spell(a, dtype) for a in args)), node)
    return _at(ast.Name(node.id, ast.Load()), node)


def _python_spelling(node: ast.expr) -> ast.expr:
    match node:
        case ast.Constant(value=value):
            return _at(ast.Constant(value), node)
        case ast.Name(id=name):  # pi, e: Python floats, whichever module holds them
            return _at(_attribute("torch", name), node)
        case ast.UnaryOp(op=op, operand=operand):
            return _at(ast.UnaryOp(op, _python_spelling(operand)), node)
        case ast.BinOp(left=left, op=op, right=right):
            return _at(ast.BinOp(_python_spelling(left), op, _python_spelling(right)), node)
        case ast.Call(func=ast.Name(id=name), args=[arg]):
            func = ast.Name("abs", ast.Load()) if name == "abs" else _attribute("math", name)
            return _at(_call(func, _python_spelling(arg)), node)
    raise AssertionError(f"not a Python number: {ast.dump(node)}")


def _tensor_spelling(node: ast.expr, dtype: str) -> ast.expr:
    """A constant part Python cannot compute as torch would: at least one tensor in each
    failing operation, Python numbers wherever they are fine."""
    match node:
        case ast.Constant(value=value):  # an int past int64
            return _tensor(_at(ast.Constant(as_float(value)), node), dtype)
        case ast.UnaryOp(op=op, operand=operand):
            return _at(ast.UnaryOp(op, _tensor_spelling(operand, dtype)), node)
        case ast.BinOp(left=left, op=op, right=right):
            a_ok, b_ok = _python_number(left) is not None, _python_number(right) is not None
            a = _tensor_spelling(left, dtype) if not a_ok else \
                _tensor(_python_spelling(left), dtype) if b_ok else _python_spelling(left)
            b = _tensor_spelling(right, dtype) if not b_ok else _python_spelling(right)
            return _at(ast.BinOp(a, op, b), node)
        case ast.Call(func=ast.Name(id=name), args=args):
            return _at(_call(_attribute("torch", name),
                             *(_tensor(_python_spelling(arg), dtype)
                               if _python_number(arg) is not None
                               else _tensor_spelling(arg, dtype) for arg in args)), node)
    raise AssertionError(f"not a constant: {ast.dump(node)}")


# ---------------------------------------------------------------- running the spelling

@dataclass(frozen=True)
class Piece:
    """One tensor-valued piece of the expression, as evaluated: enough to explain later
    why a value or a gradient is not finite, and to recompute its local slopes."""

    text: str         # as the user typed it, e.g. "sqrt(x)"
    op: str           # a function name ("sqrt") or an operator symbol ("/")
    apply: Callable   # the operation itself: apply(*operands) == value
    operands: tuple   # tensors or Python numbers
    value: Any        # a tensor


def run(spelled: ast.expr, values: dict, source: str, pieces: list[Piece] | None = None):
    """Evaluate a tree made by ``spell`` with ``values`` for its variables: each node
    does what its line of PyTorch does. Tensor-valued pieces of the user's text are
    appended to ``pieces`` innermost first, when a list is given."""
    import torch

    return _Run(values, source, pieces, torch).value(spelled)


class _Run:
    def __init__(self, values: dict, source: str, pieces: list[Piece] | None, torch):
        self.values, self.source, self.pieces = values, source, pieces
        self.modules, self.tensor = {"torch": torch, "math": math}, torch.Tensor

    def value(self, node: ast.expr):
        match node:
            case ast.Constant(value=number):
                return number
            case ast.Name(id=name):
                return self.values[name]
            case ast.Attribute(value=ast.Name(id=module), attr=name):
                return getattr(self.modules[module], name)
            case ast.UnaryOp(op=op, operand=operand):
                return self.apply(node, _SYMBOL[type(op)], UNARY[type(op)],
                                  [self.value(operand)])
            case ast.BinOp(left=left, op=op, right=right):
                return self.apply(node, _SYMBOL[type(op)], BINARY[type(op)],
                                  [self.value(left), self.value(right)])
            case ast.Call(func=ast.Name(id="abs"), args=[arg]):
                return self.apply(node, "abs", abs, [self.value(arg)])
            case ast.Call(func=ast.Attribute(attr=name) as func, args=args, keywords=keywords):
                operands = [self.value(arg) for arg in args]
                if keywords:  # torch.tensor(number, dtype=...): spell's own, never fails
                    return self.value(func)(*operands, **{k.arg: self.value(k.value)
                                                          for k in keywords})
                if name == "dot":
                    self.check_dot(node, operands)
                return self.apply(node, name, self.value(func), operands)
        raise AssertionError(f"spell made {ast.dump(node)}")  # pragma: no cover

    def apply(self, node: ast.expr, op: str, fn: Callable, operands: list):
        try:
            result = fn(*operands)
        except (RuntimeError, TypeError) as error:  # torch's shape and dtype complaints
            reason = str(error).splitlines()[0]
            raise ExprError("expr.code.apply", piece=piece(self.source, node),
                            value=node.col_offset + 1, reason=reason) from error
        if self.pieces is not None and isinstance(result, self.tensor):
            self.pieces.append(Piece(piece(self.source, node), op, fn, tuple(operands), result))
        return result

    def check_dot(self, node: ast.expr, operands: list) -> None:
        a, b = operands
        if all(isinstance(t, self.tensor) and t.dim() == 1 for t in operands) \
                and a.shape == b.shape:
            return
        a_kind, b_kind = (Message("expr.dot_shape", shape=tuple(t.shape))
                          if isinstance(t, self.tensor) else Message("expr.dot_number", number=t)
                          for t in operands)
        raise ExprError("expr.code.check_dot", a=a_kind, b=b_kind, column=node.col_offset + 1)
