"""The county data file's schema: pydantic models with English attributes and Chinese aliases.

Topic sections and their figure models are built from the catalogue, so adding a figure to
``catalogue.yaml`` is enough to make it a typed, validated key.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, Inexact, localcontext
from functools import cache
from typing import Annotated, Any, Literal, Protocol, TypeVar

from pydantic import (
    AfterValidator,
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationInfo,
    create_model,
    field_validator,
    model_validator,
)
from typing_extensions import TypedDict  # pydantic needs it on Python < 3.12

from generator.data import catalogue
from generator.data.numbers import (
    NumberError,
    approx_hint,
    approximate,
    none_word,
    parse_number,
    plain,
    plausible_max,
)
from generator.data.period import Period, ReportPeriod, month_end, parse_period, period_from_cutoff
from generator.suggest import closest

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _docx_safe(text: str) -> str:
    bad = _CONTROL.search(text)
    if bad:
        raise ValueError(f"含有无法写入 Word 的控制字符 U+{ord(bad.group()):04X}，请删除该字符")
    return text


def _one_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("标题只能写一行，请去掉换行")
    return text.strip()


def _parse_date(value: Any) -> Any:
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?\s*", value)
        if m:
            try:
                return dt.date(*(int(g) for g in m.groups()))
            except ValueError:
                raise ValueError(f'不是有效的日期: "{value}"') from None
        raise ValueError(f'应为日期，如 2024-12-25 或 2024年12月25日，实际为 "{value}"')
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


def _read_period(value: Any) -> ReportPeriod:
    if isinstance(value, ReportPeriod):
        return value
    return parse_period(str(value))


PeriodText = Annotated[ReportPeriod, PlainValidator(_read_period, json_schema_input_type=str)]


class Strict(BaseModel):
    """Base model: unknown keys are errors, never silently dropped."""

    # defer_build: a model is made ready when first used (config files read from the cache never are)
    model_config = ConfigDict(
        extra="forbid", populate_by_name=False, str_strip_whitespace=True, defer_build=True
    )


class FigureData(BaseModel):
    """One figure as given: this year's value and, when known, last year's, in the unit the clerk gave
    (``unit`` None: the catalogue's unit, the one a bare number means)."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    prev: Decimal | None = None
    unit: str | None = None
    scale: str | None = None  # 万 or 亿 when the clerk wrote the number so (3.41万, 2.37亿 in a 万元 figure)
    written: bool = False  # the clerk wrote a unit or 万/亿 with the number: the draft writes it just so
    words: str | None = None  # 说法: the county's own name or clause for the figure (幸福食堂)

    def unit_of(self, figure: catalogue.Figure) -> str:
        return self.unit or figure.unit

    def in_base(self, figure: catalogue.Figure, value: Decimal | None = None) -> Decimal:
        """``value`` (this year's by default) in the common base unit of the figure's unit group, so that
        figures given in different units compare like with like (元/人·月 × 12 = 元/人·年)."""
        number = self.value if value is None else value
        return number * figure.units()[self.unit_of(figure)]


class Pending(BaseModel):
    """A figure whose last-year value is known (carried over from last year's report) and this year's is
    still to be filled: drafted as 【待补充】 until the clerk writes 本年."""

    model_config = ConfigDict(frozen=True)

    prev: Decimal
    unit: str | None = None


class YearPair(TypedDict, total=False):
    本年: float | str
    上年: float | str
    数值: float | str
    单位: str
    说法: str


def convert(value: Decimal, figure: catalogue.Figure, source: str, target: str) -> Decimal | None:
    """``value`` in ``source`` unit expressed in ``target`` unit, or None when that is not exact."""
    units = figure.units()
    with localcontext() as exact:
        exact.traps[Inexact] = True
        try:
            return value * units[source] / units[target]
        except Inexact:
            return None


def _units_hint(figure: catalogue.Figure) -> str:
    others = [u for u in figure.units() if u != figure.unit]
    return f"本项单位：{figure.unit}" + (f"（也可写{'、'.join(others)}）" if others else "")


# How reports and statistics sheets also write a standard's unit: all mean per person.
_UNIT_SPELLINGS = {
    f"元/{per}{period}": f"元/人·{period}"
    for period in "月年"
    for per in ("", "人/", "人.", "人•", "人・", "人", "人*")
}


def _canonical_unit(unit: str) -> str:
    """元/月, 元/人/月 … -> 元/人·月 (and the same for 年); any other unit as it is."""
    return _UNIT_SPELLINGS.get(unit, unit)


@cache
def _spellings(figure: catalogue.Figure) -> list[tuple[str, str]]:
    """(as written, unit) of every way to write a unit of ``figure``, longest first."""
    units = figure.units()
    spellings = [(u, u) for u in units] + [(s, c) for s, c in _UNIT_SPELLINGS.items() if c in units]
    return sorted(spellings, key=lambda s: len(s[0]), reverse=True)


def _split_unit(text: str, figure: catalogue.Figure) -> tuple[str, str | None]:
    """ "6252元/人·年" -> ("6252", "元/人·年") when the unit is one this figure may be given in
    (「800元/月」 and 「800元/人/月」 are 元/人·月)."""
    for written, unit in _spellings(figure):
        if text.endswith(written) and text[: -len(written)].strip():
            return text[: -len(written)].strip(), unit
    return text, None


def _plausible(number: Decimal, unit: str, label: str = "") -> None:
    """A figure beyond any county is a typo or a unit slip (万元 typed as 元): refused before any drafting."""
    if number > plausible_max(unit):
        raise ValueError(
            f"{label}{plain(number)}{unit} 超出了合理范围（本项最大 {plain(plausible_max(unit))}{unit}），"
            "请核对数字和单位"
        )


def written_scale(raw: Any, unit: str) -> str | None:
    """万 or 亿 when ``raw`` (the number without its unit) was written with it, unless ``unit`` already
    starts with that word (「23.5745万」 in a 万元 figure is just 23.5745万元)."""
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).strip()
    word = text[-1:] if text[-1:] in ("万", "亿") and len(text) > 1 else None
    return None if word is None or unit.startswith(word) else word


def _read_number(
    figure: catalogue.Figure, raw: Any, unit: str | None, label: str = ""
) -> tuple[Decimal, str | None, str | None]:
    """One number of ``figure``, bare or as "数字+单位"; with the unit it was written in (or ``unit``)."""
    if isinstance(raw, str) and approximate(raw):
        try:
            parse_number(raw, unit or figure.unit)  # words the slip, the unit as written included
        except NumberError as e:
            raise ValueError(f"{label}{e}") from None
    if isinstance(raw, str):
        text, written = _split_unit(raw.strip(), figure)
        if written and unit and written != unit:
            raise ValueError(f"{label}单位「{written}」与「单位：{unit}」不一致")
        unit, raw = written or unit, text
    try:
        number = parse_number(raw, unit or figure.unit)
    except NumberError as e:
        if "不要写单位" in str(e) and isinstance(raw, str):
            tail = re.sub(r"^[\d.,，万亿]+", "", raw.strip())
            raise ValueError(f"{label}单位「{tail}」不是这一项可用的单位；{_units_hint(figure)}") from None
        raise ValueError(f"{label}{e}") from None
    if figure.whole and number != number.to_integral_value():
        raise ValueError(f"{label}应为整数，实际为 {plain(number)}")
    _plausible(number, unit or figure.unit, label)
    return number, unit, written_scale(raw, unit or figure.unit)


def _read_pair(figure: catalogue.Figure, raw: dict[Any, Any]) -> FigureData | Pending | None:
    """{本年: …, 上年: …, 单位: …} or {数值: …, 单位: …}; last year's is kept in this year's unit."""
    unknown = [k for k in raw if k not in ("本年", "上年", "数值", "单位", "说法")]
    if unknown:
        raise ValueError(f"只能写「本年」「上年」「数值」「单位」和「说法」，实际有「{unknown[0]}」")
    words = _own_words(raw.get("说法"))
    unit = None if raw.get("单位") is None else _canonical_unit(str(raw["单位"]).strip())
    if unit is not None and unit not in figure.units():
        raise ValueError(f"「单位：{unit}」不是这一项可用的单位；{_units_hint(figure)}")
    current = raw.get("本年", raw.get("数值"))
    if current is None and "数值" not in raw and raw.get("上年") is not None:
        last, last_unit, _ = _read_number(figure, raw["上年"], unit, "上年：")
        return Pending(prev=last, unit=None if (last_unit or figure.unit) == figure.unit else last_unit)
    if current is None and "本年" in raw and "数值" not in raw:
        return None  # 本年 and 上年 both left blank: not given
    if current is None:
        raise ValueError("写成对比形式时必须有「本年」，如 {本年: 2188, 上年: 2050}")
    given_unit = unit
    value, unit, scale = _read_number(figure, current, unit, "本年：" if "本年" in raw else "")
    prev = None
    if raw.get("上年") is not None:
        prev, prev_unit, _ = _read_number(figure, raw["上年"], None, "上年：")
        target = unit or figure.unit
        if prev_unit and prev_unit != target:
            same = convert(prev, figure, prev_unit, target)
            if same is None:
                raise ValueError(f"上年：{plain(prev)}{prev_unit}不能精确换算为{target}，请写成同一单位")
            prev = same
    written = given_unit is not None or unit is not None or scale is not None
    return FigureData(
        value=value,
        prev=prev,
        unit=None if unit == figure.unit else unit,
        scale=scale,
        written=written,
        words=words,
    )


def _own_words(raw: Any) -> str | None:
    """「说法」: what the county calls the figure (幸福食堂), or its clause with {值} (新建幸福食堂{值})."""
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("「说法」应是一段文字，如「幸福食堂」或「新建幸福食堂{值}」")
    text = raw.strip()
    _docx_safe(text)
    if _BRACES.sub("", text.replace("{值}", "", 1)) != text.replace("{值}", "", 1) or text.count("{值}") > 1:
        raise ValueError(f"「说法」中只能有一个 {{值}}（数字写在哪里），实际为「{text}」")
    return text


def _figure_reader(figure: catalogue.Figure) -> Callable[[Any], FigureData | Pending | None]:
    """Read a figure as a number, as "数字+单位" in one of the figure's units, or as
    {本年: …, 上年: …, 单位: …} (本年 left blank: :class:`Pending`); the value keeps the unit it was given in."""

    def convert_value(raw: Any) -> FigureData | Pending | None:
        if raw is None or isinstance(raw, FigureData | Pending):
            return raw
        if isinstance(raw, dict):
            return _read_pair(figure, raw)
        value, unit, scale = _read_number(figure, raw, None)
        written = unit is not None or scale is not None  # typed with a unit or 万/亿: drafted as typed
        return FigureData(
            value=value, unit=None if unit == figure.unit else unit, scale=scale, written=written
        )

    return convert_value


def _figure_field(figure: catalogue.Figure, *, described: bool) -> tuple[Any, Any]:
    others = [u for u in figure.units() if u != figure.unit]
    also = f"（也可写成「数字+单位」，单位可用 {'、'.join(others)}）" if others else ""
    description = (
        f"{figure.description}。单位:{figure.unit}{also}。示例:{figure.example};"
        "可写成 {本年: …, 上年: …} 以便与上年比较"
    )
    # What a figure may be written as, for the JSON Schema only: it costs every start a millisecond a topic.
    written = {"json_schema_input_type": float | str | YearPair | None} if described else {}
    kind = Annotated[FigureData | Pending | None, BeforeValidator(_figure_reader(figure), **written)]
    alias = AliasChoices(figure.key, *figure.old) if figure.old else None
    field = Field(None, alias=figure.key, validation_alias=alias, description=description, title=figure.key)
    return (kind, field)


def _old_keys(figures: tuple[catalogue.Figure, ...]) -> Callable[[Any], Any]:
    """A figure under its old key keeps its old unit (社会组织总数 counted 家), and may not be given twice."""

    def rename(raw: Any) -> Any:
        if not isinstance(raw, dict):
            return raw
        result = dict(raw)
        for figure in figures:
            for old, unit in figure.old.items():
                if old not in raw:
                    continue
                if figure.key in raw:
                    raise ValueError(f"「{old}」是「{figure.key}」的旧名，两者只写一个（写「{figure.key}」）")
                value = raw[old]
                if unit and isinstance(value, dict) and "单位" not in value:
                    result[old] = {**value, "单位": unit}
                elif (unit and isinstance(value, int | float | Decimal) and not isinstance(value, bool)) or (
                    unit and isinstance(value, str) and _split_unit(value.strip(), figure)[1] is None
                ):
                    result[old] = {"数值": value, "单位": unit}
        return result

    return rename


def _deprecated_keys(figures: tuple[catalogue.Figure, ...]) -> Callable[[dict[str, Any]], None]:
    def extra(schema: dict[str, Any]) -> None:
        for figure in figures:
            for old in figure.old:
                schema.setdefault("properties", {})[old] = {
                    "deprecated": True,
                    "description": f"旧名，已改为「{figure.key}」；仍可使用",
                }

    return extra


def _figures_model(
    model_name: str, figures: tuple[catalogue.Figure, ...], *, described: bool = False
) -> type[Strict]:
    base = type(
        f"{model_name}_base",
        (Strict,),
        {"model_config": ConfigDict(**Strict.model_config, json_schema_extra=_deprecated_keys(figures))},
    )
    fields = {f.name: _figure_field(f, described=described) for f in figures}
    return create_model(  # type: ignore[call-overload, no-any-return]
        model_name,
        __base__=base,
        __validators__={"old_keys": model_validator(mode="before")(_old_keys(figures))},
        **fields,
    )


@cache
def figures_model(topic_key: str, *, described: bool = False) -> type[Strict]:
    """The model of one topic's 指标 block (``described``: with the input forms for the JSON Schema)."""
    topic = catalogue.topic(topic_key)
    return _figures_model(f"{topic.id}_figures", topic.figures, described=described)


@cache
def work_figures_model(*, described: bool = False) -> type[Strict]:
    """The 指标 of one work item: any figure of the catalogue, so that a figure sits in the paragraph of
    the work it measures (a 婚姻登记 count in a work item that covers several 社会事务)."""
    return _figures_model("work_figures", tuple(catalogue.figures().values()), described=described)


# A batch over a prefecture meets many sets of figures: past this many for one topic, its whole model serves
# (built once), so that the models kept stay few.
_SETS_MODELLED = 8
_sets_modelled: dict[str | None, int] = {}


@cache
def _figures_named(topic_key: str | None, keys: frozenset[str]) -> type[Strict] | None:
    """The 指标 model of a topic (None: of a work item) with just the figures named ``keys`` (new or old
    names); None when a key names no such figure (the whole model then says what is wrong) or when this
    topic has had many such models already."""
    if _sets_modelled.get(topic_key, 0) >= _SETS_MODELLED:
        return None
    pool = catalogue.topic(topic_key).figures if topic_key else tuple(catalogue.figures().values())
    named = tuple(f for f in pool if keys & {f.key, *f.old})
    if len({k for f in named for k in (f.key, *f.old)} & keys) < len(keys):
        return None
    _sets_modelled[topic_key] = _sets_modelled.get(topic_key, 0) + 1
    name = f"{catalogue.topic(topic_key).id}_figures" if topic_key else "work_figures"
    return _figures_model(name, named)


@dataclass(frozen=True)
class LazyFigures:
    """Validates a 指标 block with a model of only the figures it gives (a topic's, or for a work item
    any of the catalogue's): the models of all of them take a tenth of a second to build."""

    topic: str | None = None  # None: a work item's

    def model(self) -> type[Strict]:
        return figures_model(self.topic) if self.topic else work_figures_model()

    def __call__(self, value: Any) -> Any:
        if value is None:
            return None
        named = _figures_named(self.topic, frozenset(map(str, value))) if isinstance(value, dict) else None
        return (named or self.model()).model_validate(value)


_WORK_FIGURES = "这项工作的数据（任何专题的标准指标）：写在这项工作的段落中；内容中以 {名称} 引用的写在引用处，其余接在内容之后"


class WorkItem(Strict):
    """One of the county's own work items: 标题 + 内容 (or just a sentence), and the figures it measures."""

    title: Line | None = Field(
        None, alias="标题", description="这项工作的小标题，如「及时调整公布社会救助标准」"
    )
    content: Text | None = Field(None, alias="内容", description="这项工作的具体内容，一段或几段文字")
    figures: Annotated[Any, BeforeValidator(LazyFigures())] | None = Field(
        None, alias="指标", description=_WORK_FIGURES
    )

    @model_validator(mode="before")
    @classmethod
    def _sentence(cls, value: Any) -> Any:
        return {"内容": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _not_empty(self) -> WorkItem:
        if not self.title and not self.content and not figure_values(self):
            raise ValueError("工作条目至少要有「标题」「内容」或「指标」之一")
        return self


@cache
def _work_item(*, described: bool) -> type[WorkItem]:
    """:class:`WorkItem`, or for the JSON Schema the same with its 指标 described figure by figure."""
    if not described:
        return WorkItem
    figures = work_figures_model(described=True)
    field: Any = (figures | None, Field(None, alias="指标", description=_WORK_FIGURES))
    model: type[WorkItem] = create_model(
        "WorkItem", __base__=WorkItem, __doc__=WorkItem.__doc__, figures=field
    )
    return model


# {名称} {名称.数值} {名称.上年} {名称.上年.数值} {名称.同比}: no other chain means anything.
REFERENCE = re.compile(r"\{([^{}\s.]{1,30})((?:\.数值|\.上年(?:\.数值)?|\.同比)?)\}")
_BRACES = re.compile(r"\{[^{}]*\}")
_CUSTOM_TEXT = re.compile(r"^\s*([0-9０-９][0-9０-９.,，．]*)\s*(万|亿)?\s*([^\d\s].*?)\s*$")


class CustomFigure(BaseModel):
    """A county's own typed figure (one not in the catalogue): a number with its unit."""

    model_config = ConfigDict(frozen=True)

    value: Decimal
    prev: Decimal | None = None
    unit: str
    scale: str | None = None  # 万 of 「1.7万人次」: drafted as typed


def _read_custom(raw: Any) -> Any:
    """ "13个", "1.4亿元", {数值: 13, 单位: 个} or {本年: 13, 上年: 10, 单位: 个}."""
    if isinstance(raw, CustomFigure):
        return raw
    if isinstance(raw, dict) and isinstance(raw.get("单位"), str):
        _docx_safe(raw["单位"])
    if isinstance(raw, str):
        _docx_safe(raw)
        if none_word(raw):
            raise ValueError(
                f"「{raw.strip()}」不是数字：没有这一项就删去这一行（和工作内容中引用它的文字）；"
                "没有的情况（如「全年未发生……」）请写进本专题「工作」的内容"
            )
        if approximate(raw):
            raise ValueError(f'"{raw}" 是约数：{approx_hint(raw, keep_unit=True)}')
        m = _CUSTOM_TEXT.match(raw)
        if not m:
            raise ValueError(f'应写成「数字+单位」，如 "13个"、"1.4亿元"，实际为 "{raw}"')
        number, scale, unit = m.groups()
        if not scale and unit in ("万", "亿"):
            raise ValueError(
                f"「{raw.strip()}」没有写单位：{unit}后面要写单位，如「{number}{unit}元」「{number}{unit}人次」"
            )
        _unit_word(unit)
        if scale and unit == "元":  # 万元 and 亿元 are units of their own: 「40余万元」 needs 40 万元
            scale, unit = "", scale + unit
        value = parse_number(number + (scale or ""), unit)
        _plausible(value, unit)
        return CustomFigure(value=value, unit=unit, scale=scale or None)
    if isinstance(raw, dict):
        unknown = [k for k in raw if k not in ("数值", "本年", "上年", "单位")]
        if unknown or "单位" not in raw or not ({"数值", "本年"} & set(raw)):
            raise ValueError(
                '应写成「数字+单位」（如 "13个"），或 {数值: 13, 单位: 个}，或 {本年: 13, 上年: 10, 单位: 个}'
            )
        unit = _unit_word(str(raw["单位"]))
        value = parse_number(raw.get("数值", raw.get("本年")), unit)
        prev = raw.get("上年")
        _plausible(value, unit)
        return CustomFigure(value=value, prev=None if prev is None else parse_number(prev, unit), unit=unit)
    raise ValueError('应写成「数字+单位」，如 "13个"')


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


def _closest_figure(name: str, ordered: list[str]) -> str | None:
    """The figure most like ``name``; of equally close ones, the one the county gave, then catalogue order
    (so 「低保人口」 suggests 低保人数, not 低保人次)."""
    scores = {k: difflib.SequenceMatcher(None, name, k).ratio() for k in ordered}
    best = max(scores.values(), default=0.0)
    return next((k for k in ordered if scores[k] == best), None) if best >= 0.5 else None


def _check_references(topic: catalogue.Topic) -> Callable[[Any], Any]:
    """Every {键} in the section's text names one of its figures (catalogue or 自定指标)."""

    def check(section: Any) -> Any:
        own = {f.key for f in topic.figures} | {old for f in topic.figures for old in f.old}
        given = set(figure_values(section))
        for i, work in enumerate(section.work, 1):
            for key in figure_values(work):
                if key in given:
                    where = "本专题的「指标」或前面的工作条目"
                    raise ValueError(f"工作[第{i}项]的指标「{key}」已在{where}中填写；同一个数字只写一处")
                given.add(key)
        known = own | given | set(section.custom)
        texts = [
            (f"工作[第{i}项]", f"{w.title or ''}\n{w.content or ''}") for i, w in enumerate(section.work, 1)
        ]
        texts += [(f"目标[第{i}项]", g) for i, g in enumerate(getattr(section, "goals", []), 1)]
        zeros = _zeros(section)
        for where, text in texts:
            for braces in _BRACES.findall(text):
                if not REFERENCE.fullmatch(braces):
                    raise ValueError(
                        f"{where}中的「{braces}」写法有误：引用数字应写成 {{名称}}、{{名称.数值}}、{{名称.上年}}、{{名称.上年.数值}} 或 {{名称.同比}}"
                    )
            for found in REFERENCE.finditer(text):
                name, attributes = found.groups()
                if name not in known:
                    hint = _closest_figure(name, [*given, *section.custom, *(f.key for f in topic.figures)])
                    tip = f"，是否想写：{hint}？" if hint else "；请在本专题的「指标」或「自定指标」中填写它"
                    raise ValueError(f"{where}引用了「{{{name}}}」，但本专题没有这个指标{tip}")
                zero = zeros.get(name) if attributes in ("", ".数值") else None
                if zero is not None:
                    clause = re.split(r"[，,。；;：:\n]", text[: found.start()])[-1]
                    shown = clause + "0" + (zero if not attributes else "")
                    raise ValueError(
                        f"{where}引用的「{{{name}}}」为 0，草稿会写成「{shown}」：没有就删去「{name}」"
                        "和引用它的文字；没有的情况（如「未发生……」）直接写进工作内容"
                    )
        # A 自定指标 named like a catalogue figure (one added to the catalogue since) still works as the
        # county's own figure; only giving it both ways is a mistake.
        clash = set(section.custom) & given
        if clash:
            raise ValueError(f"「{min(clash)}」既写在「自定指标」下又写在「指标」下；同一个数字只写一处")
        return section

    return check


def _zeros(section: Any) -> dict[str, str]:
    """The figures (catalogue keys, old keys and 自定指标) of ``section`` that are 0, with their units."""
    found: dict[str, str] = {}
    for block in [section, *section.work]:
        for key, data in figure_values(block).items():
            if data.value == 0:
                figure = catalogue.figures()[key]
                found |= dict.fromkeys([key, *figure.old], data.unit_of(figure))
    found |= {key: str(given.unit) for key, given in section.custom.items() if given.value == 0}
    return found


class Section(Protocol):
    """What every topic section model (built per topic by :func:`section_model`) has."""

    title: str | None
    figures: Strict | None
    work: list[WorkItem]
    standard: bool
    custom: dict[str, CustomFigure]


def _section_fields(part: str, figures: Any, *, described: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": (Line | None, Field(None, alias="标题", description="本节小标题；不写则用标准标题")),
        "figures": (figures | None, Field(None, alias="指标", description="本专题的数据")),
        "work": (
            list[_work_item(described=described)],  # type: ignore[misc]
            Field(default_factory=list, alias="工作", description="本专题的工作条目"),
        ),
        "standard": (
            bool,
            Field(
                True,
                alias="标准句式",
                description="是否写模板的标准句式；写 false 则只用本县的文字（其中以 {名称} 引用数字）",
            ),
        ),
        "custom": (
            dict[str, CustomValue],
            Field(
                default_factory=dict,
                alias="自定指标",
                description="本县特有的数字（标准指标中没有的）：「名称: 数字+单位」，如「互助照料中心提档升级: 13个」;"
                "在工作内容中以 {名称} 引用",
            ),
        ),
    }
    if part == "总结":
        fields["last_plan"] = (
            list[Text],
            Field(
                default_factory=list,
                alias="去年计划",
                description="去年报告中这一专题的计划，每条一句（generator init --从 写出）。只供参考："
                "计划部分没有写这一专题时，草稿的计划部分先写这几条，再写常见的表述，都以参考表述标出；"
                "已经完成、明年不再做的删去即可",
            ),
        )
    if part == "计划":
        fields["figures"] = (
            figures | None,
            Field(None, alias="指标", description="下一年的目标数据（如低保标准提高到多少）"),
        )
        fields["goals"] = (
            list[Text],
            Field(default_factory=list, alias="目标", description="下一年的目标，每条一句"),
        )
    return fields


def _part_id(part: str) -> str:
    return "plan" if part == "计划" else "summary"


@cache
def section_model(part: str, topic_key: str, *, described: bool = False) -> type[Strict]:
    """The model of one topic's section in the summary (总结) or plan (计划) part (for the JSON Schema and
    for naming the keys a section may hold; a county file is validated by :func:`_any_section_model`)."""
    topic = catalogue.topic(topic_key)
    figures: Any = (
        figures_model(topic_key, described=True)
        if described
        else Annotated[Any, BeforeValidator(LazyFigures(topic_key))]
    )
    validators: dict[str, Any] = {"references": model_validator(mode="after")(_check_references(topic))}
    model: type[Strict] = create_model(
        f"{topic.id}_{_part_id(part)}",
        __base__=Strict,
        __validators__=validators,
        **_section_fields(part, figures, described=described),
    )
    return model


def _topic_of(info: ValidationInfo) -> str:
    context: dict[str, str] = info.context or {}
    return context["topic"]  # given by LazySection


def _figures_of_topic(value: Any, info: ValidationInfo) -> Any:
    return LazyFigures(_topic_of(info))(value)


def _references_of_topic(section: Any, info: ValidationInfo) -> Any:
    return _check_references(catalogue.topic(_topic_of(info)))(section)


@cache
def _any_section_model(part: str) -> type[Strict]:
    """One model for every topic's section in ``part``, told the topic in the validation context: as
    :func:`section_model` reads it, but built once rather than for each of a county's 10–20 topics."""
    figures = Annotated[Any, BeforeValidator(_figures_of_topic)]
    validators: dict[str, Any] = {"references": model_validator(mode="after")(_references_of_topic)}
    model: type[Strict] = create_model(
        f"section_{_part_id(part)}",
        __base__=Strict,
        __validators__=validators,
        **_section_fields(part, figures, described=False),
    )
    return model


@dataclass(frozen=True)
class LazySection:
    """Validates one topic's section: with the one section model of its part, told the topic (building a
    model per topic costs a county file of 10–20 topics more than drafting it). :meth:`model` is the
    topic's own model, which names the keys a section may hold when one is mistyped."""

    part: str
    topic: str

    def model(self) -> type[Strict]:
        return section_model(self.part, self.topic)

    def __call__(self, value: Any) -> Any:
        # A ValidationError raised here keeps its locations, under this field's.
        if value is None:
            return None
        return _any_section_model(self.part).model_validate(value, context={"topic": self.topic})


def _part_fields(part: str, topics: tuple[catalogue.Topic, ...], *, lazy: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for t in topics:
        kind = (
            Annotated[Any, BeforeValidator(LazySection(part, t.key))]
            if lazy
            else section_model(part, t.key, described=True)
        )
        fields[t.id] = (kind | None, Field(None, alias=t.key))
    return fields


def _part_name(part: str) -> str:
    return "summary" if part == "总结" else "plan"


@cache
def part_model(part: str, *, lazy: bool = True) -> type[Strict]:
    """The model of 总结 or 计划: one optional section per canonical topic.

    ``lazy=False`` builds every section model up front, for the JSON Schema.
    """
    fields = _part_fields(part, catalogue.topics(), lazy=lazy)
    model: type[Strict] = create_model(_part_name(part), __base__=Strict, **fields)
    return model


@dataclass(frozen=True)
class LazyPart:
    """Validates 总结 or 计划 with :func:`part_model`, built when a file first gives that part (inside the
    Report model, its 34 topics would be built into Report's own validator at every start)."""

    part: str

    def model(self) -> type[Strict]:
        return part_model(self.part)

    def empty(self) -> Strict:
        """The part of a file that does not give it (nothing to validate, so no model built to validate it)."""
        return self.model().model_construct()

    def __call__(self, value: Any) -> Any:
        return self.model().model_validate(value)


def _topic_name(value: str) -> str:
    keys = catalogue.topic_keys()
    if value not in keys:
        guess = closest(value, keys, cutoff=0.4)
        hint = f"，是否想写：{guess}？" if guess else f"。可用专题：{'、'.join(keys)}"
        raise ValueError(f"未知的专题「{value}」{hint}")
    return value


TopicName = Annotated[str, AfterValidator(_topic_name)]


class GroupSpec(Strict):
    """Several topics drafted under one heading."""

    title: Line = Field(alias="标题", description="分组的标题，如「健全社会事务服务体系」")
    topics: list[TopicName] = Field(
        alias="专题", min_length=2, description="放在这个标题下的专题（至少两个）"
    )


class PartLayout(Strict):
    """A county's own order, grouping and header for one part (overrides the learned skeleton)."""

    header: Line | None = Field(None, alias="部分标题", description="部分标题，如「2024年工作情况」")
    intro: Text | None = Field(None, alias="引言", description="部分标题下、各节之前的一段话")
    order: list[TopicName] | None = Field(
        None, alias="顺序", description="专题的先后顺序；未列出的按骨架顺序排在后面"
    )
    groups: list[GroupSpec] | None = Field(
        None, alias="分组", description="专题分组；写空列表 [] 则不分组；不写则按骨架中的常见分组"
    )


class Layout(Strict):
    """The county's layout overrides, per part."""

    summary: PartLayout | None = Field(None, alias="总结")
    plan: PartLayout | None = Field(None, alias="计划")


class Report(Strict):
    """The whole county data file."""

    unit: Name = Field(alias="单位", description="发文单位全称，即落款，如「天门市民政局」")
    region: Name = Field(alias="地区", description="县（市、区）名称，如「天门市」")
    year: Year = Field(alias="年度", ge=1949, le=2100, description="总结的年度，如 2024")
    period: PeriodText | None = Field(
        None,
        alias="报告期",
        description="总结的时段：全年（不写即为全年）、上半年、一季度、二季度、三季度、前三季度，或「1-10月」这样的月份区间",
    )
    cutoff: Date | None = Field(
        None,
        alias="统计截止",
        description="数字统计到哪一天，如 2024-10-31；不写则为报告期的最后一天。"
        "期末数写「截至10月底」，累计数写「1-10月」",
    )
    plan_year: Year | None = Field(
        None,
        alias="计划年度",
        ge=1949,
        le=2101,
        description="计划的年度，不写则为年度+1（半年、季度报告为本年度）",
    )
    date: Date | None = Field(
        None, alias="成文日期", description="落款日期，如 2024-12-25；不写则草稿中标出待补充"
    )
    title: Line | None = Field(
        None, alias="标题", description="文件标题；不写则为「单位+年度工作总结及计划年度工作计划」"
    )
    addressee: Line | None = Field(
        None, alias="主送机关", description="主送机关，如「县人民政府办公室」；可不写"
    )
    mark: Line | None = Field(
        None,
        alias="标记",
        description="标题下的稿件标记，如「征求意见稿」「讨论稿」，草稿中写成「（征求意见稿）」；可不写",
    )
    opening: Text | None = Field(
        None, alias="导语", description='开头一段；不写则用标准导语，写空字符串 "" 则不要开头一段'
    )
    summary_only: bool = Field(
        False,
        alias="只写总结",
        description="写 true 则只写工作总结：没有计划部分，标题和导语也不提计划（许多单位的计划另行成文）",
    )
    item_style: Literal["编号", "一是"] = Field(
        "编号", alias="条目样式", description="工作条目的写法：编号（1. 2. …）或 一是（一是…二是…）"
    )
    references: bool = Field(
        True,
        alias="参考表述",
        description="计划部分没有写某个专题时，是否按常见写法起草这一专题的计划（以参考表述标出，须核实）；"
        "写 false 则不起草，计划部分以【待补充】标出",
    )
    templates: Line | None = Field(
        None, alias="模板", description="本县（市）自己的模板文件夹（相对于本文件）；其中没有的模板用内置的"
    )
    layout: Layout = Field(
        # model_construct: the defaults need no validating (nor the models built to validate them)
        default_factory=Layout.model_construct,
        alias="结构",
        description="可选：本县自定的专题顺序、分组和部分标题",
    )
    summary: Annotated[Any, BeforeValidator(LazyPart("总结"))] = Field(
        default_factory=LazyPart("总结").empty, alias="总结", description="年度工作总结，按专题填写"
    )
    plan: Annotated[Any, BeforeValidator(LazyPart("计划"))] = Field(
        default_factory=LazyPart("计划").empty, alias="计划", description="下一年工作计划，按专题填写"
    )

    @field_validator("cutoff")
    @classmethod
    def _cutoff_in_period(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        year, period = info.data.get("year"), info.data.get("period")
        if value is None or year is None:
            return value
        if value.year != year:
            raise ValueError(f"统计截止（{value.isoformat()}）应在年度（{year}）之内")
        if period is not None and value < dt.date(year, period.first_month, 1):
            raise ValueError(f"统计截止（{value.isoformat()}）早于报告期「{period.label}」的第一天")
        if period is not None and value > month_end(year, period.last_month):
            raise ValueError(f"统计截止（{value.isoformat()}）晚于报告期「{period.label}」的最后一天")
        return value

    @field_validator("plan_year")
    @classmethod
    def _after_year(cls, value: int | None, info: ValidationInfo) -> int | None:
        year, period = info.data.get("year"), info.data.get("period")
        if value is None or year is None:
            return value
        if value < year:
            raise ValueError(f"计划年度（{value}）应晚于年度（{year}）")
        if value == year and (period is None or period.annual):
            raise ValueError(
                f"计划年度（{value}）应晚于年度（{year}）；只有半年、季度报告（报告期：上半年等）的计划年度可以与年度相同"
            )
        return value

    @model_validator(mode="after")
    def _default_plan_year(self) -> Report:
        if self.plan_year is None:
            annual = self.period is None or self.period.annual
            self.plan_year = self.year + 1 if annual else self.year
        return self

    @property
    def timing(self) -> Period:
        """The report's period and cutoff, with the words drafts print from them."""
        period = self.period or (period_from_cutoff(self.cutoff) if self.cutoff else parse_period("全年"))
        cutoff = self.cutoff or month_end(self.year, period.last_month)
        return Period(
            self.year, self.plan_year or self.year + 1, period, cutoff, self.date, self.cutoff is not None
        )

    def part_layout(self, part: str) -> PartLayout:
        """The county's layout overrides of 总结 or 计划 (empty when it gave none)."""
        return (self.layout.summary if part == "总结" else self.layout.plan) or PartLayout.model_construct()

    def section(self, part: str, topic_key: str) -> Section | None:
        """The county's section of ``topic_key`` in ``part`` (总结/计划), or None."""
        holder = self.summary if part == "总结" else self.plan
        found: Section | None = getattr(holder, catalogue.topic(topic_key).id)
        return found


@cache
def schema_model() -> type[Report]:
    """:class:`Report` with every section model built, so that its JSON Schema describes them all."""
    fields: dict[str, Any] = {
        name: (
            part_model(part, lazy=False),
            Field(default_factory=dict, alias=part, description=Report.model_fields[name].description),
        )
        for name, part in (("summary", "总结"), ("plan", "计划"))
    }
    return create_model("Report", __base__=Report, __doc__=Report.__doc__, **fields)


T = TypeVar("T")


def _given(section: Any, kind: type[T]) -> dict[str, T]:
    figures = getattr(section, "figures", None)
    if figures is None:
        return {}
    return {
        field.alias: value
        for name, field in type(figures).model_fields.items()
        if field.alias and isinstance(value := getattr(figures, name), kind)
    }


def figure_values(section: Any) -> dict[str, FigureData]:
    """The figures a section's (or a work item's) 指标 block gives, keyed by their Chinese names."""
    return _given(section, FigureData)


def pending_values(section: Any) -> dict[str, Pending]:
    """The figures of a section's 指标 block that have only last year's value (本年 still to fill)."""
    return _given(section, Pending)


def old_key_notes(source: Any) -> list[str]:
    """A note for each figure written under its old key, and each 自定指标 that is now a catalogue figure
    (both still work): file:line and what to write instead.

    ``source`` is the parsed file (:class:`generator.data.yamlsource.Source`).
    """
    notes = []
    data = source.data if isinstance(source.data, dict) else {}
    notes += _custom_notes(source, data)
    for part in catalogue.PARTS:
        sections = data.get(part)
        if not isinstance(sections, dict):
            continue
        for topic_key, section in sections.items():
            if not isinstance(section, dict):
                continue
            blocks: list[tuple[tuple[str | int, ...], Any]] = [
                ((part, topic_key, "指标"), section.get("指标"))
            ]
            work = section.get("工作")
            if isinstance(work, list):
                blocks += [
                    ((part, topic_key, "工作", i, "指标"), w.get("指标"))
                    for i, w in enumerate(work)
                    if isinstance(w, dict)
                ]
            for loc, block in blocks:
                if not isinstance(block, dict):
                    continue
                for key in block:
                    figure = catalogue.old_keys().get(str(key))
                    if figure is not None:
                        line = source.locate((*loc, key), at_key=True)[0]
                        notes.append(
                            f"{source.path}:{line}: 「{key}」已改名为「{figure.key}」，仍可使用；建议改用新名"
                        )
    return notes


def _custom_notes(source: Any, data: dict[str, Any]) -> list[str]:
    notes = []
    for part in catalogue.PARTS:
        sections = data.get(part)
        for topic_key, section in sections.items() if isinstance(sections, dict) else []:
            custom = section.get("自定指标") if isinstance(section, dict) else None
            for key in custom if isinstance(custom, dict) else []:
                figure = catalogue.figure(str(key))
                if figure is None:
                    continue
                line = source.locate((part, topic_key, "自定指标", key), at_key=True)[0]
                home = "「指标」下" if figure.topic == topic_key else "所在工作条目的「指标」下"
                notes.append(
                    f"{source.path}:{line}: 自定指标「{key}」现在是标准指标「{figure.key}」（单位：{figure.unit}），"
                    f"可移到{home}"
                )
    return notes
