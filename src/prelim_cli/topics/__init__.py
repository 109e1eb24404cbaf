"""One module per section of the chapter; each function returns a Demo."""
