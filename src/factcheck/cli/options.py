"""Option decorators shared by the commands, and their conversion to Settings.

Every field of :class:`factcheck.Settings` has one option, named in
``factcheck.settings.OPTIONS``; each command offers the options of the settings it
reads (``report``: all but ``--fact-threshold``; ``validate``: all; ``claims``: the
extraction ones). A test checks that no setting is left without an option.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.errors import SettingsError
from factcheck.settings import DEFAULT_MODEL, OPTIONS, Settings

__all__ = [
    "EXTRACTION_SETTINGS",
    "REPORT_SETTINGS",
    "VALIDATE_SETTINGS",
    "extraction_options",
    "output_options",
    "quiet_option",
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
    "reference_date",
    "cache_dir",
    "use_cache",
    "batch_size",
)
"""The settings a cross-check reads (``factcheck report``)."""

VALIDATE_SETTINGS = (*REPORT_SETTINGS, "fact_threshold")
"""The settings a fact-sheet validation reads (``factcheck validate``)."""


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
            type=click.FloatRange(-1.0, 1.0),
            default=_default(name),
            show_default=True,
            help="Cosine similarity above which two claims may state the same fact.",
        )
    if name == "tolerance":
        return click.option(
            flag,
            type=click.FloatRange(0.0),
            default=_default(name),
            show_default=True,
            help="Relative gap between two claims still forgiven as agreement.",
        )
    if name == "approximate_margin":
        return click.option(
            flag,
            type=click.FloatRange(0.0),
            default=_default(name),
            show_default=True,
            help="Relative half-width that 'about', 'around', 'roughly' give a value.",
        )
    if name == "neighbours":
        return click.option(
            flag,
            type=click.IntRange(1),
            default=_default(name),
            show_default=True,
            help="Nearest neighbours compared per claim when clustering.",
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
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            envvar="FACTCHECK_CACHE_DIR",
            help="Embedding cache folder [default: the user cache directory].",
        )
    if name == "use_cache":
        return click.option(flag, is_flag=True, help="Neither read nor write the embedding cache.")
    if name == "batch_size":
        return click.option(
            flag,
            type=click.IntRange(1),
            default=_default(name),
            show_default=True,
            help="Texts per model call when embedding (speed and memory only).",
        )
    if name == "fact_threshold":
        return click.option(
            flag,
            type=click.FloatRange(-1.0, 2.0),
            default=_default(name),
            show_default=True,
            help="Match score above which a claim states a fact of the sheet.",
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
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        raise SettingsError(str(exc), field="settings") from exc
