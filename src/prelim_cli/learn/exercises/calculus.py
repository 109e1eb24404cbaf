"""The exercises of §2.4 (both editions) and their checkers.

Every exercise here is a "check": the learner writes a derivative, a gradient or a rule as
PyTorch code and the checker compares it, on many random points of the function's domain,
with two answers of its own computed in float64 — autograd's (``torch.autograd.grad``) and
a central difference (f(x + h) − f(x − h)) / 2h. Agreement is evidence, not a proof. torch is
imported inside the functions: they run only in the child that checks a learner's file.
"""

from prelim_cli.learn.exercise import Exercise, Text

H = 1e-5  # the step of the central differences (float64: error ~h², rounding ~1e-16/h)
FD = {"rtol": 1e-4, "atol": 1e-4}  # a float32 answer against a central difference
ONE_SIDED = 1e-7  # the step of a one-sided quotient (float64: error ~f''·h/2, rounding ~1e-9)
SOURCES = {"autograd": "自动微分", "central difference": "中心差分"}  # a reference's name in zh


# ---------------------------------------------------------------- shared by the checkers

def derivative(fn, x):
    """fn's derivative at x by autograd, in float64: for an elementwise fn, the derivative at
    every element; for a scalar fn of a vector, its gradient."""
    import torch

    x = x.detach().double().requires_grad_(True)
    (grad,) = torch.autograd.grad(fn(x).sum(), x)
    return grad


def central(fn, x):
    """The same by central differences, one coordinate at a time, in float64 (no autograd)."""
    import torch

    x = x.detach().double()
    found = torch.zeros(x.numel(), dtype=torch.float64)
    for k in range(x.numel()):
        step = torch.zeros(x.numel(), dtype=torch.float64)
        step[k] = H
        step = step.reshape(x.shape)
        found[k] = (fn(x + step).sum() - fn(x - step).sum()) / (2 * H)
    return found.reshape(x.shape)


def against_both(t, call, got, fn, x, *, inputs, generated) -> None:
    """Two cases for one answer: ``got()`` against autograd's derivative of ``fn`` at x, then
    against a central difference. Either float dtype is accepted (the expected values are
    shown in x's). ``call`` is code (``d_exp(x)``); the case names its reference in words."""
    for source, want in (("autograd", derivative(fn, x)), ("central difference", central(fn, x))):
        t.expect(Text(f"{call} vs {source}", f"{call} 对比{SOURCES[source]}"), got,
                 want.to(x.dtype), inputs=inputs,
                 generated=generated, dtype=False, **({} if source == "autograd" else FD))


def points(t, i, low, high, *, signed=False):
    """Random float32 points in [low, high) (and their negatives when ``signed``), in a shape
    drawn for case i: a 0-d tensor, one element, a vector or a matrix."""
    import torch

    pick = t.random(i)
    shape = pick.choice([(), (1,), (pick.randint(2, 9),), (2, 3)])
    x = low + (high - low) * torch.rand(shape, generator=t.rng(i))
    if signed:
        x = x * (torch.randint(0, 2, shape, generator=t.rng(i + 500)) * 2 - 1)
    return x


def smooth_functions():
    """(name, f, f') pairs for the rule exercises, and whether f is never 0 (so it may be a
    denominator). The derivatives are written by hand; tests check them against autograd."""
    import torch

    return [
        ("sin(x)", torch.sin, torch.cos, False),
        ("cos(x)", torch.cos, lambda x: -torch.sin(x), False),
        ("x**3 - 2*x", lambda x: x ** 3 - 2 * x, lambda x: 3 * x ** 2 - 2, False),
        ("tanh(x)", torch.tanh, lambda x: 1 - torch.tanh(x) ** 2, False),
        ("log(1 + x**2)", lambda x: torch.log(1 + x ** 2), lambda x: 2 * x / (1 + x ** 2),
         False),
        ("x*exp(-x**2)", lambda x: x * torch.exp(-x ** 2),
         lambda x: (1 - 2 * x ** 2) * torch.exp(-x ** 2), False),
        ("exp(x)", torch.exp, torch.exp, True),
        ("2 + sin(3*x)", lambda x: 2 + torch.sin(3 * x), lambda x: 3 * torch.cos(3 * x), True),
        ("1 + x**2", lambda x: 1 + x ** 2, lambda x: 2 * x, True),
        ("cosh(x)", torch.cosh, torch.sinh, True),
        ("exp(x/2)", lambda x: torch.exp(x / 2), lambda x: torch.exp(x / 2) / 2, True),
    ]


# ---------------------------------------------------------------- en 2.4.1 from the definition

FROM_DEFINITION = Exercise(
    slug="calculus.from-definition",
    section="calculus",
    numbers={"en": "2.4.1"},
    kind="check",
    title=Text("Four derivatives from the definition", "从定义出发求四个导数"),
    statement=Text(
        "The rules of §2.4 for a constant, a power, eˣ and log x all follow from the "
        "definition f'(x) = lim_{h→0} (f(x + h) − f(x)) / h. Work each one out on paper from "
        "that limit (write your argument in `notes` if you like; prelim does not read it). "
        "Then write the four results as PyTorch functions. Each takes a float tensor `x` of "
        "any shape and returns a tensor of the same shape holding the derivative at every "
        "element: `d_constant(x, c)` for f(x) = c; `d_power(x, n)` for f(x) = xⁿ, where n is "
        "a Python number (x may be any real number when n is a whole number ≥ 1, and is "
        "positive otherwise); `d_exp(x)` for eˣ; `d_log(x)` for the natural logarithm "
        "(x > 0). prelim compares them with autograd and with a central difference on many "
        "random points; a float32 or a float64 result is fine.",
        "§2.4 中常数、幂函数、eˣ 和 log x 的求导法则，都能从定义 "
        "f'(x) = lim_{h→0} (f(x + h) − f(x)) / h 推出。先在纸上从这个极限出发逐一推导"
        "（推导可以写在 `notes` 里，prelim 不读它）。然后把四个结果写成 PyTorch 函数，"
        "每个函数接收任意形状的浮点张量 `x`，返回同样形状的张量，给出每个元素处的导数："
        "`d_constant(x, c)` 对应 f(x) = c；`d_power(x, n)` 对应 f(x) = xⁿ，n 是一个 Python "
        "数（n 是不小于 1 的整数时 x 可以取任意实数，否则 x 为正数）；`d_exp(x)` 对应 eˣ；"
        "`d_log(x)` 对应自然对数（x > 0）。prelim 会在许多随机点上把它们与自动微分和中心差分"
        "比较；结果是 float32 还是 float64 都可以。"),
    hints=(
        Text("For f(x) = c the quotient is (c − c) / h = 0 for every h. For eˣ, take eˣ out: "
             "(e^{x+h} − eˣ) / h = eˣ · (eʰ − 1) / h, and (eʰ − 1) / h tends to 1.",
             "对 f(x) = c，差商 (c − c) / h 对每个 h 都是 0。对 eˣ，把 eˣ 提出来："
             "(e^{x+h} − eˣ) / h = eˣ · (eʰ − 1) / h，而 (eʰ − 1) / h 趋于 1。"),
        Text("For xⁿ, expand (x + h)ⁿ with the binomial theorem: after xⁿ + n·xⁿ⁻¹·h every "
             "term carries h² or a higher power. For log, (log(x + h) − log x) / h "
             "= log(1 + h/x) / h, and log(1 + u) / u tends to 1.",
             "对 xⁿ，用二项式定理展开 (x + h)ⁿ：在 xⁿ + n·xⁿ⁻¹·h 之后，每一项都含 h² 或更高次幂。"
             "对 log，(log(x + h) − log x) / h = log(1 + h/x) / h，而 log(1 + u) / u 趋于 1。"),
        Text("`torch.zeros_like(x)`, `n * x ** (n - 1)`, `torch.exp(x)` and `1 / x`.",
             "`torch.zeros_like(x)`、`n * x ** (n - 1)`、`torch.exp(x)` 和 `1 / x`。"),
    ),
    stub='''import torch

notes = """
"""  # your limit arguments, for yourself (not checked)


def d_constant(x, c):
    """The derivative of f(x) = c at every element of x."""
    ...


def d_power(x, n):
    """The derivative of f(x) = x ** n at every element of x."""
    ...


def d_exp(x):
    """The derivative of f(x) = exp(x) at every element of x."""
    ...


def d_log(x):
    """The derivative of f(x) = log(x) at every element of x (x > 0)."""
    ...
''',
    solution='''import torch

notes = """
c: (c - c) / h = 0 for every h, so the limit is 0.
x**n: (x + h)**n = x**n + n x**(n-1) h + (terms with h**2 or more), so the quotient
      is n x**(n-1) + (terms with h or more), which tends to n x**(n-1).
exp: (exp(x + h) - exp(x)) / h = exp(x) (exp(h) - 1) / h, and (exp(h) - 1) / h -> 1.
log: (log(x + h) - log(x)) / h = log(1 + h/x) / h = (1/x) log(1 + u) / u with u = h/x -> 0.
"""


def d_constant(x, c):
    """The derivative of f(x) = c at every element of x."""
    return torch.zeros_like(x)


def d_power(x, n):
    """The derivative of f(x) = x ** n at every element of x."""
    return n * x ** (n - 1)


def d_exp(x):
    """The derivative of f(x) = exp(x) at every element of x."""
    return torch.exp(x)


def d_log(x):
    """The derivative of f(x) = log(x) at every element of x (x > 0)."""
    return 1 / x
''',
    answer=Text(
        "Constant: the quotient (c − c)/h is 0 for every h, so the derivative is 0. Power "
        "(whole n): (x + h)ⁿ = xⁿ + n·xⁿ⁻¹·h + (terms in h² and higher), so the quotient is "
        "n·xⁿ⁻¹ plus terms that vanish with h; the same result n·xⁿ⁻¹ holds for any real n "
        "when x > 0. Exponential: (e^{x+h} − eˣ)/h = eˣ·(eʰ − 1)/h → eˣ, because "
        "(eʰ − 1)/h → 1 (that limit is what makes e special). Logarithm: "
        "(log(x + h) − log x)/h = log(1 + h/x)/h = (1/x)·log(1 + u)/u with u = h/x → 0, and "
        "log(1 + u)/u → 1, so the derivative is 1/x.",
        "常数：差商 (c − c)/h 对每个 h 都是 0，所以导数为 0。幂函数（n 为整数）："
        "(x + h)ⁿ = xⁿ + n·xⁿ⁻¹·h +（含 h² 及更高次的项），所以差商等于 n·xⁿ⁻¹ 加上随 h "
        "消失的项；x > 0 时，对任意实数 n 结果同样是 n·xⁿ⁻¹。指数函数："
        "(e^{x+h} − eˣ)/h = eˣ·(eʰ − 1)/h → eˣ，因为 (eʰ − 1)/h → 1（正是这个极限让 e 与众"
        "不同）。对数：(log(x + h) − log x)/h = log(1 + h/x)/h = (1/x)·log(1 + u)/u，其中 "
        "u = h/x → 0，而 log(1 + u)/u → 1，所以导数是 1/x。"),
    checker="calculus:check_from_definition",
    lesson='prelim derivative "x**3" --at 2',
)


def check_from_definition(t) -> None:
    import torch

    d_constant, d_power = t.function("d_constant"), t.function("d_power")
    d_exp, d_log = t.function("d_exp"), t.function("d_log")
    for i in range(10):
        x = points(t, i, -3, 3)
        c = round(t.random(i).uniform(-5, 5), 2)
        against_both(t, "d_constant(x, c)", lambda: d_constant(x, c),
                     lambda x: c + 0 * x, x, inputs={"x": x, "c": c}, generated=i)
        if i % 2 == 0:  # a whole n >= 1: every real x
            n, x = t.random(i).randint(1, 5), points(t, i + 50, -2, 2)
        else:  # zero, negative or fractional n: x > 0
            n, x = t.random(i).choice([0, -1, -2, 0.5, 1.5, 2.5, -0.5]), points(t, i, 0.2, 3)
        against_both(t, "d_power(x, n)", lambda: d_power(x, n), lambda x: x ** n, x,
                     inputs={"x": x, "n": n}, generated=i)
        x = points(t, i + 100, -3, 3)
        against_both(t, "d_exp(x)", lambda: d_exp(x), torch.exp, x, inputs={"x": x},
                     generated=i)
        x = points(t, i + 200, 0.1, 5)
        against_both(t, "d_log(x)", lambda: d_log(x), torch.log, x, inputs={"x": x},
                     generated=i)


# ---------------------------------------------------------------- en 2.4.2 sum, product, quotient

RULES = Exercise(
    slug="calculus.sum-product-quotient",
    section="calculus",
    numbers={"en": "2.4.2"},
    kind="check",
    title=Text("The sum, product and quotient rules", "和、积、商的求导法则"),
    statement=Text(
        "Derive the sum, product and quotient rules from the definition of the derivative "
        "(on paper or in `notes`, which prelim does not read). Then write them as three "
        "functions with the same arguments: two functions and their derivatives as Python "
        "callables `f`, `df`, `g`, `dg` (each maps a tensor to a tensor of the same shape), "
        "and a float tensor `x`. Each returns the derivative at x as a tensor of x's shape: "
        "`sum_rule` of f(x) + g(x), `product_rule` of f(x)·g(x), `quotient_rule` of "
        "f(x)/g(x) (prelim only passes a g that is never 0). Use only f, df, g and dg: "
        "prelim calls your rules with pairs of smooth functions it picks (sin, eˣ, tanh, "
        "polynomials, …) and compares the result with autograd's derivative of the sum, "
        "product or quotient, and with a central difference.",
        "从导数的定义出发推导和、积、商的求导法则（写在纸上或 `notes` 里，prelim 不读它）。"
        "然后把它们写成三个参数相同的函数：两个函数及其导数，以 Python 可调用对象 `f`、`df`、"
        "`g`、`dg` 给出（每个都把张量映射为同形状的张量），再加上浮点张量 `x`。每个函数返回 x "
        "处的导数，形状与 x 相同：`sum_rule` 求 f(x) + g(x) 的导数，`product_rule` 求 "
        "f(x)·g(x) 的导数，`quotient_rule` 求 f(x)/g(x) 的导数（prelim 只会传入处处不为 0 的 "
        "g）。只用 f、df、g 和 dg：prelim 会用它挑选的光滑函数对（sin、eˣ、tanh、多项式……）"
        "调用你的法则，把结果与自动微分对和、积、商求出的导数以及中心差分比较。"),
    hints=(
        Text("Sum: the difference quotient of f + g is the quotient of f plus the quotient "
             "of g, and a limit of a sum is the sum of the limits.",
             "和：f + g 的差商等于 f 的差商加上 g 的差商，而和的极限等于极限的和。"),
        Text("Product: add and subtract f(x + h)·g(x) in the numerator, which gives "
             "f(x + h)·[g(x + h) − g(x)] + g(x)·[f(x + h) − f(x)]. Quotient: find the "
             "derivative of 1/g first, then treat f/g as the product f · (1/g).",
             "积：在分子上加减 f(x + h)·g(x)，得到 f(x + h)·[g(x + h) − g(x)] + "
             "g(x)·[f(x + h) − f(x)]。商：先求 1/g 的导数，再把 f/g 看成乘积 f · (1/g)。"),
        Text("`df(x) + dg(x)`, `df(x) * g(x) + f(x) * dg(x)` and "
             "`(df(x) * g(x) - f(x) * dg(x)) / g(x) ** 2`.",
             "`df(x) + dg(x)`、`df(x) * g(x) + f(x) * dg(x)` 和 "
             "`(df(x) * g(x) - f(x) * dg(x)) / g(x) ** 2`。"),
    ),
    stub='''import torch

notes = """
"""  # your derivations from the definition, for yourself (not checked)


def sum_rule(f, df, g, dg, x):
    """The derivative of f(x) + g(x) at x."""
    ...


def product_rule(f, df, g, dg, x):
    """The derivative of f(x) * g(x) at x."""
    ...


def quotient_rule(f, df, g, dg, x):
    """The derivative of f(x) / g(x) at x (g is never 0)."""
    ...
''',
    solution='''import torch

notes = """
sum: the quotient of f + g splits into the quotient of f plus the quotient of g.
product: f(x+h)g(x+h) - f(x)g(x) = f(x+h)[g(x+h) - g(x)] + g(x)[f(x+h) - f(x)];
         divide by h and let h -> 0 (f is continuous, so f(x+h) -> f(x)).
quotient: (1/g)' = -g'/g**2 from (1/g(x+h) - 1/g(x))/h = -(g(x+h) - g(x))/(h g(x+h) g(x)),
          then (f/g)' = f'/g - f g'/g**2 by the product rule.
"""


def sum_rule(f, df, g, dg, x):
    """The derivative of f(x) + g(x) at x."""
    return df(x) + dg(x)


def product_rule(f, df, g, dg, x):
    """The derivative of f(x) * g(x) at x."""
    return df(x) * g(x) + f(x) * dg(x)


def quotient_rule(f, df, g, dg, x):
    """The derivative of f(x) / g(x) at x (g is never 0)."""
    return (df(x) * g(x) - f(x) * dg(x)) / g(x) ** 2
''',
    answer=Text(
        "Sum: [f(x+h) + g(x+h) − f(x) − g(x)]/h is the quotient of f plus that of g, so "
        "(f + g)' = f' + g'. Product: f(x+h)g(x+h) − f(x)g(x) = f(x+h)[g(x+h) − g(x)] + "
        "g(x)[f(x+h) − f(x)]; divided by h, it tends to f(x)g'(x) + g(x)f'(x), because a "
        "differentiable f is continuous and f(x+h) → f(x). Quotient: "
        "[1/g(x+h) − 1/g(x)]/h = −[g(x+h) − g(x)]/h · 1/(g(x+h)g(x)) → −g'/g², and the "
        "product rule on f·(1/g) gives (f/g)' = (f'g − fg')/g². The order in the numerator "
        "matters: swapping it flips the sign.",
        "和：[f(x+h) + g(x+h) − f(x) − g(x)]/h 等于 f 的差商加上 g 的差商，所以 "
        "(f + g)' = f' + g'。积：f(x+h)g(x+h) − f(x)g(x) = f(x+h)[g(x+h) − g(x)] + "
        "g(x)[f(x+h) − f(x)]；除以 h 后趋于 f(x)g'(x) + g(x)f'(x)，因为可导的 f 是连续的，"
        "f(x+h) → f(x)。商：[1/g(x+h) − 1/g(x)]/h = −[g(x+h) − g(x)]/h · 1/(g(x+h)g(x)) → "
        "−g'/g²，再对 f·(1/g) 用乘积法则，得到 (f/g)' = (f'g − fg')/g²。分子中的顺序很重要："
        "交换它，符号就反了。"),
    checker="calculus:check_rules",
    lesson='prelim derivative "sin(x)*exp(x)" --at 1',
)


def check_rules(t) -> None:
    rules = [("sum_rule", lambda f, g: lambda x: f(x) + g(x)),
             ("product_rule", lambda f, g: lambda x: f(x) * g(x)),
             ("quotient_rule", lambda f, g: lambda x: f(x) / g(x))]
    pool = smooth_functions()
    for k, (name, combined) in enumerate(rules, start=1):
        rule = t.function(name)
        for i in range(10):
            pick = t.random(100 * k + i)  # each rule draws its own pairs
            f_name, f, df, _ = pick.choice(pool)
            g_name, g, dg, nonzero = pick.choice(pool)
            while name == "quotient_rule" and not nonzero:
                g_name, g, dg, nonzero = pick.choice(pool)
            x = points(t, i, -2, 2)
            against_both(t, f"{name}(f, df, g, dg, x)",
                         lambda: rule(f, df, g, dg, x),
                         combined(f, g), x, inputs={"f": f_name, "g": g_name, "x": x},
                         generated=i)


# ---------------------------------------------------------------- en 2.4.3 constant multiple

CONSTANT_MULTIPLE = Exercise(
    slug="calculus.constant-multiple",
    section="calculus",
    numbers={"en": "2.4.3"},
    kind="check",
    title=Text("The constant multiple rule from the product rule", "由乘积法则得到常数倍法则"),
    statement=Text(
        "The constant multiple rule says that the derivative of c·f(x) is c·f'(x). Show "
        "that it is the product rule with a constant as one of the two factors. Your file "
        "starts with `product_rule(f, df, g, dg, x)` written for you; write "
        "`scaled_derivative(c, f, df, x)`, which returns the derivative of c·f(x) at x (a "
        "tensor of x's shape) by calling `product_rule` once, with the constant c written "
        "as a function of x and its derivative as another function. Do not return "
        "c * df(x) directly: prelim watches the call to `product_rule`, checks that one "
        "factor you pass is c at every x and that the derivative you pass with it is 0 at "
        "every x, and compares the result with autograd's derivative of c·f and with a "
        "central difference.",
        "常数倍法则说：c·f(x) 的导数是 c·f'(x)。请说明它就是乘积法则在其中一个因子为常数时的"
        "特例。你的文件开头已经写好了 `product_rule(f, df, g, dg, x)`；请写出 "
        "`scaled_derivative(c, f, df, x)`：调用一次 `product_rule`，把常数 c 写成 x 的函数、"
        "把它的导数写成另一个函数传进去，返回 c·f(x) 在 x 处的导数（与 x 同形状的张量）。"
        "不要直接返回 c * df(x)：prelim 会监视对 `product_rule` 的调用，检查你传入的一个因子"
        "在每个 x 处都等于 c、与它一起传入的导数在每个 x 处都为 0，并把结果与自动微分对 c·f "
        "求出的导数以及中心差分比较。"),
    hints=(
        Text("A number c is also a function: x ↦ c, whose graph is a flat line.",
             "数 c 也是一个函数：x ↦ c，它的图像是一条水平线。"),
        Text("`lambda x: c * torch.ones_like(x)` is that function. What is its derivative, "
             "written as a function of x?",
             "`lambda x: c * torch.ones_like(x)` 就是这个函数。它的导数写成 x 的函数是什么？"),
        Text("`product_rule(lambda x: c * torch.ones_like(x), lambda x: torch.zeros_like(x), "
             "f, df, x)`: the product rule gives 0·f(x) + c·f'(x).",
             "`product_rule(lambda x: c * torch.ones_like(x), lambda x: torch.zeros_like(x), "
             "f, df, x)`：乘积法则给出 0·f(x) + c·f'(x)。"),
    ),
    stub='''import torch


def product_rule(f, df, g, dg, x):
    """The derivative of f(x) * g(x) at x (given: the rule of the previous exercise)."""
    return df(x) * g(x) + f(x) * dg(x)


def scaled_derivative(c, f, df, x):
    """The derivative of c * f(x) at x, by one call of product_rule."""
    ...
''',
    solution='''import torch


def product_rule(f, df, g, dg, x):
    """The derivative of f(x) * g(x) at x (given: the rule of the previous exercise)."""
    return df(x) * g(x) + f(x) * dg(x)


def scaled_derivative(c, f, df, x):
    """The derivative of c * f(x) at x, by one call of product_rule."""

    def constant(x):
        return c * torch.ones_like(x)

    def flat(x):
        return torch.zeros_like(x)

    return product_rule(constant, flat, f, df, x)
''',
    answer=Text(
        "Treat c as the function g(x) = c. Its difference quotient (c − c)/h is 0, so "
        "g' = 0 everywhere. The product rule gives (g·f)' = g'·f + g·f' = 0·f + c·f' = c·f'. "
        "So the constant multiple rule needs no proof of its own: it is the product rule "
        "with one factor flat.",
        "把 c 看作函数 g(x) = c。它的差商 (c − c)/h 为 0，所以处处 g' = 0。乘积法则给出 "
        "(g·f)' = g'·f + g·f' = 0·f + c·f' = c·f'。所以常数倍法则不需要单独证明：它就是"
        "一个因子为水平线时的乘积法则。"),
    checker="calculus:check_constant_multiple",
    lesson='prelim derivative "5*sin(x)" --at 0',
)


def check_constant_multiple(t) -> None:
    import torch

    scaled_derivative = t.function("scaled_derivative")
    calls: list[tuple] = []

    def watched(f1, d1, f2, d2, x):  # stands in for the learner's product_rule
        calls.append((f1, d1, f2, d2, x))
        return d1(x) * f2(x) + f1(x) * d2(x)

    t.namespace["product_rule"] = watched  # their function finds it among its globals

    def same(value, want):
        value = torch.as_tensor(value).double()
        return bool(torch.isclose(value, want.double(), rtol=1e-5, atol=1e-6).all())

    def through_product_rule(c, f, df, x):
        """One call of product_rule, one factor c everywhere with derivative 0, the other f."""
        calls.clear()
        scaled_derivative(c, f, df, x)
        if len(calls) != 1:
            return False
        f1, d1, f2, d2, at = calls[0]
        c_everywhere, zero = c + 0 * x.double(), torch.zeros_like(x, dtype=torch.float64)
        return any(same(g(at), c_everywhere) and same(dg(at), zero)
                   and same(h(at), f(x)) and same(dh(at), df(x))
                   for g, dg, h, dh in ((f1, d1, f2, d2), (f2, d2, f1, d1)))

    pool = smooth_functions()
    for i in range(10):
        pick = t.random(i)
        name, f, df, _ = pick.choice(pool)
        c = [0.0, -1.0, 3.0][i] if i < 3 else round(pick.uniform(-4, 4), 2)
        x = points(t, i, -2, 2)
        inputs = {"c": c, "f": name, "x": x}
        against_both(t, "scaled_derivative(c, f, df, x)",
                     lambda: scaled_derivative(c, f, df, x), lambda x: c * f(x), x,
                     inputs=inputs, generated=i)
        t.holds(Text("scaled_derivative calls product_rule once, with c as a function whose "
                     "derivative is 0",
                     "scaled_derivative 只调用一次 product_rule，并把 c 当作导数为 0 的函数传入"),
                lambda: through_product_rule(c, f, df, x),
                inputs=inputs, generated=i)


# ---------------------------------------------------------------- en 2.4.4 x ** x

X_TO_THE_X = Exercise(
    slug="calculus.x-to-the-x",
    section="calculus",
    numbers={"en": "2.4.4"},
    kind="check",
    title=Text("The derivative of xˣ", "xˣ 的导数"),
    statement=Text(
        "xˣ is neither a power xⁿ (the exponent moves with x) nor an exponential aˣ (the "
        "base moves too), so neither rule applies as it stands. Find its derivative for x > 0 "
        "and write `d_x_to_the_x(x)`: it takes a float tensor of positive values, of any "
        "shape, and returns the derivative at every element as a tensor of the same shape. "
        "prelim compares it with autograd's derivative of `x ** x` and with a central "
        "difference on random points between 0.05 and 3.",
        "xˣ 不是幂函数 xⁿ（指数随 x 变化），也不是指数函数 aˣ（底数也在变），所以两条法则都不能"
        "直接套用。求出它在 x > 0 时的导数，写出 `d_x_to_the_x(x)`：它接收任意形状、元素都为正"
        "的浮点张量，返回同形状的张量，给出每个元素处的导数。prelim 会在 0.05 到 3 之间的随机"
        "点上把它与自动微分对 `x ** x` 求出的导数以及中心差分比较。"),
    hints=(
        Text("Write xˣ as a power of e: xˣ = e^{x·log x}.",
             "把 xˣ 写成 e 的幂：xˣ = e^{x·log x}。"),
        Text("By the chain rule the derivative of e^{u(x)} is e^{u(x)}·u'(x); here "
             "u(x) = x·log x, whose derivative the product rule gives.",
             "由链式法则，e^{u(x)} 的导数是 e^{u(x)}·u'(x)；这里 u(x) = x·log x，"
             "它的导数用乘积法则求。"),
        Text("xˣ·(log x + 1): `x ** x * (torch.log(x) + 1)`.",
             "xˣ·(log x + 1)：`x ** x * (torch.log(x) + 1)`。"),
    ),
    stub='''import torch


def d_x_to_the_x(x):
    """The derivative of f(x) = x ** x at every element of x (x > 0)."""
    ...
''',
    solution='''import torch


def d_x_to_the_x(x):
    """The derivative of f(x) = x ** x at every element of x (x > 0)."""
    return x ** x * (torch.log(x) + 1)
''',
    answer=Text(
        "For x > 0, xˣ = e^{x log x}. The chain rule gives (xˣ)' = e^{x log x}·(x log x)', "
        "and the product rule gives (x log x)' = log x + x·(1/x) = log x + 1. So "
        "(xˣ)' = xˣ·(log x + 1). The power rule alone would give x·xˣ⁻¹ = xˣ and the "
        "exponential rule alone xˣ·log x: the true derivative is their sum, one term for "
        "each place x appears.",
        "x > 0 时 xˣ = e^{x log x}。链式法则给出 (xˣ)' = e^{x log x}·(x log x)'，乘积法则给出 "
        "(x log x)' = log x + x·(1/x) = log x + 1。所以 (xˣ)' = xˣ·(log x + 1)。只用幂函数法则"
        "会得到 x·xˣ⁻¹ = xˣ，只用指数函数法则会得到 xˣ·log x：真正的导数是两者之和，x 出现在"
        "哪里，就贡献一项。"),
    checker="calculus:check_x_to_the_x",
    lesson='prelim derivative "x**x" --at 2 --method central',
)


def check_x_to_the_x(t) -> None:
    d_x_to_the_x = t.function("d_x_to_the_x")
    for i in range(12):
        x = points(t, i, 0.05, 3)
        against_both(t, "d_x_to_the_x(x)", lambda: d_x_to_the_x(x), lambda x: x ** x, x,
                     inputs={"x": x}, generated=i)


# ---------------------------------------------------------------- en 2.4.5 f'(x) = 0

FLAT_POINT = Exercise(
    slug="calculus.flat-point",
    section="calculus",
    numbers={"en": "2.4.5"},
    kind="check",
    title=Text("Where the derivative is zero", "导数为零的地方"),
    statement=Text(
        "What does f'(x) = 0 tell you about f near x? Write your answer in `notes` (prelim "
        "does not read it). Then back it up with three examples. Each is a function written "
        "with torch operations (so that autograd can differentiate it), taking a 0-d float64 "
        "tensor and returning one, together with a point given as a Python number (exact "
        "to within 1e-5: write `math.pi`, not 3.14): "
        "`f_min` and `x_min`, where f_min'(x_min) = 0 and f_min is larger than f_min(x_min) "
        "on both sides nearby; `f_max` and `x_max`, where the derivative is 0 and f_max is "
        "smaller on both sides; `f_flat` and `x_flat`, where the derivative is 0 as well but "
        "f_flat is larger on one side and smaller on the other. prelim computes each "
        "derivative at your point with autograd and with one-sided difference quotients "
        "from the left and from the right, and compares the function at x ± 0.1, 0.01 and "
        "0.001 with its value at x.",
        "f'(x) = 0 说明了 f 在 x 附近的什么性质？把回答写在 `notes` 里（prelim 不读它）。然后"
        "用三个例子来支持它。每个例子是一个用 torch 运算写成的函数（这样自动微分才能对它求导），"
        "接收一个 0 维 float64 张量并返回一个 0 维张量，再配上一个用 Python 数给出的点（误差"
        "不超过 1e-5：请写 `math.pi`，而不是 3.14）："
        "`f_min` 和 `x_min`，要求 f_min'(x_min) = 0，且在附近两侧 f_min 都大于 f_min(x_min)；"
        "`f_max` 和 `x_max`，导数为 0，且两侧的 f_max 都更小；`f_flat` 和 `x_flat`，导数同样"
        "为 0，但 f_flat 在一侧更大、在另一侧更小。prelim 会用自动微分，以及从左、从右两侧的单侧"
        "差商，计算每个函数在你给的点处的导数，并把函数在 x ± 0.1、0.01、0.001 处的值与它在 "
        "x 处的值比较。"),
    hints=(
        Text("f'(x) = 0 means the tangent at x is horizontal: to first order, f does not "
             "change when x moves a little.",
             "f'(x) = 0 表示 x 处的切线是水平的：x 稍微移动时，f 在一阶近似下不变。"),
        Text("Think of the bottom of a parabola and the top of an upside-down one. For the "
             "third, think of a curve that levels off for a moment while still climbing.",
             "想想抛物线的最低点，和倒过来的抛物线的最高点。第三个例子，想一条一边上升、"
             "一边在某点暂时变平的曲线。"),
        Text("`x ** 2` at 0, `-x ** 2` (or `torch.cos(x)`) at 0, and `x ** 3` at 0.",
             "`x ** 2` 在 0 处，`-x ** 2`（或 `torch.cos(x)`）在 0 处，`x ** 3` 在 0 处。"),
    ),
    stub='''import torch

notes = """
"""  # what f'(x) = 0 means (not checked)


def f_min(x):
    """A function with derivative 0 at x_min, larger on both sides of it."""
    ...


x_min = ...


def f_max(x):
    """A function with derivative 0 at x_max, smaller on both sides of it."""
    ...


x_max = ...


def f_flat(x):
    """A function with derivative 0 at x_flat, larger on one side and smaller on the other."""
    ...


x_flat = ...
''',
    solution='''import torch

notes = """
f'(x) = 0: the tangent at x is horizontal, so to first order f does not change there.
It happens at a minimum, at a maximum, and also at points that are neither (x**3 at 0):
a zero derivative is where to look for extremes, not a proof of one.
"""


def f_min(x):
    """A function with derivative 0 at x_min, larger on both sides of it."""
    return (x - 1) ** 2


x_min = 1


def f_max(x):
    """A function with derivative 0 at x_max, smaller on both sides of it."""
    return torch.cos(x)


x_max = 0


def f_flat(x):
    """A function with derivative 0 at x_flat, larger on one side and smaller on the other."""
    return x ** 3


x_flat = 0
''',
    answer=Text(
        "f'(x) = 0 says the tangent at x is horizontal: moving x by a small h changes f by "
        "much less than h. That is the case at the bottom of a valley ((x − 1)² at 1), at "
        "the top of a hill (cos x at 0), and also where the curve only pauses (x³ at 0, "
        "where it rises on both sides of the pause). So a zero derivative marks a "
        "candidate for a minimum or maximum, not a guarantee; in deep learning gradient "
        "descent stops at any point where the gradient is 0, saddle points included.",
        "f'(x) = 0 表示 x 处的切线是水平的：x 移动一个小量 h 时，f 的变化远小于 h。山谷的最低点"
        "（(x − 1)² 在 1 处）、山顶（cos x 在 0 处）都是这样，曲线只是暂停一下的地方也是（x³ 在 "
        "0 处，暂停前后都在上升）。所以导数为零只说明这里可能是极小值或极大值，并不保证；在深度"
        "学习中，梯度下降会停在梯度为 0 的任何点上，鞍点也不例外。"),
    checker="calculus:check_flat_point",
    lesson='prelim derivative "x**3" --at 0',
)


def check_flat_point(t) -> None:
    import torch

    steps = (0.1, 0.01, 0.001)

    def at(value):
        return torch.tensor(float(value), dtype=torch.float64)

    def differences(f, x0):
        """f(x0 + d) - f(x0) and f(x0 - d) - f(x0) for each step d."""
        x = at(x0)
        return [(float(f(x + d) - f(x)), float(f(x - d) - f(x))) for d in steps]

    shapes = {
        "min": lambda pairs: all(up > 0 and down > 0 for up, down in pairs),
        "max": lambda pairs: all(up < 0 and down < 0 for up, down in pairs),
        "flat": lambda pairs: all(up * down < 0 for up, down in pairs),
    }
    claims = {"min": Text("larger on both sides", "两侧都更大"),
              "max": Text("smaller on both sides", "两侧都更小"),
              "flat": Text("larger on one side, smaller on the other", "一侧更大、另一侧更小")}
    sides = {"right": "右", "left": "左"}
    at_steps = ", ".join(map(str, steps))
    for kind, shape in shapes.items():
        f, x0 = t.function(f"f_{kind}"), t.value(f"x_{kind}")
        inputs = {f"x_{kind}": x0}
        t.expect(Text(f"f_{kind}'(x_{kind}) by autograd", f"f_{kind}'(x_{kind})，由自动微分求得"),
                 lambda: derivative(f, at(x0)), 0.0,
                 inputs=inputs, atol=1e-5)
        # one-sided quotients, not a central one: averaging both sides would hide a kink
        # (|x| at 0, where autograd also answers 0)
        for side, h in (("right", ONE_SIDED), ("left", -ONE_SIDED)):
            t.expect(Text(f"f_{kind}'(x_{kind}) from the {side}: (f(x + h) - f(x)) / h, "
                          f"h = {h:g}",
                          f"f_{kind}'(x_{kind}) 的{sides[side]}侧差商：(f(x + h) - f(x)) / h，"
                          f"h = {h:g}"),
                     lambda h=h: (f(at(x0) + h) - f(at(x0))) / h, 0.0,
                     inputs=inputs, atol=1e-4)
        t.holds(Text(f"f_{kind} is {claims[kind].en} of x_{kind} (at ± {at_steps})",
                     f"f_{kind} 的值在 x_{kind} {claims[kind].zh}（在 ± {at_steps} 处）"),
                lambda: shape(differences(f, x0)), inputs=inputs)


# ---------------------------------------------------------------- zh 2.4.1 / en 2.4.6 tangent

TANGENT = Exercise(
    slug="calculus.tangent",
    section="calculus",
    numbers={"zh": "2.4.1", "en": "2.4.6"},
    kind="check",
    title=Text("The tangent of x³ − 1/x at x = 1", "x³ − 1/x 在 x = 1 处的切线"),
    statement=Text(
        "Take f(x) = x³ − 1/x (your file defines it already). Write `tangent(x)`: the "
        "values of the straight line that touches f at x = 1, at every element of a float "
        "tensor x of any shape, as a tensor of the same shape (the line is defined for "
        "every x, 0 included). To see it, plot f and the line with matplotlib inside "
        "`if __name__ == \"__main__\":`, which runs when you run the file yourself but not "
        "during the check, and save the figure with `plt.savefig` so that no display is "
        "needed. prelim compares your line with the one it builds from autograd's f'(1), "
        "and with the one from a central difference, on the book's plotting grid "
        "x = 0, 0.1, …, 2.9 and on random points.",
        "取 f(x) = x³ − 1/x（你的文件里已经定义好了）。写出 `tangent(x)`：在 x = 1 处与 f 相切"
        "的直线，在任意形状的浮点张量 x 的每个元素处的值，返回与 x 同形状的张量（这条直线对每个 "
        "x 都有定义，包括 0）。想看图的话，在 `if __name__ == \"__main__\":` 里用 matplotlib 画"
        "出 f 和切线：自己运行文件时它会执行，检查时不会；用 `plt.savefig` 保存图片，这样不需要"
        "显示器。prelim 会在书中作图用的网格 x = 0, 0.1, …, 2.9 和随机点上，把你的直线与用自动"
        "微分求出的 f'(1) 构造的直线、以及用中心差分构造的直线比较。"),
    hints=(
        Text("The tangent at x = 1 is the line through the point (1, f(1)) whose slope is "
             "f'(1).",
             "x = 1 处的切线是经过点 (1, f(1))、斜率为 f'(1) 的直线。"),
        Text("f'(x) = 3x² + 1/x²: the derivative of −1/x = −x⁻¹ is +x⁻², not −x⁻².",
             "f'(x) = 3x² + 1/x²：−1/x = −x⁻¹ 的导数是 +x⁻²，不是 −x⁻²。"),
        Text("f(1) = 0 and f'(1) = 4, so the line is y = 4(x − 1) = 4x − 4.",
             "f(1) = 0，f'(1) = 4，所以切线是 y = 4(x − 1) = 4x − 4。"),
    ),
    stub='''import torch


def f(x):
    return x ** 3 - 1 / x


def tangent(x):
    """The tangent line of f at x = 1, evaluated at every element of x."""
    ...


if __name__ == "__main__":  # runs with `python this_file.py`, not during prelim's check
    pass  # plot f and tangent here (see the statement)
''',
    solution='''import torch


def f(x):
    return x ** 3 - 1 / x


def tangent(x):
    """The tangent line of f at x = 1, evaluated at every element of x."""
    return 4 * x - 4  # f(1) = 0 and f'(1) = 3 + 1 = 4


if __name__ == "__main__":  # runs with `python this_file.py`, not during prelim's check
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x = torch.arange(0.1, 3, 0.1)
    plt.plot(x, f(x), label="f(x)")
    plt.plot(x, tangent(x), "--", label="tangent at x = 1")
    plt.legend()
    plt.savefig("tangent.png")
''',
    answer=Text(
        "f(1) = 1 − 1 = 0 and f'(x) = 3x² + 1/x², so f'(1) = 4. The tangent through (1, 0) "
        "with slope 4 is y = 4(x − 1) = 4x − 4. Near x = 1 the curve hugs the line; since "
        "f''(x) = 6x − 2/x³ is 4 > 0 at x = 1, f bends upward there and lies above its "
        "tangent on both sides nearby.",
        "f(1) = 1 − 1 = 0，f'(x) = 3x² + 1/x²，所以 f'(1) = 4。经过 (1, 0)、斜率为 4 的切线是 "
        "y = 4(x − 1) = 4x − 4。在 x = 1 附近曲线紧贴这条直线；由于 f''(x) = 6x − 2/x³ 在 1 "
        "处等于 4 > 0，f 在那里向上弯，两侧附近都位于切线上方。"),
    checker="calculus:check_tangent",
    lesson='prelim derivative "x**3 - 1/x" --at 1',
)


def check_tangent(t) -> None:
    import torch

    tangent = t.function("tangent")

    def f(x):
        return x ** 3 - 1 / x

    one = torch.tensor(1.0, dtype=torch.float64)
    lines = {"autograd": derivative(f, one), "central difference": central(f, one)}

    def cases(x, generated):
        for source, slope in lines.items():
            want = f(one) + slope * (x.double() - 1)  # through (1, f(1)) with that slope
            t.expect(Text(f"tangent(x) vs the line from {source}'s f'(1)",
                          f"tangent(x) 对比以{SOURCES[source]}求出的 f'(1) 为斜率的直线"),
                     lambda: tangent(x),
                     want.to(x.dtype), inputs={"x": x}, generated=generated, dtype=False,
                     **({} if source == "autograd" else FD))

    cases(torch.arange(0, 3, 0.1), None)  # the grid the book plots on
    for i in range(10):
        cases(torch.tensor([0.0, 1.0]) if i == 0 else points(t, i, -4, 4), i)


# ---------------------------------------------------------------- zh 2.4.2 / en 2.4.7 gradient

GRADIENT = Exercise(
    slug="calculus.gradient",
    section="calculus",
    numbers={"zh": "2.4.2", "en": "2.4.7"},
    kind="check",
    title=Text("The gradient of 3x₁² + 5e^{x₂}", "3x₁² + 5e^{x₂} 的梯度"),
    statement=Text(
        "For f(x) = 3x₁² + 5e^{x₂}, work out the gradient and write `grad_f(x)`: x is a "
        "float tensor of shape (2,) holding x₁ and x₂; return ∇f(x) as a tensor of shape "
        "(2,) (float32 or float64). prelim compares it with autograd and with central "
        "differences at random points.",
        "对 f(x) = 3x₁² + 5e^{x₂}，求出梯度并写出 `grad_f(x)`：x 是形状为 (2,) 的浮点张量，"
        "存放 x₁ 和 x₂；以形状为 (2,) 的张量（float32 或 float64）返回 ∇f(x)。prelim 会在随机"
        "点上把它与自动微分和中心差分比较。"),
    hints=(
        Text("The gradient lists the partial derivatives: ∂f/∂x₁ with x₂ held fixed, then "
             "∂f/∂x₂ with x₁ held fixed.",
             "梯度依次列出各个偏导数：固定 x₂ 求 ∂f/∂x₁，再固定 x₁ 求 ∂f/∂x₂。"),
        Text("3x₁² does not depend on x₂ and 5e^{x₂} does not depend on x₁: each partial "
             "derivative sees one term only. Build the result with `torch.stack`.",
             "3x₁² 与 x₂ 无关，5e^{x₂} 与 x₁ 无关：每个偏导数只看到一项。用 `torch.stack` "
             "拼出结果。"),
        Text("∇f(x) = [6x₁, 5e^{x₂}]: `torch.stack([6 * x[0], 5 * torch.exp(x[1])])`.",
             "∇f(x) = [6x₁, 5e^{x₂}]：`torch.stack([6 * x[0], 5 * torch.exp(x[1])])`。"),
    ),
    stub='''import torch


def grad_f(x):
    """The gradient of f(x) = 3 * x1**2 + 5 * exp(x2) at x = [x1, x2], shape (2,)."""
    ...
''',
    solution='''import torch


def grad_f(x):
    """The gradient of f(x) = 3 * x1**2 + 5 * exp(x2) at x = [x1, x2], shape (2,)."""
    return torch.stack([6 * x[0], 5 * torch.exp(x[1])])
''',
    answer=Text(
        "∂f/∂x₁ = 6x₁ (5e^{x₂} is a constant when only x₁ moves) and ∂f/∂x₂ = 5e^{x₂} "
        "(3x₁² is then the constant). So ∇f(x) = [6x₁, 5e^{x₂}]ᵀ; at x = (1, 0), for "
        "example, it is [6, 5].",
        "∂f/∂x₁ = 6x₁（只有 x₁ 变化时，5e^{x₂} 是常数），∂f/∂x₂ = 5e^{x₂}（这时 3x₁² 是常数）。"
        "所以 ∇f(x) = [6x₁, 5e^{x₂}]ᵀ；例如在 x = (1, 0) 处它等于 [6, 5]。"),
    checker="calculus:check_gradient",
    lesson='prelim derivative "3*x1**2 + 5*exp(x2)" --at x1=1,x2=0',
)


def check_gradient(t) -> None:
    import torch

    grad_f = t.function("grad_f")

    def f(x):
        return 3 * x[0] ** 2 + 5 * torch.exp(x[1])

    for i in range(12):
        x = torch.rand(2, generator=t.rng(i)) * torch.tensor([8.0, 6.0]) - torch.tensor(
            [4.0, 3.0])  # x1 in [-4, 4), x2 in [-3, 3)
        against_both(t, "grad_f(x)", lambda: grad_f(x), f, x, inputs={"x": x}, generated=i)


# ---------------------------------------------------------------- zh 2.4.3 / en 2.4.8 ‖x‖₂

NORM_GRADIENT = Exercise(
    slug="calculus.norm-gradient",
    section="calculus",
    numbers={"zh": "2.4.3", "en": "2.4.8"},
    kind="check",
    title=Text("The gradient of ‖x‖₂, and what happens at 0", "‖x‖₂ 的梯度，以及在 0 处的情况"),
    statement=Text(
        "For f(x) = ‖x‖₂ = √(x₁² + … + xₙ²), write `grad_norm(x)`: x is a 1-D float tensor "
        "of any length n ≥ 1, not all zeros; return ∇f(x) as a tensor of x's shape. Then "
        "decide what happens at x = 0: set `differentiable_at_zero` to True or False (a "
        "Python bool) and say why in `notes` (not checked). prelim compares `grad_norm` "
        "with autograd and with central differences at random vectors, and checks your "
        "answer about 0 with one-sided difference quotients.",
        "对 f(x) = ‖x‖₂ = √(x₁² + … + xₙ²)，写出 `grad_norm(x)`：x 是长度 n ≥ 1、不全为零的一维"
        "浮点张量；返回 ∇f(x)，形状与 x 相同。再判断 x = 0 处的情况：把 "
        "`differentiable_at_zero` 设为 True 或 False（Python 的 bool），并在 `notes` 里说明理由"
        "（不检查）。prelim 会在随机向量上把 `grad_norm` 与自动微分和中心差分比较，并用单侧差商"
        "检验你对 0 处的判断。"),
    hints=(
        Text("Write f = √s with s = x₁² + … + xₙ². Then ∂s/∂xᵢ = 2xᵢ, and the chain rule "
             "takes care of the square root.",
             "把 f 写成 √s，其中 s = x₁² + … + xₙ²。于是 ∂s/∂xᵢ = 2xᵢ，平方根交给链式法则。"),
        Text("∂f/∂xᵢ = xᵢ/‖x‖₂: the gradient is x scaled to length 1, pointing away from the "
             "origin. Along any line through 0, the graph of ‖x‖₂ is a V.",
             "∂f/∂xᵢ = xᵢ/‖x‖₂：梯度是把 x 缩放到长度 1，指向远离原点的方向。沿任何一条过 0 的"
             "直线，‖x‖₂ 的图像都是一个 V 字。"),
        Text("`x / torch.linalg.norm(x)`. At 0 the slope is +1 leaving 0 in every direction, "
             "so no single gradient fits: `differentiable_at_zero = False`.",
             "`x / torch.linalg.norm(x)`。在 0 处，朝任何方向离开 0 的斜率都是 +1，没有一个梯度"
             "能同时符合：`differentiable_at_zero = False`。"),
    ),
    stub='''import torch

notes = """
"""  # why ||x|| is or is not differentiable at 0 (not checked)


def grad_norm(x):
    """The gradient of the Euclidean norm at x (x is 1-D and not all zeros)."""
    ...


differentiable_at_zero = ...  # True or False
''',
    solution='''import torch

notes = """
Along the line t*v through 0, ||t v|| = |t| ||v||: a V with slopes -||v|| and +||v||.
A gradient g at 0 would need g.v = ||v|| and g.(-v) = ||v|| at once, impossible for v != 0.
(autograd returns 0 there, one of the subgradients: a convention, not a derivative.)
"""


def grad_norm(x):
    """The gradient of the Euclidean norm at x (x is 1-D and not all zeros)."""
    return x / torch.linalg.norm(x)


differentiable_at_zero = False
''',
    answer=Text(
        "With s = Σxᵢ², f = √s and ∂f/∂xᵢ = (1/(2√s))·2xᵢ = xᵢ/‖x‖₂, so ∇‖x‖₂ = x/‖x‖₂: "
        "a unit vector pointing away from the origin, whatever the length of x. At x = 0 "
        "the formula divides by 0, and no fix helps: along the line t·v through 0, "
        "‖t·v‖₂ = |t|·‖v‖₂ is a V, with slope −‖v‖₂ on one side and +‖v‖₂ on the other, so "
        "the norm has no derivative at 0 in any direction. PyTorch's autograd returns 0 "
        "there (a subgradient, chosen by convention), and the central difference is 0 too, "
        "because it averages the two slopes: both agree and both hide the kink. "
        "differentiable_at_zero = False.",
        "令 s = Σxᵢ²，则 f = √s，∂f/∂xᵢ = (1/(2√s))·2xᵢ = xᵢ/‖x‖₂，所以 ∇‖x‖₂ = x/‖x‖₂："
        "无论 x 多长，它都是指向远离原点方向的单位向量。在 x = 0 处公式要除以 0，而且怎样补救都"
        "不行：沿过 0 的直线 t·v，‖t·v‖₂ = |t|·‖v‖₂ 是一个 V 字，一侧斜率为 −‖v‖₂，另一侧为 "
        "+‖v‖₂，所以范数在 0 处沿任何方向都没有导数。PyTorch 的自动微分在那里返回 0（按约定选"
        "取的一个次梯度），中心差分也得到 0，因为它把两侧的斜率平均了：两者一致，却都掩盖了这个"
        "尖点。differentiable_at_zero = False。"),
    checker="calculus:check_norm_gradient",
    lesson='prelim autograd grad "norm(x)" --x 3,4',
)


def check_norm_gradient(t) -> None:
    import torch

    grad_norm = t.function("grad_norm")
    for i in range(12):
        n = 1 if i == 0 else t.random(i).randint(2, 8)
        x = torch.randn(n, generator=t.rng(i))
        if i == 1:
            x[0] = 0.0  # one coordinate 0 is fine, only the origin is not
        x = x * [1.0, 1.0, 100.0, 0.01][i % 4]
        against_both(t, "grad_norm(x)", lambda: grad_norm(x), torch.linalg.norm, x,
                     inputs={"x": x}, generated=i)
    answer = t.value("differentiable_at_zero")
    zero = torch.zeros(3, dtype=torch.float64)
    e = torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64)
    norm, h = torch.linalg.norm, 1e-6
    right = float(norm(zero + h * e) - norm(zero)) / h  # slope leaving 0 along +e
    left = float(norm(zero) - norm(zero - h * e)) / h  # slope arriving at 0 along +e
    t.expect("differentiable_at_zero", lambda: answer, abs(right - left) < 1e-6)


# ---------------------------------------------------------------- zh 2.4.4 / en 2.4.9 chain rule

CHAIN_RULE = Exercise(
    slug="calculus.chain-rule",
    section="calculus",
    numbers={"zh": "2.4.4", "en": "2.4.9"},
    kind="check",
    title=Text("The chain rule for u = f(x, y, z) of (a, b)",
               "u = f(x, y, z) 对 (a, b) 的链式法则"),
    statement=Text(
        "u = f(x, y, z), where x, y and z are each functions of a and b. Write "
        "`chain(du, J)`, which returns [∂u/∂a, ∂u/∂b] as a tensor of shape (2,), given the "
        "partial derivatives at one point: `du` is a tensor of shape (3,) holding ∂u/∂x, "
        "∂u/∂y and ∂u/∂z; `J` is a tensor of shape (3, 2) where J[i, j] is the derivative of "
        "the i-th of x, y, z with respect to the j-th of a, b (so J[0, 1] = ∂x/∂b). prelim "
        "builds random compositions (u = x·y + sin z with x = a·b, …), computes du and J by "
        "autograd, and compares your result with autograd run through the whole "
        "composition and with central differences in a and b.",
        "u = f(x, y, z)，而 x、y、z 都是 a 和 b 的函数。写出 `chain(du, J)`：已知某一点处的偏导"
        "数，以形状为 (2,) 的张量返回 [∂u/∂a, ∂u/∂b]。`du` 是形状为 (3,) 的张量，依次存放 "
        "∂u/∂x、∂u/∂y、∂u/∂z；`J` 是形状为 (3, 2) 的张量，J[i, j] 是 x、y、z 中第 i 个对 a、b "
        "中第 j 个的导数（所以 J[0, 1] = ∂x/∂b）。prelim 会随机构造复合函数（u = x·y + sin z，"
        "x = a·b，……），用自动微分算出 du 和 J，再把你的结果与对整个复合函数做自动微分的结果、"
        "以及对 a 和 b 的中心差分比较。"),
    hints=(
        Text("a reaches u along three paths: through x, through y and through z. Each path "
             "contributes the product of the derivatives along it.",
             "a 沿三条路径影响 u：经过 x、经过 y、经过 z。每条路径贡献沿途各导数的乘积。"),
        Text("∂u/∂a = ∂u/∂x·∂x/∂a + ∂u/∂y·∂y/∂a + ∂u/∂z·∂z/∂a, and the same with b. Column 0 "
             "of J belongs to a, column 1 to b.",
             "∂u/∂a = ∂u/∂x·∂x/∂a + ∂u/∂y·∂y/∂a + ∂u/∂z·∂z/∂a，对 b 同理。J 的第 0 列属于 a，"
             "第 1 列属于 b。"),
        Text("Both sums at once are a vector-matrix product: `du @ J`.",
             "两个和可以一次算出，就是向量乘矩阵：`du @ J`。"),
    ),
    stub='''import torch


def chain(du, J):
    """[du/da, du/db] from du = [du/dx, du/dy, du/dz] and J[i, j] = d(x, y, z)[i] / d(a, b)[j]."""
    ...
''',
    solution='''import torch


def chain(du, J):
    """[du/da, du/db] from du = [du/dx, du/dy, du/dz] and J[i, j] = d(x, y, z)[i] / d(a, b)[j]."""
    # du/da = du/dx dx/da + du/dy dy/da + du/dz dz/da, and the same for b
    return du @ J
''',
    answer=Text(
        "A small change in a moves x, y and z, and each of those moves u: "
        "∂u/∂a = ∂u/∂x·∂x/∂a + ∂u/∂y·∂y/∂a + ∂u/∂z·∂z/∂a, and "
        "∂u/∂b = ∂u/∂x·∂x/∂b + ∂u/∂y·∂y/∂b + ∂u/∂z·∂z/∂b. Written with the gradient "
        "du = [∂u/∂x, ∂u/∂y, ∂u/∂z] and the 3×2 Jacobian J of (x, y, z) with respect to "
        "(a, b), both lines are the single product du·J. Backpropagation computes exactly "
        "these sums, from the output back towards the inputs.",
        "a 的微小变化会带动 x、y、z，它们又各自带动 u："
        "∂u/∂a = ∂u/∂x·∂x/∂a + ∂u/∂y·∂y/∂a + ∂u/∂z·∂z/∂a，"
        "∂u/∂b = ∂u/∂x·∂x/∂b + ∂u/∂y·∂y/∂b + ∂u/∂z·∂z/∂b。用梯度 "
        "du = [∂u/∂x, ∂u/∂y, ∂u/∂z] 和 (x, y, z) 对 (a, b) 的 3×2 雅可比矩阵 J 来写，这两行就是"
        "一个乘积 du·J。反向传播算的正是这些和，从输出一路往回算到输入。"),
    checker="calculus:check_chain_rule",
    lesson='prelim derivative "a*b*sin(a + b)" --at a=1,b=2',
)


def compositions():
    """The outer functions u = f(x, y, z) and the inner ones of (a, b) the checker draws."""
    import torch

    outer = [("x*y + sin(z)", lambda x, y, z: x * y + torch.sin(z)),
             ("x**2 * exp(z) + y", lambda x, y, z: x ** 2 * torch.exp(z) + y),
             ("tanh(x + 2*y - z)", lambda x, y, z: torch.tanh(x + 2 * y - z)),
             ("x*y*z", lambda x, y, z: x * y * z),
             ("log(1 + x**2 + y**2) + z", lambda x, y, z: torch.log(1 + x ** 2 + y ** 2) + z)]
    inner = [("a*b", lambda a, b: a * b), ("a + b**2", lambda a, b: a + b ** 2),
             ("sin(a) - b", lambda a, b: torch.sin(a) - b),
             ("exp(a - b)", lambda a, b: torch.exp(a - b)),
             ("a**2 - 3*b", lambda a, b: a ** 2 - 3 * b),
             ("cos(a*b)", lambda a, b: torch.cos(a * b))]
    return outer, inner


def check_chain_rule(t) -> None:
    import torch

    chain = t.function("chain")
    outer, inner = compositions()
    for i in range(12):
        pick = t.random(i)
        u_name, u = pick.choice(outer)
        parts = [pick.choice(inner) for _ in "xyz"]
        ab = (torch.rand(2, generator=t.rng(i), dtype=torch.float64) * 3 - 1.5)

        def xyz(p):
            return torch.stack([part(p[0], p[1]) for _, part in parts])

        def composed(p):  # u(a, b) = f(x(a, b), y(a, b), z(a, b)), for autograd to go through
            return u(*xyz(p))

        du = derivative(lambda q: u(q[0], q[1], q[2]), xyz(ab))
        J = torch.stack([derivative(lambda p: part(p[0], p[1]), ab) for _, part in parts])
        inputs = {"u": u_name, **{v: name for v, (name, _) in zip("xyz", parts)},
                  "(a, b)": ab, "du": du, "J": J}
        against_both(t, "chain(du, J)", lambda: chain(du, J), composed, ab,
                     inputs=inputs, generated=i)


# ---------------------------------------------------------------- en 2.4.10 inverse function

INVERSE = Exercise(
    slug="calculus.inverse-function",
    section="calculus",
    numbers={"en": "2.4.10"},
    kind="check",
    title=Text("The derivative of an inverse function", "反函数的导数"),
    statement=Text(
        "Let f be invertible, so that f⁻¹(f(x)) = x and f(f⁻¹(y)) = y. Differentiate the "
        "second identity with respect to y to find the derivative of f⁻¹ (your derivation "
        "goes in `notes`, not checked). Write `inverse_derivative(df, f_inv, y)`: `df` is "
        "f' and `f_inv` is f⁻¹, both callables on tensors; y is a float tensor of any shape "
        "holding points where f'(f⁻¹(y)) ≠ 0; return (f⁻¹)'(y) as a tensor of y's shape, "
        "using only df and f_inv. prelim tries it on exp and log, x³ and ∛y, tanh and atanh, "
        "sinh and asinh, sigmoid and logit, and more, comparing with autograd's derivative "
        "of f⁻¹ and with a central difference.",
        "设 f 可逆，于是 f⁻¹(f(x)) = x，且 f(f⁻¹(y)) = y。把第二个恒等式对 y 求导，求出 f⁻¹ 的"
        "导数（推导写在 `notes` 里，不检查）。写出 `inverse_derivative(df, f_inv, y)`：`df` 是 "
        "f'，`f_inv` 是 f⁻¹，两者都是作用于张量的可调用对象；y 是任意形状的浮点张量，"
        "其中的点都满足 f'(f⁻¹(y)) ≠ 0；只用 df 和 f_inv，返回与 y 同形状的 (f⁻¹)'(y)。"
        "prelim 会用 exp 与 "
        "log、x³ 与 ∛y、tanh 与 atanh、sinh 与 asinh、sigmoid 与 logit 等函数对来试，与自动微分"
        "对 f⁻¹ 求出的导数以及中心差分比较。"),
    hints=(
        Text("Differentiate both sides of f(f⁻¹(y)) = y with respect to y. The chain rule "
             "turns the left side into f'(f⁻¹(y))·(f⁻¹)'(y); the right side gives 1.",
             "对 f(f⁻¹(y)) = y 两边关于 y 求导。链式法则把左边变成 f'(f⁻¹(y))·(f⁻¹)'(y)；"
             "右边得 1。"),
        Text("So (f⁻¹)'(y) = 1 / f'(f⁻¹(y)). Watch where f' is evaluated: at f⁻¹(y), not at "
             "y.",
             "所以 (f⁻¹)'(y) = 1 / f'(f⁻¹(y))。注意 f' 在哪里取值：在 f⁻¹(y) 处，而不是 y 处。"),
        Text("`1 / df(f_inv(y))`. For log, that is 1 / exp(log y) = 1 / y.",
             "`1 / df(f_inv(y))`。对 log 来说，就是 1 / exp(log y) = 1 / y。"),
    ),
    stub='''import torch

notes = """
"""  # your derivation from f(f_inv(y)) = y (not checked)


def inverse_derivative(df, f_inv, y):
    """The derivative of the inverse function f_inv at every element of y, from f' = df."""
    ...
''',
    solution='''import torch

notes = """
Differentiate f(f_inv(y)) = y in y: f'(f_inv(y)) * f_inv'(y) = 1 (chain rule),
so f_inv'(y) = 1 / f'(f_inv(y)), wherever f'(f_inv(y)) is not 0.
"""


def inverse_derivative(df, f_inv, y):
    """The derivative of the inverse function f_inv at every element of y, from f' = df."""
    return 1 / df(f_inv(y))
''',
    answer=Text(
        "Differentiating f(f⁻¹(y)) = y with the chain rule gives f'(f⁻¹(y))·(f⁻¹)'(y) = 1, "
        "so (f⁻¹)'(y) = 1 / f'(f⁻¹(y)) wherever f'(f⁻¹(y)) ≠ 0. Geometrically, the graph of "
        "f⁻¹ is the graph of f mirrored in the line y = x, which turns a slope s into 1/s. "
        "Examples: (log y)' = 1/e^{log y} = 1/y; (atanh y)' = 1/(1 − tanh²(atanh y)) "
        "= 1/(1 − y²); and ∛y has no derivative at 0, where (x³)' = 0.",
        "用链式法则对 f(f⁻¹(y)) = y 求导，得到 f'(f⁻¹(y))·(f⁻¹)'(y) = 1，所以在 f'(f⁻¹(y)) ≠ 0 "
        "的地方 (f⁻¹)'(y) = 1 / f'(f⁻¹(y))。从几何上看，f⁻¹ 的图像是 f 的图像关于直线 y = x 的"
        "镜像，镜像把斜率 s 变成 1/s。例如：(log y)' = 1/e^{log y} = 1/y；"
        "(atanh y)' = 1/(1 − tanh²(atanh y)) = 1/(1 − y²)；而 ∛y 在 0 处没有导数，因为那里 "
        "(x³)' = 0。"),
    checker="calculus:check_inverse",
    lesson='prelim derivative "log(x)" --at 2',
)


def inverse_pairs():
    """(name, f, f', f⁻¹, low, high, signed): y is drawn from [low, high), and from its
    negatives too when signed. f' is written by hand; tests check the pairs."""
    import torch

    def cube_root(y):
        return torch.sign(y) * y.abs() ** (1 / 3)

    return [
        ("exp / log", torch.exp, torch.exp, torch.log, 0.1, 5, False),
        ("x**3 / cube root", lambda x: x ** 3, lambda x: 3 * x ** 2, cube_root, 0.2, 8, True),
        ("tanh / atanh", torch.tanh, lambda x: 1 - torch.tanh(x) ** 2, torch.atanh, 0, 0.9,
         True),
        ("sinh / asinh", torch.sinh, torch.cosh, torch.asinh, 0, 5, True),
        ("sigmoid / logit", torch.sigmoid,
         lambda x: torch.sigmoid(x) * (1 - torch.sigmoid(x)), torch.logit, 0.05, 0.95, False),
        ("x**2 (x > 0) / sqrt", lambda x: x ** 2, lambda x: 2 * x, torch.sqrt, 0.1, 9, False),
        ("2*x + 1 / (y - 1)/2", lambda x: 2 * x + 1, lambda x: 2 + 0 * x, lambda y: (y - 1) / 2,
         0, 5, True),
    ]


def check_inverse(t) -> None:
    inverse_derivative = t.function("inverse_derivative")
    pairs = inverse_pairs()
    for i in range(14):
        name, _, df, f_inv, low, high, signed = pairs[i % len(pairs)]
        y = points(t, i, low, high, signed=signed)
        against_both(t, "inverse_derivative(df, f_inv, y)",
                     lambda: inverse_derivative(df, f_inv, y), f_inv, y,
                     inputs={"f / f_inv": name, "y": y}, generated=i)


EXERCISES = [FROM_DEFINITION, RULES, CONSTANT_MULTIPLE, X_TO_THE_X, FLAT_POINT, TANGENT,
             GRADIENT, NORM_GRADIENT, CHAIN_RULE, INVERSE]
