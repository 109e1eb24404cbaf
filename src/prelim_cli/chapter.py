"""The chapter, listed once: the sections of *Dive into Deep Learning* chapter 2 in book order.

Everything that knows about sections reads this module: the order of ``prelim --help``,
which command modules the CLI loads, the tour's sections, ``--from`` choices and export
headings, and the doctor's checks. It stays light (no torch at import): a demo the tour
plays is named here as a topic function with the book's arguments, and built only when
played, by calling the same function the command calls.

Adding a section is one entry here (see CONTRIBUTING.md).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Play:
    """One demo of the tour: ``prelim_cli.topics.<topic>.<function>(*args, **kwargs)``."""

    topic: str
    function: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    figure: tuple[str, str] | None = None  # (keyword, file name): the SVG it draws

    def build(self, figures: str | None = None):
        """The demo; with ``figures`` (tour --figures DIR), it draws its figure there."""
        module = importlib.import_module(f"prelim_cli.topics.{self.topic}")
        kwargs = dict(self.kwargs)
        if self.figure and figures is not None:
            keyword, name = self.figure
            kwargs[keyword] = str(Path(figures) / name)
        return getattr(module, self.function)(*self.args, **kwargs)


def play(spec: str, *args: Any, figure: tuple[str, str] | None = None, **kwargs: Any) -> Play:
    """``play("linalg.reduce:total")`` -> the tour plays ``topics.linalg.reduce.total()``;
    ``figure=("svg", "2.6-convergence.svg")`` -> with --figures DIR, also ``svg=DIR/...``."""
    topic, _, function = spec.partition(":")
    return Play(topic, function, args, kwargs, figure)


@dataclass(frozen=True)
class Section:
    number: str  # the book's numbering: 2.3
    name: str  # what users type: prelim tour linalg
    key: str  # the catalog entry of its title and introduction
    commands: tuple[str, ...]  # the command modules that serve it: prelim_cli.cli.<command>
    tour: tuple[Play, ...]  # the demos the tour plays, in the page's order


SECTIONS = (
    Section("2.1", "data", "section.data", ("tensor", "broadcast"), (
        play("tensor:arange", 12), play("tensor:reshape", [3, 4]),
        play("tensor:filled", "zeros", [2, 3, 4]), play("tensor:filled", "ones", [2, 3, 4]),
        play("tensor:randn", [3, 4], 0),
        play("tensor:new", "[[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]"),
        play("tensor:ops"), play("tensor:exp"), play("tensor:cat"), play("tensor:compare"),
        play("tensor:total"),
        # the book's own a (3, 1) and b (1, 2), then a pair with three axes
        play("broadcast.demo:broadcast", ["3,1", "1,2"], figure=("svg", "2.1-broadcast.svg")),
        play("broadcast.demo:broadcast", ["3,1,3", "1,3,1"],
             figure=("svg", "2.1-broadcast-3d.svg")),
        play("tensor:index", []), play("tensor:assign", []), play("tensor:memory"),
        play("tensor:convert"),
    )),
    Section("2.2", "preprocess", "section.preprocess", ("preprocess",), (
        play("preprocess:run"),
    )),
    Section("2.3", "linalg", "section.linalg", ("linalg",), (
        play("linalg.basics:scalar"), play("linalg.basics:vector"), play("linalg.basics:matrix"),
        play("linalg.basics:symmetric"), play("linalg.basics:tensor"),
        play("linalg.basics:elementwise"),
        play("linalg.reduce:total"), play("linalg.reduce:mean"), play("linalg.reduce:keepdims"),
        play("linalg.reduce:cumsum"),
        play("linalg.products:dot"), play("linalg.products:mv"), play("linalg.products:mm"),
        play("linalg.products:norm"),
    )),
    Section("2.4", "calculus", "section.calculus", ("derivative",), (
        play("calculus.derivative:book", figure=("plot", "2.4-tangent.svg")),
    )),
    Section("2.5", "autograd", "section.autograd", ("autograd",), (
        # the book's order: 2 * dot(x, x), then x.sum(), then the non-scalar x * x
        play("autograd.lessons:gradient"), play("autograd.lessons:gradient", "sum(x)"),
        play("autograd.lessons:gradient", "x*x"),
        play("autograd.lessons:accumulate"), play("autograd.lessons:detach"),
        play("autograd.lessons:control_flow", 0),
        # the page's exercise: f = sin(x) and its derivative, by autograd, drawn
        play("autograd.lessons:plot", figure=("svg", "2.5-sin.svg")),
    )),
    Section("2.6", "probability", "section.probability", ("probability",), (
        play("probability:sample", 0),
        play("probability:converge", 0, figure=("svg", "2.6-convergence.svg")),
        play("probability:bayes"),
    )),
    Section("2.7", "docs", "section.docs", ("docs",), (
        play("docs:lookup", "torch.distributions"), play("docs:lookup", "torch.ones"),
    )),
)
TOOLS = ("tour", "doctor", "schema")  # commands for the whole chapter, listed after the sections'
COMMANDS = (*(command for section in SECTIONS for command in section.commands), *TOOLS)
NAMES = tuple(section.name for section in SECTIONS)


def section(name: str) -> Section:
    """The section users call ``name``."""
    return next(s for s in SECTIONS if s.name == name)


def find(text: str) -> Section | None:
    """The section ``text`` names: its name (linalg), its number (2.3) or its title in
    either language (Linear algebra, 线性代数), ignoring case and a leading §."""
    from prelim_cli.i18n import LANGS, catalog

    wanted = text.strip().removeprefix("§").casefold()
    for s in SECTIONS:
        titles = {catalog(lang)[s.key][0].casefold() for lang in LANGS}
        if wanted in {s.name, s.number} | titles:
            return s
    return None


def sections(name: str | None = None, figures: str | None = None) -> list[tuple[Section, list]]:
    """The sections to play (all, or the one named), each with its demos built; with
    ``figures``, a folder, each demo that draws a figure writes its SVG there."""
    chosen = [s for s in SECTIONS if name in (None, s.name)]
    return [(s, [demo.build(figures) for demo in s.tour]) for s in chosen]
