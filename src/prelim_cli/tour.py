"""The tour as data, and its pauses: which steps of which sections to play, and, on a
terminal, the key pressed after each one.

On a terminal the tour waits after each step (Enter: next, s: skip to the next
section, q: quit); with --no-pause, or when stdin or stdout is not a terminal,
it runs straight through, so scripts and CI never hang on it. What is shown is
``render``'s business: the tour is rendered like any demo. ``--present`` shows it one
step per screen instead (present.py).

A set-up step the section already showed (the matrix A built again for the next demo,
the gradient zeroed again) is an echo: the table says "A as above (step 17)" instead of
drawing the same grid again (``echoes``).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from prelim_cli.chapter import Page, Part
from prelim_cli.core.demo import Demo, PrelimError, Step
from prelim_cli.core.env import Output
from prelim_cli.i18n import Texts


@dataclass
class TourSection:
    number: str
    name: str
    key: str
    stops: list[tuple[int, Demo, Step]]  # (step number in the section, its demo, the step)
    total: int  # steps in the whole section, shown or not
    parts: dict[int, Part] = field(default_factory=dict)  # step number -> the subsection it
    # opens (the first step shown of each numbered part), as the reader's edition numbers it


@dataclass
class Tour:
    sections: list[TourSection]  # what is shown, from the start point on
    played: Sequence[tuple[Page, list[Demo]]]  # (a section as the edition prints it, its
    # demos built): what --export keeps
    interactive: bool = True  # may pause after each step (not with --no-pause)
    start: int = 0  # where it starts, in stops(): --from, when the steps before it are kept
    present: bool = False  # one step per screen (prelim tour --present)
    only: str | None = None  # the section asked for (prelim tour linalg), to resume in it

    def demos(self) -> Sequence[tuple]:
        return self.played

    @property
    def files(self) -> list:
        """The files its demos made (tour --figures DIR): the command layer writes them."""
        return [file for _, demos in self.played for demo in demos for file in demo.files]

    def stops(self) -> list[tuple[TourSection, int, Demo, Step]]:
        """Every stop in tour order: (its section, its number there, its demo, the step)."""
        return [(section, number, demo, step) for section in self.sections
                for number, demo, step in section.stops]

    def echoes(self) -> dict[int, list[Echo | None]]:
        """id(step) -> per value the step shows (one, or a tuple's items), the earlier step
        of its section that already showed it, or None; only the steps with an echo."""
        return {id(step): found[number] for section in self.sections
                for found in [echoes(section.stops)]
                for number, _, step in section.stops if number in found}


def listed(tour: Tour, lang: str) -> Demo:
    """``prelim tour --list``: one step per section, its steps as a table (the number
    ``--from`` takes, the step's title, the command that plays it), so every format lists
    the same; titles in the reader's language."""
    from prelim_cli.core.values import TableValue

    texts = Texts(lang)
    demo = Demo("tour --list")
    for section in tour.sections:
        rows = [[n, texts.step(step.key, step.params)[0], f"prelim {shown.command}",
                 part_title(section.parts[n], texts) if n in section.parts else ""]
                for n, shown, step in section.stops]
        demo.add("tour.list", f"# prelim tour --from {section.name}:1",
                 TableValue(["step", "title", "command", "subsection"], rows),
                 number=section.number,
                 name=section.name, steps=len(rows), title=texts.step(section.key, {})[0])
    return demo


def part_title(part: Part, texts: Texts) -> str:
    """``§2.1.4 Broadcasting``: a subsection as the edition numbers it, in the reader's
    language."""
    return f"§{part.number} {texts.step(part.key, {})[0]}"


def parse_start(text: str | None, names: Sequence[str]) -> tuple[str, int] | None:
    """``linalg:7`` -> ("linalg", 7); ``linalg`` -> ("linalg", 1)."""
    if not text:
        return None
    name, _, number = text.partition(":")
    if name not in names:
        raise PrelimError("tour.parse_start", text=text, name=name, names=', '.join(names))
    if number and (not number.isdecimal() or int(number) < 1):
        raise PrelimError("tour.parse_start_2", text=text, name=name)
    return name, int(number or 1)


def parts_of(page: Page, demos: Sequence[Demo]) -> list[tuple[Part, list[Demo]]]:
    """The page's parts, each with its demos (built in the page's order)."""
    built, grouped = iter(demos), []
    for part in page.parts:
        grouped.append((part, [next(built) for _ in part.tour]))
    return grouped


def plan(played: Sequence[tuple[Page, list[Demo]]], start: tuple[str, int] | None = None,
         keep: bool = False) -> Tour:
    """The tour of ``played`` (pages with their demos built), from ``start`` on; with
    ``keep``, the steps before ``start`` stay in it, to go back to (--present)."""
    sections, started, at = [], start is None, 0
    for section, demos in played:
        numbered = [(part, demo, step) for part, shown in parts_of(section, demos)
                    for demo in shown for step in demo.steps]
        first = 1
        if not started:
            if section.name != start[0]:
                at += len(numbered)
                if keep:
                    sections.append(_section(section, numbered, 1))
                continue
            started, first = True, start[1]
            if first > len(numbered):
                raise PrelimError("tour.plan", name=section.name, first=first,
                                  number=section.number, len_numbered=len(numbered))
            at += first - 1
        sections.append(_section(section, numbered, 1 if keep else first))
    return Tour(sections, played, start=at if keep else 0)


def _section(page: Page, numbered: list[tuple[Part, Demo, Step]], first: int) -> TourSection:
    """A section's stops from step ``first`` on, and the subsections they open."""
    stops = [(n, demo, step) for n, (_, demo, step) in enumerate(numbered, 1) if n >= first]
    opens: dict[int, Part] = {}
    for n, (part, _, _) in enumerate(numbered, 1):
        if n >= first and part.number and part not in opens.values():
            opens[n] = part
    return TourSection(page.number, page.name, page.key, stops, len(numbered), opens)


@dataclass(frozen=True)
class Echo:
    """A value an earlier step of the section already showed: ``name`` (A), or None when
    the step's expression is not a plain name (x.grad.zero_()), and that step's number."""

    name: str | None
    step: int


def _shown(step: Step) -> list[tuple[str, object]]:
    """The values a step shows, each with the expression that made it: ``A`` -> [("A", A)];
    ``A, A + B`` -> [("A", A), ("A + B", A + B)]; [] when the code echoes nothing."""
    try:
        body = ast.parse(step.code).body
    except SyntaxError:
        return []
    if not body or not isinstance(body[-1], ast.Expr):
        return []
    last = body[-1].value
    items = getattr(step.value, "items", None)
    if isinstance(last, ast.Tuple) and items is not None and len(items) == len(last.elts):
        return [(ast.unparse(e), v) for e, v in zip(last.elts, items)]
    return [(ast.unparse(last), step.value)]


def _assigned(step: Step) -> set[str]:
    return {name.id for node in ast.walk(ast.parse(step.code)) if isinstance(node, ast.Assign)
            for target in node.targets for name in ast.walk(target)
            if isinstance(name, ast.Name)}


def _is_grid(value) -> bool:
    """A value the table draws as a grid: what is worth not drawing twice."""
    shape = getattr(value, "shape", None)
    return hasattr(value, "columns") or bool(shape) and 0 not in shape


def echoes(stops: Sequence[tuple[int, Demo, Step]]) -> dict[int, list[Echo | None]]:
    """The steps of a section that show again what an earlier one showed, as set-up: the
    same step again (same explanation, code and value: x.grad.zero_() before the next
    lesson), or a name built again with the value it had (A = torch.arange(20, ...) once
    more). A result that happens to repeat (x.grad after zeroing) is shown in full."""
    seen: dict[tuple[str, str], tuple[int, Step]] = {}  # (expression, repr) -> first showing
    found: dict[int, list[Echo | None]] = {}
    for number, _, step in stops:
        parts = _shown(step)
        marks: list[Echo | None] = []
        for expression, value in parts:
            first = seen.get((expression, repr(value)))  # the repr holds every field
            again = first is not None and _is_grid(value) and (
                expression in _assigned(step) or
                (first[1].key, first[1].code) == (step.key, step.code))
            marks.append(Echo(expression if expression.isidentifier() else None, first[0])
                         if again else None)
            seen.setdefault((expression, repr(value)), (number, step))
        if any(marks):
            found[number] = marks
    return found


def read_key() -> str:
    """One key press, without waiting for Enter. An escape sequence (an arrow key, or the
    PageDown a presentation clicker sends) comes back whole, as one key."""
    import os
    import select
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd, termios.TCSANOW)  # not the default TCSAFLUSH: keep keys typed ahead
        key = os.read(fd, 1)
        while key.startswith(b"\x1b") and select.select([fd], [], [], 0.05)[0]:
            key += os.read(fd, 16)
        return key.decode(errors="replace")
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


QUIT = {"", "q", "Q", "\x1b", "\x04"}  # q, Esc alone, Ctrl-D (or end of input)
SKIP = {"s", "S"}  # any other key (Enter, space, arrows, PageDown) goes on


def pauser(texts: Texts, out: Output, key: Callable[[], str] = read_key):
    """The pause after each step: a progress line, one key, the line erased."""

    def write(text: str) -> None:
        out.stdout.write(text)
        out.stdout.flush()

    def pause(section: TourSection, number: int) -> str:
        progress, hint = texts.step("tour.progress", {"number": section.number, "step": number,
                                                      "total": section.total})
        write(f"{progress} — {hint}")
        try:
            pressed = key()
        except KeyboardInterrupt:
            write("\n")  # leave the shell prompt on a line of its own
            raise
        write("\r\x1b[2K")  # erase the progress line
        return "quit" if pressed in QUIT else "skip" if pressed in SKIP else "next"

    return pause
