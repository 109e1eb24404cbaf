"""Safe parsers for what users type, one module per kind:

    size     the element cap (max_elements, check_size), asked before memory is spent
    literal  tensor literals: [[1, 2], [3, 4]]
    shape    shapes (3,1,3) and positional sizes (reshape 3 -1)
    index    index expressions (X[1:3, ::2]) and assignments (X[1, 2] = 9)
    range    --range START:STOP[:STEP], the x values a plot draws
    nesting  how deep input may nest before a parser recurses, and read_tree

Everything goes through ``ast.parse`` or a regular expression and a whitelist;
nothing is ever evaluated. Import from the module that holds the parser.
"""
