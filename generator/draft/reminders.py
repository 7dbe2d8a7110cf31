"""Usual figures a county did not give: named in the run summary (and, with --review, in a Word comment on
the section), never written into the draft as a half-sentence with a 【待补充】 in it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.data import catalogue
from generator.data.schema import Report, figure_values, pending_values
from generator.draft.compose import has_content
from generator.draft.prose import Phrasebook


@dataclass(frozen=True)
class Reminder:
    """A figure most reports of ``topic`` give that this county's file does not."""

    topic: str
    figure: str

    def __str__(self) -> str:
        return f"{self.topic}：{self.figure}"


def _given(section: object) -> set[str]:
    keys = set(figure_values(section)) | set(pending_values(section))
    for item in getattr(section, "work", []):
        keys |= set(figure_values(item))
    return keys


def _covered(figure: catalogue.Figure, given: set[str]) -> bool:
    """Whether ``given`` holds ``figure``, a total it is part of, or any part of it."""
    seen: set[str] = set()
    todo = [figure]
    while todo:
        f = todo.pop()
        if f.key in seen:
            continue
        seen.add(f.key)
        if f.key in given:
            return True
        todo += [p for split in f.parts for k in split if (p := catalogue.figures().get(k))]
    return any(w.key in given for w in catalogue.wholes(figure.key))


def usual_figures(report: Report, book: Phrasebook) -> list[Reminder]:
    """The figures 句式.yaml's 待补充 names for each summary topic the county wrote with standard sentences,
    that the county gave in no way (nor a total or part of them)."""
    found = []
    for topic in catalogue.topics():
        section = report.section("总结", topic.key)
        if not has_content(section) or not getattr(section, "standard", True):
            continue
        given = _given(section)
        for key in book.prompts.get(topic.key, []):
            figure = topic.figure(key)
            if figure is not None and not _covered(figure, given):
                found.append(Reminder(topic.key, key))
    return found
