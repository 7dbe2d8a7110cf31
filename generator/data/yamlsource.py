"""Read a YAML file into plain data while keeping each value's line and column for error messages.

Numbers are read as ``Decimal`` from their source text so that 485.14 stays exactly 485.14.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import InputError

_YAML_PROBLEMS = {
    "mapping values are not allowed here": "此处不能出现「键: 值」。请检查缩进;若文字里含英文冒号「:」,请给整段文字加引号",
    "could not find expected ':'": "缺少冒号「:」(应写成「键: 值」,冒号后留一个空格)",
    "found character '\\t' that cannot start any token": "不能用 Tab 键缩进,请改用空格",
    "found unexpected end of stream": "引号没有闭合,请补上另一半引号",
    "did not find expected key": "缩进不一致:同一层的键应当左侧对齐",
    "did not find expected '-' indicator": "缩进不一致:列表各项的「- 」应当左侧对齐",
    "found undefined alias": "引用了未定义的锚点(*…)",
    "expected <document start>, but found": "缩进不一致或多写了内容",
    "expected <block end>, but found": "缩进不一致:同一层的键应当左侧对齐(用相同个数的空格缩进)",
    "expected ',' or '}'": "花括号 {…} 内的写法有误,或缺少「}」",
    "expected ',' or ']'": "方括号 […] 内的写法有误,或缺少「]」",
    "found unhashable key": "键的写法有误",
    "found unacceptable character": "含有不可见的控制字符,请删除",
}


@dataclass(frozen=True)
class Source:
    """A parsed YAML document with its node tree (for line numbers)."""

    path: Path
    data: Any
    root: Node
    text: str

    def locate(self, loc: tuple[str | int, ...], *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``loc``; with ``at_key`` the key itself.

        Walks as deep as the document goes, so a missing key is reported at its parent.
        """
        node = self.root
        for i, part in enumerate(loc):
            last = i == len(loc) - 1
            if isinstance(node, MappingNode):
                match = next((kv for kv in node.value if _key_text(kv[0]) == str(part)), None)
                if match is None:
                    break
                node = match[0] if (last and at_key) else match[1]
            elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
            else:
                break
        return node.start_mark.line + 1, node.start_mark.column + 1


def _key_text(node: Node) -> str:
    return str(node.value) if isinstance(node, ScalarNode) else ""


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads numbers as Decimal and refuses duplicate keys."""


def _construct_number(loader: _Loader, node: ScalarNode) -> Any:
    text = node.value.replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        # Hex, octal, sexagesimal and .inf: let YAML read them; the schema rejects what it can't use.
        if node.tag.endswith(":int"):
            return loader.construct_yaml_int(node)
        return loader.construct_yaml_float(node)
    return value


def _construct_mapping(loader: _Loader, node: MappingNode) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key}", key_node.start_mark)
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_timestamp(loader: _Loader, node: ScalarNode) -> Any:
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return node.value  # an impossible date such as 2024-13-25: the schema reports it


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


# libyaml's parser, when PyYAML was built with it: ten times faster, with the same line and column marks.
# It only reads well-formed files: a file it refuses is parsed again by _Loader, whose messages we translate.
_CParser: type[yaml.CSafeLoader] | None = None
if hasattr(yaml, "CSafeLoader"):

    class _CParser(yaml.CSafeLoader):  # type: ignore[no-redef]
        """libyaml's parser with _Loader's constructors."""

    _CParser.yaml_constructors = _Loader.yaml_constructors  # shared: a constructor added later counts too


def _parse(loader: yaml.SafeLoader | yaml.CSafeLoader) -> tuple[Node | None, Any]:
    root = loader.get_single_node()
    return root, loader.construct_document(root) if root is not None else None


def _parse_fast(text: str) -> tuple[Node | None, Any] | None:
    """(root, data) of ``text`` through libyaml; None when libyaml is missing or finds a problem."""
    if _CParser is None:
        return None
    loader = _CParser(text)
    try:
        return _parse(loader)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def _translate(problem: str) -> str:
    if problem.startswith("duplicate key "):
        return f"键「{problem.removeprefix('duplicate key ')}」重复出现,请合并为一处"
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem:
            return chinese
    return f"YAML 格式错误({problem})"


def load(path: Path, *, display: str | None = None) -> Source:
    """Parse ``path``; a syntax problem becomes an :class:`InputError` with file:line:column."""
    shown = display or str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"{shown}: 找不到这个文件,请检查文件名和所在文件夹") from None
    except IsADirectoryError:
        raise InputError(f"{shown}: 这是一个文件夹,请给出 YAML 文件的路径") from None
    except UnicodeDecodeError:
        raise InputError(f"{shown}: 文件不是 UTF-8 编码,请用记事本或 VS Code 另存为 UTF-8 后再试") from None
    except OSError as e:
        raise InputError(f"{shown}: 无法读取文件({e.strerror})") from None
    loader = _Loader(text)
    try:
        root, data = _parse_fast(text) or _parse(loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        where = f"{shown}:{mark.line + 1}:{mark.column + 1}" if mark else shown
        raise InputError(f"{where}: {_translate(str(e.problem or e.context))}") from None
    except yaml.YAMLError as e:
        raise InputError(f"{shown}: {_translate(str(e))}") from None
    finally:
        loader.dispose()
    if root is None:
        raise InputError(f"{shown}: 文件是空的,请参照 inputs/ 中的示例填写")
    if not isinstance(data, dict):
        raise InputError(f"{shown}:1:1: 文件最外层应为「键: 值」的形式(如「地区: 天门市」)")
    return Source(path=path, data=data, root=root, text=text)
