"""Option decorators shared by the commands, and their conversion to Settings.

Every field of :class:`factcheck.Settings` has one option, named in
``factcheck.settings.OPTIONS``; each command offers the options of the settings it
reads (``report``: all but ``--fact-threshold``; ``validate``: all; ``claims``: the
extraction ones). A test checks that no setting is left without an option.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
from pydantic import ValidationError

from factcheck.errors import SettingsError
from factcheck.settings import DEFAULT_MODEL, OPTIONS, Settings

__all__ = [
    "EXTRACTION_SETTINGS",
    "REPORT_SETTINGS",
    "VALIDATE_SETTINGS",
    "Bounded",
    "extraction_options",
    "follow_links_option",
    "output_options",
    "quiet_option",
    "settings_error",
    "settings_from_options",
    "settings_options",
    "sources_argument",
    "validate_settings_options",
]

F = TypeVar("F", bound=Callable[..., Any])

EXTRACTION_SETTINGS = ("approximate_margin", "reference_date")
"""The settings that extraction reads (``factcheck claims``)."""

REPORT_SETTINGS = (
    "model",
    "similarity_threshold",
    "tolerance",
    "approximate_margin",
    "neighbours",
    "agreement_sources",
    "reference_date",
    "cache_dir",
    "use_cache",
    "batch_size",
)
"""The settings a cross-check reads (``factcheck report``)."""

VALIDATE_SETTINGS = (*REPORT_SETTINGS, "fact_threshold")
"""The settings a fact-sheet validation reads (``factcheck validate``)."""


if TYPE_CHECKING:
    _ParamType = click.ParamType[float, Any]
else:
    _ParamType = click.ParamType  # generic only in click >= 8.2


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


def _default(name: str) -> Any:
    return Settings.model_fields[name].default


def _option(name: str) -> Callable[[F], F]:
    """The option of one setting, named as ``factcheck.settings.OPTIONS`` says."""
    flag = OPTIONS[name]
    if name == "model":
        return click.option(
            flag,
            default=DEFAULT_MODEL,
            show_default=True,
            envvar="FACTCHECK_MODEL",
            help="Sentence-transformers model name or local path.",
        )
    if name == "similarity_threshold":
        return click.option(
            flag,
            "threshold",
            type=Bounded(-1.0, 1.0),
            default=_default(name),
            show_default=True,
            help="Cosine similarity above which two claims may state the same fact (-1 to 1).",
        )
    if name == "tolerance":
        return click.option(
            flag,
            type=Bounded(0.0, 1.0),
            default=_default(name),
            show_default=True,
            help="Relative gap between two claims still forgiven as agreement (0 to 1).",
        )
    if name == "approximate_margin":
        return click.option(
            flag,
            type=Bounded(0.0, 1.0),
            default=_default(name),
            show_default=True,
            help="Relative half-width that 'about', 'around', 'roughly' give a value (0 to 1).",
        )
    if name == "neighbours":
        return click.option(
            flag,
            type=Bounded(1, 1000, integer=True),
            default=_default(name),
            show_default=True,
            help="Nearest neighbours compared per claim when clustering (1 to 1000).",
        )
    if name == "agreement_sources":
        return click.option(
            flag,
            type=Bounded(1, 1000, integer=True),
            default=_default(name),
            show_default=True,
            help="Sources an agreement needs to be reported (1 to 1000).",
        )
    if name == "reference_date":
        return click.option(
            flag,
            type=click.DateTime(formats=["%Y-%m-%d"]),
            default=None,
            help="Completes dates without a year when a source has no date "
            "[default: latest publication date among the sources].",
        )
    if name == "cache_dir":
        return click.option(
            flag,
            # Not checked here: with --no-cache the folder is never used, and an unusable
            # one only means running without a cache (a warning says so).
            type=click.Path(path_type=Path),
            metavar="DIRECTORY",
            default=None,
            envvar="FACTCHECK_CACHE_DIR",
            help="Embedding cache folder [default: the user cache directory].",
        )
    if name == "use_cache":
        return click.option(flag, is_flag=True, help="Neither read nor write the embedding cache.")
    if name == "batch_size":
        return click.option(
            flag,
            type=Bounded(1, 4096, integer=True),
            default=_default(name),
            show_default=True,
            help="Texts per model call when embedding, 1 to 4096 (speed and memory only).",
        )
    if name == "fact_threshold":
        return click.option(
            flag,
            type=Bounded(-1.0, 2.0),
            default=_default(name),
            show_default=True,
            help="Match score above which a claim states a fact of the sheet (-1 to 2).",
        )
    raise ValueError(f"no option for setting {name!r}")


def _options_for(names: Sequence[str]) -> Callable[[F], F]:
    def wrap(func: F) -> F:
        for name in reversed(names):
            func = _option(name)(func)
        return func

    return wrap


def settings_options(func: F) -> F:
    """The options of every setting a cross-check reads (``factcheck report``)."""
    return _options_for(REPORT_SETTINGS)(func)


def validate_settings_options(func: F) -> F:
    """The options of every setting a fact-sheet validation reads (``factcheck validate``)."""
    return _options_for(VALIDATE_SETTINGS)(func)


def extraction_options(func: F) -> F:
    """The options of the settings extraction reads (``factcheck claims``)."""
    return _options_for(EXTRACTION_SETTINGS)(func)


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


_FIELDS = {
    "model": "model",
    "threshold": "similarity_threshold",
    "tolerance": "tolerance",
    "approximate_margin": "approximate_margin",
    "neighbours": "neighbours",
    "agreement_sources": "agreement_sources",
    "cache_dir": "cache_dir",
    "batch_size": "batch_size",
    "fact_threshold": "fact_threshold",
}


def settings_from_options(**options: Any) -> Settings:
    """Validate the settings options a command received into a Settings object.

    Options a command does not offer keep their defaults.
    """
    values: dict[str, Any] = {
        field: options[name] for name, field in _FIELDS.items() if name in options
    }
    reference_date = options.get("reference_date")
    ref: date | None = reference_date.date() if reference_date is not None else None
    values["reference_date"] = ref
    if "no_cache" in options:
        values["use_cache"] = not options["no_cache"]
    unknown = set(options) - set(_FIELDS) - {"reference_date", "no_cache"}
    if unknown:
        raise TypeError(f"not settings options: {sorted(unknown)}")
    try:
        return Settings(**values)
    except ValidationError as exc:
        raise settings_error(exc) from exc


def settings_error(exc: ValidationError) -> SettingsError:
    """A validation error of Settings as one line naming the first bad setting."""
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "settings"
    return SettingsError(first["msg"].removeprefix("Value error, "), field=field)
