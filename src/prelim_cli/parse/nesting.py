"""How deep what a user types may nest, checked by one scan of the text before Python's
parser (or ours) recurses: ``[[[[...]]]]``, ``X[------1]`` and ``((((1))))`` past the
limit are refused with a message, never a RecursionError. Real input nests a few levels.
And ``read_tree``, the parsers' one call of Python's own parser."""

from __future__ import annotations

import ast
import warnings

from prelim_cli.core.errors import PrelimError

MAX_NESTING = 64


def nesting(text: str) -> int:
    """The deepest run of open brackets, or of signs in a row (``- -+1``), in ``text``."""
    depth = deepest = signs = 0
    for char in text:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if char in "+-~":
            signs += 1
        elif not char.isspace():
            signs = 0
        deepest = max(deepest, depth, signs)
    return deepest


def check_nesting(text: str, what: str, example: str) -> None:
    """Refuse ``text`` (``what`` names it: "the literal") when it nests too deeply."""
    deep = nesting(text)
    if deep > MAX_NESTING:
        shown = text if len(text) <= 60 else text[:40] + "..." + text[-10:]
        raise PrelimError("parse.nesting.check_nesting", what=what, shown=shown, deep=deep,
                          MAX_NESTING=MAX_NESTING, example=example)


def read_tree(text: str) -> ast.expr:
    """``ast.parse(text, mode="eval").body``, quietly: Python's SyntaxWarnings ("invalid
    decimal literal") are about source code, and what the user typed is refused or read as
    data, never run."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ast.parse(text, mode="eval").body
