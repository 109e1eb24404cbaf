"""The exercises of §2.5 (both editions) and their checkers.

Each checker builds the book's input and generated ones, computes the answer its own way
(analytic formulas, PyTorch's autograd run by the checker itself, a loop) and
records each comparison on the Trial. Some exercises forbid a shortcut (calling cos, using
autograd where the derivative is to be worked out by hand); those are read from the
learner's file with ``ast``, never by running it. torch is imported inside the checkers:
they run only in the child.
"""

import ast

from prelim_cli.learn.exercise import Exercise, Text
from prelim_cli.learn.trial import names
from prelim_cli.topics.autograd.book import BOOK_F as BOOK_CELL

# ---------------------------------------------------------------- what the learner's file says


AUTOGRAD_NAMES = {"backward", "grad", "autograd", "jacrev", "jacfwd", "vjp", "jvp",
                  "forward_ad", "hessian"}


def _autograd(name: str, used: bool):
    """The claim that ``def name`` does (or, worked out by hand, does not) use autograd."""
    if used:
        return (Text(f"{name} gets its derivatives from autograd (backward or "
                     "torch.autograd.grad)",
                     f"{name} 的导数来自自动微分（backward 或 torch.autograd.grad）"),
                lambda node: bool(names(node) & AUTOGRAD_NAMES))
    return (Text(f"{name} works the derivative out by hand (no backward, no torch.autograd)",
                 f"{name} 手工推导出导数（不用 backward，不用 torch.autograd）"),
            lambda node: not names(node) & AUTOGRAD_NAMES)


def _learner(t, call: str | Text, thunk, **where):
    """Run the learner's code for a value the checker needs next. If it raises, that is a
    failed case with their line, and None comes back."""
    try:
        return thunk()
    except Exception as err:  # noqa: BLE001 - the learner's code, whatever it raised
        failure = err

        def again():
            raise failure

        t.expect(call, again, None, **where)
        return None


# ---------------------------------------------------------------- 2.5.1 the second derivative

# f as prelim shows it, the function, and its second derivative worked out by hand;
# `positive`: f is only defined (or only finite) away from 0, so x is kept from it.
SECOND_DERIVATIVES = (
    ("x**3", lambda x: x ** 3, lambda x: 6 * x, False),
    ("torch.sin", "sin", lambda x: -x.sin(), False),
    ("torch.exp", "exp", lambda x: x.exp(), False),
    ("torch.tanh", "tanh", lambda x: -2 * x.tanh() * (1 - x.tanh() ** 2), False),
    ("x**4", lambda x: x ** 4, lambda x: 12 * x ** 2, False),
    ("1/x", lambda x: 1 / x, lambda x: 2 / x ** 3, True),
    ("torch.log", "log", lambda x: -1 / x ** 2, True),
    ("x*torch.sin(x)", lambda x: x * x.sin(), lambda x: 2 * x.cos() - x * x.sin(), False),
    ("torch.sigmoid", "sigmoid",
     lambda x: x.sigmoid() * (1 - x.sigmoid()) * (1 - 2 * x.sigmoid()), False),
    ("x**2", lambda x: x ** 2, lambda x: 2 + 0 * x, False),
)

SECOND_DERIVATIVE = Exercise(
    slug="autograd.second-derivative",
    section="autograd",
    numbers={"zh": "2.5.1", "en": "2.5.1"},
    kind="code",
    title=Text("A second derivative with autograd", "用自动微分求二阶导数"),
    statement=Text(
        "Autograd can differentiate a derivative it has computed, if you ask it to keep that "
        "derivative's graph. Write `second_derivative(f, x)`: `f` is a function that works "
        "element by element on a tensor (such as `lambda x: x**3` or `torch.sin`), `x` a "
        "floating-point tensor of any shape (a 0-d one too) that does not track gradients "
        "yet. Return a tensor with x's shape and dtype holding f''(x) at every element, "
        "computed by autograd: not worked out by hand, not by finite differences. prelim "
        "tries it on functions whose second derivative it knows (x³, sin, exp, tanh, 1/x, "
        "log, ...); none of them is linear. Then answer in `notes`, in your own words: why "
        "does the second derivative cost more to compute than the first?",
        "自动微分也能对它算出的导数再求导，只要你让它保留这个导数的计算图。写出 "
        "`second_derivative(f, x)`：`f` 是逐元素作用在张量上的函数（例如 `lambda x: x**3` 或 "
        "`torch.sin`），`x` 是任意形状（也可以是 0 维）的浮点张量，还没有开始跟踪梯度。返回一个"
        "与 x 形状和 dtype 相同的张量，每个元素是该点的 f''(x)，要用自动微分算出来：不要手工推导，"
        "也不要用有限差分。prelim 会用它知道二阶导数的函数（x³、sin、exp、tanh、1/x、log 等）"
        "来检查，其中没有线性函数。然后在 `notes` 里用自己的话回答：为什么计算二阶导数比一阶导数"
        "开销更大？"),
    hints=(
        Text("Because f works element by element, the gradient of f(x).sum() with respect "
             "to x is f'(x) at every element; the same trick works once more on f'(x).",
             "f 是逐元素的，所以 f(x).sum() 对 x 的梯度在每个元素上就是 f'(x)；对 f'(x) "
             "再用一次同样的办法即可。"),
        Text("The first derivative must itself be part of a graph, or there is nothing "
             "left to differentiate: `torch.autograd.grad(..., create_graph=True)` builds "
             "that graph. (`backward(create_graph=True)` does too, but then x.grad already "
             "holds f'(x), and a second backward would add to it.)",
             "一阶导数本身必须在计算图里，否则就没有东西可以再求导了："
             "`torch.autograd.grad(..., create_graph=True)` 会建立这个图。"
             "（`backward(create_graph=True)` 也可以，但那时 x.grad 里已经存着 f'(x)，"
             "第二次 backward 会加到它上面。）"),
        Text("Three lines: `x = x.detach().requires_grad_(True)`, "
             "`first, = torch.autograd.grad(f(x).sum(), x, create_graph=True)`, "
             "`second, = torch.autograd.grad(first.sum(), x)`.",
             "三行即可：`x = x.detach().requires_grad_(True)`，"
             "`first, = torch.autograd.grad(f(x).sum(), x, create_graph=True)`，"
             "`second, = torch.autograd.grad(first.sum(), x)`。"),
    ),
    stub='''import torch


def second_derivative(f, x):
    """f''(x) at every element of x, computed by autograd."""
    ...


notes = """
Why does the second derivative cost more than the first?
"""
''',
    solution='''import torch


def second_derivative(f, x):
    """f''(x) at every element of x, computed by autograd."""
    x = x.detach().requires_grad_(True)
    first, = torch.autograd.grad(f(x).sum(), x, create_graph=True)
    second, = torch.autograd.grad(first.sum(), x)
    return second


notes = """
The first backward pass has to be recorded as a graph of its own, which keeps more
intermediate values alive, and then a second backward runs through that larger graph.
"""
''',
    answer=Text(
        "A backward pass normally just produces numbers and frees the graph. For a second "
        "derivative it must instead be recorded as operations (create_graph=True): every "
        "step of the backward pass becomes a node with its own saved tensors, so the graph "
        "roughly doubles and more memory stays in use. The second derivative is then a "
        "backward pass through that bigger graph, about the work of the first two passes "
        "together. For a function of n inputs the full matrix of second derivatives (the "
        "Hessian) has n² entries and needs one such pass per input, where the gradient "
        "needed one pass in all.",
        "普通的反向传播只产生数值，然后释放计算图。求二阶导数时，反向传播本身必须被记录成运算"
        "（create_graph=True）：反向传播的每一步都成了带有自己保存张量的节点，图大约变成两倍，"
        "占用的内存也更多。二阶导数再对这个更大的图做一次反向传播，工作量大约相当于前两遍之和。"
        "对 n 个输入的函数，完整的二阶导数矩阵（Hessian）有 n² 个元素，每个输入都要这样一遍，"
        "而梯度总共只要一遍。"),
    checker="autograd:check_second_derivative",
    lesson='prelim autograd grad "sum(x**3)" --x 0,1,2,3',
)


def check_second_derivative(t) -> None:
    import torch

    second_derivative = t.function("second_derivative")
    t.claims_about("second_derivative", [_autograd("second_derivative", used=True)])
    x = torch.arange(4.0)  # the book's x; f = x³, so f'' = 6x
    t.expect("second_derivative(lambda x: x**3, x)",
             lambda: second_derivative(lambda v: v ** 3, x.clone()), 6 * x, inputs={"x": x})
    for i in range(12):
        pick = t.random(i)
        shown, f, f2, positive = SECOND_DERIVATIVES[i % len(SECOND_DERIVATIVES)]
        if isinstance(f, str):
            f = getattr(torch, f)
        shape = pick.choice([(), (1,), (pick.randint(2, 5),), (2, pick.randint(1, 3))])
        dtype = torch.float32 if i % 3 == 0 else torch.float64
        x = torch.randn(shape, generator=t.rng(i), dtype=dtype) * 1.5
        if positive:  # away from 0, where 1/x and log are not finite
            x = x.abs() + 0.5
        t.expect(f"second_derivative({shown}, x)", lambda: second_derivative(f, x.clone()),
                 f2(x), inputs={"x": x}, generated=i)


# ---------------------------------------------------------------- 2.5.2 backward twice

BACKWARD_TWICE = Exercise(
    slug="autograd.backward-twice",
    section="autograd",
    numbers={"zh": "2.5.2", "en": "2.5.2"},
    kind="code",
    title=Text("Running backward a second time", "再运行一次反向传播"),
    statement=Text(
        "In §2.5, y = 2 * torch.dot(x, x) and y.backward() gives x.grad = 4x. Call "
        "y.backward() again straight away and read what PyTorch says. Then write "
        "`backward_twice(x)`: x is a 1-D float tensor that already has requires_grad=True "
        "and no gradient yet (x.grad is None), as in the book. Compute y = 2 * "
        "torch.dot(x, x) once, make two calls of y.backward() on that same y both succeed, "
        "and return x.grad. prelim checks the value and that both passes ran through the "
        "one graph you built (computing y again, or doubling x.grad by hand, does not "
        "count). In `notes`: what did the error say, why does PyTorch raise it, and what "
        "does the returned value tell you about x.grad?",
        "§2.5 中 y = 2 * torch.dot(x, x)，y.backward() 得到 x.grad = 4x。紧接着再调用一次 "
        "y.backward()，读一读 PyTorch 说了什么。然后写出 `backward_twice(x)`：x 是一维浮点"
        "张量，和书中一样已经设置了 requires_grad=True，还没有梯度（x.grad 是 None）。只计算一次 "
        "y = 2 * torch.dot(x, x)，让对这同一个 y 的两次 y.backward() 都成功，然后返回 x.grad。"
        "prelim 会检查返回值，也会检查两遍反向传播都经过你建立的那一个计算图（重新计算 y，或者"
        "手工把 x.grad 乘以 2，都不算数）。在 `notes` 里回答：报错说了什么？PyTorch 为什么报错？"
        "返回值说明了 x.grad 的什么行为？"),
    hints=(
        Text("After a backward pass PyTorch frees the values the graph saved for it (here, "
             "x itself for the dot product), unless you ask it to keep them.",
             "反向传播之后，PyTorch 会释放计算图为它保存的值（这里是点积保存的 x），除非你要求"
             "保留。"),
        Text("The error message names the keyword argument that keeps them; the first "
             "backward is the one that needs it.",
             "报错信息里就写着保留它们的关键字参数；需要它的是第一次反向传播。"),
        Text("y.backward(retain_graph=True) and then y.backward(). The gradients add up "
             "in x.grad, so expect twice 4x.",
             "先 y.backward(retain_graph=True)，再 y.backward()。梯度会在 x.grad 中累加，"
             "所以结果应是 4x 的两倍。"),
    ),
    stub='''import torch


def backward_twice(x):
    """x.grad after two backward passes through one y = 2 * torch.dot(x, x)."""
    ...


notes = """
What the error said, why, and what the value shows:
"""
''',
    solution='''import torch


def backward_twice(x):
    """x.grad after two backward passes through one y = 2 * torch.dot(x, x)."""
    y = 2 * torch.dot(x, x)
    y.backward(retain_graph=True)  # keep the saved x for a second pass
    y.backward()
    return x.grad


notes = """
Without retain_graph=True the second call fails: the first pass freed the values the
graph had saved. With it, both passes run and x.grad holds 4x + 4x = 8x: gradients add up.
"""
''',
    answer=Text(
        "The first backward pass frees what the graph saved for it (the dot product saved "
        "x), so a second pass has nothing to work with and PyTorch raises \"Trying to "
        "backward through the graph a second time\", naming retain_graph=True as the way "
        "out. With the graph retained, the second pass runs and adds its gradient to the "
        "one already stored: x.grad becomes 4x + 4x = 8x, [0., 8., 16., 24.] for the "
        "book's x. That is the same accumulation §2.5 clears with x.grad.zero_().",
        "第一次反向传播会释放计算图为它保存的值（点积保存了 x），第二次就无从计算，PyTorch 报出 "
        "\"Trying to backward through the graph a second time\"，并指出可以用 "
        "retain_graph=True。保留计算图后，第二遍能运行，并把它的梯度加到已经存着的梯度上："
        "x.grad 变成 4x + 4x = 8x，对书中的 x 就是 [0., 8., 16., 24.]。这正是 §2.5 用 "
        "x.grad.zero_() 清除的那种累加。"),
    checker="autograd:check_backward_twice",
    lesson="prelim autograd accumulate",
)


def check_backward_twice(t) -> None:
    import torch

    backward_twice = t.function("backward_twice")
    for i in (None, *range(11)):
        if i is None:
            x = torch.arange(4.0)  # the book's x: two passes give 8x = [0., 8., 16., 24.]
        else:
            dtype = torch.float64 if i % 2 else torch.float32
            x = torch.randn(t.random(i).randint(1, 6), generator=t.rng(i), dtype=dtype)
        passes = _GraphUses()
        x.requires_grad_(True)
        if t.expect("backward_twice(x)", lambda: passes.around(backward_twice, x),
                    8 * x.detach(), inputs={"x": x.detach()}, generated=i):
            t.holds(Text("both backward passes ran through the one graph that built y",
                         "两遍反向传播都经过了构建 y 的那同一个计算图"),
                    lambda: bool(passes.saved) and all(n == 2 for n in passes.saved.values()),
                    inputs={"x": x.detach()}, generated=i)


class _GraphUses:
    """Counts how often backward passes use each tensor a graph saved while it was built:
    one graph run backward twice uses each exactly twice; a graph built twice and run once
    each uses twice as many, once each."""

    def __init__(self) -> None:
        self.saved: dict[int, int] = {}

    def around(self, function, *args):
        import torch

        kept: list = []

        def pack(tensor):
            kept.append(tensor)
            self.saved[len(kept) - 1] = 0
            return len(kept) - 1

        def unpack(key):
            self.saved[key] += 1
            return kept[key]

        with torch.autograd.graph.saved_tensors_hooks(pack, unpack):
            return function(*args)


# ---------------------------------------------------------------- 2.5.3 a vector or matrix a

BOOK_F = BOOK_CELL + "\n"  # the book's f, as §2.5's demo shows it

CONTROL_FLOW_VECTOR = Exercise(
    slug="autograd.control-flow-vector",
    section="autograd",
    numbers={"zh": "2.5.3", "en": "2.5.3"},
    kind="code",
    title=Text("The control-flow example with a vector or a matrix",
               "控制流的例子换成向量或矩阵"),
    statement=Text(
        "Your file starts with the book's f. Try `a = torch.randn(3, requires_grad=True); "
        "d = f(a); d.backward()` and read the error: d is no longer a single number. Then "
        "write `grad_of_f(a)`: a is a float tensor of any shape (0-d, a vector, a matrix) "
        "that does not track gradients yet; return the gradient of the SUM of f(a)'s "
        "elements with respect to a, a tensor shaped like a with a's dtype. In `notes`: "
        "what happens to the result, and how can you analyse it (what is f(a) as a "
        "function of a)?",
        "文件开头是书中的 f。试试 `a = torch.randn(3, requires_grad=True); d = f(a); "
        "d.backward()`，读一读报错：d 不再是一个数了。然后写出 `grad_of_f(a)`：a 是任意形状"
        "（0 维、向量、矩阵）的浮点张量，还没有开始跟踪梯度；返回 f(a) 所有元素之和对 a 的梯度，"
        "即与 a 形状相同、dtype 相同的张量。在 `notes` 里回答：结果怎么了？怎样分析它（把 f(a) "
        "看成 a 的函数，它是什么样子）？"),
    hints=(
        Text("backward() without arguments only works on a single number. Reduce d to one "
             "first, or pass backward a tensor of weights shaped like d.",
             "不带参数的 backward() 只适用于单个数。先把 d 归约成一个数，或者给 backward 传一个"
             "与 d 形状相同的权重张量。"),
        Text("The norm and the sum in f look at the whole tensor, so the loop doubles every "
             "element the same number of times: f(a) = k·a for one number k.",
             "f 里的范数和求和针对整个张量，所以循环把每个元素翻倍的次数相同：f(a) = k·a，"
             "k 是同一个数。"),
        Text("`a = a.detach().requires_grad_(True)`, then `f(a).sum().backward()`, then "
             "`return a.grad` (every element of it is that k, which is also f(a) / a).",
             "`a = a.detach().requires_grad_(True)`，然后 `f(a).sum().backward()`，再 "
             "`return a.grad`（它的每个元素都是那个 k，也就是 f(a) / a）。"),
    ),
    stub='''import torch


''' + BOOK_F + '''

def grad_of_f(a):
    """The gradient of f(a).sum() with respect to a."""
    ...


notes = """
What happens with a vector or a matrix a, and how to analyse it:
"""
''',
    solution='''import torch


''' + BOOK_F + '''

def grad_of_f(a):
    """The gradient of f(a).sum() with respect to a."""
    a = a.detach().requires_grad_(True)
    f(a).sum().backward()  # or f(a).backward(torch.ones_like(a))
    return a.grad


notes = """
f(a) is now a tensor shaped like a, and backward() needs a single number: sum it, or pass
a gradient argument. The loop and the if look at the whole tensor, so f(a) = k * a with one
k for every element, and the gradient is k everywhere: d / a.
"""
''',
    answer=Text(
        "With a vector or matrix a, f(a) has a's shape, and d.backward() fails with \"grad "
        "can be implicitly created only for scalar outputs\": PyTorch needs a single number "
        "(or weights for each element) to go backward from. Summing, or "
        "d.backward(torch.ones_like(d)), gives the gradient of the sum. To analyse it: "
        "b.norm() and b.sum() look at the whole tensor, so the loop doubles all elements "
        "the same number of times and the if picks one branch for all of them. f(a) = k·a "
        "with one scalar k (a power of 2, times 100 when the sum is negative), so every "
        "element of the gradient is k, and a.grad == d / a still holds element by element.",
        "当 a 是向量或矩阵时，f(a) 的形状与 a 相同，d.backward() 报错 \"grad can be "
        "implicitly created only for scalar outputs\"：PyTorch 需要一个数（或每个元素的权重）"
        "作为反向传播的起点。求和，或者 d.backward(torch.ones_like(d))，得到的是和的梯度。"
        "分析：b.norm() 和 b.sum() 针对整个张量，所以循环把所有元素翻倍同样多次，if 也为它们选同"
        "一个分支。f(a) = k·a，k 是同一个标量（2 的幂，和为负时再乘 100），所以梯度的每个元素都是 "
        "k，a.grad == d / a 依然逐元素成立。"),
    checker="autograd:check_control_flow_vector",
    lesson="prelim autograd control-flow --seed 0",
)


def check_control_flow_vector(t) -> None:
    import torch

    grad_of_f = t.function("grad_of_f")

    def k_of(a) -> float:
        """f(a) = k·a: doubling is exact in floating point, so count the doublings."""
        k, size = 2.0, float(a.norm())
        while k * size < 1000:
            k *= 2
        return k if float(a.sum()) > 0 else 100 * k

    a = torch.randn(size=(), generator=torch.Generator().manual_seed(0))  # the book's call
    t.expect("grad_of_f(a)", lambda: grad_of_f(a.clone()), torch.full_like(a, k_of(a)),
             inputs={"a": a})
    shapes = [(3,), (1,), (2, 3), (4, 1), (1, 1), (2, 2, 2), (5,), (3, 2), (1, 4), (2,),
              (6,), (2, 2)]
    for i, shape in enumerate(shapes):
        dtype = torch.float64 if i % 3 == 2 else torch.float32
        a = torch.randn(shape, generator=t.rng(i), dtype=dtype) * 10 ** t.random(i).uniform(-3, 1)
        if (i % 2) == (float(a.sum()) > 0):  # half of them take the else branch
            a = -a
        t.expect("grad_of_f(a)", lambda: grad_of_f(a.clone()), torch.full_like(a, k_of(a)),
                 inputs={"a": a}, generated=i)


# ---------------------------------------------------------------- zh 2.5.4 your own example

OWN_CONTROL_FLOW = Exercise(
    slug="autograd.own-control-flow",
    section="autograd",
    numbers={"zh": "2.5.4"},
    kind="code",
    title=Text("Your own control-flow function, checked against autograd",
               "自己设计一个控制流函数，与自动微分对照"),
    statement=Text(
        "Design a function whose computation depends on its input: write `f(x)`, where x is "
        "a 1-D float64 tensor of 1 to 5 elements and the result is a 0-d tensor, with at "
        "least one `if` or `while` in its body whose outcome depends on the values of x; "
        "use torch operations on x so autograd can follow. Then work out its gradient by "
        "hand and write it as `grad_f(x)` (a tensor shaped like x, float32 or float64; no "
        "backward, no torch.autograd in it). prelim reads both definitions and runs f on "
        "12 random inputs (1 to 5 normally distributed elements, scaled by 0.1, 1 or 4, "
        "with either sign); it checks that they do not all take the same path through "
        "your code, and compares grad_f with what autograd finds for f.",
        "设计一个计算过程取决于输入的函数：写出 `f(x)`，x 是含 1 到 5 个元素的一维 float64 张量，"
        "结果是 0 维张量；函数体里至少要有一个 `if` 或 `while`，其走向取决于 x 的值；对 x 使用 "
        "torch 运算，自动微分才能跟上。然后手工推导它的梯度，写成 `grad_f(x)`（与 x 形状相同的"
        "张量，float32 或 float64 均可；其中不要用 backward 或 torch.autograd）。prelim 会读这"
        "两个定义，在 12 个随机输入上运行 f（1 到 5 个服从正态分布的元素，乘以 0.1、1 或 4，"
        "正负号随机）；它检查这些输入并非都走同一条路径，并把 grad_f 与自动微分对 f 求得的结果"
        "比较。"),
    hints=(
        Text("Branch on something that changes from input to input: the sign of x.sum(), "
             "whether x.norm() is above 1, how many times you can halve x before it gets "
             "small.",
             "按输入不同而变化的量来分支：x.sum() 的符号、x.norm() 是否大于 1、x 要减半多少次"
             "才变小。"),
        Text("On each path f is an ordinary formula, so grad_f can use the same test to "
             "pick the formula's gradient: the if in f reappears in grad_f.",
             "在每条路径上 f 都是普通的公式，所以 grad_f 可以用同样的条件来选出对应公式的梯度："
             "f 里的 if 会在 grad_f 里再出现一次。"),
        Text("For example: f returns (x * x).sum() when x.sum() > 0, else (3 * x).sum(); "
             "grad_f returns 2 * x in the first case and torch.full_like(x, 3.0) in the "
             "second.",
             "例如：x.sum() > 0 时 f 返回 (x * x).sum()，否则返回 (3 * x).sum()；grad_f 在第一种"
             "情况返回 2 * x，第二种情况返回 torch.full_like(x, 3.0)。"),
    ),
    stub='''import torch


def f(x):
    """A number computed from x along a path (if / while) that depends on x."""
    ...


def grad_f(x):
    """The gradient of f at x, worked out by hand."""
    ...
''',
    solution='''import torch


def f(x):
    """A number computed from x along a path (if / while) that depends on x."""
    y = x
    while y.norm() > 1:  # halve until the vector is short
        y = y / 2
    if y.sum() > 0:
        return (y * y).sum()
    return (3 * y).sum()


def grad_f(x):
    """The gradient of f at x, worked out by hand."""
    scale = 1.0
    while (x * scale).norm() > 1:
        scale = scale / 2
    y = x * scale
    if y.sum() > 0:
        return 2 * y * scale  # d/dx of sum((scale·x)²)
    return torch.full_like(x, 3 * scale)
''',
    answer=Text(
        "Autograd records only the operations that actually ran, so on each input f is a "
        "plain formula along the path it took, and its gradient is that formula's "
        "gradient. grad_f written by hand has to take the same decisions as f (the same "
        "loop count, the same branch) and then differentiate the formula of that path. "
        "Where a branch switches (here, where x.sum() crosses 0) f can jump, and the "
        "gradient either side describes only that side.",
        "自动微分只记录实际执行了的运算，所以在每个输入上，f 就是沿它所走路径的普通公式，梯度就是"
        "这个公式的梯度。手写的 grad_f 必须做出和 f 一样的决定（同样的循环次数、同样的分支），"
        "再对这条路径的公式求导。在分支切换的地方（这里是 x.sum() 穿过 0 处），f 可能跳变，两侧的"
        "梯度只描述各自那一侧。"),
    checker="autograd:check_own_control_flow",
    lesson="prelim autograd control-flow --a -0.5",
)


def check_own_control_flow(t) -> None:
    import torch

    f, grad_f = t.function("f"), t.function("grad_f")
    t.claims_about("f", [(Text("f has an if or a while in its body",
                               "f 的函数体里有 if 或 while"), lambda node: any(
        isinstance(part, (ast.If, ast.While, ast.IfExp)) for part in ast.walk(node)))])
    t.claims_about("grad_f", [_autograd("grad_f", used=False)])
    paths = set()
    for i in range(12):
        pick = t.random(i)
        x = torch.randn(pick.randint(1, 5), generator=t.rng(i), dtype=torch.float64)
        x = x * pick.choice([0.1, 1.0, 4.0]) * pick.choice([1, -1])
        taken = _learner(t, "f(x)", lambda: _path(f, x.clone()), inputs={"x": x},
                         generated=i)
        if taken is None:
            continue
        paths.add(taken)
        leaf = x.clone().requires_grad_(True)
        y = _learner(t, Text("f(x) with x.requires_grad_(True)",
                             "x.requires_grad_(True) 之后的 f(x)"), lambda: f(leaf),
                     inputs={"x": x}, generated=i)
        if y is None or not t.expect("f(x).shape", lambda: tuple(y.shape), (),
                                     inputs={"x": x}, generated=i):
            continue
        if not t.holds(Text("f(x) depends on x (autograd can follow it)",
                            "f(x) 依赖于 x（自动微分能跟踪它）"),
                       lambda: y.requires_grad, inputs={"x": x}, generated=i):
            continue
        want = _learner(t, "torch.autograd.grad(f(x), x)",
                        lambda: torch.autograd.grad(y, leaf)[0], inputs={"x": x}, generated=i)
        if want is None:
            continue
        t.expect("grad_f(x)", lambda: grad_f(x.clone()), want, inputs={"x": x},
                 generated=i, dtype=False, rtol=1e-4, atol=1e-6)
    t.holds(Text("f took more than one path through its if / while over these inputs",
                 "在这些输入上，f 在它的 if / while 中走了不止一条路径"),
            lambda: len(paths) > 1, inputs={"paths seen": len(paths)})


PATH_KEPT = 100_000  # steps of a path remembered: a long loop is still told apart by then


def _path(function, *args):
    """The bytecode offsets ``function``'s own frames executed, in order: two inputs that
    go through different branches or loop counts give different paths."""
    import sys

    code, trail = function.__code__, []

    def local(frame, event, arg):
        if event == "opcode" and len(trail) < PATH_KEPT:
            trail.append(frame.f_lasti)
        return local

    def calls(frame, event, arg):
        if frame.f_code is not code:
            return None
        frame.f_trace_opcodes = True
        return local

    before = sys.gettrace()
    sys.settrace(calls)
    try:
        function(*args)
    finally:
        sys.settrace(before)
    return hash(tuple(trail))


# ---------------------------------------------------------------- zh 2.5.5 / en 2.5.4 sin and f'

SIN_PLOT = '''\
if __name__ == "__main__":  # python this_file.py draws the plot; prelim learn check does not
    import matplotlib.pyplot as plt

    x = torch.linspace(-6.3, 6.3, 127)
    y, dy = sin_and_derivative(x)
    plt.plot(x, y, label="f(x) = sin(x)")
    plt.plot(x, dy, "--", label="df/dx by autograd")
    plt.legend()
    plt.savefig("sin.svg")
'''  # both the stub and the solution end with it

SIN_DERIVATIVE = Exercise(
    slug="autograd.sin-derivative",
    section="autograd",
    numbers={"zh": "2.5.5", "en": "2.5.4"},
    kind="code",
    title=Text("sin(x) and its derivative, without cos", "不用 cos 画出 sin(x) 及其导数"),
    statement=Text(
        "Write `sin_and_derivative(x)`: x is a 1-D float tensor of points (any length, 1 "
        "too) that does not track gradients yet. Return a pair `(y, dy)` of tensors shaped "
        "like x with x's dtype: y = sin(x) at every point and dy = the derivative of sin at "
        "every point, found by autograd. The function must not call cos (nor rebuild it "
        "from sin): prelim reads its definition to make sure, then compares dy with cos(x) "
        "itself. Then plot both curves: the stub has a plotting block under "
        "`if __name__ == \"__main__\":`, which prelim does not run; run your file with "
        "python to draw it.",
        "写出 `sin_and_derivative(x)`：x 是一维浮点张量，表示若干个点（任意长度，也可以只有 1 "
        "个），还没有开始跟踪梯度。返回一对张量 `(y, dy)`，形状与 x 相同、dtype 与 x 相同：y 是"
        "每个点的 sin(x)，dy 是每个点上 sin 的导数，用自动微分求出。这个函数不能调用 cos（也不能"
        "用 sin 拼出 cos）：prelim 会读它的定义来确认，再把 dy 与 cos(x) 本身比较。然后把两条曲线"
        "画出来：模板里在 `if __name__ == \"__main__\":` 下有一段画图代码，prelim 不会运行它；"
        "用 python 运行你的文件就能画图。"),
    hints=(
        Text("sin works element by element, so the gradient of sin(x).sum() with respect "
             "to x is the derivative at every point.",
             "sin 是逐元素的，所以 sin(x).sum() 对 x 的梯度就是每个点上的导数。"),
        Text("Turn on requires_grad for a copy of x, compute y from it, call backward on a "
             "single number, then read the copy's .grad.",
             "对 x 的副本打开 requires_grad，用它算出 y，对一个数调用 backward，再读副本的 "
             ".grad。"),
        Text("`x = x.detach().requires_grad_(True)`, `y = torch.sin(x)`, "
             "`y.sum().backward()`, then `return y.detach(), x.grad`.",
             "`x = x.detach().requires_grad_(True)`，`y = torch.sin(x)`，"
             "`y.sum().backward()`，最后 `return y.detach(), x.grad`。"),
    ),
    stub='''import torch


def sin_and_derivative(x):
    """(sin(x), the derivative of sin at x by autograd), without calling cos."""
    ...


''' + SIN_PLOT,
    solution='''import torch


def sin_and_derivative(x):
    """(sin(x), the derivative of sin at x by autograd), without calling cos."""
    x = x.detach().requires_grad_(True)
    y = torch.sin(x)
    y.sum().backward()  # each point's y depends on its own x only
    return y.detach(), x.grad


''' + SIN_PLOT,
    answer=Text(
        "Because y = sin(x) is computed point by point, the gradient of y.sum() with "
        "respect to x holds at each point the derivative there: backward finds it from "
        "sin's own backward function, and nobody had to write cos. The dashed curve is the "
        "solid one shifted left by π/2, the picture of sin' = cos.",
        "y = sin(x) 是逐点计算的，所以 y.sum() 对 x 的梯度在每个点上就是该点的导数：backward "
        "靠 sin 自己的反向函数求出它，谁也不必写 cos。虚线就是实线向左平移 π/2，这正是 "
        "sin' = cos 的样子。"),
    checker="autograd:check_sin_derivative",
    lesson='prelim autograd plot "sin(x)"',
)


def check_sin_derivative(t) -> None:
    import math

    import torch

    sin_and_derivative = t.function("sin_and_derivative")
    t.claims_about("sin_and_derivative", [
        (Text("sin_and_derivative does not call cos", "sin_and_derivative 没有调用 cos"),
         lambda node: not names(node) & {"cos", "cosh"}),
        _autograd("sin_and_derivative", used=True),
        (Text("sin_and_derivative does not shift sin by π/2 (that is cos again)",
              "sin_and_derivative 没有把 sin 平移 π/2（那又是 cos 了）"),
         lambda node: not names(node) & {"pi"}),
    ])
    for i in (None, *range(11)):
        if i is None:
            x = torch.linspace(-6.3, 6.3, 127)  # the stub's grid for the plot
        else:
            pick = t.random(i)
            start = pick.uniform(-10, 5)
            dtype = torch.float64 if i % 2 else torch.float32
            x = start + pick.uniform(0.5, 8) * torch.rand(pick.choice([1, 2, 7, 40]),
                                                          generator=t.rng(i), dtype=dtype)
        want = (torch.sin(x), torch.tensor([math.cos(v) for v in x.tolist()], dtype=x.dtype))
        t.expect("sin_and_derivative(x)", lambda: sin_and_derivative(x.clone()), want,
                 inputs={"x": x}, generated=i)


# ---------------------------------------------------------------- en 2.5.5 the dependency graph

# f(x) = ((log x²)·sin x) + x⁻¹, the function of en 2.5.5-2.5.8
UNARY = {"square": lambda v: v * v, "log": lambda v: v.log(), "sin": lambda v: v.sin(),
         "cos": lambda v: v.cos(), "exp": lambda v: v.exp(), "reciprocal": lambda v: 1 / v,
         "neg": lambda v: -v}
BINARY = {"add": lambda u, v: u + v, "sub": lambda u, v: u - v, "mul": lambda u, v: u * v,
          "div": lambda u, v: u / v}
GRID = (-3.0, -2.0, -0.5, 0.5, 1.0, 2.0, 3.0)  # points x ≠ 0 where f is checked first


def _f(x):
    return (x ** 2).log() * x.sin() + 1 / x


def _nonzero(t, i: int, n: int):
    """n float64 points away from 0 (where f is not defined), of both signs."""
    import torch

    x = torch.rand(n, generator=t.rng(i), dtype=torch.float64) * 4.8 + 0.2
    return x * (torch.randint(0, 2, (n,), generator=t.rng(i + 500)) * 2 - 1)


DEPENDENCY_GRAPH = Exercise(
    slug="autograd.dependency-graph",
    section="autograd",
    numbers={"en": "2.5.5"},
    kind="code",
    title=Text("The dependency graph of log(x²)·sin x + 1/x",
               "log(x²)·sin x + 1/x 的依赖图"),
    statement=Text(
        "Write the dependency graph of f(x) = log(x²)·sin(x) + 1/x as the dict `graph`: "
        "one entry per intermediate result, in the order they are computed, "
        "`name: (operation, [its inputs])`. An input is \"x\" or the name of an earlier "
        "entry; the last entry is named \"f\". Each entry is one operation from this list, "
        "with no constants: unary square, log, sin, cos, exp, reciprocal, neg; binary add, "
        "sub, mul, div. prelim evaluates your graph at many x ≠ 0, of both signs, compares "
        "it with f(x), and checks that every entry is used on the way to f.",
        "把 f(x) = log(x²)·sin(x) + 1/x 的依赖图写成字典 `graph`：每个中间结果一项，按计算顺序"
        "排列，形如 `名字: (运算, [它的输入])`。输入是 \"x\" 或前面某一项的名字；最后一项名为 "
        "\"f\"。每一项是下面列表中的一个运算，不能有常数：一元的 square、log、sin、cos、exp、"
        "reciprocal、neg；二元的 add、sub、mul、div。prelim 会在许多正负不一的 x ≠ 0 处计算你的"
        "图，与 f(x) 比较，并检查每一项都在通往 f 的路上被用到。"),
    hints=(
        Text("Read f from the inside out: what is computed from x directly? There are three "
             "such results.",
             "从里往外读 f：哪些结果是直接由 x 算出的？这样的结果有三个。"),
        Text("x² feeds log; log(x²) and sin(x) meet in a product; that product and 1/x meet "
             "in the final sum.",
             "x² 进入 log；log(x²) 与 sin(x) 在乘法处汇合；这个乘积与 1/x 在最后的加法处汇合。"),
        Text('{"a": ("square", ["x"]), "b": ("log", ["a"]), "c": ("sin", ["x"]), '
             '"d": ("mul", ["b", "c"]), "e": ("reciprocal", ["x"]), '
             '"f": ("add", ["d", "e"])}',
             '{"a": ("square", ["x"]), "b": ("log", ["a"]), "c": ("sin", ["x"]), '
             '"d": ("mul", ["b", "c"]), "e": ("reciprocal", ["x"]), '
             '"f": ("add", ["d", "e"])}'),
    ),
    stub='''# f(x) = log(x²)·sin(x) + 1/x, one operation per entry: name -> (operation, inputs)
# unary: square log sin cos exp reciprocal neg    binary: add sub mul div

graph = ...
''',
    solution='''# f(x) = log(x²)·sin(x) + 1/x, one operation per entry: name -> (operation, inputs)
# unary: square log sin cos exp reciprocal neg    binary: add sub mul div

graph = {
    "a": ("square", ["x"]),      # a = x²
    "b": ("log", ["a"]),         # b = log a
    "c": ("sin", ["x"]),         # c = sin x
    "d": ("mul", ["b", "c"]),    # d = b·c
    "e": ("reciprocal", ["x"]),  # e = 1/x
    "f": ("add", ["d", "e"]),    # f = d + e
}
''',
    answer=Text(
        "x feeds three nodes: a = x², c = sin x and e = 1/x. Then b = log a, d = b·c and "
        "f = d + e. x is the only input, f the only output, and x reaches f along three "
        "paths (through a and b, through c, through e): the derivative will be a sum of "
        "three terms, one per path. `prelim autograd grad` draws the same graph as PyTorch "
        "recorded it (PowBackward0, LogBackward0, SinBackward0, MulBackward0, "
        "ReciprocalBackward0, AddBackward0).",
        "x 进入三个节点：a = x²、c = sin x 和 e = 1/x。然后 b = log a、d = b·c、f = d + e。"
        "x 是唯一的输入，f 是唯一的输出，x 沿三条路径到达 f（经过 a 和 b、经过 c、经过 e）："
        "导数将是三项之和，每条路径一项。`prelim autograd grad` 会画出 PyTorch 记录下的同一个图"
        "（PowBackward0、LogBackward0、SinBackward0、MulBackward0、ReciprocalBackward0、"
        "AddBackward0）。"),
    checker="autograd:check_dependency_graph",
    lesson='prelim autograd grad "log(x**2)*sin(x) + 1/x" --x 2',
)


def evaluate(graph, x):
    """The value of every node of a learner's graph at x; a ValueError says what is wrong
    with the graph itself (an unknown operation, a name used before it is computed)."""
    if not isinstance(graph, dict) or not graph:
        raise ValueError("graph must be a non-empty dict: name -> (operation, [inputs])")
    values = {"x": x}
    for name, entry in graph.items():
        if not (isinstance(entry, (tuple, list)) and len(entry) == 2
                and isinstance(entry[1], (tuple, list))):
            raise ValueError(f"entry {name!r} must be (operation, [inputs]), not {entry!r}")
        op, inputs = entry
        table = UNARY if len(inputs) == 1 else BINARY if len(inputs) == 2 else {}
        if op not in table:
            known = "unary " + ", ".join(UNARY) + "; binary " + ", ".join(BINARY)
            raise ValueError(f"entry {name!r}: {op!r} with {len(inputs)} input(s) is not an "
                             f"operation of the list ({known})")
        for used in inputs:
            if used not in values:
                raise ValueError(f"entry {name!r} uses {used!r} before it is computed")
        if name in values:
            raise ValueError(f"the name {name!r} is used twice")
        values[name] = table[op](*(values[used] for used in inputs))
    return values


def _feeds_f(graph) -> bool:
    """Every entry of the graph is on a path to "f"."""
    needed, todo = set(), ["f"]
    while todo:
        name = todo.pop()
        if name in graph and name not in needed:
            needed.add(name)
            todo += list(graph[name][1])
    return needed == set(graph)


def check_dependency_graph(t) -> None:
    import torch

    graph = t.value("graph")
    t.holds(Text('the last entry of graph is "f"', 'graph 的最后一项是 "f"'),
            lambda: isinstance(graph, dict) and list(graph)[-1:] == ["f"])
    for i in (None, *range(10)):
        x = torch.tensor(GRID, dtype=torch.float64) if i is None else _nonzero(t, i, 6)
        if t.expect(Text('graph evaluated at x: its "f"', '在 x 处对 graph 求值：它的 "f"'),
                    lambda: evaluate(graph, x).get("f"), _f(x), inputs={"x": x},
                    generated=i) and i is None:
            t.holds(Text('every entry of graph is used on the way to "f"',
                         'graph 的每一项都在通往 "f" 的路上用到了'),
                    lambda: _feeds_f(graph))


# ---------------------------------------------------------------- en 2.5.6 the chain rule

CHAIN_RULE = Exercise(
    slug="autograd.chain-rule",
    section="autograd",
    numbers={"en": "2.5.6"},
    kind="check",
    title=Text("df/dx of log(x²)·sin x + 1/x by the chain rule",
               "用链式法则求 log(x²)·sin x + 1/x 的导数"),
    statement=Text(
        "Claim: your formula is the derivative of f(x) = log(x²)·sin(x) + 1/x. Work df/dx "
        "out with the chain rule along the dependency graph (a = x², b = log a, c = sin x, "
        "d = b·c, e = 1/x, f = d + e) and write it as `dfdx(x)`: x is a float64 tensor of "
        "points x ≠ 0 (negative ones too, where log(x²) is still defined), the result a "
        "tensor shaped like x. No autograd inside dfdx: it is your formula that is being "
        "tested. prelim compares it with the derivative autograd finds at many points; "
        "agreement there is evidence for your formula, not a proof. Note in `notes` which "
        "term of the graph each part of your formula comes from.",
        "命题：你写的公式就是 f(x) = log(x²)·sin(x) + 1/x 的导数。沿依赖图（a = x²、"
        "b = log a、c = sin x、d = b·c、e = 1/x、f = d + e）用链式法则推出 df/dx，写成 "
        "`dfdx(x)`：x 是由若干点 x ≠ 0 组成的 float64 张量（也有负数，log(x²) 在那里依然有定义），"
        "结果是与 x 形状相同的张量。dfdx 里不要用自动微分：要检验的是你的公式。prelim 会在许多点上"
        "把它与自动微分求得的导数比较；这些点上一致是公式正确的证据，而不是证明。在 `notes` 里"
        "写下公式的每一部分来自图中的哪一项。"),
    hints=(
        Text("f = d + e, so df/dx = dd/dx + de/dx; d = b·c needs the product rule.",
             "f = d + e，所以 df/dx = dd/dx + de/dx；d = b·c 要用乘积法则。"),
        Text("db/dx = (1/a)·(da/dx) = (1/x²)·2x = 2/x: do not forget the inner derivative "
             "of x². And de/dx = -1/x².",
             "db/dx = (1/a)·(da/dx) = (1/x²)·2x = 2/x：别忘了 x² 的内层导数。另外 "
             "de/dx = -1/x²。"),
        Text("df/dx = (2/x)·sin x + log(x²)·cos x - 1/x².",
             "df/dx = (2/x)·sin x + log(x²)·cos x - 1/x²。"),
    ),
    stub='''import torch


def dfdx(x):
    """The derivative of log(x²)·sin(x) + 1/x, from the chain rule."""
    ...


notes = """
Which node of the graph each term comes from:
"""
''',
    solution='''import torch


def dfdx(x):
    """The derivative of log(x²)·sin(x) + 1/x, from the chain rule."""
    return 2 / x * torch.sin(x) + torch.log(x ** 2) * torch.cos(x) - 1 / x ** 2


notes = """
(2/x)·sin x: through a = x² and b = log a (db/dx = 2x / x²), times c = sin x;
log(x²)·cos x: through c = sin x, times b; -1/x²: through e = 1/x.
"""
''',
    answer=Text(
        "Along the graph: da/dx = 2x, db/da = 1/a, so db/dx = 2x/x² = 2/x; dc/dx = cos x; "
        "de/dx = -1/x². The product rule at d = b·c gives dd/dx = (db/dx)·c + b·(dc/dx), "
        "and f = d + e adds the paths: df/dx = (2/x)·sin x + log(x²)·cos x - 1/x². Each "
        "term is one path from x to f. At x = 2 it is about 0.0824, as "
        "`prelim autograd grad` prints.",
        "沿着图：da/dx = 2x，db/da = 1/a，所以 db/dx = 2x/x² = 2/x；dc/dx = cos x；"
        "de/dx = -1/x²。在 d = b·c 处用乘积法则得 dd/dx = (db/dx)·c + b·(dc/dx)，"
        "f = d + e 把各条路径加起来：df/dx = (2/x)·sin x + log(x²)·cos x - 1/x²。每一项对应 "
        "x 到 f 的一条路径。在 x = 2 处约为 0.0824，与 `prelim autograd grad` 打印的一致。"),
    checker="autograd:check_chain_rule",
    lesson='prelim derivative "log(x**2)*sin(x) + 1/x" --at 2',
)


def _autograd_dfdx(x):
    import torch

    leaf = x.detach().clone().requires_grad_(True)
    grad, = torch.autograd.grad(_f(leaf).sum(), leaf)
    return grad


def check_chain_rule(t) -> None:
    import torch

    dfdx = t.function("dfdx")
    t.claims_about("dfdx", [_autograd("dfdx", used=False)])
    for i in (None, *range(10)):
        x = torch.tensor(GRID, dtype=torch.float64) if i is None \
            else _nonzero(t, i, t.random(i).randint(1, 8))
        want = _autograd_dfdx(x)
        if t.expect("dfdx(x)", lambda: dfdx(x.clone()), want, inputs={"x": x},
                    generated=i, dtype=False):
            t.holds(Text("dfdx(x) == the derivative autograd finds for f at x",
                         "dfdx(x) == 自动微分在 x 处求得的 f 的导数"),
                    lambda: torch.allclose(dfdx(x.clone()).double(), want, rtol=1e-4, atol=1e-5),
                    inputs={"x": x}, generated=i)


# ---------------------------------------------------------------- en 2.5.7 forward and backward

NODES = ("x", "a", "b", "c", "d", "e", "f")

FORWARD_BACKWARD = Exercise(
    slug="autograd.forward-backward",
    section="autograd",
    numbers={"en": "2.5.7"},
    kind="code",
    title=Text("The same derivative, from x to f and from f to x",
               "同一个导数：从 x 到 f，再从 f 到 x"),
    statement=Text(
        "Use the graph a = x², b = log a, c = sin x, d = b·c, e = 1/x, f = d + e and its "
        "local derivatives (da/dx = 2x, db/da = 1/a, dc/dx = cos x, ∂d/∂b = c, ∂d/∂c = b, "
        "de/dx = -1/x², ∂f/∂d = ∂f/∂e = 1) to evaluate df/dx at a point x ≠ 0 (a Python "
        "float) in two directions, with the math module. `forward_mode(x)` goes from x to "
        "f: it returns a dict of every node's derivative with respect to x, each computed "
        "from the ones of its inputs, starting with \"x\": 1.0. `backward_mode(x)` goes "
        "from f back to x: a dict of the derivative of f with respect to every node, "
        "starting with \"f\": 1.0, each computed from the nodes it feeds. Both dicts have "
        "exactly the keys x, a, b, c, d, e, f; the forward one's \"f\" and the backward "
        "one's \"x\" are both df/dx. prelim checks every entry against what PyTorch's "
        "autograd finds for it.",
        "使用图 a = x²、b = log a、c = sin x、d = b·c、e = 1/x、f = d + e 及其局部导数"
        "（da/dx = 2x、db/da = 1/a、dc/dx = cos x、∂d/∂b = c、∂d/∂c = b、de/dx = -1/x²、"
        "∂f/∂d = ∂f/∂e = 1），用 math 模块从两个方向计算 df/dx 在点 x ≠ 0（Python 浮点数）处的"
        "值。`forward_mode(x)` 从 x 走到 f：返回一个字典，给出每个节点对 x 的导数，每个都由它的"
        "输入的导数算出，从 \"x\": 1.0 开始。`backward_mode(x)` 从 f 走回 x：返回 f 对每个节点的"
        "导数组成的字典，从 \"f\": 1.0 开始，每个都由它所流向的节点算出。两个字典的键恰好都是 x、"
        "a、b、c、d、e、f；前向字典的 \"f\" 和反向字典的 \"x\" 都是 df/dx。prelim 会把每一项与 "
        "PyTorch 自动微分求得的值对照。"),
    hints=(
        Text("Forward: the derivative of a node is the sum, over its inputs, of (local "
             "derivative) × (that input's derivative w.r.t. x): d'(x) = c·b'(x) + b·c'(x). "
             "Backward: the derivative of f w.r.t. a node is the sum, over the nodes it "
             "feeds, of (f's derivative w.r.t. that node) × (local derivative).",
             "前向：一个节点的导数是对它的各个输入求和，每项为（局部导数）×（该输入对 x 的导数）："
             "d'(x) = c·b'(x) + b·c'(x)。反向：f 对一个节点的导数是对它流向的各个节点求和，每项为"
             "（f 对那个节点的导数）×（局部导数）。"),
        Text("Compute the values a to f first. Forward: a' = 2x, b' = a'/a, c' = cos x, "
             "d' = c·b' + b·c', e' = -1/x², f' = d' + e'. Backward: f̄ = 1, d̄ = ē = 1, "
             "b̄ = d̄·c, c̄ = d̄·b, ā = b̄/a.",
             "先算出 a 到 f 的值。前向：a' = 2x，b' = a'/a，c' = cos x，d' = c·b' + b·c'，"
             "e' = -1/x²，f' = d' + e'。反向：f̄ = 1，d̄ = ē = 1，b̄ = d̄·c，c̄ = d̄·b，"
             "ā = b̄/a。"),
        Text("x feeds three nodes, so x̄ = ā·2x + c̄·cos x + ē·(-1/x²): leaving out one of "
             "the three paths is the usual mistake.",
             "x 流向三个节点，所以 x̄ = ā·2x + c̄·cos x + ē·(-1/x²)：漏掉三条路径之一是常见的"
             "错误。"),
    ),
    stub='''import math


def forward_mode(x):
    """{node: d node / dx} for x, a, b, c, d, e, f, from x to f."""
    ...


def backward_mode(x):
    """{node: d f / d node} for f, d, e, b, c, a, x, from f back to x."""
    ...


notes = """
Which direction needed which values kept from the computation of f:
"""
''',
    solution='''import math


def forward_mode(x):
    """{node: d node / dx} for x, a, b, c, d, e, f, from x to f."""
    a = x * x
    b, c = math.log(a), math.sin(x)
    t = {"x": 1.0}
    t["a"] = 2 * x * t["x"]
    t["b"] = t["a"] / a
    t["c"] = math.cos(x) * t["x"]
    t["d"] = c * t["b"] + b * t["c"]
    t["e"] = -1 / x ** 2 * t["x"]
    t["f"] = t["d"] + t["e"]
    return t


def backward_mode(x):
    """{node: d f / d node} for f, d, e, b, c, a, x, from f back to x."""
    a = x * x
    b, c = math.log(a), math.sin(x)
    g = {"f": 1.0}
    g["d"] = g["f"]
    g["e"] = g["f"]
    g["b"] = g["d"] * c
    g["c"] = g["d"] * b
    g["a"] = g["b"] / a
    g["x"] = g["a"] * 2 * x + g["c"] * math.cos(x) + g["e"] * (-1 / x ** 2)
    return g


notes = """
Forward carries one derivative along with each value as f is computed; backward needs
the values b, c and a kept from the forward computation before it can start from f.
"""
''',
    answer=Text(
        "Forward mode carries d(node)/dx along with the values, from x to f: each node "
        "needs only its inputs' values and derivatives, which can be dropped as soon as "
        "the nodes using them are done. Backward mode "
        "first computes f, keeps the values the local derivatives need (a, b, c), then "
        "goes from f to x, summing at x the three paths. Both end with the same number, "
        "(2/x)·sin x + log(x²)·cos x - 1/x² (about 0.0824 at x = 2). Forward gives the "
        "derivatives of every node with respect to one input; backward the derivatives of "
        "one output with respect to every node, which is what PyTorch's backward() does.",
        "前向模式从 x 到 f，随数值一起携带 d(节点)/dx：每个节点只需要它的输入的值和导数，"
        "用到它们的节点一算完就可以丢掉。反向模式先算出 f，保存局部导数需要的值（a、b、c），"
        "再从 f 走到 x，在 x 处把三条路径加起来。两者得到同一个数 "
        "(2/x)·sin x + log(x²)·cos x - 1/x²（x = 2 时约为 0.0824）。前向得到每个节点对"
        "一个输入的导数；反向得到一个输出对每个节点的导数，PyTorch 的 backward() 就是这样做的。"),
    checker="autograd:check_forward_backward",
    lesson='prelim autograd grad "log(x**2)*sin(x) + 1/x" --x 2',
)


def _nodes(x):
    """The values of the graph's nodes, computed with torch from x."""
    a = x * x
    b, c = a.log(), x.sin()
    d, e = b * c, 1 / x
    return dict(zip(NODES, (x, a, b, c, d, e, d + e)))


def tangents(x: float) -> dict:
    """d node / dx for every node: autograd from each node back to x alone."""
    import torch

    leaf = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    nodes = _nodes(leaf)
    return {"x": 1.0, **{name: float(torch.autograd.grad(value, leaf, retain_graph=True)[0])
                         for name, value in nodes.items() if name != "x"}}


def adjoints(x: float) -> dict:
    """d f / d node for every node, by PyTorch's reverse mode (retain_grad on each node)."""
    import torch

    nodes = _nodes(torch.tensor(x, dtype=torch.float64, requires_grad=True))
    for value in nodes.values():
        value.retain_grad()
    nodes["f"].backward()
    return {name: float(value.grad) for name, value in nodes.items()}


def check_forward_backward(t) -> None:
    forward_mode, backward_mode = t.function("forward_mode"), t.function("backward_mode")
    for i in (None, *range(10)):
        x = 2.0 if i is None else float(_nonzero(t, i, 1)[0])  # 2.0: the lesson's point
        t.expect("forward_mode(x)", lambda: forward_mode(x), tangents(x), inputs={"x": x},
                 generated=i)
        t.expect("backward_mode(x)", lambda: backward_mode(x), adjoints(x), inputs={"x": x},
                 generated=i)


# ---------------------------------------------------------------- en 2.5.8 which direction when

FORWARD_OR_BACKWARD = Exercise(
    slug="autograd.forward-or-backward",
    section="autograd",
    numbers={"en": "2.5.8"},
    kind="reflect",
    title=Text("When forward, when backward differentiation", "何时用前向、何时用反向微分"),
    statement=Text(
        "When would you rather differentiate forward (from the inputs to the outputs), and "
        "when backward (from the outputs to the inputs)? Think of a function with n inputs "
        "and m outputs and compare: how many passes each needs for all the derivatives, "
        "how much intermediate data each must keep, which steps can run in parallel, and "
        "the sizes of the matrices and vectors multiplied along the way. Where does "
        "training a network (millions of parameters, one loss) fall?",
        "什么时候宁可前向求导（从输入到输出），什么时候反向求导（从输出到输入）？设想一个有 n 个"
        "输入、m 个输出的函数，比较：各自需要几遍才能得到全部导数，各自要保存多少中间数据，哪些步骤"
        "可以并行，以及沿途相乘的矩阵和向量有多大。训练一个网络（数百万个参数，一个损失）属于哪种"
        "情况？"),
    hints=(
        Text("One forward pass gives the derivatives of all outputs with respect to ONE "
             "input; one backward pass gives the derivatives of ONE output with respect to "
             "all inputs.",
             "一遍前向得到所有输出对一个输入的导数；一遍反向得到一个输出对所有输入的导数。"),
        Text("Backward can only start once the whole function has been computed, and it "
             "needs the values saved on the way: count what it must keep.",
             "反向只能在整个函数算完之后开始，并且需要途中保存的值：数一数它必须保存什么。"),
    ),
    stub='''# Write your answer between the triple quotes, then set done = True.
answer = """
"""
done = False
''',
    solution='''# Write your answer between the triple quotes, then set done = True.
answer = """
Forward mode needs one pass per input, backward one pass per output: forward when the
inputs are few and the outputs many, backward when one loss depends on many parameters,
as in training. Forward keeps little memory; backward must keep the intermediate values.
"""
done = True
''',
    answer=Text(
        "The full Jacobian of a function with n inputs and m outputs takes n forward "
        "passes (one per input direction) or m backward passes (one per output). Forward "
        "wins when n is small and m large; backward when m is small and n large. Training "
        "a network is the extreme case m = 1, n in the millions: one backward pass gives "
        "the whole gradient, which is why frameworks are built around backward(). The "
        "price of backward is memory: it can only start after f is computed, and it needs "
        "the intermediate values saved along the way, while forward mode carries one "
        "derivative next to each value and can drop values as soon as they are used. The "
        "matrices multiplied differ too: forward multiplies the chain of Jacobians from the "
        "input side (products of size ·×n), backward from the output side (products of "
        "size m×·), so the cheaper order is the one that keeps the intermediate products "
        "small. The n forward passes (or m backward ones) are independent of each other, "
        "so they can run in parallel; within one pass the steps follow the graph's order.",
        "n 个输入、m 个输出的函数，完整的 Jacobian 需要 n 遍前向（每个输入方向一遍）或 m 遍反向"
        "（每个输出一遍）。n 小而 m 大时前向占优；m 小而 n 大时反向占优。训练网络是 m = 1、n 达数"
        "百万的极端情形：一遍反向就得到全部梯度，所以深度学习框架都围绕 backward() 构建。反向的代价"
        "是内存：它只能在 f 算完之后开始，并且需要途中保存的中间值；而前向模式在每个值旁边带着一个"
        "导数，值一用完就可以丢掉。相乘的矩阵也不同：前向从输入一侧乘起 Jacobian 链（中间乘积为 "
        "·×n），反向从输出一侧乘起（中间乘积为 m×·），哪种顺序让中间乘积更小就更省。n 遍前向"
        "（或 m 遍反向）彼此独立，可以并行；在一遍之内，各步要按图的顺序进行。"),
    lesson='prelim autograd grad "log(x**2)*sin(x) + 1/x" --x 2',
)


EXERCISES = [SECOND_DERIVATIVE, BACKWARD_TWICE, CONTROL_FLOW_VECTOR, OWN_CONTROL_FLOW,
             SIN_DERIVATIVE, DEPENDENCY_GRAPH, CHAIN_RULE, FORWARD_BACKWARD,
             FORWARD_OR_BACKWARD]
