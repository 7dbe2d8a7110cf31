"""What an office's template folder adds to the built-in templates: its own topics and figures
(专题.yaml) and the bookkeeping of built-in files it copied (upgrades)."""
