"""For editors and new counties: the data file's JSON Schema, and a commented YAML scaffold."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from generator.data import catalogue
from generator.data.schema import schema_model

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


def _ordered_topics(order: tuple[str, ...]) -> list[catalogue.Topic]:
    keys = list(dict.fromkeys([*order, *catalogue.topic_keys()]))
    return [catalogue.topic(k) for k in keys]


def scaffold(
    region: str, year: int, orders: dict[str, tuple[str, ...]], schema_path: str = SCHEMA_FILE
) -> str:
    """A commented data file with every topic and figure, which validates and drafts as it is."""
    lines = [
        f"# yaml-language-server: $schema={schema_path}",
        f"# {region}{year}年工作总结及{year + 1}年工作计划的数据文件(由 generator init 生成)。",
        "# 数字只写阿拉伯数字,单位已由模板给出;没有的数字留空,草稿中会以黄色【待补充】标出。",
        "# 某个专题本县没有,可整段删去;要与上年比较,写成 {本年: 2188, 上年: 2050}。",
        f"单位: {region}民政局  # 落款,写发文单位全称",
        f"地区: {region}",
        f"年度: {year}",
        f"成文日期: {dt.date(year, 12, 31).isoformat()}  # 请改为实际成文日期",
        "# 报告期: 全年  # 不写即为全年;也可写 上半年、前三季度、1-10月 等",
        "# 统计截止: 如 2024-10-31;不写则为报告期的最后一天(期末数写「截至10月底」,累计数写「1-10月」)",
        "# 计划年度: 不写则为年度+1(半年、季度报告为本年度)",
        "# 主送机关: 如「县人民政府办公室」;不写则无主送机关",
        "# 导语: 开头一段;不写则用标准导语",
        "# 条目样式: 编号  # 或「一是」",
    ]
    for part in catalogue.PARTS:
        lines += ["", f"{part}:"]
        for topic in _ordered_topics(orders.get(part, ())):
            lines += [f"  {topic.key}:", f"    标题: {topic.heading[part]}  # 可改为本县的标题"]
            if topic.figures:
                lines.append("    指标:" + ("  # 计划部分填下一年的目标值" if part == "计划" else ""))
                for f in topic.figures:
                    official = f";统计指标「{f.official}」" if f.official else ""
                    lines.append(f"      {f.key}:  # {f.help};单位 {f.unit};例 {f.example}{official}")
            if part == "计划":
                lines.append("    目标: []  # 每条一句,如「- 新建老年食堂5个」")
            lines.append("    工作: []  # 每条写成「- 标题: …」和「  内容: …」,或一句话")
    return "\n".join(lines) + "\n"
