"""The report skeleton a draft follows (templates/skeleton.yaml, learned by `generator learn`):
topic order, groupings and part-header wordings per part, validated by a model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import Field, field_validator

from generator.data import catalogue
from generator.data.schema import Strict

SKELETON_NAME = "skeleton.yaml"
PART_NAMES = {"summary": "总结", "plan": "计划"}


class Wording(Strict):
    """A phrasing and how many reports use it."""

    text: str = Field(alias="写法")
    count: int = Field(alias="次数", ge=0)


class TopicEntry(Strict):
    topic: str = Field(alias="专题")
    reports: int = Field(0, alias="报告数", ge=0)
    margin: int = Field(0, alias="先于其他专题")
    position: float = Field(0, alias="平均位置")
    wordings: list[Wording] = Field(default_factory=list, alias="标题写法")

    @field_validator("topic")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in catalogue.topic_keys():
            raise ValueError(f"未知的专题「{value}」；可用专题见 generator topics")
        return value


class GroupEntry(Strict):
    name: str = Field(alias="名称")
    reports: int = Field(0, alias="报告数", ge=0)
    members: dict[str, int] = Field(default_factory=dict, alias="成员")
    usual: list[str] = Field(default_factory=list, alias="常见成员")
    wordings: list[Wording] = Field(default_factory=list, alias="标题写法")


class PartSkeleton(Strict):
    headers: list[Wording] = Field(default_factory=list, alias="部分标题")
    topics: list[TopicEntry] = Field(default_factory=list, alias="专题")
    groups: list[GroupEntry] = Field(default_factory=list, alias="分组")


class Skeleton(Strict):
    """What `generator learn` writes; an empty skeleton drafts in catalogue order with no groups."""

    reports: int = Field(0, alias="来源报告数", ge=0)
    summary: PartSkeleton = Field(default_factory=PartSkeleton, alias="总结")
    plan: PartSkeleton = Field(default_factory=PartSkeleton, alias="计划")

    def part(self, name: str) -> PartSkeleton:
        """The part named 总结 or 计划."""
        return self.summary if name == "总结" else self.plan


@dataclass(frozen=True)
class Group:
    """Topics drafted under one shared heading (e.g. 社会事务 = 殡葬管理 + 婚姻登记 + 残疾人福利)."""

    title: str
    topics: tuple[str, ...]


@dataclass(frozen=True)
class PartPlan:
    """How one part of a draft is laid out: topic order and groupings."""

    order: tuple[str, ...]
    groups: tuple[Group, ...]


def _plain_heading(entries: list[Wording]) -> str | None:
    """The group heading to draft: the most used phrasing that is a plain phrase rather than a slogan."""
    plain = [e.text for e in entries if not re.search(r"[,，、;；]", e.text)]
    return plain[0] if plain else None


def part_plans(skeleton: Skeleton) -> dict[str, PartPlan]:
    """The drafting plan of 总结 and 计划 from a loaded skeleton."""
    plans = {}
    for name in PART_NAMES.values():
        part = skeleton.part(name)
        groups = []
        for entry in part.groups:
            title = _plain_heading(entry.wordings)
            if title and len(entry.usual) >= 2:
                groups.append(Group(title, tuple(entry.usual)))
        plans[name] = PartPlan(tuple(entry.topic for entry in part.topics), tuple(groups))
    return plans
