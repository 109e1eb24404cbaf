"""Rich rendering for people: highlighted code, tensors as grids, one block per step."""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import product
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from prelim_cli.core.demo import Demo
from prelim_cli.core.env import Output
from prelim_cli.core.nested import at, flatten, map_leaves
from prelim_cli.core.numbers import format_numbers
from prelim_cli.core.values import (
    NO_VALUE,
    FrameValue,
    Printed,
    Raised,
    ReprValue,
    TableValue,
    TensorValue,
    TupleValue,
)
from prelim_cli.i18n import Texts
from prelim_cli.render.console import make_console
from prelim_cli.render.prose import Prose

MAX_ROWS, MAX_COLS, MAX_SLICES = 12, 12, 6
CODE = Syntax("", "python", theme="ansi_dark", background_color="default")


def _style(raw: Any, marked: bool) -> str:
    if marked:
        return "bold reverse yellow"
    if raw is True:
        return "green"
    if raw is False:
        return "red"
    if isinstance(raw, float) and not math.isfinite(raw):
        return "bold magenta"
    return ""


def _element(text: str, raw: Any, marked: bool) -> Text:
    """A grid cell; changed cells are bracketed too, so they show without colour."""
    return Text(f"[{text}]" if marked else text, style=_style(raw, marked))


class _Grid:
    """A tensor's rows as a grid that fits the width it is given: when the columns do not
    all fit, the first and the last ones are shown around a "…" column, as torch prints."""

    def __init__(self, rows: list[list[Any]], marks: list[list[bool]] | None,
                 texts: list[list[str]]) -> None:
        self.rows, self.marks, self.texts = rows[:MAX_ROWS], marks, texts
        self.more_rows = len(rows) > MAX_ROWS

    def columns(self, width: int) -> list[int | None]:
        ncols = len(self.rows[0]) if self.rows else 0
        need = [max(len(self.texts[r][c]) + 2 for r in range(len(self.rows))) + 3
                for c in range(ncols)]  # brackets of a marked cell, padding, border
        if ncols <= MAX_COLS and sum(need) + 1 <= width:
            return list(range(ncols))
        head, tail, used, i, j = [], [], 1 + 4, 0, ncols - 1  # 4: the "…" column
        while i <= j and len(head) + len(tail) < MAX_COLS - 1:
            if used + need[i] > width:
                break
            head.append(i)
            used, i = used + need[i], i + 1
            if i <= j and used + need[j] <= width:
                tail.insert(0, j)
                used, j = used + need[j], j - 1
        return [*head, None, *tail]

    def __rich_console__(self, console: Console, options):
        shown = self.columns(options.max_width)
        grid = Table(show_header=False, box=box.ROUNDED, padding=(0, 1), show_edge=True)
        for _ in shown:
            grid.add_column(justify="right", no_wrap=True)
        for r, row in enumerate(self.rows):
            grid.add_row(*(Text("…") if c is None else
                           _element(self.texts[r][c], row[c], bool(self.marks and
                                                                    self.marks[r][c]))
                           for c in shown))
        if self.more_rows:
            grid.add_row(*(["⋮"] * len(shown)))
        yield grid


def tensor_view(value: TensorValue, words: Mapping[str, str] | None = None) -> RenderableType:
    header = [value.kind, f"shape {tuple(value.shape)!r}", value.dtype]
    if value.requires_grad:
        header.append("requires_grad=True")
    if value.grad_fn:
        header.append(f"grad_fn={value.grad_fn}")
    parts: list[RenderableType] = [Text(" · ".join(header), style="dim")]
    parts.append(_tensor_body(value.shape, value.data, value.mark, words))
    if value.grad is not None:
        parts.append(Text("grad", style="dim"))
        parts.append(_tensor_body(value.shape, value.grad, None, words))
    return Group(*parts)


def _tensor_body(shape: tuple[int, ...], data: Any, mark: Any,
                 words: Mapping[str, str] | None = None) -> RenderableType:
    words = words or {}
    data, mark = _shown_part(shape, data), _shown_part(shape, mark)
    strings = iter(format_numbers(list(flatten(data))))
    as_text = map_leaves(lambda _: next(strings), data)
    if len(shape) == 0:
        return Text(as_text, style=_style(data, bool(mark)))
    if 0 in shape:
        return Text(words.get("(empty)", "(empty)"), style="dim")
    if len(shape) == 1:
        return _Grid([data], [mark] if mark else None, [as_text])
    if len(shape) == 2:
        return _Grid(data, mark, as_text)
    blocks: list[RenderableType] = []
    leading = list(product(*(range(n) for n in shape[:-2])))
    for idx in leading[:MAX_SLICES]:
        label = "[" + ", ".join(map(str, idx)) + ", :, :]"
        blocks.append(Text(label, style="dim"))
        blocks.append(_Grid(at(data, idx), at(mark, idx) if mark else None, at(as_text, idx)))
    if len(leading) > MAX_SLICES:
        more = words.get("more slices", "… {n} more slices")
        blocks.append(Text(more.format(n=len(leading) - MAX_SLICES), style="dim"))
    return Group(*blocks)


def _shown_part(shape: tuple[int, ...], data: Any) -> Any:
    """At most the rows, slices and (first and last) columns a grid can show, so a big
    tensor is not formatted element by element for nothing."""
    if data is None or len(shape) == 0:
        return data

    def cut(block: Any, depth: int) -> Any:
        if depth == len(shape) - 1:  # a row: its first and last columns
            return block if len(block) <= 2 * MAX_COLS else block[:MAX_COLS] + block[-MAX_COLS:]
        limit = MAX_ROWS + 1 if depth == len(shape) - 2 else MAX_SLICES + 1
        return [cut(b, depth + 1) for b in block[:limit]]

    return cut(data, 0)


def _cell_text(v: Any) -> Text:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return Text("NaN", style="bold magenta")
    return Text(str(v), style=_style(v, False))


def frame_view(value: FrameValue) -> RenderableType:
    # A wide frame shows its first and last columns around "…", as pandas prints it.
    n = len(value.columns)
    shown = list(range(n)) if n <= MAX_COLS else \
        [*range(MAX_COLS // 2), None, *range(n - MAX_COLS // 2 + 1, n)]
    table = Table(box=box.SIMPLE_HEAVY, header_style="bold")
    table.add_column("", style="dim")
    for c in shown:
        header = Text("…") if c is None else Text.assemble(str(value.columns[c]), "\n",
                                                             (value.dtypes[c], "dim"))
        table.add_column(header, justify="right")
    for i, row in list(zip(value.index, value.rows))[:MAX_ROWS * 2]:
        table.add_row(Text(str(i)), *(Text("…") if c is None else _cell_text(row[c])
                                      for c in shown))
    if len(value.rows) > MAX_ROWS * 2:
        table.add_row("…", *(["⋮"] * len(shown)))
    return table


def table_view(value: TableValue, words: Mapping[str, str] | None = None) -> RenderableType:
    """A demo's own table; its column headers in the reader's language (``WORDS``)."""
    table = Table(box=box.SIMPLE_HEAVY, header_style="bold")
    for name in value.columns:
        shown = (words or {}).get(name, name) if isinstance(name, str) else name
        table.add_column(Text(str(shown)))  # user text (a CSV header) is never rich markup
    for row in value.rows:
        table.add_row(*(_cell_text(v) if not isinstance(v, str) else Text(v) for v in row))
    return table


def value_view(value: Any, texts: Texts | None = None, code: str = "") -> RenderableType | None:
    """How a value shows in a table; ``texts`` gives headers and labels in the reader's
    language, ``code`` the line that made it (a tuple's elements are named after it)."""
    if value is NO_VALUE:
        return None
    if value is None:  # a step whose value is None (x.grad before backward), not a NaN cell
        return Text("None", style="dim")
    if isinstance(value, TensorValue):
        return tensor_view(value, texts.words if texts else None)
    if isinstance(value, FrameValue):
        return frame_view(value)
    if isinstance(value, TableValue):
        return table_view(value, texts.words if texts else None)
    if isinstance(value, TupleValue):
        return _tuple_view(value, texts, code)
    if isinstance(value, Printed):
        return Text(value.text)
    if isinstance(value, Raised):
        return Text(value.repr, style="bold red")
    if isinstance(value, ReprValue):
        return Text(value.repr)
    return _cell_text(value) if not isinstance(value, str) else Text(repr(value))


def _tuple_view(value: TupleValue, texts: Texts | None, code: str) -> RenderableType:
    """Each element under its name: the expressions of the code's last line (``x, y``), or
    its index in the tuple when the line does not name them one by one."""
    names = _expressions(code.splitlines()[-1] if code else "")
    if len(names) != len(value.items):
        names = [f"[{i}]" for i in range(len(value.items))]
    parts: list[RenderableType] = []
    for name, item in zip(names, value.items):
        view = value_view(item, texts)
        if view is not None:
            parts += [Text(name, style="bold dim"), view]
    return Group(*parts)


def _expressions(line: str) -> list[str]:
    """``X[-1], X[1:3]`` -> ["X[-1]", "X[1:3]"]: split at the commas outside brackets."""
    names, depth, start = [], 0, 0
    for i, char in enumerate(line):
        depth += (char in "([{") - (char in ")]}")
        if char == "," and depth == 0:
            names.append(line[start:i].strip())
            start = i + 1
    return [*names, line[start:].strip()]


def print_step(console: Console, texts: Texts, number: int, step, show_code: bool) -> None:
    label, explanation = texts.step(step.key, step.params)
    parts: list[RenderableType] = []
    if show_code:
        code = CODE.highlight(step.code)
        code.rstrip()
        code.no_wrap, code.overflow = False, "fold"  # a long line folds; it is never cut
        parts.append(code)
    view = value_view(step.value, texts, step.code)
    if view is not None:
        parts.append(view)
    parts.append(Prose(explanation, style="italic cyan"))
    console.print()
    console.print(Prose(f"{number}. {label}", style="bold blue"))
    for part in parts:  # one at a time, so short lines are not padded to the widest
        console.print(Padding(part, (0, 0, 0, 3), expand=False))


class Renderer:
    """Rich blocks: a numbered step is its label, code, value and explanation (a verdict's
    step, its label alone)."""

    def __init__(self, texts: Texts, show_code: bool, out: Output, **json_only) -> None:
        self.texts, self.show_code = texts, show_code
        self.console = make_console(out)
        self.shown: Demo | None = None  # the demo whose heading was printed last

    def demo(self, demo: Demo) -> None:
        if not demo.verdict:
            self.console.print(Text(f"prelim {demo.command}", style="bold"))
        self.shown = demo

    def section(self, section) -> None:
        title, intro = self.texts.step(section.key, {})
        self._rule(f"§{section.number} {title}", intro)

    def step(self, number: int, demo: Demo, step) -> None:
        if self.shown is not demo:
            self.console.print()
            self.demo(demo)
        if demo.verdict:
            self.console.print(Text(self.texts.step(step.key, step.params)[0]))
            return
        print_step(self.console, self.texts, number, step, self.show_code)

    def end(self, error: str | None) -> None:
        pass

    def end_tour(self, finished: bool) -> None:
        if finished:
            self._rule(*self.texts.step("tour.end", {}))

    def _rule(self, title: str, text: str) -> None:
        self.console.print()
        self.console.print(Rule(Text(title, style="bold")))
        self.console.print(Prose(text, style="italic"))
