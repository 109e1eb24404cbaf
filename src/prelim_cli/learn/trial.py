"""What a checker works with, in the child Python that ran the learner's file.

A checker is ``def check_x(t: Trial) -> None``: it takes the learner's names from ``t``,
builds the book's inputs and generated ones (``t.rng(i)``: seeded, so a failure repeats
with ``--seed``), computes the expected answer its own way, and records each comparison with
``t.expect``. Each case is plain data (the report the parent renders): the call, its inputs
as printed, whether it passed, and the difference found (``compare``). The learner's code
runs inside ``t.expect``'s thunk, so an exception in it is a failed case with the learner's
line, not the end of the check.
"""

from __future__ import annotations

import math
import traceback
from collections.abc import Callable
from typing import Any

from prelim_cli.learn.exercise import Text

EN, ZH = "en", "zh"
SHOWN = 600  # characters of a value's repr kept in a report
TABLE_ELEMENTS = 64  # a tensor this small is shown whole, theirs beside the expected


class Missing(Exception):
    """The learner's file does not define a name the exercise asks for (or left it as ...)."""

    def __init__(self, name: str, what: str) -> None:
        super().__init__(name)
        self.name, self.what = name, what


class Trial:
    def __init__(self, namespace: dict, path: str, seed: int) -> None:
        self.namespace, self.path, self.seed = namespace, path, seed
        self.cases: list[dict] = []

    # ---------------------------------------------------------------- the learner's names

    def function(self, name: str) -> Callable:
        """The learner's function ``name``: a Missing case when it is not defined."""
        value = self.namespace.get(name)
        if not callable(value):
            raise Missing(name, "function")
        return value

    def value(self, name: str) -> Any:
        """The learner's variable ``name``; Missing while it is undefined or still ``...``."""
        if name not in self.namespace or self.namespace[name] is Ellipsis:
            raise Missing(name, "value")
        return self.namespace[name]

    # ---------------------------------------------------------------- what the file says

    def definition(self, name: str):
        """The ``def name`` at the top level of the learner's file (its ast), or None."""
        import ast

        with open(self.path, encoding="utf-8") as file:
            tree = ast.parse(file.read(), self.path)
        return next((node for node in reversed(tree.body)  # the last one is the one that runs
                     if isinstance(node, ast.FunctionDef) and node.name == name), None)

    def claims_about(self, name: str, claims) -> None:
        """Record ``(claim, test)`` pairs about the source of ``def name``: each test gets the
        ast of the definition. A function not written with ``def`` fails the first claim."""
        node = self.definition(name)
        self.holds(Text(f"{name} is written with def at the top level of your file",
                        f"{name} 在你文件的顶层用 def 定义"),
                   lambda: node is not None)
        for claim, test in claims if node is not None else ():
            self.holds(claim, lambda test=test: test(node))

    # ---------------------------------------------------------------- inputs

    def rng(self, i: int):
        """A torch.Generator for generated input ``i`` of this run's seed."""
        import torch

        return torch.Generator().manual_seed(self.seed * 1000 + i)

    def random(self, i: int):
        """A Python random.Random for generated input ``i`` (sizes, axes, choices)."""
        import random

        return random.Random(self.seed * 1000 + i)

    # ---------------------------------------------------------------- cases

    def expect(self, call: str | Text, got: Callable[[], Any], want: Any, *,
               inputs: dict[str, Any] | None = None, generated: int | None = None,
               atol: float = 1e-5, rtol: float = 1e-4, dtype: bool = True) -> bool:
        """One case: ``got()`` (the learner's code) against ``want``. ``generated``: the
        index given to ``rng``/``random`` for this case; None for the book's own input."""
        case = {"call": call(EN) if isinstance(call, Text) else call, "book": generated is None,
                "seed": None if generated is None else self.seed,
                "index": generated,
                "inputs": {k: shown(v) for k, v in (inputs or {}).items()}}
        try:
            theirs = got()
        except Missing:
            raise
        except Exception as err:  # noqa: BLE001 - the learner's code, whatever it raised
            # (sys.exit and the harness's timeout or print storm are BaseExceptions: they
            # pass through and end the whole check)
            case.update(passed=False, difference=raised(err, self.path))
        else:
            difference = compare(theirs, want, atol=atol, rtol=rtol, dtype=dtype)
            case.update(passed=difference is None, difference=difference)
        if isinstance(call, Text):  # a claim in words: the reader's language shows its own
            case["said"] = {EN: call(EN), ZH: call(ZH)}
        self.cases.append(case)
        return case["passed"]

    def holds(self, claim: str | Text, truth: Callable[[], Any], *, inputs: dict | None = None,
              generated: int | None = None) -> bool:
        """A claim the learner's expressions must make true (``left(A) == right(A)``):
        ``truth()`` returns a bool or a bool tensor. A claim in words is a ``Text(en, zh)``,
        so each reader sees it in their language (the case keeps both in ``said``)."""
        return self.expect(claim, lambda: bool(_all(truth())), True, inputs=inputs,
                           generated=generated)


def names(node) -> set[str]:
    """Every name and attribute a piece of code mentions (``torch.cos`` gives torch, cos)."""
    import ast

    found = set()
    for part in ast.walk(node):
        if isinstance(part, ast.Name):
            found.add(part.id)
        elif isinstance(part, ast.Attribute):
            found.add(part.attr)
        elif isinstance(part, ast.alias):
            found.update((part.name.rsplit(".", 1)[-1], part.asname or ""))
    return found


def mentions(node, words: set[str]) -> int:
    """How many times a piece of code names one of ``words`` (``A.T.T`` names T twice)."""
    import ast

    return sum(isinstance(part, ast.Attribute) and part.attr in words
               or isinstance(part, ast.Name) and part.id in words for part in ast.walk(node))


def _all(value: Any) -> Any:
    return value.all() if hasattr(value, "all") else value


# -------------------------------------------------------------------- differences

def compare(theirs: Any, want: Any, *, atol: float, rtol: float, dtype: bool,
            at: tuple = ()) -> dict | None:
    """None when ``theirs`` is ``want`` (to tolerance), else the first difference as data."""
    import torch

    if theirs is None and want is not None:
        return {"kind": "none", "at": list(at), "expected": shown(want)}
    if isinstance(want, torch.Tensor):
        return _tensors(theirs, want, atol, rtol, dtype, at)
    if _is_frame(want):
        return _frames(theirs, want, atol, rtol, at)
    if isinstance(want, bool):
        theirs = _scalar(theirs)
        if not isinstance(theirs, bool):
            return _type(theirs, want, at)
        return None if theirs == want else _value(theirs, want, at)
    if isinstance(want, (int, float)):
        theirs = _scalar(theirs)
        if isinstance(theirs, bool) or not isinstance(theirs, (int, float)):
            return _type(theirs, want, at)
        if isinstance(want, int) and dtype and not isinstance(theirs, int):
            return _type(theirs, want, at)  # 2.0 where the answer is a count
        if isinstance(theirs, int) and isinstance(want, int):
            return None if theirs == want else _value(theirs, want, at)
        if (math.isnan(theirs) and math.isnan(want)) \
                or math.isclose(theirs, want, rel_tol=rtol, abs_tol=atol):
            return None
        return _value(theirs, want, at)
    if isinstance(want, (tuple, list)):
        if isinstance(want, tuple) and isinstance(theirs, torch.Size):
            theirs = tuple(theirs)
        if not isinstance(theirs, (tuple, list)):
            return _type(theirs, want, at)
        if len(theirs) != len(want):
            return {"kind": "length", "at": list(at), "theirs": len(theirs),
                    "expected": len(want), "their_value": shown(theirs),
                    "expected_value": shown(want)}
        for i, (a, b) in enumerate(zip(theirs, want)):
            found = compare(a, b, atol=atol, rtol=rtol, dtype=dtype, at=(*at, i))
            if found:
                return found
        return None
    if isinstance(want, dict):
        if not isinstance(theirs, dict):
            return _type(theirs, want, at)
        if set(map(str, theirs)) != set(map(str, want)):
            return {"kind": "keys", "at": list(at), "theirs": sorted(map(str, theirs)),
                    "expected": sorted(map(str, want))}
        for k in want:
            found = compare(theirs.get(k), want[k], atol=atol, rtol=rtol, dtype=dtype,
                            at=(*at, str(k)))
            if found:
                return found
        return None
    if type(theirs) is not type(want):
        return _type(theirs, want, at)
    return None if theirs == want else _value(theirs, want, at)


def _scalar(value: Any) -> Any:
    """A 0-d tensor or a numpy number stands for its Python number."""
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return value.item()
    return value


def _type(theirs: Any, want: Any, at: tuple) -> dict:
    return {"kind": "type", "at": list(at), "theirs": type_name(theirs),
            "expected": type_name(want), "their_value": shown(theirs)}


def _value(theirs: Any, want: Any, at: tuple) -> dict:
    return {"kind": "value", "at": list(at), "theirs": shown(theirs), "expected": shown(want)}


def _tensors(theirs: Any, want: Any, atol: float, rtol: float, dtype: bool, at: tuple):
    import torch

    if not isinstance(theirs, torch.Tensor):
        return _type(theirs, want, at)
    if tuple(theirs.shape) != tuple(want.shape):
        return {"kind": "shape", "at": list(at), "theirs": list(theirs.shape),
                "expected": list(want.shape), "their_value": shown(theirs),
                "expected_value": shown(want)}
    if dtype and theirs.dtype != want.dtype:
        return {"kind": "dtype", "at": list(at), "theirs": str(theirs.dtype),
                "expected": str(want.dtype), "their_value": shown(theirs),
                "expected_value": shown(want)}
    a, b = theirs.detach(), want.detach()
    if a.is_floating_point() or b.is_floating_point():
        a, b = a.double(), b.double()
        same = torch.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)
    else:
        same = a == b
    if bool(same.all()):
        return None
    index = [int(i) for i in (~same).nonzero()[0]] if same.ndim else []
    found = {"kind": "elements", "at": list(at), "index": index,
             "theirs": shown(theirs[tuple(index)].item()),
             "expected": shown(want[tuple(index)].item()),
             "differ": int((~same).sum()), "of": same.numel()}
    if want.numel() <= TABLE_ELEMENTS:
        found.update(their_value=shown(theirs), expected_value=shown(want))
    return found


def _is_frame(value: Any) -> bool:
    return type(value).__module__.startswith("pandas") and hasattr(value, "to_numpy")


def _frames(theirs: Any, want: Any, atol: float, rtol: float, at: tuple) -> dict | None:
    """A DataFrame or Series: its type, then columns, shape, dtypes, then the first cell."""
    if type(theirs) is not type(want):
        return _type(theirs, want, at)
    if hasattr(want, "columns") and list(map(str, theirs.columns)) != list(map(str, want.columns)):
        return {"kind": "columns", "at": list(at), "theirs": list(map(str, theirs.columns)),
                "expected": list(map(str, want.columns))}
    if theirs.shape != want.shape:
        return {"kind": "shape", "at": list(at), "theirs": list(theirs.shape),
                "expected": list(want.shape), "their_value": shown(theirs),
                "expected_value": shown(want)}
    import pandas

    try:
        test = pandas.testing.assert_frame_equal if hasattr(want, "columns") \
            else pandas.testing.assert_series_equal
        test(theirs, want, check_exact=False, rtol=rtol, atol=atol, check_names=False,
             check_index_type=False)
    except AssertionError as err:
        return {"kind": "frame", "at": list(at), "detail": " ".join(str(err).split())[:SHOWN],
                "their_value": shown(theirs), "expected_value": shown(want)}
    return None


# -------------------------------------------------------------------- the learner's errors

def raised(err: BaseException, path: str) -> dict:
    """An exception from the learner's code: its type and message, and the learner's own line
    it came from (the last frame in their file), never prelim's frames."""
    line, code = where(err, path)
    if isinstance(err, SystemExit):
        return {"kind": "exit", "status": shown(err.code), "line": line, "code": code}
    return {"kind": "raised", "type": type(err).__name__,
            "message": " ".join(str(err).split())[:SHOWN], "line": line, "code": code}


def where(err: BaseException, path: str) -> tuple[int | None, str]:
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename == path]
    if isinstance(err, SyntaxError) and err.filename == path:
        return err.lineno, (err.text or "").strip()
    if not frames:
        return None, ""
    return frames[-1].lineno, (frames[-1].line or "").strip()


def type_name(value: Any) -> str:
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__name__}"


def shown(value: Any) -> str:
    """A value as the learner would see it printed, cut to SHOWN characters."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - the learner's object may not print
        text = f"<{type_name(value)}>"
    return text if len(text) <= SHOWN else text[:SHOWN - 1] + "…"
