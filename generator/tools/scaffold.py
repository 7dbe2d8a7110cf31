"""For editors and new counties: the data file's JSON Schema, and a commented YAML scaffold."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

import yaml

from generator.data import catalogue
from generator.data.schema import schema_model
from generator.draft.skeleton import Skeleton
from generator.errors import InputError

MAX_REGION = 30  # characters: 「新疆维吾尔自治区伊犁哈萨克自治州」 is 16


# Text YAML writes as it is (plain): it opens with a character no YAML syntax or type uses and holds no
# space, line break, 「:」, 「?」 or 「#」, as most Chinese text. The emitter looks at a scalar character by
# character in Python (a millisecond a sentence): a county file of a long report quotes thousands.
_UNICODE = "\u00a1-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
# A letter or a digit may open it when a Chinese character follows (no YAML type reads such text:
# 「2024年工作情况」).
_PLAIN = re.compile(f'(?=.*[{_UNICODE}])[0-9A-Za-z{_UNICODE}][!"$-9;-=@-~{_UNICODE}]*')


def scalar(text: str) -> str:
    """``text`` as a one-line YAML scalar, quoted when it has to be (「某县 #注释」 would read as 某县)."""
    if _PLAIN.fullmatch(text):
        return text.strip()  # as below: Unicode spaces (U+3000) at either end dropped
    dumped = yaml.safe_dump(text, allow_unicode=True, default_flow_style=True, width=10_000)
    return dumped.removesuffix("\n").removesuffix("\n...").strip()


def check_region(region: str) -> None:
    """Refuse a region name no county file can carry: empty, on several lines, with control characters."""
    shown = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in region)
    if not region.strip():
        raise InputError(f"地区名称「{shown}」是空的；请写县（市、区）的名称，如：generator init 天门市 2025")
    if any(unicodedata.category(c)[0] == "C" for c in region):
        raise InputError(
            f"地区名称「{shown}」中含有换行或不可见的控制字符；请只写县（市、区）的名称，如：generator init 天门市 2025"
        )
    if len(region.strip()) > MAX_REGION:
        raise InputError(
            f"地区名称「{region}」长达 {len(region)} 个字，不像一个地区的名称；请只写县（市、区）的名称"
        )


SCHEMA_FILE = "民政年报.schema.json"
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_TITLE = "民政年报数据文件"  # the Report model's title (see _FIXED_TITLES)
_FIXED_TITLES = {
    "Report": ("民政年报数据文件", "县(市、区)民政局年度工作总结及工作计划的数据"),
    "WorkItem": ("工作条目", "本县的一项工作:标题 + 内容,或一句话"),
    "YearPair": ("本年与上年", "写成 {本年: …, 上年: …},草稿会写出与上年的比较"),
    "GroupSpec": ("专题分组", "放在同一个标题下的几个专题"),
    "PartLayout": ("部分结构", "本部分的部分标题、专题顺序和分组"),
    "Layout": ("结构", "本县自定的结构;不写则按学得的骨架"),
    "summary": ("总结", "年度工作总结,按专题填写"),
    "plan": ("计划", "下一年工作计划,按专题填写"),
}


def _titles() -> dict[str, tuple[str, str]]:
    titles = dict(_FIXED_TITLES)
    for t in catalogue.topics():
        titles[f"{t.id}_figures"] = (f"{t.key}·指标", f"{t.key}的数据;只写数字,单位见各项说明")
        titles[f"{t.id}_summary"] = (f"{t.key}(总结)", f"总结部分「{t.key}」一节:标题、指标、工作")
        titles[f"{t.id}_plan"] = (f"{t.key}(计划)", f"计划部分「{t.key}」一节:标题、目标指标、目标、工作")
    return titles


def json_schema() -> dict[str, Any]:
    """The county data file's JSON Schema, with Chinese titles and descriptions (for VS Code and others)."""
    schema = schema_model().model_json_schema(by_alias=True)
    titles = _titles()
    for name, definition in [("Report", schema), *schema.get("$defs", {}).items()]:
        if name in titles:
            definition["title"], definition["description"] = titles[name]
    schema["$schema"] = SCHEMA_DIALECT
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def is_schema_text(text: str) -> bool:
    """Whether ``text`` is a schema that `generator schema` wrote (any version), safe to replace."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return (
        isinstance(data, dict) and data.get("$schema") == SCHEMA_DIALECT and data.get("title") == SCHEMA_TITLE
    )


DATED = frozenset({"疫情防控"})  # topics of a passing time: only with --全部


def usual_topics(skeleton: Skeleton) -> list[str]:
    """The topics most of the learned reports have in their summary (none of the dated ones)."""
    summary = skeleton.part("总结")
    half = skeleton.reports / 2
    return [e.topic for e in summary.topics if e.reports > half and e.topic not in DATED]


def _ordered_topics(order: tuple[str, ...], only: list[str] | None) -> list[catalogue.Topic]:
    keys = list(dict.fromkeys([*order, *catalogue.topic_keys()]))
    chosen = [k for k in keys if only is None or k in only]
    return [catalogue.topic(k) for k in chosen]


_EXAMPLES = [
    "# ---- 写法示例（用时去掉行首的「# 」，放到相应专题下）----",
    "#   养老服务:",
    "#     指标:",
    "#       高龄津贴人数: {本年: 36000, 上年: 35210}   # 写出上年，草稿会写「较上年增加……」",
    "#     自定指标:                                 # 标准指标中没有的本县数字：「名称: 数字+单位」",
    "#       互助照料中心: 13个",
    "#     工作:",
    "#     - 标题: 完成养老服务民生实事项目",
    "#       内容: 完成{适老化改造户数}特殊困难老年人家庭适老化改造，{互助照料中心}互助照料中心提档升级。",
    "#       # {名称} 引用本专题的指标或自定指标，草稿中写成「800户」「13个」",
    "#     标准句式: false                           # 只写本县自己的文字，不写模板的标准句子",
]


def scaffold(
    region: str,
    year: int,
    orders: dict[str, tuple[str, ...]],
    schema_path: str = SCHEMA_FILE,
    *,
    only: list[str] | None = None,
) -> str:
    """A commented data file that validates and drafts as it is: the topics ``only`` (all when None),
    each with its standard heading and every figure commented out with its meaning and unit."""
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# {region}{year}年工作总结及{year + 1}年工作计划的数据文件（由 generator init 生成）。",
        "# 填数字：去掉指标行首的「# 」，在冒号后写阿拉伯数字（单位已给出，不用写）；没有的不写，草稿中以黄色【待补充】标出。",
        f"# 有去年的报告：generator init {region} {year} --从 去年报告.docx 会据它写出本文件（结构、标题、上年的数）。",
        "# 有统计季报：generator fill 本文件 --季报 季报.xlsx 会把季报中的数填进来。",
    ]
    if only is not None:
        lines.append(
            f"# 这里只列出多数县都写的专题；其他专题（见 generator topics）照样加上即可，全部专题：generator init {region} {year} --全部"
        )
    lines += [
        f"单位: {scalar(region + '民政局')}  # 落款，写发文单位全称",
        f"地区: {scalar(region)}",
        f"年度: {year}",
        f"# 成文日期: {year}-12-31  # 请写实际成文日期；不写则草稿中以【待补充】标出",
        "# 主送机关: 县人民政府办公室  # 写了则导语以「现将……报告如下」结尾",
        "# 条目样式: 一是  # 工作条目写成「一是……二是……」；不写则写成 1. 2. 小标题",
        "# 报告期: 全年  # 不写即为全年；也可写 上半年、前三季度、1-10月 等",
        f"# 统计截止: {year}-10-31  # 不写则为报告期的最后一天（期末数写「截至10月底」，累计数写「1-10月」）",
    ]
    for part in catalogue.PARTS:
        lines += ["", f"{part}:"]
        for topic in _ordered_topics(orders.get(part, ()), only):
            lines += [f"  {topic.key}:", f"    标题: {topic.heading[part]}  # 可改为本县的标题"]
            if part == "总结" and topic.figures:
                lines.append("    指标:")
                lines += [f"      # {f.key}:  # {f.description}；单位 {f.unit}" for f in topic.figures]
            if part == "计划":
                lines.append(
                    "    目标: []  # 每条一句，如「- 新建老年食堂5个。」；目标数字也可写在「指标:」下"
                )
            lines.append("    工作: []  # 每条写成「- 标题: …」和「  内容: …」，或一句话")
        if part == "总结":
            lines += _EXAMPLES
    return "\n".join(lines) + "\n"
