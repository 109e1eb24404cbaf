"""What both drivers of ``prelim preprocess`` report: how much of a table is shown, and
the top-level JSON fields.

A leaf module (it imports nothing from the package), so the whole-file driver,
``--stream`` and the formats' read-back all show a long table the same way without
importing one another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prelim_cli.topics.preprocess.pipeline import Plan
    from prelim_cli.topics.preprocess.stats import Stats

FULL_ROWS = 20  # frames and tensors up to this many rows are shown whole
PREVIEW_ROWS = 10  # larger ones as their first rows: data.head(10), X[:10]


def preview(frame):
    return frame if len(frame) <= FULL_ROWS else frame[:PREVIEW_ROWS]


def head(name: str, rows: int, tensor: bool = False) -> str:
    if rows <= FULL_ROWS:
        return name
    return f"{name}[:{PREVIEW_ROWS}]" if tensor else f"{name}.head({PREVIEW_ROWS})"


def result_fields(plan: Plan, x_shape, x_dtype: str, stats: Stats, truncated: bool) -> dict:
    """Top-level JSON fields: what a script needs without reading the steps. After a filter
    the counts say both, read and kept; ``rows`` stays for the scripts that read it."""
    fields = {"rows": stats.rows, "rows_read": stats.rows, "rows_kept": plan.rows,
              "columns": plan.columns,
              "target": plan.layout.target,
              "X_shape": list(x_shape), "X_dtype": x_dtype,
              "y_shape": [plan.rows] if plan.layout.target is not None else None,
              "fill_values": plan.fill, "dropped_column": plan.layout.dropped,
              "stream": False, "passes": 1}  # --stream overrides both
    if truncated:
        fields["preview_rows"] = PREVIEW_ROWS
    return fields
