"""The exercises of §2.3 (both editions) and their checkers.

Each checker builds the book's input and generated ones, computes the answer its own way
(never with the learner's code, never with the reference solution's text) and records each
comparison on the Trial. torch is imported inside the checkers: they run only in the child.
"""

from contextlib import contextmanager

from prelim_cli.learn.exercise import Exercise, Text
from prelim_cli.learn.trial import mentions

TRANSPOSES = {"T", "mT", "t", "transpose", "permute", "swapaxes", "swapdims"}

# ---------------------------------------------------------------- 2.3.1 (Aᵀ)ᵀ = A

TRANSPOSE_TWICE = Exercise(
    slug="linalg.transpose-twice",
    section="linalg",
    numbers={"zh": "2.3.1", "en": "2.3.1"},
    kind="check",
    title=Text("Transposing twice gives A back", "转置两次得回 A"),
    statement=Text(
        "Claim: for every matrix A, (Aᵀ)ᵀ = A. Write both sides of the claim as PyTorch "
        "code: `left(A)` transposes A and then transposes the result; `right(A)` is the "
        "side the claim says it equals. prelim evaluates both on many random matrices of "
        "different shapes and checks that they agree.",
        "命题：对任意矩阵 A，(Aᵀ)ᵀ = A。把命题的两边写成 PyTorch 代码：`left(A)` 先转置 A，"
        "再转置一次结果；`right(A)` 是命题说它等于的那一边。prelim 会在许多形状各异的随机矩阵"
        "上计算两边，检查它们是否相等。"),
    hints=(
        Text("`A.T` is the transpose of a matrix; you can apply it to its own result.",
             "`A.T` 是矩阵的转置；它也可以作用在自己的结果上。"),
        Text("Transposing swaps the element at row i, column j with the one at row j, "
             "column i. Doing it twice swaps every element back.",
             "转置把第 i 行第 j 列的元素与第 j 行第 i 列的互换；做两次，每个元素又换了回来。"),
    ),
    stub='''import torch


def left(A):
    """(Aᵀ)ᵀ: the transpose of the transpose of A."""
    ...


def right(A):
    """The side of the claim that (Aᵀ)ᵀ equals."""
    ...
''',
    solution='''import torch


def left(A):
    """(Aᵀ)ᵀ: the transpose of the transpose of A."""
    return A.T.T


def right(A):
    """The side of the claim that (Aᵀ)ᵀ equals."""
    return A
''',
    answer=Text(
        "Element (i, j) of Aᵀ is element (j, i) of A, so element (i, j) of (Aᵀ)ᵀ is element "
        "(j, i) of Aᵀ, which is element (i, j) of A. Every element is back in its place and "
        "the shape m×n went to n×m and back, so (Aᵀ)ᵀ = A.",
        "Aᵀ 的 (i, j) 元素是 A 的 (j, i) 元素，所以 (Aᵀ)ᵀ 的 (i, j) 元素是 Aᵀ 的 (j, i) 元素，"
        "也就是 A 的 (i, j) 元素。每个元素都回到原位，形状 m×n 变成 n×m 又变回来，因此 "
        "(Aᵀ)ᵀ = A。"),
    checker="linalg:check_transpose_twice",
    lesson="prelim linalg matrix",
)


def check_transpose_twice(t) -> None:
    import torch

    left, right = t.function("left"), t.function("right")
    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A
    t.expect("left(A)", lambda: left(A), A.transpose(0, 1).transpose(0, 1), inputs={"A": A})
    t.expect("right(A)", lambda: right(A), A.clone(), inputs={"A": A})
    t.holds("left(A) == right(A)", lambda: torch.equal(left(A), right(A)), inputs={"A": A})
    for i in range(20):
        shape = (t.random(i).randint(1, 6), t.random(i + 100).randint(1, 6))
        A = torch.randn(shape, generator=t.rng(i))
        t.expect("left(A)", lambda: left(A), A.clone(), inputs={"A": A}, generated=i)
        t.holds("left(A) == right(A)", lambda: torch.equal(left(A), right(A)),
                inputs={"A": A}, generated=i)
    # (Aᵀ)ᵀ and A have the same values: only the code shows that left really transposes
    t.claims_about("left", [(Text("left transposes A, then transposes the result",
                                  "left 先转置 A，再转置所得的结果"),
                             lambda node: mentions(node, TRANSPOSES) >= 2)])


# ---------------------------------------------------------------- 2.3.2 Aᵀ + Bᵀ = (A + B)ᵀ

TRANSPOSE_SUM = Exercise(
    slug="linalg.transpose-sum",
    section="linalg",
    numbers={"zh": "2.3.2", "en": "2.3.2"},
    kind="check",
    title=Text("Transposing commutes with adding", "转置与加法可以交换次序"),
    statement=Text(
        "Claim: for any two matrices A and B of the same shape, Aᵀ + Bᵀ = (A + B)ᵀ. Write "
        "both sides as PyTorch code: `left(A, B)` adds the transposes of A and B; "
        "`right(A, B)` adds A and B first and transposes the sum. prelim evaluates both "
        "sides on the book's A and B and on many random pairs of matrices, compares each "
        "side with its own computation, and checks that the two sides agree.",
        "命题：对任意两个形状相同的矩阵 A 和 B，Aᵀ + Bᵀ = (A + B)ᵀ。把两边写成 PyTorch 代码："
        "`left(A, B)` 把 A 的转置与 B 的转置相加；`right(A, B)` 先把 A 与 B 相加，再转置它们的和。"
        "prelim 会在书中的 A、B 以及许多随机矩阵对上计算两边，分别与自己算出的结果比较，"
        "并检查两边是否一致。"),
    hints=(
        Text("The order of operations is the whole difference between the sides: transpose "
             "then add, or add then transpose.",
             "两边唯一的区别是运算顺序：先转置再相加，还是先相加再转置。"),
        Text("For a non-square A (5×4), A + B is 5×4 and its transpose is 4×5, so both sides "
             "must come out 4×5.",
             "对非方阵 A（5×4），A + B 是 5×4，它的转置是 4×5，所以两边的结果都应该是 4×5。"),
        Text("`left` is `A.T + B.T`; `right` is `(A + B).T` (mind the parentheses).",
             "`left` 是 `A.T + B.T`；`right` 是 `(A + B).T`（注意括号）。"),
    ),
    stub='''import torch


def left(A, B):
    """Aᵀ + Bᵀ: the sum of the transposes."""
    ...


def right(A, B):
    """(A + B)ᵀ: the transpose of the sum."""
    ...
''',
    solution='''import torch


def left(A, B):
    """Aᵀ + Bᵀ: the sum of the transposes."""
    return A.T + B.T


def right(A, B):
    """(A + B)ᵀ: the transpose of the sum."""
    return (A + B).T
''',
    answer=Text(
        "Let A and B be m×n and take any position (i, j) of the n×m results. On the left, "
        "element (i, j) of Aᵀ is a_ji and of Bᵀ is b_ji, so the sum holds a_ji + b_ji. On the "
        "right, element (j, i) of A + B is a_ji + b_ji, and transposing moves it to (i, j). "
        "Every position holds the same number, so the matrices are equal.",
        "设 A、B 都是 m×n，任取 n×m 结果中的位置 (i, j)。左边：Aᵀ 在该处是 a_ji，"
        "Bᵀ 在该处是 b_ji，所以和是 a_ji + b_ji。右边：A + B 的 (j, i) 元素是 a_ji + b_ji，"
        "转置把它移到 (i, j)。每个位置上的数都相同，所以两个矩阵相等。"),
    checker="linalg:check_transpose_sum",
    lesson="prelim linalg matrix --shape 5,4",
)


def check_transpose_sum(t) -> None:
    import torch

    left, right = t.function("left"), t.function("right")
    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A and B = A.clone()
    pairs = [(None, A, A.clone())]
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        shape = (r.randint(1, 5), r.randint(1, 5))
        pairs.append((i, torch.randn(shape, generator=g), torch.randn(shape, generator=g)))
    for i, A, B in pairs:
        inputs = {"A": A, "B": B}
        want = _transpose(A + B)  # built from Python lists, not with .T
        t.expect("left(A, B)", lambda: left(A, B), want, inputs=inputs, generated=i)
        t.expect("right(A, B)", lambda: right(A, B), want, inputs=inputs, generated=i)
        t.holds("left(A, B) == right(A, B)",
                lambda: torch.allclose(left(A, B), right(A, B)), inputs=inputs, generated=i)
    # the values cannot tell Aᵀ + Bᵀ from (A + B)ᵀ written twice: the code can
    t.claims_about("left", [(Text("left transposes A and B before it adds them",
                                  "left 先转置 A 和 B，再把它们相加"),
                             lambda node: mentions(node, TRANSPOSES) >= 2)])
    t.claims_about("right", [(Text("right transposes the sum", "right 转置的是和"),
                              lambda node: mentions(node, TRANSPOSES) >= 1)])


# ---------------------------------------------------------------- 2.3.3 A + Aᵀ is symmetric

SYMMETRIC_SUM = Exercise(
    slug="linalg.symmetric-sum",
    section="linalg",
    numbers={"zh": "2.3.3", "en": "2.3.3"},
    kind="check",
    title=Text("Is A + Aᵀ always symmetric?", "A + Aᵀ 总是对称的吗？"),
    statement=Text(
        "A square matrix M is symmetric when M = Mᵀ. Decide whether A + Aᵀ is symmetric for "
        "EVERY square matrix A and set `always_symmetric` to True or False. Write "
        "`sym(A)`, which returns A + Aᵀ, and `is_symmetric(M)`, which returns a Python bool: "
        "True when M equals its transpose exactly, and False otherwise, including for a "
        "matrix that is not square (return False there, do not raise). prelim tests "
        "`is_symmetric` on the book's matrices and on random ones, and uses it to test the "
        "claim on many random square matrices, integer and floating, from 1×1 up. In `notes`, "
        "say why, using only the two previous exercises (not checked).",
        "方阵 M 满足 M = Mᵀ 时称为对称矩阵。判断是否对每个方阵 A，A + Aᵀ 都是对称的，"
        "把 `always_symmetric` 设为 True 或 False。写出 `sym(A)`，返回 A + Aᵀ；再写出 "
        "`is_symmetric(M)`，返回 Python 的 bool：M 与它的转置完全相等时为 True，否则为 False，"
        "不是方阵时也返回 False（不要抛出异常）。prelim 会在书中的矩阵和随机矩阵上测试 "
        "`is_symmetric`，再用它在许多随机方阵（整数和浮点数，从 1×1 起）上检验这个命题。"
        "在 `notes` 里只用前两道练习的结论说明理由（不检查）。"),
    hints=(
        Text("`M == M.T` compares element by element and gives a matrix of booleans, not one "
             "answer; and for a 3×2 M it cannot even line up the shapes.",
             "`M == M.T` 逐元素比较，得到的是一个布尔矩阵而不是一个答案；而且对 3×2 的 M，"
             "两个形状根本对不上。"),
        Text("Check the shape first, or use a function that compares whole tensors and "
             "already returns one bool, shapes included.",
             "先检查形状；或者改用一个比较整个张量（连同形状）、直接返回一个 bool 的函数。"),
        Text("`torch.equal(M, M.T)` is False for a non-square M. For the claim, transpose "
             "A + Aᵀ with the rules of 2.3.2 and 2.3.1.",
             "对非方阵，`torch.equal(M, M.T)` 为 False。至于命题，用 2.3.2 和 2.3.1 的规则去转置 "
             "A + Aᵀ。"),
    ),
    stub='''import torch

always_symmetric = ...  # True or False: is A + Aᵀ symmetric for every square A?


def sym(A):
    """A + Aᵀ."""
    ...


def is_symmetric(M):
    """True if M equals its transpose exactly, False otherwise (also when M is not square)."""
    ...


notes = """
Why (using only the two previous exercises):
"""
''',
    solution='''import torch

always_symmetric = True


def sym(A):
    """A + Aᵀ."""
    return A + A.T


def is_symmetric(M):
    """True if M equals its transpose exactly, False otherwise (also when M is not square)."""
    return torch.equal(M, M.T)


notes = """
(A + Aᵀ)ᵀ = Aᵀ + (Aᵀ)ᵀ = Aᵀ + A = A + Aᵀ.
"""
''',
    answer=Text(
        "Yes, always. By 2.3.2, (A + Aᵀ)ᵀ = Aᵀ + (Aᵀ)ᵀ; by 2.3.1, (Aᵀ)ᵀ = A, so this is "
        "Aᵀ + A, which is A + Aᵀ because adding matrices is commutative. A needs to be square "
        "for A + Aᵀ to exist at all. In floating point the symmetry is exact too: position "
        "(i, j) holds a_ij + a_ji and position (j, i) holds a_ji + a_ij, and adding two "
        "floats gives the same result in either order. The random tests are evidence; the "
        "three lines above are the proof.",
        "是的，总是对称。由 2.3.2，(A + Aᵀ)ᵀ = Aᵀ + (Aᵀ)ᵀ；由 2.3.1，(Aᵀ)ᵀ = A，于是它等于 "
        "Aᵀ + A，又因为矩阵加法满足交换律，它就是 A + Aᵀ。A 必须是方阵，A + Aᵀ 才有意义。"
        "在浮点数下对称也是精确的：位置 (i, j) 上是 a_ij + a_ji，位置 (j, i) 上是 "
        "a_ji + a_ij，两个浮点数相加与次序无关。随机测试只是证据，上面三步才是证明。"),
    checker="linalg:check_symmetric_sum",
    lesson='prelim linalg symmetric "[[1, 2], [3, 1]]"',
)


def check_symmetric_sum(t) -> None:
    import torch

    always = t.value("always_symmetric")
    sym, is_symmetric = t.function("sym"), t.function("is_symmetric")
    t.expect("always_symmetric", lambda: always, True)

    def mirrored(M):  # M equals its transpose, position by position
        rows = M.tolist()
        return len(rows) == len(rows[0]) and all(
            rows[i][j] == rows[j][i] for i in range(len(rows)) for j in range(len(rows)))

    B = torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])  # the book's symmetric B
    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A, not square
    for M in (B, A, torch.arange(9).reshape(3, 3)):
        t.expect("is_symmetric(M)", lambda: is_symmetric(M), mirrored(M), inputs={"M": M})
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        n = 1 if i == 0 else r.randint(2, 5)
        A = torch.randint(-9, 10, (n, n), generator=g) if i % 2 \
            else torch.randn(n, n, generator=g)
        inputs = {"A": A}
        t.expect("sym(A)", lambda: sym(A), A + _transpose(A), inputs=inputs, generated=i)
        t.expect("is_symmetric(A)", lambda: is_symmetric(A), mirrored(A), inputs=inputs,
                 generated=i)
        t.holds("is_symmetric(sym(A))", lambda: is_symmetric(sym(A)), inputs=inputs,
                generated=i)
        M = torch.randn(n, r.randint(1, 5) if n > 1 else 2, generator=g)
        t.expect("is_symmetric(M)", lambda: is_symmetric(M), mirrored(M), inputs={"M": M},
                 generated=i)


# ---------------------------------------------------------------- 2.3.4 len(X)

LEN_OF_X = Exercise(
    slug="linalg.len-of-x",
    section="linalg",
    numbers={"zh": "2.3.4", "en": "2.3.4"},
    kind="code",
    title=Text("What len(X) gives for a (2, 3, 4) tensor", "形状 (2, 3, 4) 的张量的 len(X)"),
    statement=Text(
        "§2.3 builds X = torch.arange(24).reshape(2, 3, 4). Before running anything, decide "
        "what `len(X)` returns and write that number as `answer`. Then run `len(X)` yourself "
        "and see whether you were right.",
        "§2.3 中构造了 X = torch.arange(24).reshape(2, 3, 4)。先不要运行代码，想一想 `len(X)` "
        "返回什么，把这个数写成 `answer`。然后亲自运行 `len(X)`，看看你想得对不对。"),
    hints=(
        Text("For a list of lists, `len` counts the outer list only.",
             "对于嵌套的列表，`len` 只数最外层。"),
        Text("A tensor of shape (2, 3, 4) is two blocks, each of shape (3, 4).",
             "形状为 (2, 3, 4) 的张量是两个块，每块的形状是 (3, 4)。"),
    ),
    stub='''import torch

X = torch.arange(24).reshape(2, 3, 4)

answer = ...  # the number len(X) returns: decide first, then check with Python
''',
    solution='''import torch

X = torch.arange(24).reshape(2, 3, 4)

answer = 2  # len counts the elements along the first axis
''',
    answer=Text(
        "len(X) is the length of the first axis, X.shape[0], which is 2 here: a tensor behaves "
        "like a sequence of its sub-tensors along axis 0.",
        "len(X) 是第一个轴的长度 X.shape[0]，这里是 2：张量就像沿轴 0 排列的子张量组成的序列。"),
    checker="linalg:check_len_of_x",
    lesson="prelim linalg sum --shape 2,3,4",
)


def check_len_of_x(t) -> None:
    import torch

    answer = t.value("answer")
    t.expect("answer", lambda: answer, torch.arange(24).reshape(2, 3, 4).shape[0])


# ---------------------------------------------------------------- 2.3.5 which axis len counts

LEN_AXIS = Exercise(
    slug="linalg.len-axis",
    section="linalg",
    numbers={"zh": "2.3.5", "en": "2.3.5"},
    kind="code",
    title=Text("Which axis len(X) measures", "len(X) 量的是哪个轴"),
    statement=Text(
        "Does `len(X)` always give the length of one particular axis of X, whatever its "
        "shape? Set `axis` to the number of that axis. Then write `predicted_len(shape)`: "
        "given a shape as a tuple of ints, return what `len(X)` gives for a tensor X of "
        "that shape, working from the tuple alone. A shape with no axes, `()`, is a 0-d "
        "tensor, for which `len` raises a TypeError: return None for it. Sizes may be 0.",
        "无论 X 是什么形状，`len(X)` 是否总是给出 X 某个特定轴的长度？把那个轴的编号写成 "
        "`axis`。然后写出 `predicted_len(shape)`：给定一个由整数组成的元组表示的形状，只根据这个"
        "元组，返回形状为它的张量 X 的 `len(X)`。没有轴的形状 `()` 是 0 维张量，对它调用 `len` "
        "会抛出 TypeError：这时返回 None。各轴的长度可以是 0。"),
    hints=(
        Text("Try `len(torch.zeros(2, 3, 4))`, `len(torch.zeros(4, 3, 2))` and "
             "`len(torch.zeros(7))`, and compare with each shape.",
             "试试 `len(torch.zeros(2, 3, 4))`、`len(torch.zeros(4, 3, 2))` 和 "
             "`len(torch.zeros(7))`，与各自的形状对照。"),
        Text("A tensor acts like a sequence of the sub-tensors along one axis; len counts "
             "them. A 0-d tensor has no axes, so there is nothing to count.",
             "张量就像沿某个轴排列的子张量组成的序列，len 数的就是它们。0 维张量没有轴，"
             "所以没有东西可数。"),
        Text("`axis = 0`; return `shape[0]`, or None when the tuple is empty.",
             "`axis = 0`；返回 `shape[0]`，元组为空时返回 None。"),
    ),
    stub='''import torch

axis = ...  # the number of the axis whose length len(X) gives


def predicted_len(shape):
    """What len(X) returns for a tensor X of this shape; None for shape ()."""
    ...
''',
    solution='''import torch

axis = 0


def predicted_len(shape):
    """What len(X) returns for a tensor X of this shape; None for shape ()."""
    return shape[0] if shape else None
''',
    answer=Text(
        "Yes: for any tensor with at least one axis, len(X) equals X.shape[0], the length of "
        "axis 0, however many axes follow; iterating over X yields that many sub-tensors. "
        "The exception is a 0-d tensor (a scalar), which has no axis 0: len raises "
        "TypeError there, although X.numel() is 1. A size of 0 is still a length: "
        "len(torch.zeros(0, 3)) is 0.",
        "是的：只要张量至少有一个轴，len(X) 就等于 X.shape[0]，即轴 0 的长度，后面有多少个轴都"
        "一样；遍历 X 也恰好得到这么多个子张量。例外是 0 维张量（标量）：它没有轴 0，len 会抛出 "
        "TypeError，尽管 X.numel() 是 1。长度为 0 也是长度：len(torch.zeros(0, 3)) 等于 0。"),
    checker="linalg:check_len_axis",
    lesson="prelim linalg vector",
)


def check_len_axis(t) -> None:
    import torch

    axis = t.value("axis")
    predicted_len = t.function("predicted_len")
    t.expect("axis", lambda: axis, 0)

    def measured(shape):  # what len says for a real tensor of that shape (no memory spent)
        try:
            return len(torch.empty(shape, device="meta"))
        except TypeError:
            return None

    cases = [(None, (2, 3, 4))]  # the book's X
    for i in range(12):
        r = t.random(i)
        cases.append((i, () if i == 0 else _random_shape(r, axes=(1, 5), sizes=(0, 5))))
    for i, shape in cases:
        t.expect(f"predicted_len({shape})", lambda: predicted_len(shape), measured(shape),
                 generated=i)


# ---------------------------------------------------------------- 2.3.6 A / A.sum(axis=1)

ROW_SUMS = Exercise(
    slug="linalg.row-sums",
    section="linalg",
    numbers={"zh": "2.3.6", "en": "2.3.6"},
    kind="code",
    title=Text("Dividing each row by its sum", "每行除以该行的和"),
    statement=Text(
        "Run `A / A.sum(axis=1)` with A = torch.arange(20, dtype=torch.float32).reshape(5, 4) "
        "and read the error. Then write `row_normalize(A)`, which divides every element of a "
        "matrix by the sum of its row, so that each row of the result sums to 1. It must "
        "work for any number of rows and columns, not only for 5×4.",
        "取 A = torch.arange(20, dtype=torch.float32).reshape(5, 4)，运行 `A / A.sum(axis=1)`，"
        "读一读报错。然后写出 `row_normalize(A)`：把矩阵的每个元素除以它所在行的和，"
        "使结果的每一行加起来等于 1。它必须适用于任意行数和列数，而不只是 5×4。"),
    hints=(
        Text("A.sum(axis=1) has shape (5,): axis 1, the one running along each row, was "
             "summed away. Line that shape up against (5, 4) from the right and see which "
             "sizes meet.",
             "A.sum(axis=1) 的形状是 (5,)：轴 1（沿每一行延伸的那个轴）被求和消去了。把它和 "
             "(5, 4) 从右对齐，看看哪两个长度相遇。"),
        Text("Keep the summed axis as a size-1 axis so that the sums broadcast along the rows.",
             "让被求和的轴保留为长度 1 的轴，这样行和就能沿着每一行广播。"),
        Text("`A.sum(axis=1, keepdims=True)` has shape (5, 1).",
             "`A.sum(axis=1, keepdims=True)` 的形状是 (5, 1)。"),
    ),
    stub='''import torch


def row_normalize(A):
    """A with every element divided by the sum of its row."""
    ...


notes = """
What A / A.sum(axis=1) does, and why:
"""
''',
    solution='''import torch


def row_normalize(A):
    """A with every element divided by the sum of its row."""
    return A / A.sum(axis=1, keepdims=True)


notes = """
A.sum(axis=1) has shape (5,), which lines up with the 4 columns, not the 5 rows.
"""
''',
    answer=Text(
        "A.sum(axis=1) removes axis 1 and leaves shape (5,). Broadcasting lines shapes up "
        "from the right, so (5, 4) meets (5,) at the last axis: 4 against 5, which fails. "
        "With keepdims=True the sums have shape (5, 1); the 1 stretches across the 4 "
        "columns and each row is divided by its own sum. For a square matrix the wrong "
        "version runs without an error and divides by the wrong sums, which is worse.",
        "A.sum(axis=1) 去掉了轴 1，剩下形状 (5,)。广播从右边对齐形状，所以 (5, 4) 和 (5,) "
        "在最后一个轴相遇：4 对 5，于是失败。加上 keepdims=True 后行和的形状是 (5, 1)；其中的 "
        "1 沿 4 列伸展，每一行都除以自己的和。对方阵来说，错误的写法不会报错，却除以了错误的和，"
        "这更糟。"),
    checker="linalg:check_row_sums",
    lesson="prelim linalg keepdims",
)


def check_row_sums(t) -> None:
    import torch

    row_normalize = t.function("row_normalize")

    def expected(A):
        return torch.stack([row / row.sum() for row in A])

    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A
    t.expect("row_normalize(A)", lambda: row_normalize(A), expected(A), inputs={"A": A})
    for i in range(12):
        rows, cols = t.random(i).randint(1, 6), t.random(i + 100).randint(1, 6)
        if i == 0:
            rows = cols = 3  # a square matrix: the version without keepdims runs, wrongly
        A = torch.rand(rows, cols, generator=t.rng(i)) + 0.1
        t.expect("row_normalize(A)", lambda: row_normalize(A), expected(A), inputs={"A": A},
                 generated=i)


# ---------------------------------------------------------------- en 2.3.7 Manhattan distance

MANHATTAN = Exercise(
    slug="linalg.manhattan-distance",
    section="linalg",
    numbers={"en": "2.3.7"},
    kind="code",
    title=Text("Distance along avenues and streets", "沿着大道和街道走的距离"),
    statement=Text(
        "In downtown Manhattan you walk along avenues and streets, never through the blocks. "
        "Give a point as a 1-D float tensor of coordinates (for Manhattan: avenue number, "
        "street number). Write `manhattan(p, q)`, the distance you must cover between p and "
        "q moving along the grid only, and `crow(p, q)`, the straight-line distance a bird "
        "would fly. Both take two tensors of the same length n (any n ≥ 1, coordinates may be "
        "negative) and return a 0-d tensor or a Python float. In `notes`, say whether you "
        "can travel diagonally, and what that changes (not checked).",
        "在曼哈顿下城，你只能沿着大道和街道走，不能穿过街区。用一维浮点张量表示一个点的坐标"
        "（在曼哈顿就是：第几大道、第几街）。写出 `manhattan(p, q)`：只沿网格走时，从 p 到 q "
        "必须走过的距离；再写出 `crow(p, q)`：鸟沿直线飞过的距离。两者都接受长度相同的两个张量"
        "（长度 n ≥ 1 任意，坐标可以是负数），返回 0 维张量或 Python 浮点数。在 `notes` 里说明"
        "能不能斜着走，以及那会改变什么（不检查）。"),
    hints=(
        Text("On a grid, every block you walk changes exactly one coordinate by one. How many "
             "blocks must each coordinate change by?",
             "在网格上每走一个街区，恰好有一个坐标变化 1。每个坐标各需要变化多少个街区？"),
        Text("The grid distance is a norm of the difference p - q; the bird's is another one. "
             "Which norm ignores the signs and just adds?",
             "网格距离是差 p - q 的一种范数，鸟飞的距离是另一种。哪种范数忽略符号、直接相加？"),
        Text("`torch.abs(p - q).sum()` is the L1 distance; `torch.sqrt(((p - q) ** 2).sum())` "
             "is the L2 one.",
             "`torch.abs(p - q).sum()` 是 L1 距离；"
             "`torch.sqrt(((p - q) ** 2).sum())` 是 L2 距离。"),
    ),
    stub='''import torch


def manhattan(p, q):
    """The distance between points p and q walking along the grid (avenues and streets)."""
    ...


def crow(p, q):
    """The straight-line distance between p and q."""
    ...


notes = """
Can you travel diagonally? What changes if you can?
"""
''',
    solution='''import torch


def manhattan(p, q):
    """The distance between points p and q walking along the grid (avenues and streets)."""
    return torch.abs(p - q).sum()


def crow(p, q):
    """The straight-line distance between p and q."""
    return torch.sqrt(((p - q) ** 2).sum())


notes = """
Not through the blocks: only along the grid, so the L1 distance is what you walk.
"""
''',
    answer=Text(
        "Walking along the grid, you must change the avenue by |Δavenue| blocks and the street "
        "by |Δstreet| blocks, in whatever order: the distance is |Δavenue| + |Δstreet|, the "
        "L1 norm of p − q (the book's ‖u‖₁ = 7 for u = (3, −4) is this walk from the origin). "
        "The buildings stop you going diagonally, so the straight-line L2 distance (5 for "
        "the same u) is only what a bird covers; it is never longer than the walk, and equal "
        "only when the points differ in at most one coordinate. A street that cuts across the "
        "grid, as Broadway does, is a shortcut the L1 model leaves out.",
        "沿网格走，你必须把大道号改变 |Δ大道| 个街区，把街道号改变 |Δ街道| 个街区，次序随意："
        "距离是 |Δ大道| + |Δ街道|，即 p − q 的 L1 范数（书中 u = (3, −4) 的 ‖u‖₁ = 7，就是从原点"
        "这样走的距离）。楼房挡住了斜线，所以直线的 L2 距离（同一个 u 是 5）只是鸟飞过的距离；"
        "它从不比步行距离长，只有两点至多一个坐标不同时才相等。像百老汇大街那样斜穿网格的"
        "街道是一条捷径，L1 模型没有考虑它。"),
    checker="linalg:check_manhattan",
    lesson='prelim linalg norm "[3.0, -4.0]" --ord 1',
)


def check_manhattan(t) -> None:
    import math

    import torch

    manhattan, crow = t.function("manhattan"), t.function("crow")
    cases = [(None, torch.tensor([3.0, -4.0]), torch.zeros(2))]  # the book's u, from 0
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        n = 2 if i < 4 else r.randint(1, 5)
        p = torch.randint(-20, 21, (n,), generator=g).float()
        q = p.clone() if i == 0 else torch.randint(-20, 21, (n,), generator=g).float()
        if i == 5:
            p, q = p.double() / 3, q.double() / 7  # not whole blocks, and float64
        cases.append((i, p, q))
    for i, p, q in cases:
        steps = [a - b for a, b in zip(p.tolist(), q.tolist())]
        inputs = {"p": p, "q": q}
        t.expect("manhattan(p, q)", lambda: manhattan(p, q), math.fsum(map(abs, steps)),
                 inputs=inputs, generated=i)
        t.expect("crow(p, q)", lambda: crow(p, q), math.hypot(*steps), inputs=inputs,
                 generated=i)


# ---------------------------------------------------------------- zh 2.3.7 / en 2.3.8 sum shapes

SUM_SHAPES = Exercise(
    slug="linalg.sum-shapes",
    section="linalg",
    numbers={"zh": "2.3.7", "en": "2.3.8"},
    kind="code",
    title=Text("The shape left after a sum along an axis", "沿某个轴求和后剩下的形状"),
    statement=Text(
        "For a tensor of shape (2, 3, 4), what shapes do the sums along axis 0, 1 and 2 "
        "have? Answer for every shape at once: write `sum_shape(shape, axis, keepdims=False)`, "
        "which returns, as a tuple of ints, the shape of `X.sum(axis=axis, keepdims=keepdims)` "
        "for a tensor X of shape `shape` (a tuple with at least one axis). `axis` is one int "
        "and may be negative, counting from the end as PyTorch does. Work it out from the "
        "tuple; run PyTorch afterwards to see that you were right.",
        "形状为 (2, 3, 4) 的张量沿轴 0、1、2 求和，结果分别是什么形状？干脆对所有形状一并作答："
        "写出 `sum_shape(shape, axis, keepdims=False)`，以整数元组的形式返回 "
        "`X.sum(axis=axis, keepdims=keepdims)` 的形状，其中 X 的形状是 `shape`（至少有一个轴的"
        "元组）。`axis` 是一个整数，可以是负数，像 PyTorch 一样从末尾数起。请从元组本身推出答案，"
        "之后再运行 PyTorch 验证。"),
    hints=(
        Text("Summing along an axis adds up the entries along it, so that axis goes away; "
             "every other length stays. With keepdims=True it stays as a 1 instead.",
             "沿某个轴求和会把该轴上的元素加起来，于是这个轴消失，其他轴的长度不变。"
             "keepdims=True 时，这个轴保留下来，长度变成 1。"),
        Text("Axis -1 is the last one. Turn a negative axis into its positive number "
             "before slicing the tuple, or `shape[axis + 1:]` goes wrong.",
             "轴 -1 是最后一个轴。切片之前先把负数轴换成对应的正数编号，否则 "
             "`shape[axis + 1:]` 会出错。"),
        Text("`axis %= len(shape)`, then `shape[:axis] + shape[axis + 1:]`, with `(1,)` "
             "in the middle when keepdims is set. For (2, 3, 4): (3, 4), (2, 4), (2, 3).",
             "`axis %= len(shape)`，然后 `shape[:axis] + shape[axis + 1:]`，keepdims 为真时中间"
             "放一个 `(1,)`。对 (2, 3, 4)：(3, 4)、(2, 4)、(2, 3)。"),
    ),
    stub='''import torch


def sum_shape(shape, axis, keepdims=False):
    """The shape of X.sum(axis=axis, keepdims=keepdims) for X of this shape, as a tuple."""
    ...
''',
    solution='''import torch


def sum_shape(shape, axis, keepdims=False):
    """The shape of X.sum(axis=axis, keepdims=keepdims) for X of this shape, as a tuple."""
    axis %= len(shape)
    kept = (1,) if keepdims else ()
    return tuple(shape[:axis]) + kept + tuple(shape[axis + 1:])
''',
    answer=Text(
        "A sum along an axis removes that axis and keeps the others in order: for (2, 3, 4), "
        "axis 0 gives (3, 4), axis 1 gives (2, 4), axis 2 gives (2, 3). With keepdims=True "
        "the summed axis stays with length 1, (1, 3, 4), (2, 1, 4), (2, 3, 1), which is what "
        "lets the sums broadcast back against X (exercise 2.3.6). A negative axis counts "
        "from the end, so on three axes -1 is axis 2.",
        "沿某个轴求和会去掉这个轴，其余的轴按原顺序保留：对 (2, 3, 4)，轴 0 得 (3, 4)，轴 1 得 "
        "(2, 4)，轴 2 得 (2, 3)。keepdims=True 时被求和的轴以长度 1 保留：(1, 3, 4)、(2, 1, 4)、"
        "(2, 3, 1)，正因如此，和才能与 X 重新广播（练习 2.3.6）。负数轴从末尾数起，"
        "所以在三个轴上 -1 就是轴 2。"),
    checker="linalg:check_sum_shapes",
    lesson="prelim linalg sum --shape 2,3,4",
)


def check_sum_shapes(t) -> None:
    import torch

    sum_shape = t.function("sum_shape")
    cases = [(None, (2, 3, 4), axis, False) for axis in range(3)]  # the book's question
    for i in range(12):
        r = t.random(i)
        shape = _random_shape(r, axes=(1, 4), sizes=(1, 5))
        axis = r.randrange(len(shape)) - (len(shape) if i % 2 else 0)  # odd i: negative
        if i == 1:
            axis = -1  # the last axis, where shape[axis + 1:] is shape[0:]
        cases.append((i, shape, axis, i % 3 == 0))
    for i, shape, axis, keepdims in cases:
        X = torch.zeros(shape)  # at most 5**4 elements
        want = tuple(X.sum(dim=axis, keepdim=keepdims).shape)
        call = f"sum_shape({shape}, {axis}" + (", keepdims=True)" if keepdims else ")")
        t.expect(call, lambda: sum_shape(shape, axis, keepdims=keepdims), want, generated=i)


# ---------------------------------------------------------------- zh 2.3.8 / en 2.3.9 norm

NORM_ANY_SHAPE = Exercise(
    slug="linalg.norm-any-shape",
    section="linalg",
    numbers={"zh": "2.3.8", "en": "2.3.9"},
    kind="code",
    title=Text("What linalg.norm computes for three or more axes",
               "linalg.norm 对三个及以上轴的张量算的是什么"),
    statement=Text(
        "Give `torch.linalg.norm` tensors with three, four, five axes and look at what comes "
        "back. Then write `norm(X)`, which computes what `torch.linalg.norm(X)` (no other "
        "arguments) computes, for a floating-point tensor X of any shape, with basic "
        "operations: your function must not call `torch.linalg.norm`, "
        "`torch.linalg.vector_norm`, `torch.linalg.matrix_norm`, `torch.norm` or `X.norm` "
        "(prelim blocks them while it checks yours). Return a 0-d tensor; its floating dtype "
        "is up to you. In `notes`, say what the number means (not checked).",
        "把有三个、四个、五个轴的张量交给 `torch.linalg.norm`，看看返回什么。然后写出 `norm(X)`："
        "对任意形状的浮点张量 X，只用基本运算求出与 `torch.linalg.norm(X)`（不带其他参数）"
        "相同的结果：你的函数不能调用 `torch.linalg.norm`、`torch.linalg.vector_norm`、"
        "`torch.linalg.matrix_norm`、`torch.norm` 或 `X.norm`（prelim 检查时会屏蔽它们）。"
        "返回一个 0 维张量，浮点类型由你决定。在 `notes` 里说明这个数的含义（不检查）。"),
    hints=(
        Text("The result has shape (): one number for the whole tensor, not one per matrix. "
             "Compare it with the L2 norm of `X.flatten()`.",
             "结果的形状是 ()：整个张量只得到一个数，而不是每个矩阵一个数。把它与 "
             "`X.flatten()` 的 L2 范数比较一下。"),
        Text("For a matrix the default is the Frobenius norm, and for a vector the L2 norm: "
             "both are the square root of the sum of the squares of all elements.",
             "对矩阵，默认是 Frobenius 范数；对向量，默认是 L2 范数：两者都是所有元素平方和的"
             "平方根。"),
        Text("`torch.sqrt((X ** 2).sum())`.", "`torch.sqrt((X ** 2).sum())`。"),
    ),
    stub='''import torch


def norm(X):
    """What torch.linalg.norm(X) computes, without calling any norm function."""
    ...


notes = """
What torch.linalg.norm computes for a tensor of any shape:
"""
''',
    solution='''import torch


def norm(X):
    """What torch.linalg.norm(X) computes, without calling any norm function."""
    return torch.sqrt((X ** 2).sum())


notes = """
The L2 norm of all the elements taken as one long vector.
"""
''',
    answer=Text(
        "Without `ord` and `dim`, torch.linalg.norm flattens X, whatever its shape, and "
        "returns the L2 norm of that one long vector: the square root of the sum of the "
        "squares of every element. For a matrix that is the Frobenius norm (the book's "
        "‖ones(4, 9)‖ = 6, the square root of 36 squared ones); for "
        "X = arange(24).reshape(2, 3, 4) it is 65.7571. It does not compute a norm per "
        "matrix or per row: for that you pass `dim`, or use matrix_norm. Asking for another "
        "`ord` without `dim` on three or more axes is an error, because those norms are "
        "only defined for vectors and matrices.",
        "不给 `ord` 和 `dim` 时，torch.linalg.norm 无论 X 是什么形状都先把它展平，返回这个长向量"
        "的 L2 范数：所有元素平方和的平方根。对矩阵来说这就是 Frobenius 范数（书中 "
        "‖ones(4, 9)‖ = 6，即 36 个 1 之和的平方根）；对 X = arange(24).reshape(2, 3, 4) 是 "
        "65.7571。它不会对每个矩阵或每一行分别求范数：那需要传入 `dim`，或用 matrix_norm。"
        "对三个及以上的轴，不给 `dim` 却指定别的 `ord` 会报错，因为那些范数只对向量和矩阵有定义。"),
    checker="linalg:check_norm_any_shape",
    lesson="prelim linalg norm --shape 2,3,4",
)


class NotAllowed(Exception):
    """The learner's code called a function the exercise asks them to do without."""


def check_norm_any_shape(t) -> None:
    import math

    import torch

    norm = t.function("norm")
    cases = [(None, torch.tensor([3.0, -4.0])),  # the book's u: 5
             (None, torch.ones(4, 9)),  # the book's ones((4, 9)): 6
             (None, torch.arange(24, dtype=torch.float32).reshape(2, 3, 4))]  # the book's X
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        shape = _random_shape(r, axes=(3 + i % 3, 3 + i % 3), sizes=(1, 3))
        dtype = torch.float64 if i % 4 == 3 else torch.float32
        cases.append((i, torch.randn(shape, generator=g, dtype=dtype) * r.choice((0.1, 1, 50))))
    blocked = [(torch.linalg, name) for name in ("norm", "vector_norm", "matrix_norm")] \
        + [(torch, "norm")]
    for i, X in cases:
        want = math.sqrt(math.fsum(x * x for x in X.flatten().tolist()))
        with _blocking(blocked):
            t.expect("norm(X)", lambda: norm(X), torch.tensor(want, dtype=X.dtype),
                     inputs={"X": X}, generated=i, dtype=False)


@contextmanager
def _blocking(functions):
    """While inside, calling torch.norm and the like raises NotAllowed (X.norm calls
    torch.norm, so it is blocked too)."""
    saved = [(owner, name, getattr(owner, name)) for owner, name in functions]

    def refuse(name):
        def refused(*args, **kwargs):
            raise NotAllowed(f"this exercise asks you to compute it without {name}: "
                             "use elementwise operations and a sum")
        return refused

    for owner, name, _ in saved:
        setattr(owner, name, refuse(f"{owner.__name__}.{name}"))
    try:
        yield
    finally:
        for owner, name, function in saved:
            setattr(owner, name, function)


# ---------------------------------------------------------------- en 2.3.10 (AB)C or A(BC)

PRODUCT_ORDER = Exercise(
    slug="linalg.product-order",
    section="linalg",
    numbers={"en": "2.3.10"},
    kind="code",
    title=Text("(AB)C or A(BC): same product, different cost",
               "(AB)C 还是 A(BC)：乘积相同，代价不同"),
    statement=Text(
        "Take A of shape (2¹⁰, 2¹⁶), B of shape (2¹⁶, 2⁵) and C of shape (2⁵, 2¹⁴). Both "
        "orders give the same ABC, but not at the same price. Count it, from the shapes "
        "alone (do not build these matrices: A alone is 256 MiB of float32). Write "
        "`cost_ab_c(a, b, c)` and `cost_a_bc(a, b, c)`: given the shapes a = (m, n), "
        "b = (n, p), c = (p, q) as tuples of ints, each returns a tuple of two ints: the "
        "number of scalar multiplications for computing ABC in that order (the schoolbook "
        "product, which multiplies an (m, n) by an (n, p) matrix with m·n·p multiplications), "
        "and the number of elements of the intermediate matrix it has to hold (AB, or BC). "
        "Set `cheaper` to the string \"(AB)C\" or \"A(BC)\", whichever order needs fewer "
        "multiplications for the sizes above. In `notes`, explain the difference in memory "
        "and speed (not checked).",
        "取形状为 (2¹⁰, 2¹⁶) 的 A、(2¹⁶, 2⁵) 的 B 和 (2⁵, 2¹⁴) 的 C。两种次序得到的 ABC 相同，"
        "代价却不同。只根据形状来数一数（不要真的构造这些矩阵：光是 A 就有 256 MiB 的 float32）。"
        "写出 `cost_ab_c(a, b, c)` 和 `cost_a_bc(a, b, c)`：给定整数元组形式的形状 a = (m, n)、"
        "b = (n, p)、c = (p, q)，各自返回两个整数组成的元组：按该次序计算 ABC 需要的标量乘法次数"
        "（按教科书的算法，(m, n) 矩阵乘 (n, p) 矩阵需要 m·n·p 次乘法），以及中间结果矩阵（AB "
        "或 BC）的元素个数。把 `cheaper` 设为字符串 \"(AB)C\" 或 \"A(BC)\"：对上面的尺寸，哪种"
        "次序的乘法次数更少。在 `notes` 里解释内存和速度上的差别（不检查）。"),
    hints=(
        Text("(AB)C is two products: (m, n) by (n, p), then the (m, p) result by (p, q). "
             "Add up the multiplications of both.",
             "(AB)C 是两次乘法：先 (m, n) 乘 (n, p)，再用得到的 (m, p) 乘 (p, q)。"
             "把两次的乘法次数加起来。"),
        Text("A(BC) first makes BC, of shape (n, q), then multiplies (m, n) by (n, q).",
             "A(BC) 先算出形状为 (n, q) 的 BC，再计算 (m, n) 乘 (n, q)。"),
        Text("(AB)C: (m·n·p + m·p·q, m·p). A(BC): (n·p·q + m·n·q, n·q).",
             "(AB)C：(m·n·p + m·p·q, m·p)。A(BC)：(n·p·q + m·n·q, n·q)。"),
    ),
    stub='''import torch


def cost_ab_c(a, b, c):
    """(multiplications, elements of AB) for computing (AB)C with shapes a, b, c."""
    ...


def cost_a_bc(a, b, c):
    """(multiplications, elements of BC) for computing A(BC) with shapes a, b, c."""
    ...


cheaper = ...  # "(AB)C" or "A(BC)" for A (2**10, 2**16), B (2**16, 2**5), C (2**5, 2**14)

notes = """
Memory and speed of the two orders:
"""
''',
    solution='''import torch


def cost_ab_c(a, b, c):
    """(multiplications, elements of AB) for computing (AB)C with shapes a, b, c."""
    (m, n), (_, p), (_, q) = a, b, c
    return m * n * p + m * p * q, m * p


def cost_a_bc(a, b, c):
    """(multiplications, elements of BC) for computing A(BC) with shapes a, b, c."""
    (m, n), (_, p), (_, q) = a, b, c
    return n * p * q + m * n * q, n * q


cheaper = "(AB)C"

notes = """
AB is small (2**10 x 2**5), BC is huge (2**16 x 2**14): A(BC) does about 420 times
the work and holds a 4 GiB intermediate.
"""
''',
    answer=Text(
        "With m, n, p, q = 2¹⁰, 2¹⁶, 2⁵, 2¹⁴: (AB)C makes AB with 2³¹ multiplications, a "
        "1024×32 matrix of 32,768 elements (128 KiB of float32), then 2²⁹ more, "
        "2,684,354,560 in all. A(BC) makes BC with 2³⁵ multiplications, a 65536×16384 matrix "
        "of 2³⁰ elements (4 GiB), then 2⁴⁰ more: 1,133,871,366,144, about 422 times as "
        "many. The result is the same 1024×16384 matrix either way (up to rounding), so "
        "the order is free to choose: multiply first where the shared size is small and "
        "the intermediate stays small. On a real machine A(BC) is slower by roughly that "
        "factor, and may not fit in memory at all. `prelim linalg cost` does this count.",
        "取 m, n, p, q = 2¹⁰, 2¹⁶, 2⁵, 2¹⁴：(AB)C 先用 2³¹ 次乘法得到 AB，一个 1024×32 的矩阵，"
        "共 32,768 个元素（float32 占 128 KiB），再用 2²⁹ 次，总共 2,684,354,560 次。A(BC) 先用 "
        "2³⁵ 次乘法得到 BC，一个 65536×16384 的矩阵，共 2³⁰ 个元素（4 GiB），再用 2⁴⁰ 次："
        "1,133,871,366,144 次，约为前者的 422 倍。两种次序得到的都是同一个 1024×16384 的矩阵"
        "（舍入误差除外），所以次序可以自由选择：先乘共享维度小、中间结果也小的那一对。"
        "在真实的机器上，A(BC) 大约慢这么多倍，而且可能根本放不进内存。"
        "`prelim linalg cost` 就在做这种计数。"),
    checker="linalg:check_product_order",
    lesson="prelim linalg cost",
)


def check_product_order(t) -> None:
    cost_ab_c, cost_a_bc = t.function("cost_ab_c"), t.function("cost_a_bc")
    cheaper = t.value("cheaper")

    def product(x, y):  # one schoolbook product: (multiplications, elements of the result)
        return x[0] * x[1] * y[1], x[0] * y[1]

    def orders(a, b, c):
        (ab, ab_size), (ab_c, _) = product(a, b), product((a[0], b[1]), c)
        (bc, bc_size), (a_bc, _) = product(b, c), product(a, (b[0], c[1]))
        return (ab + ab_c, ab_size), (bc + a_bc, bc_size)

    book = (2 ** 10, 2 ** 16), (2 ** 16, 2 ** 5), (2 ** 5, 2 ** 14)
    first, second = orders(*book)
    t.expect("cheaper", lambda: cheaper, "(AB)C" if first[0] < second[0] else "A(BC)")
    cases = [(None, book)]
    for i in range(12):
        r = t.random(i)
        m, n, p, q = (r.choice((1, r.randint(2, 9), r.randint(10, 300))) for _ in range(4))
        cases.append((i, ((m, n), (n, p), (p, q))))
    for i, (a, b, c) in cases:
        first, second = orders(a, b, c)
        t.expect(f"cost_ab_c({a}, {b}, {c})", lambda: cost_ab_c(a, b, c), first, generated=i)
        t.expect(f"cost_a_bc({a}, {b}, {c})", lambda: cost_a_bc(a, b, c), second, generated=i)


# ---------------------------------------------------------------- en 2.3.11 AB or ACᵀ: layout

TRANSPOSE_LAYOUT = Exercise(
    slug="linalg.transpose-layout",
    section="linalg",
    numbers={"en": "2.3.11"},
    kind="code",
    title=Text("AB or ACᵀ: how a transpose sits in memory", "AB 还是 ACᵀ：转置在内存中的样子"),
    statement=Text(
        "Computing ACᵀ does not build a new matrix Cᵀ first: `C.T` is a view that reads C's "
        "memory in another order, and `X.stride()` shows that order: how many elements to "
        "step in memory to move by one along each axis. Write `row_major_strides(shape)`: the "
        "strides, as a tuple of ints, of a freshly made (contiguous) tensor of that shape, "
        "worked out from the sizes alone (all ≥ 1). Then answer three questions about "
        "C = torch.randn(2**5, 2**16) and B = torch.randn(2**16, 2**5), as values: "
        "`ct_strides`, the tuple `C.T.stride()`; `ct_contiguous`, whether `C.T.is_contiguous()`; "
        "and `view_ct_contiguous`, whether `C.T.is_contiguous()` after C = B.T (a view, no "
        "clone). prelim checks them on meta tensors, which have shapes and strides but no "
        "memory. In `notes`, say what you expect for the speed of AB and ACᵀ, and why; time "
        "them on smaller sizes if you like (not checked).",
        "计算 ACᵀ 时并不会先造出一个新矩阵 Cᵀ：`C.T` 是一个视图，以另一种次序读取 C 的内存，"
        "而 `X.stride()` 显示了这种次序：沿每个轴移动一步，要在内存中跨过多少个元素。"
        "写出 `row_major_strides(shape)`："
        "只根据各轴长度（都 ≥ 1），以整数元组的形式返回一个新建的（连续的）该形状张量的步幅。"
        "然后以变量的形式回答关于 C = torch.randn(2**5, 2**16) 和 B = torch.randn(2**16, 2**5) "
        "的三个问题：`ct_strides`，即元组 `C.T.stride()`；`ct_contiguous`，即 "
        "`C.T.is_contiguous()` 是否为真；`view_ct_contiguous`，即令 C = B.T（视图，不克隆）之后 "
        "`C.T.is_contiguous()` 是否为真。prelim 用 meta 张量检查它们：这种张量有形状和步幅，"
        "却不占内存。在 `notes` 里写下你对 AB 和 ACᵀ 速度的预期及理由；愿意的话可以在较小的尺寸上"
        "计时（不检查）。"),
    hints=(
        Text("Rows are stored one after another: the last axis has stride 1, and each axis "
             "before it steps over one whole block of the axes after it.",
             "各行在内存中一行接一行地存放：最后一个轴的步幅是 1，前面每个轴的一步都要跨过它后面"
             "各轴组成的一整块。"),
        Text("Transposing copies nothing: it swaps the two strides. A tensor is contiguous "
             "when its strides are the row-major ones for its shape.",
             "转置不复制任何东西：它只交换两个步幅。当一个张量的步幅恰好是其形状的行优先步幅时，"
             "它就是连续的。"),
        Text("For (2, 3, 4) the strides are (12, 4, 1): multiply the sizes from the right. "
             "C.T has strides (1, 65536); (B.T).T is B itself.",
             "(2, 3, 4) 的步幅是 (12, 4, 1)：从右往左把长度连乘。C.T 的步幅是 (1, 65536)；"
             "(B.T).T 就是 B 本身。"),
    ),
    stub='''import torch


def row_major_strides(shape):
    """The strides of a contiguous tensor of this shape, as a tuple of ints."""
    ...


ct_strides = ...  # C.T.stride() for C = torch.randn(2**5, 2**16)
ct_contiguous = ...  # C.T.is_contiguous(), True or False
view_ct_contiguous = ...  # C.T.is_contiguous() after C = B.T, B = torch.randn(2**16, 2**5)

notes = """
AB or ACᵀ, which is faster, and why? And with C = B.T?
"""
''',
    solution='''import torch


def row_major_strides(shape):
    """The strides of a contiguous tensor of this shape, as a tuple of ints."""
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


ct_strides = (1, 2**16)
ct_contiguous = False
view_ct_contiguous = True

notes = """
C.T is a view with swapped strides: the product reads C column-wise, or the library
is told the operand is transposed. With C = B.T, C.T is B's own memory: exactly AB.
"""
''',
    answer=Text(
        "A contiguous tensor stores its last axis with stride 1 and every earlier axis with "
        "the product of the sizes after it: (2¹⁶, 2⁵) has strides (32, 1), (2⁵, 2¹⁶) has "
        "(65536, 1). C.T copies nothing; it swaps the strides to (1, 65536), so it is not "
        "contiguous: walking along one of its rows jumps 65536 elements at a time. A naive "
        "loop over such a matrix touches a new cache line for every element and runs far "
        "slower. PyTorch's matrix product hands the operand to its BLAS library marked as "
        "transposed instead, so AB and ACᵀ usually take about the same time (measure it: it "
        "depends on the library and the shapes). With C = B.T, C is a view of B, and C.T "
        "has B's strides (32, 1) again: it is contiguous, it is B's memory, and ACᵀ "
        "computes exactly AB.",
        "连续张量的最后一个轴步幅为 1，前面每个轴的步幅是它后面各轴长度的乘积：(2¹⁶, 2⁵) 的步幅是 "
        "(32, 1)，(2⁵, 2¹⁶) 的是 (65536, 1)。C.T 不复制任何东西，只把步幅交换成 (1, 65536)，"
        "所以它不连续：沿它的一行走，每次要跳过 65536 个元素。朴素的循环遍历这样的矩阵时，"
        "每个元素都落在新的缓存行上，会慢得多。PyTorch 的矩阵乘法则把这个操作数标记为“已转置”"
        "交给 BLAS 库处理，所以 AB 和 ACᵀ 通常耗时差不多（请亲自测一测：这取决于库和形状）。"
        "若 C = B.T，C 是 B 的视图，C.T 又有 B 的步幅 (32, 1)：它是连续的，就是 B 的内存，"
        "ACᵀ 算的正是 AB。"),
    checker="linalg:check_transpose_layout",
    lesson="prelim tensor memory",
)


def check_transpose_layout(t) -> None:
    import torch

    row_major_strides = t.function("row_major_strides")
    values = {name: t.value(name) for name in ("ct_strides", "ct_contiguous",
                                                "view_ct_contiguous")}
    C = torch.empty(2 ** 5, 2 ** 16, device="meta")  # shapes and strides, no memory
    B = torch.empty(2 ** 16, 2 ** 5, device="meta")
    truth = {"ct_strides": C.T.stride(), "ct_contiguous": C.T.is_contiguous(),
             "view_ct_contiguous": B.T.T.is_contiguous()}
    for name, want in truth.items():
        t.expect(name, lambda: values[name], want)
    shapes = [(None, (2 ** 10, 2 ** 16)), (None, (2 ** 16, 2 ** 5)), (None, (2 ** 5, 2 ** 16))]
    for i in range(12):
        shapes.append((i, _random_shape(t.random(i), axes=(1, 5), sizes=(1, 6))))
    for i, shape in shapes:
        want = torch.empty(shape, device="meta").stride()
        t.expect(f"row_major_strides({shape})", lambda: row_major_strides(shape), want,
                 generated=i)


# ---------------------------------------------------------------- en 2.3.12 stack, slice B out

STACK_SLICE = Exercise(
    slug="linalg.stack-slice",
    section="linalg",
    numbers={"en": "2.3.12"},
    kind="code",
    title=Text("Stacking three matrices and slicing one back out", "堆叠三个矩阵，再切出其中一个"),
    statement=Text(
        "Take three matrices A, B, C of shape (100, 200). Write `stack_abc(A, B, C)`, which "
        "stacks them into one tensor with three axes so that the THIRD axis picks the "
        "matrix: element [i, j, k] is element [i, j] of the k-th matrix (A for k = 0, B for "
        "1, C for 2). Set `shape` to the shape this gives for (100, 200) matrices, as a "
        "tuple. Write `recover_b(T)`, which slices B back out of such a stacked T (the "
        "second position along the third axis). Both must work for any matrix shape and "
        "keep the dtype; prelim checks that `recover_b(stack_abc(A, B, C))` is B.",
        "取三个形状为 (100, 200) 的矩阵 A、B、C。写出 `stack_abc(A, B, C)`：把它们堆叠成一个三轴"
        "张量，使第三个轴用来选矩阵：元素 [i, j, k] 是第 k 个矩阵的元素 [i, j]"
        "（k = 0 是 A，1 是 B，2 是 C）。把 `shape` 设为 (100, 200) 的矩阵堆叠后的形状（元组）。"
        "写出 `recover_b(T)`：从这样堆叠的 T 中切出 B（第三个轴上的第二个位置）。"
        "两者都必须适用于任意形状的矩阵，并保持数据类型；prelim 会检查 "
        "`recover_b(stack_abc(A, B, C))` 是否就是 B。"),
    hints=(
        Text("`torch.cat` joins along an axis that already exists; `torch.stack` makes a new "
             "one. Which do you need for three axes out of three matrices?",
             "`torch.cat` 沿已有的轴拼接；`torch.stack` 会新建一个轴。要用三个矩阵得到三个轴，"
             "该用哪一个？"),
        Text("torch.stack puts the new axis where `dim` says; the default, 0, gives "
             "(3, 100, 200), with the matrix chosen by the FIRST axis.",
             "torch.stack 把新轴放在 `dim` 指定的位置；默认的 0 得到 (3, 100, 200)，"
             "由第一个轴选矩阵。"),
        Text("`torch.stack([A, B, C], dim=2)` has shape (100, 200, 3); `T[:, :, 1]` is B.",
             "`torch.stack([A, B, C], dim=2)` 的形状是 (100, 200, 3)；`T[:, :, 1]` 就是 B。"),
    ),
    stub='''import torch


def stack_abc(A, B, C):
    """A, B, C stacked along a new third axis: result[i, j, k] is matrix k's [i, j]."""
    ...


shape = ...  # the shape of stack_abc(A, B, C) for three (100, 200) matrices


def recover_b(T):
    """B, sliced out of T = stack_abc(A, B, C)."""
    ...
''',
    solution='''import torch


def stack_abc(A, B, C):
    """A, B, C stacked along a new third axis: result[i, j, k] is matrix k's [i, j]."""
    return torch.stack([A, B, C], dim=2)


shape = (100, 200, 3)


def recover_b(T):
    """B, sliced out of T = stack_abc(A, B, C)."""
    return T[:, :, 1]
''',
    answer=Text(
        "Stacking three (100, 200) matrices along a new third axis gives a tensor of shape "
        "(100, 200, 3): three axes, 60,000 elements, each position (i, j) holding a "
        "little vector of length 3, (a_ij, b_ij, c_ij). Fixing the third index at 1 with "
        "T[:, :, 1] (or T[..., 1]) keeps all rows and columns and leaves B, shape (100, 200). "
        "torch.cat could not do this: it only lengthens an existing axis, giving (300, 200) "
        "or (100, 600), and stacking along axis 0 gives (3, 100, 200), where B is T[1].",
        "把三个 (100, 200) 的矩阵沿新的第三个轴堆叠，得到形状为 (100, 200, 3) 的张量：三个轴，"
        "60,000 个元素，每个位置 (i, j) 上是一个长度为 3 的小向量 (a_ij, b_ij, c_ij)。用 "
        "T[:, :, 1]（或 T[..., 1]）把第三个下标固定为 1，保留所有行和列，剩下的就是形状为 "
        "(100, 200) 的 B。torch.cat 做不到这一点：它只能加长已有的轴，得到 (300, 200) 或 "
        "(100, 600)；而沿轴 0 堆叠得到 (3, 100, 200)，那时 B 是 T[1]。"),
    checker="linalg:check_stack_slice",
    lesson="prelim tensor cat",
)


def check_stack_slice(t) -> None:
    import torch

    stack_abc, recover_b = t.function("stack_abc"), t.function("recover_b")
    shape = t.value("shape")
    n = 100 * 200  # the book's three 100 × 200 matrices, told apart by their values
    triples = [(None, *(torch.arange(k * n, (k + 1) * n).reshape(100, 200) for k in range(3)))]
    for i in range(12):
        r, g = t.random(i), t.rng(i)
        size = (r.randint(1, 6), r.randint(1, 6))
        if i % 3 == 2:
            triples.append((i, *(torch.randint(-9, 10, size, generator=g) for _ in range(3))))
        else:
            triples.append((i, *(torch.randn(size, generator=g) for _ in range(3))))
    A = triples[0][1]
    t.expect("shape", lambda: shape, (*A.shape, 3))
    for i, A, B, C in triples:
        T = torch.empty(*A.shape, 3, dtype=A.dtype)  # filled slice by slice, not stacked
        T[:, :, 0], T[:, :, 1], T[:, :, 2] = A, B, C
        inputs = {"A": A, "B": B, "C": C}
        t.expect("stack_abc(A, B, C)", lambda: stack_abc(A, B, C), T, inputs=inputs,
                 generated=i)
        t.expect("recover_b(T)", lambda: recover_b(T), B.clone(), inputs={"T": T},
                 generated=i)
        t.holds("recover_b(stack_abc(A, B, C)) == B",
                lambda: torch.equal(recover_b(stack_abc(A, B, C)), B), inputs=inputs,
                generated=i)


# ---------------------------------------------------------------- shared by the checkers

def _transpose(M):
    """Mᵀ built from Python lists (zip of the rows), an answer that does not use .T."""
    import torch

    return torch.tensor([list(column) for column in zip(*M.tolist())], dtype=M.dtype)


def _random_shape(r, *, axes: tuple[int, int], sizes: tuple[int, int]) -> tuple[int, ...]:
    """A shape with between axes[0] and axes[1] axes, each of a size in sizes (inclusive)."""
    return tuple(r.randint(*sizes) for _ in range(r.randint(*axes)))


EXERCISES = [TRANSPOSE_TWICE, TRANSPOSE_SUM, SYMMETRIC_SUM, LEN_OF_X, LEN_AXIS, ROW_SUMS,
             MANHATTAN, SUM_SHAPES, NORM_ANY_SHAPE, PRODUCT_ORDER, TRANSPOSE_LAYOUT,
             STACK_SLICE]
