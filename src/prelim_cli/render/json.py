"""One strict JSON document: non-finite floats become "nan", "inf", "-inf"."""

from __future__ import annotations

import json
import math
from typing import Any

from prelim_cli.core.demo import Demo
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
from prelim_cli.render import Output


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


def demo_document(demo: Demo, texts: Texts, show_code: bool = True) -> dict[str, Any]:
    steps = []
    for step in demo.steps:
        label, explanation = texts.step(step.key, step.params)
        doc = {"key": step.key, "label": label}
        if show_code:
            doc["code"] = step.code
        doc["explanation"] = explanation
        doc["value"] = json_value(step.value)
        steps.append(doc)
    document = {"command": demo.command, "lang": texts.lang, "steps": steps,
                **{k: json_value(v) for k, v in demo.extra.items()}}
    if demo.error:
        document["error"] = demo.error
    return finite(document)


def render_json(demo: Demo, texts: Texts, show_code: bool, out: Output) -> None:
    out.stdout.write(json.dumps(demo_document(demo, texts, show_code), ensure_ascii=False,
                                allow_nan=False) + "\n")
