"""§2.7 Documentation (查阅文档; the English edition's lookup-api): look a name up as the book
does - ``dir()`` of a module, the signature and docstring of a function - and run the book's
quick test ``torch.ones(4)``.

A name is resolved by reading attributes from a fixed set of roots (torch, numpy, pandas),
one dotted part at a time: what the user types is never evaluated and never imported, and
nothing found is called (only the book's own quick test runs). The step code spells the root
as the book imports it (``np.``, ``pd.``), so an export runs as it is.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import re
from dataclasses import dataclass
from typing import Any

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.core.values import Printed, TableValue

# What a learner of this chapter imports: root as typed -> (module, the name the code uses).
ROOTS = {"torch": ("torch", "torch"), "numpy": ("numpy", "np"), "np": ("numpy", "np"),
         "pandas": ("pandas", "pd"), "pd": ("pandas", "pd")}
DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*", re.ASCII)
# How the book reads dir(): (catalog key, group, the inspect test that picks its members).
GROUPS = (("docs.classes", "classes", "isclass"), ("docs.functions", "functions", "isroutine"),
          ("docs.submodules", "submodules", "ismodule"))
QUICK_TEST = "torch.ones"  # the book runs torch.ones(4) after reading its help


@dataclass(frozen=True)
class Found:
    """The object a name led to, and how the step code spells it."""

    typed: str  # torch.ones, numpy.zeros: as the user wrote it
    code: str  # torch.ones, np.zeros: as the code writes it
    obj: Any


def public_names(obj: Any) -> list[str]:
    """dir() without the names the book says to skip: _internal and __special__."""
    return [name for name in dir(obj) if not name.startswith("_")]


def kind_of(obj: Any) -> str:
    if inspect.ismodule(obj):
        return "module"
    if inspect.isclass(obj):
        return "class"
    if inspect.isroutine(obj):
        return "function"
    return "other"


def resolve(name: str) -> Found:
    """Walk ``name``'s attributes from its root; a PrelimError that suggests the closest
    names when a part is missing."""
    if not DOTTED.fullmatch(name):
        raise PrelimError("docs.resolve", name=name)
    root, *parts = name.split(".")
    private = next((part for part in (root, *parts) if part.startswith("_")), None)
    if private:
        raise PrelimError("docs.resolve_2", name=name, private=private)
    if root not in ROOTS:
        raise PrelimError("docs.resolve_3", root=root, _suggest=_suggest(root, ROOTS))
    module, spelled = ROOTS[root]
    obj, typed, code = importlib.import_module(module), root, spelled
    for part in parts:
        try:
            obj = getattr(obj, part)
        except AttributeError:
            close = [f"{typed}.{match}" for match in
                     difflib.get_close_matches(part, public_names(obj), cutoff=0.75)]
            hint = (Message("docs.did_you_mean", names=" / ".join(close)) if close
                    else Message("docs.see_names", typed=typed))
            raise PrelimError("docs.resolve_4", typed=typed, part=part, hint=hint) from None
        typed, code = f"{typed}.{part}", f"{code}.{part}"
    return Found(typed, code, obj)


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return Message("docs.did_you_mean_aside", name=close[0]) if close else ""


def lookup(name: str) -> Demo:
    """What ``prelim docs NAME`` shows: a callable's signature, summary and parameters; a
    module's or class's names by kind; any other object's value and type."""
    found = resolve(name)
    kind = kind_of(found.obj)
    demo = Demo("docs", extra={"name": found.typed, "kind": kind,
                               "names": public_names(found.obj), "groups": {},
                               "signature": None, "parameters": []})
    if kind in ("class", "function"):
        _explain_callable(demo, found)
    if kind in ("module", "class"):  # a class's dir() is its methods and attributes
        _list_names(demo, found)
    if kind == "other":
        demo.add("docs.value", found.code, found.obj, name=found.code)
        demo.add("docs.type", f"type({found.code})", type(found.obj), name=found.code)
    return demo


def _list_names(demo: Demo, found: Found) -> None:
    """The book's ``print(dir(torch.distributions))``, read the way the book suggests: skip
    the _ names, then see what is left - classes, functions, submodules."""
    module, obj = found.code, found.obj
    demo.add(
        "docs.names", "import inspect\n"
        f'names = [name for name in dir({module}) if not name.startswith("_")]\nlen(names)',
        len(public_names(obj)), name=module, count=len(public_names(obj)))
    names, groups = public_names(obj), {}
    for key, group, test in GROUPS:  # the inspect test the step's code shows, run
        members = [n for n in names if getattr(inspect, test)(getattr(obj, n))]
        groups[group] = demo.add(key, f"{group} = [name for name in names if "
                                 f"inspect.{test}(getattr({module}, name))]\n{group}", members,
                                 name=module, count=len(members))
    grouped = {n for group in groups.values() for n in group}
    groups["other"] = [n for n in names if n not in grouped]
    demo.add("docs.other", "others = [name for name in names "
             "if name not in classes + functions + submodules]\nothers",
             groups["other"], name=module, count=len(groups["other"]))
    demo.extra["groups"] = groups


def _explain_callable(demo: Demo, found: Found) -> None:
    """``help(torch.ones)`` in three short parts - how to call it, what it does, what each
    parameter means - then the book's quick test."""
    doc = inspect.getdoc(found.obj) or ""
    signature = _signature_step(demo, found, doc)
    paragraphs = doc.split("\n\n")
    first = 1 if _is_signature_line(paragraphs[0], found.obj) else 0
    if paragraphs[first:] and paragraphs[first].strip():
        imported = "" if signature else "import inspect\n"  # else the signature step did
        demo.add("docs.summary", f"{imported}print(inspect.getdoc({found.code})"
                 f'.split("\\n\\n")[{first}])', Printed(paragraphs[first]), name=found.code)
    parameters = documented_parameters(doc) or _signature_parameters(found.obj)
    if parameters:
        demo.add("docs.parameters", f"# the parameters of {found.code}, one line each, from "
                 "its docstring", TableValue(["parameter", "meaning"],
                                             [list(p) for p in parameters]), name=found.code)
    demo.extra.update(signature=signature,
                      parameters=[{"name": n, "description": d} for n, d in parameters])
    if found.typed == QUICK_TEST:
        import torch

        demo.add("docs.quick_test", "torch.ones(4)", torch.ones(4))


def _signature_step(demo: Demo, found: Found, doc: str) -> str | None:
    """inspect.signature where Python knows it; a compiled builtin (torch.ones) has
    none, and its docstring's first line holds it instead."""
    try:
        signature = str(inspect.signature(found.obj))
    except (ValueError, TypeError):
        line = doc.splitlines()[0] if doc else ""
        if not _is_signature_line(line, found.obj):
            return None
        demo.add("docs.doc_signature", f"import inspect\n"
                 f"print(inspect.getdoc({found.code}).splitlines()[0])", Printed(line),
                 name=found.code)
        return line
    demo.add("docs.signature", f"import inspect\nprint(inspect.signature({found.code}))",
             Printed(signature), name=found.code)
    return signature


def _is_signature_line(text: str, obj: Any) -> bool:
    """A docstring of a C function opens with its signature: ``ones(*size, ...) -> Tensor``."""
    return "\n" not in text and text.startswith(f"{getattr(obj, '__name__', '')}(")


# Where a docstring lists its parameters: torch's (Google style) and numpy's and pandas'.
GOOGLE_HEADER = re.compile(r"(Args|Arguments|Parameters|Keyword args|Keyword arguments):\s*",
                           re.IGNORECASE)
GOOGLE_ENTRY = re.compile(r"(\*{0,2}\w+)\s*(?:\([^)]*\))?\s*:\s*(.*)")
NUMPY_ENTRY = re.compile(r"(\*{0,2}\w+)(?:\s*:.*)?")


def documented_parameters(doc: str) -> list[tuple[str, str]]:
    """(name, its first sentence) for each parameter the docstring describes, link-free."""
    found: dict[str, list[str]] = {}
    lines = doc.splitlines()
    for number, line in enumerate(lines):
        if GOOGLE_HEADER.fullmatch(line):
            _read_entries(lines[number + 1:], found, google=True)
        elif line.strip() == "Parameters" and lines[number + 1:number + 2] and \
                set(lines[number + 1].strip()) == {"-"}:
            _read_entries(lines[number + 2:], found, google=False)
    return [(name, _first_sentence(" ".join(words))) for name, words in found.items()]


def _read_entries(lines: list[str], found: dict[str, list[str]], google: bool) -> None:
    """Entries sit at one indentation, their descriptions deeper; the section ends at the
    next header (google: a line back at the margin; numpy: a line underlined with -)."""
    margin, current = None, None
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        if _starts_next_section(lines, number, google):
            return
        indent = len(line) - len(line.lstrip())
        margin = indent if margin is None else margin
        entry = (GOOGLE_ENTRY if google else NUMPY_ENTRY).fullmatch(line.strip())
        if indent == margin and entry:
            current = entry.group(1).lstrip("*")
            found[current] = [entry.group(2)] if google and entry.group(2) else []
        elif current and indent > margin:
            found[current].append(line.strip())


def _starts_next_section(lines: list[str], number: int, google: bool) -> bool:
    if google:
        return not lines[number][0].isspace()
    underline = lines[number + 1].strip() if number + 1 < len(lines) else ""
    return bool(underline) and set(underline) == {"-"}


def _first_sentence(text: str) -> str:
    text = re.sub(r":\w+:`~?([^`]*)`", r"\1", text)  # :class:`torch.dtype` -> torch.dtype
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    sentence = re.split(r"(?<=\.)\s", text, maxsplit=1)[0]
    return sentence.strip()


def _signature_parameters(obj: Any) -> list[tuple[str, str]]:
    """Without a described list, the names the signature gives (nothing said about them)."""
    try:
        names = inspect.signature(obj).parameters
    except (ValueError, TypeError):
        return []
    return [(name, "") for name in names if name != "self"]
