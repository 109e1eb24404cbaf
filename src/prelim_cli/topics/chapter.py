"""The chapter in book order: which demos each section of ``prelim tour`` plays.

Each entry calls the same topic function the command calls, with the book's
defaults, so the tour has no second copy of any demo.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from prelim_cli.demo import Demo
from prelim_cli.topics import (
    autograd,
    broadcast,
    calculus,
    linalg,
    linalg_products,
    linalg_reduce,
    preprocess,
    preprocess_pipeline,
    tensor,
)


@dataclass(frozen=True)
class Section:
    name: str  # what users type: prelim tour linalg
    number: str  # the book's numbering: 2.3
    demos: tuple[Callable[[], Demo], ...]

    @property
    def key(self) -> str:
        return f"section.{self.name}"


SECTIONS = (
    Section("data", "2.1", (
        partial(tensor.arange, 12), partial(tensor.reshape, [3, 4]),
        partial(tensor.filled, "zeros", [2, 3, 4]), partial(tensor.filled, "ones", [2, 3, 4]),
        partial(tensor.randn, [3, 4], 0),
        partial(tensor.new, "[[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]"),
        tensor.ops, tensor.exp, tensor.cat, tensor.compare, tensor.total,
        partial(broadcast.broadcast, ["3,1,3", "1,3,1"]),
        partial(tensor.index, []), partial(tensor.assign, []), tensor.memory, tensor.convert,
    )),
    Section("preprocess", "2.2", (
        partial(preprocess.run, None, preprocess_pipeline.Options(), example="house_tiny"),
    )),
    Section("linalg", "2.3", (
        linalg.scalar, linalg.vector, linalg.matrix, linalg.symmetric, linalg.elementwise,
        linalg_reduce.total, linalg_reduce.mean, linalg_reduce.keepdims, linalg_reduce.cumsum,
        linalg_products.dot, linalg_products.mv, linalg_products.mm, linalg_products.norm,
    )),
    Section("calculus", "2.4", (calculus.derivative,)),
    Section("autograd", "2.5", (
        autograd.gradient, partial(autograd.gradient, "x*x"), autograd.accumulate,
        autograd.detach, partial(autograd.control_flow, 0),
    )),
)
NAMES = tuple(section.name for section in SECTIONS)


def sections(name: str | None = None) -> list[tuple[Section, list[Demo]]]:
    """The sections to play (all, or the one named), each with its demos built."""
    chosen = [s for s in SECTIONS if name in (None, s.name)]
    return [(section, [build() for build in section.demos]) for section in chosen]
