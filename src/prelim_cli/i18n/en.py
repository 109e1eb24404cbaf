"""English explanations. Each key maps to (label, one-line explanation)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- tensor (§2.1) ---
    "tensor.arange": ("Create a row vector",
                      "torch.arange({n}) holds the integers 0 to {last}; integers default to "
                      "int64."),
    "tensor.shape": ("Its shape", "The length along each axis, as a torch.Size."),
    "tensor.numel": ("Its number of elements", "numel() multiplies the sizes of all axes."),
    "tensor.new": ("A tensor from nested lists",
                   "torch.tensor infers the dtype: all integers give int64, any float gives "
                   "float32."),
    "tensor.reshape": ("Reshape to {shape}",
                       "reshape({args}) changes the shape but keeps the elements and their "
                       "order; -1 asks PyTorch to infer that size."),
    "tensor.zeros": ("All zeros, shape {shape}",
                     "torch.zeros fills a tensor of the given shape with 0, often to initialise."),
    "tensor.ones": ("All ones, shape {shape}", "torch.ones fills a tensor of the given shape "
                    "with 1."),
    "tensor.seed": ("Fix the random seed ({seed})",
                    "The same seed gives the same numbers: run again with --seed {seed}."),
    "tensor.randn": ("Random numbers from N(0, 1)",
                     "Each element is drawn from a standard normal distribution (mean 0, std 1)."),
    "tensor.xy": ("Two tensors of the same shape", "The operators below act element by element."),
    "tensor.ops": ("Elementwise arithmetic",
                   "+, -, *, / and ** apply to each pair of elements at the same position."),
    "tensor.x": ("A vector", "The input of the elementwise function below."),
    "tensor.exp": ("Elementwise exponential", "torch.exp computes e to the power of each element."),
    "tensor.XY": ("The book's X and Y", "Two 3 x 4 float32 matrices."),
    "tensor.cat": ("Concatenate along dim {dims}",
                   "dim=0 stacks the rows (the first axis grows); dim=1 joins the columns."),
    "tensor.eq": ("Compare with ==",
                  "A boolean tensor: True where X and Y hold the same value."),
    "tensor.lt": ("Compare with <", "True where the element of X is smaller."),
    "tensor.gt": ("Compare with >", "True where the element of X is larger."),
    "tensor.X": ("The matrix X", "The tensor the next steps work on."),
    "tensor.sum": ("Sum of all elements", "X.sum() adds every element and gives a 0-d tensor."),
    "tensor.index": ("Index and slice",
                     "Indices count from 0 (negative ones from the end); a slice a:b takes a up "
                     "to but not including b: X[-1] is the last row, X[1:3] rows 1 and 2."),
    "tensor.assign": ("Assign {target}",
                      "Writing to an index or slice changes X in place; the marked cells changed."),
    "memory.rebind": ("Y = Y + X makes a new tensor",
                      "The result gets new memory and the name Y now points at it: the id "
                      "changes."),
    "memory.zeros_like": ("A new Z of the same shape",
                          "zeros_like allocates memory once; remember Z's id."),
    "memory.slice": ("Z[:] = ... writes in place",
                     "Slice assignment stores the result in Z's existing memory: the id stays."),
    "memory.inplace": ("X += Y works in place",
                       "+= updates X's own memory: same id, same data_ptr() (the address of "
                       "the storage)."),
    "convert.types": ("Tensor to NumPy and back",
                      "X.numpy() shares memory with X; torch.tensor(A) always copies."),
    "convert.share": ("Who shares memory?",
                      "After A[0, 0] = 100: X and C = torch.from_numpy(A) see the change, the "
                      "copy B does not."),
    "convert.scalar": ("A size-1 tensor to a Python number",
                       "item(), float() and int() turn a one-element tensor into a Python "
                       "scalar."),
    # --- broadcast (§2.1.4) ---
    "broadcast.operands": ("The operands",
                           "Each operand is torch.arange(n).reshape(shape), as the book builds a and b: the numbers 0, 1, 2, ... laid out in that shape."),
    "broadcast.operands_div": ("The operands (float32)",
                               "Built as the book builds a and b, with torch.arange(...).reshape(shape); float32 so that / divides for real, and the divisors count from 1 so none is zero."),
    "broadcast.align": ("Align the shapes on the right",
                        "Compare the sizes axis by axis from the right (-1, -2, ...; the index from the left in brackets): equal sizes stay (=), a size 1 is stretched (b: 1→3), a missing axis counts as 1 ((1)), any other pair is incompatible (✗)."),
    "broadcast.shape": ("The result shape {shape}",
                        "torch.broadcast_shapes applies the same rule to the shapes alone, without making a tensor."),
    "broadcast.expand": ("{name} {own} stretched to {shape}",
                         "expand copies nothing: it reads the same elements again along the stretched axes; the marked cells are those repeats."),
    "broadcast.expand_same": ("{name} already has the shape {shape}",
                              "Nothing to stretch: expand gives {name} back as it is."),
    "broadcast.op": ("{expr}",
                     "With every operand stretched to {shape}, {op} works element by element."),
    "broadcast.inplace_ok": ("In place: {op}= works",
                             "The result shape {shape} is a's own shape, so the result fits into a's memory."),
    "broadcast.inplace_fails": ("In place: {op}= fails",
                                "An in-place operation writes into a, whose shape {own} is not the result shape {shape}; write a = a {op} b instead."),
    "broadcast.fails": ("{expr} fails",
                        "PyTorch's own message; the table above shows why: on axis {axis} the sizes are {first} and {second}, and neither is 1."),
    "broadcast.fix": ("The fix: {name} as {shape}",
                      "Size-1 axes appended at the end of {name} (now {shape}) line its axes up with the others; the result has the shape {result}."),
    "broadcast.fix_keepdims": ("The fix: {name} as {shape}",
                               "Size-1 axes appended at the end of {name} (now {shape}) line its axes up with the others, giving {result}; if {name} is a sum, {keepdims} keeps the summed axis as size 1 in the first place."),
    "broadcast.svg": ("The diagram: {path}",
                      "Each operand is drawn stretched to the result: its own elements solid blue, the stretched copies pale and dashed; the result in green."),
    # --- preprocess (§2.2) ---
    # --- linalg (§2.3) ---
    # --- calculus (§2.4) ---
    # --- autograd (§2.5) ---
}
