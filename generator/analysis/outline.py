"""Outline a report: title, addressee, signature, date, page noise, and its headings with level, part, topic.

The rules follow how these reports are written (GB/T 9704 numbering 一、(一) 1. (1), "一是" items,
part headers such as "2024年工作情况"/"2025年工作计划", web-page furniture around copied text), not any
particular report.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from generator.analysis.reading import Line, read_lines
from generator.analysis.topics import GENERAL, classify

# ---- numbering ---------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_LEVELS: list[tuple[int | str, re.Pattern[str]]] = [
    (2, re.compile(rf"^[（(]\s*[{_CN}]{{1,3}}\s*[）)]")),
    (4, re.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|[①-⑳])")),
    (1, re.compile(rf"^[{_CN}]{{1,3}}\s*[、，,．.]")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    ("item", re.compile(rf"^[{_CN}]{{1,3}}是")),
]
LEVEL_ORDER = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, "item": 5}
Found = tuple[Line, int | str, str | None]  # a heading line, its level, the part it opens (if any)

# ---- parts -------------------------------------------------------------------------------------

_OTHER_PART = re.compile(r"大事记|存在(的)?问题|问题(和|与)不足|困难(和|与)问题|不足之处|短板弱项")
_PLAN_PART = re.compile(r"计划|思路|打算|要点|安排|下半年|下一步|展望|目标任务")
_SUMMARY_PART = re.compile(r"情况|总结|回顾|成效|亮点|成绩|主要工作|做法")
_YEAR = re.compile(r"(19|20)\d{2}\s*年度?")
_PLAN_END = re.compile(r"(计划|思路|打算|要点|安排|展望|目标任务)$")
_SUMMARY_END = re.compile(
    r"(工作情况|工作总结|工作回顾|完成情况|开展情况|进展情况|主要成效|工作成效|工作亮点|主要成绩|取得的成绩|"
    r"工作成绩|主要工作|及成效|和成效|年工作|度工作|总结|回顾)$"
)

# ---- page furniture ----------------------------------------------------------------------------

# Lines that are the hosting site's wherever they stand and however long they are.
_NOISE_ALWAYS = re.compile(
    r"扫一扫|手机(上)?(查看|打开|阅读)当前|试读结束|查阅全文|加微信|写作网|本文内容由|如若转载|请注明出处|"
    r"https?://|www\.|@qq\.com"
)
# Page furniture: navigation, publishing metadata, widgets. Only short lines: these words occur in prose too.
_NOISE_SHORT = re.compile(
    r"当前(的)?位置|首页\s*[>＞»]|[>＞»]\s*\S+\s*[>＞»]|无障碍|长者(助手|模式)|^登录|^注册|信息来源|来源[:：]|"
    r"发布(日期|时间)|浏览次数|阅读(次数|量)|访问量|索引号|发文字号|主题分类|体裁分类|服务对象|成文日期[:：]|"
    r"分享[:：]?$|^分享到|字号[:：]|[【\[]\s*(字体|字号)|^\s*(大|中|小)\s+(大|中|小)|打印本页|关闭窗口|^打印$|"
    r"^关闭$|版权(所有|声明)|侵权|举报|上一篇|下一篇|相关(链接|阅读|文章)|责任编辑|编辑[:：]|^•|^·|"
    r"^[\d\-/:\s]{8,}$|^\d{6,}[/\-]\d+|【(大|中|小)】|^收藏$|^纠错$"
)
_SHORT = 40


def is_noise(text: str) -> bool:
    """Whether a line is the hosting web page's rather than the report's."""
    if _NOISE_ALWAYS.search(text):
        return True
    return len(text) <= _SHORT and "。" not in text and bool(_NOISE_SHORT.search(text))


_CUTOFF = re.compile(r"试读结束|查阅全文|以下内容(需|仅)|下载(全文|完整)")
_DATE = re.compile(r"^\s*((19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_SIGNATURE_END = re.compile(r"(局|委员会|委|政府|办公室|中心|厅|部|站|院|党组)$")
_TITLE_WORDS = re.compile(r"总结|计划|报告|要点|思路")


@dataclass
class Heading:
    """One heading of the outline (a part header, a numbered section heading, or an 一是 item)."""

    line: int
    level: int | str
    kind: str  # part | section
    part: str  # summary | plan | other
    topic: str | None
    topics: list[str]
    text: str


@dataclass
class Outline:
    """The structure of one report."""

    file: str
    title: str | None = None
    addressee: str | None = None
    signature: str | None = None
    date: str | None = None
    noise: list[int] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def clean(text: str) -> str:
    """A line without surrounding (including full-width) spaces."""
    return text.strip().strip("\u3000\u00a0\ufeff").strip()


def numbering_level(text: str) -> int | str | None:
    """The heading level a line's opening numbering gives: 1 一、 2 (一) 3 1. 4 (1), "item" 一是."""
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return None


def heading_text(text: str) -> str:
    """A heading up to its first 。 (the rest of the line is its body), trailing punctuation dropped."""
    head = text.split("。", 1)[0]
    return head.rstrip("：:；;，,、 ")


def strip_numbering(text: str) -> str:
    for _, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            return text[m.end() :].strip()
    return text


def part_of(text: str) -> str | None:
    """summary/plan/other when ``text`` reads as a part header ("2024年工作情况", "二、下一步工作打算").

    A part header ends with its part word; a section heading that merely mentions 计划 or 成效 in passing
    ("完善工作机制,抓好计划落实") is not one.
    """
    core = heading_text(strip_numbering(text)).rstrip("如下：:")
    if not core or len(core) > 24 or "局" in core or "，" in core or "," in core:
        return None
    plan_end, summary_end = bool(_PLAN_END.search(core)), bool(_SUMMARY_END.search(core))
    if (
        plan_end
        and _SUMMARY_PART.search(core.split("和")[0].split("及")[0])
        and ("和" in core or "及" in core)
    ):
        return None  # "…工作总结和…工作计划" is a title, not a part header
    if plan_end:
        return "plan"
    if _OTHER_PART.search(core):
        return "other"
    if summary_end:
        return "summary"
    return None


def _title_like(text: str) -> bool:
    if len(text) > 60 or "。" in text or not _TITLE_WORDS.search(text):
        return False
    has_both = "总结" in text and ("计划" in text or "思路" in text or "打算" in text)
    return has_both or "民政" in text or "局" in text or "报告" in text


def _is_prose(text: str) -> bool:
    return len(text) > 40 or text.endswith(("。", "如下：", "如下:", "如下"))


def outline(path: Path) -> Outline:
    """Outline the report at ``path`` (.txt or .docx)."""
    return outline_lines(read_lines(path), file=str(path))


def outline_lines(lines: list[Line], *, file: str = "") -> Outline:
    result = Outline(file=file)
    texts = {ln.number: clean(ln.text) for ln in lines}
    content = [ln for ln in lines if texts[ln.number]]
    noise: set[int] = set()

    # Everything after a "试读结束"-style cut is the hosting site's, not the report's.
    cut = next((ln.number for ln in content if _CUTOFF.search(texts[ln.number])), None)
    for ln in content:
        if is_noise(texts[ln.number]) or (cut is not None and ln.number >= cut):
            noise.add(ln.number)
    body = [ln for ln in content if ln.number not in noise]

    used = _find_head(body, texts, result, noise)
    body = [ln for ln in body if ln.number not in noise and ln.number not in used]
    end = _find_closing(body, texts, result)
    result.noise = sorted(noise)
    result.headings = _headings(body[:end], texts, result.title)
    return result


def _find_head(body: list[Line], texts: dict[int, str], result: Outline, noise: set[int]) -> set[int]:
    """Title and addressee from the lines before the text proper (other lines there are page noise).

    Returns the line numbers of the title and the addressee.
    """
    first_text = next(
        (i for i, ln in enumerate(body) if _is_prose(texts[ln.number]) or numbering_level(texts[ln.number])),
        len(body),
    )
    head = body[:first_text]
    title_index = max((i for i, ln in enumerate(head) if _title_like(texts[ln.number])), default=None)
    used: set[int] = set()
    if title_index is not None:
        result.title = texts[head[title_index].number]
        used.add(head[title_index].number)
        # Site navigation, metadata, a page title or an earlier copy of the title.
        noise.update(ln.number for ln in head[:title_index])
    for ln in head[(title_index + 1 if title_index is not None else 0) :]:
        text = texts[ln.number]
        if text.endswith(("：", ":")) and len(text) <= 30 and result.addressee is None:
            result.addressee = text.rstrip("：:")
            used.add(ln.number)
        elif part_of(text) is None and title_index is not None:
            noise.add(ln.number)
    if result.title:
        noise.update(ln.number for ln in body if texts[ln.number] == result.title and ln.number not in used)
    return used


def _find_closing(body: list[Line], texts: dict[int, str], result: Outline) -> int:
    """Signature (落款) and date from the last lines; returns where the text proper ends."""
    end = len(body)
    if end and _DATE.match(texts[body[end - 1].number]):
        m = _DATE.match(texts[body[end - 1].number])
        assert m is not None
        result.date = f"{m.group(1)}年{int(m.group(3))}月{int(m.group(4))}日"
        end -= 1
    if end:
        last = texts[body[end - 1].number]
        if len(last) <= 25 and not re.search(r"[，。,；;：:]", last) and _SIGNATURE_END.search(last):
            result.signature = last
            end -= 1
    return end


def _headings(body: list[Line], texts: dict[int, str], title: str | None) -> list[Heading]:
    found: list[Found] = []
    for ln in body:
        text = texts[ln.number]
        level = numbering_level(text)
        part = part_of(text) if level in (None, 1) or ln.style_level == 1 else None
        if level is None and ln.style_level is not None and not _is_prose(text):
            level = 0 if part else ln.style_level
        if level is None and part is not None:
            level = 0
        if level is not None:
            found.append((ln, level, part))
    found = _drop_lists(found, texts)
    default_part = "plan" if title and _PLAN_PART.search(title) and "总结" not in title else "summary"
    return _assign(found, body, texts, default_part)


def _drop_lists(found: list[Found], texts: dict[int, str]) -> list[Found]:
    """A long run of short one-sentence numbered lines (an honours list) is a list, not headings."""
    result: list[Found] = []
    run: list[Found] = []
    for item in [*found, None]:
        if (
            item is not None
            and item[1] == 3
            and _list_like(texts[item[0].number])
            and (not run or item[0].number == run[-1][0].number + 1)
        ):
            run.append(item)
            continue
        if len(run) < 5:
            result.extend(run)
        run = []
        if item is not None:
            if item[1] == 3 and _list_like(texts[item[0].number]):
                run = [item]
            else:
                result.append(item)
    return result


def _list_like(text: str) -> bool:
    body = text.rstrip("。；;")
    return len(body) <= 60 and "。" not in body


def _assign(found: list[Found], body: list[Line], texts: dict[int, str], part: str) -> list[Heading]:
    """Give every heading its part and topic (from its words, its children, or the text under it)."""
    headings: list[Heading] = []
    below: dict[int, tuple[list[int], str]] = {}  # section line -> (direct child lines, text under it)
    index = {ln.number: i for i, ln in enumerate(body)}
    levels = {ln.number: LEVEL_ORDER[lv] for ln, lv, _ in found}
    for n, (ln, level, part_here) in enumerate(found):
        text = texts[ln.number]
        if part_here is not None and LEVEL_ORDER[level] <= 1:
            part = part_here
            headings.append(Heading(ln.number, level, "part", part, None, [], heading_text(text)))
            continue
        below[ln.number] = _below(found, n, body, index, texts, levels)
        headings.append(Heading(ln.number, level, "section", part, None, [], heading_text(text)))
    # Topics: deepest first, so that a heading can look at what its children are about.
    by_line = {h.line: h for h in headings}
    for h in sorted(headings, key=lambda h: -LEVEL_ORDER[h.level]):
        if h.kind == "part":
            continue
        child_lines, under = below[h.line]
        children = [by_line[c] for c in child_lines]
        child_topics = [c.topic for c in children if c.topic]
        own = texts[h.line].split("。", 1)
        h.topic, h.topics = classify(
            strip_numbering(h.text), (own[1] if len(own) > 1 else "") + under, child_topics
        )
    return headings


def _below(
    found: list[Found],
    n: int,
    body: list[Line],
    index: dict[int, int],
    texts: dict[int, str],
    levels: dict[int, int],
) -> tuple[list[int], str]:
    """Child headings of found[n], and the text up to the next heading (no copies: linear overall)."""
    ln, level, _ = found[n]
    children = []
    for j in range(n + 1, len(found)):
        other, other_level, other_part = found[j]
        if LEVEL_ORDER[other_level] <= LEVEL_ORDER[level] or (other_part and LEVEL_ORDER[other_level] <= 1):
            break
        children.append(other.number)
    next_line = found[n + 1][0].number if n + 1 < len(found) else None
    under = []
    for i in range(index[ln.number] + 1, len(body)):
        if next_line is not None and body[i].number >= next_line:
            break
        under.append(texts[body[i].number])
    # Only direct children count: a grandchild's topic is already in its parent's.
    return _direct(children, levels), "".join(under)


def _direct(children: list[int], levels: dict[int, int]) -> list[int]:
    if not children:
        return []
    top = min(levels[c] for c in children)
    return [c for c in children if levels[c] == top]


def render_plain(result: Outline) -> str:
    """The outline for people: one line per heading, indented by level."""
    lines = [
        f"文件: {result.file}",
        f"标题: {result.title or '(无)'}",
        f"主送: {result.addressee or '(无)'}",
        f"落款: {result.signature or '(无)'}    日期: {result.date or '(无)'}",
        f"噪声行: {', '.join(map(str, result.noise)) or '(无)'}",
    ]
    names = {"summary": "总结", "plan": "计划", "other": "其他"}
    for h in result.headings:
        depth = LEVEL_ORDER[h.level]
        what = "【部分】" if h.kind == "part" else (h.topic or "")
        if h.topic == GENERAL and h.topics:
            what += "(" + "、".join(h.topics) + ")"
        lines.append(f"{h.line:>4}  {'  ' * depth}{h.text}  [{names[h.part]}·{what}]")
    return "\n".join(lines)
