"""Jinja's syntax errors said in Chinese, as what is missing and where: 「缺少 %」 for ``{% if x }``, an
unclosed ``{% if %}`` at the line where it opened, a full-width bracket named as such. No English and no
Python internals reach the template maintainer."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
from jinja2 import lexer

from generator.suggest import closest

# Tags that open a block closed by end<tag> (set only in its block form, without '=').
BLOCK_TAGS = ("if", "for", "macro", "call", "filter", "block", "with", "autoescape", "set", "raw", "trans")
KNOWN_TAGS = (
    *BLOCK_TAGS,
    "elif",
    "else",
    "extends",
    "include",
    "import",
    "from",
    "do",
    "break",
    "continue",
    *(f"end{t}" for t in BLOCK_TAGS),
)
_CLOSES = ("elif", "else")

# Token names in Jinja's messages, as the maintainer writes them.
_TOKENS = {
    "end of statement block": "%}",
    "end of print statement": "}}",
    "end of template": "模板结尾",
    "end of comment": "#}",
    "name": "名称",
    "string": "文字",
    "integer": "数字",
    "float": "数字",
}

FULL_WIDTH = {
    "（": "(",
    "）": ")",
    "，": ",",
    "：": ":",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "【": "[",
    "】": "]",
    "｛": "{",
    "｝": "}",
    "｜": "|",
    "。": ".",
    "＝": "=",
    "！": "!",
    "《": "<",
    "》": ">",
    "％": "%",
}


@dataclass(frozen=True)
class Explained:
    """A syntax error as the maintainer should read it: the line to look at and what to write."""

    line: int
    message: str


def _token(name: str) -> str:
    name = name.strip("'\"")
    shown = _TOKENS.get(name, name)
    return f"「{shown}」"


def _open_blocks(source: str, env: jinja2.Environment, upto: int | None = None) -> list[tuple[str, int]]:
    """The blocks still open (tag, line) after the tokens before line ``upto`` (all when None)."""
    stack: list[tuple[str, int]] = []
    try:
        tokens = list(env.lex(source))
    except jinja2.TemplateSyntaxError:
        return stack
    for i, (line, kind, _value) in enumerate(tokens):
        if upto is not None and line >= upto:
            break
        if kind != lexer.TOKEN_BLOCK_BEGIN:
            continue
        names = [t for t in tokens[i + 1 : i + 4] if t[1] != lexer.TOKEN_WHITESPACE]
        if not names or names[0][1] != lexer.TOKEN_NAME:
            continue
        tag = names[0][2]
        if tag == "set" and _inline_set(tokens, i):
            continue
        if tag in BLOCK_TAGS:
            stack.append((tag, line))
        elif tag.startswith("end") and tag[3:] in BLOCK_TAGS:
            for j in range(len(stack) - 1, -1, -1):
                if stack[j][0] == tag[3:]:
                    del stack[j:]
                    break
    return stack


def _inline_set(tokens: list[tuple[int, str, str]], start: int) -> bool:
    for _line, kind, value in tokens[start + 1 :]:
        if kind == lexer.TOKEN_BLOCK_END:
            return False
        if kind == lexer.TOKEN_OPERATOR and value == "=":
            return True
    return False


def _opener(source: str, line: int, begin: str, end: str) -> int:
    """The line of the last ``begin`` ({% or {{) at or before ``line`` that has no ``end`` after it before
    the next tag opens: where a tag left unclosed began."""
    text = "\n".join(source.split("\n")[:line])
    starts = [m.start() for m in re.finditer(re.escape(begin), text)]
    for start in reversed(starts):
        rest = source[start + 2 :]
        close = rest.find(end)
        following = min((p for p in (rest.find("{%"), rest.find("{{")) if p >= 0), default=-1)
        if close < 0 or (0 <= following < close):
            return source.count("\n", 0, start) + 1
    return line


def _line_text(source: str, line: int) -> str:
    rows = source.split("\n")
    return rows[line - 1] if 0 < line <= len(rows) else ""


def _stray_brace(source: str, line: int) -> Explained:
    """``}`` where ``%}`` or ``}}`` was due: say which is missing."""
    row = _line_text(source, line)
    statement, output = row.rfind("{%"), row.rfind("{{")
    if statement > output:
        return Explained(line, "缺少 %：「{% … %}」要以「%}」结束，这里只写了「}」")
    if output >= 0:
        return Explained(line, "缺少 }：「{{ … }}」要以「}}」结束，这里只写了一个「}」")
    return Explained(line, "多了一个「}」：前面没有与它配对的「{{」或「{%」")


def _unclosed(source: str, env: jinja2.Environment, upto: int | None = None) -> Explained | None:
    stack = _open_blocks(source, env, upto)
    if not stack:
        return None
    tag, line = stack[-1]
    return Explained(line, f"{{% {tag} %}} 没有对应的 {{% end{tag} %}}（缺少 {{% end{tag} %}}）")


@dataclass(frozen=True)
class _Error:
    """The error being explained: Jinja's message, its line, the template's text."""

    message: str
    line: int
    source: str
    env: jinja2.Environment


def _bad_char(e: _Error) -> Explained | None:
    m = re.match(r"unexpected char '(.)' at", e.message)
    if not m:
        return None
    char = m.group(1)
    if char in FULL_WIDTH:
        return Explained(
            e.line,
            f"出现了全角字符「{char}」：{{{{ }}}}、{{% %}} 之内的括号、引号、逗号、冒号要用半角（英文）符号，"
            f"这里应写「{FULL_WIDTH[char]}」",
        )
    if char in "\"'":
        return Explained(e.line, f"引号没有配对：缺少另一个「{char}」")
    return Explained(e.line, f"{{{{ }}}}、{{% %}} 之内出现了不能识别的字符「{char}」")


def _unexpected(e: _Error) -> Explained | None:
    if e.message == "unexpected '}'":
        return _stray_brace(e.source, e.line)
    m = re.match(r"unexpected '(.+?)', expected '(.+?)'", e.message)
    if m:
        return Explained(e.line, f"缺少{_token(m.group(2))}（在「{m.group(1)}」之前）：括号或引号没有配对")
    if e.message.startswith("unexpected end of template, expected"):
        wanted = e.message.rsplit("expected", 1)[1].strip(" .")
        begin, end = ("{{", "}}") if "print" in wanted else ("{%", "%}")
        opened = _opener(e.source, e.line, begin, end)
        return Explained(opened, f"缺少{_token(wanted)}：这里的「{begin}」没有以「{end}」结束")
    return None


def _expected_token(e: _Error) -> Explained | None:
    m = re.match(r"expected token '(.+?)', got '(.*?)'", e.message)
    if not m:
        return None
    wanted, got = m.group(1), m.group(2)
    if wanted == "end of statement block":
        if got in ("{", "%"):
            return Explained(_opener(e.source, e.line, "{%", "%}"), "缺少 }：「{% … %}」要以「%}」结束")
        return Explained(e.line, f"「{got}」之前缺少「%}}」，或这里多写了「{got}」")
    if wanted == "end of print statement":
        if got in ("{", "}"):
            return Explained(_opener(e.source, e.line, "{{", "}}"), "缺少 }：「{{ … }}」要以「}}」结束")
        return Explained(
            e.line,
            f"「{got}」之前缺少「}}}}」或运算符：一对 {{{{ }}}} 中只能写一个值（如 {{{{ 指标.X }}}}）",
        )
    return Explained(e.line, f"这里应写{_token(wanted)}，却写了{_token(got)}")


def _no_expression(e: _Error) -> Explained | None:
    m = re.match(r"expected an expression, got '(.+?)'", e.message, re.IGNORECASE)
    if not m:
        return None
    return Explained(
        e.line, f"{_token(m.group(1))}之前缺少要写出或判断的内容（如 {{{{ 指标.X }}}}、{{% if 指标.X %}}）"
    )


def _unknown_tag(e: _Error) -> Explained | None:
    m = re.match(r"Encountered unknown tag '(.+?)'", e.message)
    if not m:
        return None
    tag = m.group(1)
    if "innermost block" in e.message:
        found = _unclosed(e.source, e.env, upto=e.line)
        if found is not None:
            return Explained(found.line, f"{found.message}：第{e.line}行的 {{% {tag} %}} 之前要先结束这个块")
    if tag in _CLOSES:
        return Explained(
            e.line,
            f"{{% {tag} %}} 写错了位置：它只能写在 {{% if %}} 与 {{% endif %}} 之间，且 {{% else %}} 只能有一个、在最后",
        )
    if tag.startswith("end"):
        return Explained(e.line, f"多了一个 {{% {tag} %}}：前面没有与它配对的 {{% {tag[3:]} %}}")
    guess = closest(tag, KNOWN_TAGS)
    hint = f"，是否想写：{guess}" if guess else ""
    return Explained(e.line, f"未知的标签「{tag}」{hint}（可用的标签见 templates/README.md）")


def _ended(e: _Error) -> Explained | None:
    if e.message.startswith("Unexpected end of template"):
        return _unclosed(e.source, e.env) or Explained(
            e.line, "模板意外结束：有 {% if %}、{% for %} 等没有对应的结束标签"
        )
    if e.message == "Missing end of comment tag":
        return Explained(_opener(e.source, e.line, "{#", "#}"), "注释缺少结尾的「#}」")
    if e.message == "Missing end of raw directive":
        return Explained(e.line, "{% raw %} 没有对应的 {% endraw %}")
    if "tag name expected" in e.message:
        return Explained(e.line, "「{%」之后应写标签名（如 if、for、set）")
    return None


_HANDLERS = (_bad_char, _unexpected, _expected_token, _no_expression, _unknown_tag, _ended)


def explain(
    error: jinja2.TemplateSyntaxError, env: jinja2.Environment, source: str | None = None
) -> Explained:
    """What is wrong, in Chinese, and the line where the maintainer should look."""
    text = source if source is not None else (getattr(error, "source", None) or "")
    e = _Error(error.message or "", error.lineno or 1, text, env)
    for handler in _HANDLERS:
        found = handler(e)
        if found is not None:
            return found
    return Explained(
        e.line,
        "这一处的写法不合模板语法：请对照 templates/README.md 检查 {{ }}、{% %} 是否成对、括号引号是否为半角",
    )
