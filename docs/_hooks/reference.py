"""MkDocs hook: fill reference sections from the code, so the docs cannot drift from it.

A page may contain these markers, each replaced at build time:

* ``<!-- hookspecs -->``: every hook of :mod:`unionnews.hookspecs`, signature and docstring;
* ``<!-- cli:COMMAND -->``: the ``--help`` of ``unionnews COMMAND``;
* ``<!-- steps -->``: the normalization steps in pipeline order with their docstrings;
* ``<!-- models -->``: the fields of every record of :mod:`unionnews.models`;
* ``<!-- include:PATH -->``: the file at PATH (from the repository root) as a code block,
  so the example plugin the guide shows is the one CI builds and tests.

An unknown marker or a hook without a docstring fails the build (``mkdocs build --strict``).
"""

from __future__ import annotations

import contextlib
import inspect
import io
import pathlib
import re
from typing import Any

MARKER = re.compile(r"<!-- (hookspecs|steps|models|cli:[a-z]+|include:[\w./-]+) -->")
ROOT = pathlib.Path(__file__).resolve().parents[2]
LANGUAGES = {".py": "python", ".toml": "toml", ".txt": "text", ".md": "markdown"}


#: A Sphinx role left in a docstring as mkdocstrings renders it: ``:func:<code>~a.b</code>``.
ROLE = re.compile(r":(?:func|class|mod|meth|attr|data|exc|obj):<code>(~?)([\w.]+)(\(\))?</code>")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return MARKER.sub(lambda m: _render(m.group(1)), markdown)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Turn the Sphinx roles of docstrings into code that links to the API page where it can."""
    return ROLE.sub(_role_link, html)


def _role_link(m: re.Match[str]) -> str:
    target = m.group(2)
    shown = target.rsplit(".", 1)[-1] if m.group(1) else target
    return f'<autoref identifier="{target}" optional><code>{shown}{m.group(3) or ""}</code></autoref>'


def _render(marker: str) -> str:
    if marker == "hookspecs":
        return _hookspecs()
    if marker == "steps":
        return _steps()
    if marker == "models":
        return _models()
    if marker.startswith("include:"):
        path = ROOT / marker.split(":", 1)[1]
        language = LANGUAGES.get(path.suffix, "text")
        return (
            f"`{path.relative_to(ROOT)}`:\n\n```{language}\n{path.read_text(encoding='utf-8').rstrip()}\n```"
        )
    return _cli_help(marker.split(":", 1)[1])


def _hookspecs() -> str:
    from unionnews import hookspecs

    out = []
    for name, fn in inspect.getmembers(hookspecs, inspect.isfunction):
        if not name.startswith("unionnews_"):
            continue
        doc = inspect.getdoc(fn)
        if not doc:
            raise ValueError(f"hook {name} has no docstring")
        out.append(f"### `{name}`\n\n```python\ndef {name}{_signature(fn)}\n```\n\n{doc}\n")
    return "\n".join(out)


def _signature(fn: Any) -> str:
    return str(inspect.signature(fn)).replace("'", "")


def _steps() -> str:
    from unionnews.normalize.pipeline import DEFAULT_STEPS

    out = []
    for step in DEFAULT_STEPS:
        doc = inspect.getdoc(step.run) or ""
        out.append(
            f"{len(out) + 1}. **`{step.name}`** (`{step.run.__module__}.{step.run.__name__}`): {doc.split(chr(10) * 2)[0]}"
        )
    return "\n".join(out)


def _models() -> str:
    import attrs

    from unionnews import models

    out = []
    for cls in (models.Article, models.Person, models.DateMention, models.Meeting, models.Activity,
                models.Initiative, models.Statistic, models.Span, models.Repair, models.FurnitureSpan,
                models.PluginError):  # fmt: skip
        doc = (inspect.getdoc(cls) or "").split("\n\n")[0]
        rows = [f"### `{cls.__name__}`", "", doc, "", "| field | type | default |", "|---|---|---|"]
        for field in attrs.fields(cls):
            default = "" if field.default is attrs.NOTHING else f"`{field.default!r}`"
            rows.append(f"| `{field.name}` | `{field.type}` | {default} |")
        out.append("\n".join(rows))
    return "\n\n".join(out)


def _cli_help(command: str) -> str:
    from unionnews.cli import build_parser

    parser = build_parser()
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
        parser.parse_args([command, "--help"])
    return f"```text\n{buffer.getvalue().rstrip()}\n```"
