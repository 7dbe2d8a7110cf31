"""参考表述: the plan of a topic the county gave no plan for, drafted so that the plan part is never empty.

The wording is the template folder's 参考表述.yaml (a :class:`ReferenceBook`: per topic, the usual
commitments of a bureau's plan, with no number in them). A topic's reference plan is last year's plan items
for it (the 总结 topic's 去年计划, from ``init --从``) first, then the usual commitments that those items do
not already cover. The template writes it through the 参考 filter, which marks it (see markup), so that the
document builder highlights it and comments on it: the county has not confirmed a word of it.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from pydantic import Field, field_validator

from generator.data.schema import Report, Strict, TopicName, figure_values
from generator.draft.markup import full_width

REFERENCE_NAME = "参考表述.yaml"
REGION = "{全域}"  # the one placeholder a commitment may hold: 全县 / 全市 / 全区
_DIGIT = re.compile(r"[0-9０-９]")
_PLACE = re.compile(r"\{[^{}]*\}")
_HALF = re.compile(r"[,;:?!()]")
_BULLET = re.compile(r"^\s*(?:[-*•·]\s*|[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*)")
MAX_ITEMS = 4  # a topic's reference plan: real plans give a topic two to four commitments
MAX_ITEMS_SHORT = 2  # a plan for the rest of the year (下半年, 下一步, the next quarter)
COVERED = 0.5  # share of a commitment's lead clause found in a last-year item for it to count as covered


def _commitment(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValueError("不能是空的一条")
    if "\n" in text:
        raise ValueError(f"「{text}」：每条只写一行")
    if _DIGIT.search(text):
        raise ValueError(f"「{text}」：参考表述中不能有数字（县里没有给的数字一个也不能写）")
    if "【" in text or "】" in text:
        raise ValueError(f"「{text}」：参考表述中不能有【】")
    if any(place != REGION for place in _PLACE.findall(text)):
        raise ValueError(f"「{text}」：只能用 {REGION} 这一个占位（写成全县、全市或全区）")
    if _HALF.search(text.replace(REGION, "")):
        raise ValueError(f"「{text}」：请用全角标点（，；：？！（））")
    if not text.endswith("。"):
        raise ValueError(f"「{text}」：每条应以「。」结尾")
    if any("\ue000" <= c <= "\uf8ff" for c in text):
        raise ValueError(f"「{text}」：含有专用区字符")
    return text


class Dated(Strict):
    """A commitment in words that only hold from a year on (「落实基本养老服务清单」: from 2023)."""

    sentence: str = Field(alias="句")
    since: int = Field(alias="自", ge=1949, le=2100)

    @field_validator("sentence")
    @classmethod
    def _valid(cls, value: str) -> str:
        return _commitment(value)


class ReferenceBook(Strict):
    """参考表述.yaml: per topic, the usual commitments of a plan (each one sentence, no number; written
    {句: …, 自: 2023} when its words are of a policy that only holds from that year on)."""

    commitments: dict[TopicName, list[str | Dated]] = Field(default_factory=dict, alias="参考表述")

    @field_validator("commitments")
    @classmethod
    def _valid(cls, value: dict[str, list[str | Dated]]) -> dict[str, list[str | Dated]]:
        return {
            topic: [c if isinstance(c, Dated) else _commitment(c) for c in items]
            for topic, items in value.items()
        }

    def over(self, base: ReferenceBook) -> ReferenceBook:
        """This book laid over ``base``: a topic it lists replaces base's (an empty list: none)."""
        return ReferenceBook.model_construct(commitments={**base.commitments, **self.commitments})

    def usual(self, topic_key: str, year: int | None = None) -> list[str]:
        """The topic's commitments that hold in ``year`` (all of them when no year is given)."""
        return [
            c.sentence if isinstance(c, Dated) else c
            for c in self.commitments.get(topic_key, [])
            if not isinstance(c, Dated) or year is None or year >= c.since
        ]


def has_plan_part(report: Report) -> bool:
    """Whether the report has a plan part at all (a summary-only report, 只写总结: true, has none, hence no
    参考表述 either)."""
    return not report.summary_only


def wanted(report: Report, option: bool) -> bool:
    """参考表述 is written unless the command line (--不写参考) or the county file (参考表述: false) says no."""
    return option and report.references and has_plan_part(report)


def county_plan(report: Report, topic_key: str) -> bool:
    """Whether the county gave a plan of its own for the topic (a title alone is no plan)."""
    section = report.section("计划", topic_key)
    if section is None:
        return False
    return bool(figure_values(section) or getattr(section, "goals", None) or section.work or section.custom)


def last_plan(report: Report, topic_key: str) -> list[str]:
    """Last year's plan items for the topic (the 总结 topic's 去年计划), one line each."""
    section = report.section("总结", topic_key)
    items = getattr(section, "last_plan", None) or []
    return [line for item in items if (line := _item_text(item))]


def _item_text(item: str) -> str:
    """One plan item as a sentence of a paragraph: one line, no bullet or ordinal, ending with 。."""
    text = _BULLET.sub("", " ".join(item.split()), count=1).strip()
    if not text:
        return ""
    text = full_width(text).rstrip("；;，,、 ")
    return text if text.endswith(("。", "！", "？")) else text + "。"


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    return {a + b for a, b in itertools.pairwise(chars)}


def covered(commitment: str, items: list[str]) -> bool:
    """Whether a last-year item already says what the commitment's lead clause says."""
    lead = _bigrams(re.split("[，；。]", commitment, maxsplit=1)[0])
    if not lead:
        return False
    return any(len(lead & _bigrams(item)) >= COVERED * len(lead) for item in items)


def _without_title(item: str, title: str) -> str:
    """An item that opens with the section's own heading (last year's sub-heading) without it."""
    head, _, rest = item.partition("。")
    return rest.strip() if rest.strip() and head.strip() == title.rstrip("。") else item


def sentences(report: Report, topic_key: str, book: ReferenceBook, region: str, title: str = "") -> list[str]:
    """The topic's reference plan: last year's items, then the usual commitments they do not cover and
    whose words hold in the plan's year, up to :data:`MAX_ITEMS` in all (:data:`MAX_ITEMS_SHORT` for the
    rest of the same year: a half year or a quarter is not a year's programme); last year's items are all
    kept."""
    items = [_without_title(item, title) for item in last_plan(report, topic_key)]
    usual = [c.replace(REGION, region) for c in book.usual(topic_key, report.plan_year)]
    fresh = [c for c in usual if not covered(c, items)]
    most = MAX_ITEMS if report.plan_year != report.year else MAX_ITEMS_SHORT
    return [*items, *fresh[: max(0, most - len(items))]]


def context(
    report: Report, topic_key: str, book: ReferenceBook, *, region: str, title: str, on: bool
) -> dict[str, Any]:
    """What a plan topic template receives on top of section_context: 参考表述, the sentences to write
    (through the 参考 filter) when the county gave no plan for the topic; empty otherwise."""
    if not on or county_plan(report, topic_key):
        return {"参考表述": []}
    return {"参考表述": sentences(report, topic_key, book, region, title)}
