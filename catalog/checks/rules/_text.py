"""Text helpers shared by rule modules (the leading underscore keeps this module out of rule discovery)."""
from __future__ import annotations

from collections.abc import Iterable


def quote(text: str | None, limit: int = 40) -> str:
    """「text」 shortened to `limit` characters with …, for one-line messages."""
    t = " ".join((text or "").split())
    return f"「{t[:limit]}…」" if len(t) > limit else f"「{t}」"


def joined(values: Iterable[str | None] | None) -> str:
    """Tuple fields as one readable string: 'a；b'."""
    return "；".join(v for v in (values or ()) if v)


def empty(value: str | Iterable[str | None] | None) -> bool:
    """A text or list field with nothing in it (None, '', blanks, an empty tuple)."""
    if not value:
        return True
    if isinstance(value, str):
        return value.isspace()
    return all(not v or v.isspace() for v in value)
