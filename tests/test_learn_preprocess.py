"""The exercises of §2.2 (d2l-zh's two, d2l-en's five): each reference solution passes, each
stub does not, and the wrong answers learners write fail with the difference they would be
told. pandas is 3.x here: text is the ``str`` dtype, get_dummies gives bool columns."""

import io

import pandas as pd
import pytest
import torch

from prelim_cli import learn
from test_learn_data import checked, first_failure

SLUGS = [e.slug for e in learn.every() if e.section == "preprocess"]
HOUSE_ZH = "NumRooms,Alley,Price\nNA,Pave,127500\n2,NA,106000\n4,NA,178100\nNA,NA,140000\n"
HOUSE_EN = "NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\nNA,NA,140000"


PROFILE, SIZES, FILES = ("preprocess.missing-and-kinds", "preprocess.memory-size",
                         "preprocess.npy-and-images")


def solution(slug: str) -> str:
    return learn.by_slug(slug).solution


def wrong(slug: str, old: str, new: str) -> str:
    source = solution(slug)
    assert old in source
    return source.replace(old, new)


def test_each_edition_asks_its_own_questions():
    assert [e.slug for e in learn.of("zh") if e.section == "preprocess"] \
        == ["preprocess.drop-most-missing", "preprocess.to-tensors"]
    assert [e.number("en") for e in learn.of("en") if e.section == "preprocess"] \
        == ["2.2.1", "2.2.2", "2.2.3", "2.2.4", "2.2.5"]


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("slug", SLUGS)
def test_the_solution_passes(tmp_path, slug, seed):
    report = checked(tmp_path, slug, solution(slug), seed)
    assert report["status"] == "passed", report
    assert len(report["cases"]) >= 11 and all(case["passed"] for case in report["cases"])


@pytest.mark.parametrize("slug", SLUGS)
def test_the_stub_does_not_pass(tmp_path, slug):
    assert checked(tmp_path, slug, learn.by_slug(slug).stub)["status"] in ("missing", "failed")


# ---------------------------------------------------------------- d2l-zh 2.2.1

def test_idxmax_alone_drops_a_complete_column(tmp_path):
    report = checked(tmp_path, "preprocess.drop-most-missing", wrong(
        "preprocess.drop-most-missing", "    if counts.max() == 0:\n        return data.copy()\n",
        ""))
    case = first_failure(report)
    assert "NaN" not in case["inputs"]["data"]  # a frame with nothing missing
    assert case["difference"]["kind"] == "columns"
    assert len(case["difference"]["theirs"]) == len(case["difference"]["expected"]) - 1


@pytest.mark.filterwarnings("ignore:The inplace keyword")  # pandas 3.1 deprecates it
def test_inplace_drop_returns_none(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.drop-most-missing", wrong(
        "preprocess.drop-most-missing", "return data.drop(columns=counts.idxmax())",
        "data.drop(columns=counts.idxmax(), inplace=True)")))
    assert case["book"] and case["difference"]["kind"] == "none"
    assert "Alley" not in case["difference"]["expected"]  # the book's Alley misses 3 of 4


def test_dropping_every_column_with_a_gap_is_too_much(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.drop-most-missing", wrong(
        "preprocess.drop-most-missing", "return data.drop(columns=counts.idxmax())",
        "return data.dropna(axis=1)")))
    assert case["book"] and case["difference"] == {
        "kind": "columns", "at": [], "theirs": ["Price"], "expected": ["NumRooms", "Price"]}


def test_the_last_of_tied_columns_is_the_wrong_one(tmp_path):
    report = checked(tmp_path, "preprocess.drop-most-missing", wrong(
        "preprocess.drop-most-missing", "counts.idxmax()", "counts[::-1].idxmax()"))
    case = first_failure(report)
    assert case["index"] is not None and case["difference"]["kind"] == "columns"


# ---------------------------------------------------------------- d2l-zh 2.2.2

def test_the_book_data_gives_the_printed_tensor(tmp_path):
    # d2l-zh prints inputs after fillna as NumRooms 3.0, 2.0, 4.0, 3.0, then Alley_Pave and
    # Alley_nan; the checker's book case expects exactly that X, and the book's prices as y
    case = checked(tmp_path, "preprocess.to-tensors", solution("preprocess.to-tensors"))[
        "cases"][0]
    assert case["book"] and case["passed"]
    data = pd.read_csv(io.StringIO(HOUSE_ZH))
    inputs = data.iloc[:, 0:2]
    inputs = pd.get_dummies(inputs.fillna(inputs.mean(numeric_only=True)), dummy_na=True)
    assert inputs.to_numpy(dtype=float).tolist() == [[3, 1, 0], [2, 0, 1], [4, 0, 1], [3, 0, 1]]
    assert list(inputs.dtypes.astype(str)) == ["float64", "bool", "bool"]


def test_the_books_mean_raises_in_pandas_3(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.to-tensors", wrong(
        "preprocess.to-tensors", "inputs.mean(numeric_only=True)", "inputs.mean()")))
    assert case["book"]
    assert case["difference"]["kind"] == "raised" and case["difference"]["type"] == "TypeError"
    assert "string" in case["difference"]["message"]
    assert case["difference"]["code"] == "inputs = inputs.fillna(inputs.mean())"


def test_values_of_bool_and_float_columns_are_objects(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.to-tensors", wrong(
        "preprocess.to-tensors", "inputs.to_numpy(dtype=float)", "inputs.values")))
    assert case["difference"]["kind"] == "raised"
    assert "numpy.object_" in case["difference"]["message"]


def test_float32_is_not_what_was_asked(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.to-tensors", wrong(
        "preprocess.to-tensors", "X = torch.tensor(inputs.to_numpy(dtype=float))",
        "X = torch.tensor(inputs.to_numpy(dtype=float), dtype=torch.float32)")))
    assert case["difference"] == {**case["difference"], "kind": "dtype", "at": [0],
                                  "theirs": "torch.float32", "expected": "torch.float64"}


def test_without_a_nan_column_x_is_too_narrow(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.to-tensors", wrong(
        "preprocess.to-tensors", "dummy_na=True", "dummy_na=False")))
    assert case["book"] and case["difference"]["kind"] == "shape"
    assert (case["difference"]["theirs"], case["difference"]["expected"]) == ([4, 2], [4, 3])


# ---------------------------------------------------------------- d2l-en 2.2.1

def test_the_profile_of_the_books_houses(tmp_path):
    case = checked(tmp_path, PROFILE, solution(PROFILE))["cases"][0]
    assert case["book"] and case["passed"]
    data = pd.read_csv(io.StringIO(HOUSE_EN))
    assert list(data.dtypes.astype(str)) == ["float64", "str", "int64"]
    assert data.isna().sum().tolist() == [2, 3, 0]  # 3 of 4 rows, 5 of 12 cells


def test_missing_rows_counted_down_the_columns(tmp_path):
    case = first_failure(checked(tmp_path, PROFILE, wrong(
        PROFILE, "data.isna().any(axis=1).mean()", "data.isna().any().mean()")))
    assert case["book"] and case["difference"]["at"] == ["missing_rows"]
    assert case["difference"]["kind"] == "value" and case["difference"]["expected"] == "0.75"


def test_nan_is_not_a_category(tmp_path):
    report = checked(tmp_path, PROFILE, wrong(
        PROFILE, "data[c].nunique()", "data[c].nunique(dropna=False)"))
    case = first_failure(report)
    assert not case["book"] and case["difference"]["at"] == ["categorical"]


# ---------------------------------------------------------------- d2l-en 2.2.2

def test_positions_break_when_the_target_is_not_last(tmp_path):
    report = checked(tmp_path, "preprocess.by-name", wrong(
        "preprocess.by-name", "data.drop(columns=target), data[target]",
        "data.iloc[:, :-1], data.iloc[:, -1]"))
    assert report["cases"][0]["passed"]  # the book's Price is the last column
    case = first_failure(report)
    assert case["call"].startswith("split_by_name") and case["difference"]["kind"] == "columns"


def test_a_one_column_frame_is_not_a_series(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.by-name", wrong(
        "preprocess.by-name", "data[target]", "data[[target]]")))
    assert case["book"] and case["difference"]["kind"] == "type"
    assert case["difference"]["at"] == [1]
    assert case["difference"]["expected"] == "pandas.Series"


def test_renumbered_rows_lose_their_labels(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.by-name", wrong(
        "preprocess.by-name", "data.loc[data[column].isna(), keep]",
        "data.loc[data[column].isna(), keep].reset_index(drop=True)")))
    assert case["book"] and case["difference"]["kind"] == "frame"
    assert "index" in case["difference"]["detail"]


# ---------------------------------------------------------------- d2l-en 2.2.3

def test_the_books_x_takes_96_bytes(tmp_path):
    case = checked(tmp_path, SIZES, solution(SIZES))["cases"][0]
    assert case["call"] == "tensor_bytes(4, 3, torch.float64)" and case["passed"]
    X = torch.zeros(4, 3, dtype=torch.float64)
    assert X.untyped_storage().nbytes() == 96


def test_eight_bytes_for_every_dtype(tmp_path):
    report = checked(tmp_path, SIZES, wrong(
        SIZES, "return rows * columns * torch.empty((), dtype=dtype).element_size()",
        "return rows * columns * 8"))
    case = first_failure(report)
    assert case["call"].startswith("tensor_bytes") and "float32" in case["call"]
    assert case["difference"]["kind"] == "value"


def test_true_division_gives_a_float(tmp_path):
    case = first_failure(checked(tmp_path, SIZES, wrong(
        SIZES, "return memory // (columns", "return memory / (columns")))
    assert case["book"] and case["call"].startswith("max_rows")
    assert case["difference"]["kind"] == "type" and case["difference"]["expected"] == "int"


# ---------------------------------------------------------------- d2l-en 2.2.4

def test_value_counts_order_breaks_ties_wrongly(tmp_path):
    report = checked(tmp_path, "preprocess.many-categories", wrong(
        "preprocess.many-categories", "sorted(counts.index, key=lambda v: (-counts[v], v))[:n]",
        "list(counts.index[:n])"))
    case = first_failure(report)
    assert case["call"].startswith("fold_rare") and case["difference"]["kind"] == "frame"


def test_missing_values_are_not_other(tmp_path):
    case = first_failure(checked(tmp_path, "preprocess.many-categories", wrong(
        "preprocess.many-categories", "values.isin(kept) | values.isna()", "values.isin(kept)")))
    assert case["book"] and case["difference"]["kind"] == "frame"
    assert "other" in case["difference"]["their_value"]


def test_nunique_against_the_row_count_misses_ids_with_gaps(tmp_path):
    report = checked(tmp_path, "preprocess.many-categories", wrong(
        "preprocess.many-categories", "data[c].nunique() == data[c].count()",
        "data[c].nunique() == len(data)"))
    case = first_failure(report)
    assert case["call"] == "identifiers(data)"
    assert case["difference"]["kind"] in ("length", "value")


# ---------------------------------------------------------------- d2l-en 2.2.5

def test_a_chosen_dtype_changes_the_array(tmp_path):
    case = first_failure(checked(tmp_path, FILES, wrong(
        FILES, "torch.from_numpy(np.load(path))",
        "torch.tensor(np.load(path), dtype=torch.float32)")))
    assert case["book"] and case["call"] == "load_npy('X.npy')"
    assert (case["difference"]["kind"], case["difference"]["theirs"]) == ("dtype", "torch.float32")


def test_an_image_not_converted_keeps_its_own_channels(tmp_path):
    case = first_failure(checked(tmp_path, FILES, wrong(
        FILES, 'np.array(image.convert("RGB"))', "np.array(image)")))
    assert case["call"] == "load_image('case0.png')"  # grayscale: (height, width)
    assert case["difference"]["kind"] == "shape" and len(case["difference"]["theirs"]) == 2


def test_channels_first_is_not_what_was_asked(tmp_path):
    case = first_failure(checked(tmp_path, FILES, wrong(
        FILES, 'np.array(image.convert("RGB")))', 'np.array(image.convert("RGB")))'
        ".permute(2, 0, 1)")))
    assert case["difference"]["kind"] == "shape" and case["difference"]["theirs"][0] == 3
