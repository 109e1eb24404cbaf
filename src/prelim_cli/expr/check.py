"""The checks between what a learner typed and a tree the compiler may spell: the caps,
the characters, Python's own parser (``ast``, mode="eval"), and a whitelist walk that
refuses anything outside the grammar, naming the piece and its 1-based column.

Caps, all checked before anything is computed: at most MAX_LENGTH characters,
MAX_NODES expression nodes, MAX_DEPTH levels of nesting (brackets in the text, and
sub-expressions in the tree), and |exponent| <= MAX_EXPONENT whenever an exponent is
a constant: a number, a signed number, or a power of those (so ``9**9**9`` is refused).
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from collections.abc import Sequence

from prelim_cli.core.errors import Message
from prelim_cli.expr.grammar import (
    BINARY,
    CONSTANTS,
    FUNCTION_LIST,
    FUNCTIONS,
    MODULES,
    UNARY,
    ExprError,
    as_float,
    piece,
)

MAX_LENGTH = 500
MAX_NODES = 200
MAX_DEPTH = 32
MAX_EXPONENT = 100

# What to call a construct outside the grammar when refusing it.
_COMPREHENSION = Message("expr.kind.comprehension")
_CONSTRUCTS = {
    ast.Subscript: Message("expr.kind.indexing"), ast.Lambda: Message("expr.kind.lambda"),
    ast.ListComp: _COMPREHENSION, ast.SetComp: _COMPREHENSION, ast.DictComp: _COMPREHENSION,
    ast.GeneratorExp: _COMPREHENSION, ast.Compare: Message("expr.kind.comparison"),
    ast.BoolOp: Message("expr.kind.boolean_operator"), ast.IfExp: Message("expr.kind.if"),
    ast.NamedExpr: Message("expr.kind.assignment"), ast.JoinedStr: Message("expr.kind.f_string"),
    ast.Starred: Message("expr.kind.starred"), ast.List: Message("expr.kind.list"),
    ast.Tuple: Message("expr.kind.tuple"), ast.Set: Message("expr.kind.set"),
    ast.Dict: Message("expr.kind.dict"),
}
_LITERALS = {bool: Message("expr.kind.boolean"), str: Message("expr.kind.string"),
             bytes: Message("expr.kind.bytes"), complex: Message("expr.kind.imaginary")}


def checked_tree(source: str, allowed: Sequence[str] | None) -> tuple[ast.expr, tuple[str, ...]]:
    """The parsed tree of the stripped ``source``, once it passed every check, and the
    variables it uses in order of first appearance. ``allowed`` are the variable names
    the caller declares; None accepts any name that is not a function or a constant."""
    if not source:
        raise ExprError("expr.check.checked_tree")
    if len(source) > MAX_LENGTH:
        raise ExprError("expr.check.checked_tree_2", len_source=len(source),
                        MAX_LENGTH=MAX_LENGTH)
    _check_characters(source)
    try:
        with warnings.catch_warnings():  # e.g. "invalid escape sequence": noise, refused below
            warnings.simplefilter("ignore")
            tree = ast.parse(source, mode="eval").body
    except SyntaxError as error:
        raise ExprError(_syntax_message(source, error)) from None
    nodes = sum(isinstance(node, ast.expr) for node in ast.walk(tree))
    if nodes > MAX_NODES:
        raise ExprError("expr.check.checked_tree_3", nodes=nodes, MAX_NODES=MAX_NODES)
    check = _Check(source, allowed)
    check.expr(tree, depth=1)
    return tree, tuple(check.variables)


_NUMBER_THEN_NAME = re.compile(r"(\d[\d_]*\.?[\d_]*(?:[eE][+-]?\d+)?)([A-Za-z_]\w*)")


def _syntax_message(source: str, error: SyntaxError) -> Message:
    """Python's complaint, with the column, and a hint for two common slips."""
    if error.msg == "invalid syntax" and not error.offset:  # Python's "unexpected end"
        return Message("expr.syntax_end", column=len(source) + 1, last=source[-1])
    if error.msg == "invalid decimal literal":  # 2x: Python points at the number's end
        for match in _NUMBER_THEN_NAME.finditer(source):
            if match.end(1) == error.offset:
                number, name = match.groups()
                return Message("expr.syntax_product", column=match.start() + 1,
                               typed=match[0], number=number, name=name)
    detail = "" if error.msg == "invalid syntax" else f" ({error.msg})"
    return Message("expr.syntax", column=error.offset or 1, detail=detail)


def _check_characters(source: str) -> None:
    """Printable ASCII only, and brackets at most MAX_DEPTH deep. ASCII also makes ast's
    byte offsets the columns, and keeps Python from folding look-alike letters into
    names (it would read the full-width 'ｓｉｎ' as 'sin')."""
    depth = 0
    for column, char in enumerate(source, 1):
        if not " " <= char <= "~":
            raise ExprError("expr.check.check_characters", char=char, column=column)
        depth += (char in "([{") - (char in ")]}")
        if depth > MAX_DEPTH:
            raise ExprError("expr.check.check_characters_2", column=column, MAX_DEPTH=MAX_DEPTH)


class _Check:
    """Walks the parsed tree in reading order and refuses anything outside the grammar."""

    def __init__(self, source: str, allowed: Sequence[str] | None):
        self.source = source
        self.allowed = allowed
        self.variables: dict[str, None] = {}  # an ordered set

    def expr(self, node: ast.expr, depth: int) -> None:
        column = node.col_offset + 1
        if depth > MAX_DEPTH:
            raise ExprError("expr.check.expr", column=column, MAX_DEPTH=MAX_DEPTH)
        match node:
            case ast.Constant(value=int() | float() as value) if not isinstance(value, bool):
                pass
            case ast.Constant(value=value):
                kind = _LITERALS.get(type(value), Message("expr.kind.constant"))
                raise ExprError("expr.check.expr_2", kind=kind, piece=self.piece(node),
                                column=column)
            case ast.Name(id=name):
                self.name(name, column)
            case ast.UnaryOp(op=op, operand=operand):
                if type(op) not in UNARY:
                    symbol = self.source[node.col_offset:operand.col_offset].strip(" (")
                    raise ExprError("expr.check.expr_6", symbol=symbol, column=column)
                self.expr(operand, depth + 1)
            case ast.BinOp(left=left, op=op, right=right):
                self.expr(left, depth + 1)
                if type(op) not in BINARY:
                    gap = self.source[left.end_col_offset:right.col_offset]
                    symbol = gap.strip(" ()")
                    raise ExprError("expr.check.expr_7", symbol=symbol,
                                    value=left.end_col_offset + gap.index(symbol) + 1)
                self.expr(right, depth + 1)
                exponent = _constant(right) if isinstance(op, ast.Pow) else None
                if exponent is not None and abs(exponent) > MAX_EXPONENT:
                    raise ExprError("expr.check.expr_8", exponent=exponent,
                                    value=right.col_offset + 1, MAX_EXPONENT=MAX_EXPONENT)
            case ast.Call(func=ast.Name(id=name)):
                self.call(node, name, depth)
            case ast.Call(func=func):
                self.expr(func, depth + 1)  # a lambda or an attribute is named as such
                raise ExprError("expr.check.expr_3", piece=self.piece(func), column=column,
                                FUNCTION_LIST=FUNCTION_LIST)
            case ast.Attribute(value=value, attr=attr):
                self.expr(value, depth + 1)
                raise ExprError("expr.check.expr_4", attr=attr,
                                value=node.end_col_offset - len(attr))
            case _:
                kind = _CONSTRUCTS.get(type(node), Message("expr.kind.construct"))
                raise ExprError("expr.check.expr_5", kind=kind, piece=self.piece(node),
                                column=column)

    def name(self, name: str, column: int) -> None:
        if name.startswith("__"):
            raise ExprError("expr.check.name", name=name, column=column)
        if name in FUNCTIONS:
            raise ExprError("expr.check.name_2", name=name, column=column)
        if name in CONSTANTS:
            return
        if self.allowed is not None and name not in self.allowed:
            raise ExprError("expr.check.name_3", name=name, column=column,
                            value=', '.join(self.allowed) or 'none')
        if name in MODULES:  # def f(torch): return torch.sin(torch) would not run
            raise ExprError("expr.check.name_4", name=name, column=column)
        self.variables[name] = None

    def call(self, node: ast.Call, name: str, depth: int) -> None:
        column = node.col_offset + 1
        if name.startswith("__"):
            raise ExprError("expr.check.call", name=name, column=column)
        if name not in FUNCTIONS:
            raise ExprError("expr.check.call_2", name=name, column=column,
                            FUNCTION_LIST=FUNCTION_LIST)
        for arg in node.args:
            self.expr(arg, depth + 1)
        if node.keywords:
            keyword = node.keywords[0]
            raise ExprError("expr.check.call_3", piece=self.piece(keyword),
                            value=keyword.col_offset + 1)
        arity = FUNCTIONS[name]
        if len(node.args) != arity:
            raise ExprError("expr.check.call_4", name=name, arity=arity,
                            len_args=len(node.args), column=column)

    def piece(self, node: ast.AST) -> str:
        return piece(self.source, node)


def _constant(node: ast.expr) -> float | None:
    """The value of a constant exponent (a number, a signed one, or a power of those),
    else None. Python floats, never big integers; inner exponents are already capped."""
    match node:
        case ast.Constant(value=value):
            return as_float(value)
        case ast.UnaryOp(op=op, operand=operand):
            value = _constant(operand)
            return None if value is None else UNARY[type(op)](value)
        case ast.BinOp(left=left, op=ast.Pow(), right=right):
            base, exponent = _constant(left), _constant(right)
            if base is None or exponent is None:
                return None
            try:
                return math.pow(base, exponent)
            except OverflowError:
                return math.inf
            except ValueError:  # a negative base to a fractional power
                return math.nan
    return None

