"""Render the Jinja templates into structured text; template errors become located Chinese lines."""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from generator.draft.filters import FILTERS
from generator.draft.markup import DIRECTIVES, unknown_directives
from generator.draft.sandbox import MAX_OUTPUT, DraftSandbox, FolderLoader, LoopBudget, NotUtf8, deadline
from generator.draft.syntax import explain
from generator.errors import TemplateError, TemplateUsageError


def make_env(template_dirs: list[Path]) -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict about undefined names, searching ``template_dirs``."""
    env = DraftSandbox(
        loader=FolderLoader([str(d) for d in template_dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.do", "jinja2.ext.loopcontrols"],
    )
    env.filters.update(FILTERS)
    return env


def shown_path(filename: str | None) -> str:
    """A template's path as the user should read it: relative to the working folder when inside it."""
    if not filename:
        return "（模板）"
    try:
        return os.path.relpath(filename)
    except ValueError:
        return filename


def _bounded(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    template = env.get_template(name)
    with deadline():
        return _generate(template, context)


def _generate(template: jinja2.Template, context: dict[str, Any]) -> str:
    chunks, size = [], 0
    for chunk in template.generate({**context, "range": LoopBudget()}):
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise SecurityError(f"模板输出超过 {MAX_OUTPUT} 个字符，已停止（可能是写成了死循环）")
        chunks.append(chunk)
    return "".join(chunks)


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; a template's failure is a :class:`TemplateError` naming file and line.

    An exception raised in our own code (a filter's bug, say) is not the template's fault and propagates
    as it is: the CLI reports it as an internal error.
    """
    try:
        text = _bounded(env, name, context)
    except jinja2.TemplateSyntaxError as e:
        raise _syntax_error(e, env) from None
    except jinja2.TemplateNotFound as e:
        if ".." in str(e.name) or str(e.name).startswith("/"):
            raise TemplateError(
                f"{_frame(e, name, env)}: 模板只能引用模板文件夹内的文件，不能引用「{e.name}」"
            ) from None
        where = f"{_frame(e, name, env)}: " if e.name != name else ""
        raise TemplateError(f"{where}找不到模板「{e.name}」（在 {_dirs(env)} 中查找）") from None
    except jinja2.UndefinedError as e:
        raise TemplateError(
            f"{_frame(e, name, env)}: 模板用到了未定义的名称: {_undefined(e.message or '')}"
        ) from None
    except SecurityError as e:
        raise TemplateError(f"{_frame(e, name, env)}: 模板被安全限制阻止: {_unsafe(str(e))}") from None
    except TemplateError:
        raise
    except TemplateUsageError as e:
        raise TemplateError(f"{_frame(e, name, env)}: {e}") from None
    except RecursionError:
        raise TemplateError(
            f"{_frame(RecursionError(), name, env)}: 模板递归过深（宏调用自身没有终止），已停止"
        ) from None
    except jinja2.TemplateRuntimeError as e:
        raise TemplateError(f"{_frame(e, name, env)}: {_runtime(str(e))}") from None
    except Exception as e:
        if _raised_in_our_code(e):
            raise
        raise TemplateError(f"{_frame(e, name, env)}: 模板运行出错: {type(e).__name__}: {e}") from None
    _check_markers(env, name, text)
    return text


def _syntax_error(e: jinja2.TemplateSyntaxError, env: SandboxedEnvironment) -> TemplateError:
    """A template that does not parse (or is not UTF-8): its file, line and what to write."""
    if isinstance(e, NotUtf8):
        return TemplateError(f"{shown_path(e.filename)}:{e.lineno}: {e.message}")
    explained = explain(e, env)
    return TemplateError(f"{shown_path(e.filename)}:{explained.line}: 模板语法错误：{explained.message}")


_OUR_CODE = str(Path(__file__).resolve().parent.parent)


def _raised_in_our_code(error: BaseException) -> bool:
    """Whether the innermost frame of ours or of a template that ``error`` passed through is our code.

    Frames of Jinja and the standard library are skipped: an error there was caused by whoever called it.
    """
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2"):
            return False
        if str(Path(frame.filename).resolve()).startswith(_OUR_CODE):
            return True
    return False


def _check_markers(env: SandboxedEnvironment, name: str, text: str) -> None:
    """An unknown @marker in the output is the template's typo: name the template line that wrote it."""
    for marker in unknown_directives(text):
        path = _frame(TemplateError(""), name, env)
        try:
            source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
            line = next(i for i, row in enumerate(source.split("\n"), 1) if marker in row)
            path = f"{path}:{line}"
        except (jinja2.TemplateNotFound, StopIteration):
            pass
        raise TemplateError(
            f"{path}: 未知的标记「{marker}」，可用: "
            + "、".join("@" + d for d in DIRECTIVES)
            + "（若这是正文，请在行首加「\\」）"
        )


def _dirs(env: SandboxedEnvironment) -> str:
    loader = env.loader
    paths = getattr(loader, "searchpath", [])
    return "、".join(shown_path(p) for p in paths)


def _frame(error: BaseException, name: str, env: SandboxedEnvironment) -> str:
    """file:line of the template frame the error came from (the template's own file when unknown)."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{shown_path(frames[-1].filename)}:{frames[-1].lineno}"
    try:
        return shown_path(env.get_template(name).filename)
    except jinja2.TemplateError:
        return name


def _unsafe(message: str) -> str:
    if message.startswith("access to attribute"):
        return f"不能访问以下划线开头的属性或 Python 内部对象（{message}）"
    return message


def _runtime(message: str) -> str:
    found = re.match(r"No (filter|test) named '(.+?)'", message)
    if found and found.group(1) == "filter":
        return f"没有过滤器「{found.group(2)}」（本工具的过滤器：{'、'.join(FILTERS)}；另有模板语言自带的 join、length 等）"
    if found:
        return f"没有判断「is {found.group(2)}」"
    return f"模板运行出错：{message}"


_OWNERS = {"dict": "这组键值", "str": "文字", "list": "列表", "int": "数字", "Decimal": "数字"}


def _undefined(message: str) -> str:
    # Jinja says "'x' is undefined" or "'obj' has no attribute 'x'"; keep the names, say it in Chinese.
    if " has no attribute " in message:
        owner, attr = message.split(" has no attribute ", 1)
        attr = attr.strip("'")
        if "FigureSet" in owner:
            return f"「{attr}」：本专题没有这个指标（各专题的指标见 generator topics）"
        kind = owner.strip("'").removesuffix(" object").rsplit(".", 1)[-1]
        return f"「{attr}」：{_OWNERS.get(kind, '这一项')}没有「{attr}」这一项"
    return f"「{message.replace(' is undefined', '').strip(chr(39))}」"
