"""Drafting: template context and filters, sandboxed rendering, composing the parts, markup, numbering."""
