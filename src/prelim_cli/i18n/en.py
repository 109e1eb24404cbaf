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
                     "X[-1] is the last row; X[1:3] the rows 1 and 2 (the end is excluded)."),
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
    # --- preprocess (§2.2) ---
    # --- linalg (§2.3) ---
    # --- calculus (§2.4) ---
    "calculus.f": ("The function f({args}) = {expr}",
                   "Written with PyTorch operations, so that autograd can differentiate it."),
    "calculus.point": ("f at {where}",
                       "The point where we take the derivative, as {dtype} tensors."),
    "calculus.numerical_lim": ("The difference quotient",
                               "(f(x + h) - f(x)) / h is the slope of the secant from x to x + h; the derivative f'(x) is its limit as h → 0."),
    "calculus.central_lim": ("The central difference",
                             "(f(x + h) - f(x - h)) / 2h looks both ways: its error shrinks like h², the forward quotient's only like h."),
    "calculus.limits": ("Let h shrink",
                        "Each row divides h by 10 and the quotient approaches the derivative at {where}; in {dtype}, rounding in f(x + h) - f(x) takes over once h is too small."),
    "calculus.partial": ("Partial derivative in {var}",
                         "Only {var} moves by h, the other variables stay fixed: the quotient approaches ∂f/∂{var} at {where} (computed in {dtype})."),
    "calculus.one_sided": ("From the left and from the right",
                           "A derivative exists only where the quotients from both sides approach the same number."),
    "calculus.exact": ("The exact derivative, by autograd",
                       "backward() applies the chain rule through f: {var}.grad holds the derivative at {where}, {result}."),
    "calculus.gradient": ("The gradient, by autograd",
                          "One backward pass gives every partial derivative: ∇f at {where} is {result}."),
    "calculus.errors": ("How far each row is from the exact value",
                        "Forward errors shrink like h, central ones like h² (10 or 100 times smaller per row), until rounding error, which grows like 1/h, wins."),
    "calculus.tangent": ("The tangent line: {equation}",
                         "The line through ({at}, f({at})) with the derivative as its slope; near {var} = {at} it hugs f."),
    "calculus.plot": ("Plot f and its tangent: {path}",
                      "The book's figure: f solid, its tangent at {var} = {at} dashed, {points} points, 3.5 × 2.5 inches."),
    # --- autograd (§2.5) ---
}
