"""§2.1.4 Broadcasting (广播机制): why shapes do or do not combine, with real values.

The rule itself is plain Python (``broadcast.rules``); this is the worked example:
the same shapes run through PyTorch for real, each operand expanded to the result,
PyTorch's own error when they do not combine, and the fix.
"""

from __future__ import annotations

import math
import operator
from functools import reduce

import torch

from prelim_cli.core.attempt import attempt
from prelim_cli.core.demo import Demo, Message
from prelim_cli.core.values import Raised
from prelim_cli.parse.shape import shape_text
from prelim_cli.parse.size import check_size, max_elements
from prelim_cli.topics.broadcast.rules import (
    NAMES,
    Alignment,
    align,
    alignment_table,
    failure_message,
    find_fix,
    headline,
    parse_operands,
)

OPS = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}
IN_PLACE = {"+": operator.iadd, "-": operator.isub, "*": operator.imul, "/": operator.itruediv}


def operand(shape: tuple[int, ...], divisor: bool, floats: bool) -> tuple[torch.Tensor, str]:
    """``torch.arange(n).reshape(shape)``, as the book builds a and b; a divisor counts
    from 1 so that no element is divided by zero."""
    n, start = math.prod(shape), int(divisor)
    dtype = torch.float32 if floats else torch.int64
    args = f"{start}, {start + n}" if start else f"{n}"
    dtype_code = ", dtype=torch.float32" if floats else ""
    tensor = torch.arange(start, start + n, dtype=dtype).reshape(shape)
    return tensor, f"torch.arange({args}{dtype_code}).reshape({shape_text(shape)})"


def copies(shape: tuple[int, ...], result: tuple[int, ...]) -> torch.Tensor:
    """True where the expanded operand shows a stretched copy, not one of its own elements."""
    padded = (1,) * (len(result) - len(shape)) + shape
    real = torch.ones(result, dtype=torch.bool)
    for d, (n, m) in enumerate(zip(padded, result)):
        if n != m:  # 1 stretched to m: only index 0 along d holds the real element
            first = torch.arange(m) == 0
            real &= first.reshape([m if e == d else 1 for e in range(len(result))])
    return ~real


def _fits(shape: tuple[int, ...]) -> bool:
    return math.prod(shape) <= max_elements()


def partial_results(shapes: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """``a + b + c`` runs as ``(a + b) + c``: the shape of each partial result, the last one
    being the result. A zero-size axis in ``c`` makes the result empty, yet ``a + b`` can still
    be large, so each of them is checked against the size cap."""
    return [align(shapes[:k]).result for k in range(2, len(shapes) + 1)]


def broadcast(texts: list[str], op: str = "+", svg: str | None = None,
              lang: str = "en") -> Demo:
    """The broadcast of the shapes ``texts``; ``svg``: also draw it, to this file (in the
    reader's language ``lang``), or the clash when they do not broadcast."""
    shapes = parse_operands(texts)
    for name, shape in zip(NAMES, shapes):
        check_size(shape, Message("broadcast.operand", name=name))
    names = NAMES[:len(shapes)]
    al = align(shapes)
    result = al.result
    if result is not None:
        for k, shape in enumerate(partial_results(shapes), 2):
            what = Message("broadcast.partial", expr=f" {op} ".join(names[:k]))
            check_size(shape, Message("broadcast.the_result") if k == len(shapes) else what)
        if svg:
            from prelim_cli.topics.broadcast.figure import check_drawable

            check_drawable(result)
    elif svg:
        from prelim_cli.topics.broadcast.figure import check_drawable

        check_drawable(*shapes)
    expr = f" {op} ".join(names)
    demo = Demo("broadcast", extra=headline(al))

    made = [operand(s, op == "/" and i > 0, op == "/") for i, s in enumerate(shapes)]
    tensors = [t for t, _ in made]
    code = "\n".join(f"{n} = {c}" for n, (_, c) in zip(names, made))
    demo.add("broadcast.operands_div" if op == "/" else "broadcast.operands",
             f"{code}\n{', '.join(names)}", tuple(tensors))
    demo.add("broadcast.align", "# shapes aligned on the right, one column per axis",
             alignment_table(al, names, expr))
    if result is None:
        message = _explain_failure(demo, al, names, tensors, op, expr)
        if svg:
            _draw_clash(demo, svg, al, names, tensors, expr, lang)
            message = Message("broadcast.diagram_marks", error=message, svg=svg,
                              axis=al.failing.right)
        raise demo.fail(message)

    args = ", ".join(f"{n}.shape" for n in names)
    demo.add("broadcast.shape", f"torch.broadcast_shapes({args})", torch.Size(result),
             shape=shape_text(result))
    expanded = []
    for name, tensor, shape in zip(names, tensors, shapes):
        mark = copies(shape, result)
        expanded.append((tensor.expand(result), mark))
        key = "broadcast.expand" if shape != result else "broadcast.expand_same"
        demo.add(key, f"{name}.expand({', '.join(map(str, result))})", expanded[-1][0],
                 mark=mark, name=name, shape=shape_text(result), own=shape_text(shape))
    total = demo.add("broadcast.op", expr, reduce(OPS[op], tensors), expr=expr, op=op,
                     shape=shape_text(result))
    _in_place(demo, names, tensors, op, result)
    if svg:
        from prelim_cli.i18n import Texts
        from prelim_cli.topics.broadcast.figure import Panel, draw

        size = ", ".join(map(str, result))
        panels = [Panel(f"{n} {shape_text(s)} → {n}.expand({size})", e.tolist(),
                        (~m).tolist(), result) for n, s, (e, m) in zip(names, shapes, expanded)]
        panels.append(Panel(f"{expr}  {shape_text(result)}", total.tolist(), None, result))
        title, subtitle = Texts(lang).step("figure.broadcast", {"expr": expr,
                                                                "shape": shape_text(result)})
        kinds = ["own", "copy", "result"] if any(s != result for s in shapes) \
            else ["own", "result"]
        demo.produce(svg, "figure", draw(panels, title, subtitle, kinds, lang))
        demo.add("broadcast.svg", f"# diagram written to {svg}", path=svg)
    return demo


def _draw_clash(demo: Demo, svg: str, al, names: str, tensors: list[torch.Tensor], expr: str,
                lang: str) -> None:
    """The operands as they are, the axis that does not match marked on the two that clash."""
    from prelim_cli.i18n import Texts
    from prelim_cli.topics.broadcast.figure import Panel, draw

    axis = al.failing
    i, j = axis.clash
    panels = [Panel(f"{n} {shape_text(s)}", t.reshape(s or 1).tolist(),
                    torch.ones(s or 1, dtype=torch.bool).tolist(), s or (1,),
                    len(s) + axis.right if k in (i, j) else None)
              for k, (n, s, t) in enumerate(zip(names, al.shapes, tensors))]
    sizes = f"{names[i]} {axis.sizes[i]} ≠ {names[j]} {axis.sizes[j]}"
    title, subtitle = Texts(lang).step("figure.broadcast_fail",
                                       {"expr": expr, "axis": axis.right, "sizes": sizes})
    demo.produce(svg, "figure", draw(panels, title, subtitle, ["own", "clash"], lang))


def _in_place(demo: Demo, names: str, tensors: list[torch.Tensor], op: str,
              result: tuple[int, ...]) -> None:
    """``a += b`` writes into a's memory, so it works only if the result has a's shape."""
    a = tensors[0].clone()
    lines = []
    for name, tensor in zip(names[1:], tensors[1:]):
        lines.append(f"a {op}= {name}")
        failed = attempt(IN_PLACE[op], a, tensor)
        if isinstance(failed, Raised):
            demo.add("broadcast.inplace_fails", "\n".join(lines), failed, op=op,
                     own=shape_text(tensors[0].shape), shape=shape_text(result),
                     expr=f" {op} ".join(names))
            return
    demo.add("broadcast.inplace_ok", "\n".join([*lines, "a"]), a, op=op,
             shape=shape_text(result))


def _explain_failure(demo: Demo, al: Alignment, names: str, tensors: list[torch.Tensor],
                     op: str, expr: str) -> str:
    """PyTorch's own error, then the fix when one exists; the message to fail with."""
    axis = al.failing
    i, j = axis.clash
    chained = _run_chain(tensors, op)
    if chained is not None:
        demo.add("broadcast.fails", expr, chained.as_failure(), expr=expr, axis=axis.right,
                 first=axis.sizes[i], second=axis.sizes[j])
    fix = find_fix(list(al.shapes), names)
    if fix and all(map(_fits, partial_results(fix.applied(al.shapes)))):
        fixed = [t.reshape(fix.shape) if k == fix.index else t for k, t in enumerate(tensors)]
        code = f" {op} ".join(fix.code(names) if k == fix.index else n
                              for k, n in enumerate(names))
        params = dict(name=names[fix.index], shape=shape_text(fix.shape),
                      result=shape_text(fix.result))
        if fix.keepdims:
            demo.add("broadcast.fix_keepdims", code, reduce(OPS[op], fixed),
                     keepdims=fix.keepdims[1], **params)
        else:
            demo.add("broadcast.fix", code, reduce(OPS[op], fixed), **params)
    return failure_message(al, names, fix)


def _run_chain(tensors: list[torch.Tensor], op: str) -> Raised | None:
    """Run ``a + b + c ...`` until PyTorch refuses, to show its own message; None if a
    partial result before the failure would pass the size cap (then nothing runs)."""
    shapes = [tuple(t.shape) for t in tensors]
    if not all(_fits(s) for s in partial_results(shapes) if s is not None):
        return None
    failed = attempt(reduce, OPS[op], tensors)
    return failed if isinstance(failed, Raised) else None
