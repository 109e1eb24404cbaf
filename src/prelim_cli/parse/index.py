"""Index expressions (``X[1:3, ::2]``) and assignments (``X[1, 2] = 9``): read by
``ast.parse``, with only integers, slices, ``...`` and None allowed inside the brackets,
and a number on the right; nothing is evaluated."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.parse.literal import literal_number
from prelim_cli.parse.nesting import check_nesting, read_tree

MAX_INDEX_CHARS = 1000  # X[1:3, ::2] is 11


@dataclass(frozen=True)
class Index:
    code: str  # canonical text, e.g. "X[1:3, ::2]"
    key: Any  # what to pass to tensor.__getitem__


def parse_index(text: str, name: str = "X") -> Index:
    """``"X[1:3, ::2]"`` -> an Index; only ints, slices, ``...`` and None inside."""
    src = text.strip()
    if len(src) > MAX_INDEX_CHARS:
        raise PrelimError("parse.index.parse_index", value=src[:40] + '...', len_src=len(src),
                          MAX_INDEX_CHARS=MAX_INDEX_CHARS, name=name)
    check_nesting(src, Message("index.the_index"), f"{name}[1:3, ::2]")
    try:
        tree = read_tree(src)
    except (SyntaxError, RecursionError):
        raise PrelimError("parse.index.parse_index_3", text=text, name=name) \
            from None
    if not (isinstance(tree, ast.Subscript) and isinstance(tree.value, ast.Name)
            and tree.value.id == name):
        raise PrelimError("parse.index.parse_index_2", text=text, name=name)
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
    value = literal_number(node, text, Message("index.the_index"))
    if type(value) is not int:
        raise PrelimError("parse.index.int", text=text, value=value)
    return value


def _index_part(node: ast.AST, text: str) -> tuple[Any, str]:
    if isinstance(node, ast.Slice):
        start, stop, step = (_int(n, text) for n in (node.lower, node.upper, node.step))
        if step is not None and step <= 0:
            raise PrelimError("parse.index.index_part", text=text)
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
    check_nesting(text, Message("index.the_assignment"), f"{name}[1, 2] = 9")
    target, sep, value = text.partition("=")
    if not sep or not value.strip() or "=" in value:
        raise PrelimError("parse.index.parse_assignment", text=text, name=name)
    ix = parse_index(target.strip(), name)
    try:
        node = read_tree(value.strip())
    except (SyntaxError, RecursionError):
        node = None
    if node is None:
        raise PrelimError("parse.index.parse_assignment_2", text=text, strip=value.strip())
    return ix, literal_number(node, value.strip())
