"""The one error type for "show this to the user", in a module of its own: the CLI layer
loads it at start-up, and a leaf (the expression grammar) raises it, without Step, Demo
and values."""

from __future__ import annotations

from typing import Any


class PrelimError(Exception):
    """A mistake the user can fix. The CLI prints ``Error: <message>`` and exits 1; the
    steps of ``demo``, when there are any, are rendered first (they show what went wrong)."""

    exit_code = 1

    def __init__(self, message: str, demo: Any = None) -> None:
        super().__init__(message)
        self.demo = demo


class UsageError(PrelimError):
    """Options that do not go together: exit 2, like typer's own usage errors."""

    exit_code = 2
