"""The data every command produces: a Demo is an ordered list of Steps.

A step is what a learner would type (``code``), what it produced (``value``),
and which catalog entry explains it (``key`` + ``params``). Values are frozen
into plain data the moment a step is made (see ``values.freeze``), so a tensor
changed by a later step still shows what it was at its own step, and the
renderers never need torch.
"""

from __future__ import annotations

from dataclasses import InitVar, dataclass, field
from typing import Any

from prelim_cli.core.errors import PrelimError, UsageError
from prelim_cli.core.values import NO_VALUE, freeze

__all__ = ["Demo", "PrelimError", "Step", "UsageError"]  # the errors live in core.errors


@dataclass(frozen=True)
class Step:
    key: str
    code: str
    value: Any = NO_VALUE
    params: dict[str, Any] = field(default_factory=dict)
    mark: InitVar[Any] = None  # bool tensor of the same shape: cells to draw as changed

    def __post_init__(self, mark: Any) -> None:
        object.__setattr__(self, "value", freeze(self.value, mark=mark))


@dataclass
class Demo:
    command: str
    steps: list[Step] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # more top-level JSON fields
    error: str | None = None  # shown after the steps; the command then exits 1

    def add(self, key: str, code: str, value: Any = NO_VALUE, mark: Any = None, **params: Any):
        """Record a step and hand back the live value, so demos read like a session."""
        self.steps.append(Step(key, code, value, params, mark))
        return value
