"""Take the demos home: a runnable script, a notebook, or a Markdown page.

Built from the same Demo objects the commands render, so an export can never
drift from what the command showed. The exported code is the session code made
runnable as a file: a step whose value the session would echo gets ``print``;
a step that shows an error on purpose is wrapped in ``try``/``except``.
"""

from __future__ import annotations

import ast
import json
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

from prelim_cli.core.demo import Demo, Step
from prelim_cli.core.files import write_text
from prelim_cli.core.values import NO_VALUE, Printed, Raised
from prelim_cli.i18n import Texts
from prelim_cli.render.repr import value_text

SUFFIXES = (".py", ".ipynb", ".md")
Section = tuple[str, Sequence[Demo]]  # (heading, demos)

IMPORTS = [("torch.", "import torch"), ("pd.", "import pandas as pd"),
           ("np.", "import numpy as np"), ("math.", "import math")]


def imports(sections: Sequence[Section]) -> list[str]:
    code = "\n".join(step.code for _, demos in sections for demo in demos for step in demo.steps)
    return [line for prefix, line in IMPORTS if re.search(rf"\b{re.escape(prefix)}", code)]


def runnable(step: Step, echo: bool = True) -> str:
    """The step's code as it runs in a file; ``echo`` prints what the session would show."""
    value = step.value
    if isinstance(value, Raised):
        return ("try:\n" + textwrap.indent(step.code, "    ") +
                "\nexcept Exception as err:  # the lesson: this fails\n"
                "    print(f'{type(err).__name__}: {err}')")
    if not echo or value is NO_VALUE or value is None or isinstance(value, Printed):
        return step.code
    body = ast.parse(step.code).body
    if not body:  # only a comment: prelim's own explanatory table, kept as comments
        shown = value_text(value) or ""
        return "\n".join([step.code, *(f"# {line}" for line in shown.splitlines())])
    last = body[-1]
    if not isinstance(last, ast.Expr):
        return step.code
    lines = step.code.splitlines()
    expression = ast.get_source_segment(step.code, last.value)  # without a trailing comment
    if isinstance(last.value, ast.Tuple):  # `x + y, x - y` echoes one tuple
        expression = f"({expression})"
    shown = f"print(repr({expression}))" if isinstance(value, str) else f"print({expression})"
    return "\n".join(lines[:last.lineno - 1] + [shown])


def to_script(sections: Sequence[Section], texts: Texts) -> str:
    out = ['"""Dive into Deep Learning, chapter 2, exported by prelim."""', "",
           *imports(sections)]
    for heading, demos in sections:
        out += ["", "", f"# {'=' * 70}", f"# {heading}", f"# {'=' * 70}"]
        for demo in demos:
            for step in demo.steps:
                label, explanation = texts.step(step.key, step.params)
                out += ["", f"# {label}", *(f"# {line}" for line in textwrap.wrap(explanation, 76)),
                        runnable(step)]
    return "\n".join(out) + "\n"


def to_markdown(sections: Sequence[Section], texts: Texts) -> str:
    out = ["# Dive into Deep Learning, chapter 2", ""]
    for heading, demos in sections:
        out += [f"## {heading}", ""]
        for demo in demos:
            for number, step in enumerate(demo.steps, 1):
                label, explanation = texts.step(step.key, step.params)
                out += [f"### {number}. {label}", "", explanation, "", "```python", step.code,
                        "```", ""]
                shown = value_text(step.value)
                if shown is not None:
                    out += ["```text", shown, "```", ""]
    return "\n".join(out)


def to_notebook(sections: Sequence[Section], texts: Texts) -> str:
    cells = [_cell("markdown", "# Dive into Deep Learning, chapter 2\n\nExported by `prelim`."),
             _cell("code", "\n".join(imports(sections)))]
    for heading, demos in sections:
        cells.append(_cell("markdown", f"## {heading}"))
        for demo in demos:
            for step in demo.steps:
                label, explanation = texts.step(step.key, step.params)
                cells.append(_cell("markdown", f"**{label}** — {explanation}"))
                cells.append(_cell("code", runnable(step, echo=False)))
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
    notebook = {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}}}
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


EXPORTERS = {".py": to_script, ".md": to_markdown, ".ipynb": to_notebook}


def write_export(path: str | Path, sections: Sequence[Section], lang: str) -> Path:
    """Write the export; the target was checked with files.check_target before the run."""
    return write_text(path, EXPORTERS[Path(path).suffix.lower()](sections, Texts(lang)))
