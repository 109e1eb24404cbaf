"""§2.4 Calculus: the lesson (derivative), its inputs and maths (lesson), the checks that
stop it where no derivative exists (check), and the book's tangent figure (figure)."""
