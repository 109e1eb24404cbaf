"""The exercises of §2.1 (both editions) and their checkers.

Each checker builds the book's input and generated ones, computes the answer its own way
(Python loops over the elements, torch's own addition, an index-by-index copy; never
the learner's code) and records each comparison on the Trial. torch is imported inside the
checkers: they run only in the child.
"""

from prelim_cli.learn.exercise import Exercise, Text

# ---------------------------------------------------------------- 2.1.1 X < Y, X > Y

COMPARE = Exercise(
    slug="data.compare-order",
    section="data",
    numbers={"zh": "2.1.1", "en": "2.1.1"},
    kind="code",
    title=Text("X < Y and X > Y instead of X == Y", "把 X == Y 换成 X < Y 和 X > Y"),
    statement=Text(
        "§2.1 compares X = torch.arange(12, dtype=torch.float32).reshape((3, 4)) with "
        "Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]) using `X == Y`. Run "
        "`X < Y` and `X > Y` on the same two tensors and look at what comes back. Then:\n"
        "1. set `comparison_dtype` to the dtype of the tensor `X < Y` returns (a torch "
        "dtype such as torch.float32, not a string);\n"
        "2. write `order_counts(X, Y)` for two tensors of the same shape: it returns a tuple "
        "of three integers (less, equal, greater), the number of positions where X is "
        "smaller than Y, equal to Y, and larger than Y. The tensors may be integer or "
        "floating point, and may hold NaN.",
        "§2.1 用 `X == Y` 比较了 X = torch.arange(12, dtype=torch.float32).reshape((3, 4)) "
        "和 Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])。对这两个张量运行 "
        "`X < Y` 和 `X > Y`，看看得到的是什么。然后：\n"
        "1. 把 `comparison_dtype` 设为 `X < Y` 所返回张量的 dtype（一个 torch 的 dtype，"
        "例如 torch.float32，而不是字符串）；\n"
        "2. 写出 `order_counts(X, Y)`：对形状相同的两个张量，返回由三个整数组成的元组 "
        "(less, equal, greater)，分别是 X 小于 Y、等于 Y、大于 Y 的位置个数。张量可以是整数"
        "或浮点类型，也可能含有 NaN。"),
    hints=(
        Text("A comparison gives one True or False per position; print `(X < Y).dtype`.",
             "比较运算在每个位置给出一个 True 或 False；打印 `(X < Y).dtype` 看看。"),
        Text("Summing a boolean tensor counts its True entries: `(X < Y).sum()`.",
             "对布尔张量求和就是数其中 True 的个数：`(X < Y).sum()`。"),
        Text("Do not compute greater as numel - less - equal: NaN is neither smaller, equal "
             "nor larger than anything, so all three comparisons are False there. Count each "
             "one and turn it into a Python int with `.item()` or `int(...)`.",
             "不要用 numel - less - equal 算 greater：NaN 既不小于、也不等于、也不大于任何数，"
             "那里三个比较都是 False。三个都要各自去数，再用 `.item()` 或 `int(...)` 变成 "
             "Python 整数。"),
    ),
    stub='''import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])

comparison_dtype = ...  # the dtype of X < Y, e.g. torch.float32 (look, then write it)


def order_counts(X, Y):
    """(less, equal, greater): how many positions have X < Y, X == Y, X > Y."""
    ...
''',
    solution='''import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])

comparison_dtype = torch.bool


def order_counts(X, Y):
    """(less, equal, greater): how many positions have X < Y, X == Y, X > Y."""
    return int((X < Y).sum()), int((X == Y).sum()), int((X > Y).sum())
''',
    answer=Text(
        "`X < Y` and `X > Y` return a tensor of the same shape as X and Y with dtype "
        "torch.bool: True where the comparison holds. On the book's tensors X < Y is True "
        "at two places of the first row, X == Y at the other two, and X > Y everywhere "
        "else, so the counts are (2, 2, 8). Summing a bool tensor counts its True values. "
        "For ordinary numbers exactly one of the three holds at each position, but NaN "
        "compares False with everything (even with itself), so the three counts can add "
        "up to less than the number of elements.",
        "`X < Y` 和 `X > Y` 返回与 X、Y 形状相同、dtype 为 torch.bool 的张量：比较成立处为 "
        "True。在书中的张量上，X < Y 在第一行有两处为 True，X == Y 是第一行的另外两处，其余"
        "位置都是 X > Y，所以计数是 (2, 2, 8)。对布尔张量求和就是数 True 的个数。对普通的数，"
        "每个位置恰好有一个比较成立；但 NaN 与任何数（包括它自己）比较都是 False，所以三个"
        "计数之和可能小于元素个数。"),
    checker="data:check_compare",
    lesson="prelim tensor compare",
)


def check_compare(t) -> None:
    import torch

    X = torch.arange(12, dtype=torch.float32).reshape((3, 4))  # the book's X and Y
    Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
    comparison_dtype = t.value("comparison_dtype")
    t.expect("comparison_dtype", lambda: comparison_dtype, (X < Y).dtype)
    order_counts = t.function("order_counts")

    def counted(X, Y):  # Python's own comparisons, element by element (NaN: all False)
        pairs = list(zip(X.flatten().tolist(), Y.flatten().tolist()))
        return (sum(a < b for a, b in pairs), sum(a == b for a, b in pairs),
                sum(a > b for a, b in pairs))

    t.expect("order_counts(X, Y)", lambda: order_counts(X, Y), counted(X, Y),
             inputs={"X": X, "Y": Y})
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        shape = tuple(r.randint(1, 4) for _ in range(r.randint(1, 3)))
        if i % 3 == 0:  # integers from a small range: many ties
            X, Y = (torch.randint(-3, 4, shape, generator=g) for _ in range(2))
        else:  # floats rounded to halves, so that equal values occur
            X, Y = ((torch.randn(shape, generator=g) * 2).round() / 2 for _ in range(2))
            if i % 3 == 2:  # NaN at a few places of X
                X[torch.rand(shape, generator=g) < 0.4] = float("nan")
                X.view(-1)[0] = float("nan")
        t.expect("order_counts(X, Y)", lambda: order_counts(X, Y), counted(X, Y),
                 inputs={"X": X, "Y": Y}, generated=i)


# ---------------------------------------------------------------- 2.1.2 3-D broadcasting

BROADCAST_3D = Exercise(
    slug="data.broadcast-3d",
    section="data",
    numbers={"zh": "2.1.2", "en": "2.1.2"},
    kind="code",
    title=Text("Broadcasting with other shapes, in 3-D too", "用别的形状（包括三维）做广播"),
    statement=Text(
        "§2.1 adds a = torch.arange(3).reshape((3, 1)) and b = torch.arange(2).reshape((1, 2)) "
        "by broadcasting. Try other shapes, three-dimensional ones too, and write down what "
        "you expect before you run them. Then turn your expectation into code:\n"
        "1. `broadcast_shape(a, b)` takes two shapes (tuples of non-negative ints, possibly "
        "of different lengths, possibly empty) and returns the shape broadcasting gives, "
        "as a tuple of ints, or None when the two shapes cannot be broadcast together. "
        "Write the rule yourself; prelim compares you with what torch does when it adds "
        "tensors of those shapes.\n"
        "2. `stretch(x, shape)` returns the tensor x copied along its axes of size 1 (and "
        "along new leading axes) until it has exactly `shape`, keeping x's dtype: what "
        "broadcasting does to x before adding. `shape` is always one x can be stretched "
        "to. prelim then checks on tensors x and y, 3-D ones too, that stretch(x, s) + "
        "stretch(y, s) equals x + y, s being their broadcast shape.",
        "§2.1 通过广播把 a = torch.arange(3).reshape((3, 1)) 和 "
        "b = torch.arange(2).reshape((1, 2)) 相加。试试别的形状，包括三维的，运行之前先写下"
        "你预期的结果。然后把你的预期写成代码：\n"
        "1. `broadcast_shape(a, b)` 接收两个形状（由非负整数组成的元组，长度可以不同，也可以"
        "为空），返回广播得到的形状（整数元组）；两个形状无法广播时返回 None。请自己实现规则；"
        "prelim 会拿 torch 把这两种形状的张量相加时的实际结果来对照。\n"
        "2. `stretch(x, shape)` 返回把 x 沿长度为 1 的轴（以及前面新增的轴）复制、直到形状恰好"
        "为 `shape` 的张量，dtype 与 x 相同：这正是广播在相加之前对 x 做的事。`shape` 一定是 "
        "x 能伸展到的形状。之后 prelim 会在张量 x 和 y（包括三维的）上检查 stretch(x, s) + "
        "stretch(y, s) 是否等于 x + y，其中 s 是它们广播后的形状。"),
    hints=(
        Text("Line the two shapes up from the right; the shorter one is padded with 1s on "
             "the left. Two sizes fit when they are equal or one of them is 1.",
             "把两个形状从右边对齐；较短的那个在左边补 1。两个长度相等、或其中一个为 1 时，"
             "它们才相容。"),
        Text("A size of 1 takes the other size, even when that is 0: (0,) and (1,) give "
             "(0,), but (0,) and (3,) do not broadcast. For stretch, `x.repeat` multiplies "
             "the sizes, which is not what you want; look at `x.expand`.",
             "长度 1 会变成另一个长度，即使那是 0：(0,) 和 (1,) 得到 (0,)，而 (0,) 和 (3,) "
             "不能广播。对 stretch 来说，`x.repeat` 会把长度相乘，这不是你要的；看看 "
             "`x.expand`。"),
        Text("Pad both shapes to the same length with leading 1s, then walk the pairs: "
             "equal sizes stay, a 1 gives the other size, anything else means None. "
             "`x.expand(shape)` stretches x without copying memory.",
             "先在前面补 1 把两个形状补到同样长，再逐对比较：相等则保留，有一个是 1 就取另一个，"
             "其他情况返回 None。`x.expand(shape)` 伸展 x 而不复制内存。"),
    ),
    stub='''import torch


def broadcast_shape(a, b):
    """The shape broadcasting gives for shapes a and b (a tuple), or None."""
    ...


def stretch(x, shape):
    """x copied along its size-1 and new leading axes to exactly `shape`."""
    ...
''',
    solution='''import torch


def broadcast_shape(a, b):
    """The shape broadcasting gives for shapes a and b (a tuple), or None."""
    n = max(len(a), len(b))
    a = (1,) * (n - len(a)) + tuple(a)
    b = (1,) * (n - len(b)) + tuple(b)
    shape = []
    for x, y in zip(a, b):
        if x != y and 1 not in (x, y):
            return None
        shape.append(y if x == 1 else x)
    return tuple(shape)


def stretch(x, shape):
    """x copied along its size-1 and new leading axes to exactly `shape`."""
    return x.expand(shape)
''',
    answer=Text(
        "Broadcasting lines the shapes up from the right and pads the shorter one with "
        "leading 1s. At each axis the sizes must be equal or one of them 1; the 1 is "
        "stretched to the other size (which may be 0). So (3, 1, 2) and (4, 1) give "
        "(3, 4, 2), while (2, 3) and (3, 3) clash. Stretching copies the tensor along those "
        "axes (expand does it without using memory), and adding the stretched tensors "
        "element by element gives exactly a + b: in 3-D the result is what the 2-D rule "
        "predicts, axis by axis.",
        "广播把形状从右对齐，在较短的形状左边补 1。每个轴上两个长度必须相等，或其中一个为 1；"
        "1 会伸展成另一个长度（可以是 0）。所以 (3, 1, 2) 和 (4, 1) 得到 (3, 4, 2)，而 (2, 3) "
        "和 (3, 3) 冲突。伸展就是沿这些轴复制张量（expand 不占用新内存），把伸展后的张量逐元素"
        "相加，结果恰好就是 a + b：在三维中，结果与二维规则逐轴推出的完全一样。"),
    checker="data:check_broadcast_3d",
    lesson="prelim broadcast 3,1,3 1,3,1",
)


def _shape_pair(r) -> tuple[tuple, tuple]:
    """Two shapes of up to 4 axes, mostly 3: mostly compatible, sometimes a clash, now and
    then a size of 0; sizes stay small so that a stretched tensor has at most 81 elements."""
    full = [r.choice((1, 2, 3)) for _ in range(r.choice((1, 2, 3, 3, 3, 4)))]
    if r.random() < 0.1:
        full[r.randrange(len(full))] = 0
    shapes = []
    for _ in range(2):
        kept = len(full) if r.random() < 0.6 else r.randint(0, len(full))
        shapes.append([1 if r.random() < 0.35 else n for n in full[len(full) - kept:]])
    if shapes[0] and r.random() < 0.3:  # a clash: a size that is neither 1 nor the other's
        axis = r.randrange(len(shapes[0]))
        shapes[0][axis] = 2 if shapes[0][axis] == 3 else 3
    return tuple(shapes[0]), tuple(shapes[1])


def _stretched(x, shape):
    """x copied to ``shape`` index by index: output index i reads x at i with the leading
    axes dropped and every size-1 axis of x read at 0."""
    import itertools

    import torch

    out = torch.empty(shape, dtype=x.dtype)
    lead = len(shape) - x.dim()
    for index in itertools.product(*map(range, shape)):
        source = tuple(0 if n == 1 else i for i, n in zip(index[lead:], x.shape))
        out[index] = x[source]
    return out


def check_broadcast_3d(t) -> None:
    import torch

    broadcast_shape, stretch = t.function("broadcast_shape"), t.function("stretch")

    def expected(a, b):  # what torch's own addition makes of the two shapes
        try:  # (not torch.broadcast_shapes: its first call imports sympy, a second or more)
            return tuple((torch.zeros(a) + torch.zeros(b)).shape)
        except RuntimeError:
            return None

    def cases(a, b, generated=None):
        s = expected(a, b)
        t.expect(f"broadcast_shape({a}, {b})", lambda: broadcast_shape(a, b), s,
                 inputs={"a": a, "b": b}, generated=generated)
        if s is None:
            return
        x = torch.arange(torch.Size(a).numel()).reshape(a)
        y = torch.arange(torch.Size(b).numel(), dtype=torch.float32).reshape(b) - 1.5
        t.expect(f"stretch(x, {s})", lambda: stretch(x, s), _stretched(x, s),
                 inputs={"x": x, "shape": s}, generated=generated)
        t.holds(f"stretch(x, {s}) + stretch(y, {s}) == x + y",
                lambda: torch.equal(stretch(x, s) + stretch(y, s), x + y),
                inputs={"x": x, "y": y}, generated=generated)

    cases((3, 1), (1, 2))  # the book's a and b
    for i, (a, b) in enumerate([((3, 1, 2), (4, 1)), ((2, 3), (3, 3)), ((), (2, 1, 3)),
                                ((0,), (1,)), ((0,), (3,))]):
        cases(a, b, generated=i)  # generated inputs 0-4 are fixed edge cases
    for i in range(5, 17):
        cases(*_shape_pair(t.random(i)), generated=i)


EXERCISES = [COMPARE, BROADCAST_3D]
