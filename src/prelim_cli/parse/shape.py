"""Shapes (``3,1,3``, ``(3,1,3)``, ``3x1x3``) and positional sizes (``reshape 3 -1``):
whole numbers read by a regular expression, refused with the user's text when not."""

from __future__ import annotations

import re

from prelim_cli.core.errors import Message, PrelimError

_SHAPE_SPLIT = re.compile(r"\s*[,x×]\s*")


def parse_shape(text: str, allow_zero: bool = True) -> tuple[int, ...]:
    """``3,1,3``, ``(3,1,3)``, ``3x1x3`` -> (3, 1, 3)."""
    body = text.strip()
    if body.startswith(("(", "[")) and body.endswith((")", "]")):
        body = body[1:-1].strip().rstrip(",")
    if not body:
        raise PrelimError("parse.shape.parse_shape", text=text)
    parts = _SHAPE_SPLIT.split(body)
    sizes = []
    for part in parts:
        if not re.fullmatch(r"\d+", part):
            reason = Message("shape.size_missing") if part == "" else \
                Message("shape.not_a_size", part=part)
            raise PrelimError("parse.shape.parse_shape_2", text=text, reason=reason)
        size = int(part)
        if size == 0 and not allow_zero:
            raise PrelimError("parse.shape.parse_shape_3", text=text)
        sizes.append(size)
    return tuple(sizes)


def parse_sizes(values: list[int], allow_minus_one: bool = True,
                allow_zero: bool = False) -> tuple[int, ...]:
    """Positional size arguments such as ``reshape 3 -1``; 0 where an empty tensor is fine."""
    if not values:
        raise PrelimError("parse.shape.parse_sizes")
    if sum(v == -1 for v in values) > 1:
        raise PrelimError("parse.shape.parse_sizes_2", values=tuple(values))
    for v in values:
        if (v == -1 and allow_minus_one) or (v == 0 and allow_zero):
            continue
        if v < 0 or (v == 0 and not allow_zero):
            rule = 0 if allow_zero else 1
            hint = Message("shape.or_minus_one") if allow_minus_one else ""
            raise PrelimError("parse.shape.parse_sizes_3", v=v, values=tuple(values), rule=rule,
                              hint=hint)
    return tuple(values)


def shape_text(shape) -> str:
    """(3,) / (3, 4): how Python writes a shape tuple, the inverse of ``parse_shape``."""
    return repr(tuple(shape))
