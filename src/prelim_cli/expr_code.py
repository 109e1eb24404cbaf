"""How Expr.torch_code spells a validated tree as PyTorch a learner can run.

Variables are tensors, so every operation on them is torch's. A constant part is left to
Python (``math.sqrt(2)``, ``abs(-3)``, ``2 ** -1``) when Python computes what torch
would; otherwise its numbers become float64 tensors: PyTorch rejects
``torch.sigmoid(2)``, and Python raises on ``1 / 0`` where the evaluation gives inf.
"""

from __future__ import annotations

import ast
import math

from prelim_cli.expr import _BINARY, _UNARY, CONSTANTS, _float

# Python spells these as math.<name> (abs as the builtin); the others exist only in torch.
_MATH = ("sin", "cos", "tan", "exp", "log", "sqrt", "tanh")
_INT64 = 2 ** 63


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
                result = None if value is None else _UNARY[type(op)](value)
            case ast.BinOp(left=left, op=op, right=right):
                a, b = _python_number(left), _python_number(right)
                if a is None or b is None or _int_too_big(a, op, b):
                    return None
                result = _BINARY[type(op)](a, b)
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


def _torch(name: str) -> ast.expr:
    return ast.Attribute(ast.Name("torch", ast.Load()), name, ast.Load())


def _call(func: ast.expr, *args: ast.expr, **keywords: ast.expr) -> ast.Call:
    return ast.Call(func, list(args), [ast.keyword(k, v) for k, v in keywords.items()])


def _float64(node: ast.expr) -> ast.Call:
    """torch.tensor(<node>, dtype=torch.float64): a number that follows torch's rules."""
    return _call(_torch("tensor"), node, dtype=_torch("float64"))


def spell(node: ast.expr) -> ast.expr:
    """The PyTorch spelling of a validated tree, as a fresh tree (the input is untouched):
    sigmoid(2)*x -> torch.sigmoid(torch.tensor(2, dtype=torch.float64)) * x."""
    if not _has_variable(node):
        return _python_spelling(node) if _python_number(node) is not None \
            else _tensor_spelling(node)
    match node:
        case ast.UnaryOp(op=op, operand=operand):
            return ast.UnaryOp(op, spell(operand))
        case ast.BinOp(left=left, op=op, right=right):
            return ast.BinOp(spell(left), op, spell(right))
        case ast.Call(func=ast.Name(id=name), args=args):
            return _call(_torch(name), *map(spell, args))
    return ast.Name(node.id, ast.Load())


def _python_spelling(node: ast.expr) -> ast.expr:
    match node:
        case ast.Constant(value=value):
            return ast.Constant(value)
        case ast.Name(id=name):  # pi, e: Python floats, whichever module holds them
            return _torch(name)
        case ast.UnaryOp(op=op, operand=operand):
            return ast.UnaryOp(op, _python_spelling(operand))
        case ast.BinOp(left=left, op=op, right=right):
            return ast.BinOp(_python_spelling(left), op, _python_spelling(right))
        case ast.Call(func=ast.Name(id=name), args=[arg]):
            func = ast.Name("abs", ast.Load()) if name == "abs" else \
                ast.Attribute(ast.Name("math", ast.Load()), name, ast.Load())
            return _call(func, _python_spelling(arg))
    raise AssertionError(f"not a Python number: {ast.dump(node)}")


def _tensor_spelling(node: ast.expr) -> ast.expr:
    """A constant part Python cannot compute as torch would: at least one float64 tensor
    in each failing operation, Python numbers wherever they are fine."""
    match node:
        case ast.Constant(value=value):  # an int past int64
            return _float64(ast.Constant(_float(value)))
        case ast.UnaryOp(op=op, operand=operand):
            return ast.UnaryOp(op, _tensor_spelling(operand))
        case ast.BinOp(left=left, op=op, right=right):
            a_ok, b_ok = _python_number(left) is not None, _python_number(right) is not None
            a = _tensor_spelling(left) if not a_ok else \
                _float64(_python_spelling(left)) if b_ok else _python_spelling(left)
            b = _tensor_spelling(right) if not b_ok else _python_spelling(right)
            return ast.BinOp(a, op, b)
        case ast.Call(func=ast.Name(id=name), args=args):
            return _call(_torch(name), *(_float64(_python_spelling(arg))
                                         if _python_number(arg) is not None
                                         else _tensor_spelling(arg) for arg in args))
    raise AssertionError(f"not a constant: {ast.dump(node)}")
