"""English explanations. Each key maps to (label, one-line explanation)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # --- tensor (§2.1) ---
    "tensor.arange": ("Create a row vector",
                      "torch.arange({n}) holds {n:plural:# integer|# integers} counting up from 0; integers default "
                      "to int64."),
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
                    "The same seed gives the same numbers: torch.manual_seed({seed}) again "
                    "repeats them."),
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
                     "to but not including b (so X[1:3] means rows 1 and 2)."),
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
                       "+= updates X itself: the name X still points at the same object, so the "
                       "id stays."),
    "memory.data_ptr": ("The same storage, too",
                        "data_ptr() is the address of the memory holding X's elements: += wrote "
                        "into it instead of allocating new memory."),
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
                                "An in-place operation writes into a, whose shape {own} is not the result shape {shape}; write a = {expr} instead."),
    "broadcast.fails": ("{expr} fails",
                        "PyTorch's own message; the table above shows why: on axis {axis} the sizes are {first} and {second}, and neither is 1."),
    "broadcast.fix": ("The fix: {name} as {shape}",
                      "Size-1 axes appended at the end of {name} (now {shape}) line its axes up with the others; the result has the shape {result}."),
    "broadcast.fix_keepdims": ("The fix: {name} as {shape}",
                               "Size-1 axes appended at the end of {name} (now {shape}) line its axes up with the others, giving {result}; if {name} is a sum, {keepdims} keeps the summed axis as size 1 in the first place."),
    "broadcast.svg": ("The diagram: {path}",
                      "Each operand is drawn stretched to the result: its own elements solid blue, the stretched copies pale and dashed; the result in green."),
    "broadcast.check": ("{shapes} and {last} broadcast to {shape}",
                        "The rule alone, applied to the shapes as torch.broadcast_shapes does; no tensor is made."),
    # --- preprocess (§2.2) ---
    "preprocess.example": ("The book's data: {name}",
                           "The book writes this small CSV first (NA marks a missing value); prelim keeps it in memory, --write-example PATH writes the file."),
    "preprocess.write_example": ("Write the book's house_tiny.csv to {path}",
                                 "The book first creates this small CSV; NA marks a missing value."),
    "preprocess.read": ("Read the CSV: {rows:plural:# row|# rows} × {cols:plural:# column|# columns}",
                        "pd.read_csv parses the file; empty cells and markers such as NA become NaN, the missing value."),
    "preprocess.read_example": ("Read the book's house_tiny.csv: {rows:plural:# row|# rows} × {cols:plural:# column|# columns}",
                                "Four houses: number of rooms, alley type and price; NA in the file becomes NaN (missing)."),
    "preprocess.missing": ("Missing values per column ({cells} NaN)",
                           "isna() marks each NaN, and mean() of it is the share; numeric columns stay numbers, categorical ones (text, or booleans with NaN) become 0/1 columns."),
    "preprocess.split": ("Split inputs and target {target}",
                         "The target is the value to predict (outputs); every other column is an input ({cols} in all)."),
    "preprocess.split_none": ("{cols:plural:The only column is an input|All # columns are inputs}",
                              "--no-target: there is no value to predict, so only X is made."),
    "preprocess.drop_column": ("Drop {column}, the column with the most NaN ({nan})",
                               "The chapter's exercise: delete the column with the most missing values; {share} of its values are NaN here."),
    "preprocess.drop_column_none": ("No column to drop: no input value is missing",
                                    "--drop-most-missing drops the column with the most NaN; the most in any input column is 0 here, so all columns stay."),
    "preprocess.book_mean": ("The book's line fails on pandas {version}",
                             "mean() no longer skips text columns; the next step asks for numeric_only=True, so only numeric columns are averaged."),
    "preprocess.book_values": ("The book's line fails on pandas {version}",
                               "get_dummies now makes bool columns; mixed with number columns, .values is an object array that torch.tensor rejects, so the next step asks for dtype=float."),
    "preprocess.fill_mean": ("Fill numeric NaN with the column mean",
                             "Each numeric NaN becomes the mean of its column ({values}); text columns are left to the next step."),
    "preprocess.fill_mean_exact": ("Fill numeric NaN with the column mean",
                                   "Each numeric NaN becomes its column's mean, added exactly and rounded once ({differ}); pandas' own mean() rounds as it adds and differs in the last digit here, while exact sums let --stream give the same bits."),
    "preprocess.fill_none": ("No numeric NaN to fill",
                             "fillna changes nothing here: no numeric input column has a missing value."),
    "preprocess.fill_median": ("Fill numeric NaN with the column median",
                               "Each numeric NaN becomes the median of its column ({values}), which outliers do not pull as they pull the mean."),
    "preprocess.fill_mode": ("Fill numeric NaN with the most frequent value",
                             "mode() lists the most frequent values, smallest first; iloc[0] takes one per column ({values})."),
    "preprocess.fill_zero": ("Fill numeric NaN with 0",
                             "Simple, but it pulls the column towards 0; text columns are left to the next step."),
    "preprocess.fill_constant": ("Fill numeric NaN with a constant",
                                 "Every numeric NaN becomes the value you gave ({values})."),
    "preprocess.fill_drop_rows": ("Drop the rows with a missing value ({dropped} dropped)",
                                  "Only complete rows are kept ({kept}): simple, but it throws data away."),
    "preprocess.dummies": ("One-hot encode {columns}",
                           "Each category becomes a 0/1 column, and NaN a column of its own (dummy_na=True): {width:plural:# column|# columns} now."),
    "preprocess.dummies_no_na": ("One-hot encode {columns}",
                                 "Each category becomes a 0/1 column; with dummy_na=False a NaN is all zeros: {width:plural:# column|# columns} now."),
    "preprocess.dummies_fast": ("One-hot encode {columns}",
                                "For {rows:plural:# row|# rows} prelim writes these 0/1 columns straight into X, one column at a time: the numbers pd.get_dummies gives (a test compares them), in less time and memory; {width:plural:# column|# columns} now."),
    "preprocess.dummies_none": ("No categorical column to encode",
                                "get_dummies encodes only text columns, and every input column is numeric already ({width} in all)."),
    "preprocess.tensors": ("X {x_shape} {x_dtype} and y {y_shape} as tensors",
                           "to_numpy(dtype=float) gives one float array (no object dtype), which torch.tensor copies into a tensor."),
    "preprocess.tensors_no_target": ("X {x_shape} {x_dtype} as a tensor",
                                     "to_numpy(dtype=float) gives one float array (no object dtype), which torch.tensor copies into a tensor."),
    "preprocess.save_pt": ("Save X, y and the column names to {path}",
                           "A dict of tensors and strings: torch.load(path, weights_only=True) reads it back without running pickled code."),
    "preprocess.save_npz": ("Save X, y and the column names to {path}",
                            "np.load(path) gives the arrays X, y, columns and target; no pickle needed."),
    "preprocess.save_csv": ("Save the processed table to {path}",
                            "X's columns and then the target, one row per example, for any tool that reads CSV."),
    "preprocess.save_npy": ("Save X to {path}, and y beside it",
                            "A .npy holds one array: this one is exactly X, in X's dtype; with a target, y goes to its own file named like X's with .y.npy (X.npy and X.y.npy). np.load(path, mmap_mode='r') reads either without loading it all."),
    "preprocess.stream_pass1": ("Pass 1 over {rows:plural:# row|# rows}, {chunk} at a time: statistics",
                                "Only counts, exact sums and category sets are kept from each chunk, so memory stays bounded."),
    "preprocess.stream_plan": ("Fill values and categories of the whole file",
                               "Means over the whole column (not per chunk), categories united over every chunk and sorted as get_dummies sorts them: {width:plural:# column|# columns}."),
    "preprocess.stream_pass2": ("Pass 2: fill, encode and write X {x_shape} {x_dtype} to {path}",
                                "Each chunk is transformed with the whole file's plan and written straight to disk; here are the first rows."),
    "preprocess.target_nan": ("Warning: y has {count:plural:# missing value|# missing values}",
                              "prelim never fills the target, so these NaN stay in y; drop those rows with --fill drop-rows, or choose another --target."),
    # --- linalg (§2.3) ---
    "linalg.scalars": ("Two scalars", "A scalar is a tensor with just one element and no axes."),
    "linalg.scalar_ops": ("Arithmetic on scalars",
                          "+, *, / and ** act on the one element each tensor holds; each result is again a 0-d tensor."),
    "linalg.vector": ("A vector", "A vector is a tensor with one axis; its entries are its elements."),
    "linalg.vector_index": ("The element x[{i}]",
                            "Indices count from 0, so x[{i}] is the last element."),
    "linalg.len": ("Its length", "len(x) counts the entries along the first axis (axis 0): {n}."),
    "linalg.vector_shape": ("Its shape",
                            "x.shape has one entry per axis; a vector has one axis, so its shape holds only its length."),
    "linalg.matrix": ("A {shape} matrix", "A matrix is a tensor with two axes: rows and columns."),
    "linalg.transpose": ("Its transpose, {shape}",
                         "A.T swaps rows and columns: the element in row i, column j moves to row j, column i."),
    "linalg.B": ("The matrix B", "B is symmetric when it equals its transpose B.T."),
    "linalg.symmetric_eq": ("Compare B with B.T",
                            "== compares element by element; the marked cells differ from their mirror image across the diagonal."),
    "linalg.symmetric_yes": ("B is symmetric",
                             "Every element equals its mirror image across the diagonal, so B == B.T everywhere."),
    "linalg.symmetric_no": ("B is not symmetric",
                            "Some elements differ from their mirror image across the diagonal, so B != B.T."),
    "linalg.symmetric_where": ("Where B and B.T differ",
                               "Each row is a position (i, j) where B[i, j] != B[j, i]; e.g. B[{i}, {j}] = {bij} but B[{j}, {i}] = {bji}."),
    "linalg.symmetric_where_nan": ("Where B and B.T differ",
                                   "Each row is a position (i, j) where B[i, j] != B[j, i]; here B[{i}, {j}] = {bij} and B[{j}, {i}] = {bji}: nan equals nothing, not even itself, so a matrix holding nan never equals its transpose."),
    "linalg.clone_add": ("A copy B of A, and A + B",
                         "clone() copies A into new memory; adding two tensors of the same shape adds element by element and keeps the shape."),
    "linalg.hadamard": ("Hadamard product A ⊙ B",
                        "* multiplies element by element (the Hadamard product ⊙); it is not matrix multiplication."),
    "linalg.tensor": ("A tensor X of shape {shape}",
                      "Tensors generalise vectors and matrices to any number of axes; X has {n:plural:# axis|# axes}."),
    "linalg.scalar_tensor": ("A scalar with a tensor",
                             "Adding or multiplying by a scalar acts on every element; the shape (2, 3, 4) stays."),
    "linalg.A": ("A, shape {shape}", "The tensor the next steps work on."),
    "linalg.sum_vector": ("The sum of a vector",
                          "x.sum() adds up the elements of x into a scalar (a 0-d tensor)."),
    "linalg.sum_all": ("Sum of all elements",
                       "By default sum reduces along every axis, leaving a scalar (a 0-d tensor)."),
    "linalg.sum_axis": ("Sum along axis {axis}",
                        "Summing along axis {axis} adds up the entries along that axis, so it disappears from the shape: {shape}."),
    "linalg.sum_axis_keep": ("Sum along axis {axis}, keepdims",
                             "keepdims=True keeps axis {axis} with length 1, so the result {shape} still lines up with A for broadcasting."),
    "linalg.sum_axes": ("Sum along axes {axis}",
                        "Summing along axes {axis} removes each of them from the shape, leaving {shape}; along every axis it equals A.sum()."),
    "linalg.sum_axes_keep": ("Sum along axes {axis}, keepdims",
                             "keepdims=True keeps the axes {axis} with length 1: shape {shape}."),
    "linalg.mean_all": ("The mean",
                        "The mean is the sum divided by the number of elements ({n}): both ways give the same value."),
    "linalg.mean_axis": ("Mean along axis {axis}",
                         "Along axis {axis} the mean divides the sum by the number of entries summed, {n}."),
    "linalg.keepdims_sum": ("Sum each row, keeping the axis",
                            "keepdims=True keeps axis 1 with length 1: shape {kept} instead of {shape}."),
    "linalg.keepdims_divide": ("Divide each row by its sum",
                               "sum_A broadcasts along the columns, so each row is divided by its own sum: each row now adds up to 1."),
    "linalg.keepdims_fails": ("Without keepdims: an error",
                              "The chapter's exercise: PyTorch refuses A / A.sum(axis=1); the next step shows why."),
    "linalg.keepdims_why": ("Why: shapes line up from the right",
                            "Broadcasting compares {a} and {s} from the right: {left} meets {right}, which differ and neither is 1. With keepdims the sum has shape {kept}, which broadcasts."),
    "linalg.keepdims_divide_zero": ("Divide each row by its sum",
                                    "sum_A broadcasts along the columns, so each row is divided by its own sum; a row whose sum is 0 gives inf or nan (a division by zero), every other row now adds up to 1."),
    "linalg.keepdims_silent": ("Without keepdims: no error, wrong result",
                               "The shapes {a} and {s} happen to broadcast from the right, so the division runs along the wrong axis: column j is divided by the sum of row j; with keepdims=True the sum has shape {kept} and each row is divided by its own sum."),
    "linalg.keepdims_outer": ("Without keepdims: no error, wrong shape",
                              "The shapes {a} and {s} broadcast to {result}: every element of A is divided by every row sum, a table instead of A's shape; with keepdims=True the sum has shape {kept} and each row is divided by its own sum."),
    "linalg.keepdims_lucky": ("Without keepdims: the same values, by luck",
                              "The shapes {a} and {s} broadcast, and for this A the result happens to equal the one with keepdims; for other matrices it fails or divides by the wrong sums, so keep the axis: keepdims=True gives the sum the shape {kept}."),
    "linalg.cumsum": ("Cumulative sum along axis {axis}",
                      "Each entry is the sum of all entries up to it along axis {axis}; the shape does not change."),
    "linalg.xy": ("Two vectors x and y", "The dot product pairs up the elements of two vectors of the same length."),
    "linalg.dot": ("x, y and their dot product",
                   "torch.dot(x, y) multiplies the {n:plural:# pair|# pairs} of elements and adds up the products: x⊤y."),
    "linalg.dot_sum": ("The same, by hand",
                       "An elementwise product followed by a sum gives the same number as torch.dot."),
    "linalg.x": ("The vector x, {shape}", "x needs one element per column of A."),
    "linalg.mv": ("Matrix-vector product",
                  "A ({m}, {n}) times x ({n},) gives a vector of length {m}: entry i is the dot product of row i of A with x."),
    "linalg.B_ones": ("The matrix B, {shape}", "B needs one row per column of A."),
    "linalg.mm": ("Matrix product",
                  "({m}, {n}) times ({n}, {p}) gives ({m}, {p}): entry (i, j) is the dot product of row i of A and column j of B."),
    "linalg.matmul": ("The same with @",
                      "A @ B is Python's operator for torch.matmul; for two matrices it is torch.mm."),
    "linalg.u": ("The tensor {t}, {shape}", "The norms below measure how big it is."),
    "linalg.norm_2": ("L2 norm, the book's way",
                      "The square root of the sum of squares: the Euclidean length. PyTorch marks torch.norm as deprecated, but it still works."),
    "linalg.norm_2_now": ("L2 norm, the current API",
                          "torch.linalg.vector_norm replaces torch.norm: the same {result}."),
    "linalg.norm_1": ("L1 norm", "The sum of the absolute values; outliers weigh less in it than in the L2 norm."),
    "linalg.norm_1_now": ("L1 norm, the current API", "vector_norm with ord=1 gives the same {result}."),
    "linalg.norm_inf": ("Max norm (L∞)", "The largest absolute value among the elements."),
    "linalg.norm_inf_now": ("Max norm, the current API", "vector_norm with ord=inf gives the same {result}."),
    "linalg.mnorm_fro": ("Frobenius norm, the book's way",
                         "The square root of the sum of squares of all elements, like the L2 norm of the flattened matrix."),
    "linalg.mnorm_fro_now": ("Frobenius norm, the current API",
                             "torch.linalg.matrix_norm uses the Frobenius norm by default: the same {result}."),
    "linalg.mnorm_1": ("Matrix 1-norm: largest column sum",
                       "For a matrix, ord=1 is the largest sum of absolute values down a column."),
    "linalg.mnorm_1_now": ("Matrix 1-norm, the current API", "matrix_norm with ord=1 gives the same {result}."),
    "linalg.mnorm_inf": ("Matrix ∞-norm: largest row sum",
                         "For a matrix, ord=inf is the largest sum of absolute values along a row."),
    "linalg.mnorm_inf_now": ("Matrix ∞-norm, the current API", "matrix_norm with ord=inf gives the same {result}."),
    "linalg.mnorm_2": ("Spectral norm: largest singular value",
                       "For a matrix, ord=2 is its largest singular value: how much it can stretch a vector."),
    "linalg.mnorm_2_now": ("Spectral norm, the current API", "matrix_norm with ord=2 gives the same {result}."),
    "linalg.mnorm_2_trap": ("Careful: torch.norm(X, p=2) is not that",
                            "The deprecated torch.norm flattens the matrix, so p=2 gives the Frobenius norm, not the spectral norm."),
    "linalg.norm_nd": ("Norm of a tensor with 3 or more axes",
                       "torch.norm flattens any tensor: the square root of the sum of squares of all its elements."),
    "linalg.norm_nd_now": ("The same, with the current API", "vector_norm flattens too: the same {result}."),
    "linalg.cost_shapes": ("A ({m}, {n}), B ({n}, {p}), C ({p}, {q})",
                           "Only the sizes are needed, nothing is allocated; ABC has shape ({m}, {q}) in either order."),
    "linalg.cost_flops": ("Floating-point operations",
                          "An (m, n) times (n, p) product takes m·p dot products of length n, each n multiplications and n − 1 additions: about 2·m·n·p flops, the usual count."),
    "linalg.cost_memory": ("Size of the intermediate result",
                           "The order decides which intermediate must be held: AB takes {ab}, BC takes {bc} (float32, 4 bytes per element)."),
    "linalg.cost_verdict": ("{cheaper} is cheaper",
                            "Same result, but {other} needs {times} times as many flops: this order computes {small} first."),
    "linalg.cost_tie": ("Both orders cost the same",
                        "(AB)C and A(BC) need the same number of flops here; their intermediates may still differ in size."),
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
                        "Each row divides h by 10 and the quotient approaches the derivative at {where}, if f has one there; in {dtype}, rounding in the difference of two nearly equal values of f takes over once h is too small."),
    "calculus.partial": ("Partial derivative in {var}",
                         "Only {var} moves by h, the other variables stay fixed: the quotient approaches ∂f/∂{var} at {where} (computed in {dtype})."),
    "calculus.one_sided": ("From the left and from the right",
                           "A derivative exists only where the quotients from both sides approach the same number."),
    "calculus.exact": ("The exact derivative, by autograd",
                       "backward() applies the chain rule through f, and {var}.grad holds the derivative at {where}: {result}."),
    "calculus.gradient": ("The gradient, by autograd",
                          "One backward pass gives every partial derivative: ∇f at {where} is {result}."),
    "calculus.errors": ("How far each row is from the exact value",
                        "In theory a forward quotient's error shrinks like h and a central one's like h² (exact for a quadratic f); rounding error, which grows like 1/h, wins once h is small enough."),
    "calculus.tangent": ("The tangent line: {equation}",
                         "The line through ({at}, f({at})) with the derivative as its slope; near {var} = {at} it hugs f."),
    "calculus.plot": ("Plot f and its tangent: {path}",
                      "The book's figure: f solid, its tangent at {var} = {at} dashed, {points:plural:# point|# points}, 3.5 × 2.5 inches."),
    # --- autograd (§2.5) ---
    # --- probability (§2.6) ---
    "section.probability": ("Probability", "Rolling a die with torch.distributions, the "
                            "frequencies settling towards 1/6, and Bayes' theorem."),
    "probability.seed": ("Fix the random seed ({seed})",
                         "The rolls below are random; the same seed gives the same rolls."),
    "probability.one": ("Roll a fair die once",
                        "fair_probs gives each of the six faces probability 1/6; one draw of "
                        "Multinomial(1, ...) puts a 1 at the face that came up."),
    "probability.ten": ("Roll it ten times",
                        "Multinomial(10, ...) counts how often each face came up in ten rolls; "
                        "the counts add up to 10."),
    "probability.thousand": ("A thousand rolls, as relative frequencies",
                             "Ten rolls left the frequencies up to {ten_gap} away from 1/6; a thousand land within {gap}. A face's frequency over n rolls has standard deviation sqrt(p(1 - p)/n): {ten_sd} for 10 rolls, {sd} for 1000 - a hundred times the rolls, a tenth of the spread."),
    "probability.experiment": ("{groups:plural:# group|# groups} of {rolls:plural:# roll|# rolls}",
                               "Each row of counts is one group; cumsum adds the groups up, and dividing by the rolls so far gives each face's estimate after every group."),
    "probability.estimates": ("The estimates after {after} groups",
                              "After all {rolls_total:plural:# roll|# rolls} every estimate is within {gap} of 1/6 (about 0.167); the spread expected is {sd}. Early rows wander: few rolls, large noise."),
    "probability.plot": ("The book's figure: {path}",
                         "Six curves, one per face, settling on the dashed line at 0.167 as the groups add up."),
    "probability.bayes_d1": ("P(D1=1): a positive first test",
                             "A positive test comes from the sick (sensitivity × prior) or the healthy (false-positive rate × the rest); adding both ways is marginalisation."),
    "probability.bayes_h_d1": ("P(H=1 | D1=1): ill, given one positive test",
                               "Bayes' theorem: P(D1=1 | H=1) P(H=1) / P(D1=1). Even an accurate test leaves the chance low when the condition is rare: false alarms outnumber the sick."),
    "probability.bayes_d2": ("P(D1=1, D2=1): two positive tests",
                             "With the tests conditionally independent given H, their likelihoods multiply; marginalise over H as before."),
    "probability.bayes_h_both": ("P(H=1 | D1=1, D2=1): ill, given two positive tests",
                                 "The second positive test lifts the chance from {one} to {two}: each test makes a false alarm less likely to explain the result."),
    # --- tour (prelim tour) ---
    "tour.list": ("§{number} {title}: {steps:plural:# step|# steps}",
                  "Start here with prelim tour --from {name}:N, N the step's number."),
    "tour.progress": ("§{number} · step {step}/{total}", "Enter: next · s: next section · q: quit"),
    "tour.end": ("End of the tour", "Take it home: prelim tour --export chapter2.ipynb writes "
                 "every step as a notebook."),
    "section.data": ("Data manipulation", "Tensors: create, reshape, compute, broadcast, index, "
                     "save memory, convert."),
    "section.preprocess": ("Data preprocessing", "From a CSV file with missing values to "
                           "tensors, with pandas."),
    "section.linalg": ("Linear algebra", "Scalars, vectors, matrices, reductions, products "
                       "and norms."),
    "section.calculus": ("Calculus", "The derivative as a limit, the exact derivative, the "
                         "tangent line."),
    "section.autograd": ("Automatic differentiation", "requires_grad, backward(), grad, "
                         "zero_() and detach(), seen step by step."),
    "section.docs": ("Documentation", "Look a name up: dir() of a module, the signature and "
                     "docstring of a function, then try it."),
    "autograd.x": ("The point x",
                   "Where we take the gradient; a float tensor, because only floating-point tensors can require gradients."),
    "autograd.requires_grad": ("Ask PyTorch to track x",
                               "requires_grad_(True) makes PyTorch record every operation on x, so it can compute gradients with respect to x; the trailing _ means in place."),
    "autograd.grad_none": ("No gradient yet",
                           "x.grad is None until a backward pass stores the gradient there."),
    "autograd.forward": ("Compute y = {expr}",
                         "y remembers how it was made: grad_fn={grad_fn} is the backward function of its last operation, where backward() starts."),
    "autograd.backward": ("Backpropagate and read x.grad",
                          "y.backward() computes dy/dx for every leaf that requires grad and stores it in x.grad, one partial derivative per element."),
    "autograd.nonscalar": ("backward() needs a scalar",
                           "y has {n:plural:# element|# elements}; PyTorch starts backpropagation from dy/dy = 1 only when y is a single number, so it refuses."),
    "autograd.sum_backward": ("Sum first, then backward",
                              "y.sum() is a scalar; x.grad[j] is the sum over i of dy_i/dx_j, which for an elementwise y is each element's own derivative."),
    "autograd.graph": ("The backward graph{drawn}",
                       "Walking {root} and its next_functions lists the backward functions backward() runs, down to AccumulateGrad, which adds the gradient into x.grad."),
    "autograd.detach_graph": ("The backward graph{drawn}",
                              "x is the only leaf of z's graph: u = y.detach() carries no history, so it enters as a constant (a None in next_functions)."),
    "autograd.cf_graph": ("The backward graph{drawn}",
                          "The graph is the path this a took: b = a * 2, the while loop unrolled into one MulBackward0 per doubling, then only the branch that ran."),
    "autograd.zero": ("Reset the gradient",
                      "x.grad.zero_() overwrites the stored gradient with zeros in place, so the next backward starts from 0."),
    "autograd.ones_backward": ("The same with gradient=",
                               "y.backward(gradient=v) computes the sum over i of v_i * dy_i/dx; with v all ones it equals y.sum().backward()."),
    "autograd.book_check": ("Compare with 4x", "The gradient of y = 2 x^T x is 4x: every element agrees."),
    "autograd.fd": ("Finite differences, independently",
                    "Each partial derivative is approximated by (f(x + h e_i) - f(x - h e_i)) / 2h in float64, without autograd."),
    "autograd.fd_max": ("Largest difference: {diff}",
                        "Autograd and finite differences agree; what difference there is comes from rounding (in the float64 finite differences, and in x's own dtype)."),
    "autograd.fd_kink": ("They disagree at x[{i}] = {xi}",
                         "There autograd gives {grad} and finite differences {fd}: f is not smooth near that point (a kink like relu's at 0, a steep pole, or the edge of its domain), where autograd takes one side's derivative and the central difference straddles both."),
    "autograd.fd_noise": ("Finite differences cannot check x[{i}] = {xi}",
                          "There f is so large that f(x + h e_i) - f(x - h e_i) with h = 1e-6 is mostly float64 rounding (about ±{noise} on the quotient); autograd's {grad} is the value to trust."),
    "autograd.x_requires": ("x that requires grad",
                            "torch.arange(4.0, requires_grad=True) makes x and asks for its gradient in one step."),
    "autograd.acc_first": ("Backward of y = x.sum()", "Each dy/dx_i is 1."),
    "autograd.acc_second": ("Again, without zeroing",
                            "The new gradient is added to the stored one: 1 + 1 = 2. That is why training loops zero the gradients before each backward."),
    "autograd.acc_zeroed": ("Again, after zeroing",
                            "Starting from zeros, x.grad holds the gradient of this backward alone: 1."),
    "autograd.dot_backward": ("Backward of y = 2 * torch.dot(x, x)",
                              "The book's gradient 4x; to compute it, backward used the x that DotBackward0 saved in the forward pass."),
    "autograd.second_backward": ("Backward through the same graph again",
                                 "The first backward freed the saved values (here the x saved by dot) to save memory, so PyTorch refuses a second pass."),
    "autograd.retain": ("retain_graph=True keeps the graph",
                        "With retain_graph=True the saved values survive, a second backward works, and the two gradients add up: 2 * 4x."),
    "autograd.detach": ("u = y.detach()",
                        "u has the values of y = x * x but no history: autograd treats it as a constant."),
    "autograd.detach_z": ("z = u * x",
                          "z depends on x directly and through u, but autograd sees only the direct path."),
    "autograd.detach_backward": ("Backward through z",
                                 "With u constant, dz/dx = u (not 3x², as it would be for z = x * x * x)."),
    "autograd.detach_check": ("x.grad == u", "All True: the gradient is u itself."),
    "autograd.detach_y": ("y still has its history",
                          "detach made a new tensor; y = x * x is unchanged, so y.sum().backward() gives 2x."),
    "autograd.check_2x": ("x.grad == 2 * x", "All True: the derivative of x² is 2x."),
    "autograd.cf_def": ("The book's f(a)",
                        "A while loop and an if whose path depends on the value of a: ordinary Python control flow."),
    "autograd.seed": ("Fix the random seed ({seed})",
                      "The same seed gives the same a: torch.manual_seed({seed}) again repeats it."),
    "autograd.cf_randn": ("A random scalar a",
                          "torch.randn(size=()) draws one number from N(0, 1); requires_grad=True tracks it."),
    "autograd.cf_a": ("The scalar a", "Your a, as a float32 tensor that requires grad."),
    "autograd.cf_run_if": ("d = f(a): {n:plural:# doubling|# doublings}, then the if branch",
                           "The loop doubled b = 2a until b.norm() reached 1000; b.sum() > 0, so c = b."),
    "autograd.cf_run_else": ("d = f(a): {n:plural:# doubling|# doublings}, then the else branch",
                             "The loop doubled b = 2a until b.norm() reached 1000; b.sum() <= 0, so c = 100 * b."),
    "autograd.cf_backward": ("Backward through the path taken",
                             "PyTorch recorded the operations that actually ran; along them d = {k} * a, so a.grad is {k}."),
    "autograd.cf_check": ("a.grad == d / a",
                          "f is piecewise linear in a: on this path d = {k} * a, so the derivative {k} equals d / a."),
    "autograd.cf_rounding": ("Why not exactly equal",
                             "d = 100 * b was rounded to float32, so d / a differs from the exact factor in the last bit."),
    "autograd.cf_isclose": ("Equal up to rounding",
                            "torch.isclose allows for float32 rounding: the identity holds."),
    "autograd.plot_x": ("{n:plural:# point that requires|# points that require} grad",
                        "x covers the range evenly; requires_grad=True asks for f'(x) at every point."),
    "autograd.plot_y": ("y = {expr}", "f at every point at once, elementwise."),
    "autograd.plot_backward": ("One backward for all points",
                               "Each y_i depends only on x_i, so the gradient of y.sum() is f'(x_i) at every point: x.grad is f' on the whole range."),
    "autograd.plot_numpy": ("Plotting needs NumPy, and y requires grad",
                            "Plot helpers such as the book's d2l.plot turn tensors into NumPy arrays, which PyTorch refuses for a tensor with history; y.detach() gives the same values without it."),
    "autograd.plot_samples": ("x, f(x) and f'(x) at a few points",
                              "Every 50th point, detached for printing; x.grad needs no detach (it has no history)."),
    "autograd.plot_gaps": ("Points where f or f' is not finite",
                           "The first is x = {first}: outside the domain of f, or where f' is infinite; the plot leaves gaps there."),
    "autograd.plot_svg": ("Plot f and f' → {path}",
                          "Solid: f; dashed: f' from autograd. Detached tensors plot like NumPy arrays."),
    # --- docs (§2.7) ---
    "docs.names": ("The public names of {name}",
                   "dir({name}) lists every attribute; the book skips names that start with _ "
                   "(internal) or __ (Python's special objects), which leaves "
                   "{count:plural:# name|# names}."),
    "docs.classes": ("Classes ({count})",
                     "Things to build objects from: in torch.distributions, the distributions "
                     "to sample from."),
    "docs.functions": ("Functions ({count})", "Things to call."),
    "docs.submodules": ("Submodules ({count})",
                        "Modules inside {name}: look one up the same way, e.g. prelim docs "
                        "{name}.NAME."),
    "docs.other": ("Everything else ({count})",
                   "Constants, registries and callable objects: neither class, function nor "
                   "module."),
    "docs.signature": ("How to call {name}",
                       "inspect.signature gives the parameters, their defaults and, after *, "
                       "the keyword-only ones."),
    "docs.doc_signature": ("How to call {name}",
                           "{name} is a builtin (compiled, not Python), so inspect.signature "
                           "finds nothing; the "
                           "first line of its docstring (what help() prints) holds "
                           "the signature."),
    "docs.summary": ("What {name} does",
                     "The first paragraph of the docstring; help({name}) prints all of it."),
    "docs.parameters": ("The parameters of {name}",
                        "One line each, from the docstring's list of arguments (names only "
                        "when it has none)."),
    "docs.quick_test": ("The book's quick test",
                        "Run it: torch.ones(4) is a vector of four ones, as the docstring "
                        "promised."),
    "docs.value": ("The value of {name}", "Not a module or a function: an object to read."),
    "docs.type": ("Its type", "help() on the type documents what you can do with it."),
    # --- doctor ---
    "doctor.versions": ("Installed versions (Python {python})",
                        "The versions prelim runs on; the book was written for older ones."),
    "doctor.device": ("The device torch sees ({name})",
                      "cuda is an NVIDIA GPU, mps Apple's GPU, cpu the processor; prelim runs on "
                      "the CPU."),
    "doctor.fillna": ("The book: fill with the column means",
                      "On pandas 2+ with a text column, mean() refuses to average the strings "
                      "unless told to skip them."),
    "doctor.fillna.fixed": ("Works: numeric_only=True",
                            "mean(numeric_only=True) averages only the number columns."),
    "doctor.dummies": ("The book: tensor from get_dummies",
                       "get_dummies makes bool columns, so .values is an object array torch "
                       "cannot convert."),
    "doctor.dummies.fixed": ("Works: dtype=float",
                             "Ask for float columns and a float array: torch converts it."),
    "doctor.plot": ("The book: plot tensors that require grad",
                    "Matplotlib turns tensors into NumPy arrays, which PyTorch refuses while "
                    "they track gradients."),
    "doctor.plot.fixed": ("Works: detach() first",
                          "detach() gives the same values without the gradient tracking."),
    "doctor.norm": ("The book: torch.norm",
                    "torch.norm still works, but its documentation marks it deprecated."),
    "doctor.norm.fixed": ("The current API: torch.linalg",
                          "torch.linalg.vector_norm (and matrix_norm for matrices) replace it."),
    "shell.banner": ("prelim shell", "type a command without the leading prelim (tensor reshape 3 4), "
                     "help for the list, set lang zh to switch language, exit or Ctrl-D to leave."),
    "doctor.why": ("prelim why: {recognised} of {total} errors recognised",
                   "Each error of prelim why's catalogue was raised here, on these versions, and "
                   "its traceback read back; one not recognised means a library reworded it."),
    # --- why: a pasted error, explained ---
    "why.read": ("The error", "The exception the text ends with, in the library's own words."),
    "why.read_chained": ("The error behind it",
                         "Raised first, then {later:plural:# more exception|# more exceptions} "
                         "came of it; this one says what went wrong."),
    "why.unknown": ("The error, not in the catalogue",
                    "prelim why knows {count} errors of chapter 2; prelim why --list shows them."),
    "why.align": ("Your shapes, aligned on the right",
                  "a {first} and b {second} give exactly this message; the ✗ column is where "
                  "the sizes differ and neither is 1."),
    "why.align_in_place": ("Your shapes, aligned on the right",
                           "a {first} and b broadcast to {second}: fine for a + b, but a += b "
                           "must write {second} into a's {first}."),
    "why.fix": ("The fix", "Adapt the names (X, a, b, x, y) to your own code."),
    "why.command": ("See it happen", "The lesson of §{number} {title}, with real tensors."),
    "why.list": ("§{number} {title}: {count:plural:# error|# errors}",
                 "prelim why recognises these messages; the id is what --format json reports."),
    "why.broadcast_sizes": (
        "The two tensors cannot be broadcast: on one axis their sizes differ and neither is 1.",
        "On dimension {dim} of the result, a has {a} and b has {b}. Broadcasting compares the "
        "shapes from the right; a common cause is a sum that dropped its axis, such as "
        "a.sum(axis=1) without keepdims=True."),
    "why.in_place_broadcast": (
        "An in-place operation would have to change the shape of its left operand.",
        "a += b writes into a's memory, shape {own_shape}, but a + b broadcasts to "
        "{result_shape}; only a + b (a new tensor) can hold that."),
    "why.reshape_size": (
        "The new shape does not hold the same number of elements as the tensor.",
        "reshape keeps every element, so the sizes of {shape_text} must multiply to {size}; "
        "give one size as -1 and PyTorch works it out."),
    "why.view_stride": (
        "view cannot reinterpret this tensor's memory in the shape asked for.",
        "view only relabels memory that is laid out in order; after a transpose (X.T) or some "
        "slices it is not, and reshape (which copies when it must) is the tool."),
    "why.ragged_list": (
        "The nested lists are ragged: the rows do not all have the same length.",
        "A tensor is a box: at depth {dim} a row has {got:plural:# element|# elements} where the "
        "first had {expected}, so torch.tensor cannot lay them out."),
    "why.cat_sizes": (
        "The tensors to concatenate differ on an axis they are not joined along.",
        "torch.cat joins along dim {dim}, so every other axis must agree; tensor number "
        "{number} has {got} where the first has {expected}."),
    "why.cat_ndim": (
        "The tensors to concatenate do not have the same number of axes.",
        "One has {first} and the other {second}; give the smaller one an axis of size 1 "
        "(reshape or unsqueeze) so they line up."),
    "why.index_bounds": (
        "An index is past the end of its axis.",
        "Axis {dim} has {size:plural:# element|# elements}, indexed 0 to {last} (or -1 for the last); index "
        "{index} is outside."),
    "why.too_many_indices": (
        "There are more indices than the tensor has axes.",
        "The tensor has {ndim} axes, so X[i, j] with more than {ndim} numbers asks for an axis "
        "that is not there."),
    "why.negative_step": (
        "PyTorch slices do not take a negative step.",
        "X[::-1] reverses a NumPy array or a list, but tensors refuse it; torch.flip returns "
        "the elements in reverse order."),
    "why.one_element": (
        "A tensor with several elements cannot become one Python number.",
        "item(), float() and int() need exactly one element; reduce first (sum, mean, an "
        "index) or take them all with tolist()."),
    "why.ambiguous_bool": (
        "A comparison of whole tensors is a tensor of True and False, not one truth value.",
        "if or while asked for one bool, but X > 0 has one per element; say whether all or any "
        "of them must hold."),
    "why.cast_in_place": (
        "An in-place operation cannot store its result in the tensor's dtype.",
        "The result is {result_dtype} but the tensor written into is {output_dtype}; in-place "
        "operations never change a tensor's dtype, so convert it first or make a new tensor."),
    "why.mixed_dtypes": (
        "The two tensors have different dtypes, and this operation needs them equal.",
        "One is {first_dtype}, the other {second_dtype}: a tensor made from integers is int64, "
        "so convert both to {target}."),
    "why.no_cuda": (
        "This PyTorch was built without GPU support, and the code asked for a GPU.",
        "cuda() or device='cuda' needs an NVIDIA GPU and a CUDA build; pick the device at run "
        "time, as the book's try_gpu does."),
    "why.object_array": (
        "The array handed to torch holds Python objects, not numbers.",
        "A DataFrame with mixed column types (numbers and the bool columns of get_dummies) "
        "gives an object array in .values; ask pandas for floats."),
    "why.mean_of_text": (
        "A mean (or another reduction) met a column of text.",
        "inputs.mean() averages every column, and on pandas 3 a text column refuses; the "
        "book's fillna(inputs.mean()) needs numeric_only=True today."),
    "why.missing_column": (
        "The key asked for is not there: for a DataFrame, no column has that name.",
        "No column is called '{name}'; names are matched exactly, case and spaces included, "
        "and read_csv takes them from the file's first line."),
    "why.no_such_file": (
        "The file to read does not exist where Python looks.",
        "'{path}' is read relative to the folder Python runs in; the book writes its CSV "
        "first (os.makedirs, then open(..., 'w'))."),
    "why.matmul_shapes": (
        "A matrix product needs as many columns in the first matrix as rows in the second.",
        "A is {m} × {n} and B is {p} × {q}: {n:plural:# column|# columns} meet "
        "{p:plural:# row|# rows}. Transpose one, or check which axis holds the features."),
    "why.mv_sizes": (
        "A matrix-vector product needs a vector with one element per column.",
        "The matrix is {rows} × {cols} but the vector has {vec:plural:# element|# elements}; "
        "torch.mv(A, x) needs {cols}."),
    "why.dot_sizes": (
        "A dot product pairs the elements of two vectors, which must have the same length.",
        "The vectors have {first} and {second:plural:# element|# elements}; torch.dot pairs "
        "them one by one."),
    "why.axis_range": (
        "The axis asked for does not exist in this tensor.",
        "The tensor has {ndim} axes, numbered {low} to {high} (negative ones count from the "
        "end); {got} is outside."),
    "why.mean_of_integers": (
        "A mean of integers is refused: the result would not be an integer.",
        "The tensor is {dtype} ({dtype_name}), as torch.arange(4) is; convert it to a float "
        "dtype first."),
    "why.norm_of_integers": (
        "A norm needs a floating-point tensor.",
        "The tensor is {dtype} ({dtype_name}); torch.tensor([3, -4]) is int64, while "
        "torch.tensor([3.0, -4.0]) is float32."),
    "why.numpy_of_grad": (
        "A tensor that records gradients cannot be turned into a NumPy array.",
        "numpy() (and plotting, which calls it) would leave the graph behind; detach() gives "
        "the same numbers without the gradient tracking."),
    "why.backward_of_vector": (
        "backward() without arguments works only on a single number.",
        "y has several elements, so the gradient of which one is not said; the book sums "
        "first, y.sum().backward(), which gives each x its own derivative."),
    "why.backward_twice": (
        "The graph was already used by a backward() and freed.",
        "After backward() PyTorch drops the values it saved; compute y again, or ask for "
        "retain_graph=True the first time."),
    "why.no_grad_fn": (
        "backward() was called on a result that does not depend on any tensor with "
        "requires_grad=True.",
        "Nothing was recorded because no input asked for gradients; set requires_grad=True on "
        "x before computing from it."),
    "why.leaf_in_place": (
        "A tensor that autograd tracks was changed in place.",
        "x += ... on a leaf with requires_grad=True would hide the change from the graph; make "
        "updates inside torch.no_grad(), or write x = x + 1."),
    "why.grad_of_non_leaf": (
        "The gradient of an intermediate result is not kept.",
        "backward() fills .grad only for leaves, the tensors made with requires_grad=True; "
        "read x.grad, or call y.retain_grad() before backward()."),
    "why.grad_of_integers": (
        "Only floating-point tensors can record gradients.",
        "A derivative is a real number, so requires_grad=True needs a float tensor: "
        "torch.arange(4.0) rather than torch.arange(4)."),
    "why.grad_is_none": (
        "x.grad is None: no backward() has filled it yet.",
        "The gradient appears after the first backward(); zero it only once it exists, or "
        "leave it to the optimizer."),
    "why.modified_in_place": (
        "A value the graph saved for backward() was changed in place afterwards.",
        "The tensor was at version {version} when backward() needed version {expected}; an "
        "in-place change (+=, add_, an assignment) overwrote it."),
    "why.not_a_distribution": (
        "The probabilities given are not a distribution.",
        "{distribution} checked {parameter} against {constraint}: each must be at least 0 and "
        "together they sum to 1."),
    "why.bad_probabilities": (
        "The probabilities to sample from include a negative, inf or nan.",
        "torch.multinomial treats the numbers as weights; every one must be finite and at "
        "least 0."),
    "why.too_many_draws": (
        "More draws were asked for than there are outcomes, without replacement.",
        "Without replacement each outcome comes up once at most; rolling a die repeats faces, "
        "so sample with replacement=True."),
    "why.no_such_name": (
        "The module has no name like that: a typo, or a name from another library or version.",
        "{module} has no attribute '{name}'; prelim docs looks it up and suggests the closest "
        "name."),
    "why.no_such_method": (
        "Tensors have no method or attribute of that name.",
        "torch.Tensor has no '{name}'; dir(torch.Tensor) lists what it has (shape, numel, "
        "size, ...)."),
    "why.argument_type": (
        "A function was given an argument of the wrong type.",
        "{function}() wants {argument} to be {expected}, but got {got}; its signature "
        "says what each argument takes."),
}
