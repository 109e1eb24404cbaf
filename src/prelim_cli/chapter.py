"""The chapter, listed once: the sections of *Dive into Deep Learning* chapter 2 in book order.

Everything that knows about sections reads this module: the order of ``prelim --help``,
which command modules the CLI loads, the tour's sections, ``--from`` choices and export
headings, and the doctor's checks. It stays light (no torch at import): a demo the tour
plays is named here as a topic function with the book's arguments, and built only when
played, by calling the same function the command calls.

Each section has a page per edition of the book (d2l-zh and d2l-en): its title, and its
subsections as that edition orders and numbers them, each with the demos the tour plays.
Adding a section is one entry here (see CONTRIBUTING.md).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
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
        from pathlib import Path  # not at import: --help reads this module

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
class Part:
    """A subsection as one edition numbers it (2.1.3 in d2l-zh is 2.1.4 in d2l-en), with the
    demos the tour plays from it. A demo that walks the whole page (§2.2) is in a part with
    no number of its own."""

    number: str | None
    key: str | None  # the catalog entry of its title
    tour: tuple[Play, ...]


def part(number: str | None, key: str | None, *plays: Play) -> Part:
    return Part(number, key, plays)


@dataclass(frozen=True)
class Page:
    """A section as one edition prints it: its title, its parts and the demos they play."""

    number: str  # the same in both editions: 2.3
    name: str  # what users type: prelim tour linalg
    key: str  # the catalog entry of its title and introduction, in this edition
    parts: tuple[Part, ...]

    @property
    def tour(self) -> tuple[Play, ...]:
        return tuple(play for p in self.parts for play in p.tour)


@dataclass(frozen=True)
class Section:
    number: str  # the book's numbering, the same in both editions: 2.3
    name: str  # what users type: prelim tour linalg
    commands: tuple[str, ...]  # the command modules that serve it: prelim_cli.cli.<command>
    editions: dict[str, tuple[str, tuple[Part, ...]]]  # edition -> (title key, parts)

    def page(self, edition: str) -> Page:
        key, parts = self.editions[edition]
        return Page(self.number, self.name, key, parts)

    @property
    def keys(self) -> set[str]:
        """Every catalog key of its titles, in both editions."""
        return {k for key, parts in self.editions.values()
                for k in (key, *(p.key for p in parts)) if k}


EDITIONS = ("zh", "en")  # d2l-zh and d2l-en, read at the commits below


def edition_for(lang: str) -> str:
    """The edition a reader gets unless they choose: zh reads d2l-zh, any other d2l-en."""
    return "zh" if lang == "zh" else "en"

# The subsections as each edition orders and numbers them, read from
# chapter_preliminaries/*.md of d2l-zh e6b18ccea71451a55fcd861d7b96fddf2587b09a and
# d2l-en 23d7a5aecceee57d1292c56e90cce307f183bb0a. A part is shared where the two
# editions have the same subsection (its number may differ).
_START = (play("tensor:arange", 12), play("tensor:reshape", [3, 4]),
          play("tensor:filled", "zeros", [2, 3, 4]), play("tensor:filled", "ones", [2, 3, 4]),
          play("tensor:randn", [3, 4], 0),
          play("tensor:new", "[[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]"))
_OPS = (play("tensor:ops"), play("tensor:exp"), play("tensor:cat"), play("tensor:compare"),
        play("tensor:total"))
# the book's own a (3, 1) and b (1, 2), then a pair with three axes
_BROADCAST = (play("broadcast.demo:broadcast", ["3,1", "1,2"], figure=("svg", "2.1-broadcast.svg")),
              play("broadcast.demo:broadcast", ["3,1,3", "1,3,1"],
                   figure=("svg", "2.1-broadcast-3d.svg")))
_INDEX = (play("tensor:index", []), play("tensor:assign", []))
_LINALG = (("section.linalg_scalars", play("linalg.basics:scalar")),
           ("section.linalg_vectors", play("linalg.basics:vector")),
           ("section.linalg_matrices", play("linalg.basics:matrix"),
            play("linalg.basics:symmetric")),
           ("section.linalg_tensors", play("linalg.basics:tensor")),
           ("section.linalg_properties", play("linalg.basics:elementwise")))
_PRODUCTS = (("section.linalg_dot", play("linalg.products:dot")),
             ("section.linalg_mv", play("linalg.products:mv")),
             ("section.linalg_mm", play("linalg.products:mm")),
             ("section.linalg_norms", play("linalg.products:norm")))
_REDUCE = (play("linalg.reduce:total"), play("linalg.reduce:mean"))
_NON_REDUCE = (play("linalg.reduce:keepdims"), play("linalg.reduce:cumsum"))
_AUTOGRAD = (
    # the book's order: 2 * dot(x, x), then x.sum() (with the gradient zeroed in between),
    # then the non-scalar x * x
    ("section.autograd_simple", play("autograd.lessons:gradient"),
     play("autograd.lessons:gradient", "sum(x)"), play("autograd.lessons:accumulate")),
    ("section.autograd_non_scalar", play("autograd.lessons:gradient", "x*x")),
    ("section.autograd_detach", play("autograd.lessons:detach")),
    ("section.autograd_control_flow", play("autograd.lessons:control_flow", 0)))
_DOCS = (("section.docs_module", play("docs:lookup", "torch.distributions")),
         ("section.docs_function", play("docs:lookup", "torch.ones")))


def numbered(number: str, *parts: tuple) -> tuple[Part, ...]:
    """Parts numbered 2.3.1, 2.3.2, ... in the order given: (title key, plays...) each."""
    return tuple(part(f"{number}.{n}", key, *plays) for n, (key, *plays) in enumerate(parts, 1))


SECTIONS = (
    Section("2.1", "data", ("tensor", "broadcast"), {
        "zh": ("section.data", numbered(
            "2.1", ("section.data_start", *_START), ("section.data_ops", *_OPS),
            ("section.data_broadcast", *_BROADCAST), ("section.data_index", *_INDEX),
            ("section.data_memory", play("tensor:memory")),
            ("section.data_convert", play("tensor:convert")))),
        "en": ("section.data", numbered(
            "2.1", ("section.data_start", *_START), ("section.data_index", *_INDEX),
            ("section.data_ops", *_OPS), ("section.data_broadcast", *_BROADCAST),
            ("section.data_memory", play("tensor:memory")),
            ("section.data_convert", play("tensor:convert")))),
    }),
    # one demo walks the whole page: d2l-zh fills NaN before get_dummies, d2l-en after
    Section("2.2", "preprocess", ("preprocess",), {
        "zh": ("section.preprocess", (part(None, None, play("preprocess:run")),)),
        "en": ("section.preprocess", (part(None, None, play("preprocess.roof:page")),)),
    }),
    Section("2.3", "linalg", ("linalg",), {
        # d2l-zh's 降维 holds the non-reduction sum; d2l-en gives it a subsection of its own
        "zh": ("section.linalg", numbered(
            "2.3", *_LINALG, ("section.linalg_reduction", *_REDUCE, *_NON_REDUCE), *_PRODUCTS)),
        "en": ("section.linalg", numbered(
            "2.3", *_LINALG, ("section.linalg_reduction", *_REDUCE),
            ("section.linalg_non_reduction", *_NON_REDUCE), *_PRODUCTS)),
    }),
    Section("2.4", "calculus", ("derivative",), {
        edition: ("section.calculus", numbered(
            "2.4", ("section.calculus_derivatives",
                    play("calculus.derivative:book", figure=("plot", "2.4-tangent.svg")))))
        for edition in EDITIONS}),
    Section("2.5", "autograd", ("autograd",), {
        # the page's exercise, f = sin(x) and its derivative drawn, plays last
        edition: ("section.autograd", (*numbered("2.5", *_AUTOGRAD), part(None, None, play(
            "autograd.lessons:plot", figure=("svg", "2.5-sin.svg")))))
        for edition in EDITIONS}),
    Section("2.6", "probability", ("probability",), {
        # d2l-zh rolls a die, d2l-en tosses a coin; both end on the medical test
        "zh": ("section.probability", numbered(
            "2.6", ("section.probability_basics", play("probability:sample", 0),
                    play("probability:converge", 0, figure=("svg", "2.6-convergence.svg"))),
            ("section.probability_multiple", play("probability:bayes")))),
        "en": ("section.probability_statistics", (
            part("2.6.1", "section.probability_coins", play("probability:sample", 0, coin=True),
                 play("probability:converge", 0, coin=True,
                      figure=("svg", "2.6-convergence.svg"))),
            part("2.6.5", "section.probability_example", play("probability:bayes")))),
    }),
    Section("2.7", "docs", ("docs",), {
        edition: ("section.docs", numbered("2.7", *_DOCS)) for edition in EDITIONS}),
)
# commands for the whole chapter, listed after the sections'
TOOLS = ("tour", "learn", "why", "doctor", "schema", "shell", "server")
COMMANDS = (*(command for section in SECTIONS for command in section.commands), *TOOLS)
NAMES = tuple(section.name for section in SECTIONS)


def section(name: str) -> Section:
    """The section users call ``name``."""
    return next(s for s in SECTIONS if s.name == name)


def find(text: str) -> Section | None:
    """The section ``text`` names: its name (linalg), its number (2.3) or its title in
    either language and either edition (Linear algebra, 线性代数, Probability and
    statistics), ignoring case and a leading §."""
    from prelim_cli.i18n import LANGS, catalog

    wanted = text.strip().removeprefix("§").casefold()
    for s in SECTIONS:
        titles = {catalog(lang)[key][0].casefold() for lang in LANGS
                  for key, _ in s.editions.values()}
        if wanted in {s.name, s.number} | titles:
            return s
    return None


def sections(name: str | None = None, edition: str = "en",
             figures: str | None = None) -> list[tuple[Page, list]]:
    """The sections to play (all, or the one named) as ``edition`` prints them, each with
    its demos built; with ``figures``, a folder, each demo that draws a figure writes its
    SVG there."""
    chosen = [s.page(edition) for s in SECTIONS if name in (None, s.name)]
    return [(page, [demo.build(figures) for demo in page.tour]) for page in chosen]
