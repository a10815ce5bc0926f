"""A small validator for the JSON Schema subset used by standards/*.schema.json.

Hand-written rather than a dependency so that every failure is a Chinese message naming the
field path (items[3].level1) — the clerk or county IT person must be able to fix the file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
    "boolean": bool, "null": type(None),
}
_TYPE_NAMES = {"object": "对象", "array": "列表", "string": "文本", "integer": "整数", "number": "数字",
               "boolean": "是/否", "null": "空"}


def validate(value: Any, schema: dict, root: dict | None = None, path: str = "") -> list[tuple[str, str]]:
    """Return [(field path, problem)] for every violation; empty when valid."""
    root = root or schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = root["$defs"][name]
    errors: list[tuple[str, str]] = []
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_is_type(value, t) for t in types):
            want = "或".join(_TYPE_NAMES[t] for t in types)
            return [(path or "(根)", f"应为{want}，实际是 {_describe(value)}")]
    if "enum" in schema and value not in schema["enum"]:
        errors.append((path, f"取值 {value!r} 不在允许的取值 {schema['enum']} 中"))
    if isinstance(value, str):
        errors.extend(_string_errors(value, schema, path))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        errors.extend(_number_errors(value, schema, path))
    if isinstance(value, dict):
        errors.extend(_object_errors(value, schema, root, path))
    errors.extend(_any_of(value, schema, root, path))
    if isinstance(value, list):
        errors.extend(_array_errors(value, schema, root, path))
    return errors


def _string_errors(value: str, schema: dict, path: str) -> list[tuple[str, str]]:
    errors = []
    if len(value) < schema.get("minLength", 0):
        errors.append((path, "不能为空"))
    if "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append((path, f"格式不对：{value!r}"))
    return errors


def _number_errors(value: float, schema: dict, path: str) -> list[tuple[str, str]]:
    errors = []
    if "minimum" in schema and value < schema["minimum"]:
        errors.append((path, f"不能小于 {schema['minimum']}"))
    if "maximum" in schema and value > schema["maximum"]:
        errors.append((path, f"不能大于 {schema['maximum']}"))
    return errors


def _object_errors(value: dict, schema: dict, root: dict, path: str) -> list[tuple[str, str]]:
    errors = [(_join(path, key), "缺少此字段") for key in schema.get("required", []) if key not in value]
    for key, sub in schema.get("properties", {}).items():
        if key in value:
            errors.extend(validate(value[key], sub, root, _join(path, key)))
    return errors


def _array_errors(value: list, schema: dict, root: dict, path: str) -> list[tuple[str, str]]:
    errors = []
    if len(value) < schema.get("minItems", 0):
        errors.append((path, f"至少需要 {schema['minItems']} 项"))
    if "items" in schema:
        for i, element in enumerate(value):
            errors.extend(validate(element, schema["items"], root, f"{path}[{i}]"))
    return errors


def _any_of(value: Any, schema: dict, root: dict, path: str) -> list[tuple[str, str]]:
    """anyOf: at least one alternative holds (used as "url or instrument" in the legal table)."""
    alts = schema.get("anyOf")
    if not alts or any(not validate(value, alt, root, path) for alt in alts):
        return []
    names = "或".join("、".join(alt.get("required", ())) or "?" for alt in alts)
    return [(path or "(根)", f"至少应有其中一项：{names}")]


def _is_type(value: Any, name: str) -> bool:
    if name in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[name])


def _describe(value: Any) -> str:
    for name in _TYPES:
        if name not in ("number",) and _is_type(value, name):
            return _TYPE_NAMES[name]
    return type(value).__name__


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def load_validated_json(path: Path, schema: dict) -> Any:
    """Read a shipped or user-supplied JSON data file and validate it; GuideDataError names the file
    and the first broken field (with how many more problems there are)."""
    from catalog.errors import GuideDataError
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise GuideDataError(path.name, "(整个文件)", "不是 UTF-8 编码的文本") from None
    except json.JSONDecodeError as err:
        raise GuideDataError(path.name, f"(第 {err.lineno} 行第 {err.colno} 列)",
                             f"JSON 格式错误：{err.msg}") from None
    problems = validate(data, schema)
    if problems:
        field_path, problem = problems[0]
        more = f"（另有 {len(problems) - 1} 处问题）" if len(problems) > 1 else ""
        raise GuideDataError(path.name, field_path, problem + more)
    return data
