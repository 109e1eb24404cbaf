"""prelim preprocess (§2.2): the book's example, every fill strategy against numbers worked
out by hand and against the pandas code the demo shows, output files, streaming equals
whole-file, and every bad input the issue lists."""

import json
from fractions import Fraction
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import (
    built,
    exported_and_shown,
    prelim,
    prelim_json,
    python_prints,
    run_script,
    values,
)
from prelim_cli.core.errors import PrelimError

BOOK_CSV = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
BOOK_X = [[3.0, 1.0, 0.0], [2.0, 0.0, 1.0], [4.0, 0.0, 1.0], [3.0, 0.0, 1.0]]
BOOK_Y = [127500.0, 106000.0, 178100.0, 140000.0]
BOOK_COLUMNS = ["NumRooms", "Alley_Pave", "Alley_nan"]

# A small table whose answers are worked out by hand below.
#   a: 1, NaN, 2, 6, 2    -> mean 11/4 = 2.75, median of 1 2 2 6 = 2, mode 2
#   b: 10, 20, NaN, 40, 70 -> mean 140/4 = 35, median (20 + 40)/2 = 30, mode: all once -> 10
#   color: red, blue, red, NaN, green -> sorted categories blue, green, red, then NaN
HAND_CSV = "a,b,color,target\n1,10,red,100\n,20,blue,200\n2,,red,300\n6,40,,400\n2,70,green,500\n"
HAND_COLUMNS = ["a", "b", "color_blue", "color_green", "color_red", "color_nan"]
HAND_Y = [100.0, 200.0, 300.0, 400.0, 500.0]


def hand_x(a_fill, b_fill):
    return [[1.0, 10.0, 0.0, 0.0, 1.0, 0.0],
            [a_fill, 20.0, 1.0, 0.0, 0.0, 0.0],
            [2.0, b_fill, 0.0, 0.0, 1.0, 0.0],
            [6.0, 40.0, 0.0, 0.0, 0.0, 1.0],
            [2.0, 70.0, 0.0, 1.0, 0.0, 0.0]]


def step(doc, key):
    found = [s for s in doc["steps"] if s["key"] == key]
    assert found, f"no step {key}: {[s['key'] for s in doc['steps']]}"
    return found[0]


def tensors(doc):
    """X and y from the tensors step (or X alone without a target)."""
    value = doc["steps"][-1]["value"] if doc["steps"][-1]["key"].startswith("preprocess.tensors") \
        else step(doc, "preprocess.tensors")["value"]
    return value if isinstance(value, list) else [value, None]


def book_line_fails(run) -> str | None:
    """Run one of the book's lines on the installed pandas; its error message, if any."""
    data = pd.read_csv(__import__("io").StringIO(BOOK_CSV))
    inputs = data.iloc[:, 0:2]
    try:
        run(inputs)
    except (TypeError, ValueError) as err:
        return str(err)
    return None


@pytest.fixture
def hand_csv(tmp_path):
    path = tmp_path / "hand.csv"
    path.write_text(HAND_CSV)
    return path


# ---------------------------------------------------------------- the book's example

def test_book_example_json_is_the_books_result():
    doc = prelim_json("preprocess", "--example", "house_tiny")
    X, y = tensors(doc)
    assert X == {"type": "tensor", "shape": [4, 3], "dtype": "float64", "data": BOOK_X}
    # the book's y = torch.tensor(outputs.values) works as printed: tensor([127500, ...])
    assert y == {"type": "tensor", "shape": [4], "dtype": "int64", "data": BOOK_Y}
    assert [type(v) for v in y["data"]] == [int] * 4
    assert doc["columns"] == BOOK_COLUMNS and doc["target"] == "Price"
    assert doc["X_shape"] == [4, 3] and doc["y_shape"] == [4]
    assert doc["fill_values"] == {"NumRooms": 3.0}
    codes = [s["code"] for s in doc["steps"]]
    assert "data = pd.read_csv('house_tiny.csv')\ndata" in codes
    assert "inputs, outputs = data.iloc[:, 0:2], data.iloc[:, 2]\ninputs" in codes
    assert "inputs = inputs.fillna(inputs.mean(numeric_only=True))\ninputs" in codes
    assert "inputs = pd.get_dummies(inputs, dummy_na=True)\ninputs" in codes  # the book's
    assert ("X = torch.tensor(inputs.to_numpy(dtype=float))\ny = torch.tensor(outputs.values)"
            "\nX, y") in codes
    data = step(doc, "preprocess.read_example")["value"]
    assert data["data"][0] == [None, "Pave", 127500] and data["dtypes"][0] == "float64"


def test_book_example_missing_value_summary():
    doc = prelim_json("preprocess", "--example", "house_tiny")
    shown = step(doc, "preprocess.missing")
    summary = shown["value"]
    assert summary["columns"] == ["dtype", "kind", "NaN", "share"]
    assert summary["index"] == ["NumRooms", "Alley", "Price"]
    assert summary["data"] == [["float64", "numeric", 2, 0.5],
                               ["str", "categorical", 3, 0.75],
                               ["int64", "numeric", 0, 0.0]]
    namespace = {"pd": pd, "data": pd.read_csv(__import__("io").StringIO(BOOK_CSV))}
    *statements, last = shown["code"].splitlines()
    exec("\n".join(statements), namespace)  # the code shown makes the table shown
    assert eval(last, namespace).to_numpy().tolist() == summary["data"]


def test_book_lines_that_fail_are_shown_live_next_to_their_replacement():
    doc = prelim_json("preprocess", "--example", "house_tiny")
    keys = [s["key"] for s in doc["steps"]]
    mean_error = book_line_fails(lambda inputs: inputs.fillna(inputs.mean()))
    values_error = book_line_fails(lambda inputs: torch.tensor(pd.get_dummies(
        inputs.fillna(inputs.mean(numeric_only=True)), dummy_na=True).values))
    if mean_error:  # pandas >= 2: "Cannot perform reduction 'mean' with string dtype" on 3.x
        shown = step(doc, "preprocess.book_mean")
        assert shown["code"] == "inputs.fillna(inputs.mean())"
        assert shown["value"] == {"type": "error", "error": "TypeError", "message": mean_error}
        assert pd.__version__ in shown["label"]
        assert keys.index("preprocess.book_mean") + 1 == keys.index("preprocess.fill_mean")
    else:
        assert "preprocess.book_mean" not in keys
    if values_error:
        shown = step(doc, "preprocess.book_values")
        assert shown["value"]["message"] == values_error
        assert shown["code"] == ("X, y = torch.tensor(inputs.values), "
                                 "torch.tensor(outputs.values)")
        assert keys.index("preprocess.dummies") + 1 == keys.index("preprocess.book_values") \
            == keys.index("preprocess.tensors") - 1
    else:
        assert "preprocess.book_values" not in keys


def test_book_example_repr_is_the_session():
    result = prelim("preprocess", "--example", "house_tiny", "--format", "repr")
    assert result.exit_code == 0
    assert ">>> data = pd.read_csv('house_tiny.csv')\n>>> data\n" in result.stdout
    assert (">>> X, y\n(tensor([[3., 1., 0.],\n         [2., 0., 1.],\n         [4., 0., 1.],\n"
            "         [3., 0., 1.]], dtype=torch.float64),\n"
            " tensor([127500, 106000, 178100, 140000]))\n"
            ) in result.stdout  # as a Jupyter cell shows the tuple


@pytest.mark.parametrize("lang, text", [("en", "One-hot encode Alley"),
                                        ("zh", "对 Alley 做独热编码")])
def test_book_example_table_in_both_languages(lang, text):
    result = prelim("preprocess", "--example", "house_tiny", "--lang", lang)
    assert result.exit_code == 0
    assert text in result.stdout
    assert "inputs = pd.get_dummies(inputs, dummy_na=True)\n" in result.stdout
    if book_line_fails(lambda inputs: inputs.fillna(inputs.mean())):
        assert result.stdout.count(f"pandas {pd.__version__}") == 2  # each failing line once
        assert "TypeError: Cannot perform reduction 'mean'" in result.stdout


def test_write_example_writes_the_books_file_then_reads_it(tmp_path):
    path = tmp_path / "house_tiny.csv"
    doc = prelim_json("preprocess", "--write-example", str(path))
    assert path.read_text() == BOOK_CSV
    assert doc["steps"][0]["key"] == "preprocess.write_example"
    assert doc["steps"][0]["code"].startswith(f"with open({str(path)!r}, 'w') as f:\n")
    assert tensors(doc)[0]["data"] == BOOK_X
    again = prelim("preprocess", "--write-example", str(path))
    assert again.exit_code == 1 and "add --force" in again.stderr
    assert prelim("preprocess", "--write-example", str(path), "--force").exit_code == 0


def test_drop_most_missing_is_the_chapters_exercise():
    doc = prelim_json("preprocess", "--example", "house_tiny", "--drop-most-missing")
    shown = step(doc, "preprocess.drop_column")
    assert "Alley" in shown["label"] and "(3)" in shown["label"]  # 3 NaN against NumRooms' 2
    assert "75% of its values are NaN" in shown["explanation"]  # 3 of 4
    assert tensors(doc)[0]["data"] == [[3.0], [2.0], [4.0], [3.0]]
    assert doc["dropped_column"] == "Alley"


def test_drop_most_missing_with_nothing_missing_says_so(tmp_path):
    path = tmp_path / "full.csv"
    path.write_text("a,c,t\n1,x,3\n2,y,4\n")
    doc = prelim_json("preprocess", str(path), "--drop-most-missing")
    shown = step(doc, "preprocess.drop_column_none")
    assert shown["code"] == "inputs.isna().sum().max()" and shown["value"] == 0
    assert doc["dropped_column"] is None and doc["columns"] == ["a", "c_x", "c_y", "c_nan"]


# ---------------------------------------------------------------- fill strategies by hand

@pytest.mark.parametrize("args, expected", [
    (["--fill", "mean"], hand_x(2.75, 35.0)),
    (["--fill", "median"], hand_x(2.0, 30.0)),
    (["--fill", "mode"], hand_x(2.0, 10.0)),
    (["--fill", "zero"], hand_x(0.0, 0.0)),
    (["--fill", "constant", "--fill-value", "-1.5"], hand_x(-1.5, -1.5)),
])
def test_fill_strategies_by_hand(hand_csv, args, expected):
    doc = prelim_json("preprocess", str(hand_csv), *args)
    X, y = tensors(doc)
    assert X["data"] == expected
    assert y["data"] == HAND_Y
    assert doc["columns"] == HAND_COLUMNS


def test_fill_drop_rows_by_hand(hand_csv):
    # rows 1, 2, 3 each miss a value; rows 0 and 4 remain, and only their categories
    doc = prelim_json("preprocess", str(hand_csv), "--fill", "drop-rows")
    X, y = tensors(doc)
    assert doc["columns"] == ["a", "b", "color_green", "color_red", "color_nan"]
    assert X["data"] == [[1.0, 10.0, 0.0, 1.0, 0.0], [2.0, 70.0, 1.0, 0.0, 0.0]]
    assert y["data"] == [100.0, 500.0]
    assert "(3 dropped)" in step(doc, "preprocess.fill_drop_rows")["label"]


def test_no_dummy_na_leaves_nan_categories_all_zero(hand_csv):
    doc = prelim_json("preprocess", str(hand_csv), "--no-dummy-na")
    X, _ = tensors(doc)
    assert doc["columns"] == HAND_COLUMNS[:-1]
    assert X["data"][3] == [6.0, 40.0, 0.0, 0.0, 0.0]
    assert "dummy_na=False" in step(doc, "preprocess.dummies_no_na")["code"]


PANDAS_FILLS = {
    "mean": lambda i: i.fillna(i.mean(numeric_only=True)),
    "median": lambda i: i.fillna(i.median(numeric_only=True)),
    "mode": lambda i: i.fillna(i.mode(numeric_only=True).iloc[0]),
    "zero": lambda i: i.fillna(dict.fromkeys(i.select_dtypes("number").columns, 0.0)),
}


@pytest.mark.parametrize("fill", sorted(PANDAS_FILLS))
@pytest.mark.parametrize("csv", [BOOK_CSV, HAND_CSV])
def test_result_is_what_the_shown_pandas_code_gives(tmp_path, fill, csv):
    path = tmp_path / "in.csv"
    path.write_text(csv)
    data = pd.read_csv(path)
    inputs, outputs = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = pd.get_dummies(PANDAS_FILLS[fill](inputs), dummy_na=True, dtype=float)
    doc = prelim_json("preprocess", str(path), "--fill", fill)
    X, y = tensors(doc)
    assert doc["columns"] == list(inputs.columns)
    assert X["data"] == inputs.to_numpy(dtype=float).tolist()
    assert y["data"] == outputs.to_numpy(dtype=float).tolist()


def test_shown_frames_are_the_pandas_frames(hand_csv):
    data = pd.read_csv(hand_csv)
    inputs = data.iloc[:, :-1]
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    dummies = pd.get_dummies(inputs, dummy_na=True)
    doc = prelim_json("preprocess", str(hand_csv))
    shown = step(doc, "preprocess.dummies")["value"]
    assert shown["columns"] == list(dummies.columns)
    assert shown["dtypes"] == [str(t) for t in dummies.dtypes]
    assert shown["data"] == dummies.to_numpy().tolist()
    filled = step(doc, "preprocess.fill_mean")["value"]
    assert filled["data"][1] == [2.75, 20.0, "blue"]


def test_mean_is_exact_and_the_step_says_where_pandas_rounds_differently(tmp_path):
    # In float64, 0.1 + 0.2 + 0.3 adds up to 0.6000000000000001, so pandas' mean() is
    # 0.20000000000000004; the exact sum of the three doubles, divided by 3, rounds to 0.2.
    path = tmp_path / "tenth.csv"
    path.write_text("x,t\n0.1,1\n0.2,2\n0.3,3\n,4\n")
    assert pd.read_csv(path)["x"].mean() == 0.20000000000000004
    assert float(sum(map(Fraction, [0.1, 0.2, 0.3])) / 3) == 0.2
    whole, stream, doc, doc_stream = both_modes(tmp_path, path, ".npz")
    shown = step(doc, "preprocess.fill_mean_exact")
    assert "x = 0.2, pandas 0.20000000000000004" in shown["explanation"]
    assert doc["fill_values"] == doc_stream["fill_values"] == {"x": 0.2}
    with np.load(whole) as a, np.load(stream) as b:
        assert a["X"].tolist() == b["X"].tolist() == [[0.1], [0.2], [0.3], [0.2]]
    zh = prelim_json("preprocess", str(path), "--lang", "zh")
    assert "边加边舍入" in step(zh, "preprocess.fill_mean_exact")["explanation"]


@pytest.mark.parametrize("fill", ["mean", "median", "mode", "zero"])
def test_fill_step_says_when_no_numeric_value_is_missing(tmp_path, fill):
    path = tmp_path / "in.csv"
    path.write_text("a,c,t\n1,x,1\n2,,2\n")
    doc = prelim_json("preprocess", str(path), "--fill", fill)
    shown = step(doc, "preprocess.fill_none")
    assert shown["label"] == "No numeric NaN to fill"
    assert shown["value"] == step(doc, "preprocess.split")["value"]  # fillna changed nothing


@pytest.mark.parametrize("fill", ["mean", "mode", "zero"])
def test_fill_step_without_numeric_columns_shows_there_are_none(tmp_path, fill):
    # the shown fill code would not even run: inputs.mode(numeric_only=True) has no row 0
    path = tmp_path / "in.csv"
    path.write_text("c,t\nx,1\n,2\n")
    doc = prelim_json("preprocess", str(path), "--fill", fill)
    shown = step(doc, "preprocess.fill_none")
    assert shown["code"] == "inputs.select_dtypes('number').columns"
    assert shown["value"] == "Index([], dtype='str')"  # pandas 3: text columns are str


def test_large_files_encode_column_by_column_to_the_numbers_get_dummies_gives(tmp_path):
    path = tricky_csv(tmp_path / "in.csv", rows=60)
    doc = prelim_json("preprocess", str(path), "--fill", "zero", "--out",
                      str(tmp_path / "X.npz"))
    data = pd.read_csv(path)
    inputs = data.iloc[:, :-1]
    numeric = inputs.select_dtypes("number").columns
    inputs[numeric] = inputs[numeric].fillna(0)
    dummies = pd.get_dummies(inputs, dummy_na=True)  # the book's line: bool columns
    explained = step(doc, "preprocess.dummies_fast")["explanation"]
    assert "For 60 rows prelim writes these columns straight into X as 0 and 1" in explained
    shown = step(doc, "preprocess.dummies_fast")["value"]
    assert shown["columns"] == list(dummies.columns)
    assert shown["dtypes"] == [str(t) for t in dummies.dtypes]
    assert shown["data"] == dummies.head(10).to_numpy().tolist()
    with np.load(tmp_path / "X.npz") as saved:
        np.testing.assert_array_equal(saved["X"], dummies.to_numpy(dtype=float), strict=True)


def test_integer_columns_stay_integers_in_the_shown_frame(tmp_path):
    path = tmp_path / "ints.csv"
    path.write_text("n,c,t\n1,x,5\n2,,6\n3,y,7\n")
    doc = prelim_json("preprocess", str(path))
    shown = step(doc, "preprocess.dummies")["value"]
    assert shown["dtypes"] == ["int64", "bool", "bool", "bool"]  # as get_dummies makes them
    assert tensors(doc)[0]["data"] == [[1.0, 1.0, 0.0, 0.0], [2.0, 0.0, 0.0, 1.0],
                                       [3.0, 0.0, 1.0, 0.0]]


# ---------------------------------------------------------------- target, dtype, inputs

@pytest.mark.parametrize("target", ["a", "0", "-4"])
def test_target_by_name_or_index(hand_csv, target):
    doc = prelim_json("preprocess", str(hand_csv), "--target", target)
    assert doc["target"] == "a"
    assert "data.drop(columns='a'), data['a']" in step(doc, "preprocess.split")["code"]
    _, y = tensors(doc)
    assert y["data"] == [1.0, "nan", 2.0, 6.0, 2.0]  # a target is never filled


def test_no_target_makes_x_only(hand_csv):
    doc = prelim_json("preprocess", str(hand_csv), "--no-target")
    X, y = tensors(doc)
    assert y is None and doc["target"] is None and doc["y_shape"] is None
    assert doc["columns"][:3] == ["a", "b", "target"]
    assert X["shape"] == [5, 7]


def test_dtype_float32(hand_csv):
    doc = prelim_json("preprocess", str(hand_csv), "--dtype", "float32")
    X, y = tensors(doc)
    assert X["dtype"] == "float32" and y["dtype"] == "int64"  # --dtype is X's alone
    assert "dtype=torch.float32" in step(doc, "preprocess.tensors")["code"]


def test_stdin_input_gives_the_same_result(hand_csv):
    doc = prelim_json("preprocess", "-", input=HAND_CSV)
    assert tensors(doc)[0]["data"] == hand_x(2.75, 35.0)
    assert step(doc, "preprocess.read")["code"].startswith("data = pd.read_csv(sys.stdin)")


def test_sep_encoding_and_na_values(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("ville;pièces;prix\nRéunion;?;10\nÎle;2;20\n".encode("latin-1"))
    doc = prelim_json("preprocess", str(path), "--sep", ";", "--encoding", "latin-1",
                      "--na-values", "?")
    assert doc["columns"] == ["pièces", "ville_Réunion", "ville_Île", "ville_nan"]
    assert tensors(doc)[0]["data"] == [[2.0, 1.0, 0.0, 0.0], [2.0, 0.0, 1.0, 0.0]]
    assert step(doc, "preprocess.read")["code"].startswith(
        f"data = pd.read_csv({str(path)!r}, sep=';', encoding='latin-1', na_values=['?'])")


@pytest.mark.parametrize("stream", [False, True])
def test_a_column_without_a_name_is_named_as_pandas_names_it(tmp_path, stream):
    path = tmp_path / "index.csv"  # what df.to_csv() writes with the index
    path.write_text(",a,t\n0,x,3\n1,,4\n")
    doc = prelim_json("preprocess", str(path), "--out", str(tmp_path / "X.npz"),
                      *(["--stream"] if stream else []))
    assert doc["columns"] == ["Unnamed: 0", "a_x", "a_nan"]
    with np.load(tmp_path / "X.npz") as saved:
        assert saved["X"].tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 1.0]]


def test_large_frames_show_their_head_and_state_the_full_shape(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("x,c,t\n" + "".join(f"{i},{'ab'[i % 2]},{i * 10}\n" for i in range(50)))
    doc = prelim_json("preprocess", str(path))
    read = step(doc, "preprocess.read")
    assert read["code"].endswith("data.head(10)") and "50 rows" in read["label"]
    assert len(read["value"]["data"]) == 10
    X, y = tensors(doc)
    assert X["shape"] == [10, 4] and y["shape"] == [10]
    assert step(doc, "preprocess.tensors")["code"].endswith("X[:10], y[:10]")
    assert "(50, 4)" in step(doc, "preprocess.tensors")["label"]
    assert doc["X_shape"] == [50, 4] and doc["preview_rows"] == 10


# ---------------------------------------------------------------- output files

def test_pt_round_trip_loads_with_weights_only(tmp_path):
    out = tmp_path / "X.pt"
    doc = prelim_json("preprocess", "--example", "house_tiny", "--out", str(out))
    saved = torch.load(out, weights_only=True)
    assert saved["X"].dtype == torch.float64 and saved["X"].tolist() == BOOK_X
    assert saved["y"].tolist() == BOOK_Y
    assert saved["columns"] == BOOK_COLUMNS and saved["target"] == "Price"
    # y is int64 on screen, as the book's; every file holds it as float64
    assert step(doc, "preprocess.save_pt")["code"].startswith("y = y.double()\n"
                                                              "torch.save({'X': X, 'y': y")


def test_npz_round_trip(tmp_path):
    out = tmp_path / "X.npz"
    prelim_json("preprocess", "--example", "house_tiny", "--out", str(out))
    with np.load(out) as saved:  # allow_pickle=False: plain arrays only
        assert saved["X"].tolist() == BOOK_X and saved["y"].tolist() == BOOK_Y
        assert saved["columns"].tolist() == BOOK_COLUMNS and saved["target"].item() == "Price"


def test_csv_round_trip_is_the_processed_table(tmp_path):
    out = tmp_path / "table.csv"
    prelim_json("preprocess", "--example", "house_tiny", "--out", str(out))
    table = pd.read_csv(out)
    assert list(table.columns) == BOOK_COLUMNS + ["Price"]
    assert table[BOOK_COLUMNS].to_numpy().tolist() == BOOK_X
    assert table["Price"].tolist() == BOOK_Y


def test_npy_holds_x_alone_and_y_beside_it(tmp_path):
    out = tmp_path / "X.npy"
    doc = prelim_json("preprocess", "--example", "house_tiny", "--out", str(out))
    X, y = np.load(out), np.load(tmp_path / "X.y.npy")
    assert X.dtype == np.float64 and X.tolist() == BOOK_X and list(X.shape) == doc["X_shape"]
    assert y.tolist() == BOOK_Y and list(y.shape) == doc["y_shape"]
    assert y.dtype == np.float64
    assert step(doc, "preprocess.save_npy")["code"] == \
        f"y = y.double()\nnp.save({str(out)!r}, X.numpy())\n" \
        f"np.save({str(tmp_path / 'X.y.npy')!r}, y.numpy())"
    assert [(f["option"], Path(f["path"]).name) for f in doc["files"]] == \
        [("--out", "X.npy"), ("--out", "X.y.npy")]


@pytest.mark.parametrize("stream", [False, True])
def test_npy_without_a_target_is_one_file(tmp_path, stream):
    doc = prelim_json("preprocess", "--example", "house_tiny", "--no-target",
                      "--out", str(tmp_path / "X.npy"), *(["--stream"] if stream else []))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.npy"]
    assert [Path(f["path"]).name for f in doc["files"]] == ["X.npy"]
    assert list(np.load(tmp_path / "X.npy").shape) == doc["X_shape"]


@pytest.mark.parametrize("stream", [False, True])
def test_npy_never_overwrites_an_existing_y_file_without_force(tmp_path, stream):
    mode = ["--stream"] if stream else []
    (tmp_path / "X.y.npy").write_text("keep me")
    result = prelim("preprocess", "--example", "house_tiny", "--out", str(tmp_path / "X.npy"),
                    *mode)
    assert result.exit_code == 1
    assert f"--out {tmp_path / 'X.npy'} also writes {tmp_path / 'X.y.npy'}: file exists; " \
        "add --force" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["X.y.npy"]  # nothing half-written
    assert (tmp_path / "X.y.npy").read_text() == "keep me"
    assert prelim("preprocess", "--example", "house_tiny", "--out", str(tmp_path / "X.npy"),
                  "--force", *mode).exit_code == 0
    assert np.load(tmp_path / "X.y.npy").tolist() == BOOK_Y


@pytest.mark.parametrize("suffix, stream", [(".pt", False), (".npz", False), (".npy", False),
                                            (".npz", True), (".npy", True)])
def test_dtype_float32_holds_in_every_file(tmp_path, suffix, stream):
    out = tmp_path / f"X{suffix}"
    doc = prelim_json("preprocess", "--example", "house_tiny", "--dtype", "float32",
                      "--out", str(out), *(["--stream"] if stream else []))
    if suffix == ".pt":
        X = torch.load(out, weights_only=True)["X"].numpy()
    elif suffix == ".npz":
        with np.load(out) as saved:
            X = saved["X"]
    else:
        X = np.load(out)
    assert X.dtype == np.float32 and doc["X_dtype"] == "float32"
    assert X.tolist() == BOOK_X and list(X.shape) == doc["X_shape"]


def test_out_refuses_existing_file_and_the_input(tmp_path, hand_csv):
    out = tmp_path / "X.pt"
    out.write_text("keep me")
    result = prelim("preprocess", str(hand_csv), "--out", str(out))
    assert result.exit_code == 1 and "add --force" in result.stderr
    assert out.read_text() == "keep me"
    assert prelim("preprocess", str(hand_csv), "--out", str(out), "--force").exit_code == 0
    same = prelim("preprocess", str(hand_csv), "--out", str(hand_csv), "--force")
    assert same.exit_code == 1 and "never overwrites its input" in same.stderr
    assert hand_csv.read_text() == HAND_CSV


# ---------------------------------------------------------------- bad input

BAD_FILES = {
    "empty": (b"", "is empty"),
    "header_only": (b"a,b,c\n", "has a header but no data rows"),
    "blank_lines": (b"\n\n\n", "has no header row"),
    "ragged": (b"a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", "line 4: 4 fields where the header has 3"),
    "extra_field": (b"a,b,t\n1,2,3,4\n5,6,7,8\n", "the data rows have more fields than the "
                    "header has names"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
    "latin1": ("a,b\nété,1\n".encode("latin-1"), "is not UTF-8 text (byte 0xe9 at 4); it "
               "looks like Windows-1252 (what Excel saves on a Western European system): add "
               "--encoding cp1252"),
    "gb18030": ("城市,价格\n北京,100\n上海,200\n".encode("gb18030"), "is not UTF-8 text (byte "
                "0xb3 at 0); it looks like GB18030 (what Excel saves on a Chinese system): add "
                "--encoding gb18030"),
    "shift_jis": ("都市,価格\nとうきょう,100\nおおさか,200\n".encode("shift_jis"), "it looks like "
                  "Shift-JIS (what Excel saves on a Japanese system): add --encoding shift_jis"),
    "utf16le": ("a,t\n1,2\n".encode("utf-16-le"), "looks like UTF-16 text without a byte-order "
                "mark (every other byte is NUL); add --encoding utf-16-le"),
    "utf16be": ("a,t\n1,2\n".encode("utf-16-be"), "add --encoding utf-16-be"),
    "duplicate": (b"a,b,a,t\n1,2,3,4\n", "column name 'a' appears twice in the header "
                  "(columns 1 and 3)"),
    "utf16": ("a,t\n1,2\n".encode("utf-16"), "is UTF-16 text (it starts with a byte-order "
              "mark); add --encoding utf-16"),
    "text_target": (b"x,label\n1,cat\n2,dog\n", "target column 'label' holds text (e.g. 'cat'), "
                    "not numbers; encode it as numbers first, or pick another column"),
    "all_nan": (b"a,b,t\n1,,3\n2,,4\n", "column 'b' is entirely empty (NaN in all 2 rows), so "
                "it has no mean to fill with"),
}


def assert_clean_error(result, code, text, folder=None):
    assert result.exit_code == code, result.stdout + result.stderr
    assert result.stderr.startswith("Error:")
    assert text in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout == ""
    if folder is not None:
        assert sorted(p.name for p in folder.iterdir()) == ["in.csv"]  # no output, no temp file


@pytest.mark.parametrize("name", sorted(BAD_FILES))
@pytest.mark.parametrize("stream", [False, True])
def test_bad_files_fail_in_one_line(tmp_path, name, stream):
    content, message = BAD_FILES[name]
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    result = prelim("preprocess", str(path), "--out", str(tmp_path / "X.npy"),
                    *(["--stream"] if stream else []))
    assert_clean_error(result, 1, message, tmp_path)


@pytest.mark.parametrize("args, code, message", [
    (["missing.csv"], 1, "missing.csv: no such file"),
    (["{dir}"], 1, "is a folder, not a CSV file"),
    (["{csv}", "--target", "price"], 1, "--target price: no such column; the columns are a, b, "
     "color, target"),
    (["{csv}", "--target", "7"], 1, "--target 7: no such column"),
    (["{csv}", "--fill", "constant"], 2, "--fill constant needs --fill-value"),
    (["{csv}", "--fill-value", "3"], 2, "--fill-value only goes with --fill constant"),
    (["{csv}", "--fill", "constant", "--fill-value", "nan"], 2, "--fill-value nan: give a "
     "finite number"),
    (["{csv}", "--sep", ";"], 1, "the header reads as one column 'a,b,color,target'; the "
     "fields look separated by ',': give --sep ','"),
    (["{csv}", "--out", "{dir}/X.safetensors"], 1, "unknown extension '.safetensors'; use one "
     "of .pt, .npz, .csv, .npy"),
    (["{csv}", "--target", "a", "--no-target"], 2, "contradict"),
    (["--write-example", "{dir}/h.csv", "--out", "{dir}/h.csv"], 1, "--out {dir}/h.csv: that "
     "is the file --write-example writes and then reads"),
    (["{csv}", "--example", "house_tiny"], 2, "not a CSV file and --example"),
    (["--fill", "median"], 2, "give a CSV file"),
    (["{csv}", "--sep", ";;"], 2, "give one character"),
    (["{csv}", "--encoding", "klingon"], 1, "unknown encoding"),
    (["{csv}", "--encoding", "utf-16"], 1, "cannot be read as utf-16 (UTF-16 stream does not "
     "start with BOM); check --encoding"),
    (["{csv}", "--stream"], 1, "add --out X.npy"),
    (["{csv}", "--stream", "--out", "{dir}/X.pt"], 1, "--stream writes .npy, .npz or .csv"),
    (["-", "--stream", "--out", "{dir}/X.npy"], 1, "stdin can be read only once"),
    (["{csv}", "--stream", "--fill", "median", "--out", "{dir}/X.npy"], 1,
     "--fill median needs each whole column"),
    (["{csv}", "--no-target", "--fill", "drop-rows", "--drop-most-missing", "--target", "a"], 2,
     "contradict"),
])
def test_bad_options_fail_in_one_line(tmp_path, hand_csv, args, code, message):
    args = [a.format(csv=hand_csv, dir=tmp_path) for a in args]
    result = prelim("preprocess", *args, input=HAND_CSV)
    assert_clean_error(result, code, message.format(dir=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hand.csv"]


def test_unknown_fill_is_a_usage_error(hand_csv):
    result = prelim("preprocess", str(hand_csv), "--fill", "average")
    assert result.exit_code == 2 and "'average' is not one of" in result.stderr


def test_drop_rows_that_leaves_nothing(tmp_path):
    path = tmp_path / "holes.csv"
    path.write_text("a,b,t\n1,,3\n,2,4\n")
    result = prelim("preprocess", str(path), "--fill", "drop-rows")
    assert_clean_error(result, 1, "every one of the 2 rows has a missing value")


def test_all_nan_column_with_zero_fill_or_dropped_works(tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(BAD_FILES["all_nan"][0])
    assert tensors(prelim_json("preprocess", str(path), "--fill", "zero"))[0]["data"] == \
        [[1.0, 0.0], [2.0, 0.0]]
    dropped = prelim_json("preprocess", str(path), "--drop-most-missing")
    assert dropped["dropped_column"] == "b" and tensors(dropped)[0]["data"] == [[1.0], [2.0]]


def test_one_hot_explosion_is_refused(tmp_path):
    from prelim_cli.topics.preprocess import pipeline as preprocess_pipeline

    path = tmp_path / "ids.csv"
    path.write_text("id,t\n" + "".join(f"u{i},{i}\n" for i in range(30)))
    original = preprocess_pipeline.MAX_COLUMNS
    preprocess_pipeline.MAX_COLUMNS = 20
    try:
        result = prelim("preprocess", str(path))
    finally:
        preprocess_pipeline.MAX_COLUMNS = original
    assert_clean_error(result, 1, "column 'id' has 30 different values")


def test_json_output_is_strict(hand_csv):
    result = prelim("preprocess", str(hand_csv), "--target", "a", "--format", "json")
    json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"bare {c} in JSON"))
    steps = {s["key"]: s["value"] for s in json.loads(result.stdout)["steps"]}
    assert steps["preprocess.tensors"][1]["data"][1] == "nan"


# ---------------------------------------------------------------- streaming equals whole-file

def tricky_csv(path, rows=500, seed=0):
    """Everything that differs between chunks: NaN only late (int then float chunks), a
    category first seen in the last rows, a column of numbers that turns to text, booleans
    with NaN in one chunk only, and values whose float sum depends on the order."""
    rng = np.random.default_rng(seed)
    f = np.round(rng.normal(100, 30, rows), 3)
    f[rng.random(rows) < 0.1] = np.nan
    big = rng.choice([1e16, -1e16, 1.0, 0.1, 3.3], rows)  # cancellation: order matters
    big[rng.random(rows) < 0.1] = np.nan
    ints = rng.integers(0, 9, rows).astype(object)
    ints[rows - 50:][rng.random(50) < 0.3] = None
    color = rng.choice(["red", "green", "Blue", "ß"], rows).astype(object)
    color[rng.random(rows) < 0.1] = None
    color[-3:] = "late"
    mixed = rng.integers(0, 5, rows).astype(object)
    mixed[-40:] = "n/a-ish"
    flag = rng.choice([True, False], rows).astype(object)
    flag[70:75] = None
    target = rng.integers(50_000, 90_000, rows)
    pd.DataFrame({"f": f, "big": big, "ints": ints, "color": color, "mixed": mixed,
                  "flag": flag, "target": target}).to_csv(path, index=False)
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    from prelim_cli.topics.preprocess import stream as preprocess_stream

    monkeypatch.setattr(preprocess_stream, "CHUNK_ROWS", 64)


def both_modes(tmp_path, csv, suffix, *args):
    whole, stream = tmp_path / f"whole{suffix}", tmp_path / f"stream{suffix}"
    doc_whole = prelim_json("preprocess", str(csv), "--out", str(whole), *args)
    doc_stream = prelim_json("preprocess", str(csv), "--out", str(stream), "--stream", *args)
    return whole, stream, doc_whole, doc_stream


@pytest.mark.parametrize("args", [
    [], ["--fill", "mode"], ["--fill", "zero"], ["--fill", "constant", "--fill-value", "7.25"],
    ["--fill", "drop-rows"], ["--no-dummy-na"], ["--drop-most-missing"],
    ["--drop-most-missing", "--fill", "drop-rows"], ["--dtype", "float32"],
    ["--target", "f", "--fill", "mode"], ["--no-target"],
])
def test_stream_equals_whole_file(tmp_path, small_chunks, args):
    csv = tricky_csv(tmp_path / "in.csv")
    whole, stream, doc_whole, doc_stream = both_modes(tmp_path, csv, ".npz", *args)
    with np.load(whole) as a, np.load(stream) as b:
        assert a.files == b.files
        for name in a.files:
            assert a[name].dtype == b[name].dtype, name
            np.testing.assert_array_equal(a[name], b[name], strict=True)
    for field in ("columns", "target", "X_shape", "X_dtype", "y_shape", "fill_values",
                  "dropped_column", "rows"):
        assert doc_whole[field] == doc_stream[field], field
    assert doc_stream["stream"] is True


def test_stream_sees_late_categories_and_whole_column_means(tmp_path, small_chunks):
    csv = tricky_csv(tmp_path / "in.csv")
    _, stream, doc_whole, doc_stream = both_modes(tmp_path, csv, ".npz")
    assert "color_late" in doc_stream["columns"]  # only in the last 3 rows, the 8th chunk
    assert [c for c in doc_stream["columns"] if c.startswith("color_")] == \
        ["color_Blue", "color_green", "color_late", "color_red", "color_ß", "color_nan"]
    assert "mixed_n/a-ish" in doc_stream["columns"]  # numbers for 7 chunks, then text
    assert doc_stream["passes"] == 3  # pass 1 again, reading the mixed columns as text
    data = pd.read_csv(csv)
    assert doc_stream["fill_values"]["f"] == pytest.approx(data["f"].mean(), rel=1e-15)
    # the mean is exact, whatever the order of the additions: here pandas' own sum is not
    column = data["big"].dropna()
    exact = float(sum(map(Fraction, column), Fraction(0)) / len(column))
    assert doc_stream["fill_values"]["big"] == doc_whole["fill_values"]["big"] == exact


@pytest.mark.parametrize("suffix", [".csv", ".npy"])
def test_stream_files_equal_whole_file_byte_for_byte(tmp_path, small_chunks, suffix):
    csv = tricky_csv(tmp_path / "in.csv")
    whole, stream, _, doc = both_modes(tmp_path, csv, suffix, "--dtype", "float32")
    assert whole.read_bytes() == stream.read_bytes()
    shown = step(doc, "preprocess.stream_pass2")["value"]  # the first rows, read back
    if suffix == ".csv":
        assert shown["columns"] == doc["columns"] + ["target"] and len(shown["data"]) == 10
    else:
        assert (tmp_path / "whole.y.npy").read_bytes() == (tmp_path / "stream.y.npy").read_bytes()
        X, y = shown
        assert X["type"] == "ndarray" and X["shape"] == [10, len(doc["columns"])]
        assert X["dtype"] == "float32" and y["shape"] == [10]


def test_counts_after_a_filter_say_read_and_kept_in_both_modes(tmp_path, small_chunks):
    csv = tricky_csv(tmp_path / "in.csv")
    _, _, whole, stream = both_modes(tmp_path, csv, ".npz", "--fill", "drop-rows")
    read, kept = len(pd.read_csv(csv)), whole["X_shape"][0]
    assert kept < read  # the filter dropped some
    for doc in (whole, stream):
        assert (doc["rows"], doc["rows_read"], doc["rows_kept"]) == (read, read, kept)


def test_stream_booleans_with_a_chunk_of_only_nan_are_categories(tmp_path, small_chunks):
    # pandas reads the whole column (True/False with NaN) as objects: one-hot encoded
    path = tmp_path / "in.csv"
    path.write_text("flag,t\n" + "".join("True,1\nFalse,2\n" for _ in range(32))
                    + ",3\n" * 64 + "True,4\n")
    _, _, doc_whole, doc_stream = both_modes(tmp_path, path, ".npz")
    assert doc_whole["columns"] == doc_stream["columns"] == \
        ["flag_False", "flag_True", "flag_nan"]
    with np.load(tmp_path / "whole.npz") as a, np.load(tmp_path / "stream.npz") as b:
        np.testing.assert_array_equal(a["X"], b["X"], strict=True)


def test_stream_demo_shows_both_passes(tmp_path, small_chunks):
    csv = tricky_csv(tmp_path / "in.csv")
    doc = prelim_json("preprocess", str(csv), "--stream", "--out", str(tmp_path / "X.npy"))
    keys = [s["key"] for s in doc["steps"]]
    assert keys == ["preprocess.stream_pass1", "preprocess.stream_plan",
                    "preprocess.stream_pass2"]
    assert "chunksize=64" in doc["steps"][0]["code"]
    nan = pd.read_csv(csv).isna().sum()  # the last line of pass 1, on the whole file
    assert doc["steps"][0]["code"].endswith("pd.DataFrame({'NaN': nan, 'share': nan / rows})")
    assert doc["steps"][0]["value"]["data"] == [[int(n), n / 500] for n in nan]
    assert "open_memmap" in doc["steps"][2]["code"]
    result = prelim("preprocess", str(csv), "--stream", "--out", str(tmp_path / "Y.npy"),
                    "--lang", "zh")
    assert "第 2 遍" in result.stdout


def test_stream_ragged_row_names_the_line(tmp_path, small_chunks):
    path = tmp_path / "in.csv"
    path.write_text("a,b\n" + "1,2\n" * 100 + "3,4,5\n")
    result = prelim("preprocess", str(path), "--stream", "--out", str(tmp_path / "X.npy"))
    assert_clean_error(result, 1, "line 102: 3 fields where the header has 2", tmp_path)


def test_interrupted_stream_leaves_no_file(tmp_path, small_chunks, monkeypatch):
    from prelim_cli.core.demo import PrelimError
    from prelim_cli.topics.preprocess import pipeline as preprocess_pipeline

    csv = tricky_csv(tmp_path / "in.csv")
    calls = []
    original = preprocess_pipeline.transform

    def failing(frame, plan):
        calls.append(1)
        if len(calls) == 3:
            raise PrelimError("preprocess.stream.write", name="interrupted")
        return original(frame, plan)

    monkeypatch.setattr(preprocess_pipeline, "transform", failing)
    for suffix in (".npy", ".npz", ".csv"):
        calls.clear()
        result = prelim("preprocess", str(csv), "--stream", "--out", str(tmp_path / f"X{suffix}"))
        assert_clean_error(result, 1, "interrupted", tmp_path)


@pytest.mark.parametrize("suffix, stream", [(".pt", False), (".npy", False), (".npz", False),
                                            (".csv", False), (".npy", True), (".npz", True),
                                            (".csv", True)])
def test_ctrl_c_mid_write_leaves_no_file(tmp_path, small_chunks, monkeypatch, suffix, stream):
    from prelim_cli.topics.preprocess import writers as preprocess_save

    def interrupted(write):
        def first_rows_then_ctrl_c(self, *args, **kwargs):
            write(self, *args, **kwargs)  # half a file on disk, then the user presses Ctrl-C
            raise KeyboardInterrupt
        return first_rows_then_ctrl_c

    def half_a_pt_file(obj, path):
        Path(path).write_bytes(b"PK half")
        raise KeyboardInterrupt

    for cls in (preprocess_save.NpyPairWriter, preprocess_save.NpzWriter,
                preprocess_save.CsvWriter):
        monkeypatch.setattr(cls, "write", interrupted(cls.write))
    monkeypatch.setattr(torch, "save", half_a_pt_file)
    csv = tricky_csv(tmp_path / "in.csv")
    result = prelim("preprocess", str(csv), "--out", str(tmp_path / f"X{suffix}"),
                    *(["--stream"] if stream else []))
    assert result.exit_code != 0 and "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]  # no output, no temp file


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(
    st.one_of(st.none(), st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))),
    st.one_of(st.none(), st.sampled_from(["a", "b", "B", "é", "z z"])),
    st.one_of(st.none(), st.booleans()),  # with NaN: objects, so categories
    st.integers(-1000, 1000)), min_size=1, max_size=30),
    chunk=st.integers(1, 7), fill=st.sampled_from(["mean", "mode", "zero", "drop-rows"]))
def test_stream_equals_whole_file_on_any_table(tmp_path_factory, monkeypatch, rows, chunk,
                                                fill):
    from prelim_cli.topics.preprocess import stream as preprocess_stream

    monkeypatch.setattr(preprocess_stream, "CHUNK_ROWS", chunk)
    folder = tmp_path_factory.mktemp("prop")
    csv = folder / "in.csv"
    pd.DataFrame(rows, columns=["x", "c", "flag", "t"]).to_csv(csv, index=False)
    results = []
    for mode in ([], ["--stream"]):
        result = prelim("preprocess", str(csv), "--fill", fill, "--out",
                        str(folder / f"X{len(mode)}.npz"), "--format", "json", *mode)
        # the same messages, "wrote X0.npz (...)" naming each run's own file
        results.append((result.exit_code, result.stderr.replace(f"X{len(mode)}.", "X.")))
    assert results[0] == results[1]  # both fail the same way (all-NaN x, no complete row) or
    if results[0][0] == 0:           # both succeed with the same arrays
        with np.load(folder / "X0.npz") as a, np.load(folder / "X1.npz") as b:
            for name in a.files:
                np.testing.assert_array_equal(a[name], b[name], strict=True)


# ---------------------------------------------------------------- --export: the code is real

def test_exported_book_example_runs_and_prints_the_books_tensors(tmp_path):
    script = tmp_path / "book.py"
    assert prelim("preprocess", "--example", "house_tiny", "--export", str(script)).exit_code == 0
    printed = run_script(script, tmp_path)  # writes house_tiny.csv first, as the book does
    assert (tmp_path / "house_tiny.csv").read_text() == BOOK_CSV
    assert ("(tensor([[3., 1., 0.],\n        [2., 0., 1.],\n        [4., 0., 1.],\n"
            "        [3., 0., 1.]], dtype=torch.float64), tensor([127500, 106000, 178100, "
            "140000]))") in printed


QUOTED_CSV = ('name,price,rooms,garden,sold\n"Smith, J","1,000",5,True,10\n'
              '"Doe, A","2,500",,False,20\n"Roe, B",,7,,30\n')


@pytest.mark.parametrize("csv, args", [
    (HAND_CSV, ["--fill", "mode", "--drop-most-missing"]),
    (QUOTED_CSV, ["--fill", "median", "--no-dummy-na", "--target", "rooms"]),
    (HAND_CSV, ["--max-categories", "2"]),
    ("c,t\nx,1\n,2\n", ["--fill", "mode"]),
])
def test_exported_script_prints_every_value_prelim_showed(tmp_path, monkeypatch, csv, args):
    """The code shown is the code that ran: run as a script, it prints the same values."""
    monkeypatch.chdir(tmp_path)  # the code names the file as the user did: 'in.csv'
    (tmp_path / "in.csv").write_text(csv)
    demos, shown = built("preprocess", "in.csv", *args, "--export", "s.py")
    assert shown.exit_code == 0, shown.stderr
    printed = run_script(tmp_path / "s.py", tmp_path)
    assert [line for line in printed.splitlines() if line] == python_prints(demos)


@pytest.mark.parametrize("suffix, args", [(".npy", []), (".csv", []), (".npz", []),
                                          (".npz", ["--max-categories", "2"])])
def test_exported_stream_code_writes_what_prelim_wrote(tmp_path, small_chunks, suffix, args):
    csv = tmp_path / "in.csv"
    csv.write_text(HAND_CSV.replace("\n2,70,green,500\n", "\n2,70,green,500\n7,,late,600\n"))
    ours, theirs = tmp_path / f"ours{suffix}", tmp_path / f"theirs{suffix}"
    script = tmp_path / "stream.py"
    assert prelim("preprocess", str(csv), "--stream", "--out", str(ours), *args,
                  "--export", str(script)).exit_code == 0
    script.write_text(script.read_text().replace(str(ours.with_suffix("")),
                                                 str(theirs.with_suffix(""))))
    run_script(script, tmp_path)
    if suffix == ".csv":
        assert ours.read_text() == theirs.read_text()
    elif suffix == ".npy":
        np.testing.assert_array_equal(np.load(ours), np.load(theirs), strict=True)
        np.testing.assert_array_equal(np.load(tmp_path / "ours.y.npy"),
                                      np.load(tmp_path / "theirs.y.npy"), strict=True)
    else:
        with np.load(ours) as a, np.load(theirs) as b:
            for name in a.files:
                np.testing.assert_array_equal(a[name], b[name], strict=True)


def test_help_stays_light():
    from test_startup import loaded_heavy_modules

    line, _ = loaded_heavy_modules("preprocess", "--help")
    assert line == "HEAVY: []"


def test_stream_never_imports_torch(tmp_path):
    import subprocess
    import sys

    from conftest import SRC

    probe = ("import runpy, sys\nsys.argv = ['prelim', 'preprocess', '--example', 'house_tiny', "
             f"'--stream', '--out', {str(tmp_path / 'X.npy')!r}, '-f', 'json']\n"
             "try:\n    runpy.run_module('prelim_cli', run_name='__main__')\n"
             "except SystemExit:\n    pass\nprint('torch' in sys.modules, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            env={"PYTHONPATH": str(SRC), "PATH": ""}, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "False"  # 220 MB less memory
    assert np.load(tmp_path / "X.npy").tolist() == BOOK_X
    assert np.load(tmp_path / "X.y.npy").tolist() == BOOK_Y


def test_missing_target_values_are_pointed_out():
    doc = prelim_json("preprocess", "--example", "house_tiny", "--target", "0")
    last = doc["steps"][-1]
    assert last["key"] == "preprocess.target_nan_rows"
    assert last["value"]["data"] == 2  # NumRooms is missing in rows 0 and 3
    # Alley is NaN in rows 1-3 as well: --fill drop-rows would keep no row at all
    assert "--fill drop-rows would keep only 0 of 4 rows" in last["explanation"]


# ---------------------------------------------------------------- derived sizes (the cap)

@pytest.fixture
def wide_csv(tmp_path):
    """9,000 categories x 40,000 rows, about 400 KB: its one-hot X would hold 3.6e8 elements."""
    path = tmp_path / "wide.csv"
    path.write_text("id,city,price\n" + "".join(f"{i},c{i % 9000},{i % 7}\n"
                                                for i in range(40_000)))
    return path


@pytest.mark.parametrize("stream", [False, True])
def test_a_one_hot_x_over_the_cap_is_refused_before_it_is_built(wide_csv, monkeypatch, stream):
    from prelim_cli.topics.preprocess import pipeline

    def never(*args):
        raise AssertionError("X was built")

    monkeypatch.setattr(pipeline, "encode", never)
    monkeypatch.setattr(pipeline, "transform", never)
    out = wide_csv.parent / "X.npy"
    result = prelim("preprocess", str(wide_csv), "--out", str(out),
                    *(["--stream"] if stream else []))
    per_chunk = " per chunk" if stream else ""
    assert_clean_error(result, 1, f"one-hot X of 40,000 rows x 9,002 columns{per_chunk} would "
                       "hold 360,080,000 elements, over the limit of 250,000,000; column 'city' "
                       "has 9,000 categories: keep the most frequent with --max-categories "
                       "6247 (the rest become one column 'city_other'), or leave it out "
                       "(cut -d, -f2 --complement "
                       f"{wide_csv} > smaller.csv)")
    assert "--stream" not in result.stderr  # 40,000 rows are one chunk: it would not help
    assert sorted(p.name for p in wide_csv.parent.iterdir()) == ["wide.csv"]


def test_the_cap_on_x_follows_prelim_max_elements(hand_csv, monkeypatch):
    from prelim_cli.topics.preprocess import stream

    result = prelim("preprocess", str(hand_csv), env={"PRELIM_MAX_ELEMENTS": "5"})
    assert_clean_error(result, 1, "over the limit of 5; column ")
    assert "--stream" not in result.stderr
    monkeypatch.setattr(stream, "CHUNK_ROWS", 1)  # chunks of one row would fit: say so
    monkeypatch.setattr("prelim_cli.topics.preprocess.whole.CHUNK_ROWS", 1)
    result = prelim("preprocess", str(hand_csv), env={"PRELIM_MAX_ELEMENTS": "7"})
    assert_clean_error(result, 1, "or use --stream --out X.npy")


# ---------------------------------------------------------------- --max-categories

def skewed_csv(path, seed=3):
    """Two text columns whose value counts differ at every rank (no tie decides the top 3),
    NaN among them, an integer column with NaN (its mean is exact) and a target."""
    rng = np.random.default_rng(seed)
    city = [f"c{i}" for i, n in enumerate([50, 40, 31, 20, 9, 5, 2, 1]) for _ in range(n)]
    shop = [f"s{i}" for i, n in enumerate([70, 45, 30, 12, 1]) for _ in range(n)]
    city, shop = city + [None] * 16, shop + [None] * 16  # 174 rows each
    size = rng.integers(1, 9, len(city)).astype(object)
    size[rng.random(len(city)) < 0.1] = None
    pd.DataFrame({"city": rng.permutation(np.array(city, dtype=object)), "size": size,
                  "shop": rng.permutation(np.array(shop, dtype=object)),
                  "price": rng.integers(100, 999, len(city))}).to_csv(path, index=False)
    return path


def pandas_max_categories(csv, n, drop_rows=False, dummy_na=True):
    """What a learner types in pandas: keep each column's n most frequent values, the rest
    become 'other', then the book's get_dummies."""
    data = pd.read_csv(csv)
    if drop_rows:
        data = data.dropna()
    inputs, outputs = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    for c in inputs.select_dtypes("str"):
        top = inputs[c].value_counts().nlargest(n).index
        inputs[c] = inputs[c].where(inputs[c].isin(top) | inputs[c].isna(), "other")
    X = pd.get_dummies(inputs, dummy_na=dummy_na, dtype=float)
    return list(X.columns), X.to_numpy(dtype=float), outputs.to_numpy(dtype=float)


@pytest.mark.parametrize("args", [[], ["--fill", "drop-rows", "--no-dummy-na"]])
def test_max_categories_is_what_pandas_gives_in_both_modes(tmp_path, small_chunks, args):
    csv = skewed_csv(tmp_path / "in.csv")
    columns, X, y = pandas_max_categories(csv, 3, drop_rows="drop-rows" in args,
                                          dummy_na="--no-dummy-na" not in args)
    assert "city_other" in columns and "shop_s3" not in columns
    whole, stream, doc_whole, doc_stream = both_modes(tmp_path, csv, ".npz",
                                                      "--max-categories", "3", *args)
    for path, doc in ((whole, doc_whole), (stream, doc_stream)):
        assert doc["columns"] == columns
        with np.load(path) as saved:
            np.testing.assert_array_equal(saved["X"], X)
            np.testing.assert_array_equal(saved["y"], y)
    if not args:
        fold = step(doc_whole, "preprocess.fold")
        assert fold["code"].startswith("# --max-categories 3\nfor c in ['city', 'shop']:\n")
        assert "city has 8" in fold["explanation"]


def test_max_categories_ties_keep_the_value_that_sorts_first(hand_csv):
    # color: red twice, blue and green once each: red, then blue before green
    doc = prelim_json("preprocess", str(hand_csv), "--max-categories", "2")
    assert doc["columns"] == ["a", "b", "color_blue", "color_other", "color_red", "color_nan"]
    assert [row[2:] for row in tensors(doc)[0]["data"]] == [
        [0.0, 0.0, 1.0, 0.0], [1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0],
        [0.0, 0.0, 0.0, 1.0], [0.0, 1.0, 0.0, 0.0]]
    same = prelim_json("preprocess", str(hand_csv), "--max-categories", "3")
    assert same["columns"] == HAND_COLUMNS and step(same, "preprocess.fold_none")["value"]


@pytest.mark.parametrize("stream", [False, True])
def test_the_cap_error_offers_the_largest_max_categories_that_fits(tmp_path, stream):
    csv = skewed_csv(tmp_path / "in.csv")  # size + 8 cities + 5 shops + 2 NaN columns: 16
    cap = {"PRELIM_MAX_ELEMENTS": str(174 * 12)}  # N = 3: 1 + 2 x (3 + other + nan) = 11
    mode = ["--stream", "--out", str(tmp_path / "X.npy")] if stream else []
    result = prelim("preprocess", str(csv), *mode, env=cap)
    assert_clean_error(result, 1, "column 'city' has 8 categories: keep the most frequent "
                       "with --max-categories 3 (the rest become one column 'city_other'), "
                       "or leave it out (cut -d, -f1 --complement")
    assert list(tmp_path.iterdir()) == [csv]
    assert prelim("preprocess", str(csv), *mode, "--max-categories", "4",
                  env=cap).exit_code == 1
    assert prelim("preprocess", str(csv), *mode, "--max-categories", "3",
                  env=cap).exit_code == 0


def test_stream_from_stdin_is_refused_before_stdin_is_read(tmp_path, monkeypatch):
    import io
    import sys

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("stdin was read")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(Unreadable()))
    from prelim_cli.topics.preprocess import run
    from prelim_cli.topics.preprocess.request import Request

    with pytest.raises(PrelimError, match="stdin can be read only once"):
        run(Request(csv="-", stream=True, out=str(tmp_path / "X.npy")))


def test_a_file_whose_size_is_given_as_0_is_read_not_called_empty(tmp_path, monkeypatch):
    import os

    path = tmp_path / "proc.csv"
    path.write_text(HAND_CSV)
    real = Path.stat

    def zero(self, *args, **kwargs):  # as /proc gives its files' sizes
        st = real(self, *args, **kwargs)
        return os.stat_result((*st[:6], 0, *st[7:])) if self == path else st

    monkeypatch.setattr(Path, "stat", zero)
    assert prelim("preprocess", str(path)).exit_code == 0


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs")
def test_a_fifo_is_read_once_like_stdin_and_stream_refuses_it(tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    threading.Thread(target=fifo.write_text, args=(HAND_CSV,), daemon=True).start()
    assert prelim("preprocess", str(fifo)).exit_code == 0
    result = prelim("preprocess", str(fifo), "--stream", "--out", str(tmp_path / "X.npy"))
    assert_clean_error(result, 1, f"{fifo}: is a pipe (FIFO), which can be read only once")


def test_a_device_is_named_not_read(tmp_path):
    result = prelim("preprocess", "/dev/zero")
    assert_clean_error(result, 1, "/dev/zero: is a device or socket, not a CSV file")


def _compressed(kind: str, data: bytes) -> bytes:
    import bz2
    import gzip
    import io
    import lzma
    import zipfile

    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("hand.csv", data)
        return buffer.getvalue()
    return {"gz": gzip, "bz2": bz2, "xz": lzma}[kind].compress(data)


@pytest.mark.parametrize("kind, pandas_name", [("gz", "gzip"), ("bz2", "bz2"), ("xz", "xz"),
                                               ("zip", "zip")])
@pytest.mark.parametrize("stream", [False, True])
def test_a_compressed_csv_is_read_as_pandas_reads_it(tmp_path, hand_csv, kind, pandas_name,
                                                      stream):
    path = tmp_path / f"hand.csv.{kind}"
    path.write_bytes(_compressed(kind, HAND_CSV.encode()))
    out = tmp_path / "X.npy"
    doc = prelim_json("preprocess", str(path), "--out", str(out),
                      *(["--stream"] if stream else []))
    assert f"pd.read_csv({str(path)!r}, compression={pandas_name!r}" in doc["steps"][0]["code"]
    expected = pd.get_dummies(pd.read_csv(path).iloc[:, :-1], dummy_na=True).shape
    assert np.load(out).shape == expected


@pytest.mark.parametrize("stream", [False, True])
def test_a_nul_byte_far_into_the_file_is_refused(tmp_path, stream):
    path = tmp_path / "in.csv"
    path.write_bytes(b"a,t\n" + b"1,2\n" * 5000 + b"x\0,3\n")
    result = prelim("preprocess", str(path), "--out", str(tmp_path / "X.npy"),
                    *(["--stream"] if stream else []))
    assert_clean_error(result, 1, "in.csv: is not a text file (it holds a NUL byte at byte "
                       "20,005)", tmp_path)


def test_a_broken_archive_is_named(tmp_path):
    path = tmp_path / "in.csv.gz"
    path.write_bytes(b"a,t\n1,2\n")
    assert_clean_error(prelim("preprocess", str(path)), 1, "is not a valid gzip file")


def test_a_million_row_file_is_data_not_a_typo(tmp_path):
    """The one-hot X of a file is capped by memory (250,000,000 elements), not by the cap
    on tensors typed by hand: 2,000,000 rows x 12 columns is fine, and refused only when
    PRELIM_MAX_ELEMENTS asks for less."""
    from prelim_cli.parse.size import DEFAULT_MAX_DATA_ELEMENTS, max_data_elements

    assert max_data_elements() == DEFAULT_MAX_DATA_ELEMENTS > 2_000_000 * 12
    path = tmp_path / "rows.csv"
    path.write_text("a,b,y\n" + "1,x,2\n2,z,3\n" * 6)
    assert prelim("preprocess", str(path), "-f", "json").exit_code == 0
    result = prelim("preprocess", str(path), env={"PRELIM_MAX_ELEMENTS": "10"})
    assert result.exit_code == 1 and "over the limit of 10;" in result.stderr


# --- d2l-en's page (23d7a5a): RoofType, get_dummies before fillna ------------------------

def test_the_english_page_is_pandas_own_values(tmp_path, monkeypatch):
    import io

    monkeypatch.chdir(tmp_path)  # the exported script writes the book's house_tiny.csv

    doc = prelim_json("preprocess", "--edition", "en")
    data = pd.read_csv(io.StringIO("NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n"
                                   "4,Slate,178100\nNA,NA,140000"))  # the book's cells, here
    inputs = data.iloc[:, 0:2]
    dummies = pd.get_dummies(inputs, dummy_na=True)
    filled = dummies.fillna(dummies.mean())
    shown = values(doc)
    assert shown[1:4] == [str(data), str(dummies), str(filled)]
    X, y = shown[4]
    # as d2l-en prints them: NaN rooms become the mean 3, the roof a 0/1 pair
    assert X["data"] == [[3.0, 0.0, 1.0], [2.0, 0.0, 1.0], [4.0, 1.0, 0.0], [3.0, 0.0, 1.0]]
    assert y["data"] == [127500.0, 106000.0, 178100.0, 140000.0]
    assert doc["columns"] == ["NumRooms", "RoofType_Slate", "RoofType_nan"]
    assert doc["fill_values"] == {"NumRooms": 3.0}
    printed, _ = exported_and_shown(["preprocess", "--edition", "en"], tmp_path)
    demos, _ = built("preprocess", "--edition", "en")  # print's own repr of each value
    assert [ln for ln in printed.splitlines() if ln] == python_prints(demos)
    notebook = tmp_path / "roof.ipynb"
    assert prelim("preprocess", "--edition", "en", "--export", str(notebook)).exit_code == 0
    nbformat.validate(nbformat.read(notebook, as_version=4))


def test_with_no_file_each_edition_plays_its_own_page():
    zh = prelim_json("preprocess", "--edition", "zh")
    assert zh == prelim_json("preprocess", "--example", "house_tiny")
    assert "RoofType" in prelim("preprocess", "--lang", "en", "--no-code").stdout
    assert "Alley" in prelim("preprocess", "--lang", "zh", "--no-code").stdout
    assert "RoofType" in prelim("preprocess", env={"PRELIM_EDITION": "en"}).stdout


@pytest.mark.parametrize("lang, label", [("en", "Pass 1: data.csv"), ("zh", "第 1 遍： data.csv")])
def test_the_progress_bar_speaks_the_readers_language(tmp_path, monkeypatch, lang, label):
    """The bar a large file gets on a terminal's stderr is labelled in --lang's language."""
    import rich.progress

    from prelim_cli.topics.preprocess import opening, read

    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    monkeypatch.setattr(opening, "PROGRESS_BYTES", 0)
    seen = []
    add_task = rich.progress.Progress.add_task
    monkeypatch.setattr(rich.progress.Progress, "add_task",
                        lambda self, description, **kw: seen.append(description) or
                        add_task(self, description, **kw))
    source = opening.file_source(str(tmp_path / "data.csv"), ",", "utf-8", [], lang)
    assert sum(len(chunk) for chunk in read.read_chunks(source, 10, "Pass 1:")) == 1
    assert seen == [label.replace("data.csv", source.name)]
