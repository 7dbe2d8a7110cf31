"""The words of a report's sentence as the figure matcher reads them: one script, one spacing, one name for
each thing the catalogue counts, and each number next to the words that say what it is.

- Traditional script is read as Simplified and a PDF's stray spaces are dropped (:mod:`generator.analysis.script`).
- The names reports use for what the catalogue counts under another name: 最低生活保障 is 低保; 五保 (the
  name before the 2014 社会救助暂行办法 merged it into 特困人员救助供养) is 特困供养; 城镇 (低保) is 城市;
  救济 (the older word) is 救助; 补差 (the monthly top-up) is 补助; 人均月 is 月人均.
- What happened to a case: 调出 is 退出, 新增 (of cases) is 新纳入.
- A monthly average stated as 「月人均补助N元」 carries its period, as 「每人每月N元」 does.
- 「城乡X分别为A、B」 is the 城市 X A and the 农村 X B (the catalogue's order: 城市 first).
"""

from __future__ import annotations

import re

from generator.analysis.script import reading

_CJK = "\u4e00-\u9fff"
_VOCABULARY = (
    (re.compile(r"最低生活保障"), "低保"),
    (re.compile(r"五保供养|五保"), "特困供养"),
    (re.compile(r"城镇(?=低保|特困|居民低保)"), "城市"),
    (re.compile(r"救济"), "救助"),
    (re.compile(r"人均月"), "月人均"),
    (re.compile(r"(?<=人均)补差"), "补助"),
    (re.compile(r"居民低保"), "低保"),
    # what happened to a case: 调出 (moved off the rolls) is 退出, 新增 (taken on) is 新纳入
    (re.compile(r"调出|清退|停保"), "退出"),
    (re.compile(r"调进|调入|新增(?=[^,，。；;]{0,6}?(?:低保|特困|\d+\s*[户人]))"), "新纳入"),
)
# 「月人均补助达279.06元」, 「人均月补差61.3元」: the amount is per person and month.
_MONTHLY_AVERAGE = re.compile(rf"(月人均[{_CJK}]{{0,6}}?)(\d+(?:\.\d+)?)\s*元(?![/\d万亿])")
_NUMBER = r"\d+(?:\.\d+)?\s*(?:万|亿)?"
# 「城乡低保标准分别提高至每人每月980元、760元」 (the unit written once, after the first number or both).
_PAIR = re.compile(
    rf"城乡([{_CJK}]{{2,10}}?)分别([{_CJK}]{{0,8}}?)({_NUMBER})\s*([^\d,，、;；。和及与]{{1,8}}?)\s*[、和及与]\s*"
    rf"({_NUMBER})\s*(\4)?"
)
_PER_MONTH = re.compile(r"每人每月\s*(\d+(?:\.\d+)?)\s*元")


def _pair(m: re.Match[str]) -> str:
    name, words, first, unit, second = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
    return f"城市{name}{words}{first}{unit}，农村{name}{words}{second}{unit}"


def figure_text(sentence: str) -> str:
    """``sentence`` in the words the figure matcher reads (see the module's description)."""
    text = reading(sentence)
    for pattern, word in _VOCABULARY:
        text = pattern.sub(word, text)
    text = _PAIR.sub(_pair, text)
    text = _PER_MONTH.sub(lambda m: f"{m.group(1)}元/人·月", text)
    return _MONTHLY_AVERAGE.sub(lambda m: f"{m.group(1)}{m.group(2)}元/人·月", text)
