"""prelim tensor: the demos of §2.1 (data manipulation)."""

from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app, new_group
from prelim_cli.cli.options import (
    DtypeOpt,
    FromOpt,
    Literal,
    Sizes,
    dtype_name,
)
from prelim_cli.cli.run import demo_command

tensor_app = new_group("§2.1 Data manipulation: create, reshape, combine and index tensors.")
app.add_typer(tensor_app, name="tensor")


@demo_command(tensor_app, "arange")
def tensor_arange(n: Annotated[int, typer.Argument(help="Length.")] = 12,
                  dtype: DtypeOpt = None):
    """A row vector 0, 1, ..., n-1, its shape and size.  Example: prelim tensor arange 12"""
    from prelim_cli.topics import tensor

    return tensor.arange(n, dtype_name(dtype))


@demo_command(tensor_app, "reshape")
def tensor_reshape(sizes: Sizes, source: FromOpt = None):
    """Change the shape, keep the elements; one size may be -1.

    Example: prelim tensor reshape 3 4   (or: reshape 3 -1, reshape -1 4)
    """
    from prelim_cli.topics import tensor

    return tensor.reshape(sizes, source)


@demo_command(tensor_app, "zeros")
def tensor_zeros(sizes: Sizes, dtype: DtypeOpt = None):
    """A tensor of zeros.  Example: prelim tensor zeros 2 3 4"""
    from prelim_cli.topics import tensor

    return tensor.filled("zeros", sizes, dtype_name(dtype))


@demo_command(tensor_app, "ones")
def tensor_ones(sizes: Sizes, dtype: DtypeOpt = None):
    """A tensor of ones.  Example: prelim tensor ones 2 3 4"""
    from prelim_cli.topics import tensor

    return tensor.filled("ones", sizes, dtype_name(dtype))


@demo_command(tensor_app, "randn")
def tensor_randn(sizes: Sizes, seed: Annotated[Optional[int], typer.Option(
        help="Random seed (default: a fresh one, shown in the output).",
        show_default=False)] = None):
    """Standard normal random numbers.  Example: prelim tensor randn 3 4 --seed 0"""
    from prelim_cli.topics import tensor

    return tensor.randn(sizes, seed)


@demo_command(tensor_app, "new")
def tensor_new(literal: Annotated[str, typer.Argument(help='e.g. "[[2, 1, 4, 3], [1, 2, 3, 4]]"')],
               dtype: DtypeOpt = None):
    """A tensor from nested lists.  Example: prelim tensor new "[[2, 1, 4, 3], [1, 2, 3, 4]]" """
    from prelim_cli.topics import tensor

    return tensor.new(literal, dtype_name(dtype))


@demo_command(tensor_app, "ops")
def tensor_ops(x: Literal = None, y: Literal = None):
    """x + y, x - y, x * y, x / y, x ** y elementwise.  Example: prelim tensor ops"""
    from prelim_cli.topics import tensor

    return tensor.ops(x, y)


@demo_command(tensor_app, "exp")
def tensor_exp(x: Literal = None):
    """torch.exp elementwise.  Example: prelim tensor exp "[1.0, 2, 4, 8]" """
    from prelim_cli.topics import tensor

    return tensor.exp(x)


@demo_command(tensor_app, "cat")
def tensor_cat(x: Literal = None, y: Literal = None, dim: Annotated[Optional[int], typer.Option(
        help="Only this dimension (default: 0 and 1).", show_default=False)] = None):
    """Concatenate X and Y along rows (dim 0) and columns (dim 1).  Example: prelim tensor cat"""
    from prelim_cli.topics import tensor

    return tensor.cat(x, y, dim)


@demo_command(tensor_app, "compare")
def tensor_compare(x: Literal = None, y: Literal = None):
    """X == Y, X < Y, X > Y elementwise.  Example: prelim tensor compare"""
    from prelim_cli.topics import tensor

    return tensor.compare(x, y)


@demo_command(tensor_app, "sum")
def tensor_sum(x: Literal = None):
    """Sum of all elements.  Example: prelim tensor sum"""
    from prelim_cli.topics import tensor

    return tensor.total(x)


@demo_command(tensor_app, "index")
def tensor_index(exprs: Annotated[Optional[list[str]], typer.Argument(
        help='Index expressions such as "X[1:3, ::2]" (default: X[-1] and X[1:3]).',
        show_default=False)] = None, source: FromOpt = None):
    """Indexing and slicing.  Example: prelim tensor index "X[1:3, ::2]" """
    from prelim_cli.topics import tensor

    return tensor.index(exprs or [], source)


@demo_command(tensor_app, "assign")
def tensor_assign(statements: Annotated[Optional[list[str]], typer.Argument(
        help='Assignments such as "X[1, 2] = 9" (default: X[1, 2] = 9 and X[0:2, :] = 12).',
        show_default=False)] = None, source: FromOpt = None):
    """Write into a tensor by index or slice.  Example: prelim tensor assign "X[0, :] = -1" """
    from prelim_cli.topics import tensor

    return tensor.assign(statements or [], source)


@demo_command(tensor_app, "memory")
def tensor_memory():
    """Which operations allocate new memory, and which work in place."""
    from prelim_cli.topics import tensor

    return tensor.memory()


@demo_command(tensor_app, "convert")
def tensor_convert():
    """Tensors to NumPy and Python numbers, and who shares memory."""
    from prelim_cli.topics import tensor

    return tensor.convert()
