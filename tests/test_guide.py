"""templates/README.md runs: every code and YAML example in the guide is extracted and parsed, rendered or
loaded, so that what a maintainer copies from it works, and the guide cannot drift from the program."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml

from generator.data import catalogue
from generator.data.schema import Report
from generator.draft import lint
from generator.draft.context import section_context
from generator.draft.markup import unmark
from generator.draft.prose import Phrasebook
from generator.draft.reference import ReferenceBook
from generator.draft.render import render
from generator.office import topics as office_topics
from generator.templateset import builtin_templates
from generator.templateset import load as load_templates
from generator.tools.check_templates import _example

GUIDE = Path(__file__).resolve().parent.parent / "templates" / "README.md"
TEXT = GUIDE.read_text(encoding="utf-8")
FULL_WIDTH_CODE = re.compile(r"[（）：，“”]")


def fenced(language: str) -> list[tuple[int, str]]:
    """(line, text) of every ``` block of ``language``, its indentation removed."""
    blocks = []
    for m in re.finditer(r"^( *)```" + language + r"\n(.*?)^\1```", TEXT, re.MULTILINE | re.DOTALL):
        indent = len(m.group(1))
        body = "\n".join(row[indent:] for row in m.group(2).splitlines())
        blocks.append((TEXT.count("\n", 0, m.start()) + 1, body))
    return blocks


def inline_code() -> list[tuple[int, str]]:
    """(line, text) of every inline code span outside fenced blocks (table pipes unescaped)."""
    spans, fence = [], False
    for number, row in enumerate(TEXT.splitlines(), 1):
        if row.strip().startswith("```"):
            fence = not fence
            continue
        if not fence:
            spans += [(number, m.group(1).replace("\\|", "|")) for m in re.finditer(r"`([^`]+)`", row)]
    return spans


def _code_like(span: str) -> bool:
    return bool(re.search(r"\{\{|\{%|^(指标|宏)\.|^[\w]+\(.*\)$", span))


def _fragment(span: str) -> bool:
    """A mention of a tag or of a piece of syntax (「{% if %}」「{{ 变量 }}」), not an example to run."""
    return "…" in span or bool(re.fullmatch(r"\{%-? ?\w* ?-?%\}|\{\{ ?变量 ?\}\}|\{# .* #\}", span))


MISTAKES = {"{% if x }"}  # shown as mistakes check-templates reports
CODE = [
    (line, span)
    for line, span in inline_code()
    if _code_like(span) and not _fragment(span) and span not in MISTAKES
]


OFFICE: list[Path] = []  # the guide's office folder, made once for the module


def _templates() -> Any:
    return load_templates(OFFICE[0] if OFFICE else None)


def _env() -> Any:
    return _templates().env


def _office_topics_block() -> str:
    """The guide's 专题.yaml example (the new topic every later example of that section uses)."""
    (block,) = [b for _, b in fenced("yaml") if b.startswith("专题:")]
    return block


@pytest.fixture(autouse=True, scope="module")
def _guide_office_topics(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The catalogue as a maintainer who followed the guide has it: with the guide's own new topic."""
    folder = tmp_path_factory.mktemp("办公室模板")
    (folder / "专题.yaml").write_text(_office_topics_block(), encoding="utf-8")
    OFFICE.append(folder)
    yield
    OFFICE.clear()
    office_topics.use(None)


@pytest.mark.parametrize(("line", "span"), CODE, ids=[f"{line}:{span}" for line, span in CODE])
def test_every_code_span_is_ascii_and_parses(line: int, span: str) -> None:
    code = span.removeprefix("@标记 ").removeprefix("@主送 ").removeprefix("@标题 ").removeprefix("@落款 ")
    inside = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", code) or [code]
    for piece in inside:
        assert not FULL_WIDTH_CODE.search(piece), f"README.md:{line}: 代码中有全角符号：{piece}"
    source = code if ("{{" in code or "{%" in code) else "{{ " + code + " }}"
    opening = re.fullmatch(r"\{% (if|for) [^%]*%\}", source)
    if opening:  # 「放在 `{% if 指标.X %}` 里」: an opening tag, shown alone
        source += f"{{% end{opening.group(1)} %}}"
    _env().parse(source)


def _topic_of(source: str) -> str:
    for key, _line in lint.figure_refs(_env().parse(source)):
        figure = catalogue.figure(key)
        if figure is not None:
            return figure.topic
    return "社会救助"


def _context(source: str) -> dict[str, Any]:
    topic = _topic_of(source)
    context = section_context(_example(True), "总结", topic, "示例标题", _templates().phrases)
    return {**context, "参考表述": ["示例参考表述。"]}


OUTPUTS = [(line, span) for line, span in CODE if span.startswith("{{") and "甲" not in span.split("|")[0]]


@pytest.mark.parametrize(("line", "span"), OUTPUTS, ids=[f"{line}:{span}" for line, span in OUTPUTS])
def test_every_output_example_renders(line: int, span: str, tmp_path: Path) -> None:
    env = _env()
    source = '{% import "_宏.j2" as 宏 with context %}' + span
    if "'很多'" in span:  # the guide's example of a filter refusing its argument
        with pytest.raises(Exception, match="数字"):
            env.from_string(source).render(_context(span))
        return
    (tmp_path / "例.j2").write_text(source, encoding="utf-8")
    from generator.draft.render import make_env

    text = render(make_env([tmp_path, builtin_templates()]), "例.j2", _context(span))
    assert "None" not in text, f"README.md:{line}"


FILTER_ROWS = re.findall(r"^\| `[^`]+` \| `(\{\{[^`]+\}\})` \| ([^|]+) \|$", TEXT, re.MULTILINE)
LITERAL_ROWS = [
    (code.replace("\\|", "|"), re.sub(r"（[^）]*）$", "", result.strip()))
    for code, result in FILTER_ROWS
    if "指标" not in code
]


@pytest.mark.parametrize(("code", "result"), LITERAL_ROWS, ids=[c for c, _ in LITERAL_ROWS])
def test_the_filter_table_shows_what_the_filter_writes(code: str, result: str) -> None:
    context = _context(code)
    text = unmark(_env().from_string(code).render(context))
    if "参考" in code:
        assert text == "示例参考表述。"  # marked, not changed
    else:
        assert text == result


def test_the_filter_table_is_found() -> None:
    assert len(LITERAL_ROWS) >= 8


def test_last_year_unknown_prints_nothing() -> None:
    """「`.上年` 不知道时为空」: it printed None."""
    report = Report.model_validate(
        {
            "单位": "示例县民政局",
            "地区": "示例县",
            "年度": 2024,
            "成文日期": dt.date(2024, 12, 25),
            "总结": {"社会救助": {"指标": {"城市低保标准": 694}}},
        }
    )
    context = section_context(report, "总结", "社会救助", "标题")
    template = _env().from_string(
        "[{{ 指标.城市低保标准.上年 }}]{% if 指标.城市低保标准.上年 %}有{% endif %}"
    )
    assert template.render(context) == "[]"


JINJA = fenced("jinja")


@pytest.mark.parametrize(("line", "block"), JINJA, ids=[str(line) for line, _ in JINJA])
def test_every_template_example_is_clean_and_renders(line: int, block: str) -> None:
    env = _env()
    tree = env.parse(block)
    whole = "内置/report.j2" in block  # a block of report.j2 overridden alone
    name = "report.j2" if whole else f"总结/{_topic_of(block)}.j2"
    assert lint.lint_tree(env, name, tree) == [], f"README.md:{line}"
    if whole:
        from generator.draft.compose import document_context

        context = document_context(_example(True), [], _templates().phrases)
        assert "如下：" in env.from_string(block).render(context)
    else:
        env.from_string(block).render(_context(block))


YAML = fenced("yaml")


def _no_full_width_syntax(value: Any, line: int) -> None:
    """No key holds a full-width colon or comma (a mapping or list typed with 「：」「，」)."""
    if isinstance(value, dict):
        for key, item in value.items():
            assert not re.search(r"[：，]", str(key)), f"README.md:{line}: 键「{key}」中有全角符号"
            _no_full_width_syntax(item, line)
    elif isinstance(value, list):
        for item in value:
            _no_full_width_syntax(item, line)
    elif isinstance(value, str):
        assert not re.match(r"^[^，。：]{1,12}：\S", value), (
            f"README.md:{line}: 「{value}」像是用全角冒号写的键"
        )


@pytest.mark.parametrize(("line", "block"), YAML, ids=[str(line) for line, _ in YAML])
def test_every_yaml_example_loads(line: int, block: str, tmp_path: Path) -> None:
    data = yaml.safe_load(block)
    assert isinstance(data, dict | list), f"README.md:{line}"
    _no_full_width_syntax(data, line)
    if isinstance(data, dict) and {"句式", "合写", "待补充"} & set(data):
        Phrasebook.model_validate(data)
    elif isinstance(data, dict) and "专题" in data:  # an office's topics
        folder = tmp_path / "办公室模板"
        folder.mkdir()
        (folder / "专题.yaml").write_text(block, encoding="utf-8")
        assert office_topics.read(folder)
    elif isinstance(data, dict) and "参考表述" in data:
        ReferenceBook.model_validate(data)
    elif isinstance(data, list):  # a topic of catalogue.yaml
        (topic,) = data
        assert isinstance(topic["heading"], dict) and set(topic["heading"]) == set(catalogue.PARTS)
        for figure in topic["figures"]:
            catalogue._figure(topic["key"], figure)
    elif isinstance(data, dict) and "总结" in data:  # a county's data
        for section in data["总结"].values():
            assert all(isinstance(v, int | float) for v in section["指标"].values())
    else:  # 句式 entries of a new topic
        for entries in data.values():
            assert all("{值}" in pattern for pattern in entries.values())


BASH = fenced("bash")


@pytest.mark.parametrize(("line", "block"), BASH, ids=[str(line) for line, _ in BASH])
def test_every_command_is_one_of_ours(line: int, block: str) -> None:
    from generator.cli import app

    commands = {c.name for c in app.registered_commands} | {g.name for g in app.registered_groups}
    for row in block.splitlines():
        words = row.split("#")[0].split()
        if words and words[0] == "generator":
            assert words[1] in commands, f"README.md:{line}: 没有命令 {words[1]}"
        elif words:
            assert words[0] == "generate", f"README.md:{line}: {row}"


def _parsed(args: list[str]) -> None:
    """Parse ``generator ARGS`` as the command line would, without running it: unknown commands and
    options, missing required options and extra arguments raise."""
    import typer.main

    from generator.cli import app

    command: Any = typer.main.get_command(app)
    context = command.make_context("generator", list(args), resilient_parsing=False)
    while hasattr(command, "resolve_command"):
        left = [*getattr(context, "_protected_args", getattr(context, "protected_args", [])), *context.args]
        if not left:
            break
        _, command, rest = command.resolve_command(context, left)
        context = command.make_context(command.name, rest, parent=context)


@pytest.mark.parametrize(("line", "block"), BASH, ids=[str(line) for line, _ in BASH])
def test_every_command_parses_with_its_options(line: int, block: str) -> None:
    """`generator 模板 复制 report.j2 --块 落款 --到 办公室模板/`: the options too are the program's."""
    for row in block.splitlines():
        words = row.split("#")[0].split()
        if words and words[0] == "generator":
            try:
                _parsed(words[1:])
            except Exception as e:
                raise AssertionError(f"README.md:{line}: {row}: {e}") from e


def test_an_unknown_option_in_an_example_would_fail() -> None:
    with pytest.raises(Exception, match=r"块块|no such option|没有"):
        _parsed(["模板", "复制", "report.j2", "--块块", "落款", "--到", "办公室模板/"])


def test_the_guide_has_examples() -> None:
    assert len(CODE) > 30 and JINJA and len(YAML) >= 4 and BASH


def test_a_syntax_error_in_an_example_would_fail() -> None:
    with pytest.raises(jinja2.TemplateSyntaxError):
        _env().parse("{{ 指标.段落（） }}")


def test_the_section_messages_point_to_exists() -> None:
    """「写法见 templates/README.md「…」」 in a message names a heading the maintainer can find."""
    section = office_topics.GUIDE.split("「", 1)[1].rstrip("」")
    assert f"\n## {section}" in TEXT
