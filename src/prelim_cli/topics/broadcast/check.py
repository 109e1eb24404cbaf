"""``prelim broadcast SHAPES --check``: the verdict alone, for scripts.

Only the rule (``broadcast.rules``) runs: no tensor is built and torch is not
imported, so a script can ask about any shapes, however large, in milliseconds.
"""

from __future__ import annotations

from prelim_cli.core.demo import Demo
from prelim_cli.core.values import ReprValue
from prelim_cli.parse.shape import shape_text
from prelim_cli.topics.broadcast.rules import (
    NAMES,
    align,
    failure_message,
    find_fix,
    headline,
    parse_operands,
)


def check(texts: list[str]) -> Demo:
    """One step when the shapes broadcast (the result shape); else the failure message as
    the error, exit 1, as the full demo fails."""
    shapes = parse_operands(texts)
    al = align(shapes)
    demo = Demo("broadcast", extra=headline(al), verdict=True)
    if al.result is None:
        names = NAMES[:len(shapes)]
        raise demo.fail(failure_message(al, names, find_fix(shapes, names)))
    spelled = [shape_text(s) for s in shapes]
    demo.add("broadcast.check", f"torch.broadcast_shapes({', '.join(spelled)})",
             _torch_size(al.result), shapes=", ".join(spelled[:-1]), last=spelled[-1],
             shape=shape_text(al.result))
    return demo


def _torch_size(shape: tuple[int, ...]) -> ReprValue:
    """What torch.broadcast_shapes returns, written out without importing torch."""
    text = f"torch.Size({list(shape)})"
    return ReprValue(text, list(shape), text)
