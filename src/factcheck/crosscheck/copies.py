"""Copies are one piece of evidence: a sentence stated word for word in several sources.

Wire copy and syndication repeat a story across outlets. Compared as independent claims,
copies crowd the nearest-neighbour search (a claim's neighbours are all its own copies)
and turn one source's figures into "conflicts" between a source and its copy. So before
the search, claims whose sentence and position in it are the same in several sources
collapse into the first source's claim, which records the others in ``Claim.copies``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from factcheck.extract.segment import collapse_whitespace
from factcheck.models import Claim

__all__ = ["collapse_copies"]

_Key = tuple[bytes, int, str]


def _key(claim: Claim) -> _Key:
    citation = claim.citation
    before = citation.sentence[: citation.start - citation.sentence_start]
    sentence = collapse_whitespace(citation.sentence)
    digest = hashlib.blake2b(sentence.encode(), digest_size=16).digest()
    return digest, len(collapse_whitespace(before + "x")) - 1, citation.quote


def collapse_copies(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with copies in other sources folded into the first one, in order.

    The first source to state a sentence keeps its claims; each later source that states
    the same sentence is listed in their ``copies`` and its claims are dropped.
    """
    first: dict[_Key, int] = {}
    copies: dict[int, list[str]] = {}
    kept: list[Claim] = []
    for claim in claims:
        key = _key(claim)
        index = first.get(key)
        if index is None:
            first[key] = len(kept)
            kept.append(claim)
            continue
        original = kept[index]
        sources = copies.setdefault(index, [])
        if claim.source != original.source and claim.source not in sources:
            sources.append(claim.source)
    for index, sources in copies.items():
        if sources:
            kept[index] = kept[index].model_copy(update={"copies": tuple(sources)})
    return kept
