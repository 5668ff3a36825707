"""The one screen for YAML from untrusted files: Markdown front matter and fact sheets.

Hostile YAML is screened on the parser's event stream before anything is built:
anchors and aliases are refused (no alias expansion, so no "billion laughs": 383 bytes
of nested aliases once took 36 s and 3.1 GB), and nesting deeper than
:data:`MAX_DEPTH` stops the parse at once (the composer recurses per level). Only
PyYAML's safe loader is used. PyYAML is imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import yaml

__all__ = ["MAX_DEPTH", "Refusal", "refusal", "safe_loader"]

MAX_DEPTH = 50
"""Collections nested deeper than this are refused: far more than a header or a fact
sheet needs, far less than the parser's recursion allows."""


class Refusal(NamedTuple):
    """Why YAML is not read, and the line (1-based, in the YAML text) where it shows."""

    problem: str
    line: int


def safe_loader() -> type[yaml.SafeLoader]:
    """PyYAML's safe loader, in C when PyYAML was built with libyaml (same semantics)."""
    import yaml

    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return loader


def refusal(text: str, loader: type[yaml.SafeLoader] | None = None) -> Refusal | None:
    """The first anchor, alias or too-deep nesting of ``text``, or None when it has none.

    A syntax error is raised as PyYAML's own ``YAMLError`` for the caller to word.
    """
    import yaml

    depth = 0
    for event in yaml.parse(text, Loader=loader or safe_loader()):
        line = int(event.start_mark.line) + 1 if event.start_mark is not None else 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            return Refusal("anchors and aliases (&, *) are not allowed", line)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return Refusal(f"nested deeper than {MAX_DEPTH} levels", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None
