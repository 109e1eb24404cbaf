"""``--range START:STOP[:STEP]``: the one syntax for the x values a plot draws.

Every number is read by expr.parse_number, so ``-pi:pi`` and ``0:2*pi:pi/8`` work
wherever a range does. A command reads the range one of two ways:

    with a step   torch.arange(start, stop, step): stop left out, the step given or
                  the command's default; the points are counted, and refused above the
                  command's limit and the element cap, before any memory is spent
    ends only     torch.linspace(start, end, n): both ends drawn, n chosen by the
                  command, so a step is refused
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from prelim_cli.core.errors import Message, PrelimError
from prelim_cli.expr import parse_number
from prelim_cli.parse.size import max_elements

WITH_STEP = Message("range.with_step")
ENDS_ONLY = Message("range.ends_only")


@dataclass(frozen=True)
class Range:
    """The numbers a --range names; the command makes the points and spells their code."""

    start: float
    stop: float         # the end, included when there is no step
    step: float | None  # None: the command spaces its own number of points

    @property
    def count(self) -> int | None:
        """How many points torch.arange(start, stop, step) makes: ceil((stop - start) /
        step), as torch and numpy count them."""
        return None if self.step is None else math.ceil((self.stop - self.start) / self.step)


def parse_range(text: str, step: float | None = None, limit: int | None = None) -> Range:
    """``start:stop`` or ``start:stop:step`` when the command has a default ``step``;
    ``start:end`` only when it has none. ``limit`` caps the point count below the
    element cap (PRELIM_MAX_ELEMENTS)."""
    parts = text.split(":")
    return _ends_only(text, parts) if step is None else _with_step(text, parts, step, limit)


def _numbers(text: str, parts: list[str]) -> list[float]:
    return [parse_number(part, f"--range {text}") for part in parts]


def _ends_only(text: str, parts: list[str]) -> Range:
    if len(parts) == 3:
        raise PrelimError("parse.range.ends_only", text=text, ENDS_ONLY=ENDS_ONLY)
    if len(parts) != 2:
        raise PrelimError("parse.range.ends_only_2", text=text, ENDS_ONLY=ENDS_ONLY)
    start, end = _numbers(text, parts)
    if start >= end:
        raise PrelimError("parse.range.ends_only_3", text=text)
    return Range(start, end, None)


def _with_step(text: str, parts: list[str], step: float, limit: int | None) -> Range:
    if len(parts) not in (2, 3):
        raise PrelimError("parse.range.with_step", text=text, WITH_STEP=WITH_STEP)
    start, stop, *given = _numbers(text, parts)
    grid = Range(start, stop, given[0] if given else step)
    if grid.step <= 0:
        raise PrelimError("parse.range.with_step_2", text=text)
    if start >= stop:
        raise PrelimError("parse.range.with_step_3", text=text)
    _check_count(grid, text, limit)
    return grid


def _check_count(grid: Range, text: str, limit: int | None) -> None:
    """Refuse too many points while they are still one float division: a step so small
    next to the width that the count overflows makes inf, refused like any other."""
    width = grid.stop - grid.start
    if not math.isfinite(width):
        raise PrelimError("parse.range.check_count", text=text)
    points = width / grid.step
    element_cap = max_elements()
    cap = element_cap if limit is None else min(limit, element_cap)
    if points > cap:
        many = f"{math.ceil(points):,}" if points < 1e15 else "over 10**15"
        hint = Message("range.or_raise_cap") if cap == element_cap else ""
        raise PrelimError("parse.range.check_count_2", text=text, many=many, cap=cap, hint=hint)
