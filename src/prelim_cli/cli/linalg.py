"""prelim linalg: the demos of §2.3 (linear algebra)."""

from enum import Enum
from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app, new_group
from prelim_cli.cli.options import svg_option
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import UsageError

linalg_app = new_group("§2.3 Linear algebra: scalars, vectors, matrices, reductions, products "
                       "and norms.")
app.add_typer(linalg_app, name="linalg")


class Ord(str, Enum):
    two = "2"
    one = "1"
    fro = "fro"
    inf = "inf"


ShapeOpt = Annotated[Optional[str], typer.Option(
    "--shape", metavar="SHAPE", help="Build the tensor as the book does instead: "
    "torch.arange(n, dtype=torch.float32).reshape(SHAPE). SHAPE is sizes separated by commas: "
    "4 (a vector), 5,4 (a matrix), 2,3,4 (more axes); a command that needs a vector or a "
    "matrix refuses the others with an error that says so.", show_default=False)]
AxisOpt = Annotated[Optional[str], typer.Option(
    "--axis", metavar="AXES",
    help="Only this axis, or several: 0, 1, -1, 0,1 (default: each, then all).",
    show_default=False)]
MeanAxisOpt = Annotated[Optional[str], typer.Option(
    "--axis", metavar="AXES",
    help="Along this axis, or several: 0, 1, -1, 0,1 (default: all, then 0).",
    show_default=False)]
OrdOpt = Annotated[Optional[Ord], typer.Option(
    "--ord", help="Only this norm: 2 (L2), 1 (L1), inf (largest entry, or largest row sum of a "
    "matrix), fro (Frobenius) (default: the book's).", show_default=False)]
Scalar = Annotated[Optional[str], typer.Argument(
    help="A plain number such as 3.0 (default: the book's).", show_default=False)]


def _literal(name: str, example: str) -> object:
    """An optional tensor literal, shown under its name in the book (A, B, x, y)."""
    return Annotated[Optional[str], typer.Argument(
        metavar=name, show_default=False,
        help=f'{name} as a literal such as "{example}" (default: the book\'s).')]


A, B = (_literal(name, "[[1.0, 2], [3, 4]]") for name in "AB")
X, Y = (_literal(name, "[3.0, -4.0]") for name in "xy")


def _one_source(literal: Optional[str], shape: Optional[str], name: str = "A") -> None:
    """A literal and --shape both describe the same operand: that is a usage mistake."""
    if literal is not None and shape is not None:
        raise typer.BadParameter(f"give {name} as a literal or as --shape, not both",
                                 param_hint="'--shape'")


def _after_shape(first: Optional[str], second: Optional[str], shape: Optional[str],
                 names: str) -> tuple[Optional[str], Optional[str]]:
    """With --shape building the first operand, a lone literal is the second one:
    ``prelim linalg mm --shape 5,4 "[[1.0], [2], [3], [4]]"``."""
    if shape is None or first is None:
        return first, second
    if second is not None:
        raise typer.BadParameter(f"--shape builds {names[0]}, so give only {names[1]} as a "
                                 "literal", param_hint="'--shape'")
    return None, first


@demo_command(linalg_app, "scalar")
def linalg_scalar(x: Scalar = None, y: Scalar = None):
    """x + y, x * y, x / y, x**y for two scalars.  Example: prelim linalg scalar 3.0 2.0"""
    from prelim_cli.topics.linalg import basics as linalg

    return linalg.scalar(x, y)


@demo_command(linalg_app, "vector")
def linalg_vector(x: X = None, shape: ShapeOpt = None):
    """A vector, an element, its length and shape.  Example: prelim linalg vector "[1, 2, 3]" """
    from prelim_cli.topics.linalg import basics as linalg

    _one_source(x, shape, "x")
    return linalg.vector(x, shape)


@demo_command(linalg_app, "matrix")
def linalg_matrix(a: A = None, shape: ShapeOpt = None):
    """A matrix and its transpose A.T.  Example: prelim linalg matrix --shape 2,3"""
    from prelim_cli.topics.linalg import basics as linalg

    _one_source(a, shape)
    return linalg.matrix(a, shape)


@demo_command(linalg_app, "symmetric")
def linalg_symmetric(b: B = None, shape: ShapeOpt = None):
    """Whether B equals its transpose B.T (a symmetric matrix).

    Example: prelim linalg symmetric "[[1, 2], [3, 1]]"
    """
    from prelim_cli.topics.linalg import basics as linalg

    _one_source(b, shape, "B")
    return linalg.symmetric(b, shape)


@demo_command(linalg_app, "tensor")
def linalg_tensor(shape: Annotated[Optional[str], typer.Option(
        "--shape", metavar="SHAPE", help="Build torch.arange(...).reshape(SHAPE) instead, "
        "e.g. --shape 2,3,4 (the book's) or 4,2,2,3.", show_default=False)] = None):
    """A tensor with more axes than a matrix.  Example: prelim linalg tensor --shape 2,2,3"""
    from prelim_cli.topics.linalg import basics as linalg

    return linalg.tensor(shape)


@demo_command(linalg_app, "elementwise")
def linalg_elementwise(a: A = None, shape: ShapeOpt = None):
    """A + B, the Hadamard product A * B, and a scalar with a tensor.

    Example: prelim linalg elementwise
    """
    from prelim_cli.topics.linalg import basics as linalg

    _one_source(a, shape)
    return linalg.elementwise(a, shape)


@demo_command(linalg_app, "sum")
def linalg_sum(a: A = None, shape: ShapeOpt = None, axis: AxisOpt = None,
               keepdims: Annotated[bool, typer.Option(
                   "--keepdims", help="Keep the summed axes, with length 1.")] = False,
               svg: svg_option("Draw which cells fold into which, for the sum --axis asks "
                               "for, to this SVG file.") = None,
               language=None):
    """Sum all elements, or along axes.  Example: prelim linalg sum --axis 0 --keepdims"""
    from prelim_cli.topics.linalg import reduce as linalg_reduce

    _one_source(a, shape)
    if svg is not None and axis is None:
        raise UsageError("cli.linalg.sum_svg_axis")
    return linalg_reduce.total(a, shape, axis, keepdims, svg, language)


@demo_command(linalg_app, "mean")
def linalg_mean(a: A = None, shape: ShapeOpt = None, axis: MeanAxisOpt = None):
    """The mean, as the sum divided by the count.  Example: prelim linalg mean --axis 1"""
    from prelim_cli.topics.linalg import reduce as linalg_reduce

    _one_source(a, shape)
    return linalg_reduce.mean(a, shape, axis)


@demo_command(linalg_app, "keepdims")
def linalg_keepdims(a: A = None, shape: ShapeOpt = None):
    """A / A.sum(axis=1, keepdims=True), and why A / A.sum(axis=1) fails.

    Example: prelim linalg keepdims
    """
    from prelim_cli.topics.linalg import reduce as linalg_reduce

    _one_source(a, shape)
    return linalg_reduce.keepdims(a, shape)


@demo_command(linalg_app, "cumsum")
def linalg_cumsum(a: A = None, shape: ShapeOpt = None,
                  axis: Annotated[int, typer.Option(help="The axis to accumulate along.")] = 0,
                  ):
    """Cumulative sums along an axis.  Example: prelim linalg cumsum --axis 1"""
    from prelim_cli.topics.linalg import reduce as linalg_reduce

    _one_source(a, shape)
    return linalg_reduce.cumsum(a, shape, axis)


@demo_command(linalg_app, "dot")
def linalg_dot(x: X = None, y: Y = None, shape: ShapeOpt = None):
    """The dot product torch.dot(x, y), and as torch.sum(x * y).

    Example: prelim linalg dot "[1.0, 2, 3]" "[4.0, 5, 6]"
    """
    from prelim_cli.topics.linalg import products as linalg_products

    x, y = _after_shape(x, y, shape, "xy")
    return linalg_products.dot(x, y, shape)


@demo_command(linalg_app, "mv")
def linalg_mv(a: A = None, x: X = None, shape: ShapeOpt = None):
    """The matrix-vector product torch.mv(A, x).  Example: prelim linalg mv --shape 3,4"""
    from prelim_cli.topics.linalg import products as linalg_products

    a, x = _after_shape(a, x, shape, "Ax")
    return linalg_products.mv(a, x, shape)


@demo_command(linalg_app, "mm")
def linalg_mm(a: A = None, b: B = None, shape: ShapeOpt = None):
    """The matrix product torch.mm(A, B) and A @ B.  Example: prelim linalg mm --shape 2,4"""
    from prelim_cli.topics.linalg import products as linalg_products

    a, b = _after_shape(a, b, shape, "AB")
    return linalg_products.mm(a, b, shape)


@demo_command(linalg_app, "norm")
def linalg_norm(x: X = None, shape: ShapeOpt = None, ord: OrdOpt = None):
    """Norms the book's way (torch.norm) and the current way (torch.linalg).

    Example: prelim linalg norm "[3.0, -4.0]" --ord 1
    """
    from prelim_cli.topics.linalg import products as linalg_products

    _one_source(x, shape, "x")
    return linalg_products.norm(x, shape, ord.value if ord else None)


@demo_command(linalg_app, "cost")
def linalg_cost(
    a: Annotated[str, typer.Argument(help="Shape of A: M,N.")] = "1024,65536",
    b: Annotated[str, typer.Argument(help="Shape of B: N,P.")] = "65536,32",
    c: Annotated[str, typer.Argument(help="Shape of C: P,Q.")] = "32,16384",
):
    """Flops and memory of (AB)C versus A(BC), from the shapes alone (nothing is allocated).

    Example: prelim linalg cost 5,4 4,3 3,2   (default: the English edition's exercise)
    """
    from prelim_cli.topics.linalg import products as linalg_products

    return linalg_products.cost(a, b, c)
