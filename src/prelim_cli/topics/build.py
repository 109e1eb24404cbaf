"""Tensors from what the user typed, with the PyTorch code that makes them."""

from __future__ import annotations

import torch

from prelim_cli.core.demo import PrelimError
from prelim_cli.parse.literal import literal_code, parse_literal
from prelim_cli.parse.size import check_size


def torch_dtype(name: str) -> torch.dtype:
    return getattr(torch, name)


def literal_tensor(text: str, dtype: str | None = None) -> tuple[torch.Tensor, str]:
    """``"[[1, 2], [3, 4]]"`` -> the tensor and ``torch.tensor([[1, 2], [3, 4]])``."""
    lit = parse_literal(text)
    dtype_code = f", dtype=torch.{dtype}" if dtype else ""
    try:
        tensor = torch.tensor(lit.data, dtype=torch_dtype(dtype) if dtype else None)
    except (RuntimeError, OverflowError, ValueError) as err:  # e.g. 10**20 fits no int64
        raise PrelimError("build.literal_dtype" if dtype else "build.literal_tensor",
                          dtype=dtype, text=text, err=err) from None
    return tensor, f"torch.tensor({literal_code(lit)}{dtype_code})"


def arange_matrix(shape: tuple[int, ...], dtype: str = "float32") -> tuple[torch.Tensor, str]:
    """The book's way to make example matrices: ``torch.arange(20, dtype=...).reshape(5, 4)``."""
    n = check_size(shape)
    dims = ", ".join(map(str, shape))
    tensor = torch.arange(n, dtype=torch_dtype(dtype)).reshape(shape)
    dtype_code = "" if dtype == "int64" else f", dtype=torch.{dtype}"
    return tensor, f"torch.arange({n}{dtype_code}).reshape({dims})"


