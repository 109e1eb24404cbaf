"""The exercises of §2.3 (both editions) and their checkers.

Each checker builds the book's input and generated ones, computes the answer its own way
(never with the learner's code, never with the reference solution's text) and records each
comparison on the Trial. torch is imported inside the checkers: they run only in the child.
"""

from prelim_cli.learn.exercise import Exercise, Text

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
    lesson="prelim linalg transpose",
)


def check_transpose_twice(t) -> None:
    import torch

    left, right = t.function("left"), t.function("right")
    A = torch.arange(20, dtype=torch.float32).reshape(5, 4)  # the book's A
    t.expect("left(A)", lambda: left(A), A.transpose(0, 1).transpose(0, 1), inputs={"A": A})
    t.expect("right(A)", lambda: right(A), A.clone(), inputs={"A": A})
    for i in range(20):
        shape = (t.random(i).randint(1, 6), t.random(i + 100).randint(1, 6))
        A = torch.randn(shape, generator=t.rng(i))
        t.expect("left(A)", lambda: left(A), A.clone(), inputs={"A": A}, generated=i)
        t.holds("left(A) == right(A)", lambda: torch.equal(left(A), right(A)),
                inputs={"A": A}, generated=i)


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


# ---------------------------------------------------------------- 2.3.6 A / A.sum(axis=1)

ROW_SUMS = Exercise(
    slug="linalg.row-sums",
    section="linalg",
    numbers={"zh": "2.3.6", "en": "2.3.6"},
    kind="code",
    title=Text("Dividing each row by its sum", "每行除以该行的和"),
    statement=Text(
        "Run `A / A.sum(axis=1)` with the 5×4 matrix A of §2.3 and read the error. Then write "
        "`row_normalize(A)`, which divides every element of a matrix by the sum of its row, "
        "so that each row of the result sums to 1. It must work for any number of rows and "
        "columns, not only for 5×4.",
        "用 §2.3 中 5×4 的矩阵 A 运行 `A / A.sum(axis=1)`，读一读报错。然后写出 "
        "`row_normalize(A)`：把矩阵的每个元素除以它所在行的和，使结果的每一行加起来等于 1。"
        "它必须适用于任意行数和列数，而不只是 5×4。"),
    hints=(
        Text("A.sum(axis=1) has shape (5,): the row axis was removed. Line that shape up "
             "against (5, 4) from the right and see which sizes meet.",
             "A.sum(axis=1) 的形状是 (5,)：行方向的轴被去掉了。把它和 (5, 4) 从右对齐，"
             "看看哪两个长度相遇。"),
        Text("Keep the summed axis as a size-1 axis so that the sums broadcast along the rows.",
             "让被求和的轴保留为长度 1 的轴，这样行和就能沿着每一行广播。"),
        Text("`A.sum(axis=1, keepdims=True)` has shape (5, 1).",
             "`A.sum(axis=1, keepdims=True)` 的形状是 (5, 1)。"),
    ),
    stub='''import torch


def row_normalize(A):
    """A with every element divided by the sum of its row."""
    ...
''',
    solution='''import torch


def row_normalize(A):
    """A with every element divided by the sum of its row."""
    return A / A.sum(axis=1, keepdims=True)
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
    lesson="prelim broadcast 5,4 5",
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


EXERCISES = [TRANSPOSE_TWICE, LEN_OF_X, ROW_SUMS]
