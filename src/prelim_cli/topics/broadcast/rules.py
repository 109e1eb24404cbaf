"""The broadcasting rule of §2.1.4, in plain Python (no torch).

Axis by axis from the right: equal sizes stay; a size 1 is stretched to the other
size (even to 0); a missing axis counts as 1; any other pair of sizes is
incompatible. ``align`` applies it, so the alignment table, the JSON fields and
the error message all come from one place; ``find_fix`` finds the fewest size-1
axes that make a failing set of shapes broadcast. The demo (``broadcast.demo``)
then runs the same shapes through PyTorch for real, and ``linalg.reduce`` uses the
table to explain why a sum without keepdims does not divide back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.core.values import TableValue
from prelim_cli.parse.shape import parse_shape, shape_text

MISSING = "(1)"  # how the table shows an axis an operand does not have: it counts as 1
NAMES = "abcdefgh"
MAX_OPERANDS = len(NAMES)


def parse_operands(texts: list[str]) -> list[tuple[int, ...]]:
    """The shapes typed, two to eight of them; no size cap: a shape alone costs nothing."""
    if len(texts) < 2:
        got = f"only {texts[0]!r}" if texts else "none"
        raise PrelimError("broadcast.rules.parse_operands", got=got)
    if len(texts) > MAX_OPERANDS:
        raise PrelimError("broadcast.rules.parse_operands_2", len_texts=len(texts),
                          MAX_OPERANDS=MAX_OPERANDS, NAMES=NAMES[0], NAMES2=NAMES[-1])
    return [parse_shape(text) for text in texts]


# ---------------------------------------------------------------- the rule

@dataclass(frozen=True)
class Axis:
    right: int  # -1, -2, ... as PyTorch's messages count
    left: int  # 0, 1, ... in the result
    sizes: tuple[int | None, ...]  # one per operand; None: the operand has no such axis
    size: int | None  # the result's size; None when incompatible
    clash: tuple[int, int] | None  # two operands whose sizes differ and neither is 1


@dataclass(frozen=True)
class Alignment:
    shapes: tuple[tuple[int, ...], ...]
    axes: tuple[Axis, ...]  # from the right (-1 first), stopping at the first clash

    @property
    def failing(self) -> Axis | None:
        return self.axes[-1] if self.axes and self.axes[-1].clash else None

    @property
    def result(self) -> tuple[int, ...] | None:
        if self.failing:
            return None
        return tuple(axis.size for axis in reversed(self.axes))


def align(shapes: list[tuple[int, ...]]) -> Alignment:
    """Apply the broadcasting rule right to left, as torch.broadcast_shapes does."""
    ndim = max(map(len, shapes))
    axes = []
    for k in range(1, ndim + 1):
        sizes = tuple(shape[-k] if k <= len(shape) else None for shape in shapes)
        real = [(i, n) for i, n in enumerate(sizes) if n is not None and n != 1]
        clash = next(((real[0][0], i) for i, n in real if n != real[0][1]), None)
        size = None if clash else (real[0][1] if real else 1)
        axes.append(Axis(-k, ndim - k, sizes, size, clash))
        if clash:
            break
    return Alignment(tuple(shapes), tuple(axes))


def headline(al: Alignment) -> dict:
    """The top-level JSON fields of a broadcast, from the rule alone."""
    result = al.result
    return {"compatible": result is not None,
            "result_shape": list(result) if result is not None else None,
            "failing_axis": al.failing.right if al.failing else None,
            "in_place": result == al.shapes[0]}


def rule_text(axis: Axis, names: Sequence[str]) -> str:
    """``=`` equal sizes; ``b: 1→3`` b's size 1 stretched; ``b: (1)→3`` missing; ``✗ 3≠2``."""
    if axis.clash:
        i, j = axis.clash
        return f"✗ {axis.sizes[i]}≠{axis.sizes[j]}"
    groups: dict[str, list[str]] = {}
    for i, n in enumerate(axis.sizes):
        if n is None:
            groups.setdefault(MISSING, []).append(names[i])
        elif n != axis.size:
            groups.setdefault("1", []).append(names[i])
    if not groups:
        return "="
    return "; ".join(f"{', '.join(who)}: {src}→{axis.size}" for src, who in groups.items())


def alignment_table(al: Alignment, names: Sequence[str], expr: str) -> TableValue:
    """Shapes right-aligned, one column per axis (``-1 (2)``: from the right, from the left)."""
    axes = list(reversed(al.axes))  # left to right, as the shapes are written
    columns = ["axis", *(f"{a.right} ({a.left})" for a in axes)]
    rows = [[f"{names[i]} {shape_text(shape)}",
             *(MISSING if a.sizes[i] is None else a.sizes[i] for a in axes)]
            for i, shape in enumerate(al.shapes)]
    rows.append([expr, *("✗" if a.clash else a.size for a in axes)])
    rows.append(["rule", *(rule_text(a, names) for a in axes)])
    return TableValue(columns, rows)


# ---------------------------------------------------------------- failure and fix

@dataclass(frozen=True)
class Fix:
    index: int  # which operand gets trailing size-1 axes
    added: int  # how many
    shape: tuple[int, ...]  # its new shape
    result: tuple[int, ...]  # what everything then broadcasts to
    keepdims: tuple[str, str] | None  # (operand, reduction) giving that shape directly

    def applied(self, shapes: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
        return [self.shape if k == self.index else s for k, s in enumerate(shapes)]

    def code(self, names: str) -> str:
        name = names[self.index]
        if self.added == 1:
            return f"{name}.unsqueeze(-1)"
        return f"{name}.reshape({shape_text(self.shape)})"


def find_fix(shapes: list[tuple[int, ...]], names: str) -> Fix | None:
    """The fewest size-1 axes appended to one lower-rank operand that make all shapes
    broadcast: the usual bug is a reduction that dropped its axis (forgot keepdims)."""
    ndim = max(map(len, shapes))
    for k in range(1, ndim):
        for i, shape in enumerate(shapes):
            if len(shape) + k > ndim:
                continue
            new = shape + (1,) * k
            result = align([*shapes[:i], new, *shapes[i + 1:]]).result
            if result is not None:
                return Fix(i, k, new, result, _keepdims(shapes, i, new, names))
    return None


def _keepdims(shapes: list[tuple[int, ...]], index: int, new: tuple[int, ...],
              names: str) -> tuple[str, str] | None:
    """``("a", "a.sum(axis=1, keepdims=True)")`` when ``new`` is another operand's shape
    with its last axes summed away but kept as size 1."""
    kept = len(shapes[index])
    for j, other in enumerate(shapes):
        if j != index and len(other) == len(new) and other[:kept] == shapes[index]:
            dims = tuple(range(kept, len(new)))
            axis = str(dims[0]) if len(dims) == 1 else str(dims)
            return names[j], f"{names[j]}.sum(axis={axis}, keepdims=True)"
    return None


def failure_message(al: Alignment, names: str, fix: Fix | None) -> Message:
    axis = al.failing
    i, j = axis.clash
    operands = [f"{names[k]} {shape_text(s)}" for k, s in enumerate(al.shapes)]
    who = Message("broadcast.rules.who", first=names[i], second=names[j]) \
        if len(al.shapes) > 2 else ""
    hint = ""
    if fix:
        name = names[fix.index]
        keepdims = Message("broadcast.rules.keepdims", name=name, source=fix.keepdims[0],
                           code=fix.keepdims[1]) if fix.keepdims else ""
        hint = Message("broadcast.rules.fix", code=fix.code(names), name=name,
                       shape=shape_text(fix.shape), result=shape_text(fix.result),
                       keepdims=keepdims)
    return Message("broadcast.rules.failure", listed=", ".join(operands[:-1]),
                   last=operands[-1], axis=axis.right, first=axis.sizes[i],
                   second=axis.sizes[j], who=who, fix=hint)
