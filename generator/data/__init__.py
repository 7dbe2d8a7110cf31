"""The county data file: YAML with line marks, the figure catalogue, models, numbers, last year, checks."""
