"""§2.1 Data manipulation (数据操作): every demo of the section, as the book runs it.

Walked cell by cell (the pytorch tabs) against d2l-zh chapter_preliminaries/ndarray.md at
commit e6b18cce: all 24 cells are played, broadcasting's in ``broadcast``; the README's
"The book, cell by cell" lists where prelim differs.
"""

from __future__ import annotations

import random

import torch

from prelim_cli.core.demo import Demo, PrelimError
from prelim_cli.core.values import Printed
from prelim_cli.parse.index import parse_assignment, parse_index
from prelim_cli.parse.seed import check_seed
from prelim_cli.parse.shape import parse_sizes, shape_text
from prelim_cli.parse.size import check_size
from prelim_cli.topics.build import arange_matrix, literal_tensor, torch_dtype

BOOK_Y = "[[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]"  # §2.1.3
BOOK_V = "[1.0, 2, 4, 8]"  # the x of §2.1.3's elementwise operations


def _dtype_code(dtype: str | None) -> str:
    return f", dtype=torch.{dtype}" if dtype else ""


def _book_xy(x: str | None, y: str | None) -> tuple[torch.Tensor, str, torch.Tensor, str]:
    """The book's X and Y of §2.1.3, unless the user gave literals."""
    X, x_code = _book_x(x)
    Y, y_code = literal_tensor(y or BOOK_Y)
    return X, x_code, Y, y_code


def _need_broadcast(a: torch.Tensor, b: torch.Tensor, names: str = "X and Y") -> None:
    try:
        torch.broadcast_shapes(a.shape, b.shape)
    except RuntimeError:
        raise PrelimError(
            "tensor.need_broadcast", names=names, shape=shape_text(a.shape),
            shape2=shape_text(b.shape), _arg=_arg(a.shape), _arg2=_arg(b.shape)
        ) from None


def _arg(shape) -> str:
    return ",".join(map(str, shape)) or "()"


def _made(demo: Demo, tensor: torch.Tensor) -> None:
    """The headline of a demo that makes a tensor: its shape and dtype, top-level in JSON."""
    demo.extra.update(result_shape=list(tensor.shape),
                      dtype=str(tensor.dtype).removeprefix("torch."))


def arange(n: int, dtype: str | None = None) -> Demo:
    if n < 0:
        raise PrelimError("tensor.arange_negative", n=n)
    check_size((n,))
    demo = Demo("tensor arange")
    x = demo.add("tensor.arange", f"x = torch.arange({n}{_dtype_code(dtype)})\nx",
                 torch.arange(n, dtype=torch_dtype(dtype) if dtype else None), n=n)
    demo.add("tensor.shape", "x.shape", x.shape)
    demo.add("tensor.numel", "x.numel()", x.numel())
    _made(demo, x)
    return demo


def reshape(sizes: list[int], source: str | None = None) -> Demo:
    shape = parse_sizes(sizes)
    demo = Demo("tensor reshape")
    if source:
        x, code = literal_tensor(source)
        demo.add("tensor.new", f"x = {code}\nx", x)
    else:
        x = demo.add("tensor.arange", "x = torch.arange(12)\nx", torch.arange(12), n=12)
    n, known = x.numel(), 1
    for s in shape:
        known *= s if s != -1 else 1
    target = tuple(n // known if s == -1 else s for s in shape) if n % known == 0 else None
    if target is None or (-1 not in shape and known != n):
        raise PrelimError("tensor.reshape_size" if source else "tensor.reshape_size_from", n=n,
                          shape=shape_text(shape))
    args = ", ".join(map(str, shape))
    X = demo.add("tensor.reshape", f"X = x.reshape({args})\nX", x.reshape(shape), args=args,
                 shape=shape_text(target))
    demo.add("tensor.shape", "X.shape", X.shape)
    _made(demo, X)
    return demo


def filled(kind: str, sizes: list[int], dtype: str | None = None) -> Demo:
    """``torch.zeros((2, 3, 4))`` / ``torch.ones((2, 3, 4))``."""
    shape = parse_sizes(sizes, allow_minus_one=False, allow_zero=True)
    check_size(shape)
    demo = Demo(f"tensor {kind}")
    make, key = (torch.zeros, "tensor.zeros") if kind == "zeros" else (torch.ones, "tensor.ones")
    made = demo.add(key, f"torch.{kind}({shape_text(shape)}{_dtype_code(dtype)})",
                    make(shape, dtype=torch_dtype(dtype) if dtype else None),
                    shape=shape_text(shape))
    _made(demo, made)
    return demo


def randn(sizes: list[int], seed: int | None = None) -> Demo:
    shape = parse_sizes(sizes, allow_minus_one=False, allow_zero=True)
    check_size(shape)
    check_seed(seed)
    if seed is None:
        seed = random.SystemRandom().randrange(10_000)
    demo = Demo("tensor randn", extra={"seed": seed})
    # the ; hides the generator a notebook would display, as prelim does
    demo.add("tensor.seed", f"torch.manual_seed({seed});", seed=seed)
    torch.manual_seed(seed)
    args = ", ".join(map(str, shape))
    _made(demo, demo.add("tensor.randn", f"torch.randn({args})", torch.randn(shape),
                         seed=seed))
    return demo


def new(literal: str, dtype: str | None = None) -> Demo:
    demo = Demo("tensor new")
    tensor, code = literal_tensor(literal, dtype)
    demo.add("tensor.new", code, tensor)
    demo.add("tensor.shape", f"{code}.shape", tensor.shape)
    _made(demo, tensor)
    return demo


def ops(x: str | None = None, y: str | None = None) -> Demo:
    X, x_code = literal_tensor(x or BOOK_V)
    Y, y_code = literal_tensor(y or "[2, 2, 2, 2]")
    _need_broadcast(X, Y, "x and y")
    demo = Demo("tensor ops")
    demo.add("tensor.xy", f"x = {x_code}\ny = {y_code}")
    try:
        results = (X + Y, X - Y, X * Y, X / Y, X**Y)
    except RuntimeError as err:  # e.g. bool tensors have no subtraction
        raise PrelimError("tensor.ops_not_numbers", err=err) from None
    codes = ("x + y", "x - y", "x * y", "x / y", "x ** y")
    demo.add("tensor.ops", ", ".join(codes), results)
    demo.headline(results=dict(zip(codes, results)))
    return demo


def exp(x: str | None = None) -> Demo:
    X, x_code = literal_tensor(x or BOOK_V)
    demo = Demo("tensor exp")
    demo.add("tensor.x", f"x = {x_code}")
    demo.headline(result=demo.add("tensor.exp", "torch.exp(x)", torch.exp(X)))
    return demo


def cat(x: str | None = None, y: str | None = None, dim: int | None = None) -> Demo:
    X, x_code, Y, y_code = _book_xy(x, y)
    demo = Demo("tensor cat")
    demo.add("tensor.XY", f"X = {x_code}\nY = {y_code}")
    dims = [0, 1] if dim is None else [dim]
    for d in dims:
        if not -X.dim() <= d < X.dim() or X.dim() != Y.dim():
            raise PrelimError("tensor.cat_dim", d=d, dim=X.dim(), dim2=Y.dim(), value=-X.dim(),
                              value2=X.dim() - 1)
        others = [i for i in range(X.dim()) if i != d % X.dim()]
        if any(X.shape[i] != Y.shape[i] for i in others):
            raise PrelimError("tensor.cat_sizes", shape=shape_text(X.shape),
                              shape2=shape_text(Y.shape), d=d)
    results = tuple(torch.cat((X, Y), dim=d) for d in dims)
    codes = [f"torch.cat((X, Y), dim={d})" for d in dims]
    demo.add("tensor.cat", ", ".join(codes), results if len(results) > 1 else results[0],
             dims=" / ".join(map(str, dims)))
    demo.headline(results=dict(zip(codes, results)))
    return demo


def compare(x: str | None = None, y: str | None = None) -> Demo:
    X, x_code, Y, y_code = _book_xy(x, y)
    _need_broadcast(X, Y)
    demo = Demo("tensor compare")
    demo.add("tensor.XY", f"X = {x_code}\nY = {y_code}")
    demo.headline(results={"X == Y": demo.add("tensor.eq", "X == Y", X == Y),
                           "X < Y": demo.add("tensor.lt", "X < Y", X < Y),
                           "X > Y": demo.add("tensor.gt", "X > Y", X > Y)})
    return demo


def total(x: str | None = None) -> Demo:
    X, x_code, _, _ = _book_xy(x, None)
    demo = Demo("tensor sum")
    demo.add("tensor.X", f"X = {x_code}\nX", X)
    demo.headline(result=demo.add("tensor.sum", "X.sum()", X.sum()))
    return demo


def _book_x(source: str | None) -> tuple[torch.Tensor, str]:
    """The book's X = torch.arange(12, dtype=torch.float32).reshape((3, 4)), or the user's."""
    return literal_tensor(source) if source else arange_matrix((3, 4))


def index(exprs: list[str], source: str | None = None) -> Demo:
    X, x_code = _book_x(source)
    demo = Demo("tensor index")
    demo.add("tensor.X", f"X = {x_code}\nX", X)
    indices = [parse_index(e) for e in exprs] or [parse_index("X[-1]"), parse_index("X[1:3]")]
    values = tuple(_getitem(X, ix) for ix in indices)
    demo.add("tensor.index", ", ".join(ix.code for ix in indices),
             values if len(values) > 1 else values[0])
    demo.headline(results={ix.code: v for ix, v in zip(indices, values)})
    return demo


def _getitem(X: torch.Tensor, ix) -> torch.Tensor:
    try:
        return X[ix.key]
    except (IndexError, ValueError, RuntimeError) as err:
        raise PrelimError("tensor.getitem", code=ix.code, shape=shape_text(X.shape),
                          err=err) from None


def assign(statements: list[str], source: str | None = None) -> Demo:
    X, x_code = _book_x(source)
    demo = Demo("tensor assign")
    demo.add("tensor.X", f"X = {x_code}\nX", X)
    for text in statements or ["X[1, 2] = 9", "X[0:2, :] = 12"]:
        ix, number = parse_assignment(text)
        _getitem(X, ix)  # out-of-range indices fail here, with the friendly message
        mark = torch.zeros_like(X, dtype=torch.bool)
        mark[ix.key] = True
        try:
            X[ix.key] = number
        except (RuntimeError, ValueError, OverflowError) as err:  # 1e40 into float32
            raise PrelimError("tensor.assign_dtype", number=number, dtype=X.dtype,
                              err=err) from None
        demo.add("tensor.assign", f"{ix.code} = {number!r}\nX", X, mark=mark, target=ix.code)
    demo.headline(result=X)
    return demo


def memory() -> Demo:
    X, x_code, Y, y_code = _book_xy(None, None)
    demo = Demo("tensor memory")
    demo.add("tensor.XY", f"X = {x_code}\nY = {y_code}")
    before = id(Y)
    Y = Y + X
    rebound = demo.add("memory.rebind", "before = id(Y)\nY = Y + X\nid(Y) == before",
                       id(Y) == before)
    Z = torch.zeros_like(Y)
    first = id(Z)
    Z[:] = X + Y
    demo.add("memory.zeros_like", "Z = torch.zeros_like(Y)\nprint('id(Z):', id(Z))",
             Printed(f"id(Z): {first}"))
    demo.add("memory.slice", "Z[:] = X + Y\nprint('id(Z):', id(Z))", Printed(f"id(Z): {id(Z)}"))
    before = id(X)
    X += Y
    kept = demo.add("memory.inplace", "before = id(X)\nX += Y\nid(X) == before",
                    id(X) == before)
    # id() is the Python object; the storage it wraps is another question, answered apart
    ptr = X.data_ptr()
    X += Y
    same_storage = demo.add("memory.data_ptr", "ptr = X.data_ptr()\nX += Y\nX.data_ptr() == ptr",
                            X.data_ptr() == ptr)
    demo.headline(same_id={"Y = Y + X": rebound, "Z[:] = X + Y": id(Z) == first,
                           "X += Y": kept}, same_data_ptr=same_storage)
    return demo


def convert() -> Demo:
    X, x_code = _book_x(None)
    demo = Demo("tensor convert")
    demo.add("tensor.X", f"X = {x_code}")
    A = X.numpy()
    B = torch.tensor(A)
    demo.add("convert.types", "A = X.numpy()\nB = torch.tensor(A)\ntype(A), type(B)",
             (type(A), type(B)))
    C = torch.from_numpy(A)
    A[0, 0] = 100
    shown = demo.add("convert.share", "C = torch.from_numpy(A)\nA[0, 0] = 100\n"
                     "X[0, 0], B[0, 0], C[0, 0]", (X[0, 0], B[0, 0], C[0, 0]))
    a = torch.tensor([3.5])
    scalars = {"a.item()": a.item(), "float(a)": float(a), "int(a)": int(a)}
    demo.add("convert.scalar", "a = torch.tensor([3.5])\na, a.item(), float(a), int(a)",
             (a, *scalars.values()))
    # A[0, 0] = 100 shows through exactly the tensors that share A's memory
    demo.headline(types={"A": type(A), "B": type(B)},
                  shares_memory={name: t.item() == 100 for name, t in zip("XBC", shown)},
                  results=scalars)
    return demo
