"""The book's own code of §2.5 that more than one place shows as printed: a leaf, no torch
(prelim learn lists its exercises without loading it)."""

# §2.5.4, the function whose gradient flows through Python's control flow
BOOK_F = """def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c"""
