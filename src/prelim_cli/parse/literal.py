"""Tensor literals such as ``[[1, 2], [3, 4]]``: read by ``ast.parse`` and a whitelist
of numbers and brackets, never evaluated, and sized against the cap before a tensor
exists. The number reader serves the index expressions too."""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from typing import Any

from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.parse.nesting import check_nesting, read_tree
from prelim_cli.parse.size import check_size

MAX_LITERAL_CHARS = 100_000


@dataclass(frozen=True)
class Literal:
    data: Any  # nested lists of Python numbers (or one number)
    shape: tuple[int, ...]


THE_LITERAL = Message("literal.the_literal")


def _where(node: ast.AST) -> str:
    return Message("literal.at_column", column=node.col_offset + 1) \
        if hasattr(node, "col_offset") else ""


def literal_number(node: ast.AST, text: str, what: Message = THE_LITERAL) -> int | float | bool:
    """The number a node writes: an int, float or bool, signed or not, or nan/inf as
    Python and JSON spell them. ``what`` names the text in a refusal ("the index")."""
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = literal_number(node.operand, text, what)
        if isinstance(value, bool):
            raise PrelimError("parse.literal.literal_number_2", _where=_where(node), text=text)
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Name) and node.id in ("nan", "inf", "NaN", "Infinity"):
        return float(node.id)  # Python's and JSON's spellings
    piece = ast.get_source_segment(text, node) or type(node).__name__
    raise PrelimError("parse.literal.literal_number", piece=piece, _where=_where(node),
                      what=what, text=text)


def _nest(node: ast.AST, text: str) -> tuple[Any, tuple[int, ...]]:
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_nest(e, text) for e in node.elts]
        shapes = {shape for _, shape in items}
        if len(shapes) > 1:
            lengths = sorted({s[0] if s else 0 for s in shapes})
            raise PrelimError("parse.literal.nest", text=text, map=', '.join(map(str, lengths)))
        inner = shapes.pop() if shapes else ()
        return [v for v, _ in items], (len(items), *inner)
    return literal_number(node, text), ()


def parse_literal(text: str) -> Literal:
    """``"[[1,2],[3,4]]"`` -> nested lists, shape and torch's inferred dtype."""
    if len(text) > MAX_LITERAL_CHARS:
        raise PrelimError("parse.literal.parse_literal", len_text=len(text),
                          MAX_LITERAL_CHARS=MAX_LITERAL_CHARS)
    if not text.strip():
        raise PrelimError("parse.literal.parse_literal_2")
    check_nesting(text, THE_LITERAL, "[[1, 2], [3, 4]]")
    try:
        tree = read_tree(text.strip())
    except RecursionError:
        raise PrelimError("parse.literal.parse_literal_3") from None
    except SyntaxError as err:
        raise PrelimError("parse.literal.parse_literal_4", text=text, offset=err.offset) from None
    try:
        data, shape = _nest(tree, text.strip())
    except RecursionError:
        raise PrelimError("parse.literal.parse_literal_5") from None
    check_size(shape)
    return Literal(data, shape)


def literal_code(lit: Literal) -> str:
    """How the literal reads in PyTorch code: ``[[1, 2], [3, 4]]``."""
    return _code(lit.data)


def _code(data: Any) -> str:
    if isinstance(data, list):
        return "[" + ", ".join(_code(d) for d in data) + "]"
    if isinstance(data, float) and not math.isfinite(data):
        return f"float('{data}')"
    return repr(data)
