"""§2.3.6 Reduction (降维): sum and mean along axes, keepdims, cumulative sums."""

from __future__ import annotations

import math
import re

import torch

from prelim_cli.demo import Demo, PrelimError
from prelim_cli.topics.build import shape_text
from prelim_cli.topics.linalg import book_A, need_float, operand, stops
from prelim_cli.values import TableValue


def parse_axes(text: str) -> list[int]:
    """``--axis 0`` / ``1`` / ``0,1`` / ``[0, 1]`` / ``-1`` -> the axes, in the order given."""
    body = text.strip()
    if body.startswith(("(", "[")) and body.endswith((")", "]")):
        body = body[1:-1]
    parts = [p.strip() for p in body.split(",")]
    if not all(re.fullmatch(r"[-+]?\d+", p) for p in parts):
        raise PrelimError(f"malformed --axis {text!r}: write one axis like 0 or -1, or several "
                          "separated by commas like 0,1")
    axes = [int(p) for p in parts]
    if len(set(axes)) != len(axes):
        raise PrelimError(f"--axis {text!r} names an axis twice; name each axis once, like 0,1")
    return axes


def check_axes(axes: list[int], tensor: torch.Tensor, name: str = "A") -> None:
    """The range PyTorch accepts, said with the fix."""
    rank = tensor.dim()
    if rank == 0:
        raise PrelimError(f"{name} is a 0-d tensor (a scalar): it has no axis to reduce; drop "
                          "--axis or give a vector or a matrix")
    wrong = [a for a in axes if not -rank <= a < rank]
    if wrong:
        raise PrelimError(f"axis {wrong[0]} is out of range for {name} of shape "
                          f"{shape_text(tensor.shape)} ({tensor.dim()} axes): use 0 to "
                          f"{rank - 1}, or -{rank} to -1 counting from the end")
    normal = {a % rank for a in axes}  # 1 and -1 are the same axis of a matrix
    if len(normal) != len(axes):
        raise PrelimError(f"--axis {','.join(map(str, axes))} names the same axis of {name} "
                          "twice (a negative axis counts from the end); name each axis once")


def axis_code(axes: list[int]) -> str:
    return str(axes[0]) if len(axes) == 1 else "[" + ", ".join(map(str, axes)) + "]"


def dims(axes: list[int]) -> int | list[int]:
    """What the code passes: ``axis=0`` for one axis, ``axis=[0, 1]`` for several."""
    return axes[0] if len(axes) == 1 else axes


def _axes_of(text: str | None, A: torch.Tensor) -> list[list[int]]:
    """The axis choices a demo shows: the user's, or each axis then all of them (the book)."""
    if text is not None:
        axes = parse_axes(text)
        check_axes(axes, A)
        return [axes]
    every = [[i] for i in range(A.dim())]
    return every + ([list(range(A.dim()))] if A.dim() > 1 else [])


def _start(command: str, a: str | None, shape: str | None) -> tuple[Demo, torch.Tensor]:
    A, code = operand(a, shape, book_A())
    demo = Demo(command)
    demo.add("linalg.A", f"A = {code}\nA", A, shape=shape_text(A.shape))
    return demo, A


# ---------------------------------------------------------------- sum and mean

def total(a: str | None = None, shape: str | None = None, axis: str | None = None,
          keepdims: bool = False) -> Demo:
    """``A.sum()`` and ``A.sum(axis=...)``: which axes vanish from the shape."""
    demo, A = _start("linalg sum", a, shape)
    keep = ", keepdims=True" if keepdims else ""
    with stops(demo):
        choices = _axes_of(axis, A)
        if axis is None:
            demo.add("linalg.sum_all", "A.shape, A.sum()", (A.shape, A.sum()))
        for axes in choices:
            result = A.sum(axis=dims(axes), keepdims=keepdims)
            params = {"axis": axis_code(axes), "shape": shape_text(result.shape),
                      "key": "_keep" if keepdims else ""}
            if len(axes) == 1:
                name = f"A_sum_axis{axes[0] % A.dim()}"
                demo.add("linalg.sum_axis" + params.pop("key"),
                         f"{name} = A.sum(axis={axes[0]}{keep})\n{name}, {name}.shape",
                         (result, result.shape), **params)
            else:
                demo.add("linalg.sum_axes" + params.pop("key"),
                         f"A.sum(axis={axis_code(axes)}{keep})", result, **params)
    return demo


def mean(a: str | None = None, shape: str | None = None, axis: str | None = None) -> Demo:
    """``A.mean()`` is ``A.sum() / A.numel()``; along an axis, divide by that axis's length."""
    demo, A = _start("linalg mean", a, shape)
    with stops(demo):
        need_float(A, "A", "A.mean()", '"[[1.0, 2.0], [3.0, 4.0]]"')
        choices = [parse_axes(axis)] if axis is not None else [[0]] if A.dim() else []
        for axes in choices:
            check_axes(axes, A)
        if axis is None:
            demo.add("linalg.mean_all", "A.mean(), A.sum() / A.numel()",
                     (A.mean(), A.sum() / A.numel()), n=A.numel())
        for axes in choices:
            count = " * ".join(f"A.shape[{a}]" for a in axes)
            if len(axes) > 1:
                count = f"({count})"
            n = math.prod(A.shape[a] for a in axes)
            ax = axis_code(axes)
            demo.add("linalg.mean_axis", f"A.mean(axis={ax}), A.sum(axis={ax}) / {count}",
                     (A.mean(axis=dims(axes)), A.sum(axis=dims(axes)) / n), axis=ax, n=n)
    return demo


# ---------------------------------------------------------------- keepdims

def keepdims(a: str | None = None, shape: str | None = None) -> Demo:
    """``A / A.sum(axis=1, keepdims=True)`` works; the chapter's exercise ``A / A.sum(axis=1)``
    fails (or, for a square A, silently divides along the wrong axis)."""
    demo, A = _start("linalg keepdims", a, shape)
    with stops(demo):
        if A.dim() < 2:
            raise PrelimError(f"this demo sums along axis 1, which A of shape "
                              f"{shape_text(A.shape)} does not have; give a matrix such as "
                              "\"[[1.0, 2.0], [3.0, 4.0]]\"")
        sum_A = demo.add("linalg.keepdims_sum", "sum_A = A.sum(axis=1, keepdims=True)\nsum_A",
                         A.sum(axis=1, keepdims=True), shape=shape_text(A.sum(axis=1).shape),
                         kept=shape_text(A.sum(axis=1, keepdims=True).shape))
        demo.add("linalg.keepdims_divide", "A / sum_A", A / sum_A)
        reduced = A.sum(axis=1)
        params = {"a": shape_text(A.shape), "s": shape_text(reduced.shape),
                  "kept": shape_text(sum_A.shape)}
        try:
            wrong = A / reduced
        except RuntimeError as err:  # the lesson: PyTorch's own words, then why
            demo.add("linalg.keepdims_fails", "A / A.sum(axis=1)", err)
            demo.extra["without_keepdims"] = "error"
            left, right = _first_clash(A.shape, reduced.shape)
            demo.add("linalg.keepdims_why", "# A.shape and A.sum(axis=1).shape, from the right",
                     _alignment(A.shape, reduced.shape), left=left, right=right, **params)
        else:
            demo.add("linalg.keepdims_silent", "A / A.sum(axis=1)", wrong, **params)
            demo.extra["without_keepdims"] = "wrong axis"
    return demo


def _aligned(shape: torch.Size, width: int) -> list[int | None]:
    """Broadcasting compares shapes from the right: pad on the left."""
    return [None] * (width - len(shape)) + list(shape)


def _alignment(a: torch.Size, b: torch.Size) -> TableValue:
    width = max(len(a), len(b))
    left, right = _aligned(a, width), _aligned(b, width)
    fits = ["✓" if x is None or y is None or x == y or 1 in (x, y) else "✗"
            for x, y in zip(left, right)]
    return TableValue(["", *(f"shape[{i - width}]" for i in range(width))], [
        ["A", *("" if x is None else x for x in left)],
        ["A.sum(axis=1)", *("" if y is None else y for y in right)],
        ["", *fits],
    ])


def _first_clash(a: torch.Size, b: torch.Size) -> tuple[int, int]:
    """The rightmost pair of sizes that neither match nor is 1."""
    for x, y in zip(reversed(a), reversed(b)):
        if x != y and 1 not in (x, y):
            return x, y
    raise AssertionError("shapes broadcast")  # only called after PyTorch refused them


# ---------------------------------------------------------------- cumsum

def cumsum(a: str | None = None, shape: str | None = None, axis: int = 0) -> Demo:
    demo, A = _start("linalg cumsum", a, shape)
    with stops(demo):
        check_axes([axis], A)
        demo.add("linalg.cumsum", f"A.cumsum(axis={axis})", A.cumsum(axis=axis), axis=axis)
    return demo
