"""Nested lists, as ``tensor.tolist()`` gives a tensor's data: walked in one place.

A tensor's frozen data, gradient and marks, a figure's panels and a JSON document are
all lists of lists (of lists...) with numbers at the bottom; the renderers and the
figures read them with these three walks, in the order PyTorch prints the elements
(row-major: the last index changes fastest).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


def flatten(data: Any) -> Iterator[Any]:
    """The leaves, in row-major order; a 0-d tensor's data (one number) is its only leaf."""
    if isinstance(data, (list, tuple)):
        for item in data:
            yield from flatten(item)
    else:
        yield data


def at(data: Any, index: Sequence[int]) -> Any:
    """``data[i][j]...`` for ``index = (i, j, ...)``: the block a leading index picks out."""
    for i in index:
        data = data[i]
    return data


def map_leaves(fn: Callable[[Any], Any], data: Any) -> Any:
    """The same nesting with ``fn`` applied to every leaf (tuples become lists, as in JSON;
    a dict keeps its keys, so a whole JSON document can be walked)."""
    if isinstance(data, (list, tuple)):
        return [map_leaves(fn, item) for item in data]
    if isinstance(data, dict):
        return {key: map_leaves(fn, value) for key, value in data.items()}
    return fn(data)
