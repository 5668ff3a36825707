"""Option decorators shared by the commands, and their conversion to Settings.

The options of the settings are generated from the fields of :class:`factcheck.Settings`
(:func:`settings_options`): each field's description is the option's help, its bounds
the option's range, and its :class:`factcheck.settings.Option` the flag and the commands
that offer it. Nothing about a setting is written here.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, get_args

import annotated_types
import click
from pydantic import ValidationError
from pydantic.fields import FieldInfo

from factcheck.errors import SettingsError
from factcheck.settings import Command, Settings, option_of, settings_of

__all__ = [
    "Bounded",
    "follow_links_option",
    "output_options",
    "quiet_option",
    "setting_option",
    "settings_error",
    "settings_from_options",
    "settings_options",
    "sources_argument",
]

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    _ParamType = click.ParamType[float, Any]
    _DayType = click.ParamType[date, Any]
else:
    _ParamType = _DayType = click.ParamType  # generic only in click >= 8.2


class Bounded(_ParamType):
    """A finite number within [low, high] (a whole one if ``integer``); anything else is
    refused in one line.

    ``click.FloatRange`` lets ``nan`` through (every comparison with it is false) and
    ``inf`` wherever a side is open; a tolerance of ``inf`` would forgive every conflict.
    """

    name = "number"

    def __init__(self, low: float, high: float, *, integer: bool = False) -> None:
        self.low, self.high, self.integer = low, high, integer

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "INTEGER" if self.integer else "NUMBER"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        option = param.opts[0] if param is not None and param.opts else "value"
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            number = math.nan
        whole = not self.integer or (math.isfinite(number) and number == int(number))
        if not (math.isfinite(number) and self.low <= number <= self.high and whole):
            kind = "a whole number" if self.integer else "a number"
            raise SettingsError(
                f"must be {kind} from {self.low:g} to {self.high:g}, not {str(value)[:40]!r}",
                field=option,
            )
        return int(number) if self.integer else number


class _Day(_DayType):
    """A calendar day written YYYY-MM-DD."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            option = param.opts[0] if param is not None and param.opts else "value"
            raise SettingsError(
                f"must be a date written YYYY-MM-DD, not {str(value)[:40]!r}", field=option
            ) from None


def _bounds(field: FieldInfo) -> tuple[float, float] | None:
    low = next((m.ge for m in field.metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in field.metadata if isinstance(m, annotated_types.Le)), None)
    if low is None or high is None:
        return None
    return float(low), float(high)  # type: ignore[arg-type]


def setting_option(name: str, field: FieldInfo) -> Callable[[F], F]:
    """The click option of one setting, read from its field."""
    option = option_of(field)
    written = get_args(field.annotation) or (field.annotation,)
    kind = next(t for t in written if t is not type(None))  # "date | None" is read as a date
    help_text = field.description or ""
    common: dict[str, Any] = {"envvar": option.envvar}
    if kind is bool:
        # A setting that is on by default: its flag turns it off ("--no-cache").
        return click.option(
            option.flag,
            name,
            flag_value=not field.default,
            default=field.default,
            help=help_text,
            **common,
        )
    bounds = _bounds(field)
    if bounds is not None:
        low, high = bounds
        integer = kind is int
        common["type"] = Bounded(low, high, integer=integer)
        help_text = f"{help_text.removesuffix('.')} ({low:g} to {high:g})."
    elif kind is date:
        common["type"] = _Day()
    elif kind is Path:
        # Not checked here: a cache folder is only used when the cache is (an unusable
        # one only means running without a cache, and a warning says so).
        common["type"] = click.Path(path_type=Path)
        common["metavar"] = "DIRECTORY"
    shown = field.default is not None
    return click.option(
        option.flag, name, default=field.default, show_default=shown, help=help_text, **common
    )


def settings_options(command: Command) -> Callable[[F], F]:
    """The options of every setting ``command`` offers, generated from the Settings fields."""
    names = settings_of(command)

    def wrap(func: F) -> F:
        for name in reversed(names):
            func = setting_option(name, Settings.model_fields[name])(func)
        return func

    return wrap


def sources_argument(func: F) -> F:
    """PATH...: files, folders, or '-' for standard input."""
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(func)


def follow_links_option(func: F) -> F:
    """--follow-links: read symbolic links that lead out of a source folder."""
    return click.option(
        "--follow-links",
        is_flag=True,
        help="Read symbolic links in source folders that lead outside them "
        "(skipped with a warning by default).",
    )(func)


def quiet_option(func: F) -> F:
    """-q: no progress and no summary on stderr."""
    return click.option(
        "--quiet", "-q", is_flag=True, help="No progress bar and no summary on stderr."
    )(func)


def output_options(formats: tuple[str, ...], default: str) -> Callable[[F], F]:
    """--format and --output (default: standard output)."""

    def wrap(func: F) -> F:
        func = click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, path_type=Path),
            default=None,
            help="Write to this file (atomically) instead of standard output.",
        )(func)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            help="Output format.",
        )(func)

    return wrap


def settings_from_options(**options: Any) -> Settings:
    """Validate the settings options a command received into a Settings object.

    The options carry the fields' names; options a command does not offer keep their
    defaults.
    """
    unknown = set(options) - set(Settings.model_fields)
    if unknown:
        raise TypeError(f"not settings options: {sorted(unknown)}")
    try:
        return Settings(**options)
    except ValidationError as exc:
        raise settings_error(exc) from exc


def settings_error(exc: ValidationError) -> SettingsError:
    """A validation error of Settings as one line naming the first bad setting."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "settings"
    return SettingsError(first["msg"].removeprefix("Value error, "), field=field)
