"""One strict JSON document per run, the contract scripts rely on (``prelim schema``).

Non-finite floats become "nan", "inf", "-inf"; every step has an ``id`` unique in its
document; a failed request carries ``error`` (and exits non-zero); a step that fails on
purpose, as the lesson's point, carries ``expected_error``; tensors above
``SUMMARY_ELEMENTS`` are summarised unless ``--full``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from prelim_cli.contract import SCHEMA_VERSION
from prelim_cli.core.demo import Demo
from prelim_cli.core.env import Output
from prelim_cli.core.nested import map_leaves
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


def finite(data: Any) -> Any:
    """Replace NaN/inf anywhere in nested lists and dicts by strings."""
    return map_leaves(_finite_number, data)


def _finite_number(v: Any) -> Any:
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


SUMMARY_ELEMENTS = 10_000  # larger tensors are summarised unless --full
SHOWN = 5  # elements kept at each end of a summarised tensor


def json_value(value: Any, full: bool = False) -> Any:
    if value is NO_VALUE:
        return None
    if isinstance(value, TensorValue):
        doc = {"type": value.kind, "shape": list(value.shape), "dtype": value.dtype,
               **_elements(value.data, value.shape, full)}
        if value.requires_grad or value.grad is not None:
            doc["requires_grad"] = value.requires_grad
            doc["grad"] = value.grad
        if value.grad_fn:
            doc["grad_fn"] = value.grad_fn
        return doc
    if isinstance(value, FrameValue):
        return {"type": "dataframe", "columns": value.columns, "dtypes": value.dtypes,
                "index": value.index, "data": value.rows}
    if isinstance(value, TableValue):
        return {"type": "table", "columns": value.columns, "rows": value.rows}
    if isinstance(value, Charted):  # the chart is the table format's picture of the value
        return json_value(value.value, full)
    if isinstance(value, TupleValue):
        return [json_value(v, full) for v in value.items]
    if isinstance(value, Printed):
        return value.text
    if isinstance(value, Raised):
        return {"type": "error", "error": value.type, "message": value.message}
    if isinstance(value, ReprValue):
        return value.json
    if isinstance(value, list):
        return [json_value(v, full) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v, full) for k, v in value.items()}
    return value


def _elements(data: Any, shape: tuple[int, ...], full: bool) -> dict[str, Any]:
    """``data`` whole, or for a large tensor a summary: its first and last elements (in
    row-major order) and min, max and mean of the finite ones."""
    size = math.prod(shape)
    if full or size <= SUMMARY_ELEMENTS:
        return {"data": data}
    flat = list(_flat(data))
    # min and max keep the elements' own type (an int64 tensor's are JSON integers)
    numbers = [v for v in flat if not isinstance(v, (bool, complex)) and math.isfinite(v)]
    summary = {"min": min(numbers), "max": max(numbers),
               "mean": math.fsum(numbers) / len(numbers)} if numbers else {}
    return {"truncated": True, "size": size, "head": flat[:SHOWN], "tail": flat[-SHOWN:],
            **summary}


def _flat(data: Any):
    if isinstance(data, list):
        for item in data:
            yield from _flat(item)
    else:
        yield data


def step_document(step, texts: Texts, show_code: bool, full: bool = False) -> dict[str, Any]:
    label, explanation = texts.step(step.key, step.params)
    doc = {"key": step.key, "label": label}
    if show_code:
        doc["code"] = step.code
    doc["explanation"] = explanation
    doc["value"] = json_value(step.value, full)
    if isinstance(step.value, Raised) and step.value.expected:  # the lesson's point
        doc["expected_error"] = {"type": step.value.type, "message": step.value.message}
    return doc


def usage_document(command: str, message: str) -> str:
    """The document of a run whose arguments were refused before it started (exit 2)."""
    from prelim_cli.i18n import default_lang

    return json.dumps({"schema_version": SCHEMA_VERSION, "command": command,
                       "lang": default_lang(), "ok": False, "steps": [], "files": [],
                       "error": {"message": message, "code": 2}}, ensure_ascii=False)


def write(out: Output, document: dict[str, Any]) -> None:
    out.stdout.write(json.dumps(finite(document), ensure_ascii=not out.unicode,
                                allow_nan=False) + "\n")


class Renderer:
    """One document for the whole run, written at the end."""

    def __init__(self, texts: Texts, show_code: bool, out: Output, full: bool = False,
                 files: list | None = None, **table_only) -> None:
        self.texts, self.show_code, self.out, self.full = texts, show_code, out, full
        self.files = files or []
        self.steps: list[dict] = []
        self.sections: list[dict] = []
        self.subject: Demo | None = None
        self.ids: Counter = Counter()
        self.prefix = ""  # a tour's steps: section/key

    def demo(self, demo: Demo) -> None:
        self.subject = demo

    def section(self, section) -> None:
        self.steps, self.prefix, self.ids = [], f"{section.name}/", Counter()
        self.sections.append({"name": section.name, "number": section.number,
                              "title": self.texts.step(section.key, {})[0],
                              "parts": [], "steps": self.steps})

    def part(self, part, number: int) -> None:
        self.sections[-1]["parts"].append(
            {"number": part.number, "title": self.texts.step(part.key, {})[0], "step": number})

    def step(self, number: int, demo: Demo, step) -> None:
        doc = {"id": self._id(step.key), **step_document(step, self.texts, self.show_code,
                                                          self.full)}
        if not self.subject:  # a tour: which command's demo, and the number --from takes
            doc = {"id": doc.pop("id"), "demo": demo.command, "number": number, **doc}
        self.steps.append(doc)

    def _id(self, key: str) -> str:
        """The step's key, made unique in the document: linalg.sum_axis, linalg.sum_axis-2."""
        self.ids[key] += 1
        seen = self.ids[key]
        return (self.prefix if not self.subject else "") + key + (f"-{seen}" if seen > 1 else "")

    def end(self, error: dict | None) -> None:
        demo = self.subject
        document = {"schema_version": SCHEMA_VERSION, "command": demo.command,
                    "lang": self.texts.lang, "ok": error is None, "steps": self.steps,
                    **{k: json_value(v, self.full) for k, v in demo.extra.items()},
                    "files": self.files}
        if error:
            document["error"] = error
        write(self.out, document)

    def end_tour(self, finished: bool) -> None:
        write(self.out, {"schema_version": SCHEMA_VERSION, "command": "tour",
                         "lang": self.texts.lang, "ok": True, "sections": self.sections,
                         "files": self.files})
