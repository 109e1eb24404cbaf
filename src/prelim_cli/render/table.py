"""Rich rendering for people: highlighted code, tensors as grids, one block per step."""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import product
from typing import Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.padding import Padding
from rich.rule import Rule
from rich.segment import Segment
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from prelim_cli.core.demo import Demo
from prelim_cli.core.env import Output
from prelim_cli.core.nested import at, flatten, map_leaves
from prelim_cli.core.numbers import format_numbers
from prelim_cli.core.values import (
    NO_VALUE,
    Charted,
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
NATURAL = 100_000  # the width a table is laid out in when it may take its natural width
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
                 texts: list[list[str]], pad: int = 1) -> None:
        self.rows, self.marks, self.texts, self.pad = rows[:MAX_ROWS], marks, texts, pad
        self.more_rows = len(rows) > MAX_ROWS

    def columns(self, width: int) -> list[int | None]:
        ncols = len(self.rows[0]) if self.rows else 0
        need = [max(len(self.texts[r][c]) + 2 for r in range(len(self.rows))) + 2 * self.pad
                + 1 for c in range(ncols)]  # brackets of a marked cell, padding, border
        if ncols <= MAX_COLS and sum(need) + 1 <= width:
            return list(range(ncols))
        head, tail, used, i, j = [], [], 1 + 4, 0, ncols - 1  # 4: the "…" column
        while i <= j and len(head) + len(tail) < MAX_COLS - 1:
            if used + need[i] > width and head:  # the first column shows, however wide
                break
            head.append(i)
            used, i = used + need[i], i + 1
            if i <= j and used + need[j] <= width:
                tail.insert(0, j)
                used, j = used + need[j], j - 1
        return [*head, None, *tail]

    def __rich_console__(self, console: Console, options):
        shown = self.columns(NATURAL if natural(console) else options.max_width)
        grid = Table(show_header=False, box=box.ROUNDED, padding=(0, self.pad), show_edge=True)
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


def tensor_view(value: TensorValue, words: Mapping[str, str] | None = None,
                pad: int = 1) -> RenderableType:
    header = [value.kind, f"shape {tuple(value.shape)!r}", value.dtype]
    if value.requires_grad:
        header.append("requires_grad=True")
    if value.grad_fn:
        header.append(f"grad_fn={value.grad_fn}")
    parts: list[RenderableType] = [Text(" · ".join(header), style="dim")]
    parts.append(_tensor_body(value.shape, value.data, value.mark, pad, words))
    if value.grad is not None:
        parts.append(Text("grad", style="dim"))
        parts.append(_tensor_body(value.shape, value.grad, None, pad, words))
    return Group(*parts)


def _tensor_body(shape: tuple[int, ...], data: Any, mark: Any, pad: int,
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
        return _Grid([data], [mark] if mark else None, [as_text], pad)
    if len(shape) == 2:
        return _Grid(data, mark, as_text, pad)
    blocks: list[RenderableType] = []
    leading = list(product(*(range(n) for n in shape[:-2])))
    for idx in leading[:MAX_SLICES]:
        label = "[" + ", ".join(map(str, idx)) + ", :, :]"
        blocks.append(Text(label, style="dim"))
        blocks.append(_Grid(at(data, idx), at(mark, idx) if mark else None, at(as_text, idx),
                            pad))
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


def natural(console: Console) -> bool:
    """Tables take their natural width: in a pipe or a file, unless COLUMNS sets one."""
    return getattr(console, "natural_tables", False)


class _Frame:
    """A data frame as pandas prints one that is wider than the screen: the columns in
    blocks that each fit the width, the index repeated in every block, so no header or
    number is ever cut; in a pipe or a file (without COLUMNS), one block at its natural
    width. Beyond MAX_COLS columns, the first and last ones around "…", as pandas does."""

    def __init__(self, value: FrameValue) -> None:
        n = len(value.columns)
        self.value = value
        self.shown = list(range(n)) if n <= MAX_COLS else \
            [*range(MAX_COLS // 2), None, *range(n - MAX_COLS // 2 + 1, n)]

    def table(self, shown: list[int | None]) -> Table:
        value = self.value
        table = Table(box=box.SIMPLE_HEAVY, header_style="bold")
        table.add_column("", style="dim", no_wrap=True)
        for c in shown:
            header = Text("…") if c is None else Text.assemble(
                str(value.columns[c]), "\n", (value.dtypes[c], "dim"))
            table.add_column(header, justify="right", no_wrap=True)
        for i, row in list(zip(value.index, value.rows))[:MAX_ROWS * 2]:
            table.add_row(Text(str(i)), *(Text("…") if c is None else _cell_text(row[c])
                                          for c in shown))
        if len(value.rows) > MAX_ROWS * 2:
            table.add_row("…", *(["⋮"] * len(shown)))
        return table

    def blocks(self, console: Console, options, width: int) -> list[list[int | None]]:
        """The columns, in order, in as few blocks as fit ``width`` (one column at least)."""
        wide = options.update_width(NATURAL)
        blocks, block = [], []
        for c in self.shown:
            if block and Measurement.get(console, wide, self.table([*block, c])).maximum > width:
                blocks.append(block)
                block = []
            block.append(c)
        return [*blocks, block]

    def __rich_console__(self, console: Console, options):
        width = NATURAL if natural(console) else options.max_width
        for n, block in enumerate(self.blocks(console, options, width)):
            lines = Segment.split_lines(console.render(self.table(block),
                                                       options.update_width(NATURAL)))
            for line in list(lines)[1 if n else 0:]:  # one blank line between blocks
                yield from line
                yield Segment.line()

    def __rich_measure__(self, console: Console, options) -> Measurement:
        return Measurement.get(console, options, self.table(self.shown))


def frame_view(value: FrameValue) -> RenderableType:
    return _Frame(value)


class _Indented:
    """A step's value, 3 columns in. Rendered in the width left, but never cropped to it:
    a table block wider than the screen (one very long header) is shown whole."""

    def __init__(self, view: RenderableType, indent: int = 3) -> None:
        self.view, self.indent = view, indent

    def __rich_console__(self, console: Console, options):
        inner = options.update_width(max(1, options.max_width - self.indent))
        for line in Segment.split_lines(console.render(self.view, inner)):
            yield Segment(" " * self.indent)
            yield from line
            yield Segment.line()


def table_view(value: TableValue, words: Mapping[str, str] | None = None) -> RenderableType:
    """A demo's own table; its column headers in the reader's language (``WORDS``)."""
    table = Table(box=box.SIMPLE_HEAVY, header_style="bold")
    for name in value.columns:
        shown = (words or {}).get(name, name) if isinstance(name, str) else name
        table.add_column(Text(str(shown)))  # user text (a CSV header) is never rich markup
    for row in value.rows:
        table.add_row(*(_cell_text(v) if not isinstance(v, str) else Text(v) for v in row))
    return table


BLOCKS = "▁▂▃▄▅▆▇█"  # eight levels; the console writes them as _.:-=+*# where ASCII is all


def sparkline(points: list[float], low: float, high: float) -> str:
    top = len(BLOCKS) - 1
    scale = (high - low) or 1.0
    return "".join(BLOCKS[round((p - low) / scale * top)] for p in points)


def chart_view(value: Charted, texts: Texts | None = None) -> RenderableType:
    """The value, then a sparkline per series and a flat one at the target: all on one
    scale centred on the target, so each curve can be seen closing in on the line."""
    reach = max(abs(p - value.target) for _, points in value.series for p in points)
    low, high = value.target - reach, value.target + reach
    width = max(len(points) for _, points in value.series)
    first, last = value.span
    table = Table(box=None, show_header=True, header_style="dim", padding=(0, 1))
    table.add_column("")
    table.add_column(Text(f"{first} → {last} (log)"))
    table.add_column("")
    for label, points in value.series:
        table.add_row(Text(label), Text(sparkline(points, low, high)), Text(f"{points[-1]:.4f}"))
    table.add_row(Text(f"{value.target:g}", style="dim"),
                  Text(sparkline([value.target] * width, low, high), style="dim"), "")
    return Group(value_view(value.value, texts), table)


def value_view(value: Any, texts: Texts | None = None, code: str = "",
               pad: int = 1) -> RenderableType | None:
    """How a value shows in a table; ``texts`` gives headers and labels in the reader's
    language, ``code`` the line that made it (a tuple's elements are named after it),
    ``pad`` the spaces either side of a grid's cells."""
    if value is NO_VALUE:
        return None
    if value is None:  # a step whose value is None (x.grad before backward), not a NaN cell
        return Text("None", style="dim")
    if isinstance(value, TensorValue):
        return tensor_view(value, texts.words if texts else None, pad)
    if isinstance(value, FrameValue):
        return frame_view(value)
    if isinstance(value, TableValue):
        return table_view(value, texts.words if texts else None)
    if isinstance(value, Charted):
        return chart_view(value, texts)
    if isinstance(value, TupleValue):
        return _tuple_view(value, texts, code, pad)
    if isinstance(value, Printed):
        return Text(value.text)
    if isinstance(value, Raised):
        return Text(value.repr, style="bold red")
    if isinstance(value, ReprValue):
        return Text(value.repr)
    return _cell_text(value) if not isinstance(value, str) else Text(repr(value))


def _tuple_view(value: TupleValue, texts: Texts | None, code: str, pad: int) -> RenderableType:
    """Each element under its name: the expressions of the code's last line (``x, y``), or
    its index in the tuple when the line does not name them one by one."""
    names = _expressions(code.splitlines()[-1] if code else "")
    if len(names) != len(value.items):
        names = [f"[{i}]" for i in range(len(value.items))]
    parts: list[RenderableType] = []
    for name, item in zip(names, value.items):
        view = value_view(item, texts, pad=pad)
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


def echoed_view(value: Any, echoes: list, texts: Texts, pad: int) -> RenderableType | None:
    """A tour's step that shows again what an earlier step of its section showed: a line
    saying so ("A as above (step 17)") where that value's grid would be."""
    items = value.items if len(echoes) > 1 else [value]
    views = [value_view(item, texts, pad=pad) if echo is None else
             Text(texts.step("tour.as_above", {"name": echo.name, "step": echo.step})[0]
                  if echo.name else texts.step("tour.same", {"step": echo.step})[0],
                  style="dim")
             for item, echo in zip(items, echoes)]
    return Group(*(v for v in views if v is not None))


def print_step(console: Console, texts: Texts, number: int, step, show_code: bool,
               echoes: list | None = None, pad: int = 1) -> None:
    """A numbered step: its label, code, value (or what ``echoes`` says of it) and
    explanation."""
    label, explanation = texts.step(step.key, step.params)
    parts: list[RenderableType] = []
    if show_code:
        code = CODE.highlight(step.code)
        code.rstrip()
        code.no_wrap, code.overflow = False, "fold"  # a long line folds; it is never cut
        parts.append(code)
    view = echoed_view(step.value, echoes, texts, pad) if echoes else \
        value_view(step.value, texts, step.code, pad)
    if view is not None:
        parts.append(view)
    parts.append(Prose(explanation, style="italic cyan"))
    console.print()
    console.print(Prose(f"{number}. {label}", style="bold blue", hang=3))
    for part in parts:  # one at a time, so short lines are not padded to the widest
        if part is view:
            console.print(_Indented(part), crop=False)
        else:
            console.print(Padding(part, (0, 0, 0, 3), expand=False))


class Renderer:
    """Rich blocks: a numbered step is its label, code, value and explanation (a verdict's
    step, its label alone)."""

    def __init__(self, texts: Texts, show_code: bool, out: Output, large: bool = False,
                 echoes: dict | None = None, console: Console | None = None,
                 **json_only) -> None:
        self.texts, self.show_code = texts, show_code
        self.pad, self.echoes = 2 if large else 1, echoes or {}  # large: for a projector
        self.console = console or make_console(out)
        self.shown: Demo | None = None  # the demo whose heading was printed last

    def demo(self, demo: Demo) -> None:
        if not demo.verdict:
            self.console.print(Text(f"prelim {demo.command}", style="bold"))
        self.shown = demo

    def section(self, section) -> None:
        title, intro = self.texts.step(section.key, {})
        self._rule(f"§{section.number} {title}", intro)

    def part(self, part, number: int) -> None:
        self.console.print()
        self.console.print(Text(f"§{part.number} {self.texts.step(part.key, {})[0]}",
                                style="bold"))

    def step(self, number: int, demo: Demo, step) -> None:
        if self.shown is not demo:
            self.console.print()
            self.demo(demo)
        if demo.verdict:
            self.console.print(Text(self.texts.step(step.key, step.params)[0]))
            return
        print_step(self.console, self.texts, number, step, self.show_code,
                   self.echoes.get(id(step)), self.pad)

    def end(self, error: str | None) -> None:
        pass

    def end_tour(self, finished: bool) -> None:
        if finished:
            self._rule(*self.texts.step("tour.end", {}))

    def _rule(self, title: str, text: str) -> None:
        self.console.print()
        self.console.print(Rule(Text(title, style="bold")))
        self.console.print(Prose(text, style="italic"))
