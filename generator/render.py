"""Render the Jinja templates into structured text; template errors become located Chinese lines."""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from generator.errors import TemplateError
from generator.filters import FILTERS

BUILTIN_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

_SYNTAX_HINTS = {
    "unexpected end of template": "模板意外结束:有 {% if %} 或 {% for %} 没有对应的 {% endif %} / {% endfor %}",
    "Encountered unknown tag": "未知的标签",
    "unexpected '}'": "多了一个「}」",
    "expected token": "语法不完整",
    "unexpected char": "出现了不能识别的字符",
}


def make_env(template_dirs: list[Path]) -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict about undefined names, searching ``template_dirs``."""
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
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
        return "(模板)"
    try:
        return os.path.relpath(filename)
    except ValueError:
        return filename


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``; any failure is a :class:`TemplateError` naming file and line."""
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError(
            f"{shown_path(e.filename)}:{e.lineno}: 模板语法错误: {_syntax(e.message or '')}"
        ) from None
    except jinja2.TemplateNotFound as e:
        raise TemplateError(f"找不到模板「{e.name}」(在 {_dirs(env)} 中查找)") from None
    except jinja2.UndefinedError as e:
        raise TemplateError(
            f"{_frame(e, name)}: 模板用到了未定义的名称: {_undefined(e.message or '')}"
        ) from None
    except SecurityError as e:
        raise TemplateError(f"{_frame(e, name)}: 模板试图访问不允许的内容(已被安全沙箱阻止): {e}") from None
    except TemplateError:
        raise
    except Exception as e:  # noqa: BLE001 -- a template can raise anything (bad filter argument, type error)
        raise TemplateError(f"{_frame(e, name)}: 模板运行出错: {type(e).__name__}: {e}") from None


def _dirs(env: SandboxedEnvironment) -> str:
    loader = env.loader
    paths = getattr(loader, "searchpath", [])
    return "、".join(shown_path(p) for p in paths)


def _frame(error: BaseException, name: str) -> str:
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith(".j2")]
    if frames:
        return f"{shown_path(frames[-1].filename)}:{frames[-1].lineno}"
    return name


def _syntax(message: str) -> str:
    for english, chinese in _SYNTAX_HINTS.items():
        if english in message:
            return f"{chinese}({message})"
    return message


def _undefined(message: str) -> str:
    # Jinja says "'x' is undefined" or "'obj' has no attribute 'x'"; keep the names, say it in Chinese.
    if " has no attribute " in message:
        owner, attr = message.split(" has no attribute ", 1)
        return f"{attr}({owner} 没有这一项;指标名须与 generator/catalogue.yaml 中一致)"
    return message.replace(" is undefined", "")
