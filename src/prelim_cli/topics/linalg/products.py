"""§2.3.7–2.3.10 Products and norms (点积, 矩阵-向量积, 矩阵乘法, 范数), and the cost of a
chain of matrix products (the English edition's exercise)."""

from __future__ import annotations

import torch

from prelim_cli.core.demo import Demo, Message, PrelimError
from prelim_cli.parse.shape import parse_shape, shape_text
from prelim_cli.topics.linalg.basics import (
    companion,
    demo_on_A,
    dtype_name,
    need_float,
    need_rank,
    operand,
    stops,
)

BOOK_U = "torch.tensor([3.0, -4.0])"


def _same_dtype(a: torch.Tensor, b: torch.Tensor, names: str, call: str) -> None:
    if a.dtype != b.dtype:
        raise PrelimError("linalg.products.same_dtype", call=call, names=names[0],
                          dtype=dtype_name(a), names2=names[1], dtype2=dtype_name(b))


def _not_bool(tensor: torch.Tensor, name: str, call: str) -> None:
    """PyTorch has no bool products (and torch.arange cannot build a bool companion)."""
    if tensor.dtype == torch.bool:
        raise PrelimError("linalg.products.not_bool", call=call, name=name)


# ---------------------------------------------------------------- §2.3.7 dot product

def dot(x: str | None = None, y: str | None = None, shape: str | None = None) -> Demo:
    X, x_code = operand(x, shape, (torch.arange(4, dtype=torch.float32),
                                   "torch.arange(4, dtype=torch.float32)"))
    # The book's y = torch.ones(4): as long as x, of x's dtype, unless the user gave one.
    Y, y_code = operand(y, None, companion("ones", (len(X) if X.dim() else 1,), X.dtype,
                                               explicit=True))
    demo = Demo("linalg dot")
    code = f"x = {x_code}\ny = {y_code}\n"
    try:
        for name, t in (("x", X), ("y", Y)):
            need_rank(t, name, 1, Message("linalg.rank.dot"), Message("linalg.hint.mv_mm"))
        if len(X) != len(Y):
            raise PrelimError("linalg.products.dot", len_x=len(X), len_y=len(Y))
        _same_dtype(X, Y, "xy", "torch.dot(x, y)")
        _not_bool(X, "x", "torch.dot(x, y)")
    except PrelimError as err:  # the vectors, then why torch.dot refuses them
        demo.add("linalg.xy", f"{code}x, y", (X, Y))
        raise demo.fail(err.message) from None
    # The book's cell shows x, y and their dot product together.
    dot = torch.dot(X, Y)
    demo.add("linalg.dot", f"{code}x, y, torch.dot(x, y)", (X, Y, dot), n=len(X))
    demo.headline(result=dot)
    demo.add("linalg.dot_sum", "torch.sum(x * y)", torch.sum(X * Y))
    return demo


# ---------------------------------------------------------------- §2.3.8 matrix-vector

def mv(a: str | None = None, x: str | None = None, shape: str | None = None) -> Demo:
    demo, A = demo_on_A("linalg mv", a, shape)
    with stops(demo):
        need_rank(A, "A", 2, Message("linalg.rank.mv_matrix"), Message("linalg.hint.dot"))
        _not_bool(A, "A", "torch.mv(A, x)")
        X, x_code = operand(x, None, companion("arange", (A.shape[1],), A.dtype))
        demo.add("linalg.x", f"x = {x_code}\nx", X, shape=shape_text(X.shape))
        need_rank(X, "x", 1, Message("linalg.rank.mv_vector"), Message("linalg.hint.mm"))
        m, n = A.shape
        if len(X) != n:
            raise PrelimError("linalg.products.mv", shape=shape_text(A.shape),
                              shape2=shape_text(X.shape), n=n, len_x=len(X))
        _same_dtype(A, X, "Ax", "torch.mv(A, x)")
        Ax = torch.mv(A, X)
        demo.add("linalg.mv", "A.shape, x.shape, torch.mv(A, x)", (A.shape, X.shape, Ax),
                 m=m, n=n)
        demo.headline(result=Ax, result_shape=list(Ax.shape))
    return demo


# ---------------------------------------------------------------- §2.3.9 matrix-matrix

def mm(a: str | None = None, b: str | None = None, shape: str | None = None) -> Demo:
    demo, A = demo_on_A("linalg mm", a, shape)
    with stops(demo):
        need_rank(A, "A", 2, Message("linalg.rank.mm"), Message("linalg.hint.dot"))
        _not_bool(A, "A", "torch.mm(A, B)")
        B, b_code = operand(b, None, companion("ones", (A.shape[1], 3), A.dtype))
        demo.add("linalg.B_ones", f"B = {b_code}\nB", B, shape=shape_text(B.shape))
        need_rank(B, "B", 2, Message("linalg.rank.mm"), Message("linalg.hint.mv"))
        (m, n), (k, p) = A.shape, B.shape
        if n != k:
            raise PrelimError("linalg.products.mm", shape=shape_text(A.shape),
                              shape2=shape_text(B.shape), n=n, k=k)
        _same_dtype(A, B, "AB", "torch.mm(A, B)")
        AB = demo.add("linalg.mm", "torch.mm(A, B)", torch.mm(A, B), m=m, n=n, p=p)
        demo.headline(result=AB, result_shape=list(AB.shape))
        demo.add("linalg.matmul", "A @ B", A @ B)
    return demo


# ---------------------------------------------------------------- §2.3.10 norms

# For each --ord: the book's way, then the current torch.linalg way, each with its catalog
# entry. {t} is the tensor's name.
VECTOR_NORMS = {
    "2": (("linalg.norm_2", "torch.norm({t})", torch.norm),
          ("linalg.norm_2_now", "torch.linalg.vector_norm({t})", torch.linalg.vector_norm)),
    "1": (("linalg.norm_1", "torch.abs({t}).sum()", lambda t: torch.abs(t).sum()),
          ("linalg.norm_1_now", "torch.linalg.vector_norm({t}, ord=1)",
           lambda t: torch.linalg.vector_norm(t, ord=1))),
    "inf": (("linalg.norm_inf", "torch.abs({t}).max()", lambda t: torch.abs(t).max()),
            ("linalg.norm_inf_now", "torch.linalg.vector_norm({t}, ord=float('inf'))",
             lambda t: torch.linalg.vector_norm(t, ord=float("inf")))),
}
MATRIX_NORMS = {
    "fro": (("linalg.mnorm_fro", "torch.norm({t})", torch.norm),
            ("linalg.mnorm_fro_now", "torch.linalg.matrix_norm({t})", torch.linalg.matrix_norm)),
    "1": (("linalg.mnorm_1", "torch.abs({t}).sum(axis=0).max()",
           lambda t: torch.abs(t).sum(axis=0).max()),
          ("linalg.mnorm_1_now", "torch.linalg.matrix_norm({t}, ord=1)",
           lambda t: torch.linalg.matrix_norm(t, ord=1))),
    "inf": (("linalg.mnorm_inf", "torch.abs({t}).sum(axis=1).max()",
             lambda t: torch.abs(t).sum(axis=1).max()),
            ("linalg.mnorm_inf_now", "torch.linalg.matrix_norm({t}, ord=float('inf'))",
             lambda t: torch.linalg.matrix_norm(t, ord=float("inf")))),
    "2": (("linalg.mnorm_2", "torch.linalg.svdvals({t})[0]",
           lambda t: torch.linalg.svdvals(t)[0]),
          ("linalg.mnorm_2_now", "torch.linalg.matrix_norm({t}, ord=2)",
           lambda t: torch.linalg.matrix_norm(t, ord=2))),
}
# Any other shape: both APIs flatten the tensor and take the L2 norm of all its elements.
FLAT_NORM = (("linalg.norm_nd", "torch.norm({t})", torch.norm),
             ("linalg.norm_nd_now", "torch.linalg.vector_norm({t})", torch.linalg.vector_norm))


def _norm_steps(demo: Demo, tensor: torch.Tensor, name: str, pair) -> None:
    """The book's line, then the current API computing the same norm beside it."""
    (book_key, book_code, book), (now_key, now_code, now) = pair
    book_code, now_code = book_code.format(t=name), now_code.format(t=name)
    value = demo.add(book_key, book_code, book(tensor), t=name)
    current = demo.add(now_key, now_code, now(tensor), t=name, result=f"{value.item():g}")
    demo.headline(results={**demo.extra.get("results", {}), book_code: value,
                           now_code: current})


def norm(x: str | None = None, shape: str | None = None, ord: str | None = None) -> Demo:
    """The book's torch.norm (which PyTorch marks deprecated) beside torch.linalg's."""
    demo = Demo("linalg norm")
    if x is None and shape is None:
        return _book_norms(demo, ord)
    X, code = operand(x, shape, (torch.empty(0), ""))
    name = "u" if X.dim() == 1 else "X"
    demo.add("linalg.u", f"{name} = {code}\n{name}", X, t=name, shape=shape_text(X.shape))
    with stops(demo):
        need_float(X, name, f"torch.norm({name})", '"[3.0, -4.0]"')
        if X.dim() == 0:
            raise PrelimError("linalg.products.norm", name=name, code=code)
        if X.numel() == 0:
            raise PrelimError("linalg.products.norm_2", name=name, code=code,
                              shape=shape_text(X.shape))
        if X.dim() == 1:
            if ord == "fro":
                raise PrelimError("linalg.products.norm_3")
            for o in ["2", "1"] if ord is None else [ord]:
                _norm_steps(demo, X, name, VECTOR_NORMS[o])
        elif X.dim() == 2:
            o = ord or "fro"
            _norm_steps(demo, X, name, MATRIX_NORMS[o])
            if o == "2":  # the trap: the deprecated torch.norm(X, p=2) flattens X
                trap = demo.add("linalg.mnorm_2_trap", "torch.norm(X, p=2)", torch.norm(X, p=2))
                demo.headline(results={**demo.extra["results"], "torch.norm(X, p=2)": trap})
        else:
            if ord not in (None, "2", "fro"):
                raise PrelimError("linalg.products.norm_4", ord=ord, dim=X.dim())
            _norm_steps(demo, X, name, FLAT_NORM)
    return demo


def _book_norms(demo: Demo, ord: str | None) -> Demo:
    """u = [3., -4.] (L2 5, L1 7) and the Frobenius norm of torch.ones((4, 9)) (6)."""
    vector_ords = ["2", "1"] if ord is None else [ord] if ord != "fro" else []
    if vector_ords:
        u = torch.tensor([3.0, -4.0])
        demo.add("linalg.u", f"u = {BOOK_U}\nu", u, t="u", shape="(2,)")
        for o in vector_ords:
            _norm_steps(demo, u, "u", VECTOR_NORMS[o])
    if ord in (None, "fro"):  # the book writes this matrix inline
        _norm_steps(demo, torch.ones((4, 9)), "torch.ones((4, 9))", MATRIX_NORMS["fro"])
    return demo


# ---------------------------------------------------------------- cost of (AB)C vs A(BC)

BOOK_COST = ("1024,65536", "65536,32", "32,16384")  # 2^10 x 2^16, 2^16 x 2^5, 2^5 x 2^14


def _matrix_shape(text: str, name: str) -> tuple[int, int]:
    shape = parse_shape(text, allow_zero=False)
    if len(shape) != 2:
        raise PrelimError("linalg.products.matrix_shape", name=name, text=text)
    return shape


def _mib(elements: int) -> str:
    """float32 bytes, in the unit a person reads."""
    size = elements * 4.0
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if size < 1024 or unit == "TiB":
            return f"{size:.0f} {unit}" if size == int(size) else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError


def _times(ratio: float) -> str:
    """``422``, ``1.14``, and for a near tie enough digits not to read as ``1``: ``1.0005``."""
    for digits in range(3, 17):
        text = f"{ratio:.{digits}g}"
        if text != "1":
            return text
    return text


def cost(a: str = BOOK_COST[0], b: str = BOOK_COST[1], c: str = BOOK_COST[2]) -> Demo:
    """Flops and intermediate memory of ``(AB)C`` and ``A(BC)``, from the shapes alone.

    A product of (m, n) and (n, p) takes m*p dot products of length n: n multiplications
    and n - 1 additions each, about 2*m*n*p floating-point operations (flops), as usually counted.
    """
    shapes = [_matrix_shape(t, name) for t, name in zip((a, b, c), "ABC")]
    for (left, right), (x, y) in zip(("AB", "BC"), zip(shapes, shapes[1:])):
        if x[1] != y[0]:
            raise PrelimError("linalg.products.cost", left=left, shape=shape_text(x),
                              right=right, shape2=shape_text(y), x=x[1], y=y[0])
    (m, n), (_, p), (_, q) = shapes
    demo = Demo("linalg cost")
    demo.add("linalg.cost_shapes", f"m, n, p, q = {m}, {n}, {p}, {q}  # A: (m, n), B: (n, p), "
             "C: (p, q)", m=m, n=n, p=p, q=q)
    flops = (2 * m * n * p + 2 * m * p * q, 2 * n * p * q + 2 * m * n * q)
    demo.add("linalg.cost_flops", "flops_AB_C = 2*m*n*p + 2*m*p*q  # AB, then (AB)C\n"
             "flops_A_BC = 2*n*p*q + 2*m*n*q  # BC, then A(BC)\nflops_AB_C, flops_A_BC", flops)
    sizes = (m * p, n * q)
    demo.add("linalg.cost_memory", "m*p, n*q  # elements of the intermediate AB and BC", sizes,
             ab=_mib(sizes[0]), bc=_mib(sizes[1]))
    orders = ("(AB)C", "A(BC)")
    cheap = min((0, 1), key=lambda i: flops[i]) if flops[0] != flops[1] else None
    demo.extra.update(flops=dict(zip(orders, flops)),
                      intermediate_elements=dict(zip(("AB", "BC"), sizes)),
                      cheaper=orders[cheap] if cheap is not None else None)
    if cheap is None:
        demo.add("linalg.cost_tie", "flops_A_BC / flops_AB_C", 1.0)
    else:
        ratio = flops[1] / flops[0]
        demo.add("linalg.cost_verdict", "flops_A_BC / flops_AB_C", ratio, cheaper=orders[cheap],
                 other=orders[1 - cheap], times=_times(max(ratio, 1 / ratio)),
                 small="AB" if cheap == 0 else "BC")
    return demo
