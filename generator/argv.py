"""A plain command line read without click's machinery.

typer 0.29 converts every argument through pydantic, which costs a clerk's `generate` more than drafting a
small county file. A command line made only of the command's own arguments and options is read here
directly; anything else (help, a mistake, an abbreviation, a repeated option) goes to click, which says
what is wrong in Chinese (generator.usage).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class _Shape:
    """A command's parameters by the way they are written."""

    flags: dict[str, str] = field(default_factory=dict)  # option -> parameter name
    valued: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)


def _plain(param: Any) -> bool:
    """A parameter this module reads as click would: a path or an on/off flag, with nothing else to it."""
    described = getattr(param, "type_descriptor", None)  # typer's: the parameter's annotation
    kind = getattr(described, "annotation", None)
    simple = not (
        param.multiple or param.nargs != 1 or param.secondary_opts or param.envvar or param.callback
    )
    return simple and (kind is Path or (kind is bool and getattr(param, "is_flag", False)))


def _shape(command: Any) -> _Shape | None:
    shape = _Shape()
    for param in command.params:
        if not _plain(param):
            return None
        if param.param_type_name == "argument":
            shape.positional.append(param.name)
            continue
        for opt in param.opts:
            (shape.flags if param.is_flag else shape.valued)[opt] = param.name
    return shape


def simple_call(command: Any, args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments ``args`` give the click ``command``'s callback, or None when click must read them.

    Only path arguments, path options and on/off flags are read; that is all `generate` has.
    """
    shape = _shape(command)
    if shape is None or os.name == "nt":  # on Windows click expands ~, %VAR% and wildcards itself
        return None
    given: dict[str, Any] = {}
    values: list[str] = []
    pending: str | None = None
    for arg in args:
        if pending is not None:
            if not arg or arg.startswith("-"):
                return None
            given[pending], pending = Path(arg), None
        elif arg in shape.flags or arg in shape.valued:
            name = shape.flags.get(arg) or shape.valued[arg]
            if name in given:
                return None  # click says which one wins; we do not guess
            if arg in shape.flags:
                given[name] = True
            else:
                pending = name
        elif arg.startswith("-") or not arg:
            return None
        else:
            values.append(arg)
    if pending is not None or len(values) != len(shape.positional):
        return None
    given.update((name, Path(value)) for name, value in zip(shape.positional, values, strict=True))
    return given
