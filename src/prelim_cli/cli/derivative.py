"""prelim derivative: §2.4 calculus -- the derivative as a limit, by autograd, and the
tangent line, for any function the user types."""

from enum import Enum
from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app
from prelim_cli.cli.options import Target, dtype_choice
from prelim_cli.cli.run import demo_command


class Method(str, Enum):
    forward = "forward"
    central = "central"
    both = "both"


FloatDtype = dtype_choice("FloatDtype", "float64", "float32")


@demo_command(app, "derivative")
def derivative(
    expression: Annotated[str, typer.Argument(
        help="f as a formula: numbers, variables, + - * / **, pi, e, and sin cos tan exp "
             "log sqrt abs tanh sigmoid relu.")] = "3*x**2 - 4*x",
    at: Annotated[Optional[str], typer.Option(
        "--at", metavar="POINT",
        help="The point: a number such as 1 or pi/2, or x1=1,x2=0 for several variables "
             "(default: 1).", show_default=False)] = None,
    h: Annotated[float, typer.Option("--h", help="The first h; each row divides it by 10.")]
        = 0.1,
    steps: Annotated[int, typer.Option("--steps", min=1, max=12, help="Rows of the table.")]
        = 5,
    method: Annotated[Method, typer.Option(
        "--method", help="forward: the book's (f(x+h) - f(x)) / h; central: "
                         "(f(x+h) - f(x-h)) / 2h; both.")] = Method.forward,
    dtype: Annotated[FloatDtype, typer.Option(
        "--dtype", help="float32 shows rounding error take over sooner.")] = FloatDtype.float64,
    plot: Annotated[Optional[str], typer.Option(
        "--plot", metavar="FILE.svg", help="Draw f and its tangent line, as the book does.",
        show_default=False), Target((".svg",))] = None,
    x_range: Annotated[Optional[str], typer.Option(
        "--range", metavar="START:STOP[:STEP]",
        help="x values of the plot (default 0:3, step 0.1: the book's np.arange(0, 3, 0.1)).",
        show_default=False)] = None,
    language=None,
):
    """§2.4 The derivative: numerical limits, autograd, the tangent line.

    Example: prelim derivative "x**3 - 1/x" --at 1 --plot tangent.svg
    """
    from prelim_cli.topics.calculus import derivative as calculus

    return calculus.derivative(expression, calculus.Options(
        at=at, h=h, steps=steps, method=method.value, dtype=dtype.value, plot=plot,
        x_range=x_range, lang=language))
