"""Run a line the lesson expects to fail, and keep the error it really raised.

Some of the book's lines fail on today's PyTorch and pandas (``inputs.fillna(inputs.mean())``
with a text column), and some lessons fail on purpose (``y.backward()`` twice, shapes that
do not broadcast). Either way the step shows the library's own words, so the line runs for
real, on the installed versions, and its error becomes the step's value.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from prelim_cli.core.values import Raised

T = TypeVar("T")


def attempt(call: Callable[..., T], *args: Any) -> T | Raised:
    """``call(*args)``, or the error it raised as a ``Raised`` value (``Raised.of`` says how
    its message is kept).

    Any ``Exception`` counts, since which one a library raises for a line changes between
    versions, and so does a ``FutureWarning``, raised as an error: a line that only warns
    today is the one that fails after the next release, and the warning says what to write
    instead. ``KeyboardInterrupt`` and ``SystemExit`` are not caught: they still stop prelim.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", FutureWarning)
            return call(*args)
    except Exception as error:
        return Raised.of(error)
