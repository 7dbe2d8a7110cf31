"""专题.yaml in a template folder: the office's own topics, and figures it adds to built-in topics, merged
into the catalogue while that folder is in use (the installed catalogue.yaml is never touched)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from generator.data import catalogue, yamlsource
from generator.data.loader import validate
from generator.data.schema import Strict
from generator.errors import ConfigError, InputError
from generator.suggest import closest

TOPIC_FILE = "专题.yaml"
GUIDE = "templates/README.md「示例：新增一个专题」"

_KINDS = {"计数": "count", "金额": "amount", "标准": "standard", "比率": "rate", "数量": "quantity"}
_PERIODS = {"期末数": "存量", "累计数": "流量", "标准或比率": "水平"}
_ROLES = {"standard": "标准", "rate": "对象", "amount": "资金", "count": "服务", "quantity": "服务"}
_COUNT_UNITS = {"人", "名", "户", "个", "家", "人次", "次", "件", "场", "例", "对", "所", "处", "张", "床"}


class OfficeFigure(Strict):
    """One figure the office adds: its unit and what to count; the rest follows from the unit."""

    unit: str = Field(alias="单位", min_length=1, description="一个数不带单位时的单位，如 人、万元、元/人·月")
    help: str = Field(alias="说明", min_length=1, description="填什么，给填表的人看")
    kind: Literal["计数", "金额", "标准", "比率", "数量"] | None = Field(
        None,
        alias="类别",
        description="不写则按单位判断：人、户、个…为计数，元、万元为金额，带「/」为标准，% 为比率",
    )
    period: Literal["期末数", "累计数", "标准或比率"] | None = Field(
        None, alias="口径", description="不写则标准、比率为「标准或比率」，其余为「累计数」"
    )
    example: Decimal = Field(Decimal(100), alias="示例", description="一个合理的数，检查模板时用")
    official: str | None = Field(None, alias="统计指标", description="统计报表上的指标名称，可不写")

    def english_kind(self) -> str:
        if self.kind:
            return _KINDS[self.kind]
        if self.unit == "%":
            return "rate"
        if "/" in self.unit:
            return "standard"
        if self.unit in {"元", "万元", "亿元"}:
            return "amount"
        return "count" if self.unit in _COUNT_UNITS else "quantity"


class OfficeTopic(Strict):
    """A topic of the office's own (with 标题), or figures added to a built-in topic (指标 only)."""

    heading: dict[Literal["总结", "计划"], str] | None = Field(
        None, alias="标题", description="县里没写标题时用的标准标题：{总结: …, 计划: …}"
    )
    keywords: list[str] = Field(default_factory=list, alias="关键词", description="认出这个专题的词")
    figures: dict[str, OfficeFigure] = Field(default_factory=dict, alias="指标")

    @field_validator("keywords")
    @classmethod
    def _no_blank(cls, words: list[str]) -> list[str]:
        if any(not w.strip() for w in words):
            raise ValueError("关键词不能为空")
        return words


class TopicFile(Strict):
    """The whole 专题.yaml."""

    topics: dict[str, OfficeTopic] = Field(alias="专题")


def _id(prefix: str, key: str) -> str:
    return f"{prefix}_{hashlib.sha256(key.encode()).hexdigest()[:10]}"


def _figure(topic: str, key: str, raw: OfficeFigure) -> catalogue.Figure:
    kind = raw.english_kind()
    period = _PERIODS[raw.period] if raw.period else ("水平" if kind in ("standard", "rate") else "流量")
    example: float | int = (
        int(raw.example) if raw.example == raw.example.to_integral() else float(raw.example)
    )
    return catalogue.Figure(
        key=key,
        name=_id("office_figure", key),
        unit=raw.unit,
        kind=kind,
        help=raw.help,
        example=example,
        topic=topic,
        period=period,
        role=_ROLES[kind],
        official=raw.official,
    )


def _problems(source: yamlsource.Source, parsed: TopicFile) -> list[str]:
    """What the model cannot see: names taken by the built-in catalogue, a new topic without 标题."""
    builtin = {t.key: t for t in catalogue._builtin_topics()}
    taken = {f.key: f for t in builtin.values() for f in t.figures}
    old = {k: f for f in taken.values() for k in f.old}
    problems = []
    seen: set[str] = set()
    for name, topic in parsed.topics.items():
        line = source.locate(("专题", name), at_key=True)[0]
        if name in builtin:
            if topic.heading is not None or topic.keywords:
                problems.append(
                    f"{source.path}:{line}: 「{name}」是内置专题：这里只能给它加「指标」；"
                    "标题请在数据文件或 skeleton.yaml 中写"
                )
        elif topic.heading is None or set(topic.heading) != {"总结", "计划"}:
            problems.append(
                f"{source.path}:{line}: 新专题「{name}」缺少「标题」，请写成「标题: {{总结: …, 计划: …}}」"
                "（县里没写标题时用）"
            )
        for key in topic.figures:
            at = source.locate(("专题", name, "指标", key), at_key=True)[0]
            same = taken.get(key) or old.get(key)
            if same is not None:
                problems.append(
                    f"{source.path}:{at}: 指标「{key}」已是内置专题「{same.topic}」的指标，不用再写；"
                    "要不同的含义请换一个名称"
                )
            elif key in seen:
                problems.append(f"{source.path}:{at}: 指标「{key}」在本文件中写了两次，请只留一处")
            seen.add(key)
    return problems


def read(folder: Path) -> tuple[catalogue.Topic, ...]:
    """The topics of ``folder``/专题.yaml (``()`` when it has none); errors are located Chinese lines."""
    path = folder / TOPIC_FILE
    if not path.is_file():
        return ()
    try:
        source = yamlsource.load(path)
        parsed = validate(source, TopicFile)
    except InputError as e:
        raise ConfigError(e.problems) from None
    problems = _problems(source, parsed)
    if problems:
        raise ConfigError(problems)
    builtin = {t.key: t for t in catalogue._builtin_topics()}
    result = []
    for name, topic in parsed.topics.items():
        figures = tuple(_figure(name, k, f) for k, f in topic.figures.items())
        if name in builtin:
            if figures:
                result.append(catalogue.Topic(name, builtin[name].id, builtin[name].heading, (), figures))
            continue
        heading = {str(part): title for part, title in (topic.heading or {}).items()}
        result.append(
            catalogue.Topic(name, _id("office_topic", name), heading, (*topic.keywords, name), figures)
        )
    return tuple(result)


def undeclared(folder: Path) -> list[str]:
    """A topic template (总结/X.j2, 计划/X.j2) in ``folder`` whose X is no topic: how to declare it."""
    keys = catalogue.topic_keys()
    problems = []
    for part in catalogue.PARTS:
        for path in sorted((folder / part).glob("*.j2")) if (folder / part).is_dir() else []:
            name = path.stem
            if name in keys:
                continue
            guess = closest(name, keys, cutoff=0.6)
            instead = f"如果是想替换「{guess}」的模板，文件名应为 {part}/{guess}.j2；" if guess else ""
            problems.append(
                f"{path}: 「{name}」不是已有的专题，这个模板用不上。{instead}"
                f"如果是新专题，请在 {folder / TOPIC_FILE} 中声明，例如：\n"
                f"  专题:\n    {name}:\n      标题: {{总结: …, 计划: …}}\n"
                f"      指标:\n        某某人数: {{单位: 人, 说明: …}}\n"
                f"  （写法见 {GUIDE}）"
            )
    return problems


def use(folder: Path | None) -> None:
    """Put ``folder``'s topics into the catalogue (``None``: the built-in catalogue alone), and refuse a
    topic template the folder does not declare."""
    if folder is None or not folder.is_dir():
        catalogue.use_office(())
        return
    try:
        catalogue.use_office(read(folder))
    except ConfigError:
        catalogue.use_office(())
        raise
    problems = undeclared(folder)
    if problems:
        raise ConfigError(problems)


def new_topics() -> list[catalogue.Topic]:
    """The office's own topics (not the built-in ones it adds figures to)."""
    builtin = {t.key for t in catalogue._builtin_topics()}
    return [t for t in catalogue.office_topics() if t.key not in builtin]


def with_generic(folder: Path | None, generic: dict[str, set[str]]) -> dict[str, set[str]]:
    """``generic`` (per part, topics drafted by 通用.j2) with each office topic that has no template of its
    own in ``folder``: it is drafted by 通用.j2 (no built-in template is wanted for it)."""
    result = {part: set(topics) for part, topics in generic.items()}
    for topic in new_topics():
        for part in catalogue.PARTS:
            if folder is None or not (folder / part / f"{topic.key}.j2").is_file():
                result.setdefault(part, set()).add(topic.key)
    return result


def use_given(folder: Path | None) -> None:
    """``use`` for a folder named on the command line (`topics`, `schema`, `init`): it must exist."""
    if folder is not None and not folder.is_dir():
        from generator.draft import lint

        raise ConfigError(lint.missing_folder(folder, "--templates 指定的模板文件夹"))
    use(folder)


def data_file_line(target: Path, folder: Path) -> str:
    """The 模板 line `init --templates` writes: the folder relative to the data file when it can be, else a
    comment saying to name the folder on the command line."""
    try:
        relative = folder.resolve().relative_to(target.resolve().parent)
    except ValueError:
        return (
            f"# 模板: （本县模板文件夹 {folder} 不在本文件所在文件夹之下：起草时请加 --templates {folder}）"
        )
    return f"模板: {relative.as_posix()}  # 本县的模板文件夹（其中的 {TOPIC_FILE} 声明了本县自己的专题）"
