"""Explanations chosen by the values: each command is fed several inputs, and what the step
says is checked against numbers computed here, independently (numpy and pandas directly).

- derivative: "exact, as for any quadratic f" only where every central error is rounding;
- preprocess, fill: "exact mean" only where pandas' mean() gives another value, and then the
  code shown computes the table shown;
- preprocess, a target with NaN: --fill drop-rows is suggested only where it drops exactly
  the rows without a target, else the step says how many rows it would keep.
"""

import io
import math

import numpy as np
import pandas as pd
import pytest

from conftest import prelim_json


def step(doc, prefix):
    found = [s for s in doc["steps"] if s["key"].startswith(prefix)]
    assert found, [s["key"] for s in doc["steps"]]
    return found[0]


# ---------------------------------------------------------------- derivative

# f in prelim's syntax, the same f for numpy, its derivative, the point
FUNCTIONS = [
    ("3*x**2 - 4*x", lambda x: 3 * x ** 2 - 4 * x, lambda x: 6 * x - 4, 1.0),  # the book's
    ("x**3", lambda x: x ** 3, lambda x: 3 * x ** 2, 1.0),
    ("x**3 - 1/x", lambda x: x ** 3 - 1 / x, lambda x: 3 * x ** 2 + 1 / x ** 2, 1.0),
    ("x**4", lambda x: x ** 4, lambda x: 4 * x ** 3, 0.0),  # even around 0: exact too
    ("sin(x)", np.sin, np.cos, 0.5),
    ("5*x**2 + x - 7", lambda x: 5 * x ** 2 + x - 7, lambda x: 10 * x + 1, -2.0),
]


@pytest.mark.parametrize("method", ["forward", "central", "both"])
@pytest.mark.parametrize("text, f, df, at", FUNCTIONS)
def test_central_differences_are_called_exact_only_where_they_are(text, f, df, at, method):
    doc = prelim_json("derivative", text, "--at", repr(at), "--method", method)
    shown = step(doc, "calculus.errors")
    hs = [0.1 / 10 ** i for i in range(5)]
    # numpy, float64: the central difference's error at each h, against the exact f'
    errors = [abs((f(at + h) - f(at - h)) / (2 * h) - df(at)) for h in hs]
    # an error that grows like 1/h is rounding; truncation (like h²) is largest at h = 0.1
    rounding_only = all(e <= 1e-12 / h for e, h in zip(errors, hs))
    says_exact = "quadratic" in shown["explanation"]
    assert says_exact == (method != "forward" and rounding_only), (errors, shown["explanation"])
    zh = prelim_json("derivative", text, "--at", repr(at), "--method", method, "--lang", "zh")
    assert ("二次函数" in step(zh, "calculus.errors")["explanation"]) == says_exact


def test_float32_rounding_is_still_rounding_for_the_books_quadratic():
    doc = prelim_json("derivative", "--method", "central", "--dtype", "float32")
    assert step(doc, "calculus.errors")["key"] == "calculus.errors_exact"
    doc = prelim_json("derivative", "x**3", "--method", "central", "--dtype", "float32")
    assert step(doc, "calculus.errors")["key"] == "calculus.errors"


# ---------------------------------------------------------------- preprocess: the fill

FILL_FILES = {
    "book": "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n",
    "tenths": "x,t\n0.1,1\n0.2,2\n0.3,3\n,4\n",  # pandas: 0.20000000000000004
    "cancel": "big,c,t\n1e16,a,1\n1,b,2\n-1e16,a,3\n,b,4\n0.5,a,5\n",  # pandas loses the 1.5
    "ints": "n,m,t\n1,,1\n2,7,2\n,8,3\n",
}


@pytest.mark.parametrize("name", FILL_FILES)
def test_the_fill_step_says_exact_only_where_pandas_mean_differs(tmp_path, name):
    path = tmp_path / f"{name}.csv"
    path.write_text(FILL_FILES[name])
    doc = prelim_json("preprocess", str(path))
    shown = step(doc, "preprocess.fill_mean")
    data = pd.read_csv(io.StringIO(FILL_FILES[name]))
    inputs = data.iloc[:, :-1]
    pandas_mean = inputs.mean(numeric_only=True)
    filled = pd.DataFrame(shown["value"]["data"], columns=shown["value"]["columns"])
    nan = inputs.isna()
    used = {c: float(filled[c][nan[c]].iloc[0]) for c in pandas_mean.index if nan[c].any()}
    differ = {c for c, v in used.items() if v != pandas_mean[c]}
    assert (shown["key"] == "preprocess.fill_mean_exact") == bool(differ)
    if not differ:  # the code shown is the book's fix, and it makes the table shown
        assert "inputs.fillna(inputs.mean(numeric_only=True))" in shown["code"]
        return
    for c in differ:  # the explanation names both values, and they are the real ones
        assert f"{c} = {used[c]!r}, pandas {float(pandas_mean[c])!r}" in shown["explanation"]
    namespace = {"inputs": inputs.copy()}
    exec(shown["code"].rsplit("\n", 1)[0], namespace)  # the code shown gives the values shown
    for c in differ:
        assert namespace["inputs"][c][nan[c]].iloc[0] == used[c]


def test_the_exact_mean_is_exact():
    # 1e16 + 1 - 1e16 + 0.5 in float64 adds to 0.5 or 1.5 depending on the order; exactly 1.5
    doc = prelim_json("preprocess", "-", input=FILL_FILES["cancel"])
    filled = step(doc, "preprocess.fill_mean")["value"]["data"]
    assert filled[3][0] == 1.5 / 4


# ---------------------------------------------------------------- preprocess: NaN in y

TARGET_FILES = {
    "book_rooms": (FILL_FILES["book"], ["--target", "0"]),  # Alley's NaN are in other rows
    "only_y": ("a,c,t\n1,x,2\n2,y,\n3,x,4\n", []),  # the inputs are complete
    "both": ("a,c,t\n1,x,2\n,y,\n3,x,\n4,,5\n", []),  # row 3 lacks c, rows 1-2 lack t
    "same_rows": ("a,t\n1,2\n,\n3,4\n", []),  # the NaN input is in the row without a target
}


@pytest.mark.parametrize("name", TARGET_FILES)
def test_the_missing_target_hint_counts_the_rows_each_fix_keeps(name):
    text, args = TARGET_FILES[name]
    doc = prelim_json("preprocess", "-", *args, input=text)
    data = pd.read_csv(io.StringIO(text))
    target = data.columns[int(args[1])] if args else data.columns[-1]
    complete = len(data.dropna())  # what --fill drop-rows keeps
    with_target = len(data.dropna(subset=[target]))
    shown = step(doc, "preprocess.target_nan")
    assert shown["value"] == {"type": "tensor", "shape": [], "dtype": "int64",
                              "data": len(data) - with_target}
    explained = shown["explanation"]
    if complete == with_target:  # drop-rows drops just the rows without a target
        assert shown["key"] == "preprocess.target_nan"
        assert f"drops exactly these rows here ({with_target} of {len(data)} rows kept)" \
            in explained
    else:
        assert shown["key"] == "preprocess.target_nan_rows"
        assert f"would keep only {complete} of {len(data)} rows" in explained
        assert f"({with_target} kept)" in explained and f"subset=['{target}']" in explained
    assert math.isfinite(complete)
