"""§2.4 Calculus (微积分): the derivative as a limit, exactly by autograd, and the tangent.

The book defines f(x) = 3x² - 4x, approximates f'(1) by (f(x + h) - f(x)) / h for
h = 0.1, 0.01, ..., 0.00001 and draws f with its tangent line y = 2x - 3. Here f is any
function the user types (compiled by prelim_cli.expr) and runs on torch tensors, so
autograd gives the exact derivative to measure each approximation against.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from prelim_cli.demo import Demo, PrelimError
from prelim_cli.expr import Expr
from prelim_cli.files import check_target
from prelim_cli.topics.calculus_args import (
    Grid,
    line_equation,
    number_text,
    parse_point,
    parse_range,
)
from prelim_cli.topics.calculus_check import one_sided_failure
from prelim_cli.values import Printed, TableValue

BOOK_FUNCTION = "3*x**2 - 4*x"
BOOK_H = 0.1
BOOK_STEPS = 5
MAX_STEPS = 12
METHODS = ("forward", "central", "both")


# The book's numerical limit and the central difference, exactly as their code reads.
def numerical_lim(f, x, h):
    return (f(x + h) - f(x)) / h


def central_lim(f, x, h):
    return (f(x + h) - f(x - h)) / (2 * h)


# method -> (the function, its name, its code)
QUOTIENTS = {
    "forward": (numerical_lim, "numerical_lim",
                "def numerical_lim(f, x, h):\n    return (f(x + h) - f(x)) / h"),
    "central": (central_lim, "central_lim",
                "def central_lim(f, x, h):\n    return (f(x + h) - f(x - h)) / (2 * h)"),
}


@dataclass(frozen=True)
class Setup:
    """The function, the point and the dtype; how the code spells them."""

    expr: Expr
    point: dict[str, float]
    dtype: str

    @property
    def args(self) -> str:
        return ", ".join(self.point)

    @property
    def where(self) -> str:
        return ", ".join(f"{name}={number_text(v)}" for name, v in self.point.items())

    def tensors(self, requires_grad: bool = False) -> dict[str, torch.Tensor]:
        return {name: torch.tensor(v, dtype=getattr(torch, self.dtype),
                                   requires_grad=requires_grad)
                for name, v in self.point.items()}

    def tensors_code(self, requires_grad: bool = False) -> str:
        grad = ", requires_grad=True" if requires_grad else ""
        return "\n".join(f"{name} = torch.tensor({v!r}, dtype=torch.{self.dtype}{grad})"
                         for name, v in self.point.items())

    def along(self, var: str) -> str:
        """f as a function of var alone (the others held fixed), as code."""
        return "f" if len(self.point) == 1 else f"lambda {var}: f({self.args})"

    def call(self, var: str, shift: str = "") -> str:
        """f(x - h), or f(x1, x2 - h) with several variables."""
        return "f(" + ", ".join(name + (shift if name == var else "")
                                for name in self.point) + ")"


def derivative(text: str = BOOK_FUNCTION, at: str | None = None, h: float = BOOK_H,
               steps: int = BOOK_STEPS, method: str = "forward", dtype: str = "float64",
               plot: str | None = None, x_range: str | None = None,
               force: bool = False) -> Demo:
    """The whole §2.4 lesson for one function: everything the user typed is checked
    (and the plot target too) before anything is computed."""
    expr, point = parse_point(text, at)
    grid = _check_options(expr, point, h, steps, method, dtype, plot, x_range, force)
    setup = Setup(expr, point, dtype)
    demo = Demo("derivative", extra={"function": expr.source, "point": dict(point),
                                     "dtype": dtype, "method": method})
    if not _function_at_point(demo, setup):
        return demo
    rows = _numerical_limits(demo, setup, h, steps, method)
    if not _one_sided_check(demo, setup):
        return demo
    exact = _autograd(demo, setup)
    if exact is None:
        return demo
    _error_table(demo, rows, exact, method, several=len(point) > 1)
    if len(point) == 1:
        slope, intercept = _tangent(demo, setup)
        if grid is not None:
            _plot(demo, setup, grid, slope, intercept, plot)
    return demo


def _check_options(expr: Expr, point: dict[str, float], h: float, steps: int, method: str,
                   dtype: str, plot: str | None, x_range: str | None, force: bool) -> Grid:
    if not (math.isfinite(h) and h > 0):
        raise PrelimError(f"--h {h}: h must be a positive number, e.g. 0.1")
    if not 1 <= steps <= MAX_STEPS:
        raise PrelimError(f"--steps {steps}: give 1 to {MAX_STEPS} rows")
    if method not in METHODS:
        raise PrelimError(f"--method {method}: use one of {', '.join(METHODS)}")
    if dtype not in ("float32", "float64"):
        raise PrelimError(f"--dtype {dtype}: derivatives need float32 or float64")
    if plot is None:
        if x_range is not None:
            raise PrelimError(f"--range {x_range} sets the x values of the plot; add "
                              "--plot FILE.svg")
        return None
    if len(point) > 1:
        raise PrelimError(f"--plot draws a function of one variable; {expr.source} has "
                          f"{len(point)} ({', '.join(point)})")
    check_target(plot, force, suffixes=(".svg",), option="--plot")
    return parse_range(x_range)


def _function_at_point(demo: Demo, setup: Setup) -> bool:
    """Steps 1-2: f, and f at the point. False (and the error) when f is not finite there."""
    imports = "import math\n" if "math" in setup.expr.torch_imports() else ""
    demo.add("calculus.f", f"{imports}def f({setup.args}):\n    return "
             f"{setup.expr.torch_code()}", expr=setup.expr.source, args=setup.args)
    value = setup.expr(**setup.tensors())
    if value.dim() != 0:
        raise PrelimError(f"{setup.expr.source} gives a tensor of shape "
                          f"{tuple(value.shape)} at {setup.where}; a derivative needs one number")
    demo.add("calculus.point", f"{setup.tensors_code()}\nf({setup.args})", value,
             where=setup.where, dtype=setup.dtype)
    demo.extra["f"] = value.item()
    if not math.isfinite(value.item()):
        demo.error = (f"f is not defined at {setup.where}: {setup.expr.source} is "
                      f"{value.item()} there; pick a point where it is finite")
        return False
    return True


def _formats(h: float, steps: int) -> tuple[str, str]:
    """The book's .5f while h stays above 0.00001; past it, .5f would print h=0.00000."""
    smallest = h * 0.1 ** (steps - 1)
    return (".5f", ".5f") if smallest >= 0.99999e-5 else ("g", ".10f")


def _numerical_limits(demo: Demo, setup: Setup, h0: float, steps: int,
                      method: str) -> list[dict]:
    """Steps 3-4: the difference quotients for shrinking h, printed as the book prints."""
    shown = ["forward", "central"] if method == "both" else [method]
    for name in shown:
        demo.add(f"calculus.{QUOTIENTS[name][1]}", QUOTIENTS[name][2])
    labels = {"forward": "forward", "central": "central"} if method == "both" else \
        {"forward": "numerical limit", "central": "central difference"}
    h_format, lim_format = _formats(h0, steps)
    rows = []
    for var in setup.point:
        x = setup.tensors()
        f = _along(setup, x, var)
        lines, h = [], h0
        for _ in range(steps):  # the loop of the code below, run for real
            row = {"variable": var, "h": h}
            parts = [f"h={h:{h_format}}"]
            for name in shown:
                value = QUOTIENTS[name][0](f, x[var], h)
                row[name] = value.item()
                parts.append(f"{labels[name]}={value:{lim_format}}")
            rows.append(row)
            lines.append(", ".join(parts))
            h *= 0.1
        fields = ", ".join(f"{labels[name]}={{{QUOTIENTS[name][1]}({setup.along(var)}, "
                           f"{var}, h):{lim_format}}}" for name in shown)
        code = (f"h = {h0!r}\nfor i in range({steps}):\n"
                f"    print(f'h={{h:{h_format}}}, {fields}')\n    h *= 0.1")
        key = "calculus.limits" if len(setup.point) == 1 else "calculus.partial"
        demo.add(key, code, Printed("\n".join(lines)), var=var, dtype=setup.dtype,
                 where=setup.where)
    demo.extra["limits"] = rows
    return rows


def _along(setup: Setup, x: dict[str, torch.Tensor], var: str):
    """f of var alone, the other variables held at the point."""
    return lambda t: setup.expr(**{**x, var: t})


def _one_sided_check(demo: Demo, setup: Setup) -> bool:
    """Where f has a kink or ends, show the quotients from both sides and stop: autograd
    would still print a number there (PyTorch picks 0 for abs at 0), but no derivative
    exists. False (and the error) in that case."""
    for var, x0 in setup.point.items():
        failure = one_sided_failure(_along(setup, _float64(setup.point), var), x0)
        if failure is None:
            continue
        x = setup.tensors()
        f, h = _along(setup, x, var), failure.h
        left = (f(x[var]) - f(x[var] - h)) / h
        right = (f(x[var] + h) - f(x[var])) / h
        code = (f"h = {h!r}\nprint(f'from the left: {{({setup.call(var)} - "
                f"{setup.call(var, ' - h')}) / h:.5f}}, from the right: "
                f"{{({setup.call(var, ' + h')} - {setup.call(var)}) / h:.5f}}')")
        demo.add("calculus.one_sided", code,
                 Printed(f"from the left: {left:.5f}, from the right: {right:.5f}"), var=var)
        demo.extra["one_sided"] = {"variable": var, "h": h, "left": left.item(),
                                   "right": right.item()}
        where = f" in {var}" if len(setup.point) > 1 else ""
        demo.error = f"{setup.expr.source} is not differentiable{where} at {setup.where}: " + \
            failure.reason(var, left.item(), right.item())
        return False
    return True


def _float64(point: dict[str, float]) -> dict[str, torch.Tensor]:
    return {name: torch.tensor(v, dtype=torch.float64) for name, v in point.items()}


def _autograd(demo: Demo, setup: Setup) -> dict[str, float] | None:
    """Step 5: the exact derivative (or gradient) by backpropagation."""
    x = setup.tensors(requires_grad=True)
    y = setup.expr(**x)
    y.backward()
    grads = tuple(x[name].grad for name in setup.point)
    names = ", ".join(f"{name}.grad" for name in setup.point)
    code = f"{setup.tensors_code(requires_grad=True)}\ny = f({setup.args})\ny.backward()\n{names}"
    exact = {name: grad.item() for name, grad in zip(setup.point, grads)}
    text = ", ".join(number_text(v) for v in exact.values())
    if len(setup.point) == 1:
        demo.add("calculus.exact", code, grads[0], var=setup.args, result=text,
                 where=setup.where)
        demo.extra["derivative"] = exact[setup.args]
    else:
        demo.add("calculus.gradient", code, grads, result=f"[{text}]", where=setup.where)
    demo.extra["gradient"] = exact
    bad = {name: v for name, v in exact.items() if not math.isfinite(v)}
    if bad:
        name, v = next(iter(bad.items()))
        what = "derivative" if len(setup.point) == 1 else f"partial derivative in {name}"
        demo.error = (f"the {what} of {setup.expr.source} is not finite at {setup.where} "
                      f"(autograd gives {v}); f has no tangent line there")
        return None
    return exact


def _error_table(demo: Demo, rows: list[dict], exact: dict[str, float], method: str,
                 several: bool) -> None:
    """Step 6: each row against the exact derivative. Cells are text for reading; the
    numbers themselves are in the JSON field "limits"."""
    shown = ["forward", "central"] if method == "both" else [method]
    titles = {"forward": "numerical limit", "central": "central difference"}
    columns = (["variable"] if several else []) + ["h"]
    for name in shown:
        columns += [titles[name], "error" if len(shown) == 1 else f"{name} error"]
    table = []
    for row in rows:
        row["exact"] = exact[row["variable"]]
        cells = ([row["variable"]] if several else []) + [f"{row['h']:g}"]
        for name in shown:
            row[f"{name}_error"] = abs(row[name] - row["exact"])
            cells += [f"{row[name]:.10f}", f"{row[f'{name}_error']:.1e}"]
        table.append(cells)
    grads = ", ".join(f"{var}.grad" for var in exact)
    demo.add("calculus.errors", f"# error = |numerical limit - {grads}| for each h",
             TableValue(columns, table))


def _tangent(demo: Demo, setup: Setup) -> tuple[float, float]:
    """Step 7: the tangent line y = f'(a) x + (f(a) - f'(a) a), from autograd."""
    (var, a), = setup.point.items()
    x = setup.tensors(requires_grad=True)[var]
    y = setup.expr(**{var: x})
    y.backward()
    slope = x.grad.item()
    intercept = (y - slope * x).item()
    equation = line_equation(*_clean(slope, intercept, a, y.item(), setup.dtype))
    demo.add("calculus.tangent", f"slope = {var}.grad.item()\nintercept = (y - slope * {var})"
             ".item()\nslope, intercept", (slope, intercept), equation=equation,
             var=var, at=number_text(a))
    demo.extra["tangent"] = {"slope": slope, "intercept": intercept, "equation": equation}
    return slope, intercept


def _clean(slope: float, intercept: float, a: float, fa: float,
           dtype: str) -> tuple[float, float]:
    """Drop what is only rounding: sin at pi/2 has slope 6e-17 (cos(pi/2) in floating
    point), and f(a) - slope * a can leave 1e-17 where the intercept is 0."""
    noise = 64 * torch.finfo(getattr(torch, dtype)).eps
    if abs(slope) * max(1.0, abs(a)) <= noise * max(abs(fa), abs(intercept)):
        slope = 0.0
    if abs(intercept) <= noise * max(abs(fa), abs(slope * a)):
        intercept = 0.0
    return slope, intercept


def _plot(demo: Demo, setup: Setup, grid: Grid, slope: float, intercept: float,
          path: str) -> None:
    """Step 8: the book's figure of f and its tangent, written to an SVG file."""
    from prelim_cli.topics.calculus_plot import save_tangent_plot

    (var, a), = setup.point.items()
    xs = eval_grid = torch.arange(grid.start, grid.stop, grid.step,
                                  dtype=getattr(torch, setup.dtype))
    ys, f_code = setup.expr(**{var: xs}), f"f({var})"
    if ys.shape != xs.shape:  # sum/mean/norm reduce a vector: evaluate point by point
        ys = torch.stack([setup.expr(**{var: v}) for v in eval_grid])
        f_code = f"torch.stack([f(v) for v in {var}])"
    if not torch.isfinite(ys).any():
        raise PrelimError(f"{setup.expr.source} is not finite anywhere on --range "
                          f"{number_text(grid.start)}:{number_text(grid.stop)}; plot it "
                          "where it is defined")
    tangent = slope * xs + intercept
    at = number_text(a)
    legend = [f"f({var})", f"Tangent line ({var}={at})"]
    code = (f"{var} = {grid.code(setup.dtype)}\n"
            f"d2l.plot({var}, [{f_code}, slope * {var} + intercept], '{var}', 'f({var})', "
            f"legend={legend!r})\nd2l.plt.savefig({str(path)!r})")
    save_tangent_plot(path, xs.numpy(), ys.detach().numpy(), tangent.numpy(), var, at)
    demo.add("calculus.plot", code, path=str(path), var=var, at=at, points=len(xs))
    demo.extra["plot"] = str(path)
