"""Safe parsers for what users type: tensor literals, shapes, index expressions.

Everything goes through ``ast.parse`` and a whitelist of node types; nothing is
ever evaluated. Sizes are checked against the element cap before any memory is
spent.
"""

from __future__ import annotations

import ast
import math
import os
import re
from dataclasses import dataclass
from typing import Any

from prelim_cli.core.demo import PrelimError

DEFAULT_MAX_ELEMENTS = 10**7
MAX_LITERAL_CHARS = 100_000


def max_elements() -> int:
    raw = os.environ.get("PRELIM_MAX_ELEMENTS", "")
    if not raw:
        return DEFAULT_MAX_ELEMENTS
    try:
        cap = int(raw)
    except ValueError:
        raise PrelimError(f"PRELIM_MAX_ELEMENTS={raw!r} is not a whole number; "
                          "unset it or give e.g. 10000000") from None
    if cap < 1:
        raise PrelimError(f"PRELIM_MAX_ELEMENTS={raw!r} must be at least 1")
    return cap


def check_size(shape: tuple[int, ...], what: str = "tensor") -> int:
    """The element count of ``shape``, refused above the cap (before allocating)."""
    count = math.prod(shape)
    cap = max_elements()
    if count > cap:
        raise PrelimError(f"{what} of shape {tuple(shape)!r} would hold {count:,} elements, "
                          f"over the limit of {cap:,}; use smaller sizes or raise "
                          "PRELIM_MAX_ELEMENTS")
    return count


# ---------------------------------------------------------------- literals

@dataclass(frozen=True)
class Literal:
    data: Any  # nested lists of Python numbers (or one number)
    shape: tuple[int, ...]


def _where(node: ast.AST) -> str:
    return f" at column {node.col_offset + 1}" if hasattr(node, "col_offset") else ""


def _number(node: ast.AST, text: str, what: str = "the literal") -> int | float | bool:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        value = _number(node.operand, text, what)
        if isinstance(value, bool):
            raise PrelimError(f"cannot negate a boolean{_where(node)} in {text!r}")
        return -value if isinstance(node.op, ast.USub) else value
    if isinstance(node, ast.Name) and node.id in ("nan", "inf", "NaN", "Infinity"):
        return float(node.id)  # Python's and JSON's spellings
    piece = ast.get_source_segment(text, node) or type(node).__name__
    raise PrelimError(f"{piece!r}{_where(node)} is not a number in {what} {text!r}; "
                      "write numbers like 1, -2.5, nan, inf, True")


def _nest(node: ast.AST, text: str) -> tuple[Any, tuple[int, ...]]:
    if isinstance(node, (ast.List, ast.Tuple)):
        items = [_nest(e, text) for e in node.elts]
        shapes = {shape for _, shape in items}
        if len(shapes) > 1:
            lengths = sorted({s[0] if s else 0 for s in shapes})
            raise PrelimError(f"ragged literal {text!r}: rows at the same depth have "
                              f"different lengths ({', '.join(map(str, lengths))}); every row "
                              "must have the same number of items")
        inner = shapes.pop() if shapes else ()
        return [v for v, _ in items], (len(items), *inner)
    return _number(node, text), ()


def parse_literal(text: str) -> Literal:
    """``"[[1,2],[3,4]]"`` -> nested lists, shape and torch's inferred dtype."""
    if len(text) > MAX_LITERAL_CHARS:
        raise PrelimError(f"literal is {len(text):,} characters long (limit "
                          f"{MAX_LITERAL_CHARS:,}); build large tensors from a shape instead")
    if not text.strip():
        raise PrelimError("empty tensor literal; write one like \"[[1, 2], [3, 4]]\"")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except RecursionError:
        raise PrelimError("the literal is nested too deeply; a tensor literal has a few "
                          "levels of brackets, like [[1, 2], [3, 4]]") from None
    except SyntaxError as err:
        raise PrelimError(f"cannot read the literal {text!r} (column {err.offset}); write "
                          "nested lists of numbers like \"[[1, 2], [3, 4]]\"") from None
    try:
        data, shape = _nest(tree, text.strip())
    except RecursionError:
        raise PrelimError("the literal is nested too deeply; a tensor literal has a few "
                          "levels of brackets, like [[1, 2], [3, 4]]") from None
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


# ---------------------------------------------------------------- shapes

_SHAPE_SPLIT = re.compile(r"\s*[,x×]\s*")


def parse_shape(text: str, allow_zero: bool = True) -> tuple[int, ...]:
    """``3,1,3``, ``(3,1,3)``, ``3x1x3`` -> (3, 1, 3)."""
    body = text.strip()
    if body.startswith(("(", "[")) and body.endswith((")", "]")):
        body = body[1:-1].strip().rstrip(",")
    if not body:
        raise PrelimError(f"empty shape {text!r}; write sizes like 3,1,3")
    parts = _SHAPE_SPLIT.split(body)
    sizes = []
    for part in parts:
        if not re.fullmatch(r"\d+", part):
            reason = "a size is missing" if part == "" else f"{part!r} is not a size"
            raise PrelimError(f"malformed shape {text!r}: {reason}; write whole numbers "
                              "≥ 0 separated by commas, like 3,1,3")
        size = int(part)
        if size == 0 and not allow_zero:
            raise PrelimError(f"shape {text!r} has a zero size; sizes must be at least 1")
        sizes.append(size)
    return tuple(sizes)


def parse_sizes(values: list[int], allow_minus_one: bool = True,
                allow_zero: bool = False) -> tuple[int, ...]:
    """Positional size arguments such as ``reshape 3 -1``; 0 where an empty tensor is fine."""
    if not values:
        raise PrelimError("give at least one size, like 3 4")
    if sum(v == -1 for v in values) > 1:
        raise PrelimError(f"sizes {tuple(values)}: only one size can be -1 (inferred)")
    for v in values:
        if (v == -1 and allow_minus_one) or (v == 0 and allow_zero):
            continue
        if v <= 0:
            hint = " (-1 means 'infer this size')" if allow_minus_one else ""
            raise PrelimError(f"size {v} in {tuple(values)} is not allowed; sizes must be "
                              f"positive{hint}")
    return tuple(values)


# ---------------------------------------------------------------- index expressions

@dataclass(frozen=True)
class Index:
    code: str  # canonical text, e.g. "X[1:3, ::2]"
    key: Any  # what to pass to tensor.__getitem__


def parse_index(text: str, name: str = "X") -> Index:
    """``"X[1:3, ::2]"`` -> an Index; only ints, slices, ``...`` and None inside."""
    src = text.strip()
    try:
        tree = ast.parse(src, mode="eval").body
    except SyntaxError:
        raise PrelimError(f"cannot read the index {text!r}; write it like {name}[1:3, ::2]") \
            from None
    if not (isinstance(tree, ast.Subscript) and isinstance(tree.value, ast.Name)
            and tree.value.id == name):
        raise PrelimError(f"{text!r} is not an index expression; only {name}[...] with "
                          "integers, slices (a:b:c), ... and None is allowed")
    parts = tree.slice.elts if isinstance(tree.slice, ast.Tuple) else [tree.slice]
    keys, codes = [], []
    for part in parts:
        key, code = _index_part(part, src)
        keys.append(key)
        codes.append(code)
    key = keys[0] if len(keys) == 1 and not isinstance(tree.slice, ast.Tuple) else tuple(keys)
    return Index(f"{name}[{', '.join(codes)}]", key)


def _int(node: ast.AST | None, text: str) -> int | None:
    if node is None:
        return None
    value = _number(node, text, "the index")
    if type(value) is not int:
        raise PrelimError(f"index {text!r}: {value!r} is not a whole number")
    return value


def _index_part(node: ast.AST, text: str) -> tuple[Any, str]:
    if isinstance(node, ast.Slice):
        start, stop, step = (_int(n, text) for n in (node.lower, node.upper, node.step))
        if step is not None and step <= 0:
            raise PrelimError(f"index {text!r}: slice step must be positive (PyTorch has no "
                              "negative steps; use torch.flip)")
        code = f"{'' if start is None else start}:{'' if stop is None else stop}"
        if step is not None:
            code += f":{step}"
        return slice(start, stop, step), code
    if isinstance(node, ast.Constant) and node.value is Ellipsis:
        return Ellipsis, "..."
    if isinstance(node, ast.Constant) and node.value is None:
        return None, "None"
    value = _int(node, text)
    return value, str(value)


def parse_assignment(text: str, name: str = "X") -> tuple[Index, int | float | bool]:
    """``"X[1, 2] = 9"`` -> (Index for X[1, 2], 9). The right side must be a number."""
    target, sep, value = text.partition("=")
    if not sep or not value.strip() or "=" in value:
        raise PrelimError(f"cannot read the assignment {text!r}; write it like {name}[1, 2] = 9")
    ix = parse_index(target.strip(), name)
    try:
        node = ast.parse(value.strip(), mode="eval").body
    except SyntaxError:
        node = None
    if node is None:
        raise PrelimError(f"assignment {text!r}: {value.strip()!r} is not a number")
    return ix, _number(node, value.strip())
