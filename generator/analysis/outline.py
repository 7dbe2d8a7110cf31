"""Outline a report: title, addressee, signature, date, page noise, and its headings with level, part, topic.

The rules follow how these reports are written (GB/T 9704 numbering 一、(一) 1. (1), "一是" items,
part headers such as "2024年工作情况"/"2025年工作计划", web-page furniture around copied text), not any
particular report. Text copied from web pages is often flattened: a title runs into the opening, and a part
header, a (一) heading and its 1. items run on in one line. Such a line is split where a numbering marker
starts a heading (after a full stop, a space, or straight after a heading that has not ended yet, and only
when the number continues the numbering so far), never inside prose such as 「1.5万人」 or 「一、二级」.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.analysis import furniture, script
from generator.analysis.reading import Line, read_lines
from generator.analysis.topics import GENERAL, GENERIC_HEADING, classify, topic_hits

# Pure functions of a line are kept for the last few thousand lines: a long report (pasted together)
# repeats its lines, and the outline asks the same of one line several times.
_KEPT = 4096

# ---- numbering ---------------------------------------------------------------------------------

_CN = "一二三四五六七八九十"
_LEVELS: list[tuple[int | str, re.Pattern[str]]] = [
    # "(一)" or "〔一〕", and "一)" whose opening bracket a conversion lost
    (2, re.compile(rf"^(?:[（(〔]\s*[{_CN}]{{1,3}}\s*[）)〕]|[{_CN}]{{1,3}}\s*[）)](?=\s*\S))")),
    (4, re.compile(r"^(?:[（(]\s*\d{1,2}\s*[）)]|[①-⑳⑴-⒇])")),
    (1, re.compile(rf"^[{_CN}]{{1,3}}\s*[、，,．.]")),
    (3, re.compile(r"^\d{1,2}\s*[.．、](?!\d)")),
    ("item", re.compile(rf"^[{_CN}]{{1,3}}是")),
]
LEVEL_ORDER = {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, "item": 5}

# A numbering marker inside a flattened line: (level, number) from the named groups.
_INNER_MARKER = re.compile(
    rf"(?P<l2>[（(〔]\s*(?P<n2>[{_CN}]{{1,3}})\s*[）)〕])"
    rf"|(?P<l4>[（(]\s*(?P<n4>\d{{1,2}})\s*[）)]|(?P<c4>[①-⑳⑴-⒇]))"
    rf"|(?P<l1>(?P<n1>[{_CN}]{{1,3}})\s*、)"
    r"|(?P<l3>(?P<n3>\d{1,2})\s*[.．、](?!\d))"
)
_SENTENCE_END = "。！？!?；;"
_SENTENCE_END_AT = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_TAG_BEFORE = re.compile(r"[。；;][（(][^（()）。]{1,12}[）)]$")  # "…。(局办公室)" before the next item
_TAG_SPAN = 16
_ANNOUNCED = re.compile(r"(总结|汇报|报告|如下)$")
_EMPTY_HEADING = 24  # characters: a heading this short that runs into the next of its list had no text
_LIST_AFTER = re.compile(rf"\s*(?:[{_CN}][、级类档星个]|\d(?!\d{{1,3}}年))")  # "一、二级", "(1)3个"

# ---- parts -------------------------------------------------------------------------------------

_OTHER_PART = re.compile(r"大事记|存在(的)?问题|主要问题|问题(和|与)不足|困难(和|与)问题|不足之处|短板弱项")
_PLAN_PART = re.compile(r"计划|思路|打算|要点|安排|下半年|下一步|展望|目标任务")
_SUMMARY_PART = re.compile(r"情况|总结|回顾|成效|亮点|成绩|主要工作|做法")
_PLAN_END = re.compile(r"(计划|思路|打算|要点|安排|展望|目标任务)$")
_SUMMARY_END = re.compile(
    r"(工作情况|工作总结|工作回顾|完成情况|开展情况|进展情况|主要成效|工作成效|工作亮点|主要成绩|取得的成绩|"
    r"工作成绩|主要工作|及成效|和成效|年工作|度工作|总结|回顾|小结|基本情况|履职情况|述职)$"
)
# Half-year and "next step" parts name their period and end with 工作/任务…: "下半年重点工作", "上半年工作".
_NEXT_PERIOD = re.compile(
    r"^(下半年|下一阶段|下阶段|下一步|下步|明年|来年)\S*(工作|任务|重点|举措|措施|目标)$"
)
_THIS_PERIOD = re.compile(r"^(上半年|今年以来|一季度|前三季度)\S*工作$")
# A title that names what was done ("上半年工作情况和下半年工作计划") starts with a summary.
_SUMMARY_TITLE = re.compile(r"总结|情况|回顾|小结|汇报|述职|成效")
# The opening of a 工作要点 states the year's requirement: "2024年全县民政工作要坚持…".
_PLAN_OPENING = re.compile(
    r"^((19|20)\d{2}年|今年|明年|新的一年)[，,]?\S{0,12}?工作(要(?!点)|的总体要求|总体要求|的总体思路|总体思路)"
)
# A speech (「…在…会议上的讲话」, or opening with 「同志们：」) has no summary part unless a header says so.
_SPEECH = re.compile(r"讲话|发言|^同志们[:：]?$")

# ---- head and closing --------------------------------------------------------------------------

_DATE = re.compile(r"^\s*((19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_SIGNATURE_END = re.compile(r"(局|委员会|委|政府|办公室|中心|厅|部|站|院|党组)$")
_TITLE_WORDS = re.compile(r"总结|计划|报告|要点|思路|小结|述职|汇报|安排|打算|讲话|工作重点")
# A bare first line that only names the year and the kind of report: 「2024年工作总结」, 「2025年工作要点」.
_BARE_TITLE = re.compile(
    r"^(19|20)\d{2}年度?(上半年|下半年|\S{0,6})?(民政)?工作(总结|计划|要点|安排|思路|打算)\S{0,8}$"
)
# A contents page: a run of numbered lines with no text under any of them, before the title or the text.
MIN_CONTENTS = 6
_CONTENTS_WORD = re.compile(r"^(本文)?目\s*录[:：]?$")
_INLINE_CONTENTS = re.compile(r"(本文)?目录")
_COUNT_SUFFIX = re.compile(r"\d+篇$")
# What a sharing site adds to a title: a keyword in 【】 before it, a file type or "(完整文档)" after it.
_TITLE_PREFIX = re.compile(r"^【[^】]{1,20}】(?=\S{6})")
_TITLE_SUFFIX = re.compile(
    r"(\s*\.(docx?|pdf|wps|txt)|\s*[（(](完整文档|完整版|完整|word版|可编辑|精选\d*篇|\d+篇)[）)])$",
    re.IGNORECASE,
)
# What a report's own title names: the issuing body and the year (「某区民政局2023年工作总结和…」).
_TITLE_HEAD = re.compile(r"(局|办|委员会|政府|民政)\S{0,6}(19|20)\d{2}")
_CLAUSE_END = re.compile(r"[，,。；;：:、\s]")
# A title glued to the first heading of the text: the title word, then 一、/(一)/1. at once.
_GLUED_HEADING = re.compile(rf"({_TITLE_WORDS.pattern})(?=(一\s*、|[（(]\s*一\s*[）)]|1\s*[.．、]\D))")
_GLUE_WINDOW = 100
# Lines of a form or schedule ("(1)时间：…") are content, not headings.
_FORM_LINE = re.compile(
    r"^\S{0,4}?(时间|日期|地点|地址|参加人员|参会人员|出席人员|参加对象|主持人?|议程|主题|对象|方式|联系人|联系电话|电话|"
    r"邮箱|报名方式|截止时间|负责人|责任单位|牵头单位|承办单位|内容)\s*[:：]"
)


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
    seq: int = 0  # order among the headings that start in the same (flattened) line


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


@dataclass(frozen=True)
class _Segment:
    """A line, or the part of a flattened line from one heading marker to the next."""

    line: int
    text: str
    style_level: int | None = None


def clean(text: str) -> str:
    """A line without surrounding (including full-width) spaces."""
    return text.strip().strip("\u3000\u00a0\ufeff").strip()


def is_noise(text: str) -> bool:
    """Whether a line is the hosting web page's rather than the report's."""
    return furniture.is_noise(text)


@lru_cache(maxsize=_KEPT)
def numbering_level(text: str) -> int | str | None:
    """The heading level a line's opening numbering gives: 1 一、 2 (一) 3 1. 4 (1), "item" 一是."""
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return None


# Where a heading that is not closed by 。 gives way to its body: "1.五保工作:目前…", "一、加大投入 今年,…".
_LEAD_END = re.compile(r"[：:](?=.{10})|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")


@lru_cache(maxsize=_KEPT)
def heading_text(text: str) -> str:
    """A heading up to its first 。 (the rest of the line is its body), trailing punctuation dropped.

    A heading that runs on into its body without a 。 ends at a colon or at a space between two words.
    """
    head = text.split("。", 1)[0]
    start = m.end() if (m := _INNER_MARKER.match(head)) else 0
    lead = _LEAD_END.search(head, start + 2)
    if lead:
        head = head[: lead.start()]
    return head.rstrip("：:；;，,、 ")


@lru_cache(maxsize=_KEPT)
def strip_numbering(text: str) -> str:
    for _, pattern in _LEVELS:
        m = pattern.match(text)
        if m:
            return text[m.end() :].strip()
    return text


@lru_cache(maxsize=_KEPT)
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
    undated = re.sub(r"^((19|20)\d{2}|x{2,4})年度?", "", core, flags=re.IGNORECASE)
    if plan_end or _NEXT_PERIOD.match(undated):
        return "plan"
    if _OTHER_PART.search(core):
        return "other"
    if summary_end or _THIS_PERIOD.match(undated):
        return "summary"
    return None


def _title_like(text: str) -> bool:
    if len(text) > 60 or "。" in text or not _TITLE_WORDS.search(text):
        return False
    has_both = "总结" in text and bool(re.search(r"计划|思路|打算|要点|安排", text))
    return has_both or "民政" in text or "局" in text or "报告" in text or "讲话" in text


def tidy_title(text: str) -> str:
    """A title without what a sharing site adds around it (【keyword】, "(完整文档)", ".docx")."""
    text = _TITLE_PREFIX.sub("", text)
    while (m := _TITLE_SUFFIX.search(text)) and m.start() > 0:
        text = text[: m.start()]
    return text.strip()


def _is_prose(text: str) -> bool:
    return len(text) > 40 or text.endswith(("。", "如下：", "如下:", "如下"))


def outline(path: Path) -> Outline:
    """Outline the report at ``path`` (.txt or .docx)."""
    return outline_lines(read_lines(path), file=str(path))


def outline_lines(lines: list[Line], *, file: str = "") -> Outline:
    result = Outline(file=file)
    written = {ln.number: clean(ln.text) for ln in lines}
    # Every rule reads the reading form (Simplified, no stray spaces); the outline shows text as written.
    raw = {number: script.reading(text) for number, text in written.items()}
    content = [ln for ln in lines if raw[ln.number]]
    # A preview site's page-chunk counters ("1、" … at the start of each chunk) are not headings.
    for i in furniture.chunk_counters([raw[ln.number] for ln in content]):
        raw[content[i].number] = furniture.drop_chunk_counter(raw[content[i].number])
    if content and furniture.CHUNK_FIRST.match(first := raw[content[0].number]):
        # A lone 「1、」 before a report's title run into its opening is a preview's chunk counter too.
        title, _ = _run_in_title(furniture.drop_chunk_counter(first))
        if title and _title_like(title) and _TITLE_HEAD.search(title):
            raw[content[0].number] = furniture.drop_chunk_counter(first)
    texts = {number: furniture.strip_inline(text) for number, text in raw.items()}
    # A line that was nothing but a page counter is noise.
    noise: set[int] = {ln.number for ln in content if not texts[ln.number]}

    # Everything after a "试读结束"-style cut is the hosting site's, not the report's.
    cut = next((ln.number for ln in content if furniture.CUTOFF.search(texts[ln.number])), None)
    for ln in content:
        site = is_noise(texts[ln.number]) or furniture.is_menu(written[ln.number])
        if ln.number not in noise and (site or (cut is not None and ln.number >= cut)):
            noise.add(ln.number)
    body = [ln for ln in content if ln.number not in noise]
    body, contents_title = _drop_contents(body, texts, noise)

    used = _find_head(body, texts, result, noise)
    if contents_title is not None and result.title is None:
        result.title = texts[contents_title]
        body = [ln for ln in body if ln.number != contents_title]
    body = [ln for ln in body if ln.number not in noise and ln.number not in used and texts[ln.number]]
    end = _find_closing(body, texts, result)
    result.noise = sorted(noise)
    result.headings = _headings(_segments(body[:end], texts), result.title, result.addressee)
    for h in result.headings:
        h.text = script.as_written(h.text, written[h.line])
    if result.title:
        line = next((n for n in sorted(written) if result.title in raw[n]), None)
        if line is not None:
            result.title = script.as_written(result.title, written[line])
    return result


def _drop_contents(body: list[Line], texts: dict[int, str], noise: set[int]) -> tuple[list[Line], int | None]:
    """A contents page before the text: its lines become noise. Returns the rest of the body and the line
    right after the contents when it is a short line of no sentence (the title, which may name no kind of
    report when a page cut it).

    A contents page is a run of numbered lines, each short and without a full stop, with no text under any
    of them, at the top of the text (after a 「目录」 line, if there is one), ending at the end of the text
    or at a line that is not numbered.
    """
    start = 0
    if body and _CONTENTS_WORD.match(texts[body[0].number]):
        noise.add(body[0].number)
        start = 1
    end = start
    while end < len(body):
        text = texts[body[end].number]
        if numbering_level(text) is None or len(text) > 40 or "。" in text:
            break
        end += 1
    if end - start < MIN_CONTENTS:
        return body, None
    noise.update(ln.number for ln in body[start:end])
    rest = body[end:]
    after = texts[rest[0].number] if rest else ""
    title = rest[0].number if rest and len(after) <= 40 and not re.search(r"[。，,；;：:]", after) else None
    return rest, title


def _find_head(body: list[Line], texts: dict[int, str], result: Outline, noise: set[int]) -> set[int]:
    """Title and addressee from the lines before the text proper (other lines there are page noise).

    Returns the line numbers of the title and the addressee. A title may come after page metadata, be
    repeated, be broken after 「关于」 over two lines, or run into the first line of the text.
    """
    first_text = next(
        (i for i, ln in enumerate(body) if _is_prose(texts[ln.number]) or numbering_level(texts[ln.number])),
        len(body),
    )
    head = body[:first_text]
    titles = [
        i
        for i, ln in enumerate(head)
        if _title_like(tidy_title(texts[ln.number])) or (i == 0 and _BARE_TITLE.match(texts[ln.number]))
    ]
    used: set[int] = set()
    first = 0
    if titles:
        # The last title-like line is the report's (a page title may come first); its first copy stands.
        title = tidy_title(texts[head[titles[-1]].number])
        first = next(i for i in titles if tidy_title(texts[head[i].number]) == title)
        used.add(head[first].number)
        before = texts[head[first - 1].number] if first else ""
        if before.endswith("关于") and len(before) <= 20:  # 「某局关于」 / 「2024年工作情况的报告」
            title = before + title
            used.add(head[first - 1].number)
        result.title = title
    title_line = head[first].number if titles else 0
    for ln in head:
        text = texts[ln.number]
        if ln.number in used:
            continue
        after_title = ln.number > title_line
        if after_title and text.endswith(("：", ":")) and len(text) <= 30 and result.addressee is None:
            result.addressee = text.rstrip("：:")
            used.add(ln.number)
        elif titles and (not after_title or part_of(text) is None):
            noise.add(ln.number)  # site navigation, metadata, a page title, a copy of the title
    if result.title and first_text < len(body) and not re.search(r"\d", result.title):
        # A site's name for the file drops the year the report's own title, at the head of the text, gives.
        number = body[first_text].number
        run_in, rest = _run_in_title(texts[number])
        if run_in and re.search(r"\d", run_in) and re.sub(r"\d", "", run_in) in result.title:
            result.title, texts[number] = run_in, rest
    if result.title:
        noise.update(
            ln.number for ln in body if tidy_title(texts[ln.number]) == result.title and ln.number not in used
        )
    elif first_text < len(body) and numbering_level(texts[body[first_text].number]) is None:
        number = body[first_text].number
        run_in, rest = _run_in_title(texts[number])
        if run_in:
            result.title, texts[number] = run_in, rest
    return used


def _run_in_title(text: str) -> tuple[str | None, str]:
    """A title that runs into the text after it ("…工作总结及…工作计划2022年,我局…"), and the rest."""
    split = _split_points(text, _Numbering())
    glued = _GLUED_HEADING.search(text[:_GLUE_WINDOW])  # "…工作要点一、2022年…"
    lead = text[: glued.end()] if glued else text[: split[0]] if split else text
    skip = 0
    if "汇编" in lead:  # a compilation's name, then its first report's title
        skip = lead.rindex("汇编") + 2
        lead = lead[skip:]
    contents = _INLINE_CONTENTS.search(lead)
    if contents and contents.start() >= 6:  # 「…工作总结3篇本文目录 …」: the title, the count, the contents
        lead = _COUNT_SUFFIX.sub("", lead[: contents.start()])
    clause = _CLAUSE_END.split(lead, maxsplit=1)[0]
    ends = [m.end() for m in _TITLE_WORDS.finditer(clause)]
    if not ends:
        return None, text
    title = next((clause[:e] for e in ends if clause[e:].startswith(clause[:e])), clause[: ends[-1]])
    # A clause that is all title and stands right before the first heading needs no more evidence
    # ("社会股上半年工作总结 一、…"); one that runs on into the opening must read as a report's title.
    alone = title == lead.strip() and len(title) <= 30
    if len(title) < 6 or not (alone or _title_like(title)):
        return None, text
    rest = text[skip + len(title) :]
    while rest.startswith(title):  # the title, repeated
        rest = rest[len(title) :]
    if contents and contents.start() >= 6:
        # The contents' titles run on up to the text; the last one ends before the first clause of it.
        listed = re.split(r"[，,。；;：:、]", rest, maxsplit=1)[0]
        last = [m.end() for m in _TITLE_WORDS.finditer(listed)]
        if last:
            rest = rest[last[-1] :]
    return title, rest.strip()


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


# ---- flattened lines ---------------------------------------------------------------------------


def _cn_number(text: str) -> int:
    """一 … 九十九 as a number."""
    digits = {c: i for i, c in enumerate(_CN, start=1)}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


class _Numbering:
    """The numbers met so far at each level, to tell a heading marker from a number in prose."""

    def __init__(self) -> None:
        self.last: dict[int, int] = {}

    def fits(self, level: int, number: int) -> bool:
        """A new list (1, 一), or the next number of a list already started."""
        return number == 1 or self.last.get(level, 0) + 1 == number

    def see(self, level: int, number: int) -> None:
        self.last[level] = number


def _marker(m: re.Match[str]) -> tuple[int, int]:
    if m.group("c4"):  # ① … ⑳, ⑴ … ⒇
        char = m.group("c4")
        return 4, ord(char) - (ord("①") if char <= "⑳" else ord("⑴")) + 1
    for level in (1, 2, 3, 4):
        if m.group(f"l{level}"):
            raw = m.group(f"n{level}")
            return level, int(raw) if raw.isdigit() else _cn_number(raw)
    raise AssertionError(m.group())  # pragma: no cover - the pattern has no other alternative


def _split_points(text: str, numbering: _Numbering) -> list[int]:
    """Where, inside ``text``, a numbering marker starts another heading.

    A marker starts a heading when it follows a full stop, a space or a 「。(牵头单位)」 tag, or comes straight
    after a heading of a higher level that has not ended yet ("一、2024年工作总结(一)…"); and when its number
    starts a list or continues one. 「1.5万人」, 「一、二级」, 「高三(1)班」 are none of these.
    """
    opening = numbering_level(text)
    open_level = opening if isinstance(opening, int) else None  # the heading the text is in, if not ended
    if open_level is not None:
        m = _INNER_MARKER.match(text)
        if m:
            numbering.see(*_marker(m))
    points: list[int] = []
    segment_start = 0
    # Looked up, never sliced, so that a long flattened line takes linear time.
    sentence_ends = [m.start() for m in _SENTENCE_END_AT.finditer(text)]
    text_end = len(text.rstrip())
    for m in _INNER_MARKER.finditer(text):
        i = m.start()
        if i == 0:
            continue
        level, number = _marker(m)
        boundary = (
            text[i - 1] in _SENTENCE_END
            or text[i - 1].isspace()
            or text.endswith(("如下：", "如下:"), 0, i)
            or bool(_TAG_BEFORE.search(text, max(0, i - _TAG_SPAN), i))
        )
        ended = bisect.bisect_left(sentence_ends, i) > bisect.bisect_left(sentence_ends, segment_start)
        run_on = open_level is not None and level > open_level and not ended
        # 「…现将工作情况总结一、…」: the first heading right after the words that announce the text.
        announced = number == 1 and bool(_ANNOUNCED.search(text, max(0, i - 6), i))
        # 「二、…工作三、…」: a heading with nothing under it, and the next one of the same list at once.
        empty = (
            open_level == level
            and number == numbering.last.get(level, 0) + 1
            and not ended
            and 0 < i - segment_start <= _EMPTY_HEADING
        )
        boundary = boundary or announced or empty
        if not (boundary or run_on) or not numbering.fits(level, number):
            continue
        if m.end() >= text_end or _LIST_AFTER.match(text, m.end()):
            continue
        numbering.see(level, number)
        points.append(i)
        segment_start, open_level = i, level
    return points


def _segments(body: list[Line], texts: dict[int, str]) -> list[_Segment]:
    """The lines of the text, flattened lines split where a heading starts inside them."""
    numbering = _Numbering()
    segments: list[_Segment] = []
    for ln in body:
        text = texts[ln.number]
        cuts = [0, *_split_points(text, numbering), len(text)]
        for start, end in itertools.pairwise(cuts):
            part = text[start:end].strip()
            if part:
                segments.append(_Segment(ln.number, part, ln.style_level if start == 0 else None))
    return segments


# ---- headings ----------------------------------------------------------------------------------

_Found = tuple[int, int | str, str | None]  # segment index, level, part


def _headings(segments: list[_Segment], title: str | None, addressee: str | None = None) -> list[Heading]:
    found: list[_Found] = []
    for i, seg in enumerate(segments):
        text = seg.text
        level = numbering_level(text)
        if level is not None and _FORM_LINE.match(strip_numbering(text)):
            continue
        # An unnumbered sentence (「推动4家养老机构纳入香港院舍照顾服务计划。」) is not a part header.
        sentence = level is None and text.rstrip().endswith("。")
        part = part_of(text) if (level in (None, 1) and not sentence) or seg.style_level == 1 else None
        if level is None and seg.style_level is not None and not _is_prose(text):
            level = 0 if part else seg.style_level
        if level is None and part is not None:
            level = 0
        if level is not None:
            found.append((i, level, part))
    found = _drop_lists(found, segments)
    speech = addressee is not None and _SPEECH.match(addressee) is not None
    return _assign(found, segments, "other" if speech else _default_part(title, segments, found))


def _default_part(title: str | None, segments: list[_Segment], found: list[_Found]) -> str:
    """The part of headings before any part header: from the title, else from the opening paragraph."""
    first = found[0][0] if found else len(segments)
    if title:
        if _SPEECH.search(title):
            return "other"
        return "plan" if _PLAN_PART.search(title) and not _SUMMARY_TITLE.search(title) else "summary"
    if any(_SPEECH.match(s.text) for s in segments[:first]):
        return "other"
    opening = next((s.text for s in segments[:first] if _is_prose(s.text)), "")
    return "plan" if _PLAN_OPENING.match(opening) else "summary"


def _drop_lists(found: list[_Found], segments: list[_Segment]) -> list[_Found]:
    """A long run of short one-sentence numbered lines (an honours list) is a list, not headings."""
    result: list[_Found] = []
    run: list[_Found] = []
    for item in [*found, None]:
        listed = item is not None and item[1] == 3 and _list_like(segments[item[0]].text)
        if item is not None and listed and (not run or item[0] == run[-1][0] + 1):
            run.append(item)
            continue
        if len(run) < 5:
            result.extend(run)
        run = []
        if item is not None:
            if listed:
                run = [item]
            else:
                result.append(item)
    return result


def _list_like(text: str) -> bool:
    body = text.rstrip("。；;")
    return len(body) <= 60 and "。" not in body


def _assign(found: list[_Found], segments: list[_Segment], part: str) -> list[Heading]:
    """Give every heading its part and topic (from its words, its children, or the text under it)."""
    headings: dict[int, Heading] = {}  # segment index -> heading
    below: dict[int, tuple[list[int], str]] = {}  # section -> (direct child segments, text under it)
    per_line: dict[int, int] = {}
    for n, (i, level, part_here) in enumerate(found):
        seg = segments[i]
        seq = per_line.get(seg.line, 0)
        per_line[seg.line] = seq + 1
        if part_here is not None and LEVEL_ORDER[level] <= 1:
            part = part_here
            headings[i] = Heading(seg.line, level, "part", part, None, [], heading_text(seg.text), seq)
            continue
        below[i] = _below(found, n, segments)
        headings[i] = Heading(seg.line, level, "section", part, None, [], heading_text(seg.text), seq)
    last = found[-1][0] if found else -1
    # Topics: deepest first, so that a heading can look at what its children are about.
    for i, h in sorted(headings.items(), key=lambda kv: -LEVEL_ORDER[kv[1].level]):
        if h.kind == "part":
            continue
        child_segments, under = below[i]
        child_topics = [t for c in child_segments if (t := headings[c].topic)]
        own = segments[i].text.split("。", 1)
        words = strip_numbering(h.text)
        if child_segments == [last] and child_topics and not topic_hits(words):
            # The text is cut off after the section's first point: what the rest was about is unknown.
            h.topic, h.topics = GENERAL, [t for t in child_topics if t != GENERAL]
            continue
        h.topic, h.topics = classify(words, (own[1] if len(own) > 1 else "") + under, child_topics)
    ordered = [headings[i] for i, _, _ in found]
    _inherit_topics(ordered)
    return ordered


def _inherit_topics(headings: list[Heading]) -> None:
    """A sub-heading whose own words name no topic and whose text spreads over several is about its parent's.

    「1.全力做好特殊群体关心关爱」 under 「(一)坚决打赢民政领域疫情防控阻击战」 lists allowances of four or five
    topics, but it is a point of the epidemic section. Only a parent that names one topic passes it on; a
    heading naming a group (社会事务, 工作亮点 …) keeps grouping.
    """
    open_headings: list[Heading] = []
    for h in headings:
        while open_headings and LEVEL_ORDER[open_headings[-1].level] >= LEVEL_ORDER[h.level]:
            open_headings.pop()
        parent = open_headings[-1] if open_headings else None
        words = strip_numbering(h.text)
        if (
            parent is not None
            and parent.kind == "section"
            and parent.topic != GENERAL
            and h.kind == "section"
            and h.topic == GENERAL
            and not topic_hits(words)
            and not GENERIC_HEADING.search(words)
        ):
            named = topic_hits(strip_numbering(parent.text))
            if len(named) == 1:
                h.topic = next(iter(named))
                h.topics = [h.topic]
        open_headings.append(h)


def _below(found: list[_Found], n: int, segments: list[_Segment]) -> tuple[list[int], str]:
    """Direct child headings of found[n], and the text up to the next heading."""
    i, level, _ = found[n]
    children: list[tuple[int, int]] = []
    for j in range(n + 1, len(found)):  # by index: no copies of the list, linear overall
        other, other_level, other_part = found[j]
        if LEVEL_ORDER[other_level] <= LEVEL_ORDER[level] or (other_part and LEVEL_ORDER[other_level] <= 1):
            break
        children.append((other, LEVEL_ORDER[other_level]))
    next_heading = found[n + 1][0] if n + 1 < len(found) else len(segments)
    under = "".join(s.text for s in segments[i + 1 : next_heading])
    # Only direct children count: a grandchild's topic is already in its parent's.
    top = min((lv for _, lv in children), default=None)
    return [c for c, lv in children if lv == top], under


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
        where = f"{h.line}#{h.seq}" if h.seq else str(h.line)
        lines.append(f"{where:>6}  {'  ' * depth}{h.text}  [{names[h.part]}·{what}]")
    return "\n".join(lines)
