"""§2.3 Linear algebra (线性代数): scalars, vectors, matrices and elementwise arithmetic.

The reductions (sum, mean, keepdims, cumsum) live in ``linalg.reduce``, the
products, norms and the cost of a chain of products in ``linalg.products``.
The helpers here (where an operand comes from, when a mistake stops a demo)
are shared by all three.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import torch

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.parse.shape import parse_shape, shape_text
from prelim_cli.parse.size import check_size
from prelim_cli.topics.build import arange_matrix, literal_tensor

BOOK_A = "torch.arange(20, dtype=torch.float32).reshape(5, 4)"
BOOK_B = "torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])"


def book_A() -> tuple[torch.Tensor, str]:
    """The matrix of §2.3.6 onwards, the one most demos of the section work on."""
    return torch.arange(20, dtype=torch.float32).reshape(5, 4), BOOK_A


def operand(literal: str | None, shape: str | None,
            default: tuple[torch.Tensor, str]) -> tuple[torch.Tensor, str]:
    """A tensor and the code that makes it: a literal, ``--shape`` (arange, float32), or the
    book's."""
    if literal is not None:
        return literal_tensor(literal)
    if shape is not None:
        dims = parse_shape(shape, allow_zero=False)
        tensor, code = arange_matrix(dims, "float32")
        if len(dims) == 1:  # a vector reads better without .reshape(n)
            code = f"torch.arange({dims[0]}, dtype=torch.float32)"
        return tensor, code
    return default


def demo_on_A(command: str, a: str | None, shape: str | None,
              demo: Demo | None = None) -> tuple[Demo, torch.Tensor]:
    """A demo whose first step shows A (after any steps ``demo`` already has): the book's, the
    user's literal, or ``--shape``."""
    A, code = operand(a, shape, book_A())
    demo = demo or Demo(command)
    demo.add("linalg.A", f"A = {code}\nA", A, shape=shape_text(A.shape))
    return demo, A


def factory_code(name: str, sizes: tuple[int, ...], dtype: torch.dtype,
                 explicit: bool = False) -> str:
    """``torch.ones(4, 3)`` / ``torch.arange(4, dtype=torch.float32)``: the dtype is written
    when asked, or when it is not the factory's own (float32 for ones, int64 for arange)."""
    natural = torch.int64 if name == "arange" else torch.float32
    args = ", ".join(map(str, sizes))
    if dtype == natural and not explicit:
        return f"torch.{name}({args})"
    return f"torch.{name}({args}, dtype={dtype})"


def companion(name: str, sizes: tuple[int, ...], dtype: torch.dtype,
              explicit: bool = False) -> tuple[torch.Tensor, str]:
    """The book's second operand (``torch.ones(4, 3)``, ``torch.arange(4, ...)``), sized and
    typed to fit the first one."""
    check_size(sizes)
    make = torch.arange if name == "arange" else torch.ones
    return make(*sizes, dtype=dtype), factory_code(name, sizes, dtype, explicit)


@contextmanager
def stops(demo: Demo) -> Iterator[None]:
    """A mistake found once the operands are on screen fails with the demo, so its steps
    are shown before ``Error: ...`` (exit 1)."""
    try:
        yield
    except PrelimError as err:
        raise demo.fail(err.message) from None


def dtype_name(tensor: torch.Tensor) -> str:
    return str(tensor.dtype).removeprefix("torch.")


def _number(value: torch.Tensor) -> str:
    return repr(value.item())


def need_float(tensor: torch.Tensor, name: str, call: str, example: str) -> None:
    """mean and norm refuse integers with an obscure message: say what to write instead."""
    if not (tensor.is_floating_point() or tensor.is_complex()):
        raise PrelimError("linalg.basics.need_float", call=call, name=name,
                          dtype=dtype_name(tensor), example=example)


def need_rank(tensor: torch.Tensor, name: str, rank: int, what: str, hint: str) -> None:
    if tensor.dim() != rank:
        raise PrelimError("linalg.basics.need_rank", what=what, name=name,
                          shape=shape_text(tensor.shape), dim=tensor.dim(), hint=hint)


# ---------------------------------------------------------------- §2.3.1 scalars

def _scalar(text: str, name: str) -> tuple[torch.Tensor, str]:
    tensor, code = literal_tensor(text)
    if tensor.dim() != 0:
        raise PrelimError("linalg.basics.scalar", name=name, text=text,
                          shape=shape_text(tensor.shape))
    return tensor, code


def scalar(x: str | None = None, y: str | None = None) -> Demo:
    X, x_code = _scalar(x, "x") if x is not None else (torch.tensor(3.0), "torch.tensor(3.0)")
    Y, y_code = _scalar(y, "y") if y is not None else (torch.tensor(2.0), "torch.tensor(2.0)")
    demo = Demo("linalg scalar")
    demo.add("linalg.scalars", f"x = {x_code}\ny = {y_code}")
    results = {"x + y": X + Y, "x * y": X * Y, "x / y": X / Y, "x**y": X**Y}
    demo.add("linalg.scalar_ops", ", ".join(results), tuple(results.values()))
    demo.headline(results=results)
    return demo


# ---------------------------------------------------------------- §2.3.2 vectors

def vector(x: str | None = None, shape: str | None = None) -> Demo:
    X, code = operand(x, shape, (torch.arange(4), "torch.arange(4)"))
    demo = Demo("linalg vector")
    demo.add("linalg.vector", f"x = {code}\nx", X)
    with stops(demo):
        if X.dim() == 0:
            raise PrelimError("linalg.basics.vector", code=code)
        need_rank(X, "x", 1, Message("linalg.rank.vector"), Message("linalg.hint.matrix"))
        if len(X) == 0:
            raise PrelimError("linalg.basics.vector_2", code=code, shape=shape_text(X.shape))
        last = len(X) - 1  # the book's x[3]: the last element of arange(4)
        demo.add("linalg.vector_index", f"x[{last}]", X[last], i=last)
        demo.add("linalg.len", "len(x)", len(X), n=len(X))
        demo.add("linalg.vector_shape", "x.shape", X.shape)
        demo.headline(len=len(X), shape=list(X.shape))
    return demo


# ---------------------------------------------------------------- §2.3.3 matrices

def matrix(a: str | None = None, shape: str | None = None) -> Demo:
    A, code = operand(a, shape, (torch.arange(20).reshape(5, 4), "torch.arange(20).reshape(5, 4)"))
    demo = Demo("linalg matrix")
    demo.add("linalg.matrix", f"A = {code}\nA", A, shape=shape_text(A.shape))
    with stops(demo):
        need_rank(A, "A", 2, Message("linalg.rank.matrix"), Message("linalg.hint.rows"))
        demo.headline(result=demo.add("linalg.transpose", "A.T", A.T,
                                      shape=shape_text(A.T.shape)), result_shape=list(A.T.shape))
    return demo


def symmetric(b: str | None = None, shape: str | None = None) -> Demo:
    B, code = operand(b, shape, (torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]]), BOOK_B))
    demo = Demo("linalg symmetric")
    demo.add("linalg.B", f"B = {code}\nB", B)
    with stops(demo):
        need_rank(B, "B", 2, Message("linalg.rank.symmetric"), "")
        rows, cols = B.shape
        if rows != cols:
            raise PrelimError("linalg.basics.symmetric", shape=shape_text(B.shape), cols=cols,
                              rows=rows)
        same = B == B.T
        demo.add("linalg.symmetric_eq", "B == B.T", same, mark=~same)
        verdict = bool(same.all())
        demo.extra["symmetric"] = verdict
        demo.add("linalg.symmetric_yes" if verdict else "linalg.symmetric_no",
                 "torch.equal(B, B.T)", verdict)
        if not verdict:
            where = (B != B.T).nonzero()
            i, j = where[0].tolist()
            nan = bool(B[i, j].isnan() | B[j, i].isnan())  # nan != nan, even on the diagonal
            demo.add("linalg.symmetric_where_nan" if nan else "linalg.symmetric_where",
                     "(B != B.T).nonzero()", where, i=i, j=j, bij=_number(B[i, j]),
                     bji=_number(B[j, i]))
    return demo


# ---------------------------------------------------------------- §2.3.4 tensors

def tensor(shape: str | None = None) -> Demo:
    """A tensor with more axes than a matrix: the book's ``torch.arange(24).reshape(2, 3, 4)``."""
    dims = parse_shape(shape, allow_zero=False) if shape is not None else (2, 3, 4)
    X, code = arange_matrix(dims, "int64")
    demo = Demo("linalg tensor")
    demo.add("linalg.tensor", f"X = {code}\nX", X, shape=shape_text(X.shape), n=X.dim())
    demo.headline(result_shape=list(X.shape), dtype=dtype_name(X))
    return demo


# ---------------------------------------------------------------- §2.3.5 elementwise

def elementwise(a: str | None = None, shape: str | None = None) -> Demo:
    A, code = operand(a, shape, book_A())
    demo = Demo("linalg elementwise")
    B = A.clone()
    total = demo.add("linalg.clone_add", f"A = {code}\nB = A.clone()\nA, A + B", (A, A + B))[1]
    product = demo.add("linalg.hadamard", "A * B", A * B)
    X = torch.arange(24).reshape(2, 3, 4)
    shifted, scaled = demo.add("linalg.scalar_tensor", "a = 2\nX = torch.arange(24).reshape(2, "
                               "3, 4)\na + X, (a * X).shape", (2 + X, (2 * X).shape))
    demo.headline(results={"A + B": total, "A * B": product, "a + X": shifted,
                           "(a * X).shape": list(scaled)})
    return demo
