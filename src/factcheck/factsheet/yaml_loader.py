"""Read a YAML fact sheet, mapping every error to its file, line and field.

Hostile YAML is refused by the one screen of :mod:`factcheck.sources.yaml_screen`
(anchors, aliases, deep nesting) before anything is built, and files over 5 MB are
refused unread. Only PyYAML's safe loader is used.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from factcheck.errors import FactSheetError
from factcheck.factsheet.models import FactSheet
from factcheck.factsheet.problems import Loc, field_name, raise_located, read_bounded
from factcheck.sources.yaml_screen import refusal, safe_loader

__all__ = ["load_yaml_factsheet", "parse_yaml_factsheet"]

if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:
    _SafeLoader = safe_loader()


class _Loader(_SafeLoader):
    """The safe loader, whose value errors name the node they come from.

    PyYAML's scalar constructors raise plain Python errors for values that match a
    type's pattern but not its range (``2025-13-45``, a 5,000-digit integer) or that
    carry an explicit tag they do not fit (``!!int 12x``, ``!!int ""``, ``!!bool x``,
    ``!!timestamp x``): ValueError, IndexError, KeyError, AttributeError.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, ArithmeticError, LookupError, AttributeError, TypeError) as exc:
            kind = str(node.tag).rsplit(":", 1)[-1]
            problem = f"cannot read {str(node.value)[:40]!r} as {kind}"
            if type(exc) is ValueError:  # the others say nothing a user can act on
                problem += f": {exc}"
            raise yaml.constructor.ConstructorError(None, None, problem, node.start_mark) from exc


def load_yaml_factsheet(path: str | Path) -> FactSheet:
    """Read and validate a YAML fact sheet."""
    file = Path(path)
    return parse_yaml_factsheet(read_bounded(file), str(file))


def parse_yaml_factsheet(text: str, path: str = "<string>") -> FactSheet:
    """Validate YAML text as a fact sheet; ``path`` names it in errors."""
    _screen(text, path)
    node, data = _compose_and_construct(text, path)
    lines: dict[Loc, int] = {}
    _map_lines(node, (), lines, path)

    def locate(loc: Loc) -> tuple[int | None, str]:
        for end in range(len(loc), -1, -1):
            if loc[:end] in lines:
                return lines[loc[:end]], field_name(loc)
        return 1, field_name(loc)

    try:
        sheet = FactSheet.model_validate(data)
    except ValidationError as exc:
        raise_located(exc, path, locate)
        raise  # unreachable: raise_located always raises
    fact_lines = {fact.id: lines.get(("facts", i), 1) for i, fact in enumerate(sheet.facts)}
    return sheet.located(path, fact_lines)


def _line(mark: Any) -> int | None:
    """1-based line of a PyYAML mark (pure-Python and libyaml marks alike)."""
    return None if mark is None else int(mark.line) + 1


def _syntax_error(exc: yaml.YAMLError, path: str, text: str) -> FactSheetError:
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # No mark, and a message on two lines: name the character and find its line.
        # It is the character's first occurrence: the reader stops at the first bad one.
        at = text.find(chr(exc.character))
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        return FactSheetError(
            f"invalid YAML: character U+{exc.character:04X} is not allowed ({exc.reason})",
            path=path,
            line=line,
        )
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem_mark is not None:
            problem += f" ({exc.context} at line {_line(exc.context_mark)})"
        return FactSheetError(f"invalid YAML: {problem}", path=path, line=_line(mark))
    return FactSheetError(f"invalid YAML: {' '.join(str(exc).split())}", path=path)


def _screen(text: str, path: str) -> None:
    """Walk the event stream once: refuse anchors, aliases and deep nesting early.

    libyaml's scanner runs ahead of the events and may refuse deep flow nesting itself,
    in its own words; the pure-Python parser then walks the text again (it stops at the
    first problem, so this costs little) to report the problem in the project's words.
    """
    try:
        _walk_events(text, path, _Loader)
    except yaml.YAMLError as exc:
        if _Loader is not yaml.SafeLoader:
            # A syntax error here is the same one, reported below from the first walk.
            with contextlib.suppress(yaml.YAMLError):
                _walk_events(text, path, yaml.SafeLoader)
        raise _syntax_error(exc, path, text) from exc


def _walk_events(text: str, path: str, loader: type[yaml.SafeLoader]) -> None:
    refused = refusal(text, loader)
    if refused is not None:
        raise FactSheetError(refused.problem, path=path, line=refused.line)


def _compose_and_construct(text: str, path: str) -> tuple[yaml.Node, object]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise FactSheetError("the fact sheet is empty", path=path, line=1)
        return node, loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, path, text) from exc
    finally:
        loader.dispose()


def _map_lines(node: yaml.Node, loc: Loc, lines: dict[Loc, int], path: str) -> None:
    """Record the line of every field and item; refuse duplicate keys (PyYAML keeps the last)."""
    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*loc, key)
            if key in seen:
                raise FactSheetError(
                    f"duplicate key {key!r}",
                    path=path,
                    line=key_node.start_mark.line + 1,
                    field=field_name(child),
                )
            seen.add(key)
            lines[child] = key_node.start_mark.line + 1
            _map_lines(value_node, child, lines, path)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _map_lines(item, (*loc, index), lines, path)
