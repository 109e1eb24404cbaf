"""The data every command produces: a Demo is an ordered list of Steps.

A step is what a learner would type (``code``), what it produced (``value``),
and which catalog entry explains it (``key`` + ``params``). Values are frozen
into plain data the moment a step is made (see ``values.freeze``), so a tensor
changed by a later step still shows what it was at its own step, and the
renderers never need torch.

A demo's files (figures, graphs, tensors) are data too: a ``File`` says what it is
and how to fill it; the command layer checks the target before the demo runs and
writes it atomically after. A demo fails in one way: it raises ``PrelimError`` -
``raise demo.fail(key, **params)`` once steps were recorded, so they are shown first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import InitVar, dataclass, field
from pathlib import Path
from typing import Any

from prelim_cli.core.errors import Message, PrelimError, UsageError
from prelim_cli.core.values import NO_VALUE, freeze

__all__ = ["Demo", "File", "Message", "PrelimError", "Step", "UsageError"]


@dataclass(frozen=True)
class Step:
    key: str
    code: str
    value: Any = NO_VALUE
    params: dict[str, Any] = field(default_factory=dict)
    mark: InitVar[Any] = None  # bool tensor of the same shape: cells to draw as changed

    def __post_init__(self, mark: Any) -> None:
        object.__setattr__(self, "value", freeze(self.value, mark=mark))


@dataclass(frozen=True)
class File:
    """A file a demo made, not yet written: ``write(tmp, *companion_tmps)`` fills temporary
    files that the command layer then renames to ``path`` and its ``companions``
    (core.files.write_atomic). A companion is a file no option names but the one that
    names ``path`` implies (y's X.y.npy next to X.npy); it is checked like ``path``."""

    path: Path
    kind: str  # what it holds: figure, graph, tensors, table, data
    write: Callable[..., None]
    read_back: Callable[[Path], None] | None = None  # a last step, from the file written
    companions: tuple[Path, ...] = ()


@dataclass
class Demo:
    command: str
    steps: list[Step] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # more top-level JSON fields
    files: list[File] = field(default_factory=list)
    verdict: bool = False  # an answer for scripts: people and sessions see its labels alone
    text: str | None = None  # a file's text that people and sessions get alone, verbatim

    def add(self, key: str, code: str, value: Any = NO_VALUE, mark: Any = None, **params: Any):
        """Record a step and hand back the live value, so demos read like a session."""
        self.steps.append(Step(key, code, value, params, mark))
        return value

    def headline(self, **fields: Any) -> None:
        """Top-level JSON fields, frozen now as a step's value is (a tensor is written as
        steps write it), so a later in-place change does not reach them."""
        self.extra.update({name: freeze(value) for name, value in fields.items()})

    def produce(self, path: str | Path, kind: str, write: Callable[..., None],
                read_back: Callable[[Path], None] | None = None,
                companions: tuple[str | Path, ...] = ()) -> None:
        """Hand a file (and the companion files written with it) to the command layer, which
        writes them once the demo is built (and then calls ``read_back`` with its path, for
        a step that shows what it holds)."""
        self.files.append(File(Path(path), kind, write, read_back,
                               tuple(map(Path, companions))))

    def fail(self, key: str | Message, **params: Any) -> PrelimError:
        """The error to raise when the lesson cannot go on: its steps are shown first."""
        return PrelimError(key, demo=self, **params)
