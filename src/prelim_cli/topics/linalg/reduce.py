"""§2.3.6 Reduction (降维): sum and mean along axes, keepdims, cumulative sums."""

from __future__ import annotations

import math
import re

import torch

from prelim_cli.core.attempt import attempt
from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.core.values import Raised
from prelim_cli.parse.shape import shape_text
from prelim_cli.topics.broadcast.rules import align, alignment_table
from prelim_cli.topics.linalg.basics import demo_on_A, need_float, need_rank, stops


def parse_axes(text: str) -> list[int]:
    """``--axis 0`` / ``1`` / ``0,1`` / ``[0, 1]`` / ``-1`` -> the axes, in the order given."""
    body = text.strip()
    if body.startswith(("(", "[")) and body.endswith((")", "]")):
        body = body[1:-1]
    parts = [p.strip() for p in body.split(",")]
    if not all(re.fullmatch(r"[-+]?\d+", p) for p in parts):
        raise PrelimError("linalg.reduce.parse_axes", text=text)
    axes = [int(p) for p in parts]
    if len(set(axes)) != len(axes):
        raise PrelimError("linalg.reduce.parse_axes_2", text=text)
    return axes


def check_axes(axes: list[int], tensor: torch.Tensor, name: str = "A") -> None:
    """The range PyTorch accepts, said with the fix."""
    rank = tensor.dim()
    if rank == 0:
        raise PrelimError("linalg.reduce.check_axes", name=name)
    wrong = [a for a in axes if not -rank <= a < rank]
    if wrong:
        raise PrelimError("linalg.reduce.check_axes_2", wrong=wrong[0], name=name,
                          shape=shape_text(tensor.shape), rank=rank, value=rank - 1)
    normal = {a % rank for a in axes}  # 1 and -1 are the same axis of a matrix
    if len(normal) != len(axes):
        raise PrelimError("linalg.reduce.check_axes_3", map=','.join(map(str, axes)), name=name)


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


# ---------------------------------------------------------------- sum and mean

def total(a: str | None = None, shape: str | None = None, axis: str | None = None,
          keepdims: bool = False, svg: str | None = None, lang: str = "en") -> Demo:
    """``A.sum()`` and ``A.sum(axis=...)``: which axes vanish from the shape. With the book's
    A and no ``--axis``, the book's vector sum ``x.sum()`` comes first. ``svg``: the picture
    of the one sum ``--axis`` asks for, to this file."""
    demo = Demo("linalg sum")
    results = {}  # each sum, by its code
    if a is None and shape is None and axis is None:
        x = torch.arange(4, dtype=torch.float32)
        results["x.sum()"] = demo.add("linalg.sum_vector", "x = torch.arange(4, dtype="
                                      "torch.float32)\nx, x.sum()", (x, x.sum()))[1]
    demo, A = demo_on_A("linalg sum", a, shape, demo)
    keep = ", keepdims=True" if keepdims else ""
    with stops(demo):
        choices = _axes_of(axis, A)
        if axis is None:
            results["A.sum()"] = demo.add("linalg.sum_all", "A.shape, A.sum()",
                                          (A.shape, A.sum()))[1]
        for axes in choices:
            result = A.sum(axis=dims(axes), keepdims=keepdims)
            results[f"A.sum(axis={axis_code(axes)}{keep})"] = result
            params = {"axis": axis_code(axes), "shape": shape_text(result.shape)}
            if len(axes) == 1:
                name = f"A_sum_axis{axes[0] % A.dim()}"
                demo.add("linalg.sum_axis_keep" if keepdims else "linalg.sum_axis",
                         f"{name} = A.sum(axis={axes[0]}{keep})\n{name}, {name}.shape",
                         (result, result.shape), **params)
            else:
                demo.add("linalg.sum_axes_keep" if keepdims else "linalg.sum_axes",
                         f"A.sum(axis={axis_code(axes)}{keep})", result, **params)
        if svg is not None:
            from prelim_cli.topics.linalg.figure import check_drawable, draw_sum

            check_drawable(tuple(A.shape))
            call = f"A.sum(axis={axis_code(axes)}{keep})"
            demo.produce(svg, "figure", draw_sum(A.tolist(), result.tolist(),
                                                 sorted(a % A.dim() for a in axes), keepdims,
                                                 call, lang))
            demo.add("linalg.sum_svg", f"# picture of {call} written to {svg}", path=svg)
        demo.headline(results=results)
    return demo


def mean(a: str | None = None, shape: str | None = None, axis: str | None = None) -> Demo:
    """``A.mean()`` is ``A.sum() / A.numel()``; along an axis, divide by that axis's length."""
    demo, A = demo_on_A("linalg mean", a, shape)
    with stops(demo):
        need_float(A, "A", "A.mean()", '"[[1.0, 2.0], [3.0, 4.0]]"')
        choices = [parse_axes(axis)] if axis is not None else [[0]] if A.dim() else []
        for axes in choices:
            check_axes(axes, A)
        results = {}  # each mean, by its code
        if axis is None:
            results["A.mean()"], results["A.sum() / A.numel()"] = demo.add(
                "linalg.mean_all", "A.mean(), A.sum() / A.numel()",
                (A.mean(), A.sum() / A.numel()), n=A.numel())
        for axes in choices:
            count = " * ".join(f"A.shape[{a}]" for a in axes)
            if len(axes) > 1:
                count = f"({count})"
            n = math.prod(A.shape[a] for a in axes)
            ax = axis_code(axes)
            mean_code, sum_code = f"A.mean(axis={ax})", f"A.sum(axis={ax}) / {count}"
            results[mean_code], results[sum_code] = demo.add(
                "linalg.mean_axis", f"{mean_code}, {sum_code}",
                (A.mean(axis=dims(axes)), A.sum(axis=dims(axes)) / n), axis=ax, n=n)
        demo.headline(results=results)
    return demo


# ---------------------------------------------------------------- keepdims

def keepdims(a: str | None = None, shape: str | None = None) -> Demo:
    """``A / A.sum(axis=1, keepdims=True)`` divides each row by its sum; the chapter's exercise
    ``A / A.sum(axis=1)`` fails, or, where the shapes happen to broadcast, does something else."""
    demo, A = demo_on_A("linalg keepdims", a, shape)
    with stops(demo):
        need_rank(A, "A", 2, Message("linalg.rank.rows"), Message("linalg.hint.matrix_example"))
        reduced = A.sum(axis=1)
        sum_A = demo.add("linalg.keepdims_sum", "sum_A = A.sum(axis=1, keepdims=True)\nsum_A",
                         A.sum(axis=1, keepdims=True), shape=shape_text(reduced.shape),
                         kept=shape_text((A.shape[0], 1)))
        zero = bool((sum_A == 0).any())  # 0 / 0 and x / 0: those rows cannot add up to 1
        ratios = demo.add("linalg.keepdims_divide_zero" if zero else "linalg.keepdims_divide",
                          "A / sum_A", A / sum_A)
        params = {"a": shape_text(A.shape), "s": shape_text(reduced.shape),
                  "kept": shape_text(sum_A.shape)}
        wrong = attempt(lambda: A / reduced)
        if isinstance(wrong, Raised):  # the lesson: PyTorch's own words, then why
            demo.add("linalg.keepdims_fails", "A / A.sum(axis=1)", wrong)
            demo.extra["without_keepdims"] = "error"
            al = align([tuple(A.shape), tuple(reduced.shape)])
            i, j = al.failing.clash
            demo.add("linalg.keepdims_why", "# A.shape and A.sum(axis=1).shape, from the right",
                     alignment_table(al, ("A", "A.sum(axis=1)"), "A / A.sum(axis=1)"),
                     left=al.failing.sizes[i], right=al.failing.sizes[j], **params)
            return demo
        outcome = _without_keepdims(wrong, ratios)
        demo.extra["without_keepdims"] = outcome
        demo.add(WITHOUT_KEEPDIMS[outcome], "A / A.sum(axis=1)", wrong,
                 result=shape_text(wrong.shape), **params)
    return demo


# When A / A.sum(axis=1) runs, what it did: the step that says so.
WITHOUT_KEEPDIMS = {"wrong shape": "linalg.keepdims_outer", "wrong axis": "linalg.keepdims_silent",
                    "same values": "linalg.keepdims_lucky"}


def _without_keepdims(wrong: torch.Tensor, right: torch.Tensor) -> str:
    """What ``A / A.sum(axis=1)`` did when it ran: a (n, 1) A gives an (n, n) table, a square
    A divides column j by the sum of row j, and one row (or equal row sums) gives the right
    values by luck."""
    if wrong.shape != right.shape:
        return "wrong shape"
    same = (wrong == right) | (wrong.isnan() & right.isnan())
    return "same values" if bool(same.all()) else "wrong axis"


# ---------------------------------------------------------------- cumsum

def cumsum(a: str | None = None, shape: str | None = None, axis: int = 0) -> Demo:
    demo, A = demo_on_A("linalg cumsum", a, shape)
    with stops(demo):
        if A.dim() == 0:
            raise PrelimError("linalg.reduce.cumsum")
        check_axes([axis], A)
        demo.headline(result=demo.add("linalg.cumsum", f"A.cumsum(axis={axis})",
                                      A.cumsum(axis=axis), axis=axis))
    return demo
