"""§2.3 Linear algebra: the objects (basics), reductions (reduce), products and norms.

Walked cell by cell (the pytorch tabs) against d2l-zh chapter_preliminaries/linear-algebra.md
at commit e6b18cce: all 30 cells are played, in the page's order.
"""
