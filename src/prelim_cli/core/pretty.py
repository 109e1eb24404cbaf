"""What a Jupyter cell shows for its last value: IPython's pretty printer, for prelim's values.

A notebook prints a value with ``IPython.lib.pretty`` at 79 columns. Containers are groups:
``(a, b)`` stays on one line when it fits, and otherwise breaks after every comma of the
outermost group that is too long, continuing under the opening bracket. A value with its own
repr (a tensor, a frame, a number) is that repr, and its continuation lines are indented to
where it started. Classes print as ``numpy.ndarray``; functions as ``<function f(x)>``.

Importing IPython for this costs 170-300 ms (the printer imports the whole package), and every
step is frozen through here, so this module redoes its layout: the same groups, breakables and
queue of groups to break, in the same order (IPython/lib/pretty.py, by Armin Ronacher and
Robert Kern, BSD licence). It covers the types a step can hold: tuples, lists, dicts, sets,
classes, functions and anything with a repr. ``tests/test_jupyter_repr.py`` checks it against
IPython itself.
"""

from __future__ import annotations

import types
from collections import deque
from typing import Any

MAX_WIDTH = 79  # IPython's PlainTextFormatter.max_width
MAX_SEQ_LENGTH = 1000  # items shown before "..."
BUILTIN_MODULES = (None, "__builtin__", "builtins", "exceptions")


def pretty(value: Any, width: int = MAX_WIDTH) -> str:
    """``value`` as IPython displays it (the text/plain of a cell's output)."""
    printer = _Printer(width)
    printer.pretty(value)
    printer.flush()
    return "".join(printer.out)


class _Group:
    def __init__(self, depth: int) -> None:
        self.depth, self.breakables, self.want_break = depth, deque(), False


class _Text:
    def __init__(self) -> None:
        self.pieces, self.width = [], 0

    def output(self, out: list[str], width: int) -> int:
        out.extend(self.pieces)
        return width + self.width


class _Breakable:
    """A separator that is a space, or a newline and the indentation of its group."""

    def __init__(self, sep: str, printer: _Printer) -> None:
        self.sep, self.width, self.printer = sep, len(sep), printer
        self.indentation, self.group = printer.indentation, printer.groups[-1]
        self.group.breakables.append(self)

    def output(self, out: list[str], width: int) -> int:
        self.group.breakables.popleft()
        if self.group.want_break:
            out.append("\n" + " " * self.indentation)
            return self.indentation
        if not self.group.breakables:
            self.printer.queue.remove(self.group)
        out.append(self.sep)
        return width + self.width


class _Queue:
    """Open groups by depth: when a line is too long, the outermost one breaks first."""

    def __init__(self, root: _Group) -> None:
        self.levels: list[list[_Group]] = []
        self.add(root)

    def add(self, group: _Group) -> None:
        while group.depth > len(self.levels) - 1:
            self.levels.append([])
        self.levels[group.depth].append(group)

    def take(self) -> _Group | None:
        for level in self.levels:
            for idx, group in enumerate(reversed(level)):
                if group.breakables:
                    del level[idx]  # counted from the end, deleted from the start: as IPython
                    group.want_break = True
                    return group
            for group in level:  # nothing to break here: these groups break at their next one
                group.want_break = True
            del level[:]
        return None

    def remove(self, group: _Group) -> None:
        if group in self.levels[group.depth]:
            self.levels[group.depth].remove(group)


class _Printer:
    def __init__(self, width: int) -> None:
        self.width, self.out, self.indentation = width, [], 0
        self.output_width = self.buffer_width = 0
        self.buffer: deque[_Text | _Breakable] = deque()
        root = _Group(0)
        self.groups, self.queue = [root], _Queue(root)
        self.open: list[int] = []  # ids of the containers being printed: a cycle shows "..."

    def text(self, text: str) -> None:
        if not self.buffer:
            self.out.append(text)
            self.output_width += len(text)
            return
        if not isinstance(self.buffer[-1], _Text):
            self.buffer.append(_Text())
        self.buffer[-1].pieces.append(text)
        self.buffer[-1].width += len(text)
        self.buffer_width += len(text)
        self._break_outer_groups()

    def breakable(self, sep: str = " ") -> None:
        if self.groups[-1].want_break:
            self.flush()
            self._newline()
        else:
            self.buffer.append(_Breakable(sep, self))
            self.buffer_width += len(sep)
            self._break_outer_groups()

    def break_(self) -> None:
        """A newline that must be there (inside a multi-line repr)."""
        group = self.queue.take()
        if group:
            self._break_one_group(group)
        self.flush()
        self._newline()

    def begin_group(self, indent: int = 0, open: str = "") -> None:
        if open:
            self.text(open)
        group = _Group(self.groups[-1].depth + 1)
        self.groups.append(group)
        self.queue.add(group)
        self.indentation += indent

    def end_group(self, dedent: int = 0, close: str = "") -> None:
        self.indentation -= dedent
        group = self.groups.pop()
        if not group.breakables:
            self.queue.remove(group)
        if close:
            self.text(close)

    def flush(self) -> None:
        for item in self.buffer:
            self.output_width = item.output(self.out, self.output_width)
        self.buffer.clear()
        self.buffer_width = 0

    def _newline(self) -> None:
        self.out.append("\n" + " " * self.indentation)
        self.output_width, self.buffer_width = self.indentation, 0

    def _break_one_group(self, group: _Group) -> None:
        while group.breakables:
            self._emit()
        while self.buffer and isinstance(self.buffer[0], _Text):
            self._emit()

    def _emit(self) -> None:
        item = self.buffer.popleft()
        self.output_width = item.output(self.out, self.output_width)
        self.buffer_width -= item.width

    def _break_outer_groups(self) -> None:
        while self.width < self.output_width + self.buffer_width:
            group = self.queue.take()
            if not group:
                return
            self._break_one_group(group)

    def pretty(self, value: Any) -> None:
        cycle = id(value) in self.open
        self.open.append(id(value))
        self.begin_group()
        try:
            _printer_for(value)(value, self, cycle)
        finally:
            self.end_group()
            self.open.pop()


def _printer_for(value: Any):
    """IPython's choice: the singletons by identity, then the first class in the MRO that is
    registered or defines its own ``__repr__``."""
    if value is None or value is True or value is False or value is Ellipsis:
        return _repr
    for cls in type(value).__mro__:
        if cls in PRINTERS:
            return PRINTERS[cls]
        if cls is not object and callable(cls.__dict__.get("__repr__")):
            return _repr
    return _default


def _repr(value: Any, p: _Printer, cycle: bool) -> None:
    lines = repr(value).splitlines()
    p.begin_group()
    for idx, line in enumerate(lines):
        if idx:
            p.break_()
        p.text(line)
    p.end_group()


def _default(value: Any, p: _Printer, cycle: bool) -> None:
    """An object with object's own repr: ``<module.Class at 0x7f...>``."""
    if type(value).__repr__ is not object.__repr__:
        return _repr(value, p, cycle)
    p.begin_group(1, "<")
    p.pretty(type(value))
    p.text(f" at 0x{id(value):x}")
    if cycle:
        p.text(" ...")
    p.end_group(1, ">")


def _items(p: _Printer, items, show) -> None:
    """Items separated by ``,`` and a breakable; past MAX_SEQ_LENGTH, ``...``."""
    for idx, item in enumerate(items):
        if idx == MAX_SEQ_LENGTH:
            p.text(",")
            p.breakable()
            p.text("...")
            return
        if idx:
            p.text(",")
            p.breakable()
        show(item)


def _sequence(open: str, close: str):
    def show(value: Any, p: _Printer, cycle: bool) -> None:
        if cycle:
            return p.text(open + "..." + close)
        p.begin_group(len(open), open)
        _items(p, value, p.pretty)
        if len(value) == 1 and isinstance(value, tuple):
            p.text(",")
        p.end_group(len(open), close)

    return show


def _dict(value: dict, p: _Printer, cycle: bool) -> None:
    if cycle:
        return p.text("{...}")

    def show(key: Any) -> None:
        p.pretty(key)
        p.text(": ")
        p.pretty(value[key])

    p.begin_group(1, "{")
    _items(p, value.keys(), show)
    p.end_group(1, "}")


def _set(open: str, close: str):
    def show(value: Any, p: _Printer, cycle: bool) -> None:
        if cycle:
            return p.text(open + "..." + close)
        if not value:
            return p.text(type(value).__name__ + "()")
        items = list(value)
        if len(items) < MAX_SEQ_LENGTH:  # sorted when it can be, as IPython does
            try:
                items = sorted(items)
            except Exception:
                try:
                    items = sorted(items, key=str)
                except Exception:
                    pass
        p.begin_group(len(open), open)
        _items(p, items, p.pretty)
        p.end_group(len(open), close)

    return show


def _class(value: type, p: _Printer, cycle: bool) -> None:
    """``numpy.ndarray``, ``int``; a metaclass with its own repr keeps it."""
    if next(m for m in type(value).__mro__ if "__repr__" in vars(m)) is not type:
        return _repr(value, p, cycle)
    module, name = getattr(value, "__module__", None), value.__qualname__
    p.text(name if module in BUILTIN_MODULES else f"{module}.{name}")


def _function(value: Any, p: _Printer, cycle: bool) -> None:
    from inspect import signature  # only a step that shows a function pays for inspect

    name = getattr(value, "__qualname__", value.__name__)
    if value.__module__ not in BUILTIN_MODULES:
        name = f"{value.__module__}.{name}"
    try:
        name += str(signature(value))
    except ValueError:
        pass
    p.text(f"<function {name}>")


PRINTERS = {
    int: _repr, float: _repr, str: _repr, bytes: _repr, range: _repr, slice: _repr,
    tuple: _sequence("(", ")"), list: _sequence("[", "]"), dict: _dict,
    set: _set("{", "}"), frozenset: _set("frozenset({", "})"),
    type: _class, types.FunctionType: _function, types.BuiltinFunctionType: _function,
    types.MethodType: _repr,
}
