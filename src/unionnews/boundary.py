"""Plugin results checked at the boundary, before anything else reads them.

A third-party hook may return anything.  What passes here is exactly what the
JSON contract promises: records of the :mod:`unionnews.models` classes (not
look-alikes), every field of its declared type, strings that encode as UTF-8,
finite numbers, evidence inside ``Article.text``.  Whatever fails is dropped
with a message naming the item and the field; the valid items of the same
result are kept.  Built-in extractors are not checked (their tests are).
"""

from __future__ import annotations

import math
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from unionnews.lexicon import CATEGORIES
from unionnews.models import EVENT_TYPES, DateMention, Person, Span

#: Metadata fields a plugin may return, all strings.
METADATA_FIELDS = ("title", "published", "source", "column", "newspaper")
#: Problems listed per result before the rest are counted.
MAX_REPORTED = 3
#: Ints beyond this do not fit the Parquet tables' int64 columns.
MAX_INT = 2**63 - 1

Check = Callable[[Any, int], str | None]


def clean_string(value: object) -> bool:
    """A ``str`` that encodes as UTF-8 (no lone surrogates), so JSON and Parquet can write it."""
    if type(value) is not str:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_str(value: Any, _: int) -> str | None:
    return None if clean_string(value) else f"not a clean str ({_describe(value)})"


def _check_int(value: Any, _: int) -> str | None:
    return None if type(value) is int and abs(value) <= MAX_INT else f"not an int ({_describe(value)})"


def _check_number(value: Any, _: int) -> str | None:
    if type(value) is int and abs(value) <= MAX_INT:
        return None
    if type(value) is float and math.isfinite(value):
        return None
    return f"not a finite number ({_describe(value)})"


def _check_bool(value: Any, _: int) -> str | None:
    return None if type(value) is bool else f"not a bool ({_describe(value)})"


def _check_span(value: Any, text_length: int) -> str | None:
    """Evidence must be a :class:`Span` inside the text; its raw offsets are filled in later."""
    if type(value) is not Span:
        return f"not a Span ({_describe(value)})"
    if not all(type(v) is int for v in attrs.astuple(value)):
        return f"{value!r} has offsets that are not ints"
    if not 0 <= value.start <= value.end <= text_length:
        return f"{value!r} is outside the text (length {text_length})"
    return None


def _checker(tp: Any) -> Check:
    """A check for one declared field type (the types the models use)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType) and set(typing.get_args(tp)) == {float, int}:
        return _check_number
    if origin in (typing.Union, types.UnionType):
        options = [_checker(t) for t in typing.get_args(tp) if t is not type(None)]
        allows_none = type(None) in typing.get_args(tp)

        def check_union(value: Any, n: int) -> str | None:
            if value is None and allows_none:
                return None
            problems = [c(value, n) for c in options]
            return None if None in problems else " / ".join(p for p in problems if p)

        return check_union
    if origin is typing.Literal:
        allowed = typing.get_args(tp)
        return lambda value, _: None if value in allowed and type(value) is str else f"not one of {allowed}"
    simple: dict[Any, Check] = {
        str: _check_str,
        int: _check_int,
        float: _check_number,
        bool: _check_bool,
        Span: _check_span,
    }
    if tp in simple:
        return simple[tp]
    raise TypeError(f"no boundary check for field type {tp!r}")


_FIELD_CHECKS: dict[type[Any], tuple[tuple[str, Check], ...]] = {}


def _field_checks(cls: type[Any]) -> tuple[tuple[str, Check], ...]:
    """Each field of a record class with its check, built once per class."""
    checks = _FIELD_CHECKS.get(cls)
    if checks is None:
        hints = typing.get_type_hints(cls)
        checks = _FIELD_CHECKS[cls] = tuple((f.name, _checker(hints[f.name])) for f in attrs.fields(cls))
    return checks


def check_record(item: Any, allowed: tuple[type[Any], ...], text_length: int) -> str | None:
    """Why ``item`` is not a valid record of one of ``allowed`` (``None``: it is)."""
    if type(item) not in allowed:
        names = "/".join(c.__name__ for c in allowed)
        return f"returned {_describe(item)}, not a {names}"
    for name, check in _field_checks(type(item)):
        try:
            value = getattr(item, name)
        except AttributeError:
            return f"{type(item).__name__} has no field {name!r}"
        problem = check(value, text_length)
        if problem:
            return f"{type(item).__name__}.{name} is {problem}"
    return None


#: Record classes each extraction hook may return.
HOOK_RECORDS: dict[str, tuple[type[Any], ...]] = {
    "unionnews_extract_dates": (DateMention,),
    "unionnews_extract_people": (Person,),
    "unionnews_extract_meetings": tuple(EVENT_TYPES.values()),
    "unionnews_extract_initiatives": tuple(EVENT_TYPES.values()),
    "unionnews_extract_statistics": tuple(EVENT_TYPES.values()),
}


def check_records(hook: str, items: Iterable[Any], text_length: int) -> tuple[list[Any], list[str]]:
    """The valid records among ``items`` and a message per invalid one."""
    allowed = HOOK_RECORDS[hook]
    valid: list[Any] = []
    problems: list[str] = []
    for i, item in enumerate(items):
        problem = check_record(item, allowed, text_length)
        if problem is None:
            valid.append(item)
        else:
            problems.append(f"item {i}: {problem}")
    return valid, problems


def check_metadata(result: Any) -> tuple[dict[str, str], list[str]]:
    """The valid fields of a metadata result (a mapping of field -> str or None)."""
    if result is None:
        return {}, []
    if not isinstance(result, Mapping):
        return {}, [f"returned {_describe(result)}, not a mapping of metadata fields"]
    fields: dict[str, str] = {}
    problems: list[str] = []
    for key, value in result.items():
        if key not in METADATA_FIELDS:
            problems.append(f"unknown metadata field {_short(key)}; known: {', '.join(METADATA_FIELDS)}")
        elif value is None:
            continue
        elif not clean_string(value):
            problems.append(f"metadata field {key!r} is {_describe(value)}, not a clean str")
        elif value:
            fields[key] = value
    return fields, problems


def check_lexicon(result: Any) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """The valid part of a lexicon contribution: known categories, non-empty clean strings."""
    if result is None:
        return {}, []
    if not isinstance(result, Mapping):
        return {}, [f"returned {_describe(result)}, not a mapping of category -> words"]
    valid: dict[str, tuple[str, ...]] = {}
    problems: list[str] = []
    for category, words in result.items():
        if category not in CATEGORIES:
            problems.append(
                f"unknown lexicon category {_short(category)}; known: {', '.join(sorted(CATEGORIES))}"
            )
            continue
        if isinstance(words, str | bytes) or not isinstance(words, Iterable):
            problems.append(f"category {category!r}: {_describe(words)} is not a collection of words")
            continue
        kept = []
        for word in words:
            if not clean_string(word):
                problems.append(f"category {category!r}: entry {_short(word)} is not a clean str")
            elif not word.strip():
                problems.append(f"category {category!r}: entry {word!r} is empty")
            else:
                kept.append(word)
        valid[category] = tuple(kept)
    return valid, problems


def summarize(problems: list[str]) -> str:
    """The first few problems, and how many more: one readable error line."""
    shown = "; ".join(problems[:MAX_REPORTED])
    more = len(problems) - MAX_REPORTED
    return f"{shown}; and {more} more" if more > 0 else shown


def safe_message(error: BaseException) -> str:
    """``Type: message`` for any exception, even one whose ``str`` raises or is not UTF-8."""
    try:
        text = str(error)
    except BaseException:  # a plugin's exception may fail to print
        text = "<unprintable>"
    message = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return _printable(message)


def _printable(text: str, limit: int = 300) -> str:
    text = text if len(text) <= limit else text[:limit] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _short(value: object) -> str:
    try:
        shown = repr(value)
    except BaseException:
        shown = f"<{type(value).__name__}>"
    return _printable(shown, 60)


def _describe(value: object) -> str:
    return f"{type(value).__name__} {_short(value)}"
