"""A template folder list loaded once: the Jinja environment, 样式.yaml, skeleton.yaml and 无模板.yaml,
each validated by a model with located errors, cached per process by folder and modification time."""

from __future__ import annotations

import importlib.resources
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pydantic
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, Field, field_validator

from generator import cache
from generator.data import catalogue, loader, schema, yamlsource
from generator.data.loader import validate
from generator.data.schema import Strict
from generator.draft import prose, reference, skeleton
from generator.draft.prose import PHRASEBOOK_NAME, Phrasebook
from generator.draft.reference import REFERENCE_NAME, ReferenceBook
from generator.draft.render import make_env
from generator.draft.skeleton import SKELETON_NAME, PartPlan, Skeleton, part_plans
from generator.errors import ConfigError, InputError
from generator.office import topics as office_topics
from generator.write import profile
from generator.write.profile import PROFILE_NAME, Profile

NO_TEMPLATE_FILE = "无模板.yaml"
M = TypeVar("M", bound=BaseModel)


def builtin_templates() -> Path:
    """The built-in template folder, found through the installed package (never the source tree)."""
    return Path(str(importlib.resources.files("generator.templates")))


def template_dirs(templates: Path | None) -> list[Path]:
    """Where templates are looked up: the user's folder first, then the built-in one."""
    return [*([templates] if templates else []), builtin_templates()]


class NoTemplate(Strict):
    """无模板.yaml: per part, topics with no template of their own (drafted by 通用.j2)."""

    summary: list[str] = Field(default_factory=list, alias="总结")
    plan: list[str] = Field(default_factory=list, alias="计划")

    @field_validator("summary", "plan")
    @classmethod
    def _known(cls, topics: list[str]) -> list[str]:
        unknown = [t for t in topics if t not in catalogue.topic_keys()]
        if unknown:
            raise ValueError(f"未知的专题「{'、'.join(unknown)}」；可用专题见 generator topics")
        return topics

    def by_part(self) -> dict[str, set[str]]:
        return {"总结": set(self.summary), "计划": set(self.plan)}


@dataclass(frozen=True)
class TemplateSet:
    """Everything a draft takes from its template folders."""

    dirs: tuple[Path, ...]
    env: SandboxedEnvironment
    profile: Profile
    skeleton: Skeleton
    plans: dict[str, PartPlan]
    generic: dict[str, set[str]]  # per part, topics drafted by 通用.j2 (无模板.yaml)
    phrases: Phrasebook  # 句式.yaml: an override folder's entries over the built-in ones
    references: ReferenceBook  # 参考表述.yaml: likewise, topic by topic

    def config_path(self, name: str) -> Path | None:
        """The first ``name`` in the folders (an override folder's copy wins)."""
        return _first(list(self.dirs), name)


_cache: dict[tuple[tuple[Path, float, int], ...], TemplateSet] = {}


def _present(folder: Path, name: str) -> bool:
    """Whether the config file ``name`` is in ``folder``; a link or a special file in its place is refused
    before it is opened, as the template loader refuses one (a link to /etc/shadow would otherwise have its
    lines shown in the messages about unknown keys)."""
    path = folder / name
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        raise ConfigError(f"{path}: 无法读取这个配置文件，请检查文件属性") from None
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
        raise ConfigError(
            f"{path}: 不是模板文件夹内的普通文件（可能是链接、文件夹或设备），不予读取；"
            f"请把「{name}」本身复制到模板文件夹中"
        )
    return True


def _first(dirs: list[Path], name: str) -> Path | None:
    return next((d / name for d in dirs if _present(d, name)), None)


def _config(dirs: list[Path], name: str, model: type[M]) -> M:
    """The first ``name`` in ``dirs`` validated by ``model``; the model's defaults when there is none."""
    path = _first(dirs, name)
    if path is None:
        return model.model_validate({})
    try:
        source = yamlsource.load(path)
        if source.data is None:
            return model.model_validate({})
        return validate(source, model)
    except InputError as e:
        raise ConfigError([_new_topic_hint(p, name) for p in e.problems]) from None


def _new_topic_hint(problem: str, name: str) -> str:
    """An unknown topic in an office's 句式.yaml or 参考表述.yaml is most often a new topic not yet declared."""
    if name in (PHRASEBOOK_NAME, REFERENCE_NAME) and "未知的专题「" in problem:
        return (
            f"{problem}（本单位新增的专题，先在模板文件夹的 {office_topics.TOPIC_FILE} 中声明，"
            f"见 {office_topics.GUIDE}）"
        )
    return problem


def _phrasebook(dirs: list[Path]) -> Phrasebook:
    """Every folder's 句式.yaml, the first folder's entries over the later ones'."""
    book = Phrasebook()
    for d in reversed(dirs):
        if _present(d, PHRASEBOOK_NAME):
            book = _config([d], PHRASEBOOK_NAME, Phrasebook).over(book)
    return book


def _reference_book(dirs: list[Path]) -> ReferenceBook:
    """Every folder's 参考表述.yaml, the first folder's topics over the later ones'."""
    book = ReferenceBook()
    for d in reversed(dirs):
        if _present(d, REFERENCE_NAME):
            book = _config([d], REFERENCE_NAME, ReferenceBook).over(book)
    return book


def _stamp(dirs: list[Path]) -> tuple[tuple[Path, float, int], ...]:
    stamps = []
    for d in dirs:
        names = (PROFILE_NAME, SKELETON_NAME, NO_TEMPLATE_FILE, PHRASEBOOK_NAME, REFERENCE_NAME)
        for name in (*names, office_topics.TOPIC_FILE):
            path = d / name
            info = path.lstat() if os.path.lexists(path) else None
            stamps.append((path, info.st_mtime, info.st_size) if info else (path, -1.0, -1))
    return tuple(stamps)


# What the validated config files depend on besides their own text: the code that reads and checks them.
_CONFIG_CODE = (
    Path(__file__),
    Path(yamlsource.__file__),
    Path(loader.__file__),
    Path(schema.__file__),
    Path(skeleton.__file__),
    Path(prose.__file__),
    Path(reference.__file__),
    Path(profile.__file__),
    catalogue.CATALOGUE_FILE,
)


def _configs(
    dirs: list[Path],
) -> tuple[Profile, Skeleton, dict[str, set[str]], Phrasebook, ReferenceBook]:
    return (
        _config(dirs, PROFILE_NAME, Profile),
        _config(dirs, SKELETON_NAME, Skeleton),
        _config(dirs, NO_TEMPLATE_FILE, NoTemplate).by_part(),
        _phrasebook(dirs),
        _reference_book(dirs),
    )


def load(templates: Path | None = None) -> TemplateSet:
    """The template set of ``templates`` (an override folder) over the built-in one, loaded once per process."""
    if templates is not None and not templates.is_dir():  # never a silent fall back to the built-in set
        from generator.draft import lint

        raise ConfigError(lint.missing_folder(templates, "--templates 指定的模板文件夹"))
    office_topics.use(templates)  # the folder's own topics join the catalogue first: the configs name them
    dirs = template_dirs(templates)
    key = _stamp(dirs)
    if key not in _cache:
        if templates is None:  # the built-in set is kept between runs: validating it costs a start much
            stamp = cache.digest(repr(key), pydantic.VERSION, *_CONFIG_CODE)
            style, learned, generic, phrases, usual = cache.remembered(
                "config", stamp, lambda: _configs(dirs)
            )
        else:
            style, learned, generic, phrases, usual = _configs(dirs)
        env = make_env(dirs)
        cache.use_template_cache(env, builtin_templates())  # compiled once, not at every start
        _cache[key] = TemplateSet(
            dirs=tuple(dirs),
            env=env,
            profile=style,
            skeleton=learned,
            plans=part_plans(learned),
            generic=office_topics.with_generic(templates, generic),
            phrases=phrases,
            references=usual,
        )
    return _cache[key]
