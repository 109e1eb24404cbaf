"""§2.4 Calculus: the lesson (derivative), its inputs and maths (lesson), the checks that
stop it where no derivative exists (check), and the book's tangent figure (figure).

Walked cell by cell (the pytorch tabs) against d2l-zh chapter_preliminaries/calculus.md at
commit e6b18cce: f, numerical_lim's loop and the tangent plot are played; the four plotting
helpers the book saves into its d2l library (use_svg_display, set_figsize, set_axes, plot)
are not: the figure's step draws the same plot with plain matplotlib.
"""
