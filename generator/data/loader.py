"""Load a county data file: YAML -> validated :class:`Report`, or one Chinese line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.data import yamlsource
from generator.data.schema import LazyFigures, LazyPart, LazySection, Report
from generator.errors import InputError
from generator.suggest import closest

M = TypeVar("M", bound=BaseModel)

_TYPE_MESSAGES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "date_type": "应为日期，如 2024-12-25",
    "date_parsing": "应为日期，如 2024-12-25",
    "date_from_datetime_inexact": "应为日期（不带时间），如 2024-12-25",
    "list_type": "应为列表（每项另起一行，以「- 」开头）",
    "dict_type": "应为「键: 值」的形式（在下一行缩进书写）",
    "model_type": "应为「键: 值」的形式（在下一行缩进书写）",
    "model_attributes_type": "应为「键: 值」的形式（在下一行缩进书写）",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "too_short": "项数太少",
    "too_long": "项数太多",
    "string_too_short": "不能为空",
    "greater_than": "数值太小",
    "less_than": "数值太大",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
}


def load_report(path: Path) -> Report:
    """Read and validate the county data file at ``path``."""
    return load_source(path)[1]


def load_source(path: Path) -> tuple[yamlsource.Source, Report]:
    """The parsed file (for line numbers) and the validated report."""
    source = yamlsource.load(path)
    return source, validate(source, Report)


def validate(source: yamlsource.Source, model: type[M]) -> M:
    """Validate ``source.data`` against ``model``; every problem becomes one located line."""
    try:
        return model.model_validate(source.data)
    except ValidationError as e:
        raise InputError(_describe_all(source, model, e)) from None


def _describe_all(source: yamlsource.Source, model: type[BaseModel], error: ValidationError) -> list[str]:
    found: dict[str, tuple[int, int]] = {}
    errors = error.errors(include_url=False)
    for err in errors:
        if _other_branch(err, errors):
            continue
        # A validator that knows where in the file its problem is (句式.yaml's) says so: located there.
        inner = tuple(getattr(err.get("ctx", {}).get("error"), "where", ()))
        loc = _clean_loc((*err["loc"], *inner), source.data)
        kind = err["type"]
        line, col = source.locate(loc, at_key=kind == "extra_forbidden")
        where = _dotted(loc) or "（文件最外层）"
        message = _message(err, loc, model)
        if kind in _MAPPING_EXPECTED and isinstance(err.get("input"), str):
            message += yamlsource.full_width_colon_hint(source.text, line)
        found.setdefault(f"{source.path}:{line}:{col}: {where}: {message}", (line, col))
    return sorted(found, key=found.__getitem__)


_TEXT_BRANCHES = ("str", "constrained-str")


def _other_branch(err: Any, errors: list[Any]) -> bool:
    """Whether ``err`` is the text branch of a 「text or mapping」 union that was given a mapping with its
    own errors (句式.yaml's 「句:」/「分项:」 form): only the mapping's errors are the user's."""
    loc = err["loc"]
    if not loc or loc[-1] not in _TEXT_BRANCHES or not isinstance(err.get("input"), dict):
        return False
    return any(o is not err and o["loc"][: len(loc) - 1] == loc[:-1] for o in errors)


_MAPPING_EXPECTED = {"dict_type", "model_type", "model_attributes_type"}


def _clean_loc(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """The error's path through the file: pydantic's pseudo-steps (validator and union names) left out.

    A step is kept when it is a key (or index) of the data at that point, so a clerk's key that happens
    to look like a pseudo-step (「备注[1]」) is still named.
    """
    kept: list[str | int] = []
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and part < len(data)
        ):
            kept.append(part)
            data = data[part]
        elif not (
            isinstance(part, str) and ("[" in part or part.startswith("function-") or _model_step(part))
        ):
            kept.append(part)  # a missing key: named, but nothing deeper to walk
            data = None
    return tuple(kept)


def _model_step(part: str) -> bool:
    """A union branch named after its model (``Phrase``): pydantic's step, not the user's key."""
    return part.isascii() and part.isidentifier() and part[:1].isupper()


def _dotted(loc: tuple[str | int, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[第{part + 1}项]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(err: Any, loc: tuple[str | int, ...], model: type[BaseModel]) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "extra_forbidden":
        return _unknown_key(str(loc[-1]), _allowed_keys(model, loc[:-1]))
    if kind == "missing":
        return f"缺少必填项「{loc[-1]}」，请添加一行「{loc[-1]}: …」"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "literal_error":
        return f"只能写 {err['ctx']['expected'].replace(' or ', '、').replace(chr(39), '')} 之一，实际为 {_shown(value)}"
    base = _TYPE_MESSAGES.get(kind)
    if base is None:
        return "取值不符合要求，请对照 inputs/ 中的示例改正"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return f"{base}: {_shown(value)}"
    return f"{base}，实际为 {_shown(value)}"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, dict):
        return "一组「键: 值」"
    if isinstance(value, list):
        return "一个列表"
    return str(value)


def _allowed_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The aliases a mapping at ``loc`` may hold, found by walking the model's fields."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = next((f for f in current.model_fields.values() if f.alias == part), None)
        if field is None:
            return []
        current = _lazy_model(field.metadata) or _model_in(field.annotation)
        if current is None:
            return []
    return [f.alias for f in current.model_fields.values() if f.alias]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    lazy = _lazy_model(getattr(annotation, "__metadata__", ()))
    if lazy is not None:
        return lazy
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _lazy_model(metadata: Any) -> type[BaseModel] | None:
    """The whole model behind a part, section or 指标 block validated lazily (its validator's metadata)."""
    for meta in metadata:
        lazy = getattr(meta, "func", None)
        if isinstance(lazy, LazySection | LazyFigures | LazyPart):
            return lazy.model()
    return None


def _unknown_key(key: str, allowed: list[str]) -> str:
    guess = closest(key, allowed)
    if guess:
        return f"未知的键「{key}」，是否想写：{guess}？"
    if allowed:
        shown = "、".join(allowed[:12]) + ("……" if len(allowed) > 12 else "")
        return f"未知的键「{key}」。此处可写的键: {shown}"
    return f"未知的键「{key}」"
