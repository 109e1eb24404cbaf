"""The JSON contract: one JSON Schema (draft 2020-12) for the document every command prints.

``prelim schema [COMMAND]`` prints it; the README's table of headline fields is made by
``markdown()`` (a test keeps the two the same); tests validate every command's output
against it with the ``jsonschema`` package. Light: no torch, no jsonschema at run time.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 2  # bumped when a field is removed or changes meaning (README: JSON)
ID = "https://github.com/prelim/prelim/schema/v2"

NUMBER = {"anyOf": [{"type": "number"}, {"enum": ["nan", "inf", "-inf"]}]}
SHAPE = {"type": "array", "items": {"type": "integer", "minimum": 0}}
TEXT, FLAG, COUNT = {"type": "string"}, {"type": "boolean"}, {"type": "integer", "minimum": 0}
OBJECT, LIST = {"type": "object"}, {"type": "array"}


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


# Each command's headline results: top-level fields, present whenever "ok" is true.
# (name, schema, what it holds) - the README's table is made from these. A tensor is
# written as a step writes it: type, shape, dtype, data (summarised when large).
TENSOR_FIELD = {"$ref": "#/$defs/tensor"}
RESULTS = {"type": "object", "additionalProperties": {"$ref": "#/$defs/value"}}
MADE = [("result_shape", SHAPE, "the shape of the tensor made"),
        ("dtype", TEXT, "its dtype")]
PRODUCT = [("result", TENSOR_FIELD, "the product (a tensor)"),
           ("result_shape", SHAPE, "its shape")]


def results(what: str) -> list[tuple[str, dict, str]]:
    return [("results", RESULTS, f"{what}: each value by its code")]


def result(what: str) -> list[tuple[str, dict, str]]:
    return [("result", TENSOR_FIELD, what)]


FLAGS = {"type": "object", "additionalProperties": FLAG}  # yes or no, by name
STATUS = {"enum": ["todo", "started", "passed", "answered", "given-up"]}  # learn/state.py
EXERCISE = {"type": "object", "required": ["id", "slug", "section", "kind", "status", "title",
                                           "numbers"],
            "properties": {"id": TEXT, "slug": TEXT, "section": TEXT, "title": TEXT,
                           "kind": {"enum": ["code", "check", "reflect"]}, "status": STATUS,
                           "numbers": {"type": "object", "additionalProperties": TEXT}}}
PROGRESS = {"type": "object", "required": ["id", "slug", "status", "attempts", "hints",
                                           "seconds", "gave_up"],
            "properties": {"id": TEXT, "slug": TEXT, "status": STATUS, "attempts": COUNT,
                           "hints": COUNT, "seconds": nullable({"type": "number"}),
                           "gave_up": FLAG}}
HEADLINES: dict[str, list[tuple[str, dict, str]]] = {
    **{f"tensor {name}": MADE for name in ("arange", "reshape", "zeros", "ones", "new")},
    "tensor randn": [*MADE, ("seed", {"type": "integer"}, "the seed the numbers came from")],
    "tensor ops": results("x + y, x - y, x * y, x / y and x ** y"),
    "tensor exp": result("torch.exp(x)"),
    "tensor cat": results("the concatenations, along each dim shown"),
    "tensor compare": results("X == Y, X < Y and X > Y"),
    "tensor sum": result("X.sum()"),
    "tensor index": results("each index or slice of X"),
    "tensor assign": result("X after every assignment"),
    "tensor memory": [
        ("same_id", FLAGS, "for each statement, whether the name still holds the same "
                             "object afterwards (false: new memory)"),
        ("same_data_ptr", FLAG, "whether `X += Y` kept X's storage (`X.data_ptr()`)")],
    "tensor convert": [
        ("types", {"type": "object", "additionalProperties": TEXT},
         "`type(A)` of `X.numpy()` and `type(B)` of `torch.tensor(A)`"),
        ("shares_memory", FLAGS, "after `A[0, 0] = 100`: which of X, B, C see it (share "
                                   "A's memory)"),
        *results("`a.item()`, `float(a)` and `int(a)`")],
    "broadcast": [
        ("compatible", FLAG, "whether the shapes broadcast"),
        ("result_shape", nullable(SHAPE), "the broadcast shape, null when they do not"),
        ("failing_axis", nullable({"type": "integer"}), "the first axis (from the right, "
                                                        "negative) where they clash"),
        ("in_place", FLAG, "whether `a += b` works (the result has a's shape)")],
    "preprocess": [
        ("rows", COUNT, "data rows read"), ("rows_read", COUNT, "the same as `rows`, named "
                                                             "to pair with `rows_kept`"),
        ("rows_kept", COUNT, "rows in X and y"),
        ("columns", {"type": "array", "items": TEXT}, "the columns of X"),
        ("target", nullable(TEXT), "the column y comes from"),
        ("X_shape", SHAPE, "the shape of X"), ("X_dtype", TEXT, "the dtype of X"),
        ("y_shape", nullable(SHAPE), "the shape of y"),
        ("fill_values", OBJECT, "the value each numeric column's NaN became"),
        ("dropped_column", nullable(TEXT), "the column --drop-most-missing dropped"),
        ("stream", FLAG, "whether --stream read it in chunks"),
        ("passes", COUNT, "passes over the file")],
    "linalg scalar": results("x + y, x * y, x / y and x**y"),
    "linalg vector": [("len", COUNT, "len(x)"), ("shape", SHAPE, "x.shape")],
    "linalg matrix": [*result("A.T"), ("result_shape", SHAPE, "its shape")],
    "linalg symmetric": [("symmetric", FLAG, "whether B equals B.T")],
    "linalg tensor": MADE,
    "linalg elementwise": results("A + B, A * B, a + X and (a * X).shape"),
    "linalg sum": results("each sum shown"),
    "linalg mean": results("each mean shown and the sum / count beside it"),
    "linalg cumsum": result("A.cumsum(axis=...)"),
    "linalg norm": results("each norm shown, the book's way and the current one"),
    "linalg dot": result("the dot product (a 0-d tensor)"),
    "linalg mv": PRODUCT, "linalg mm": PRODUCT,
    "linalg keepdims": [("without_keepdims", {}, "what A / A.sum(axis=1) gave: \"error\", "
                                                 "or the shape it broadcast to")],
    "linalg cost": [
        ("flops", OBJECT, "multiply-adds of (AB)C and A(BC)"),
        ("intermediate_elements", OBJECT, "elements of the intermediate product, each order"),
        ("cheaper", TEXT, "the cheaper order")],
    "derivative": [
        ("function", TEXT, "f as typed"), ("point", OBJECT, "the point, by variable"),
        ("f", NUMBER, "f at the point"),
        ("limits", LIST, "every row of the table: h, quotients, errors"),
        ("gradient", OBJECT, "the derivative by autograd, by variable")],
    "autograd grad": [
        ("grad", TENSOR_FIELD, "x.grad after y.backward()"),
        ("max_difference", NUMBER, "largest gap to the finite differences"),
        ("graph", OBJECT, "the backward graph: nodes and edges")],
    "autograd accumulate": [
        ("grad", TENSOR_FIELD, "x.grad at the end: two backward passes through one retained "
                               "graph, added up"),
        ("second_backward_error", nullable({"type": "object", "required": ["error", "message"]}),
         "what a second `y.backward()` without `retain_graph=True` raised (null if nothing)")],
    "autograd control-flow": [
        ("grad", TENSOR_FIELD, "a.grad"), ("branch", {"enum": ["if", "else"]}, "the branch taken"),
        ("iterations", COUNT, "doublings in the while loop"),
        ("graph", OBJECT, "the backward graph")],
    "autograd detach": [("grad", TENSOR_FIELD, "x.grad after z.sum().backward(): equal to u"),
                        ("graph", OBJECT, "the backward graph")],
    "autograd plot": [("function", TEXT, "f as typed"), ("x", TENSOR_FIELD, "the points"),
                      ("y", TENSOR_FIELD, "f(x)"), ("grad", TENSOR_FIELD, "x.grad: f'(x)")],
    "probability sample": [
        ("seed", {"type": "integer"}, "the seed the rolls came from"),
        ("counts", TENSOR_FIELD, "the thousand rolls' counts per face"),
        ("frequencies", TENSOR_FIELD, "counts / 1000")],
    "probability sample --coin": [
        ("seed", {"type": "integer"}, "the seed the tosses came from"),
        ("python_heads", COUNT, "heads in the 100 tosses of random.random() > 0.5"),
        ("python_tails", COUNT, "tails in those 100 tosses"),
        ("counts", TENSOR_FIELD, "heads and tails in 10,000 tosses"),
        ("frequencies", TENSOR_FIELD, "counts / 10000")],
    "probability converge": [
        ("seed", {"type": "integer"}, "the seed the rolls came from"),
        ("groups", COUNT, "groups of rolls"), ("rolls", COUNT, "rolls per group"),
        ("estimates", {"type": "object", "additionalProperties": TENSOR_FIELD},
         "each face's estimated probability, by groups done")],
    "probability converge --coin": [
        ("seed", {"type": "integer"}, "the seed the tosses came from"),
        ("groups", COUNT, "tosses (groups of one)"), ("rolls", COUNT, "tosses per group: 1"),
        ("estimates", {"type": "object", "additionalProperties": TENSOR_FIELD},
         "P(heads) and P(tails) estimated, by tosses done")],
    "probability bayes": [
        ("p_d1", NUMBER, "P(D1=1)"), ("p_h_given_d1", NUMBER, "P(H=1 | D1=1)"),
        ("p_d1_d2", NUMBER, "P(D1=1, D2=1)"), ("p_h_given_d1_d2", NUMBER,
                                                "P(H=1 | D1=1, D2=1)")],
    "docs": [
        ("name", TEXT, "the name looked up, as typed"),
        ("kind", {"enum": ["module", "class", "function", "other"]}, "what it is"),
        ("names", {"type": "array", "items": TEXT}, "its public dir(): no _ or __ names"),
        ("groups", OBJECT, "a module's or class's names by kind: classes, functions, "
                           "submodules, other"),
        ("signature", nullable(TEXT), "how to call it, null when it is not callable"),
        ("parameters", LIST, "each parameter: name and a one-line description")],
    "why": [("match", {"type": "object",
                       "required": ["id", "section", "cause", "fix", "command", "numbers"],
                       "properties": {"id": TEXT, "section": TEXT, "cause": TEXT, "fix": TEXT,
                                      "command": TEXT, "numbers": OBJECT}},
             "the error recognised: id, section (2.1), cause, fix (code), command (the "
             "lesson), the numbers read from the message")],
    "learn list": [
        ("exercises", {"type": "array", "items": EXERCISE},
         "the edition's exercises in book order: id (its number there), slug (the same in "
         "both editions), section, kind (code, check, reflect), status, title, numbers (per "
         "edition)"),
        ("done", COUNT, "exercises passed or answered"), ("total", COUNT, "exercises")],
    "learn start": [("path", TEXT, "the exercise file (written, or kept when it existed)"),
                    ("written", FLAG, "false when the learner's own file was kept")],
    "learn hint": [("hints", {"type": "array", "items": TEXT}, "every hint revealed so far"),
                   ("left", COUNT, "hints still hidden")],
    "learn solution": [
        ("solution", TEXT, "the whole exercise file with the reference solution (it passes "
                           "the check)"),
        ("answer", TEXT, "the reasoning behind it"),
        ("given_up", FLAG, "whether the progress records the exercise as given up")],
    "learn progress": [
        ("done", COUNT, "exercises passed or answered"), ("total", COUNT, "exercises"),
        ("exercises", {"type": "array", "items": PROGRESS},
         "per exercise: id, slug, status, attempts (checks run), hints (revealed), seconds "
         "(from start to pass, null before a pass), gave_up")],
    "learn reset": [("reset", {"type": "array", "items": TEXT}, "the IDs whose progress was "
                                                                "forgotten"),
                    ("backups", {"type": "array", "items": TEXT},
                     "where each learner's file was moved (NAME.bak)")],
    "doctor": [("versions", OBJECT, "installed versions"), ("device", OBJECT, "what torch sees"),
               ("checks", LIST, "each book line that fails here, and its replacement"),
               ("why", OBJECT, "prelim why's catalogue on these versions: errors, recognised, "
                               "not_raised, not_recognised")],
    "learn check": [
        ("id", TEXT, "the exercise, as numbered in the workspace's edition (2.3.6)"),
        ("passed", nullable(FLAG), "whether every case passed; null for a reflect exercise, "
                                   "which prelim never checks"),
        ("status", {"enum": ["passed", "failed", "missing", "error", "timeout", "crashed",
                             "answered", "unfinished"]}, "what happened"),
        ("seed", nullable({"type": "integer"}), "the seed of the generated inputs"),
        ("cases", {"type": "array", "items": {
            "type": "object", "required": ["call", "book", "inputs", "passed", "difference"]}},
         "each case: call, book (the book's input or a generated one), seed, index, inputs "
         "(as printed), passed, difference (null, or its kind and what differs)")],
}

STEP = {
    "type": "object",
    "required": ["id", "key", "label", "explanation", "value"],
    "properties": {
        "id": {"type": "string", "description": "unique in the document: key, key-2, ..."},
        "key": {"type": "string", "description": "the catalog entry; may repeat"},
        "label": TEXT, "code": TEXT, "explanation": TEXT,
        "value": {"$ref": "#/$defs/value"},
        "expected_error": {"type": "object", "required": ["type", "message"],
                           "description": "the step fails on purpose: the lesson's point"},
    },
    "additionalProperties": False,
}
TENSOR = {
    "type": "object", "required": ["type", "shape", "dtype"],
    "properties": {"type": {"enum": ["tensor", "ndarray"]}, "shape": SHAPE, "dtype": TEXT,
                   "data": {}, "truncated": {"const": True}, "size": COUNT,
                   "head": LIST, "tail": LIST, "min": NUMBER, "max": NUMBER, "mean": NUMBER,
                   "requires_grad": FLAG, "grad": {}, "grad_fn": TEXT},
    "oneOf": [{"required": ["data"]}, {"required": ["truncated", "size", "head", "tail"]}],
}
FILE = {"type": "object", "required": ["option", "path", "kind", "bytes"],
        "properties": {"option": TEXT, "path": TEXT, "bytes": COUNT,
                       "kind": {"enum": ["figure", "graph", "tensors", "data", "lesson"]}},
        "additionalProperties": False}
ERROR = {"type": "object", "required": ["message", "code"],
         "properties": {"message": TEXT, "code": {"enum": [1, 2]}},
         "additionalProperties": False}
COMMON = {"schema_version": {"const": SCHEMA_VERSION}, "command": TEXT,
          "lang": {"enum": ["en", "zh"]}, "ok": FLAG,
          "files": {"type": "array", "items": {"$ref": "#/$defs/file"}},
          "error": {"$ref": "#/$defs/error"}}
OK_MEANS_NO_ERROR = [{"if": {"properties": {"ok": {"const": True}}},
                      "then": {"not": {"required": ["error"]}}, "else": {"required": ["error"]}}]
DEFS = {
    "step": STEP, "tensor": TENSOR, "file": FILE, "error": ERROR,
    "value": {"anyOf": [
        {"$ref": "#/$defs/tensor"},
        {"type": "object", "required": ["type"], "properties": {"type": {"enum": [
            "dataframe", "table", "error"]}}},
        {"type": "array", "items": {"$ref": "#/$defs/value"}},
        {"type": ["string", "number", "boolean", "null", "object"]}]},
}


def demo_schema(command: str | None = None) -> dict[str, Any]:
    """The document of one command (any command, when ``command`` is None)."""
    schema = {"type": "object", "required": ["schema_version", "command", "lang", "ok",
                                             "steps", "files"],
              "properties": {**COMMON, "steps": {"type": "array",
                                                 "items": {"$ref": "#/$defs/step"}}},
              "allOf": list(OK_MEANS_NO_ERROR)}
    for name, fields in HEADLINES.items():
        if command in (None, name):
            schema["allOf"].append({
                "if": {"properties": {"command": {"const": name}, "ok": {"const": True}},
                       "required": ["command", "ok"]},
                "then": {"required": [f for f, _, _ in fields],
                         "properties": {f: s for f, s, _ in fields}}})
    if command is not None:
        schema["properties"]["command"] = {"const": command}
    return schema


def tour_schema() -> dict[str, Any]:
    tour_step = {**STEP, "required": [*STEP["required"], "demo", "number"],
                 "properties": {**STEP["properties"], "demo": TEXT, "number": COUNT,
                                "id": {"type": "string", "pattern": "^[a-z]+/"}}}
    part = {"type": "object", "required": ["number", "title", "step"],
            "properties": {"number": TEXT, "title": TEXT, "step": COUNT},
            "additionalProperties": False,
            "description": "a subsection as the edition numbers it, opening at this step"}
    section = {"type": "object", "required": ["name", "number", "title", "parts", "steps"],
               "properties": {"name": TEXT, "number": TEXT, "title": TEXT,
                              "parts": {"type": "array", "items": part},
                              "steps": {"type": "array", "items": tour_step}}}
    return {"type": "object",
            "required": ["schema_version", "command", "lang", "ok", "sections", "files"],
            "properties": {**COMMON, "command": {"const": "tour"},
                           "sections": {"type": "array", "items": section}},
            "allOf": list(OK_MEANS_NO_ERROR)}


def schema(command: str | None = None) -> dict[str, Any]:
    """The schema of ``command``'s document, or of every document prelim prints. A tour
    that fails before it starts prints a command document (no sections)."""
    if command == "tour":
        body = {"anyOf": [tour_schema(), demo_schema("tour")]}
    elif command is not None:
        body = demo_schema(command)
    else:
        body = {"anyOf": [tour_schema(), demo_schema()]}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": ID,
            "title": f"prelim {command or ''} --format json".replace("  ", " "),
            **body, "$defs": DEFS}


def dumps(command: str | None = None) -> str:
    return json.dumps(schema(command), indent=2, ensure_ascii=False) + "\n"


def markdown() -> str:
    """The README's table of headline fields, from HEADLINES."""
    lines = ["| command | field | holds |", "|---|---|---|"]
    for command, fields in HEADLINES.items():
        for name, _, holds in fields:
            cell = holds.replace("|", "\\|")  # a | inside a cell would end it
            lines.append(f"| `{command}` | `{name}` | {cell} |")
    return "\n".join(lines) + "\n"
