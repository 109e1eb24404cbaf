"""The element cap: every parser and builder asks check_size before memory is spent,
so a typo such as ``zeros 100000 100000`` is refused instead of filling the machine.
PRELIM_MAX_ELEMENTS raises or lowers the cap."""

from __future__ import annotations

import math
import os

from prelim_cli.core.errors import Message, PrelimError

DEFAULT_MAX_ELEMENTS = 10**7


def max_elements() -> int:
    raw = os.environ.get("PRELIM_MAX_ELEMENTS", "")
    if not raw:
        return DEFAULT_MAX_ELEMENTS
    try:
        cap = int(raw)
    except ValueError:
        raise PrelimError("parse.size.max_elements_2", raw=raw) from None
    if cap < 1:
        raise PrelimError("parse.size.max_elements", raw=raw)
    return cap


# What prelim builds from a file the user gave (the one-hot X of a CSV) is sized by the
# data, not by a typo: its cap is about memory, 250,000,000 elements (2 GB of float64),
# unless PRELIM_MAX_ELEMENTS sets one.
DEFAULT_MAX_DATA_ELEMENTS = 25 * 10**7


def max_data_elements() -> int:
    return max_elements() if os.environ.get("PRELIM_MAX_ELEMENTS") else DEFAULT_MAX_DATA_ELEMENTS


TENSOR = Message("size.tensor")


def check_size(shape: tuple[int, ...], what: Message = TENSOR) -> int:
    """The element count of ``shape``, refused above the cap (before allocating)."""
    count = math.prod(shape)
    cap = max_elements()
    if count > cap:
        raise PrelimError("parse.size.check_size", what=what, shape=tuple(shape), count=count,
                          cap=cap)
    return count
