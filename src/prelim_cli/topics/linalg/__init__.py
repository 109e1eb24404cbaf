"""§2.3 Linear algebra: the objects (basics), reductions (reduce), products and norms."""
