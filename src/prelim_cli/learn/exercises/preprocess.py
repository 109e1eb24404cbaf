"""The exercises of §2.2 (both editions) and their checkers.

The two editions ask different questions here: d2l-zh two (drop the column with the most
missing values, then turn the result into tensors, on a raw dataset bigger than the book's),
d2l-en five (inspect a dataset, select by name, how much fits in memory, too many
categories, files other than CSV). Each checker builds its tables from plain Python columns
(``_table``), writes them as CSV text and reads them with ``pd.read_csv`` as the book does, so
the dtypes are pandas 3's own (numbers int64 or float64, text ``str``); the expected answer is
computed from the Python columns, not from the frame the learner gets. pandas and torch are
imported inside the checkers: they run only in the child.
"""

from prelim_cli.learn.exercise import Exercise, Text

NAMES = ("NumRooms", "Alley", "RoofType", "Area", "Year", "Color", "Zone", "Street", "Lot",
         "Floors", "Heating", "Garage")
WORDS = ("Pave", "Grvl", "Slate", "Tile", "red", "blue", "green", "M", "F", "I")
NUMBERS = ("int", "float")

# the book's house_tiny.csv in each edition, as (name, kind, values) with None for NA
HOUSE_ZH = [("NumRooms", "int", [None, 2, 4, None]), ("Alley", "text", ["Pave", None, None, None]),
            ("Price", "int", [127500, 106000, 178100, 140000])]
HOUSE_EN = [("NumRooms", "int", [None, 2, 4, None]),
            ("RoofType", "text", [None, None, "Slate", None]),
            ("Price", "int", [127500, 106000, 178100, 140000])]


def _csv(columns) -> str:
    """The CSV text of the columns, NA where a value is missing (as the book writes it)."""
    rows = zip(*(values for _, _, values in columns))
    lines = [",".join(name for name, _, _ in columns)]
    lines += [",".join("NA" if v is None else str(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _frame(columns):
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(_csv(columns)))


def _column(r, kind: str, rows: int, missing: float) -> list:
    """One column of Python values, None where missing; at least one value is present (a
    column with none would be read as float64 whatever it was meant to hold)."""
    if kind == "int":
        values = [r.randint(-5, 40) for _ in range(rows)]
    elif kind == "float":
        values = [r.randint(-40, 80) / 4 for _ in range(rows)]  # quarters: exact in binary
    elif kind == "id":
        values = [f"h{j:02d}" for j in r.sample(range(100), rows)]  # every value different
    elif kind == "many":  # ten categories: few repeats, ties among the counts
        values = [r.choice(WORDS) for _ in range(rows)]
    else:
        words = r.sample(WORDS, r.randint(1, 4))
        values = [r.choice(words) for _ in range(rows)]
    kept = r.randrange(rows)
    return [None if j != kept and r.random() < missing else v for j, v in enumerate(values)]


def _table(r, rows: int, kinds: list[str], missing: float = 0.3) -> list:
    names = r.sample(NAMES, len(kinds))
    return [(name, kind, _column(r, kind, rows, missing)) for name, kind in zip(names, kinds)]


def _kinds(r, n: int, text: float = 0.4) -> list[str]:
    return [r.choice(("text", "text", "id")) if r.random() < text else r.choice(NUMBERS)
            for _ in range(n)]


def _present(values: list) -> list:
    return [v for v in values if v is not None]


def _values(columns, name: str) -> list:
    return next(values for column, _, values in columns if column == name)


# ---------------------------------------------------------------- d2l-zh 2.2.1

DROP_MOST_MISSING = Exercise(
    slug="preprocess.drop-most-missing",
    section="preprocess",
    numbers={"zh": "2.2.1"},
    kind="code",
    title=Text("Drop the column with the most missing values", "删除缺失值最多的列"),
    statement=Text(
        "Write `drop_most_missing(data)`, which returns a new DataFrame without the "
        "column that has the most missing values. When several columns share the largest "
        "count, drop the first (leftmost) of them; when no value is missing at all, return "
        "every column. Leave the frame you are given unchanged. The book asks for a raw "
        "dataset with more rows and columns than its 4 × 3 house_tiny.csv: grow `data` in "
        "the file into one (more houses, more columns, gaps in several of them) and try "
        "your function on it. prelim checks the function on the book's data and on "
        "generated frames of up to 8 rows and 6 columns, ties and frames with nothing "
        "missing among them.",
        "写出 `drop_most_missing(data)`：返回一个新的 DataFrame，其中去掉了缺失值最多的那一"
        "列。如果几列的缺失个数并列最多，删除其中最靠前（最左边）的一列；如果根本没有缺失值，"
        "返回全部列。不要改动传入的 DataFrame。书中要求构造一个比 4 × 3 的 house_tiny.csv "
        "行更多、列更多的原始数据集：把文件里的 `data` 扩充成这样的数据集（更多房子、更多列，"
        "好几列都有缺失），在上面试试你的函数。prelim 会在书中的数据和生成的表格（最多 8 行 "
        "6 列，其中有并列的情况，也有完全没有缺失的表格）上检查这个函数。"),
    hints=(
        Text("`data.isna()` is True where a value is missing; summing it counts the missing "
             "values of each column.",
             "`data.isna()` 在缺失处为 True；对它求和就得到每列的缺失个数。"),
        Text("`counts.idxmax()` names the column with the largest count, the first one on "
             "ties. But it also names the first column when every count is 0.",
             "`counts.idxmax()` 给出计数最大的列名，并列时取第一个。但当所有计数都是 0 时，"
             "它也会给出第一列。"),
        Text("`counts = data.isna().sum()`; when `counts.max() == 0` return `data.copy()`, "
             "else `data.drop(columns=counts.idxmax())` (drop returns a new frame).",
             "`counts = data.isna().sum()`；当 `counts.max() == 0` 时返回 `data.copy()`，"
             "否则返回 `data.drop(columns=counts.idxmax())`（drop 返回新的表格）。"),
    ),
    stub='''import io

import pandas as pd

# the book's house_tiny.csv: grow it (more rows, more columns) to try your function on
data = pd.read_csv(io.StringIO("""NumRooms,Alley,Price
NA,Pave,127500
2,NA,106000
4,NA,178100
NA,NA,140000
"""))


def drop_most_missing(data):
    """data without its column with the most missing values (the first such column)."""
    ...
''',
    solution='''import io

import pandas as pd

data = pd.read_csv(io.StringIO("""NumRooms,Alley,Area,Heating,Price
NA,Pave,1200,Gas,127500
2,NA,900,NA,106000
4,NA,NA,Gas,178100
NA,NA,1500,Oil,140000
3,Grvl,1100,Gas,155000
5,NA,2100,NA,210000
"""))


def drop_most_missing(data):
    """data without its column with the most missing values (the first such column)."""
    counts = data.isna().sum()
    if counts.max() == 0:
        return data.copy()
    return data.drop(columns=counts.idxmax())
''',
    answer=Text(
        "`data.isna().sum()` counts the missing values of every column and `idxmax` names "
        "the column with the largest count, the first one on ties. On the book's data the "
        "counts are NumRooms 2, Alley 3, Price 0, so Alley goes. Two traps: idxmax also "
        "returns the first column when nothing is missing, which would drop a complete "
        "column; and drop(..., inplace=True) returns None and changes the caller's frame. "
        "Deleting a column throws away its information for every row, which is why it is "
        "kept for columns that are mostly empty.",
        "`data.isna().sum()` 统计每列的缺失个数，`idxmax` 给出计数最大的列名，并列时取第一个。"
        "在书中的数据上，计数是 NumRooms 2、Alley 3、Price 0，所以删掉 Alley。两个陷阱：没有"
        "任何缺失时 idxmax 也会返回第一列，于是会删掉一列完整的数据；drop(..., inplace=True) "
        "返回 None，还改动了调用者的表格。删除一列会让每一行都失去这一列的信息，所以通常只对"
        "大部分为空的列这样做。"),
    checker="preprocess:check_drop_most_missing",
    lesson="prelim preprocess --example house_tiny --drop-most-missing",
)


def _without_most_missing(data, counts: list[int]):
    most = max(counts, default=0)
    if most == 0:
        return data.copy()
    first = counts.index(most)
    return data.iloc[:, [j for j in range(len(counts)) if j != first]]


def check_drop_most_missing(t) -> None:
    drop = t.function("drop_most_missing")

    def case(columns, generated=None):
        data = _frame(columns)
        counts = [sum(v is None for v in values) for _, _, values in columns]
        t.expect("drop_most_missing(data)", lambda: drop(data),
                 _without_most_missing(_frame(columns), counts), inputs={"data": data},
                 generated=generated)
        return data

    book = case(HOUSE_ZH)
    t.holds(Text("data.equals(before)  # after drop_most_missing(data): the frame it was "
                 "given is left as it was",
                 "data.equals(before)  # 调用 drop_most_missing(data) 之后：传给它的数据框"
                 "保持原样"),
            lambda: book.equals(_frame(HOUSE_ZH)), inputs={"before": _frame(HOUSE_ZH)})
    for i in range(10):
        r = t.random(i)
        rows, width = r.randint(1, 8), r.randint(1, 6)
        columns = _table(r, rows, _kinds(r, width), missing=(0.0, 0.2, 0.4, 0.6)[i % 4])
        if i % 4 == 1 and width > 1:  # two columns tie for the most missing values
            name, kind, _ = columns[-1]
            columns[-1] = (name, kind, [None] * rows)
            name, kind, values = columns[0]
            columns[0] = (name, kind, [None] * rows)
        case(columns, generated=i)


# ---------------------------------------------------------------- d2l-zh 2.2.2

TO_TENSORS = Exercise(
    slug="preprocess.to-tensors",
    section="preprocess",
    numbers={"zh": "2.2.2"},
    kind="code",
    title=Text("From a raw dataset to tensors", "把原始数据集转换为张量"),
    statement=Text(
        "Write `to_tensors(data)`, the whole of §2.2 as one function, for any raw DataFrame "
        "shaped like house_tiny: the last column is the target (numbers, none missing); every "
        "other column is an input holding either numbers or text, with missing values here and "
        "there. Return a tuple (X, y) of torch.float64 tensors. y is the last column, of shape "
        "(rows,). X has one row per row of data and, in this order: the numeric input columns, "
        "each missing value replaced by the mean of the values present in its column; then, for "
        "every text column, one 0/1 column per distinct value (in sorted order) and one more "
        "that is 1 where the value is missing — the columns pd.get_dummies(inputs, "
        "dummy_na=True) makes, in its order. Mind pandas 3: text columns have the `str` dtype, "
        "so a plain inputs.mean() raises, and get_dummies gives bool columns; X must still be "
        "float64.",
        "写出 `to_tensors(data)`，把 §2.2 的全部步骤写成一个函数，适用于任何形如 house_tiny "
        "的原始 DataFrame：最后一列是目标（数值，没有缺失）；其余每一列都是输入，内容是数值或"
        "文本，可能含有缺失值。返回由两个 torch.float64 张量组成的元组 (X, y)。y 是最后一列，形状"
        "为 (rows,)。X 的每一行对应 data 的一行，列依次是：数值输入列，其中每个缺失值换成该列"
        "已有值的均值；然后对每个文本列，每个不同的取值（按排序后的顺序）各占一个 0/1 列，再加"
        "一列在缺失处为 1——也就是 pd.get_dummies(inputs, dummy_na=True) 生成的列和顺序。注意 "
        "pandas 3：文本列的 dtype 是 `str`，直接调用 inputs.mean() 会报错；get_dummies 给出"
        "的是 bool 列；X 仍然必须是 float64。"),
    hints=(
        Text("Split as the book does, but for any number of columns: `data.iloc[:, :-1]` "
             "and `data.iloc[:, -1]`.",
             "像书中那样拆分，但要适用于任意列数：`data.iloc[:, :-1]` 和 `data.iloc[:, -1]`。"),
        Text("`inputs.mean(numeric_only=True)` averages only the numeric columns; fillna "
             "with it leaves the text columns alone.",
             "`inputs.mean(numeric_only=True)` 只对数值列求均值；用它 fillna 不会动文本列。"),
        Text("`torch.tensor(pd.get_dummies(inputs, dummy_na=True).to_numpy(dtype=float))`: "
             "to_numpy(dtype=float) turns the bool columns into 0.0 and 1.0.",
             "`torch.tensor(pd.get_dummies(inputs, dummy_na=True).to_numpy(dtype=float))`："
             "to_numpy(dtype=float) 把 bool 列变成 0.0 和 1.0。"),
    ),
    stub='''import io

import pandas as pd
import torch

# the book's data, to try your function on (prelim also uses bigger generated tables)
data = pd.read_csv(io.StringIO("""NumRooms,Alley,Price
NA,Pave,127500
2,NA,106000
4,NA,178100
NA,NA,140000
"""))


def to_tensors(data):
    """(X, y): the filled, one-hot inputs and the last column, both torch.float64."""
    ...
''',
    solution='''import io

import pandas as pd
import torch

data = pd.read_csv(io.StringIO("""NumRooms,Alley,Price
NA,Pave,127500
2,NA,106000
4,NA,178100
NA,NA,140000
"""))


def to_tensors(data):
    """(X, y): the filled, one-hot inputs and the last column, both torch.float64."""
    inputs, outputs = data.iloc[:, :-1], data.iloc[:, -1]
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    inputs = pd.get_dummies(inputs, dummy_na=True)
    X = torch.tensor(inputs.to_numpy(dtype=float))
    y = torch.tensor(outputs.to_numpy(dtype=float))
    return X, y
''',
    answer=Text(
        "Split off the last column, fill each numeric column's NaN with that column's mean, "
        "one-hot encode the text columns with a column for NaN, then convert: "
        "to_numpy(dtype=float) gives a float64 array that torch.tensor keeps as float64. On "
        "the book's data X is [[3, 1, 0], [2, 0, 1], [4, 0, 1], [3, 0, 1]] (the mean of 2 "
        "and 4 is 3) and y holds the four prices. In pandas 3 the book's inputs.mean() "
        "fails on a text column (ask for numeric_only=True), and torch.tensor(frame.values) "
        "fails on the mix of bool and float columns, because .values is then an object "
        "array.",
        "拆出最后一列，用每个数值列自己的均值填充该列的 NaN，对文本列做独热编码并为 NaN 单独"
        "设一列，然后转换：to_numpy(dtype=float) 得到 float64 数组，torch.tensor 保持 float64。"
        "在书中的数据上，X 是 [[3, 1, 0], [2, 0, 1], [4, 0, 1], [3, 0, 1]]（2 和 4 的均值是 "
        "3），y 是四个房价。在 pandas 3 中，书里的 inputs.mean() 遇到文本列会报错（要加 "
        "numeric_only=True）；torch.tensor(frame.values) 遇到 bool 列和浮点列混在一起也会失败，"
        "因为这时 .values 是 object 数组。"),
    checker="preprocess:check_to_tensors",
    lesson="prelim preprocess --example house_tiny",
)


def _tensors(columns):
    """X and y as the statement describes them, from the Python columns."""
    import torch

    *inputs, (_, _, target) = columns
    numeric = [values for _, kind, values in inputs if kind in NUMBERS]
    text = [values for _, kind, values in inputs if kind not in NUMBERS]
    X = []
    for values in numeric:
        present = _present(values)
        mean = sum(present) / len(present)
        X.append([mean if v is None else float(v) for v in values])
    for values in text:
        X += [[float(v == category) for v in values] for category in sorted(set(_present(values)))]
        X.append([float(v is None) for v in values])
    return (torch.tensor(X, dtype=torch.float64).T.contiguous(),
            torch.tensor(target, dtype=torch.float64))


def check_to_tensors(t) -> None:
    to_tensors = t.function("to_tensors")

    def case(columns, generated=None):
        data = _frame(columns)
        t.expect("to_tensors(data)", lambda: to_tensors(data), _tensors(columns),
                 inputs={"data": data}, generated=generated)

    case(HOUSE_ZH)
    for i in range(10):
        r = t.random(i)
        rows = r.randint(1, 8)
        prices = [r.randint(50, 300) * 1000 for _ in range(rows)]  # the target: none missing
        case(_table(r, rows, _kinds(r, r.randint(1, 4))) + [("Price", "int", prices)],
             generated=i)


# ---------------------------------------------------------------- d2l-en 2.2.1

PROFILE = Exercise(
    slug="preprocess.missing-and-kinds",
    section="preprocess",
    numbers={"en": "2.2.1"},
    kind="code",
    title=Text("What a dataset holds: missing values, numbers, categories, text",
               "数据集里有什么：缺失值、数值、类别、文本"),
    statement=Text(
        "The book suggests loading a real dataset such as Abalone (UCI Machine Learning "
        "Repository) and looking at it. prelim checks without internet access, so it "
        "passes your function small made-up tables of numbers and text with missing "
        "values; run it on a real dataset yourself if you have one. Write "
        "`profile(data, max_categories=10)`, returning a dict of five floats, each a "
        "fraction between 0 and 1:\n"
        "- \"missing_rows\": of the rows, those with at least one missing value;\n"
        "- \"missing_cells\": of all the cells (rows × columns), those that are missing;\n"
        "- \"numeric\": of the columns, those pandas holds as numbers (an int or float "
        "dtype);\n"
        "- \"categorical\": of the columns, the text columns (pandas 3 gives them the `str` "
        "dtype) with at most max_categories distinct values, missing ones not counted;\n"
        "- \"text\": of the columns, the text columns with more distinct values than that "
        "(names, identifiers, free text).\n"
        "Every column prelim passes holds numbers or text, so the last three add up to 1; "
        "every table has at least one row and one column. Put what you found in a real "
        "dataset in `notes` (not checked).",
        "书中建议载入一个真实数据集（例如 UCI 机器学习库中的 Abalone）并查看它。prelim 检查"
        "时不能上网，所以它传给你的函数的是一些虚构的小表格，包含数值、文本和缺失值；如果你手头"
        "有真实数据集，请自己在上面运行。写出 `profile(data, max_categories=10)`，返回一个包含"
        "五个浮点数的字典，每个都是 0 到 1 之间的比例：\n"
        "- \"missing_rows\"：所有行中，至少含一个缺失值的行所占的比例；\n"
        "- \"missing_cells\"：所有单元格（行数 × 列数）中，缺失的单元格所占的比例；\n"
        "- \"numeric\"：所有列中，pandas 以数值（int 或 float 的 dtype）保存的列所占的比例；\n"
        "- \"categorical\"：所有列中，不同取值（缺失不算）不超过 max_categories 个的文本列"
        "（pandas 3 中 dtype 为 `str`）所占的比例；\n"
        "- \"text\"：所有列中，不同取值多于这个数的文本列（名字、编号、自由文本）所占的比例。\n"
        "prelim 传入的每一列不是数值就是文本，所以后三项之和为 1；每个表格至少有一行一列。把你在"
        "真实数据集上的发现写进 `notes`（不检查）。"),
    hints=(
        Text("`data.isna()` is a frame of booleans; `.any(axis=1)` asks, row by row, whether "
             "anything is missing, and the mean of booleans is the fraction of True.",
             "`data.isna()` 是布尔值组成的表格；`.any(axis=1)` 逐行判断是否有缺失，布尔值的"
             "均值就是 True 所占的比例。"),
        Text("`data.select_dtypes('number').columns` are the numeric columns; the rest are "
             "text here. `data[c].nunique()` counts distinct values and leaves NaN out.",
             "`data.select_dtypes('number').columns` 是数值列；这里其余的都是文本列。"
             "`data[c].nunique()` 统计不同取值的个数，不把 NaN 算进去。"),
        Text("Divide each count of columns by `data.shape[1]`; `data.isna().to_numpy().mean()` "
             "is the fraction of missing cells.",
             "每个列数都除以 `data.shape[1]`；`data.isna().to_numpy().mean()` 就是缺失单元格"
             "的比例。"),
    ),
    stub='''import pandas as pd

notes = """
"""  # what you found in a real dataset, e.g. Abalone: which text columns are categories?


def profile(data, max_categories=10):
    """Fractions: missing_rows, missing_cells, numeric, categorical, text."""
    ...
''',
    solution='''import pandas as pd

notes = """
"""


def profile(data, max_categories=10):
    """Fractions: missing_rows, missing_cells, numeric, categorical, text."""
    columns = data.shape[1]
    numeric = set(data.select_dtypes("number").columns)
    text = [c for c in data.columns if c not in numeric]
    few = [c for c in text if data[c].nunique() <= max_categories]
    return {
        "missing_rows": float(data.isna().any(axis=1).mean()),
        "missing_cells": float(data.isna().to_numpy().mean()),
        "numeric": len(numeric) / columns,
        "categorical": len(few) / columns,
        "text": (len(text) - len(few)) / columns,
    }
''',
    answer=Text(
        "Missing values are counted two ways that answer different questions: the share of "
        "rows you would lose by dropping incomplete rows (any(axis=1)), and the share of "
        "cells you would have to impute. On d2l-en's house data 3 of 4 rows miss something "
        "but only 5 of 12 cells. pandas' dtypes tell numbers from text; whether a text "
        "column is a category or free text is a matter of how many distinct values it has, "
        "a judgement the threshold makes explicit. Abalone, for instance, has one text "
        "column (Sex, with three values: a category) and eight numeric ones, and no missing "
        "values; a name or ID column would land in \"text\".",
        "缺失值有两种数法，回答的问题不同：删除不完整的行会损失多少行（any(axis=1)），以及需要"
        "填补多少个单元格。在 d2l-en 的房屋数据上，4 行中有 3 行缺了东西，但 12 个单元格中只有 "
        "5 个缺失。pandas 的 dtype 能区分数值和文本；一个文本列是类别还是自由文本，要看它有多少"
        "个不同取值，这个判断由阈值明确下来。例如 Abalone 有一个文本列（Sex，三种取值：类别）和"
        "八个数值列，没有缺失值；名字或编号这样的列会归入 \"text\"。"),
    checker="preprocess:check_profile",
    lesson="prelim preprocess --edition en",
)


def _profile(columns, max_categories: int) -> dict:
    rows, width = len(columns[0][2]), len(columns)
    missing = [[values[j] is None for _, _, values in columns] for j in range(rows)]
    text = [values for _, kind, values in columns if kind not in NUMBERS]
    few = sum(len(set(_present(values))) <= max_categories for values in text)
    return {"missing_rows": sum(map(any, missing)) / rows,
            "missing_cells": sum(map(sum, missing)) / (rows * width),
            "numeric": (width - len(text)) / width,
            "categorical": few / width,
            "text": (len(text) - few) / width}


def check_profile(t) -> None:
    profile = t.function("profile")
    data = _frame(HOUSE_EN)
    t.expect("profile(data)", lambda: profile(data), _profile(HOUSE_EN, 10),
             inputs={"data": data})
    for i in range(10):
        r = t.random(i)
        columns = _table(r, r.randint(1, 10), _kinds(r, r.randint(1, 6), text=0.5),
                         missing=(0.0, 0.3, 0.1, 0.3)[i % 4])
        n = r.randint(1, 4)
        gaps = [values for _, kind, values in columns if kind not in NUMBERS and None in values]
        if gaps and i % 2:  # a text column with exactly n categories and a gap: NaN is not one
            n = len(set(_present(gaps[0])))
        data = _frame(columns)
        t.expect(f"profile(data, max_categories={n})", lambda: profile(data, n),
                 _profile(columns, n), inputs={"data": data}, generated=i)


# ---------------------------------------------------------------- d2l-en 2.2.2

BY_NAME = Exercise(
    slug="preprocess.by-name",
    section="preprocess",
    numbers={"en": "2.2.2"},
    kind="code",
    title=Text("Selecting columns by name", "按列名选择数据"),
    statement=Text(
        "The book splits its data by position, data.iloc[:, 0:2] and data.iloc[:, 2], which "
        "works only while the target is the last of three columns. Select by name instead "
        "(`data[...]`, `data.loc[...]`, `drop(columns=...)`):\n"
        "1. `split_by_name(data, target)` returns a tuple (inputs, targets): inputs is a "
        "DataFrame of every column except the one named `target`, in their original order; "
        "targets is that column as a Series. The target can be any column, not only the "
        "last.\n"
        "2. `rows_missing(data, column, keep)` returns a DataFrame of the rows where "
        "`column` is missing, holding only the columns named in the list `keep`, in the "
        "order of `keep`, each row keeping its original index label.",
        "书中按位置拆分数据：data.iloc[:, 0:2] 和 data.iloc[:, 2]，这只在目标恰好是三列中的"
        "最后一列时才对。改为按列名选择（`data[...]`、`data.loc[...]`、`drop(columns=...)`）：\n"
        "1. `split_by_name(data, target)` 返回元组 (inputs, targets)：inputs 是除名为 "
        "`target` 的列之外所有列组成的 DataFrame，保持原来的顺序；targets 是该列，类型为 "
        "Series。目标可以是任意一列，不一定是最后一列。\n"
        "2. `rows_missing(data, column, keep)` 返回一个 DataFrame：只包含 `column` 缺失的那些"
        "行，只保留列表 `keep` 中指名的列，列的顺序与 `keep` 相同，每行保留原来的索引标签。"),
    hints=(
        Text("`data[name]` (one name) gives a Series, `data[[a, b]]` (a list) a DataFrame "
             "with the columns in the list's order.",
             "`data[name]`（一个列名）得到 Series，`data[[a, b]]`（一个列表）得到按列表顺序"
             "排列的 DataFrame。"),
        Text("`data.loc[rows, columns]` takes a boolean Series for the rows and a list of "
             "names for the columns.",
             "`data.loc[rows, columns]` 的行可以是布尔 Series，列可以是列名的列表。"),
        Text("`data.drop(columns=target), data[target]`, and "
             "`data.loc[data[column].isna(), keep]`.",
             "`data.drop(columns=target), data[target]`，以及 "
             "`data.loc[data[column].isna(), keep]`。"),
    ),
    stub='''import pandas as pd


def split_by_name(data, target):
    """(inputs, targets): every other column as a DataFrame, the target as a Series."""
    ...


def rows_missing(data, column, keep):
    """The rows where `column` is missing, only the columns named in `keep`."""
    ...
''',
    solution='''import pandas as pd


def split_by_name(data, target):
    """(inputs, targets): every other column as a DataFrame, the target as a Series."""
    return data.drop(columns=target), data[target]


def rows_missing(data, column, keep):
    """The rows where `column` is missing, only the columns named in `keep`."""
    return data.loc[data[column].isna(), keep]
''',
    answer=Text(
        "A name says which column you mean wherever the column sits, so the code survives a "
        "file whose columns come in another order or gain a new one; a position silently "
        "picks whatever column is there now. One name in brackets gives a Series, a list "
        "of names a DataFrame; loc takes a row selection (here a boolean mask) and a column "
        "selection at once and keeps the row labels, so you can still tell which houses "
        "the rows are.",
        "列名指明的是你要的那一列，不管它在什么位置，所以当文件的列换了顺序或多了一列时，代码"
        "依然正确；而位置只会悄悄地取到此刻在那里的那一列。方括号里写一个列名得到 Series，写列名"
        "列表得到 DataFrame；loc 同时接受行的选择（这里是布尔掩码）和列的选择，并保留行标签，"
        "所以你仍然知道每一行是哪一所房子。"),
    checker="preprocess:check_by_name",
    lesson="prelim preprocess --example house_tiny --target Price",
)


def check_by_name(t) -> None:
    split_by_name, rows_missing = t.function("split_by_name"), t.function("rows_missing")

    def case(columns, target, column, keep, generated=None):
        data = _frame(columns)
        # copies made before their code runs: the expected values never come from their
        # frames, and a split that pops a column cannot change the second call's input
        fresh, again = data.copy(), data.copy()
        names = [name for name, _, _ in columns]
        t.expect(f"split_by_name(data, {target!r})", lambda: split_by_name(data, target),
                 (fresh[[n for n in names if n != target]], fresh[target]),
                 inputs={"data": fresh}, generated=generated)
        rows = [j for j, v in enumerate(_values(columns, column)) if v is None]
        t.expect(f"rows_missing(data, {column!r}, {keep!r})",
                 lambda: rows_missing(again, column, keep), fresh[keep].take(rows),
                 inputs={"data": fresh}, generated=generated)

    case(HOUSE_EN, "Price", "NumRooms", ["RoofType", "Price"])
    for i in range(10):
        r = t.random(i)
        columns = _table(r, r.randint(1, 8), _kinds(r, r.randint(2, 6)))
        names = [name for name, _, _ in columns]
        target = names[-1] if i == 0 else r.choice(names[:-1])
        keep = r.sample(names, r.randint(1, len(names)))
        case(columns, target, r.choice(names), keep, generated=i)


# ---------------------------------------------------------------- d2l-en 2.2.3

SIZES = Exercise(
    slug="preprocess.memory-size",
    section="preprocess",
    numbers={"en": "2.2.3"},
    kind="code",
    title=Text("How large a dataset fits in memory", "多大的数据集装得进内存"),
    statement=Text(
        "Loading a whole CSV with pandas and turning it into a tensor keeps all of it in "
        "memory at once. Start with the part you can compute exactly, the size of the "
        "final tensor, without building it (rows may be 10**9):\n"
        "1. `tensor_bytes(rows, columns, dtype)` returns, as an int, the bytes the elements "
        "of a rows × columns tensor of the torch dtype `dtype` take (torch.float64, "
        "torch.float32, torch.int8, torch.bool, ...), not counting Python's small "
        "per-object overhead;\n"
        "2. `max_rows(memory, columns, dtype)` returns, as an int, the largest number of "
        "rows such a tensor can have within `memory` bytes (0 when not even one row "
        "fits).\n"
        "Then answer in `notes` (not checked): what else takes memory and time on the way "
        "from the CSV file to the tensor, and what changes on a server? Try it on your "
        "machine with a file you generate.",
        "用 pandas 读入整个 CSV 再转成张量，会把全部数据同时放在内存里。先从能精确计算的部分"
        "开始：最终张量的大小，而且不要真的构造它（行数可能是 10**9）：\n"
        "1. `tensor_bytes(rows, columns, dtype)` 以 int 返回一个 rows × columns、dtype 为 "
        "`dtype`（torch.float64、torch.float32、torch.int8、torch.bool 等）的张量的元素所占的"
        "字节数，不计 Python 对象本身那点很小的额外开销；\n"
        "2. `max_rows(memory, columns, dtype)` 以 int 返回在 `memory` 字节之内这样的张量最多能"
        "有多少行（连一行都放不下时为 0）。\n"
        "然后在 `notes` 中回答（不检查）：从 CSV 文件到张量的路上，还有什么占用内存和时间？换到"
        "服务器上又有什么不同？用你自己生成的文件在你的机器上试一试。"),
    hints=(
        Text("Every element of a tensor takes the same number of bytes, which depends only "
             "on the dtype: 8 for float64, 4 for float32, 1 for bool.",
             "张量的每个元素占同样多的字节，只取决于 dtype：float64 是 8，float32 是 4，"
             "bool 是 1。"),
        Text("`torch.empty((), dtype=dtype).element_size()` tells you that number without "
             "allocating anything large.",
             "`torch.empty((), dtype=dtype).element_size()` 能告诉你这个数，而不会分配大块"
             "内存。"),
        Text("`rows * columns * size` and `memory // (columns * size)`: floor division keeps "
             "the answer an int.",
             "`rows * columns * size` 和 `memory // (columns * size)`：整除让结果保持为 int。"),
    ),
    stub='''import torch

notes = """
"""  # what else costs memory and time between the CSV and the tensor? on a server?


def tensor_bytes(rows, columns, dtype):
    """Bytes the elements of a rows x columns tensor of this dtype take (an int)."""
    ...


def max_rows(memory, columns, dtype):
    """The most rows such a tensor can have within `memory` bytes (an int)."""
    ...
''',
    solution='''import torch

notes = """
"""


def tensor_bytes(rows, columns, dtype):
    """Bytes the elements of a rows x columns tensor of this dtype take (an int)."""
    return rows * columns * torch.empty((), dtype=dtype).element_size()


def max_rows(memory, columns, dtype):
    """The most rows such a tensor can have within `memory` bytes (an int)."""
    return memory // (columns * torch.empty((), dtype=dtype).element_size())
''',
    answer=Text(
        "A rows × columns tensor takes rows · columns · element size bytes: the book's X "
        "(4 × 3, float64) is 96 bytes, 10⁹ rows of 100 float32 values are 400 GB. The "
        "tensor is the smallest part of the trip. The CSV text is parsed row by row, which "
        "takes time in proportion to the file; the DataFrame holds its own copy, and text "
        "columns are stored as Python-level strings that cost far more than their numbers; "
        "fillna and get_dummies each make a new frame, one-hot encoding multiplies the "
        "columns, and to_numpy and torch.tensor copy again, so the peak is several times "
        "the final tensor. A server has more memory and more cores, but pandas' default "
        "CSV parser uses only one of them; past what fits, read in chunks "
        "(read_csv(chunksize=...), prelim preprocess --stream), store float32, or use a "
        "columnar format such as Parquet.",
        "一个 rows × columns 的张量占 rows · columns · 元素大小 个字节：书中的 X（4 × 3，"
        "float64）是 96 字节，10⁹ 行、每行 100 个 float32 值则是 400 GB。张量只是这一路上最小"
        "的部分。CSV 文本要逐行解析，耗时与文件大小成正比；DataFrame 保存自己的一份副本，文本列"
        "存成 Python 层面的字符串，比数值占用多得多；fillna 和 get_dummies 各自生成新的表格，"
        "独热编码使列数成倍增加，to_numpy 和 torch.tensor 又各复制一次，所以峰值是最终张量的"
        "好几倍。服务器内存更大、核更多，但 pandas 默认的 CSV 解析器只用其中一个核；超出内存"
        "时，就分块读取（read_csv(chunksize=...)、prelim preprocess --stream），改存 "
        "float32，或者用 Parquet 这样的列式格式。"),
    checker="preprocess:check_sizes",
    lesson="prelim preprocess --example house_tiny --dtype float32",
)

DTYPES = ("float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8",
          "uint8", "bool", "complex64")


def check_sizes(t) -> None:
    import torch

    tensor_bytes, max_rows = t.function("tensor_bytes"), t.function("max_rows")

    def size(dtype):  # the bytes of one element, read off a real one-element tensor
        return torch.zeros(1, dtype=dtype).untyped_storage().nbytes()

    def case(rows, columns, memory, dtype, generated=None):
        shown = {"rows": rows, "columns": columns, "dtype": dtype}
        t.expect(f"tensor_bytes({rows}, {columns}, {dtype})",
                 lambda: tensor_bytes(rows, columns, dtype), rows * columns * size(dtype),
                 inputs=shown, generated=generated)
        t.expect(f"max_rows({memory}, {columns}, {dtype})",
                 lambda: max_rows(memory, columns, dtype), memory // (columns * size(dtype)),
                 inputs={"memory": memory, **shown}, generated=generated)

    case(4, 3, 16 << 30, torch.float64)  # the book's X: 4 rows, 3 columns, float64
    for i in range(12):
        r = t.random(i)
        dtype = getattr(torch, DTYPES[i % len(DTYPES)])
        rows = r.choice((1, r.randint(2, 1000), 10 ** r.randint(6, 9)))
        columns = r.choice((1, r.randint(2, 300)))
        memory = r.choice((r.randint(0, 100), r.randint(1, 64) << 30,
                           columns * size(dtype) * r.randint(1, 50)))  # an exact fit
        case(rows, columns, memory, dtype, generated=i)


# ---------------------------------------------------------------- d2l-en 2.2.4

MANY_CATEGORIES = Exercise(
    slug="preprocess.many-categories",
    section="preprocess",
    numbers={"en": "2.2.4"},
    kind="code",
    title=Text("Too many categories, and labels that are all different",
               "类别太多，以及取值各不相同的标签"),
    statement=Text(
        "One-hot encoding a column makes one column per distinct value, which explodes for "
        "a column with thousands of categories. Write two helpers:\n"
        "1. `fold_rare(values, n)`: values is a Series of text (pandas 3's `str` dtype), "
        "possibly with missing entries. Keep the n values that occur most often and replace "
        "every other value with the string \"other\"; missing entries stay missing. On ties "
        "in the counts, the value that comes first in sorted order is kept (the rule of "
        "prelim preprocess --max-categories). With at most n distinct values nothing "
        "changes. Return a Series of the `str` dtype with the same index.\n"
        "2. `identifiers(data)`: the list of names, in column order, of the text columns "
        "whose values are all different, counting only the values present and needing at "
        "least two of them — labels that are unique to each row, like an ID.\n"
        "Then say in `notes` (not checked) whether such columns belong in the inputs, and "
        "what else you could do with very many categories.",
        "独热编码会为一列的每个不同取值生成一列，遇到有成千上万个类别的列就会爆炸。写两个辅助"
        "函数：\n"
        "1. `fold_rare(values, n)`：values 是一个文本 Series（pandas 3 的 `str` dtype），可能"
        "有缺失。保留出现次数最多的 n 个取值，其余取值都换成字符串 \"other\"；缺失的仍然缺失。"
        "出现次数相同时，保留排序后靠前的取值（与 prelim preprocess --max-categories 的规则"
        "相同）。不同取值不超过 n 个时什么都不变。返回索引相同、dtype 为 `str` 的 Series。\n"
        "2. `identifiers(data)`：按列的顺序，返回那些取值各不相同的文本列的列名列表——只看存在"
        "的值，而且至少要有两个——也就是像编号那样每行独有的标签。\n"
        "然后在 `notes` 中说说（不检查）：这样的列应不应该放进输入？类别非常多时还可以怎么做？"),
    hints=(
        Text("`values.value_counts()` counts each value and leaves NaN out, but on ties its "
             "order is not the sorted order the statement asks for.",
             "`values.value_counts()` 统计每个取值的次数，不算 NaN；但次数相同时，它的顺序并"
             "不是题目要求的排序顺序。"),
        Text("Sort the distinct values by (-count, value) and take the first n; "
             "`values.where(keep_mask, \"other\")` replaces where the mask is False.",
             "按 (-次数, 取值) 对不同取值排序，取前 n 个；`values.where(keep_mask, \"other\")` "
             "会替换掩码为 False 的位置。"),
        Text("The mask is `values.isin(kept) | values.isna()`. For identifiers: a text column "
             "c qualifies when `data[c].count() >= 2` and "
             "`data[c].nunique() == data[c].count()`.",
             "掩码是 `values.isin(kept) | values.isna()`。对 identifiers：文本列 c 满足 "
             "`data[c].count() >= 2` 且 `data[c].nunique() == data[c].count()` 时入选。"),
    ),
    stub='''import pandas as pd

notes = """
"""  # include all-unique labels in the inputs? other ways with very many categories?


def fold_rare(values, n):
    """values with all but its n most frequent values replaced by "other"."""
    ...


def identifiers(data):
    """Names of the text columns whose present values are all different (two or more)."""
    ...
''',
    solution='''import pandas as pd

notes = """
"""


def fold_rare(values, n):
    """values with all but its n most frequent values replaced by "other"."""
    counts = values.value_counts()
    kept = sorted(counts.index, key=lambda v: (-counts[v], v))[:n]
    return values.where(values.isin(kept) | values.isna(), "other")


def identifiers(data):
    """Names of the text columns whose present values are all different (two or more)."""
    text = data.select_dtypes(exclude="number").columns
    return [c for c in text if data[c].count() >= 2 and data[c].nunique() == data[c].count()]
''',
    answer=Text(
        "Folding keeps the frequent categories, which carry most of the rows, and pools the "
        "long tail into one \"other\" column, so X stays narrow (prelim preprocess "
        "--max-categories N does this). Other ways: group categories by meaning (postcode to "
        "region), replace a category by a number computed from it (how often it occurs, or "
        "the mean target in the training rows), hash it into a fixed number of columns, or "
        "learn an embedding. A label that is unique to every row (an ID, a name, a "
        "timestamp) cannot generalise: each category is seen once, so a model can only "
        "memorise it and has nothing to say about a new row. Leave it out of the inputs, "
        "and keep it only to join tables or to trace results back to rows.",
        "归并保留了覆盖大多数行的常见类别，把长尾合成一个 \"other\" 列，于是 X 不会太宽"
        "（prelim preprocess --max-categories N 就是这样做的）。其他做法：按含义把类别分组"
        "（邮编归到地区），用由类别算出的数代替它（出现的频率，或训练数据中该类别目标值的均值），"
        "把它哈希到固定数目的列，或者学习一个嵌入。每行都独有的标签（编号、名字、时间戳）无法"
        "泛化：每个类别只出现一次，模型只能死记它，对新的一行毫无帮助。不要把它放进输入，只在"
        "连接表格或把结果对应回原行时保留它。"),
    checker="preprocess:check_many_categories",
    lesson="prelim preprocess --example house_tiny --max-categories 1",
)


def _folded(values: list, n: int):
    import pandas as pd

    counts = {v: values.count(v) for v in _present(values)}
    kept = sorted(counts, key=lambda v: (-counts[v], v))[:n]
    return pd.Series([v if v is None or v in kept else "other" for v in values], dtype="str")


def _identifiers(columns) -> list[str]:
    return [name for name, kind, values in columns if kind not in NUMBERS
            and len(_present(values)) >= 2 and len(set(_present(values))) == len(_present(values))]


def _listed(names):
    """A pandas Index or numpy array of names stands for the list it holds."""
    return names.tolist() if hasattr(names, "tolist") and not isinstance(names, str) else names


def check_many_categories(t) -> None:
    fold_rare, identifiers = t.function("fold_rare"), t.function("identifiers")

    def case(columns, name, n, generated=None):
        data = _frame(columns)
        column = data[name]
        t.expect(f"fold_rare(data[{name!r}], {n})", lambda: fold_rare(column, n),
                 _folded(_values(columns, name), n), inputs={"values": column},
                 generated=generated)
        t.expect("identifiers(data)", lambda: _listed(identifiers(data)), _identifiers(columns),
                 inputs={"data": data}, generated=generated)

    case(HOUSE_EN, "RoofType", 1)
    for i in range(10):
        r = t.random(i)
        rows = r.randint(2, 12)
        first = "many" if i % 3 == 0 else "text"
        ids = ["id"] if i % 3 == 2 else []  # an identifier column, perhaps with gaps
        columns = _table(r, rows, [first] + _kinds(r, r.randint(1, 4), text=0.6) + ids,
                         missing=0.25)
        n = r.randint(1, 4)
        if i % 3 == 1:  # k values, each as often: the n kept are the first n in sorted order
            k = r.randint(2, 4)
            words = sorted(r.sample(WORDS, k))
            tied = words * r.randint(1, 3)
            r.shuffle(tied)
            tied.remove(words[-1])  # the value that sorts last comes first in the column
            tied.insert(0, words[-1])
            columns = _table(r, len(tied), _kinds(r, r.randint(1, 3)))
            columns.insert(0, ("Exterior", "text", tied))
            n = r.randint(1, k - 1)
        case(columns, columns[0][0], n, generated=i)


# ---------------------------------------------------------------- d2l-en 2.2.5

FILES = Exercise(
    slug="preprocess.npy-and-images",
    section="preprocess",
    numbers={"en": "2.2.5"},
    kind="code",
    title=Text("Beyond pandas: NumPy files and images", "pandas 之外：NumPy 文件和图像"),
    statement=Text(
        "Not every dataset is a table. Write two loaders; prelim writes the files into a "
        "temporary folder and passes you their paths:\n"
        "1. `load_npy(path)` returns the array stored in the NumPy .npy file at `path` as a "
        "torch tensor with the same shape and the same dtype (a float32 array gives "
        "torch.float32, an int64 array torch.int64, a bool array torch.bool).\n"
        "2. `load_image(path)` returns the image at `path` (a PNG) as a torch.uint8 tensor of "
        "shape (height, width, 3): the red, green and blue value of every pixel. Grayscale "
        "and RGBA images are converted to RGB first, as Pillow's convert(\"RGB\") does (a "
        "gray value goes into all three channels; alpha is dropped).\n"
        "Then list in `notes` (not checked) other ways to get data into tensors and when "
        "you would choose each.",
        "并不是每个数据集都是表格。写两个加载函数；prelim 会把文件写到一个临时文件夹，并把路径"
        "传给你：\n"
        "1. `load_npy(path)` 把 `path` 处 NumPy .npy 文件中保存的数组，以形状和 dtype 都相同的 "
        "torch 张量返回（float32 数组得到 torch.float32，int64 数组得到 torch.int64，bool 数组"
        "得到 torch.bool）。\n"
        "2. `load_image(path)` 把 `path` 处的图像（PNG）以形状为 (height, width, 3) 的 "
        "torch.uint8 张量返回：每个像素的红、绿、蓝三个值。灰度图和 RGBA 图要先转成 RGB，与 "
        "Pillow 的 convert(\"RGB\") 一致（灰度值放进全部三个通道，透明通道丢掉）。\n"
        "然后在 `notes` 中列出（不检查）把数据变成张量的其他途径，以及各自适合的场合。"),
    hints=(
        Text("`numpy.load(path)` reads a .npy file back into an array; Pillow's "
             "`Image.open(path)` opens an image.",
             "`numpy.load(path)` 把 .npy 文件读回数组；Pillow 的 `Image.open(path)` 打开图像。"),
        Text("`torch.from_numpy` keeps the array's dtype; torch.tensor(..., dtype=...) with "
             "a dtype of your choosing would change it. `numpy.asarray(image)` gives an "
             "(height, width, channels) uint8 array.",
             "`torch.from_numpy` 保留数组的 dtype；torch.tensor(..., dtype=...) 指定 dtype "
             "则会改变它。`numpy.asarray(image)` 得到 (height, width, channels) 的 uint8 "
             "数组。"),
        Text("`torch.from_numpy(np.load(path))` and "
             "`torch.from_numpy(np.array(Image.open(path).convert(\"RGB\")))`.",
             "`torch.from_numpy(np.load(path))` 和 "
             "`torch.from_numpy(np.array(Image.open(path).convert(\"RGB\")))`。"),
    ),
    stub='''import numpy as np
import torch
from PIL import Image

notes = """
"""  # other ways to get data into tensors, and when you would use each


def load_npy(path):
    """The array in the .npy file at path, as a tensor of the same shape and dtype."""
    ...


def load_image(path):
    """The image at path as a torch.uint8 tensor of shape (height, width, 3)."""
    ...
''',
    solution='''import numpy as np
import torch
from PIL import Image

notes = """
"""


def load_npy(path):
    """The array in the .npy file at path, as a tensor of the same shape and dtype."""
    return torch.from_numpy(np.load(path))


def load_image(path):
    """The image at path as a torch.uint8 tensor of shape (height, width, 3)."""
    with Image.open(path) as image:
        return torch.from_numpy(np.array(image.convert("RGB")))
''',
    answer=Text(
        "A .npy file stores an array's dtype and shape next to its raw bytes, so loading it "
        "needs no parsing and nothing to guess, and from_numpy shares the loaded memory "
        "instead of copying it: the fastest way to keep preprocessed tensors between runs "
        "(np.savez holds several arrays, np.load(..., mmap_mode=\"r\") reads a file larger "
        "than memory piece by piece; torch.save does the same for tensors). Images are "
        "decoded by Pillow into height × width × channels bytes; models usually want "
        "float channels first, which is a permute and a division by 255 later. Other "
        "routes: Parquet or Arrow files (typed columns, read fast; pyarrow, polars), HDF5 "
        "(h5py) for large arrays, SQL databases for data spread over tables, and "
        "torchvision/torchaudio for images, sound and video.",
        ".npy 文件在原始字节旁边记下了数组的 dtype 和形状，所以读取时不需要解析、也不用猜，"
        "from_numpy 还直接共用读入的内存而不复制：这是在多次运行之间保存预处理好的张量最快的"
        "方式（np.savez 可以存多个数组，np.load(..., mmap_mode=\"r\") 可以逐块读取比内存还大的"
        "文件；torch.save 对张量做同样的事）。图像由 Pillow 解码成 高 × 宽 × 通道 的字节；模型"
        "通常要通道在前的浮点数，之后再做一次 permute 并除以 255 即可。其他途径：Parquet 或 "
        "Arrow 文件（列有类型，读得快；pyarrow、polars），大数组用 HDF5（h5py），分散在多张表里"
        "的数据用 SQL 数据库，图像、声音和视频用 torchvision/torchaudio。"),
    checker="preprocess:check_files",
    lesson="prelim preprocess --example house_tiny --out X.npy",
)

ARRAYS = ("float32", "float64", "int64", "int32", "uint8", "bool", "int16")


def check_files(t) -> None:
    import tempfile
    from pathlib import Path

    import numpy as np
    import torch
    from PIL import Image

    load_npy, load_image = t.function("load_npy"), t.function("load_image")
    with tempfile.TemporaryDirectory(prefix="prelim-files-") as folder:
        def npy(name, tensor, generated=None):
            path = str(Path(folder, name))
            np.save(path, tensor.numpy())
            t.expect(f"load_npy({name!r})", lambda: load_npy(path), tensor.clone(),
                     inputs={"array": tensor}, generated=generated)

        def image(name, pixels, generated=None):
            path = str(Path(folder, name))
            Image.fromarray(pixels.numpy()).save(path)
            rgb = pixels.unsqueeze(-1).expand(*pixels.shape, 3) if pixels.dim() == 2 \
                else pixels[..., :3]
            t.expect(f"load_image({name!r})", lambda: load_image(path), rgb.contiguous(),
                     inputs={"pixels": pixels}, generated=generated)

        # d2l-en's X (NumRooms, RoofType_Slate, RoofType_nan), float64 as the book makes it
        npy("X.npy", torch.tensor([[3.0, 0, 1], [2, 0, 1], [4, 1, 0], [3, 0, 1]],
                                  dtype=torch.float64))
        for i in range(12):
            r, g = t.random(i), t.rng(i)
            shape = r.choice(((), (0, 3), (r.randint(1, 6),),
                              tuple(r.randint(1, 4) for _ in range(r.randint(2, 3)))))
            dtype = getattr(torch, ARRAYS[i % len(ARRAYS)])
            values = torch.randint(-50, 50, shape, generator=g)
            tensor = (values > 0) if dtype == torch.bool else \
                (values.abs() if dtype == torch.uint8 else values).to(dtype)
            if dtype.is_floating_point:
                tensor = tensor / 4
            npy(f"case{i}.npy", tensor, generated=i)
            channels = (None, 3, 4)[i % 3]  # grayscale, RGB, RGBA
            size = (r.randint(1, 6), r.randint(1, 6)) + ((channels,) if channels else ())
            image(f"case{i}.png", torch.randint(0, 256, size, generator=g, dtype=torch.uint8),
                  generated=i)


EXERCISES = [DROP_MOST_MISSING, TO_TENSORS, PROFILE, BY_NAME, SIZES, MANY_CATEGORIES, FILES]
