"""Numbers as PyTorch prints them: one style for all the elements of a tensor.

The table renderer and the figures both show tensors cell by cell; they share this
formatter so a cell reads as it does in the tensor's own repr. The rule is torch's own
(``torch._tensor_str._Formatter``, default print options), and tests/test_numbers.py
checks it against ``repr(tensor)`` over dtypes, shapes and magnitudes.
"""

from __future__ import annotations

import math
from typing import Any

PRECISION = 4  # torch.set_printoptions' default


def format_numbers(flat: list[Any]) -> list[str]:
    """Element strings in one style per tensor, like PyTorch's printer: 3. / 1.5000 / 1.0000e+05.

    ``flat`` is a tensor's elements as ``tolist()`` gives them: bools and ints print as
    Python prints them; floats take one of three styles, chosen from the nonzero finite
    elements only (zeros, nan and inf follow the others). The style is scientific when the
    largest magnitude is over 1000 times the smallest or above 1e8 - or, unless every
    element is a whole number, when the smallest is below 1e-4. Otherwise whole numbers
    print as ``3.`` and the rest with four decimals.
    """
    if all(isinstance(v, (bool, int)) for v in flat):
        return [str(v) for v in flat]
    chosen = [abs(v) for v in flat if math.isfinite(v) and v != 0]
    whole = all(v.is_integer() for v in chosen)
    if chosen:
        largest, smallest = max(chosen), min(chosen)
        scientific = (largest / smallest > 1000 or largest > 1e8
                      or (not whole and smallest < 1e-4))
    else:
        scientific = False
    if scientific:
        return [f"{v:.{PRECISION}e}" for v in flat]  # nan, inf, -inf as Python spells them
    if whole:
        return [f"{v:.0f}." if math.isfinite(v) else f"{v:.0f}" for v in flat]
    return [f"{v:.{PRECISION}f}" for v in flat]
