"""Render a Demo or a whole tour: one entry point, one renderer per format.

Renderers never compute. Each format is a class with a few methods - a section
heading, a subsection heading, a step, the end - and ``render`` walks the subject in
the same order for all of them, so a tour is the chapter's demos rendered one after another, with a
pause (on a terminal) after each step.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # render is loaded at start-up for FORMATS: the rest only when it renders
    from prelim_cli.core.demo import Demo
    from prelim_cli.core.env import Output
    from prelim_cli.tour import Tour

# The formats --format offers: name -> (renderer module, what it is for, for --help).
FORMATS = {"table": ("prelim_cli.render.table", "for people"),
           "repr": ("prelim_cli.render.repr", "as a Jupyter cell shows it"),
           "json": ("prelim_cli.render.json", "for scripts")}
# After each step of a tour: "next", "skip" (to the next section) or "quit".
Pause = Callable[[object, int], str]


def render(subject: Demo | Tour, fmt: str, lang: str, show_code: bool = True,
           out: Output | None = None, *, error: dict | None = None,
           pause: Pause | None = None, full: bool = False, files: list | None = None) -> None:
    """Write ``subject`` in format ``fmt``. Every renderer gets the same settings and uses
    what concerns it: ``error`` ({"message", "code"} of a failed request), ``files`` (what
    the run wrote) and ``full`` (no summaries of large tensors) are part of a JSON document;
    the CLI prints the error on stderr for every format."""
    from prelim_cli.core.demo import Demo
    from prelim_cli.core.env import Output
    from prelim_cli.i18n import Texts

    renderer = importlib.import_module(FORMATS[fmt][0]).Renderer(
        Texts(lang), show_code, out or Output.from_env(), full=full, files=files)
    if isinstance(subject, Demo):
        renderer.demo(subject)
        for number, step in enumerate(subject.steps, 1):
            renderer.step(number, subject, step)
        renderer.end(error)
        return
    finished = True
    for section in subject.sections:
        renderer.section(section)
        for number, demo, step in section.stops:
            if number in section.parts:  # a subsection opens, as the edition numbers it
                renderer.part(section.parts[number], number)
            renderer.step(number, demo, step)
            answer = pause(section, number) if pause else "next"
            if answer == "quit":
                finished = False
                break
            if answer == "skip":
                break
        if not finished:
            break
    renderer.end_tour(finished)
