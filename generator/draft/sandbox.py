"""The Jinja sandbox templates run in: a template folder shared between offices can neither read outside
its folders nor make the machine work without bound.

Bounds per render: CPU time of the rendering thread (a deadline, which also stops loops nested over long
lists), length of any string or list a template builds (*, %, ~, str methods, filters), range() iterations,
output size. Templates are read only from regular files whose real path is inside the template folders.

The deadline is checked by the template's own code (every loop step and every call goes through
:meth:`DraftSandbox.tick`), never by a signal: it counts only the CPU time of the thread that renders (a
busy machine does not strike a good render), cannot fire anywhere but inside a render (not in a garbage
collector's callback, not after the render), and works in any thread.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment

MAX_OUTPUT = 4_000_000  # characters one template may write: a 1 MB county file printed twice
MAX_LOOP = 200_000  # iterations of range() in one render
MAX_REPEAT = 100_000  # length of a string or list built with * or **
MAX_STRING = 1_000_000  # length of any string or list a template builds otherwise
MAX_SECONDS = 1.0  # CPU seconds: one template renders in milliseconds; a second is a runaway loop
_TICKS = 1024  # loop steps and calls between two looks at the clock (a look costs about 0.1 µs)
BUILTIN_PREFIX = (
    "内置/"  # a template name that means the built-in file, even where an office file overrides it
)
_WIDTH = re.compile(r"%[-+ #0]*(\d+)|\{[^{}]*?:[^{}]*?(\d+)")


class RenderTimeout(SecurityError):
    """A render ran past :data:`MAX_SECONDS` of CPU time."""


class _Clock(threading.local):
    """The deadline of the render running in this thread (in its CPU time), or None outside a render."""

    limit: float | None = None
    seconds: float = MAX_SECONDS
    ticks: int = 0


_clock = _Clock()


def tick() -> None:
    """Count one loop step or call; every :data:`_TICKS` of them, stop a render past its deadline."""
    clock = _clock
    clock.ticks += 1
    if clock.ticks % _TICKS or clock.limit is None:
        return
    if time.thread_time() > clock.limit:
        clock.limit = None  # raised once: whatever the template runs while unwinding is not stopped again
        raise RenderTimeout(
            f"模板运行超过 {clock.seconds:g} 秒（处理器时间），已停止（可能是循环太多或写成了死循环）"
        )


def _too_long(value: Any) -> bool:
    return isinstance(value, str | list | tuple | dict) and len(value) > MAX_STRING


def _check_size(value: Any, what: str) -> Any:
    if _too_long(value):
        raise SecurityError(f"{what}得到的字符串或列表过长（超过 {MAX_STRING}）")
    return value


def _check_numbers(args: tuple[Any, ...], kwargs: dict[str, Any], what: str) -> None:
    """Widths and counts (center(1e9), indent(10**8)) are refused before anything is allocated."""
    for value in (*args, *kwargs.values()):
        if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) > MAX_STRING:
            raise SecurityError(f"{what}的参数 {value} 过大")


def _check_join(obj: Any, args: tuple[Any, ...]) -> None:
    """A join's result is estimated first: 100000 copies of a long string must not be built."""
    items = args[0] if args else ()
    if (
        isinstance(items, list | tuple)
        and len(items) * len(str(obj)) + sum(len(str(i)) for i in items) > MAX_STRING
    ):
        raise SecurityError(f"join 得到的字符串过长（超过 {MAX_STRING}）")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and any(
        int(m.group(1) or m.group(2)) > MAX_STRING for m in _WIDTH.finditer(text)
    ):
        raise SecurityError("格式串中的宽度过大")


def _guarded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_numbers(args[1:], kwargs, f"过滤器 {name} ")
        if name == "join" and args:
            _check_join(
                kwargs.get("d", args[2] if len(args) > 2 else ""), (list(args[1]),) if len(args) > 1 else ()
            )
        if name == "format" and args:
            _check_format(args[0])
        return _check_size(function(*args, **kwargs), f"过滤器 {name} ")

    # Jinja passes the context / environment to filters that ask for it: keep the markers.
    for marker in ("jinja_pass_arg",):
        if hasattr(function, marker):
            setattr(guarded, marker, getattr(function, marker))
    return guarded


class _ConcatChecked(CodeGenerator):
    """Compile ``a ~ b`` to a call that refuses over-long results (doubling in a loop reaches GBs), and
    every ``for`` to iterate through :meth:`DraftSandbox.paced` (which watches the deadline)."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        if not (isinstance(node.iter, nodes.Call) and isinstance(node.iter.node, nodes.EnvironmentAttribute)):
            node.iter = nodes.Call(nodes.EnvironmentAttribute("paced"), [node.iter], [], None, None)
        super().visit_For(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.checked_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class FolderLoader(jinja2.FileSystemLoader):
    """Templates from regular files inside the folders only: a symlink out (to /etc/passwd, /dev/zero)
    or a special file is refused before it is opened."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        folders = self.searchpath
        if template.startswith(BUILTIN_PREFIX):  # `{% extends "内置/report.j2" %}`: the built-in file only
            template, folders = template.removeprefix(BUILTIN_PREFIX), self.searchpath[-1:]
        pieces = split_template_path(template)
        for folder in folders:
            path = Path(folder, *pieces)
            if not os.path.lexists(path):
                continue
            root = Path(folder).resolve()
            real = path.resolve()
            if path.is_symlink() or not real.is_relative_to(root) or not stat.S_ISREG(real.stat().st_mode):
                raise SecurityError(f"模板文件 {path} 不是模板文件夹内的普通文件（可能是链接），不予读取")
            try:  # this folder only
                return jinja2.FileSystemLoader([folder]).get_source(environment, template)
            except UnicodeDecodeError as e:
                raise NotUtf8(template, path, e) from None
        raise jinja2.TemplateNotFound(template)


class NotUtf8(jinja2.TemplateSyntaxError):
    """A template file saved in another encoding (GBK, as Notepad on a Chinese Windows may)."""

    def __init__(self, name: str, path: Path, error: UnicodeDecodeError) -> None:
        line = error.object[: error.start].count(b"\n") + 1
        super().__init__(
            "模板文件不是 UTF-8 编码（可能被另存为 GBK/ANSI），请用记事本或 VS Code 另存为 UTF-8 后再试",
            line,
            name,
            str(path),
        )


class DraftSandbox(SandboxedEnvironment):
    """Jinja's sandbox, plus bounds on what a template from another office can make the machine do."""

    intercepted_binops = frozenset(["*", "**", "%"])
    code_generator_class = _ConcatChecked

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.globals.pop("lipsum", None)  # lorem ipsum of any length: nothing a report needs
        for name, function in JINJA_FILTERS.items():
            self.filters[name] = _guarded_filter(name, function)

    @staticmethod
    def paced(items: Any) -> Iterator[Any]:
        """A template loop's items, one :func:`tick` each (nested loops over long lists stop in time)."""
        for item in items:
            tick()
            yield item

    def checked_concat(self, parts: tuple[Any, ...]) -> str:
        return str(_check_size("".join(str(p) for p in parts), "用 ~ 连接"))

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise SecurityError("乘方的指数过大")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT
                ):
                    raise SecurityError(f"用 * 构造的字符串或列表过长（超过 {MAX_REPEAT}）")
        if operator == "%":
            _check_format(left)
        return _check_size(super().call_binop(context, operator, left, right), f"运算 {operator} ")

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        tick()  # a macro calling itself twice over runs long without any loop
        # Jinja wraps str.format in the sandbox; the string is then the wrapped method's owner.
        owner = getattr(obj, "__self__", None) or getattr(getattr(obj, "__wrapped__", None), "__self__", None)
        if isinstance(owner, str | list | tuple | dict):
            what = f"方法 {getattr(obj, '__name__', '')} "
            _check_numbers(args, kwargs, what)
            if getattr(obj, "__name__", "") == "join" and isinstance(owner, str):
                _check_join(owner, tuple(list(a) if not isinstance(a, list | tuple) else a for a in args))
            if getattr(obj, "__name__", "") == "format":
                _check_format(owner)
        return _check_size(super().call(context, obj, *args, **kwargs), "调用")


class LoopBudget:
    """range() for templates, with a budget of iterations per render."""

    def __init__(self) -> None:
        self.left = MAX_LOOP

    def __call__(self, *args: Any) -> Iterator[int]:
        if not all(isinstance(a, int) and not isinstance(a, bool) for a in args) or not 1 <= len(args) <= 3:
            raise SecurityError("range() 的参数应为 1 到 3 个整数")
        for value in range(*args):
            self.left -= 1
            if self.left < 0:
                raise SecurityError(f"模板循环次数过多（超过 {MAX_LOOP} 次），可能是写成了死循环")
            yield value


@contextlib.contextmanager
def deadline(seconds: float = MAX_SECONDS) -> Iterator[None]:
    """Raise :class:`RenderTimeout` inside the block once this thread has spent ``seconds`` of CPU time in
    it (checked by :func:`tick`); the deadline ends with the block, however it is left. Blocks nest: an inner
    one keeps the outer deadline when that is sooner."""
    clock = _clock
    outer = clock.limit, clock.seconds
    limit = time.thread_time() + seconds
    if outer[0] is None or limit < outer[0]:
        clock.limit, clock.seconds = limit, seconds
    try:
        yield
    finally:
        clock.limit, clock.seconds = outer
