"""Which canonical topic a heading is about: from its own words, its children, or the text under it."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from generator.data import catalogue

GENERAL = catalogue.GENERAL
# Headings that name a grouping or a generic heading rather than one topic: a group of topics, the year's
# highlights or central tasks, 民政 work as a whole ("尽心尽职做好各项民政工作"), or a kind of achievement
# that cuts across topics (honours, publicity, branding, winning support and funds).
GENERIC_HEADING = re.compile(
    r"社会事务|民政服务|基本社会服务|社会服务|工作亮点|工作举措|工作成效|主要做法|重点工作|其他工作|暖心实事|民生实事|"
    r"惠民利民|利民便民|便民服务|中心工作|重点改革|民政工作|民政事业|荣誉|表彰|宣传|品牌|争取|"
    # a plan's own divisions: its guiding line and its list of tasks
    r"主要任务|重点任务|工作任务|目标任务|工作思路|总体思路|总体要求"
)
# Words that name a field of several topics: a heading naming one with a topic is about more than it
# (「加强社会保障工作，推进社会慈善事业」).
GROUP_WORDS = re.compile(r"社会保障|社会福利|民生保障体系")
# A topic's own name that is a common word of every topic's text: money (资金) is spent on everything.
_COMMON_KEYS = frozenset({"资金"})
# Phrases that name two topics at once.
_SEVERAL = {"一老一小": ("养老服务", "儿童福利")}


@cache
def _keyword_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    owner: dict[str, str] = {}
    for topic in catalogue.topics():
        if topic.key == GENERAL:
            continue
        own = () if topic.key in _COMMON_KEYS else (topic.key,)
        for word in (*own, *topic.keywords):
            owner.setdefault(word, topic.key)
    # Longest first, so that 救助管理 (流浪乞讨救助) wins over 救助 (社会救助) at the same place.
    for word in _SEVERAL:
        owner[word] = word
    words = sorted(owner, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, words))), owner


def topic_hits(text: str) -> Counter[str]:
    """How many keyword mentions of each topic ``text`` has (longest match, no overlaps)."""
    pattern, owner = _keyword_pattern()
    found: list[str] = []  # counted at once (in C), in the order met: as many updates one by one
    for m in pattern.finditer(text):
        word = m.group()
        several = _SEVERAL.get(word)
        if several is None:
            found.append(owner[word])
        else:
            found.extend(several)
    return Counter(found)


def _ordered(counts: Counter[str]) -> list[str]:
    order = {t.key: i for i, t in enumerate(catalogue.topics())}
    return sorted(counts, key=lambda t: (-counts[t], order.get(t, 99)))


def classify(heading: str, body: str, child_topics: list[str]) -> tuple[str, list[str]]:
    """The topic of a heading (its text without numbering) and, for 综合, the topics it groups."""
    own = topic_hits(heading)
    if len(own) == 1 and GROUP_WORDS.search(heading):
        return GENERAL, _ordered(own + Counter(t for t in child_topics if t != GENERAL))
    if len(own) == 1:
        topic = next(iter(own))
        return topic, [topic]
    if len(own) > 1:
        return GENERAL, _ordered(own)
    children = Counter(t for t in child_topics if t != GENERAL)
    if GENERIC_HEADING.search(heading):
        grouped = _ordered(children) if children else _ordered(_strong(topic_hits(body)))
        return GENERAL, grouped
    if children:
        top, n = children.most_common(1)[0]
        if n * 3 >= len(child_topics) * 2:
            return top, [top]
        return GENERAL, _ordered(children)
    under = topic_hits(body)
    if not under:
        return GENERAL, []
    ranked = _ordered(under)
    if len(ranked) == 1 or under[ranked[0]] >= 2 * under[ranked[1]]:
        return ranked[0], [ranked[0]]
    return GENERAL, _ordered(_strong(under))


def _strong(counts: Counter[str]) -> Counter[str]:
    """The topics mentioned at least half as often as the most mentioned one."""
    if not counts:
        return counts
    top = max(counts.values())
    return Counter({t: n for t, n in counts.items() if n * 2 >= top})
