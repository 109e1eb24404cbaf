"""The numbers a message holds, and what an entry computes from them: the shapes to draw,
the fix written with the learner's own sizes and dtypes. Plain Python, like the catalogue
that names these functions."""

from __future__ import annotations

import re

from prelim_cli.topics.broadcast.rules import find_fix

TORCH_DTYPES = {"float": "float32", "double": "float64", "long int": "int64", "int": "int32",
                "c10::Half": "float16", "bool": "bool", "Float": "float32",
                "Double": "float64", "Long": "int64", "Int": "int32", "Half": "float16",
                "Bool": "bool", "Byte": "uint8", "Short": "int16", "Char": "int8"}


def dtype_name(text: str) -> str:
    """What torch calls the dtype a message names in C++ (``long int``) or ATen (``Long``)."""
    return TORCH_DTYPES.get(text, text.lower())


SHAPES = ("own", "result", "shape")  # groups that capture a shape: [5, 4] or (2,)


def captured(name: str, text: str | None):
    """A captured value: a shape as a list of sizes, a whole number as an int."""
    if text is not None and name in SHAPES:
        return [int(n) for n in re.findall(r"-?\d+", text)]
    return int(text) if text is not None and re.fullmatch(r"-?\d+", text) else text


def shape_arg(shape: tuple[int, ...]) -> str:
    """A shape as ``prelim broadcast`` takes it: 5,4; a scalar as 1, which broadcasts alike."""
    return ",".join(map(str, shape)) or "1"


def broadcast_pair(n: dict) -> list[tuple[int, ...]]:
    """Shapes that give exactly this message: the clash at dimension ``dim`` of the result,
    with b a vector of b's size - the shapes of a sum that dropped its axis, §2.3's
    keepdims lesson, when dim is 1 (a (5, 4) and b = a.sum(axis=1), of shape (5,))."""
    return [(n["b"],) * n["dim"] + (n["a"],), (n["b"],)]


def broadcast_fix(n: dict) -> dict:
    a, b = broadcast_pair(n)
    fix = find_fix([a, b], "ab")
    if fix is None:
        code = "a.shape, b.shape  # axis by axis from the right: equal sizes, or one of them 1"
    elif fix.keepdims:
        code = f"b = {fix.keepdims[1]}  # keeps the summed axis as size 1: {fix.shape}\na + b"
    else:
        code = f"a + {fix.code('ab')}  # b as {fix.shape}, broadcast to {fix.result}"
    return {"shape_a": str(a), "shape_b": str(b), "arg_a": shape_arg(a), "arg_b": shape_arg(b),
            "fix_code": code}


def in_place_shapes(n: dict) -> dict:
    own, result = tuple(n["own"]), tuple(n["result"])
    return {"own_shape": str(own), "result_shape": str(result), "arg_own": shape_arg(own),
            "arg_result": shape_arg(result)}


def reshape_fix(n: dict) -> dict:
    shape, size = tuple(n["shape"]), n["size"]
    last = shape[-1] if shape else 0
    code = (f"X.reshape(-1, {last})  # -1: PyTorch infers {size // last}" if last > 0 and
            size % last == 0 else f"X.reshape(-1)  # all {size} elements in one axis")
    return {"shape_text": str(shape), "fix_code": code}


def last_index(n: dict) -> dict:
    return {"last": n["size"] - 1}


def common_dtype(n: dict) -> dict:
    first, second = dtype_name(n["first"]), dtype_name(n["second"])
    target = second if second.startswith("float") and not first.startswith("float") else first
    return {"first_dtype": first, "second_dtype": second, "target": target}


def cast_dtypes(n: dict) -> dict:
    return {"result_dtype": dtype_name(n["computed"]), "output_dtype": dtype_name(n["output"])}


def matmul_fix(n: dict) -> dict:
    m, k, p, q = n["m"], n["n"], n["p"], n["q"]
    if q == k:
        code = f"A @ B.T  # ({m}, {k}) @ ({q}, {p}) gives ({m}, {p})"
    elif m == p:
        code = f"A.T @ B  # ({k}, {m}) @ ({p}, {q}) gives ({k}, {q})"
    else:
        code = f"A @ B  # B needs {k} rows, as many as A has columns: B of shape ({k}, any)"
    option = f" --shape {m},{k}" if m * k <= 400 else ""  # the lesson with A's own shape
    return {"fix_code": code, "shape_option": option}


def mv_fix(n: dict) -> dict:
    code = (f"torch.mv(A.T, x)  # A.T is ({n['cols']}, {n['rows']}): it takes {n['rows']}"
            if n["vec"] == n["rows"] else
            f"torch.mv(A, x)  # x needs {n['cols']} elements, one per column of A")
    return {"fix_code": code}


def axis_count(n: dict) -> dict:
    return {"ndim": n["high"] + 1}


def dtype_of(n: dict) -> dict:
    return {"dtype_name": dtype_name(n["dtype"])}


def position_text(n: dict) -> dict:
    return {"where": f" (position {n['position']})" if n.get("position") else ""}
