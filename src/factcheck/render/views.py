"""What the readable reports (HTML, Markdown) show of each finding, and in which order.

A finding is shown as its *sides*: the values that can all be true together, each
with the sentences that state it. A sentence stated identically in several
places is one *statement* with its copies counted ("stated in 12 sources"), so
forty copies of a wire story make one line, not forty.

Findings are grouped by verdict, whatever verdicts there are (a verdict this
module has no words for still gets a section), and ranked within a group: how far
apart the values are, times how many sources stand on the weaker side (a lone
outlier against one source ranks below ten sources against ten), then by sources.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from factcheck.models import Claim, Kind, Report
from factcheck.render.display import VerdictWords, reason, verdict_words
from factcheck.render.document import ClaimDoc, FindingDoc
from factcheck.units import to_base

__all__ = [
    "SHOWN_PLACES",
    "FindingView",
    "Group",
    "Side",
    "Statement",
    "axis_value",
    "copies_of",
    "finding_views",
    "groups",
    "heading",
]

SHOWN_PLACES = 3
"""Other places of one sentence named beside it in a readable report; more are counted."""


def axis_value(value: float | str | None, kind: Kind, unit: str = "") -> float | None:
    """A value on a number line: numbers in their dimension's base unit (as the
    cross-check compares them, :func:`factcheck.units.to_base`), so that "5 km" and
    "3 miles" share one axis; ISO dates as day ordinals.

    None when it cannot be placed: a date without a year ('--11-10'), a non-finite
    number, or a missing bound.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        return to_base(float(value), unit) if math.isfinite(value) else None
    if kind not in (Kind.DATE, Kind.YEAR):
        return None
    parts = value.split("-")
    try:
        if len(parts) == 3 and parts[0]:
            return float(date.fromisoformat(value).toordinal())
        if len(parts) == 2:
            return float(date(int(parts[0]), int(parts[1]), 1).toordinal())
        if len(parts) == 1:
            return float(date(int(parts[0]), 1, 1).toordinal())
    except ValueError:
        return None
    return None


def copies_of(claim: Claim) -> tuple[str, ...]:
    """Other sources that state the claim's sentence word for word (folded into it)."""
    return claim.copies


def heading(finding: FindingDoc) -> str:
    """What a finding is about, as its heading shows it."""
    return finding.subject


@dataclass
class Statement:
    """One sentence stating one value, and every place it is stated."""

    claims: list[ClaimDoc]  # the first is shown in full, the others are its copies
    copies: tuple[str, ...] = ()  # further sources known to state it (not in the report)

    @property
    def first(self) -> ClaimDoc:
        return self.claims[0]

    @property
    def others(self) -> list[ClaimDoc]:
        return self.claims[1:]

    @property
    def sources(self) -> set[str]:
        return {claim.source for claim in self.claims} | set(self.copies)

    @property
    def names_its_places(self) -> bool:
        """Whether its other places are few enough to name (else they are counted)."""
        return 0 < len(self.others) + len(self.copies) <= SHOWN_PLACES


@dataclass
class Side:
    """Values that can all be true together, with the statements that give them."""

    number: int
    values: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    @property
    def sources(self) -> set[str]:
        return {source for statement in self.statements for source in statement.sources}

    @property
    def tone(self) -> str:
        """The side's colour class: s0 to s5, repeating."""
        return f"s{self.number % 6}"


@dataclass
class FindingView:
    """A finding as the reports show it."""

    finding: FindingDoc
    verdict: str  # the verdict's value: "conflict", "agree", or one added later
    words: VerdictWords
    heading: str
    values: list[str]
    reason: str
    sides: list[Side]
    sources: int
    score: float
    position: tuple[str, int, int, str]

    @property
    def id(self) -> str:
        return self.finding.cluster_id


@dataclass
class Group:
    """Every finding of one verdict, ranked."""

    verdict: str
    words: VerdictWords
    views: list[FindingView]

    @property
    def anchor(self) -> str:
        return {"conflict": "conflicts", "agree": "agreements"}.get(self.verdict, self.verdict)


def _sides(finding: FindingDoc) -> list[list[ClaimDoc]]:
    """The claims split into sides that do not conflict within, in value order."""
    pairs = {frozenset(pair) for pair in finding.conflicting_pairs}

    def place(claim: ClaimDoc) -> tuple[int, float, tuple[str, int, int]]:
        number = axis_value(claim.value, claim.kind, claim.unit)
        return (number is None, number or 0.0, (claim.source, claim.start, claim.end))

    sides: list[list[ClaimDoc]] = []
    for claim in sorted(finding.claims, key=place):
        for side in sides:
            if not any(frozenset((claim.id, other.id)) in pairs for other in side):
                side.append(claim)
                break
        else:
            sides.append([claim])
    return sides


def _statements(
    claims: Sequence[ClaimDoc], copies: Mapping[str, tuple[str, ...]]
) -> list[Statement]:
    by_text: dict[tuple[str, str], Statement] = {}
    for claim in claims:
        key = (" ".join(claim.sentence.split()).casefold(), claim.display)
        statement = by_text.get(key)
        if statement is None:
            by_text[key] = Statement([claim], copies.get(claim.id, ()))
        else:
            statement.claims.append(claim)
            statement.copies = tuple(sorted({*statement.copies, *copies.get(claim.id, ())}))
    # Most-stated first; ties in source order.
    return sorted(by_text.values(), key=lambda s: -len(s.sources))


def _score(finding: FindingDoc, sides: Sequence[Side]) -> float:
    """How far apart the values are, times how many sources stand on the weaker side."""
    if len(sides) < 2:
        return 0.0
    gap = finding.relative_gap
    spread = 1.0 if gap is None else min(max(gap, 0.0), 1.0)
    sizes = sorted((len(side.sources) for side in sides), reverse=True)
    return spread * math.log2(1 + sizes[1])


def finding_views(report: Report, findings: Iterable[FindingDoc]) -> list[FindingView]:
    """A view of each finding (in the order given)."""
    copies = {claim.id: found for claim in report.claims if (found := copies_of(claim))}
    views = []
    for finding in findings:
        sides = []
        for number, members in enumerate(_sides(finding)):
            values = list(dict.fromkeys(claim.display for claim in members))
            sides.append(Side(number, values, _statements(members, copies)))
        values = [value for side in sides for value in side.values]
        first = finding.claims[0]
        views.append(
            FindingView(
                finding=finding,
                verdict=str(finding.verdict.value),
                words=verdict_words(finding.verdict.value),
                heading=heading(finding),
                values=values,
                reason=reason(finding.explanation, values),
                sides=sides,
                sources=len({source for side in sides for source in side.sources}),
                score=_score(finding, sides),
                position=(first.source, first.start, first.end, finding.cluster_id),
            )
        )
    return views


def groups(
    views: Iterable[FindingView], always: Iterable[str] = ("conflict", "agree")
) -> list[Group]:
    """Findings grouped by verdict (``always`` present, even empty), conflicts first.

    Within a group: highest score first, then the most sources, then source order.
    """
    by_verdict: dict[str, list[FindingView]] = {verdict: [] for verdict in always}
    for view in views:
        by_verdict.setdefault(view.verdict, []).append(view)
    result = [
        Group(
            verdict,
            verdict_words(verdict),
            sorted(members, key=lambda v: (-v.score, -v.sources, v.position)),
        )
        for verdict, members in by_verdict.items()
    ]
    return sorted(result, key=lambda group: (group.words.rank, group.verdict))
