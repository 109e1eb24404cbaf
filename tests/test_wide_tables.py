"""Tables wider than the screen never cut a header or a number to "…": a frame wraps into
column blocks as pandas prints it (each block within COLUMNS, the index in every block);
in a pipe or a file without COLUMNS, one block at its natural width."""

import io

import pandas as pd
import pytest
import torch
from rich.cells import cell_len

from conftest import prelim

# Chinese column names are two cells wide each character
ZH_CSV = ("房间数,街道类型,城市名称,价格\n3,铺装路面,北京市朝阳区,127500\n"
          ",碎石小路,上海市浦东新区,106000\n4,,广州市天河区,178100\n")


def one_hot_columns() -> list[str]:
    """The columns of the book's one-hot step on ZH_CSV, from pandas itself."""
    inputs = pd.read_csv(io.StringIO(ZH_CSV)).iloc[:, :-1]
    inputs = inputs.fillna(inputs.mean(numeric_only=True))
    return list(pd.get_dummies(inputs, dummy_na=True).columns)


def the_step(out: str, title: str) -> list[str]:
    """The lines of one numbered step of a table rendering."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if title in line)
    end = next((i for i in range(start + 1, len(lines)) if lines[i][:1].isdigit()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("columns", [40, 50, 72, 200])
def test_a_wide_frame_wraps_into_blocks_that_fit_columns(columns):
    result = prelim("preprocess", "-", input=ZH_CSV, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    step = the_step(result.stdout, "One-hot encode")
    assert [line for line in step if cell_len(line) > columns] == []
    table = [line for line in step if line.startswith("    ")]
    assert "…" not in "\n".join(table)
    shown = " ".join(table).split()
    names = one_hot_columns()
    assert [w for w in shown if w in names] == names  # every header whole, in order
    # the index starts each block's rows: 0, 1, 2 once per block
    rows = [line.split()[0] for line in table if line.split()[:1] in (["0"], ["1"], ["2"])]
    blocks = rows.count("0")
    assert rows == ["0", "1", "2"] * blocks
    assert (blocks > 1) == (columns < 200)  # 200 columns hold the whole frame


def test_in_a_pipe_without_columns_a_frame_takes_its_natural_width(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)  # another test's shell may have set it
    result = prelim("preprocess", "-", input=ZH_CSV)
    step = the_step(result.stdout, "One-hot encode")
    header = next(line for line in step if "房间数" in line)
    assert header.split() == one_hot_columns()  # one block: every header on one line
    assert cell_len(header) > 80
    explanation = [line for line in step if line.startswith("   Each")]
    assert cell_len(explanation[0]) <= 80  # prose still wraps at 80


@pytest.mark.parametrize("columns", [30, 40, 60])
def test_a_long_number_is_never_cut(columns):
    values = "[123456789012345678, 2, 3, 4, 5, 6]"
    result = prelim("tensor", "new", values, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.stderr
    first = str(torch.tensor([123456789012345678, 2, 3, 4, 5, 6])[0].item())
    assert f"│ {first} │" in result.stdout  # whole, even where the grid is wider than COLUMNS
    numbers = [w for line in result.stdout.splitlines() if line.startswith("   │")
               for w in line.strip("│ ").split(" │ ")]
    assert all(w == "…" or w.isdigit() for w in numbers)  # hidden columns, no cut number
