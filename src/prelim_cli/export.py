"""Take the demos home: a runnable script, a notebook, a Markdown page or a web page.

Built from the same Demo objects the commands render, so an export can never
drift from what the command showed. The exported code is the session code made
runnable as a file: a step whose value the session would echo gets ``print``;
a step that shows an error on purpose is wrapped in ``try``/``except``.

A notebook keeps what each step showed as its cell's output, so it reads complete before
anyone runs it: ``text/plain`` exactly as the repr format shows it, prelim's tables and
data frames also as ``text/html``, figures as ``image/svg+xml`` (``outputs=False``: code
cells without outputs). A web page is the table format as a terminal draws it (rich's own
HTML of the same renderer), with the figures inline: one file, nothing fetched.
"""

from __future__ import annotations

import ast
import html
import json
import re
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

from prelim_cli.core.demo import Demo, Step
from prelim_cli.core.files import write_text
from prelim_cli.core.values import NO_VALUE, FrameValue, Printed, Raised, TableValue
from prelim_cli.i18n import Texts
from prelim_cli.render.repr import value_text

SUFFIXES = (".py", ".ipynb", ".md", ".html")
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


def to_notebook(sections: Sequence[Section], texts: Texts, outputs: bool = True) -> str:
    cells = [_cell("markdown", "# Dive into Deep Learning, chapter 2\n\nExported by `prelim`."),
             _cell("code", "\n".join(imports(sections)))]
    for heading, demos in sections:
        cells.append(_cell("markdown", f"## {heading}"))
        for demo in demos:
            drawn = figures(demo) if outputs else {}
            for step in demo.steps:
                label, explanation = texts.step(step.key, step.params)
                cells.append(_cell("markdown", f"**{label}** — {explanation}"))
                cells.append(_cell("code", runnable(step, echo=False)))
                if outputs:
                    cells[-1]["outputs"] = cell_outputs(step, drawn.get(id(step), []))
    count = 0
    for number, cell in enumerate(cells):
        cell["id"] = f"cell-{number}"
        if outputs and cell["cell_type"] == "code":
            count += 1  # numbered as if run from the top, as a saved notebook is
            cell["execution_count"] = count
            for output in cell["outputs"]:
                if output["output_type"] == "execute_result":
                    output["execution_count"] = count
    notebook = {"nbformat": 4, "nbformat_minor": 5, "cells": cells, "metadata": {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"}}}
    return json.dumps(notebook, ensure_ascii=False, indent=1) + "\n"


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source}
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def cell_outputs(step: Step, svgs: Sequence[str]) -> list[dict]:
    """What the cell showed when the step ran: the echoed value (a table also as HTML),
    what it printed, the error it shows on purpose (printed by its try/except), figures."""
    value, outputs = step.value, []
    text = value_text(value)
    if isinstance(value, (Printed, Raised)):
        outputs.append({"output_type": "stream", "name": "stdout", "text": text + "\n"})
    elif text is not None:
        data = {"text/plain": text}
        if isinstance(value, (TableValue, FrameValue)):
            data["text/html"] = html_table(value)
        # prelim's own table follows a comment, which echoes nothing: it is displayed
        outputs.append({"output_type": "display_data", "data": data, "metadata": {}}
                       if isinstance(value, TableValue) else
                       {"output_type": "execute_result", "data": data, "metadata": {},
                        "execution_count": None})
    outputs += [{"output_type": "display_data", "metadata": {},
                 "data": {"image/svg+xml": svg, "text/plain": "<Figure>"}} for svg in svgs]
    return outputs


def html_table(value: TableValue | FrameValue) -> str:
    """A table as HTML: a data frame with its index first, as pandas shows it in Jupyter."""
    index = getattr(value, "index", None)
    head = ([""] if index is not None else []) + [str(c) for c in value.columns]
    rows = [([index[i]] if index is not None else []) + list(row)
            for i, row in enumerate(value.rows)]

    def cell(v, tag: str = "td") -> str:
        shown = "NaN" if v is None or v != v else v if isinstance(v, str) else repr(v)
        return f"<{tag}>{html.escape(shown)}</{tag}>"

    return ('<table class="dataframe">\n<thead><tr>' + "".join(cell(c, "th") for c in head)
            + "</tr></thead>\n<tbody>\n" + "".join(
                "<tr>" + "".join(cell(v) for v in row) + "</tr>\n" for row in rows)
            + "</tbody>\n</table>")


def figures(demo: Demo) -> dict[int, list[str]]:
    """id(step) -> the SVG text of the figures the demo drew at that step: the step whose
    ``path`` names the file, else the demo's last step."""
    drawn: dict[int, list[str]] = {}
    for file in demo.files:
        if file.path.suffix.lower() != ".svg" or file.companions:
            continue
        step = next((s for s in demo.steps if str(s.params.get("path")) == str(file.path)),
                    demo.steps[-1] if demo.steps else None)
        if step is not None:
            drawn.setdefault(id(step), []).append(_svg_text(file.write))
    return drawn


def _svg_text(write) -> str:
    """The figure's SVG as its file would hold it, without the XML prologue (so it can sit
    inside HTML, and no DTD is fetched)."""
    with tempfile.TemporaryDirectory(prefix="prelim-") as folder:
        tmp = Path(folder) / "picture.svg"
        write(tmp)
        text = tmp.read_text(encoding="utf-8")
    return text[text.find("<svg"):]


def to_html(sections: Sequence[Section], texts: Texts, outputs: bool = True) -> str:
    """One page, as the table format shows it on a terminal, figures inline; no scripts,
    nothing fetched. The tour's set-up steps are shown once per section, as on a terminal."""
    import io

    from rich.console import Console
    from rich.terminal_theme import MONOKAI

    from prelim_cli.core.env import Output
    from prelim_cli.render.table import Renderer
    from prelim_cli.tour import echoes

    title = "Dive into Deep Learning, chapter 2" if len(sections) > 1 else sections[0][0]
    body = []
    for heading, demos in sections:
        console = Console(record=True, file=io.StringIO(), width=100, force_terminal=True,
                          color_system="truecolor", highlight=False, soft_wrap=False,
                          emoji=False)
        stops = [(n, demo, step) for n, (demo, step) in
                 enumerate(((d, s) for d in demos for s in d.steps), 1)]
        found = echoes(stops)
        renderer = Renderer(texts, True, Output(), console=console,
                            echoes={id(step): found[n] for n, _, step in stops if n in found})
        drawn = {k: v for demo in demos for k, v in figures(demo).items()}
        body.append("<section>" + (f"\n<h2>{html.escape(heading)}</h2>" if len(sections) > 1
                                   else ""))
        for number, demo, step in stops:
            renderer.step(number, demo, step)
            shown = console.export_html(theme=MONOKAI, inline_styles=True, code_format="{code}")
            body.append(f'<pre class="step">{shown.strip(chr(10))}</pre>')
            body += [f'<figure class="figure">{svg}</figure>' for svg in drawn.get(id(step), [])]
        body.append("</section>")
    return PAGE.format(lang="zh-Hans" if texts.lang == "zh" else "en", title=html.escape(title),
                       body="\n".join(body))


PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="prelim">
<title>{title}</title>
<style>
body {{ background: #272822; color: #f8f8f2; margin: 0 auto; max-width: 64rem; padding: 1rem;
       font-family: system-ui, sans-serif; }}
h1, h2 {{ font-weight: 600; }}
h2 {{ border-bottom: 1px solid #75715e; padding-bottom: .2rem; margin-top: 2.5rem; }}
pre.step {{ font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
           font-size: 15px; line-height: 1.15; margin: 0 0 .9rem; overflow-x: auto; }}
figure.figure {{ background: #fff; border-radius: 4px; display: inline-block;
                margin: .2rem 0 1rem 3ch; padding: .5rem; }}
figure.figure svg {{ height: auto; max-width: 100%; }}
</style>
</head>
<body>
<h1>{title}</h1>
{body}
</body>
</html>
"""

EXPORTERS = {".py": to_script, ".md": to_markdown, ".ipynb": to_notebook, ".html": to_html}
KEEPS_OUTPUTS = (".ipynb", ".html")  # the exporters that take outputs=


def write_export(path: str | Path, sections: Sequence[Section], lang: str,
                 outputs: bool = True) -> str:
    """Write the export (the target was checked with files.check_target before the run);
    the line that says what was written, in the reader's language."""
    suffix, texts = Path(path).suffix.lower(), Texts(lang)
    options = {"outputs": outputs} if suffix in KEEPS_OUTPUTS else {}
    text = EXPORTERS[suffix](sections, texts, **options)
    write_text(path, text)
    if suffix == ".ipynb":
        return texts.step("files.wrote_cells", {"path": path,
                                                "cells": len(json.loads(text)["cells"])})[0]
    if suffix == ".html":
        steps = sum(len(demo.steps) for _, demos in sections for demo in demos)
        return texts.step("files.wrote_page", {"path": path, "steps": steps,
                                               "figures": text.count("<figure ")})[0]
    return texts.step("files.wrote_lines", {"path": path, "lines": text.count("\n")})[0]
