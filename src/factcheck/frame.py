"""What a quantity measures: its subject, time and modality, and its masked context."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.models import Frame, Kind

__all__ = ["describe"]

MASK = "[NUM]"


def describe(
    sentence: str, span: tuple[int, int], kind: Kind, others: Sequence[tuple[int, int]] = ()
) -> tuple[Frame, str]:
    """Frame and masked context of the quantity at ``span`` (offsets within ``sentence``).

    ``others`` are the spans of the sentence's other quantities.
    """
    start, end = span
    context = f"{sentence[:start]}{MASK}{sentence[end:]}".strip()
    return Frame(subject=context), context
