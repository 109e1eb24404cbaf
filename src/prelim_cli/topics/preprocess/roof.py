"""§2.2 as d2l-en prints it: the RoofType houses, one-hot encoded *before* the mean fill.

The cells are those of d2l-en's chapter_preliminaries/pandas.md (PyTorch tab) at commit
23d7a5aecceee57d1292c56e90cce307f183bb0a, run as written. Their order makes them work on
pandas 3 where d2l-zh's page does not: get_dummies turns RoofType into bool columns first,
so ``inputs.mean()`` meets no text column (it averages the bools as 0/1), and
``to_numpy(dtype=float)`` gives torch one float array. The file is kept in memory, as
``--example house_tiny`` keeps d2l-zh's; the code shown writes it, as the book does.
"""

from __future__ import annotations

import io

import pandas as pd
import torch

from prelim_cli.core.demo import Demo
from prelim_cli.core.values import Printed

# d2l-en's house_tiny.csv: rooms, roof type and price of four homes; NA is missing.
HOUSE_TINY_EN = "NumRooms,RoofType,Price\nNA,NA,127500\n2,NA,106000\n4,Slate,178100\nNA,NA,140000"


def page() -> Demo:
    """d2l-en's §2.2: read the CSV, split, get_dummies(dummy_na=True), fillna(mean), tensors."""
    demo = Demo("preprocess")
    demo.add("preprocess.en_write", "data_file = 'house_tiny.csv'\nwith open(data_file, 'w') as "
             f"f:\n    f.write('''{HOUSE_TINY_EN}''')")
    data = pd.read_csv(io.StringIO(HOUSE_TINY_EN))
    demo.add("preprocess.en_read", "data = pd.read_csv(data_file)\nprint(data)",
             Printed(str(data)), rows=len(data), cols=len(data.columns))
    inputs, targets = data.iloc[:, 0:2], data.iloc[:, 2]
    inputs = pd.get_dummies(inputs, dummy_na=True)
    demo.add("preprocess.en_dummies", "inputs, targets = data.iloc[:, 0:2], data.iloc[:, 2]\n"
             "inputs = pd.get_dummies(inputs, dummy_na=True)\nprint(inputs)",
             Printed(str(inputs)), columns=", ".join(inputs.columns[1:]))
    means = inputs.mean()
    inputs = inputs.fillna(means)
    demo.add("preprocess.en_fill", "inputs = inputs.fillna(inputs.mean())\nprint(inputs)",
             Printed(str(inputs)), mean=f"{means['NumRooms']:g}")
    X = torch.tensor(inputs.to_numpy(dtype=float))
    y = torch.tensor(targets.to_numpy(dtype=float))
    demo.add("preprocess.en_tensors", "X = torch.tensor(inputs.to_numpy(dtype=float))\n"
             "y = torch.tensor(targets.to_numpy(dtype=float))\nX, y", (X, y))
    demo.extra.update({"rows": len(data), "rows_read": len(data), "rows_kept": len(X),
                       "columns": list(inputs.columns), "target": targets.name,
                       "X_shape": list(X.shape), "X_dtype": str(X.dtype).removeprefix("torch."),
                       "y_shape": list(y.shape),
                       "fill_values": {"NumRooms": float(means["NumRooms"])},
                       "dropped_column": None, "stream": False, "passes": 1})
    return demo
