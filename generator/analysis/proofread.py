"""`generator 审读`: the slips an office director marks in a draft, found in any report (ours or edited).

Each rule is a small function over the report's paragraphs (with the headings above them) that yields
findings: the rule, where, the offending text, and what to write instead. The rules are tuned to stay
quiet on real reports (their false hits were measured on real report texts); what they cannot tell from
the text alone (the county's units, the 统计截止 date) comes from the county file when it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from generator.analysis import proofdoc
from generator.analysis.countyunits import Written, scale, written_units
from generator.analysis.proofdoc import Paragraph, ProofDoc
from generator.data.facts import UNITS, facts
from generator.data.period import month_end

RULES = {
    "doubled": "重复词语",
    "approx": "余约位置",
    "measure": "量词缺名词",
    "period": "时间与报告期不符",
    "plan_summary": "计划写成总结",
    "ordinal": "序号孤立或叠用",
    "opener": "开头重复",
    "stacked": "范围与时间叠用",
    "unit": "单位与数据文件不同",
    "empty": "空的部分",
}


@dataclass(frozen=True)
class Finding:
    """One slip: which rule, where (paragraph number and headings), the text quoted, what to write."""

    rule: str
    paragraph: int
    where: str
    text: str
    message: str

    @property
    def label(self) -> str:
        return RULES[self.rule]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}

    def line(self) -> str:
        """One line of the plain report."""
        return f"第{self.paragraph}段（{self.where}）【{self.label}】{self.message}"


def _at(p: Paragraph, rule: str, text: str, message: str) -> Finding:
    return Finding(rule, p.number, p.where, text, message)


_CN = "一二三四五六七八九十"
_NUM = r"\d+(?:\.\d+)?[万亿]?"
_UNITS = tuple(u for u in UNITS if u not in ("%", "％"))  # longest first


def _unit_at(text: str, at: int) -> str:
    """The unit that starts at ``at`` in ``text`` ("" when none does)."""
    return next((u for u in _UNITS if text.startswith(u, at)), "")


# ---- 1. doubled words --------------------------------------------------------------------------

_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
# Reduplication that is Chinese, not a slip: verbs tried out (研究研究), and 一X一X (一步一步).
DOUBLED_ALLOWED = frozenset({"研究", "讨论", "商量", "考虑", "学习", "了解", "看看", "说说", "想想"})


def doubled(doc: ProofDoc) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for m in _DOUBLED.finditer(p.text):
            word = m.group(1)
            if len(set(word)) == 1 or word[0] == "一" or word in DOUBLED_ALLOWED:
                continue  # 常常常常 / 人人 are not slips of this kind; 一步一步 is reduplication
            yield _at(p, "doubled", m.group(0), f"「{m.group(0)}」重复了「{word}」，删去一个")


# ---- 2. 余 and 约 ---------------------------------------------------------------------------------

_NUMBER = re.compile(rf"(?<![\d.])({_NUM})")
_NOT_APPROX = set("额下款量粮生热温地")  # 余额, 余下…: words, not 「余」 after a unit
_YUE_YU = re.compile(rf"((?<![预签节制公履违特邀合契相誓婚租集])约|近)({_NUM})余")
_YUE = re.compile(rf"(?<![预签节制公履违特邀合契相誓婚租集])约({_NUM})")


def _yu_after_unit(text: str) -> Iterator[tuple[str, str, str]]:
    """(quoted, number, unit) of each 「8000条余」 / 「8000条余条」 in ``text``."""
    for m in _NUMBER.finditer(text):
        unit = _unit_at(text, m.end())
        after = m.end() + len(unit)
        if unit and text.startswith("余", after) and text[after + 1 : after + 2] not in _NOT_APPROX:
            end = after + 1 + (len(unit) if text.startswith(unit, after + 1) else 0)
            yield text[m.start() : end], m.group(1), unit


def approx(doc: ProofDoc) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for quoted, number, unit in _yu_after_unit(p.text):
            yield _at(p, "approx", quoted, f"「{quoted}」：「余」应紧跟数字，写作「{number}余{unit}」")
        for m in _YUE_YU.finditer(p.text):
            word, number, unit = m.group(1), m.group(2), _unit_at(p.text, m.end())
            quoted = m.group(0) + unit
            yield _at(
                p,
                "approx",
                quoted,
                f"「{quoted}」：「{word}」与「余」不能同用，写作「{word}{number}{unit}」或「{number}余{unit}」",
            )
        for m in _YUE.finditer(p.text):
            unit = _unit_at(p.text, m.end())
            if p.text.startswith("左右", m.end() + len(unit)):
                quoted = m.group(0) + unit + "左右"
                yield _at(
                    p,
                    "approx",
                    quoted,
                    f"「{quoted}」：「约」与「左右」不能同用，写作「约{m.group(1)}{unit}」",
                )


# ---- 3. measure words without their noun --------------------------------------------------------

_VERB_AFTER_MEASURE = re.compile(
    rf"(?<![\d.])({_NUM}余?)(名|位)(发放|提供|开展|办理|实施|给予|落实|兑现|慰问|走访|进行)(?!对象|人员)"
)
_PERSON_AFTER_REN = re.compile(
    rf"(?<![\d.])({_NUM}余?)人(困难群众|群众|老年人|老人|儿童|孤儿|学生|居民|村民|妇女|职工|志愿者|新人)"
)
_NOTHING_COUNTED = re.compile(
    rf"((?:^|[，。；：]|全[市县区州旗镇乡]|[我本][市县区局])共有)({_NUM}余?)(名|位)(?=[。，；])"
)


def measure(doc: ProofDoc) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for m in _VERB_AFTER_MEASURE.finditer(p.text):
            yield _at(
                p,
                "measure",
                m.group(0),
                f"「{m.group(0)}」：「{m.group(2)}」后少了所指的人，如「{m.group(1)}{m.group(2)}老年人{m.group(3)}」",
            )
        for m in _PERSON_AFTER_REN.finditer(p.text):
            yield _at(
                p,
                "measure",
                m.group(0),
                f"「{m.group(0)}」：「人」与「{m.group(2)}」重复，写作「{m.group(1)}名{m.group(2)}」",
            )
        for m in _NOTHING_COUNTED.finditer(p.text):
            quoted = m.group(0).lstrip("，。；：")
            yield _at(p, "measure", quoted, f"「{quoted}」：没有说是什么人，在「{m.group(3)}」后补上名词")


# ---- 4. period words ------------------------------------------------------------------------------

_AS_OF = re.compile(
    r"截[至止](?:((?:19|20)\d{2})年)?(?:(年底|年末)|(\d{1,2})月(?:(\d{1,2})日|(底|末))?份?)(?![\d份]*[-—至到])"
)
_WHOLE_YEAR = re.compile(
    r"全年(?:累计|共计?|新增|新纳入|发放|救助|办理|支出|投入|接待|登记|受理|资助|募集|销售|开展)"
)


def _claimed(m: re.Match[str], year: int) -> dt.date | None:
    year = int(m.group(1)) if m.group(1) else year
    if m.group(2):
        return dt.date(year, 12, 31)
    month = int(m.group(3))
    if not 1 <= month <= 12:
        return None
    if not m.group(4) and m.group(5) is None:
        return dt.date(year, month, 1)  # 截至12月: as of some day of December
    if m.group(4):
        try:
            return dt.date(year, month, int(m.group(4)))
        except ValueError:
            return None
    return month_end(year, month)


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def period(doc: ProofDoc) -> Iterator[Finding]:
    t = doc.timing
    if t.year is None:
        return
    summary = [p for p in doc.paragraphs if p.part != "plan"]
    stock = t.words.stock if t.words else None
    for p in summary:
        for m in _AS_OF.finditer(p.text):
            claimed = _claimed(m, t.year)
            if claimed is None:
                continue
            if t.cutoff and claimed > t.cutoff:
                yield _at(
                    p,
                    "period",
                    m.group(0),
                    f"「{m.group(0)}」晚于统计截止（{_cn_date(t.cutoff)}），写作「{stock}」",
                )
            elif t.dated and claimed > t.dated and t.cutoff is None:  # a 统计截止 given is the clerk's word
                yield _at(
                    p,
                    "period",
                    m.group(0),
                    f"「{m.group(0)}」晚于成文日期（{_cn_date(t.dated)}），数字还统计不到那天，"
                    "写作「截至目前」或统计截止的日期",
                )
            elif t.period_end and claimed > t.period_end and t.period:
                end = t.period_end
                yield _at(
                    p,
                    "period",
                    m.group(0),
                    f"「{m.group(0)}」超出了报告期「{t.period.label}」，写作「截至{end.month}月底」",
                )
        if t.part_year or (t.cutoff and t.cutoff < dt.date(t.year, 12, 31)):
            said = t.words.flow if t.words else (t.period.label if t.period else "")
            why = f"这是「{t.period.label}」的报告" if t.part_year and t.period else "数字只统计到统计截止"
            for m in _WHOLE_YEAR.finditer(p.text):
                yield _at(p, "period", m.group(0), f"「{m.group(0)}」：{why}，写作「{said}{m.group(0)[2:]}」")


# ---- 5. a plan 「总结如下」 -----------------------------------------------------------------------

_PLAN_SUMMED = re.compile(r"[^。：]*(?:计划|打算|思路|安排)[^。：]{0,20}总结如下")


def plan_summary(doc: ProofDoc) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for m in _PLAN_SUMMED.finditer(p.text):
            quoted = m.group(0)[-24:]
            yield _at(
                p, "plan_summary", quoted, f"「{quoted}」：计划不是总结，写作「报告如下」或「汇报如下」"
            )


# ---- 6. lone and stacked ordinals ------------------------------------------------------------------

_ORDINAL = re.compile(rf"(?:^|(?<=[。；：，\s]))([{_CN}]{{1,2}})是(?![否非的])")
_STACKED_ORDINAL = re.compile(
    rf"[{_CN}]{{1,2}}是(?:一方面|首先|其一|第一[，、]|\d{{1,2}}[.、．](?!\d)|（[{_CN}\d]{{1,2}}）)"
)


def _core(text: str) -> str:
    """A heading or paragraph without its numbering and closing punctuation."""
    text = re.sub(rf"^(?:[（(][{_CN}\d]{{1,3}}[)）]|[{_CN}]{{1,3}}[、是]|\d{{1,2}}[.、．](?!\d))", "", text)
    return text.strip("。：；， ")


def ordinal(doc: ProofDoc) -> Iterator[Finding]:
    sections: dict[tuple[str, ...], list[Paragraph]] = defaultdict(list)
    for p in doc.paragraphs:
        sections[p.path].append(p)
        for m in _STACKED_ORDINAL.finditer(p.text):
            yield _at(p, "ordinal", m.group(0), f"「{m.group(0)}」：序号叠用，只留一个")
    for paragraphs in sections.values():
        said = {m.group(1): (p, m) for p in paragraphs for m in _ORDINAL.finditer(p.body)}
        if "一" in said and "二" not in said:
            p, m = said["一"]
            if not doc.complete and p is doc.paragraphs[-1]:
                continue  # the text stops here: its 二是 may be what was cut off
            quoted = p.body[m.start(1) : m.start(1) + 12].split("。")[0]
            yield _at(
                p, "ordinal", quoted, f"「{quoted}」：只有「一是」没有「二是」，删去「一是」或补上「二是」"
            )
    yield from _repeated_headings(doc)


def _repeated_headings(doc: ProofDoc) -> Iterator[Finding]:
    """A heading whose next paragraph starts over with the same words, or with its own numbering."""
    for p, after in zip(doc.paragraphs, doc.paragraphs[1:], strict=False):
        if not p.bare:
            continue
        head, next_core = _core(p.text), _core(after.text)
        if len(head) >= 4 and next_core.startswith(head[:6]):
            yield _at(after, "ordinal", after.text[:20], f"「{p.text}」下一段又重复了这个标题，删去一处")


# ---- 7. the same opener twice in a section ----------------------------------------------------------

# A sentence opened by a frame of period or scope (截至年底，… / 全年累计… / 全市共有…): the frame a
# draft repeats; openers of work items (积极开展…) repeat in real reports and are not counted.
_FRAME = re.compile(
    r"^(截[至止]|全年|今年|上半年|下半年|前三季度|1-\d{1,2}月|\d{4}年|全[市县区州旗镇乡]|[本我][市县区]|目前|累计)"
)
_OPENER_MIN = 4
_CLAUSE_MAX = 8
_SENTENCE = re.compile(r"[^。！？]+")


def _opening(sentence: str) -> str:
    """A sentence's opener: numbering and ordinals dropped; its first clause when that is short (截至年底),
    else its first four characters (全年累计)."""
    s = sentence.strip()
    while (stripped := _core(s)) != s:
        s = stripped
    clause = re.split(r"[，；：]", s, maxsplit=1)
    if len(clause) > 1 and _OPENER_MIN <= len(clause[0]) <= _CLAUSE_MAX:
        return clause[0]
    return s[:_OPENER_MIN]


def _items(body: str) -> Iterator[tuple[str, str]]:
    """``body`` cut at its ordinals (一是…二是…): (ordinal or "", text); each item is a unit of its own."""
    cuts = [(m.start(), m.group(1)) for m in _ORDINAL.finditer(body)]
    if not cuts or cuts[0][0] > 0:
        cuts.insert(0, (0, ""))
    for (start, label), (end, _) in zip(cuts, [*cuts[1:], (len(body), "")], strict=True):
        yield label, body[start:end]


def opener(doc: ProofDoc) -> Iterator[Finding]:
    seen: dict[tuple[tuple[str, ...], str, str], tuple[int, str]] = {}
    for p in doc.paragraphs:
        if p.bare:
            continue
        for label, item in _items(p.body):
            for m in _SENTENCE.finditer(item):
                key = _opening(m.group(0))
                if len(key) < _OPENER_MIN or not _FRAME.match(key):
                    continue
                unit = (p.path, label, key)
                if unit not in seen:
                    seen[unit] = (p.number, m.group(0))
                    continue
                first, earlier = seen[unit]
                if first == p.number and _after(earlier, key) != _after(m.group(0), key):
                    continue  # in one paragraph only a frame repeated with the words after it (…，全市共有)
                before = "本段前文" if first == p.number else f"本节第{first}段"
                yield _at(
                    p,
                    "opener",
                    m.group(0).strip()[:12],
                    f"「{key}」开头的句子{before}已经用过，换一种说法或并入前文",
                )


def _after(sentence: str, key: str) -> str:
    text = re.sub(r"[，；：]", "", sentence.strip())
    return text[len(key) : len(key) + 4]


# ---- 8. scope and period stacked --------------------------------------------------------------------

_SCOPE_PERIOD = re.compile(
    r"(全[市县区州旗盟镇乡省]|[本我][市县区])"
    r"(全年|上半年|下半年|前三季度|第?[一二三四]季度|今年以来|\d{1,2}[-—–－~至]\d{1,2}月)"
)


def stacked(doc: ProofDoc) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for m in _SCOPE_PERIOD.finditer(p.text):
            yield _at(
                p,
                "stacked",
                m.group(0),
                f"「{m.group(0)}」：范围和时间叠在一起，留一个（如「{m.group(2)}」），另一个放到句中别处或删去",
            )


# ---- 9. units switched from the county file ----------------------------------------------------------


_RANK = {"": 0, "万": 1, "亿": 2}


def units(doc: ProofDoc, written: Written) -> Iterator[Finding]:
    for p in doc.paragraphs:
        for fact in facts(p.text):
            forms = written.get(fact.key)
            # Only a scale dropped is a switch: 84.326万元 printed 843260元. Writing 34100人 as 3.41万人 is
            # the reports' habit the README promises.
            if forms and scale(fact) not in forms and _RANK[scale(fact)] < min(_RANK[s] for s in forms):
                clerk = next(iter(forms.values()))
                yield _at(
                    p,
                    "unit",
                    fact.text,
                    f"「{fact.text}」：数据文件写的是「{clerk}」，草稿换了单位；按数据文件写作「{clerk}」",
                )


# ---- 10. empty parts and headings ------------------------------------------------------------------

_PLACEHOLDER = re.compile(r"【待补充[：:]?[^】]*】")


def empty(doc: ProofDoc) -> Iterator[Finding]:
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        if not p.headings or not isinstance(p.headings[-1].level, int):
            continue
        level = p.headings[-1].level
        content = [p.body]
        for later in paragraphs[i + 1 :]:
            first = later.headings[0].level if later.headings else None
            if isinstance(first, int) and first <= level:
                break
            content.append(later.text)
        left = _PLACEHOLDER.sub("", "".join(content)).strip("。：；，、 ")
        if left or (not doc.complete and i + len(content) == len(paragraphs)):
            continue  # (a text cut short may have lost what stood under its last heading)
        heading = p.headings[-1].text
        only = "只有【待补充】" if _PLACEHOLDER.search("".join(content)) else "没有正文"
        yield _at(p, "empty", heading, f"「{heading}」下{only}：补写内容，或删去这一标题")


CHECKS: dict[str, Callable[[ProofDoc], Iterator[Finding]]] = {
    "doubled": doubled,
    "approx": approx,
    "measure": measure,
    "period": period,
    "plan_summary": plan_summary,
    "ordinal": ordinal,
    "opener": opener,
    "stacked": stacked,
    "empty": empty,
}


def proofread(doc: ProofDoc, written: Written | None = None) -> list[Finding]:
    """Every finding of every rule, in the order of the text (``written``: the county file's units)."""
    found = [f for check in CHECKS.values() for f in check(doc)]
    if written:
        found += units(doc, written)
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=lambda f: (f.paragraph, list(RULES).index(f.rule)))


def check_file(path: Path, data: Path | None = None) -> tuple[ProofDoc, list[Finding]]:
    """Proofread the report at ``path``; with the county file ``data`` its units and period are checked."""
    if data is None:
        doc = proofdoc.read(path)
        return doc, proofread(doc)
    from generator.analysis.reading import read_lines
    from generator.data.loader import load_source

    _, report = load_source(data)
    doc = proofdoc.from_lines(read_lines(path), file=str(path), timing=proofdoc.timing_of(report))
    return doc, proofread(doc, written_units(data))


def counts(findings: list[Finding]) -> Counter[str]:
    return Counter(f.rule for f in findings)


def render_plain(doc: ProofDoc, findings: list[Finding]) -> str:
    if not findings:
        return f"{doc.file}：审读未发现问题。"
    by_rule = counts(findings)
    summary = "，".join(f"{RULES[r]}{n}处" for r, n in by_rule.items())
    lines = [f"{doc.file}：审读发现{len(findings)}处（{summary}）："]
    lines += [f"  - {f.line()}" for f in findings]
    return "\n".join(lines)
