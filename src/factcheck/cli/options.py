"""Option decorators shared by the commands, and their conversion to Settings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.errors import SettingsError
from factcheck.settings import DEFAULT_MODEL, Settings

__all__ = ["output_options", "settings_from_options", "settings_options", "sources_argument"]

F = TypeVar("F", bound=Callable[..., Any])


def sources_argument(func: F) -> F:
    """PATH...: files, folders, or '-' for standard input."""
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(func)


def settings_options(func: F) -> F:
    """The options that become a :class:`factcheck.Settings`."""
    decorators = [
        click.option(
            "--model",
            default=DEFAULT_MODEL,
            show_default=True,
            envvar="FACTCHECK_MODEL",
            help="Sentence-transformers model name or local path.",
        ),
        click.option(
            "--threshold",
            type=click.FloatRange(-1.0, 1.0),
            default=Settings.model_fields["similarity_threshold"].default,
            show_default=True,
            help="Cosine similarity above which two claims may state the same fact.",
        ),
        click.option(
            "--tolerance",
            type=click.FloatRange(0.0),
            default=Settings.model_fields["tolerance"].default,
            show_default=True,
            help="Relative gap between two claims still forgiven as agreement.",
        ),
        click.option(
            "--reference-date",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            default=None,
            help="Completes dates without a year when a source has no date "
            "[default: latest publication date among the sources].",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            default=None,
            envvar="FACTCHECK_CACHE_DIR",
            help="Embedding cache folder [default: the user cache directory].",
        ),
        click.option(
            "--no-cache", is_flag=True, help="Neither read nor write the embedding cache."
        ),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


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


def settings_from_options(
    *,
    model: str,
    threshold: float,
    tolerance: float,
    reference_date: Any,
    cache_dir: Path | None,
    no_cache: bool,
) -> Settings:
    """Validate the shared options into a Settings object."""
    ref: date | None = reference_date.date() if reference_date is not None else None
    try:
        return Settings(
            model=model,
            similarity_threshold=threshold,
            tolerance=tolerance,
            reference_date=ref,
            cache_dir=cache_dir,
            use_cache=not no_cache,
        )
    except ValueError as exc:  # pydantic.ValidationError is a ValueError
        raise SettingsError(str(exc), field="settings") from exc
