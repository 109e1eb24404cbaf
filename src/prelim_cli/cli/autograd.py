"""prelim autograd: the demos of §2.5 (automatic differentiation)."""

from typing import Annotated, Optional

import typer

from prelim_cli.cli.app import app, new_group
from prelim_cli.cli.options import Target, svg_option
from prelim_cli.cli.run import demo_command
from prelim_cli.core.errors import UsageError

autograd_app = new_group("§2.5 Automatic differentiation: backward passes you can see, "
                         "with the graph PyTorch built.")
app.add_typer(autograd_app, name="autograd")

Expression = Annotated[Optional[str], typer.Argument(
    help='A function of x (default: the book\'s "2*dot(x, x)"), e.g. "x*x", "sin(x)"; '
         "operators + - * / **, functions sin cos tan exp log sqrt abs tanh sigmoid relu "
         "dot sum mean norm.", show_default=False)]
Elementwise = Annotated[Optional[str], typer.Argument(
    help='A function of x applied point by point (default: "sin(x)"), e.g. "x**3 - x".',
    show_default=False)]
GraphOpt = Annotated[Optional[str], typer.Option(
    "--graph", help="Also draw the backward graph to FILE: .svg (no Graphviz needed) or .dot "
                    "(Graphviz text).", metavar="FILE", show_default=False),
    Target((".svg", ".dot"))]
ExpandOpt = Annotated[bool, typer.Option(
    "--expand", help="In the --graph picture, draw every op of a repeated run (the loop's "
                     "MulBackward0s) instead of one box \"MulBackward0 × 10\".")]


def _drawing(language: str, expand: bool, graph: Optional[str]):
    """How the --graph picture is drawn; --expand without a picture is a mistake."""
    if expand and graph is None:
        raise UsageError("cli.autograd.expand_needs_graph")
    from prelim_cli.topics.autograd.graph import Drawing

    return Drawing(language, expand)


@demo_command(autograd_app, "grad")
def autograd_grad(expression: Expression = None,
                  x: Annotated[Optional[str], typer.Option(
                      "--x", help="The point: values of x, e.g. 0,1,2,3 (the book's).",
                      metavar="VALUES", show_default=False)] = None,
                  graph: GraphOpt = None, expand: ExpandOpt = False, language=None):
    """y = f(x), y.backward(), x.grad; checked by finite differences.

    Example: prelim autograd grad "2*dot(x, x)" --x 0,1,2,3 --graph graph.svg
    """
    from prelim_cli.topics.autograd import lessons as autograd

    return autograd.gradient(expression, x, graph, _drawing(language, expand, graph))


@demo_command(autograd_app, "accumulate")
def autograd_accumulate():
    """Gradients add up until x.grad.zero_(); a graph runs backward once unless retained.

    Example: prelim autograd accumulate
    """
    from prelim_cli.topics.autograd import lessons as autograd

    return autograd.accumulate()


@demo_command(autograd_app, "detach")
def autograd_detach(graph: GraphOpt = None, language=None):
    """u = y.detach() is a constant to autograd: z = u * x gives x.grad == u.

    Example: prelim autograd detach --graph detach.svg
    """
    from prelim_cli.topics.autograd import lessons as autograd

    return autograd.detach(graph, _drawing(language, False, graph))


@demo_command(autograd_app, "control-flow")
def autograd_control_flow(
        seed: Annotated[Optional[int], typer.Option(
            help="Random seed for a (default: a fresh one, shown in the output).",
            show_default=False)] = None,
        a: Annotated[Optional[float], typer.Option(
            "--a", help="Use this a instead of a random one, e.g. --a -0.5.",
            metavar="VALUE", show_default=False)] = None,
        graph: GraphOpt = None, expand: ExpandOpt = False, language=None):
    """The book's f(a) with a while loop and an if: autograd follows the path taken.

    Example: prelim autograd control-flow --seed 0
    """
    from prelim_cli.topics.autograd import lessons as autograd

    return autograd.control_flow(seed, a, graph, _drawing(language, expand, graph))


@demo_command(autograd_app, "plot")
def autograd_plot(expression: Elementwise = None,
                  span: Annotated[Optional[str], typer.Option(
                      "--range", help="Where to plot (default: -6.3:6.3), both ends "
                                      "included; the points are spread evenly, so it takes "
                                      "no step.",
                      metavar="START:END", show_default=False)] = None,
                  svg: svg_option("Draw f and f' to this SVG file.") = None, language=None):
    """f and its derivative f', computed by autograd (the exercise of §2.5).

    Example: prelim autograd plot "sin(x)" --range -6.3:6.3 --svg sin.svg
    """
    from prelim_cli.topics.autograd import lessons as autograd

    return autograd.plot(expression, span, svg, language)
