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

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.core.values import Printed
from prelim_cli.expr import Expr
from prelim_cli.parse.range import Range
from prelim_cli.topics.calculus.check import not_finite, one_sided_failure
from prelim_cli.topics.calculus.lesson import (
    Lesson,
    number_text,
    parse_point,
    plot_range,
    tangent_equation,
)

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

VALUE_LABELS = {"forward": "numerical limit", "central": "central difference"}
QUOTIENT_KEYS = {"forward": "calculus.numerical_lim", "central": "calculus.central_lim"}


@dataclass(frozen=True)
class Options:
    """How ``prelim derivative`` runs the lesson; the defaults are the book's."""

    at: str | None = None  # the point: "1", "pi/2", "x1=1,x2=0" (default 1)
    h: float = BOOK_H  # the first h; each row divides it by 10
    steps: int = BOOK_STEPS  # rows of the table of limits
    method: str = "forward"  # forward, central or both
    dtype: str = "float64"
    plot: str | None = None  # also draw f and its tangent, to this SVG file
    x_range: str | None = None  # the x values of the plot, START:STOP[:STEP]
    lang: str = "en"  # the reader's language, for the words of the plot


def derivative(text: str = BOOK_FUNCTION, options: Options = Options()) -> Demo:
    """The §2.4 lesson for one function. Everything the user typed is checked before
    anything is computed."""
    o = options
    expr, point = parse_point(text, o.at)
    grid = _check_options(expr, point, o)
    lesson = Lesson(expr, point, o.dtype, o.h, o.steps,
                    ("forward", "central") if o.method == "both" else (o.method,))
    demo = Demo("derivative", extra={"function": expr.source, "point": dict(point),
                                     "dtype": o.dtype, "method": o.method})
    _function_at_point(demo, lesson)
    rows = _numerical_limits(demo, lesson)
    _one_sided_check(demo, lesson)
    leaves = _autograd(demo, lesson, rows)
    _errors(demo, lesson, leaves, rows)
    if not lesson.several:
        slope, intercept = _tangent(demo, lesson, leaves)
        if grid is not None:
            from prelim_cli.topics.calculus.figure import tangent_plot  # matplotlib: only now

            tangent_plot(demo, lesson, grid, slope, intercept, o.plot, o.lang)
    return demo


def book(plot: str | None = None) -> Demo:
    """The book's lesson, f(x) = 3x² - 4x at x = 1, as the tour plays it; ``plot``: the
    book's figure of f and its tangent, to this SVG file."""
    return derivative(options=Options(plot=plot))


def _check_options(expr: Expr, point: dict[str, float], options: Options) -> Range | None:
    h, steps, method, dtype = options.h, options.steps, options.method, options.dtype
    plot, x_range = options.plot, options.x_range
    if not (math.isfinite(h) and h > 0):
        raise PrelimError("calculus.derivative.check_options", h=h)
    if not 1 <= steps <= MAX_STEPS:
        raise PrelimError("calculus.derivative.check_options_2", steps=steps,
                          MAX_STEPS=MAX_STEPS)
    if h * 0.1 ** (steps - 1) == 0:
        raise PrelimError("calculus.derivative.check_options_3", h=h, steps=steps)
    if method not in METHODS:
        raise PrelimError("calculus.derivative.check_options_4", method=method,
                          METHODS=', '.join(METHODS))
    if dtype not in ("float32", "float64"):
        raise PrelimError("calculus.derivative.check_options_5", dtype=dtype)
    if plot is None:
        if x_range is not None:
            raise PrelimError("calculus.derivative.check_options_7", x_range=x_range)
        return None
    if len(point) > 1:
        raise PrelimError("calculus.derivative.check_options_6", source=expr.source,
                          len_point=len(point), point=', '.join(point))
    return plot_range(x_range)


def _function_at_point(demo: Demo, lesson: Lesson) -> None:
    """Steps 1-2: f, and f at the point; the lesson stops when f is not finite there."""
    code = lesson.expr.torch_code(lesson.dtype)
    demo.add("calculus.f", f"def f({lesson.args}):\n    return {code}",
             expr=lesson.expr.source, args=lesson.args)
    value = lesson.expr(**lesson.tensors())
    if value.dim() != 0:
        raise PrelimError("calculus.derivative.function_at_point", source=lesson.expr.source,
                          shape=tuple(value.shape), where=lesson.where)
    demo.add("calculus.point", f"{lesson.tensors_code()}\nf({lesson.args})", value,
             where=lesson.where, dtype=lesson.dtype)
    demo.extra["f"] = value.item()
    if math.isnan(value.item()):
        raise demo.fail("calculus.derivative.function_at_point_2", where=lesson.where,
                        source=lesson.expr.source)
    elif math.isinf(value.item()):
        largest = torch.finfo(getattr(torch, lesson.dtype)).max
        raise demo.fail("calculus.derivative.function_at_point_3", where=lesson.where,
                        source=lesson.expr.source, item=value.item(), dtype=lesson.dtype,
                        largest=largest)


def _formats(lesson: Lesson) -> tuple[str, str]:
    """The book's .5f while h stays at 0.00001 or above; past it .5f would print
    h=0.00000, so h gets g and the quotient ten decimals."""
    return (".5f", ".5f") if min(lesson.hs()) >= 0.99999e-5 else ("g", ".10f")


def _value_format(fixed: str, values: list[float]) -> str:
    """``fixed`` (the book's decimals) for quotients people can read; .10g once one
    passes 1e15, where decimals would run to hundreds of digits (exp'(709) ~ 8e307)."""
    big = max((abs(v) for v in values if math.isfinite(v)), default=0.0) >= 1e15
    return ".10g" if big else fixed


def _numerical_limits(demo: Demo, lesson: Lesson) -> list[dict]:
    """Steps 3-4: the difference quotients for shrinking h, printed as the book prints."""
    for method in lesson.methods:
        demo.add(QUOTIENT_KEYS[method], QUOTIENTS[method][2])
    labels = {m: m for m in lesson.methods} if len(lesson.methods) == 2 else VALUE_LABELS
    h_format, fixed = _formats(lesson)
    rows = []
    for var in lesson.point:
        x = lesson.tensors()
        f = lesson.along(x, var)
        found = [{"variable": var, "h": h, **{m: QUOTIENTS[m][0](f, x[var], h).item()
                                               for m in lesson.methods}}
                 for h in lesson.hs()]  # the loop of the code below, run for real
        lim_format = _value_format(fixed, [row[m] for row in found for m in lesson.methods])
        lines = [", ".join([f"h={row['h']:{h_format}}"] + [
            f"{labels[m]}={row[m]:{lim_format}}" for m in lesson.methods]) for row in found]
        rows += found
        fields = ", ".join(f"{labels[m]}={{{QUOTIENTS[m][1]}({lesson.along_code(var)}, "
                           f"{var}, h):{lim_format}}}" for m in lesson.methods)
        code = lesson.loop_code([f"print(f'h={{h:{h_format}}}, {fields}')"])
        demo.add("calculus.partial" if lesson.several else "calculus.limits", code,
                 Printed("\n".join(lines)), var=var, dtype=lesson.dtype, where=lesson.where)
    demo.extra["limits"] = rows
    return rows


def _one_sided_check(demo: Demo, lesson: Lesson) -> None:
    """Where f has a kink or ends, show the quotients from both sides and stop: autograd
    would still print a number there (PyTorch picks 0 for abs at 0), but no derivative
    exists. The test itself runs in float64 (calculus.check)."""
    for var, a in lesson.point.items():
        float64 = {name: torch.tensor(v, dtype=torch.float64)
                   for name, v in lesson.point.items()}
        failure = one_sided_failure(lesson.along(float64, var), a)
        if failure is None:
            continue
        x = lesson.tensors()
        f, h = lesson.along(x, var), failure.h
        left = (f(x[var]) - f(x[var] - h)) / h
        right = (f(x[var] + h) - f(x[var])) / h
        at, below, above = (lesson.call_code(var, s) for s in ("", " - h", " + h"))
        code = (f"h = {h!r}\nleft = ({at} - {below}) / h\nright = ({above} - {at}) / h\n"
                "print(f'from the left: {left:.5f}, from the right: {right:.5f}')")
        demo.add("calculus.one_sided", code,
                 Printed(f"from the left: {left:.5f}, from the right: {right:.5f}"), var=var)
        demo.extra["one_sided"] = {"variable": var, "h": h, "left": left.item(),
                                   "right": right.item()}
        raise demo.fail("calculus.not_differentiable_in" if lesson.several else
                        "calculus.not_differentiable", source=lesson.expr.source, var=var,
                        where=lesson.where, reason=failure.reason(var, left.item(), right.item()))


def _autograd(demo: Demo, lesson: Lesson, rows: list[dict]):
    """Step 5: the exact derivative (or gradient) by backpropagation. Returns the leaf
    tensors and y; the lesson stops when a derivative is not finite."""
    x = lesson.tensors(requires_grad=True)
    y = lesson.expr(**x)
    y.backward()
    grads = tuple(x[name].grad for name in lesson.point)
    # Several variables: f(x, y).backward(), as y = f(x, y) would overwrite a variable y.
    backward = (f"f({lesson.args}).backward()" if lesson.several else
                f"{lesson.result} = f({lesson.args})\n{lesson.result}.backward()")
    code = (f"{lesson.tensors_code(requires_grad=True)}\n{backward}\n"
            + ", ".join(f"{name}.grad" for name in lesson.point))
    exact = {name: grad.item() for name, grad in zip(lesson.point, grads)}
    text = ", ".join(number_text(v) for v in exact.values())
    if lesson.several:
        demo.add("calculus.gradient", code, grads, result=f"[{text}]", where=lesson.where)
    else:
        demo.add("calculus.exact", code, grads[0], var=lesson.args, result=text,
                 where=lesson.where)
        demo.extra["derivative"] = grads[0].item()
    demo.extra["gradient"] = exact
    for name, v in exact.items():
        if not math.isfinite(v):
            what = Message("calculus.partial_word", name=name) if lesson.several else \
                Message("calculus.derivative_word")
            raise demo.fail(not_finite(lesson, what, v,
                                       [r for r in rows if r["variable"] == name]))
    return x, y


def _error_columns(lesson: Lesson) -> list[tuple[str, str, str, str]]:
    """(method, variable, name in the code, label) of each error the loop prints."""
    columns = []
    for var in lesson.point:
        for method in lesson.methods:
            name = "error" if len(lesson.methods) == 1 else method
            label = "error" if len(lesson.methods) == 1 else f"{method} error"
            if lesson.several:
                name, label = f"{name}_{var}", f"{label} in {var}"
            columns.append((method, var, name, label))
    return columns


def _errors(demo: Demo, lesson: Lesson, leaves, rows: list[dict]) -> None:
    """Step 6: each row against the exact derivative. The printed lines are for reading;
    the JSON field "limits" holds every number (h, quotients, exact, errors)."""
    x, _ = leaves
    columns = _error_columns(lesson)
    with_value = len(columns) == 1  # one method, one variable: show the quotient too
    if with_value:
        (method, var, _, _), = columns
        lim_format = _value_format(".10f", [row[method] for row in rows])
        body = [f"lim = {QUOTIENTS[method][1]}(f, {var}, h)", f"error = abs(lim - {var}.grad)",
                f"print(f'h={{h:g}}, {VALUE_LABELS[method]}={{lim:{lim_format}}}, "
                "error={error:.1e}')"]
    else:
        body = [f"{name} = abs({QUOTIENTS[method][1]}({lesson.along_code(var)}, {var}, h) - "
                f"{var}.grad)" for method, var, name, _ in columns]
        fields = ", ".join(f"{label}={{{name}:.1e}}" for _, _, name, label in columns)
        body.append(f"print(f'h={{h:g}}, {fields}')")
    lines, exact = [], "central" in lesson.methods
    for i, h in enumerate(lesson.hs()):  # the loop of the code, run for real
        parts = [f"h={h:g}"]
        for method, var, _, label in columns:
            value = QUOTIENTS[method][0](lesson.along(x, var), x[var], h)
            error = abs(value - x[var].grad)
            row = rows[list(lesson.point).index(var) * lesson.steps + i]
            row["exact"], row[f"{method}_error"] = x[var].grad.item(), error.item()
            if method == "central":
                exact = exact and error.item() <= _rounding(lesson, leaves, var, h)
            if with_value:
                parts.append(f"{VALUE_LABELS[method]}={value:{lim_format}}")
            parts.append(f"{label}={error:.1e}")
        lines.append(", ".join(parts))
    # "exact for a quadratic f" only where the values say so: every central error is rounding
    demo.add("calculus.errors_exact" if exact else "calculus.errors", lesson.loop_code(body),
             Printed("\n".join(lines)), where=lesson.where)


def _rounding(lesson: Lesson, leaves, var: str, h: float) -> float:
    """How large a central difference's error can be from rounding alone: f(x ± h), about
    |f(x)| + |f'(x)| h, are each rounded to a few units of eps, and their difference is
    divided by 2h."""
    import torch

    x, y = leaves
    eps = torch.finfo(getattr(torch, lesson.dtype)).eps
    return 16 * eps * max(abs(y.item()), abs(x[var].grad.item()) * h) / h


def _tangent(demo: Demo, lesson: Lesson, leaves) -> tuple[float, float]:
    """Step 7: the tangent line y = f'(a) x + (f(a) - f'(a) a), from autograd."""
    x, y = leaves
    (var, a), = lesson.point.items()
    slope = x[var].grad.item()
    intercept = (y - slope * x[var]).item()
    equation = tangent_equation(slope, intercept, a, y.item(), lesson.dtype, var,
                                lesson.result)
    demo.add("calculus.tangent", f"slope = {var}.grad.item()\nintercept = ({lesson.result} - "
             f"slope * {var}).item()\nslope, intercept", (slope, intercept),
             equation=equation, var=var, at=number_text(a))
    demo.extra["tangent"] = {"slope": slope, "intercept": intercept, "equation": equation}
    if not math.isfinite(intercept):
        raise demo.fail("calculus.derivative.tangent", where=lesson.where, equation=equation,
                        intercept=intercept, dtype=lesson.dtype)
    return slope, intercept
