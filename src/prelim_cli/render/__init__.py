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
# After each step of a tour: "next", "skip" (to the next section), "quit", or the position
# (in Tour.stops()) of the step to show next (the presenter goes back, or to a step).
Pause = Callable[[object, int], "str | int"]


def render(subject: Demo | Tour, fmt: str, lang: str, show_code: bool = True,
           out: Output | None = None, *, error: dict | None = None,
           pause: Pause | None = None, full: bool = False, files: list | None = None,
           large: bool = False) -> None:
    """Write ``subject`` in format ``fmt``. Every renderer gets the same settings and uses
    what concerns it: ``error`` ({"message", "code"} of a failed request), ``files`` (what
    the run wrote) and ``full`` (no summaries of large tensors) are part of a JSON document;
    ``large`` (grids for a projector) and a tour's echoes (set-up shown once) concern the
    table; the CLI prints the error on stderr for every format. A demo that is a file's
    text (``demo.text``: ``prelim learn solution``) is that text alone, but in JSON."""
    from prelim_cli.core.demo import Demo
    from prelim_cli.core.env import Output
    from prelim_cli.i18n import Texts

    out = out or Output.from_env()
    if isinstance(subject, Demo) and subject.text is not None and fmt != "json" \
            and error is None:
        return verbatim(subject.text, out)
    echoes = {} if isinstance(subject, Demo) else subject.echoes()
    renderer = importlib.import_module(FORMATS[fmt][0]).Renderer(
        Texts(lang), show_code, out, full=full, files=files,
        large=large, echoes=echoes)
    if isinstance(subject, Demo):
        renderer.demo(subject)
        for number, step in enumerate(subject.steps, 1):
            renderer.step(number, subject, step)
        renderer.end(error)
        return
    stops, at, finished = subject.stops(), subject.start, True
    while at < len(stops):
        section, number, demo, step = stops[at]
        if section.stops[0][2] is step:  # a section's heading comes with its first step
            renderer.section(section)
        if number in section.parts:  # a subsection opens, as the edition numbers it
            renderer.part(section.parts[number], number)
        renderer.step(number, demo, step)
        answer = pause(section, number) if pause else "next"
        if answer == "quit":
            finished = False
            break
        if answer == "skip":
            answer = next((i for i in range(at, len(stops)) if stops[i][0] is not section),
                          len(stops))
        at = at + 1 if answer == "next" else answer
    renderer.end_tour(finished)


def verbatim(text: str, out: Output) -> None:
    """A demo that is a file's text (``prelim learn solution``): the text alone, as UTF-8
    bytes whatever the stream's encoding, so ``> file.py`` gives exactly that file."""
    out.stdout.flush()
    buffer = getattr(out.stdout, "buffer", None)
    if buffer is None:
        out.stdout.write(text)
        return
    buffer.write(text.encode("utf-8"))
    buffer.flush()
