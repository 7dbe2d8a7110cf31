"""Maintainers' tools: template checks, the data-file scaffold and its JSON Schema."""
