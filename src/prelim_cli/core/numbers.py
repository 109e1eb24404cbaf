"""Numbers as PyTorch prints them: one style for all the elements of a tensor.

The table renderer and the figures both show tensors cell by cell; they share this
formatter so a cell reads as it does in the tensor's own repr.
"""

from __future__ import annotations

import math
from typing import Any


def format_numbers(flat: list[Any]) -> list[str]:
    """Element strings in one style per tensor, like PyTorch's printer: 3. / 1.5000 / 1.0e+05."""
    if all(isinstance(v, bool) for v in flat):
        return [str(v) for v in flat]
    if all(isinstance(v, int) for v in flat):
        return [str(v) for v in flat]
    finite = [abs(v) for v in flat if math.isfinite(v)]
    if all(float(v).is_integer() for v in finite) and (not finite or max(finite) < 1e8):
        return [f"{v:.0f}." if math.isfinite(v) else str(v) for v in flat]
    nonzero = [v for v in finite if v]
    sci = nonzero and (max(nonzero) / min(nonzero) > 1000 or max(nonzero) > 1e8
                       or min(nonzero) < 1e-4)
    return [(f"{v:.4e}" if sci else f"{v:.4f}") if math.isfinite(v) else str(v) for v in flat]
