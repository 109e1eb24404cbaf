"""§2.5 Automatic differentiation (自动微分): the book's demos, run for real, with the
backward graph PyTorch built for them."""

from __future__ import annotations

import random
from pathlib import Path

import torch

from prelim_cli.core.attempt import attempt
from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.core.values import Printed
from prelim_cli.expr import Expr
from prelim_cli.expr.code import Piece
from prelim_cli.parse.seed import check_seed
from prelim_cli.topics.autograd import maths as am
from prelim_cli.topics.autograd.book import BOOK_F
from prelim_cli.topics.autograd.graph import (
    SHOW_CODE,
    Drawing,
    Graph,
    op_name,
    show_lines,
    trace,
)
from prelim_cli.topics.autograd.inputs import (
    check_a,
    function_of_x,
    parse_points,
    plot_span,
    x_code,
)

BOOK_EXPR, BOOK_X = "2*dot(x, x)", "0,1,2,3"
PLOT_POINTS, PLOT_EVERY = 201, 50


def add_graph(demo: Demo, key: str, root, root_code: str, leaves: dict[str, torch.Tensor],
              target: str | None, title: str, drawing: Drawing = Drawing(),
              constants: tuple[str, ...] = ()) -> Graph:
    """The graph step (printed as the learner's ``show`` prints it), the graph in JSON,
    and its drawing when ``target`` names a file for it."""
    from prelim_cli.topics.autograd.figure import graph_writer

    graph = trace(root, leaves, constants)
    demo.extra["graph"] = graph.as_json()
    if target is not None:
        demo.produce(target, "graph", graph_writer(graph, Path(target).suffix, title,
                                                   root_code, drawing))
    demo.add(key, SHOW_CODE.format(root=root_code), Printed("\n".join(show_lines(root))),
             root=root_code, drawn=f" → {target}" if target else "")
    return graph


# ---------------------------------------------------------------- grad

def gradient(expression: str | None = None, points: str | None = None,
             graph_path: str | None = None, drawing: Drawing = Drawing()) -> Demo:
    """The gradient of y = f(x) by backward(), checked by finite differences."""
    f = function_of_x(expression if expression is not None else BOOK_EXPR)
    values = parse_points(points if points is not None else BOOK_X)

    demo = Demo("autograd grad")
    x = demo.add("autograd.x", f"x = {x_code(values)}\nx", torch.tensor(values))
    demo.add("autograd.requires_grad", "x.requires_grad_(True)", x.requires_grad_(True))
    demo.add("autograd.grad_none", "x.grad", x.grad)
    code = f.torch_code(x.dtype)
    pieces: list[Piece] = []
    y = f.evaluate({"x": x}, pieces)
    if y.grad_fn is None:  # "x" or "+x": y is the leaf x itself, no operation recorded
        raise PrelimError("autograd.lessons.gradient", source=f.source)
    demo.add("autograd.forward", f"y = {code}\ny", y, expr=code, grad_fn=op_name(y.grad_fn))

    if y.numel() == 1:
        y.backward()
        demo.add("autograd.backward", "y.backward()\nx.grad", x.grad)
        root, root_code = y.grad_fn, "y.grad_fn"
    else:
        demo.add("autograd.nonscalar", "y.backward()", attempt(y.backward), n=y.numel())
        total = y.sum()
        total.backward()
        demo.add("autograd.sum_backward", "y.sum().backward()\nx.grad", x.grad)
        root, root_code = total.grad_fn, "y.sum().grad_fn"
    problem = am.not_finite(f.source, x, pieces)
    if problem:
        raise demo.fail(problem)  # the steps show the inf or nan; the error says where and why
    add_graph(demo, "autograd.graph", root, root_code, {"x": x}, graph_path, f"y = {code}",
              drawing)

    if y.numel() > 1:
        demo.add("autograd.zero", "x.grad.zero_()", x.grad.zero_())
        y = f(x=x)
        y.backward(gradient=torch.ones(len(y)))
        demo.add("autograd.ones_backward",
                 f"y = {code}\ny.backward(gradient=torch.ones(len(y)))\nx.grad", x.grad)
    if code == "2 * torch.dot(x, x)":
        demo.add("autograd.book_check", "x.grad == 4 * x", x.grad == 4 * x)
    _check_by_finite_differences(demo, f, x, scalar=y.dim() == 0)
    return demo


def _check_by_finite_differences(demo: Demo, f: Expr, x: torch.Tensor, scalar: bool) -> None:
    fd, noise = am.finite_differences(f, x, scalar)
    demo.add("autograd.fd", am.fd_code(f, scalar, len(x)), fd)
    gap = (x.grad - fd).abs()
    largest = gap.max()
    demo.headline(grad=x.grad, max_difference=largest.item())
    off = [i for i in range(len(x)) if not am.agree(x.grad[i].item(), fd[i].item())]
    if not off:
        demo.add("autograd.fd_max", "(x.grad - fd).abs().max()", largest,
                 diff=f"{largest.item():.1e}")
        return
    # A gap within the rounding noise says nothing about f; a larger one (or a nan
    # quotient, at the edge of f's domain) is a kink.
    kinks = [i for i in off if not gap[i] <= noise[i]]
    i = (kinks or off)[0]
    shown = {"i": i, "xi": f"{x[i].item():g}", "grad": f"{x.grad[i].item():.4g}"}
    if kinks:
        demo.add("autograd.fd_kink", "(x.grad - fd).abs().max()", largest, **shown,
                 fd=f"{fd[i].item():.4g}")
    else:
        demo.add("autograd.fd_noise", "(x.grad - fd).abs().max()", largest, **shown,
                 noise=f"{noise[i].item():.1g}")


# ---------------------------------------------------------------- accumulate, detach

def accumulate() -> Demo:
    """Gradients add up across backward() calls until zeroed; a graph runs backward once."""
    demo = Demo("autograd accumulate")
    x = demo.add("autograd.x_requires", "x = torch.arange(4.0, requires_grad=True)\nx",
                 torch.arange(4.0, requires_grad=True))
    for key in ("autograd.acc_first", "autograd.acc_second"):
        x.sum().backward()
        demo.add(key, "y = x.sum()\ny.backward()\nx.grad", x.grad)
    demo.add("autograd.zero", "x.grad.zero_()", x.grad.zero_())
    x.sum().backward()
    demo.add("autograd.acc_zeroed", "y = x.sum()\ny.backward()\nx.grad", x.grad)

    demo.add("autograd.zero", "x.grad.zero_()", x.grad.zero_())
    y = 2 * torch.dot(x, x)
    y.backward()
    demo.add("autograd.dot_backward", "y = 2 * torch.dot(x, x)\ny.backward()\nx.grad", x.grad)
    refused = demo.add("autograd.second_backward", "y.backward()", attempt(y.backward))
    demo.add("autograd.zero", "x.grad.zero_()", x.grad.zero_())
    y = 2 * torch.dot(x, x)
    y.backward(retain_graph=True)
    y.backward()
    demo.add("autograd.retain", "y = 2 * torch.dot(x, x)\ny.backward(retain_graph=True)\n"
             "y.backward()\nx.grad", x.grad)
    demo.headline(grad=x.grad, second_backward_error=refused)
    return demo


def detach(graph_path: str | None = None, drawing: Drawing = Drawing()) -> Demo:
    """The book's u = y.detach(): a constant with y's values, cut out of the graph."""
    demo = Demo("autograd detach")
    x = demo.add("autograd.x_requires", "x = torch.arange(4.0, requires_grad=True)\nx",
                 torch.arange(4.0, requires_grad=True))
    y = x * x
    u = demo.add("autograd.detach", "y = x * x\nu = y.detach()\nu", y.detach())
    z = demo.add("autograd.detach_z", "z = u * x\nz", u * x)
    total = z.sum()
    total.backward()
    demo.add("autograd.detach_backward", "z.sum().backward()\nx.grad", x.grad)
    add_graph(demo, "autograd.detach_graph", total.grad_fn, "z.sum().grad_fn", {"x": x},
              graph_path, "z = u * x, u = y.detach()", drawing, constants=("u",))
    demo.add("autograd.detach_check", "x.grad == u", x.grad == u)
    demo.headline(grad=x.grad)
    demo.add("autograd.zero", "x.grad.zero_()", x.grad.zero_())
    y.sum().backward()
    demo.add("autograd.detach_y", "y.sum().backward()\nx.grad", x.grad)
    demo.add("autograd.check_2x", "x.grad == 2 * x", x.grad == 2 * x)
    return demo


# ---------------------------------------------------------------- control flow

def traced_f(a: torch.Tensor) -> tuple[torch.Tensor, int, str]:
    """The book's f (BOOK_F), counting the loop's doublings and naming the branch taken."""
    b = a * 2
    doublings = 0
    while b.norm() < 1000:
        b = b * 2
        doublings += 1
    if b.sum() > 0:
        return b, doublings, "if"
    return 100 * b, doublings, "else"


def control_flow(seed: int | None = None, a: float | None = None,
                 graph_path: str | None = None, drawing: Drawing = Drawing()) -> Demo:
    """f(a) with a while loop and an if: autograd follows the path this a took."""
    if seed is not None and a is not None:
        raise PrelimError("autograd.lessons.control_flow")
    check_seed(seed)
    check_a(a)

    demo = Demo("autograd control-flow")
    demo.add("autograd.cf_def", BOOK_F)
    if a is None:
        seed = seed if seed is not None else random.SystemRandom().randrange(10_000)
        demo.extra["seed"] = seed
        # the ; hides the generator a notebook would display, as prelim does
        demo.add("autograd.seed", f"torch.manual_seed({seed});", seed=seed)
        torch.manual_seed(seed)
        a_t = demo.add("autograd.cf_randn", "a = torch.randn(size=(), requires_grad=True)\na",
                       torch.randn(size=(), requires_grad=True))
    else:
        a_t = demo.add("autograd.cf_a", f"a = torch.tensor({a!r}, requires_grad=True)\na",
                       torch.tensor(a, requires_grad=True))
    d, doublings, branch = traced_f(a_t)
    if not torch.isfinite(d):
        raise PrelimError("autograd.lessons.control_flow_2", a=a, item=d.item())
    # For this path d = k * a: k doublings of 2a, times 100 in the else branch.
    k = 2 ** (doublings + 1) * (100 if branch == "else" else 1)
    demo.extra.update(iterations=doublings, branch=branch)
    demo.add("autograd.cf_run_if" if branch == "if" else "autograd.cf_run_else", "d = f(a)\nd", d,
             n=doublings)
    d.backward()
    demo.add("autograd.cf_backward", "d.backward()\na.grad", a_t.grad, k=k)
    demo.headline(grad=a_t.grad)
    add_graph(demo, "autograd.cf_graph", d.grad_fn, "d.grad_fn", {"a": a_t}, graph_path,
              f"d = f(a), a = {a_t.item():.4g}", drawing)
    same = demo.add("autograd.cf_check", "a.grad == d / a", a_t.grad == d / a_t, k=k)
    if not same:  # 100 * b was rounded to float32, so d / a misses k by a last bit
        demo.add("autograd.cf_rounding", "a.grad, d / a", (a_t.grad, d / a_t))
        demo.add("autograd.cf_isclose", "torch.isclose(a.grad, d / a)",
                 torch.isclose(a_t.grad, d / a_t))
    return demo


# ---------------------------------------------------------------- plot

def plot(expression: str | None = None, span: str | None = None,
         svg: str | None = None, lang: str = "en") -> Demo:
    """The chapter's exercise: f and f' where f' comes from autograd, not from calculus."""
    f = function_of_x(expression if expression is not None else "sin(x)")
    mixing = f.reduction()
    if mixing is not None:
        raise PrelimError("autograd.lessons.plot", mixing=mixing[0], mixing2=mixing[1])
    lo, hi = plot_span(span if span is not None else "-6.3:6.3")

    demo = Demo("autograd plot")
    demo.add("autograd.plot_x", f"x = torch.linspace({lo!r}, {hi!r}, {PLOT_POINTS}, "
             "requires_grad=True)", n=PLOT_POINTS)
    x = torch.linspace(lo, hi, PLOT_POINTS, requires_grad=True)
    y = f(x=x)
    code = f.torch_code(x.dtype)
    demo.add("autograd.plot_y", f"y = {code}", expr=code)
    y.sum().backward()
    demo.add("autograd.plot_backward", "y.sum().backward()")
    demo.add("autograd.plot_numpy", "y.numpy()", attempt(y.numpy))
    every = f"[::{PLOT_EVERY}]"
    demo.add("autograd.plot_samples", f"x.detach(){every}, y.detach(){every}, x.grad{every}",
             (x.detach()[::PLOT_EVERY], y.detach()[::PLOT_EVERY], x.grad[::PLOT_EVERY]))
    demo.headline(function=f.source, x=x.detach(), y=y.detach(), grad=x.grad)
    broken = ~(torch.isfinite(y) & torch.isfinite(x.grad))
    if broken.any():
        first = x[broken.nonzero()[0, 0]].item()
        demo.add("autograd.plot_gaps", "(~(torch.isfinite(y) & torch.isfinite(x.grad))).sum()",
                 broken.sum(), first=f"{first:.4g}")
    if svg is not None:
        from prelim_cli.topics.autograd.figure import draw_function

        demo.produce(svg, "figure", draw_function(x.detach().tolist(), y.detach().tolist(),
                                                  x.grad.tolist(), f.source, lang))
        label = repr(f"f(x) = {f.source}")
        demo.add("autograd.plot_svg", "import matplotlib.pyplot as plt\n"
                 f"plt.plot(x.detach(), y.detach(), label={label})\n"
                 "plt.plot(x.detach(), x.grad, '--', label=\"f'(x), by autograd\")\n"
                 f"plt.legend()\nplt.savefig({svg!r})", path=svg)
    return demo
