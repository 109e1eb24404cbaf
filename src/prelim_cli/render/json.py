"""One strict JSON document: non-finite floats become "nan", "inf", "-inf"."""

from __future__ import annotations

import json
import math
from typing import Any

from prelim_cli.core.demo import Demo
from prelim_cli.core.env import Output
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


def finite(data: Any) -> Any:
    """Replace NaN/inf anywhere in nested lists and dicts by strings."""
    if isinstance(data, float) and not math.isfinite(data):
        return "nan" if math.isnan(data) else ("inf" if data > 0 else "-inf")
    if isinstance(data, (list, tuple)):
        return [finite(d) for d in data]
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    return data


def json_value(value: Any) -> Any:
    if value is NO_VALUE:
        return None
    if isinstance(value, TensorValue):
        doc = {"type": value.kind, "shape": list(value.shape), "dtype": value.dtype,
               "data": value.data}
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
    if isinstance(value, TupleValue):
        return [json_value(v) for v in value.items]
    if isinstance(value, Printed):
        return value.text
    if isinstance(value, Raised):
        return {"type": "error", "error": value.type, "message": value.message}
    if isinstance(value, ReprValue):
        return value.json
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value


def step_document(step, texts: Texts, show_code: bool) -> dict[str, Any]:
    label, explanation = texts.step(step.key, step.params)
    doc = {"key": step.key, "label": label}
    if show_code:
        doc["code"] = step.code
    doc["explanation"] = explanation
    doc["value"] = json_value(step.value)
    return doc


def write(out: Output, document: dict[str, Any]) -> None:
    out.stdout.write(json.dumps(finite(document), ensure_ascii=not out.unicode,
                                allow_nan=False) + "\n")


class Renderer:
    """One document for the whole run, written at the end."""

    def __init__(self, texts: Texts, show_code: bool, out: Output) -> None:
        self.texts, self.show_code, self.out = texts, show_code, out
        self.steps: list[dict] = []
        self.sections: list[dict] = []
        self.subject: Demo | None = None

    def demo(self, demo: Demo) -> None:
        self.subject = demo

    def section(self, section) -> None:
        self.steps = []
        self.sections.append({"name": section.name, "number": section.number,
                              "title": self.texts.step(section.key, {})[0],
                              "steps": self.steps})

    def step(self, number: int, demo: Demo, step) -> None:
        doc = step_document(step, self.texts, self.show_code)
        self.steps.append(doc if self.subject else {"demo": demo.command, "number": number,
                                                    **doc})

    def end(self, error: str | None) -> None:
        demo = self.subject
        document = {"command": demo.command, "lang": self.texts.lang, "steps": self.steps,
                    **{k: json_value(v) for k, v in demo.extra.items()}}
        if error:
            document["error"] = error
        write(self.out, document)

    def end_tour(self, finished: bool) -> None:
        write(self.out, {"command": "tour", "lang": self.texts.lang,
                         "sections": self.sections})
