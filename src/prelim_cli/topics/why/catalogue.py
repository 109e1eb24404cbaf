"""The errors chapter 2's learners meet, as data: one ``Entry`` per error.

Each entry names the section of the chapter whose lesson explains it, the catalog key of
its explanation (``why.<id>``: what it means, the usual cause, with the learner's numbers),
the patterns that recognise it - written against the messages the installed torch and
pandas really print, each produced live by ``why.live`` in the tests and by
``prelim doctor`` - the fix as code and the prelim command that shows it happening. Both
may hold ``{placeholders}`` filled from the numbers a pattern captured (named groups) and
from what ``derive`` computes from them. Plain Python: no torch, no pandas.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from prelim_cli.topics.why.derive import (
    axis_count,
    broadcast_fix,
    broadcast_pair,
    cast_dtypes,
    common_dtype,
    dtype_of,
    in_place_shapes,
    last_index,
    matmul_fix,
    mv_fix,
    position_text,
    reshape_fix,
)


@dataclass(frozen=True)
class Entry:
    id: str
    section: str  # the chapter registry's name of the section that teaches it
    key: str  # why.<id>: (what it means, the usual cause)
    patterns: tuple[str, ...]  # re.search on the message made one line
    fix: str  # code
    command: str  # the prelim command that shows the lesson
    types: tuple[str, ...] = ()  # when the text names a type, it must be one of these
    derive: Callable[[dict], dict] | None = None  # more values from the captured ones
    operands: Callable[[dict], list[tuple[int, ...]]] | None = None  # shapes to align

    @cached_property
    def compiled(self) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p) for p in self.patterns)


# ---------------------------------------------------------------- the catalogue, by section

def _n(name: str) -> str:
    """A captured whole number."""
    return rf"(?P<{name}>\d+)"


ENTRIES = (
    # §2.1 creation and shapes
    Entry("broadcast_sizes", "data", "why.broadcast_sizes",
          (rf"The size of tensor a \({_n('a')}\) must match the size of tensor b \({_n('b')}\) "
           rf"at non-singleton dimension {_n('dim')}",),
          "{fix_code}", "prelim broadcast {arg_a} {arg_b}", derive=broadcast_fix,
          operands=broadcast_pair),
    Entry("in_place_broadcast", "data", "why.in_place_broadcast",
          (r"output with shape \[(?P<own>[\d, ]*)\] doesn't match the broadcast shape "
           r"\[(?P<result>[\d, ]*)\]",),
          "a = a + b  # a new tensor of shape {result_shape}; a += b writes into a's "
          "{own_shape}", "prelim broadcast {arg_own} {arg_result}", derive=in_place_shapes,
          operands=lambda n: [tuple(n["own"]), tuple(n["result"])]),
    Entry("reshape_size", "data", "why.reshape_size",
          (rf"shape '\[(?P<shape>[-\d, ]*)\]' is invalid for input of size {_n('size')}",),
          "X.numel()  # {size}: the new sizes must multiply to it\n{fix_code}",
          "prelim tensor reshape 3 -1", derive=reshape_fix),
    Entry("view_stride", "data", "why.view_stride",
          (r"view size is not compatible with input tensor's size and stride",),
          "Y = X.T.reshape(-1)  # copies when it must\nY = X.T.contiguous().view(-1)",
          "prelim tensor memory"),
    Entry("ragged_list", "data", "why.ragged_list",
          (rf"expected sequence of length {_n('expected')} at dim {_n('dim')} "
           rf"\(got {_n('got')}\)",),
          "torch.tensor([[1, 2, 3], [4, 5, 6]])  # every row {expected} long",
          'prelim tensor new "[[2, 1, 4, 3], [1, 2, 3, 4]]"'),
    Entry("cat_sizes", "data", "why.cat_sizes",
          (rf"Sizes of tensors must match except in dimension {_n('dim')}\. Expected size "
           rf"{_n('expected')} but got size {_n('got')} for tensor number {_n('number')} in the "
           r"list",),
          "[t.shape for t in (X, Y)]  # equal everywhere except dim {dim}\n"
          "torch.cat((X, Y), dim={dim})", "prelim tensor cat"),
    Entry("cat_ndim", "data", "why.cat_ndim",
          (rf"Tensors must have same number of dimensions: got {_n('first')} and "
           rf"{_n('second')}",),
          "torch.cat((X.reshape(1, -1), Y), dim=0)  # X (n,) as one row (1, n)",
          "prelim tensor cat"),
    # §2.1 indexing
    Entry("index_bounds", "data", "why.index_bounds",
          (rf"index (?P<index>-?\d+) is out of bounds for dimension {_n('dim')} with size "
           rf"{_n('size')}",),
          "X[{last}]  # the last of {size}; or X[-1]", 'prelim tensor index "X[-1]"',
          derive=last_index),
    Entry("too_many_indices", "data", "why.too_many_indices",
          (rf"too many indices for tensor of dimension {_n('ndim')}",),
          "X.ndim  # {ndim}: one index per axis at most, so X[0] is the first element",
          'prelim tensor index "X[1, 2]"'),
    Entry("negative_step", "data", "why.negative_step",
          (r"step must be greater than zero",),
          "torch.flip(X, dims=(0,))  # what X[::-1] does in NumPy",
          'prelim tensor index "X[::2]"'),
    # §2.1 in place and memory, dtypes and devices
    Entry("one_element", "data", "why.one_element",
          (rf"a Tensor with {_n('n')} elements cannot be converted to Scalar",
           r"only one element tensors can be converted to Python scalars"),
          "X.sum().item()  # one element: a Python number\nX.tolist()  # every element",
          "prelim tensor convert"),
    Entry("ambiguous_bool", "data", "why.ambiguous_bool",
          (r"Boolean value of Tensor with more than one value is ambiguous",),
          "if (X > 0).all():  # or .any(): one True or False for the whole tensor\n    ...",
          "prelim tensor compare"),
    Entry("cast_in_place", "data", "why.cast_in_place",
          (r"result type (?P<computed>\w+) can't be cast to the desired output type "
           r"(?P<output>\w+)",),
          "a = a.to(torch.{result_dtype})  # then a += ... can write its result\n"
          "a = a + 0.5  # or: a new tensor, of the wider dtype",
          'prelim tensor new "[1, 2]" --dtype float32', derive=cast_dtypes),
    Entry("mixed_dtypes", "data", "why.mixed_dtypes",
          (r"expected m1 and m2 to have the same dtype, but got: (?P<first>[\w: ]+?) != "
           r"(?P<second>[\w: ]+?)$",
           r"expected both vectors to have same dtype, but found (?P<first>\w+) and "
           r"(?P<second>\w+)",
           r"expected scalar type (?P<first>\w+) but found (?P<second>\w+)",
           r"mat1 and mat2 must have the same dtype, but got (?P<first>\w+) and "
           r"(?P<second>\w+)"),
          "A, B = A.to(torch.{target}), B.to(torch.{target})",
          'prelim tensor new "[[1, 2], [3, 4]]" --dtype float32', derive=common_dtype),
    Entry("no_cuda", "data", "why.no_cuda",
          (r"Torch not compiled with CUDA enabled",),
          'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")\n'
          "X = torch.ones(2, 3, device=device)", "prelim doctor"),
    # §2.2 data preprocessing
    Entry("object_array", "preprocess", "why.object_array",
          (r"can't convert np\.ndarray of type numpy\.object_",),
          "inputs = pd.get_dummies(inputs, dummy_na=True, dtype=float)\n"
          "X = torch.tensor(inputs.to_numpy(dtype=float))",
          "prelim preprocess --example house_tiny"),
    Entry("mean_of_text", "preprocess", "why.mean_of_text",
          (r"Cannot perform reduction '(?P<reduction>\w+)' with string dtype",
           r"Could not convert .{1,200} to numeric"),
          "inputs = inputs.fillna(inputs.mean(numeric_only=True))",
          "prelim preprocess --example house_tiny"),
    Entry("missing_column", "preprocess", "why.missing_column",
          (r"^'(?P<name>[^'\n]{1,80})'$",),
          "list(data.columns)  # the names, exactly: case and spaces count\n"
          "data.iloc[:, -1]  # or by position", "prelim preprocess --example house_tiny",
          types=("KeyError",)),
    Entry("no_such_file", "preprocess", "why.no_such_file",
          (r"No such file or directory: '(?P<path>[^'\n]{1,200})'",),
          "import os\nos.getcwd(), os.path.exists({path!r})  # read from this folder",
          "prelim preprocess --example house_tiny", types=("FileNotFoundError",)),
    # §2.3 linear algebra
    Entry("matmul_shapes", "linalg", "why.matmul_shapes",
          (rf"mat1 and mat2 shapes cannot be multiplied \({_n('m')}x{_n('n')} and "
           rf"{_n('p')}x{_n('q')}\)",),
          "{fix_code}", "prelim linalg mm{shape_option}", derive=matmul_fix),
    Entry("mv_sizes", "linalg", "why.mv_sizes",
          (rf"size mismatch, got input \({_n('input')}\), mat \({_n('rows')}x{_n('cols')}\), "
           rf"vec \({_n('vec')}\)",),
          "{fix_code}", "prelim linalg mv", derive=mv_fix),
    Entry("dot_sizes", "linalg", "why.dot_sizes",
          (rf"inconsistent tensor size, expected tensor \[{_n('first')}\] and src "
           rf"\[{_n('second')}\] to have the same number of elements",),
          "x.numel(), y.numel()  # {first} and {second}: torch.dot needs them equal\n"
          "torch.dot(x, y)", "prelim linalg dot"),
    Entry("axis_range", "linalg", "why.axis_range",
          (rf"Dimension out of range \(expected to be in range of \[(?P<low>-\d+), "
           rf"{_n('high')}\], but got (?P<got>-?\d+)\)",),
          "X.sum(axis={high})  # the last axis; axes run {low}..{high}",
          "prelim linalg sum --axis 1", derive=axis_count),
    Entry("mean_of_integers", "linalg", "why.mean_of_integers",
          (r"mean\(\): could not infer output dtype\. Input dtype must be either a floating "
           r"point or complex dtype\. Got: (?P<dtype>\w+)",),
          "X.float().mean()  # or X.mean(dtype=torch.float32)", "prelim linalg mean",
          derive=dtype_of),
    Entry("norm_of_integers", "linalg", "why.norm_of_integers",
          (r"linalg\.(?P<function>\w+): Expected a floating point or complex tensor as "
           r"input\. Got (?P<dtype>\w+)",),
          "torch.linalg.{function}(X.float())", "prelim linalg norm", derive=dtype_of),
    # §2.4 calculus
    Entry("numpy_of_grad", "calculus", "why.numpy_of_grad",
          (r"Can't call numpy\(\) on Tensor that requires grad",),
          "x.detach().numpy()\nd2l.plot(x.detach(), [y.detach()])  # plots take numbers",
          "prelim autograd detach"),
    # §2.5 automatic differentiation
    Entry("backward_of_vector", "autograd", "why.backward_of_vector",
          (r"grad can be implicitly created only for scalar outputs",),
          "y.sum().backward()  # the book's way\n"
          "y.backward(gradient=torch.ones(len(y)))  # the same", 'prelim autograd grad "x*x"'),
    Entry("backward_twice", "autograd", "why.backward_twice",
          (r"Trying to backward through the graph a second time",),
          "y.backward(retain_graph=True)  # keep the graph for another backward()\n"
          "y.backward()", "prelim autograd accumulate"),
    Entry("no_grad_fn", "autograd", "why.no_grad_fn",
          (rf"element {_n('element')} of tensors does not require grad and does not have a "
           r"grad_fn",),
          "x = torch.arange(4.0, requires_grad=True)  # before y is computed from x\n"
          "y = 2 * torch.dot(x, x)\ny.backward()", "prelim autograd grad"),
    Entry("leaf_in_place", "autograd", "why.leaf_in_place",
          (r"a leaf Variable that requires grad is being used in an in-place operation",),
          "with torch.no_grad():\n    x -= 0.1 * x.grad  # not recorded in the graph",
          "prelim tensor memory"),
    Entry("grad_of_non_leaf", "autograd", "why.grad_of_non_leaf",
          (r"The \.grad attribute of a Tensor that is not a leaf Tensor is being accessed",),
          "x.grad  # the leaf: the tensor made with requires_grad=True\n"
          "y.retain_grad()  # before y.backward(), to keep y.grad too", "prelim autograd grad"),
    Entry("grad_of_integers", "autograd", "why.grad_of_integers",
          (r"Only Tensors of floating point and complex dtype can require gradients",
           r"only Tensors of floating point dtype can require gradients"),
          "x = torch.arange(4.0, requires_grad=True)  # 4.0: float32", "prelim autograd grad"),
    Entry("grad_is_none", "autograd", "why.grad_is_none",
          (r"'NoneType' object has no attribute 'zero_'",),
          "if x.grad is not None:  # None until the first backward()\n    x.grad.zero_()",
          "prelim autograd accumulate", types=("AttributeError",)),
    Entry("modified_in_place", "autograd", "why.modified_in_place",
          (r"one of the variables needed for gradient computation has been modified by an "
           rf"inplace operation: .{{0,80}}? is at version {_n('version')}; expected version "
           rf"{_n('expected')} instead",),
          "y = y + 1  # a new tensor: the graph keeps the y it saved", "prelim tensor memory"),
    # §2.6 probability
    Entry("not_a_distribution", "probability", "why.not_a_distribution",
          (r"Expected parameter (?P<parameter>\w+) \(Tensor of shape \((?P<shape>[\d, ]*)\)\) "
           r"of distribution (?P<distribution>\w+)\(.{0,200}?\) to satisfy the constraint "
           r"(?P<constraint>\w+)\(\)",),
          "probs = probs.clamp(min=0)\nprobs = probs / probs.sum()  # each >= 0, summing to 1",
          "prelim probability sample --seed 0"),
    Entry("bad_probabilities", "probability", "why.bad_probabilities",
          (r"probability tensor contains either `inf`, `nan` or element < 0",),
          "(probs >= 0).all(), probs.isfinite().all()  # both must be True",
          "prelim probability sample --seed 0"),
    Entry("too_many_draws", "probability", "why.too_many_draws",
          (r"cannot sample n_sample > prob_dist\.size\(-1\) samples without replacement",),
          "torch.multinomial(probs, 10, replacement=True)  # a die can repeat a face",
          "prelim probability sample --seed 0"),
    # §2.7 documentation
    Entry("no_such_name", "docs", "why.no_such_name",
          (r"module '(?P<module>[\w.]+)' has no attribute '(?P<name>\w+)'",),
          "[name for name in dir({module}) if not name.startswith('_')]",
          "prelim docs {module}.{name}", types=("AttributeError",)),
    Entry("no_such_method", "docs", "why.no_such_method",
          (r"'Tensor' object has no attribute '(?P<name>\w+)'",),
          "[name for name in dir(torch.Tensor) if not name.startswith('_')]",
          "prelim docs torch.Tensor", types=("AttributeError",)),
    Entry("argument_type", "docs", "why.argument_type",
          (r"(?P<function>\w+)\(\): argument '(?P<argument>\w+)' (?:\(position "
           r"(?P<position>\d+)\) )?must be (?P<expected>[\w. ]+?), not (?P<got>\w+)",),
          "help(torch.{function})  # {argument}{where} must be {expected}",
          "prelim docs torch.{function}", derive=position_text),
)
