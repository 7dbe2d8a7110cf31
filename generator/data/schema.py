"""The county data file's schema: pydantic models with English attributes and Chinese aliases.

Topic sections and their figure models are built from the catalogue, so adding a figure to
``catalogue.yaml`` is enough to make it a typed, validated key.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Annotated, Any, Literal, Protocol

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from typing_extensions import TypedDict  # pydantic needs it on Python < 3.12

from generator.data import catalogue
from generator.data.numbers import approx_hint, approximate, parse_number, plain, plausible_max
from generator.suggest import closest

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _docx_safe(text: str) -> str:
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(f"含有无法写入 Word 的控制字符 U+{ord(bad.group()):04X},请删除该字符")
    return text


def _one_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("标题只能写一行,请去掉换行")
    return text.strip()


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?\s*", value)
        if m:
            try:
                return dt.date(*(int(g) for g in m.groups()))
            except ValueError:
                raise ValueError(f'不是有效的日期: "{value}"') from None
        raise ValueError(f'应为日期, 如 2024-12-25 或 2024年12月25日, 实际为 "{value}"')
    return value


Text = Annotated[str, AfterValidator(_docx_safe)]
Line = Annotated[str, AfterValidator(_docx_safe), AfterValidator(_one_line)]


def _not_blank(text: str) -> str:
    if not text.strip():
        raise ValueError("不能为空，请写上名称")
    return text


Name = Annotated[Line, AfterValidator(_not_blank)]
Year = Annotated[int, BeforeValidator(lambda v: int(v) if isinstance(v, Decimal) and v == int(v) else v)]
Date = Annotated[dt.date, BeforeValidator(_parse_date)]


class Strict(BaseModel):
    """Base model: unknown keys are errors, never silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False, str_strip_whitespace=True)


class WorkItem(Strict):
    """One of the county's own work items: 标题 + 内容 (or just a sentence)."""

    title: Line | None = Field(
        None, alias="标题", description="这项工作的小标题,如「及时调整公布社会救助标准」"
    )
    content: Text | None = Field(None, alias="内容", description="这项工作的具体内容,一段或几段文字")

    @model_validator(mode="before")
    @classmethod
    def _sentence(cls, value: Any) -> Any:
        return {"内容": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _not_empty(self) -> WorkItem:
        if not self.title and not self.content:
            raise ValueError("工作条目至少要有「标题」或「内容」")
        return self


class FigureData(BaseModel):
    """One figure as given: this year's value and, when known, last year's."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    prev: Decimal | None = None


class YearPair(TypedDict, total=False):
    本年: float | str
    上年: float | str


def _figure_reader(figure: catalogue.Figure) -> Callable[[Any], FigureData | None]:
    """Read a figure as a number or as {本年: …, 上年: …}, in the figure's unit."""

    def read(raw: Any, label: str = "") -> Decimal:
        try:
            number = parse_number(raw, figure.unit)
        except ValueError as e:
            raise ValueError(f"{label}{e}") from None
        if figure.whole and number != number.to_integral_value():
            raise ValueError(f"{label}应为整数, 实际为 {plain(number)}")
        _plausible(number, figure.unit, label)
        return number

    def convert(raw: Any) -> FigureData | None:
        if raw is None or isinstance(raw, FigureData):
            return raw
        if isinstance(raw, dict):
            unknown = [k for k in raw if k not in ("本年", "上年")]
            if unknown:
                raise ValueError(f"只能写「本年」和「上年」, 实际有「{unknown[0]}」")
            if raw.get("本年") is None:
                raise ValueError("写成对比形式时必须有「本年」,如 {本年: 2188, 上年: 2050}")
            prev = raw.get("上年")
            return FigureData(
                value=read(raw["本年"], "本年: "), prev=None if prev is None else read(prev, "上年: ")
            )
        return FigureData(value=read(raw))

    return convert


def _plausible(number: Decimal, unit: str, label: str = "") -> None:
    """A figure beyond any county is a typo or a unit slip (万元 typed as 元): refused before any drafting."""
    if number > plausible_max(unit):
        raise ValueError(
            f"{label}{plain(number)}{unit} 超出了合理范围（本项最大 {plain(plausible_max(unit))}{unit}），"
            "请核对数字和单位"
        )


def _figure_field(figure: catalogue.Figure) -> tuple[Any, Any]:
    description = (
        f"{figure.help}。单位:{figure.unit}。示例:{figure.example};可写成 {{本年: …, 上年: …}} 以便与上年比较"
    )
    kind = Annotated[
        FigureData | None,
        BeforeValidator(_figure_reader(figure), json_schema_input_type=float | str | YearPair | None),
    ]
    return (kind, Field(None, alias=figure.key, description=description, title=figure.key))


@cache
def figures_model(topic_key: str) -> type[Strict]:
    """The model of one topic's 指标 block."""
    topic = catalogue.topic(topic_key)
    fields: dict[str, Any] = {f.name: _figure_field(f) for f in topic.figures}
    model: type[Strict] = create_model(f"{topic.id}_figures", __base__=Strict, **fields)
    return model


REFERENCE = re.compile(r"\{([^{}\s.]{1,30})((?:\.(?:数值|上年|同比)){0,2})\}")
_BRACES = re.compile(r"\{[^{}]*\}")
_CUSTOM_TEXT = re.compile(r"^\s*([0-9０-９][0-9０-９.,，．]*)\s*(万|亿)?\s*([^\d\s].*?)\s*$")


class CustomFigure(BaseModel):
    """A county's own typed figure (one not in the catalogue): a number with its unit."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    prev: Decimal | None = None
    unit: str


def _read_custom(raw: Any) -> Any:
    """ "13个", "1.4亿元", {数值: 13, 单位: 个} or {本年: 13, 上年: 10, 单位: 个}."""
    if isinstance(raw, CustomFigure):
        return raw
    if isinstance(raw, dict) and isinstance(raw.get("单位"), str):
        _docx_safe(raw["单位"])
    if isinstance(raw, str):
        _docx_safe(raw)
        if approximate(raw):
            raise ValueError(f'"{raw}" 是约数：{approx_hint(raw, keep_unit=True)}')
        m = _CUSTOM_TEXT.match(raw)
        if not m:
            raise ValueError(f'应写成「数字+单位」,如 "13个"、"1.4亿元",实际为 "{raw}"')
        number, scale, unit = m.groups()
        _unit_word(unit)
        value = parse_number(number + (scale or ""), unit)
        _plausible(value, unit)
        return CustomFigure(value=value, unit=unit.removeprefix("万").removeprefix("亿") if scale else unit)
    if isinstance(raw, dict):
        unknown = [k for k in raw if k not in ("数值", "本年", "上年", "单位")]
        if unknown or "单位" not in raw or not ({"数值", "本年"} & set(raw)):
            raise ValueError(
                '应写成「数字+单位」(如 "13个"),或 {数值: 13, 单位: 个},或 {本年: 13, 上年: 10, 单位: 个}'
            )
        unit = _unit_word(str(raw["单位"]))
        value = parse_number(raw.get("数值", raw.get("本年")), unit)
        prev = raw.get("上年")
        _plausible(value, unit)
        return CustomFigure(value=value, prev=None if prev is None else parse_number(prev, unit), unit=unit)
    raise ValueError('应写成「数字+单位」,如 "13个"')


_UNIT = re.compile(r"^[^\d\s,，。；;:：!！?？、()（）\[\]【】{}\"'“”]{1,8}$")


def _unit_word(unit: str) -> str:
    """A 自定指标's unit must be a unit (个, 万元, 元/人·月, %), not the rest of a phrase (「%以上」)."""
    if approximate(unit):
        raise ValueError(f"单位「{unit}」里有约数词：{approx_hint(unit, keep_unit=True)}")
    if not _UNIT.match(unit):
        raise ValueError(
            f"「{unit}」不像一个单位：单位应是「个」「万元」「元/人·月」「%」这样的词，其余文字请写进工作内容"
        )
    return unit


CustomValue = Annotated[CustomFigure, BeforeValidator(_read_custom, json_schema_input_type=str | dict)]


def _check_references(topic: catalogue.Topic) -> Callable[[Any], Any]:
    """Every {键} in the section's text names one of its figures (catalogue or 自定指标)."""

    def check(section: Any) -> Any:
        known = {f.key for f in topic.figures} | set(section.custom)
        texts = [
            (f"工作[第{i}项]", f"{w.title or ''}{w.content or ''}") for i, w in enumerate(section.work, 1)
        ]
        texts += [(f"目标[第{i}项]", g) for i, g in enumerate(getattr(section, "goals", []), 1)]
        for where, text in texts:
            for braces in _BRACES.findall(text):
                if not REFERENCE.fullmatch(braces):
                    raise ValueError(
                        f"{where}中的「{braces}」写法有误:引用数字应写成 {{名称}}、{{名称.数值}}、{{名称.上年}} 或 {{名称.同比}}"
                    )
            for name, _ in REFERENCE.findall(text):
                if name not in known:
                    hint = closest(name, known)
                    tip = f",是否想写: {hint}?" if hint else ";请在本专题的「指标」或「自定指标」中填写它"
                    raise ValueError(f"{where}引用了「{{{name}}}」,但本专题没有这个指标{tip}")
        clash = set(section.custom) & {f.key for f in topic.figures}
        if clash:
            raise ValueError(f"自定指标「{min(clash)}」与标准指标同名,请写在「指标」下")
        return section

    return check


class Section(Protocol):
    """What every topic section model (built per topic by :func:`section_model`) has."""

    title: str | None
    figures: Strict | None
    work: list[WorkItem]
    standard: bool
    custom: dict[str, CustomFigure]


@cache
def section_model(part: str, topic_key: str) -> type[Strict]:
    """The model of one topic's section in the summary (总结) or plan (计划) part."""
    topic = catalogue.topic(topic_key)
    fields: dict[str, Any] = {
        "title": (Line | None, Field(None, alias="标题", description="本节小标题;不写则用标准标题")),
        "figures": (figures_model(topic_key) | None, Field(None, alias="指标", description="本专题的数据")),
        "work": (list[WorkItem], Field(default_factory=list, alias="工作", description="本专题的工作条目")),
        "standard": (
            bool,
            Field(
                True,
                alias="标准句式",
                description="是否写模板的标准句式;写 false 则只用本县的文字(其中以 {名称} 引用数字)",
            ),
        ),
        "custom": (
            dict[str, CustomValue],
            Field(
                default_factory=dict,
                alias="自定指标",
                description="本县特有的数字(标准指标中没有的):「名称: 数字+单位」,如「互助照料中心提档升级: 13个」;"
                "在工作内容中以 {名称} 引用",
            ),
        ),
    }
    if part == "计划":
        fields["figures"] = (
            figures_model(topic_key) | None,
            Field(None, alias="指标", description="下一年的目标数据(如低保标准提高到多少)"),
        )
        fields["goals"] = (
            list[Text],
            Field(default_factory=list, alias="目标", description="下一年的目标,每条一句"),
        )
    validators: dict[str, Any] = {"references": model_validator(mode="after")(_check_references(topic))}
    model: type[Strict] = create_model(
        f"{topic.id}_{'plan' if part == '计划' else 'summary'}",
        __base__=Strict,
        __validators__=validators,
        **fields,
    )
    return model


@cache
def part_model(part: str) -> type[Strict]:
    """The model of 总结 or 计划: one optional section per canonical topic."""
    fields: dict[str, Any] = {
        t.id: (section_model(part, t.key) | None, Field(None, alias=t.key)) for t in catalogue.topics()
    }
    model: type[Strict] = create_model("summary" if part == "总结" else "plan", __base__=Strict, **fields)
    return model


SummaryPart = part_model("总结")
PlanPart = part_model("计划")


def _topic_name(value: str) -> str:
    keys = catalogue.topic_keys()
    if value not in keys:
        guess = closest(value, keys, cutoff=0.4)
        hint = f",是否想写: {guess}?" if guess else f"。可用专题: {'、'.join(keys)}"
        raise ValueError(f"未知的专题「{value}」{hint}")
    return value


TopicName = Annotated[str, AfterValidator(_topic_name)]


class GroupSpec(Strict):
    """Several topics drafted under one heading."""

    title: Line = Field(alias="标题", description="分组的标题,如「健全社会事务服务体系」")
    topics: list[TopicName] = Field(alias="专题", min_length=2, description="放在这个标题下的专题(至少两个)")


class PartLayout(Strict):
    """A county's own order, grouping and header for one part (overrides the learned skeleton)."""

    header: Line | None = Field(None, alias="部分标题", description="部分标题,如「2024年工作情况」")
    intro: Text | None = Field(None, alias="引言", description="部分标题下、各节之前的一段话")
    order: list[TopicName] | None = Field(
        None, alias="顺序", description="专题的先后顺序;未列出的按骨架顺序排在后面"
    )
    groups: list[GroupSpec] | None = Field(
        None, alias="分组", description="专题分组;写空列表 [] 则不分组;不写则按骨架中的常见分组"
    )


class Layout(Strict):
    """The county's layout overrides, per part."""

    summary: PartLayout | None = Field(None, alias="总结")
    plan: PartLayout | None = Field(None, alias="计划")


class Report(Strict):
    """The whole county data file."""

    unit: Name = Field(alias="单位", description="发文单位全称,即落款,如「天门市民政局」")
    region: Name = Field(alias="地区", description="县(市、区)名称,如「天门市」")
    year: Year = Field(alias="年度", ge=1949, le=2100, description="总结的年度,如 2024")
    plan_year: Year | None = Field(
        None, alias="计划年度", ge=1949, le=2101, description="计划的年度,不写则为年度+1"
    )
    date: Date | None = Field(
        None, alias="成文日期", description="落款日期,如 2024-12-25;不写则草稿中标出待补充"
    )
    title: Line | None = Field(
        None, alias="标题", description="文件标题;不写则为「单位+年度工作总结及计划年度工作计划」"
    )
    addressee: Line | None = Field(
        None, alias="主送机关", description="主送机关,如「县人民政府办公室」;可不写"
    )
    mark: Line | None = Field(
        None,
        alias="标记",
        description="标题下的稿件标记,如「征求意见稿」「讨论稿」,草稿中写成「（征求意见稿）」;可不写",
    )
    opening: Text | None = Field(
        None, alias="导语", description='开头一段;不写则用标准导语,写空字符串 "" 则不要开头一段'
    )
    item_style: Literal["编号", "一是"] = Field(
        "编号", alias="条目样式", description="工作条目的写法:编号(1. 2. …)或 一是(一是…二是…)"
    )
    templates: Line | None = Field(
        None, alias="模板", description="本县(市)自己的模板文件夹(相对于本文件);其中没有的模板用内置的"
    )
    layout: Layout = Field(
        default_factory=Layout, alias="结构", description="可选:本县自定的专题顺序、分组和部分标题"
    )
    summary: SummaryPart = Field(  # type: ignore[valid-type]
        default_factory=SummaryPart, alias="总结", description="年度工作总结,按专题填写"
    )
    plan: PlanPart = Field(default_factory=PlanPart, alias="计划", description="下一年工作计划,按专题填写")  # type: ignore[valid-type]

    @field_validator("plan_year")
    @classmethod
    def _after_year(cls, value: int | None, info: ValidationInfo) -> int | None:
        year = info.data.get("year")
        if value is not None and year is not None and value <= year:
            raise ValueError(f"计划年度({value})应晚于年度({year})")
        return value

    @model_validator(mode="after")
    def _default_plan_year(self) -> Report:
        if self.plan_year is None:
            self.plan_year = self.year + 1
        return self

    def part_layout(self, part: str) -> PartLayout:
        """The county's layout overrides of 总结 or 计划 (empty when it gave none)."""
        return (self.layout.summary if part == "总结" else self.layout.plan) or PartLayout()

    def section(self, part: str, topic_key: str) -> Section | None:
        """The county's section of ``topic_key`` in ``part`` (总结/计划), or None."""
        holder = self.summary if part == "总结" else self.plan
        found: Section | None = getattr(holder, catalogue.topic(topic_key).id)
        return found


def figure_values(section: Any) -> dict[str, FigureData]:
    """The figures a section's 指标 block gives, keyed by their Chinese names."""
    figures = getattr(section, "figures", None)
    if figures is None:
        return {}
    return {
        field.alias: value
        for name, field in type(figures).model_fields.items()
        if field.alias and (value := getattr(figures, name)) is not None
    }
