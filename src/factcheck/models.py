"""The immutable data model shared by every stage.

Offsets are the data: a :class:`Citation` stores character offsets into its
source's text, and its quote is always ``source.text[start:end]`` (built by
:meth:`Citation.from_span`, never typed by hand).
"""

from __future__ import annotations

import bisect
import hashlib
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.errors import SettingsError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Citation",
    "Claim",
    "ClaimRecord",
    "Cluster",
    "Finding",
    "Frame",
    "Kind",
    "Modality",
    "Qualifier",
    "Quantity",
    "Report",
    "Sentence",
    "Source",
    "Verdict",
]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Frozen):
    """One document: its text is what every offset points into."""

    id: str = Field(description="File name, JSON Lines id, or '<stdin>'.")
    path: str | None = Field(default=None, description="Where it was read from, if a file.")
    format: Literal["text", "markdown", "html", "jsonl", "pdf"] = "text"
    title: str | None = None
    url: str | None = None
    published: date | None = Field(
        default=None, description="Publication date from metadata, a dateline or a dated URL."
    )
    text: str
    positions: tuple[int, ...] = Field(
        default=(),
        repr=False,
        description="For text extracted from a file (HTML): where its words stand in the "
        "file, as (text offset, line, column) triples, flattened; empty when the text is "
        "the file's own.",
    )
    pages: tuple[int, ...] = Field(
        default=(),
        repr=False,
        description="For PDF: the text offset at which each page starts (page 1 at 0).",
    )

    @classmethod
    def from_text(cls, text: str, id: str = "<text>", **metadata: Any) -> Source:
        """A plain-text source from a string: ``Source.from_text("...", id="a")``.

        ``metadata`` sets the other fields (``title``, ``url``, ``published``...);
        :func:`factcheck.report_texts` also reads titles and dates from the text.
        """
        return cls(id=id, text=text, **metadata)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of a character offset, for paged sources (PDF); else None."""
        return bisect.bisect_right(self.pages, offset) if self.pages else None

    def position_of(self, offset: int, line: int | None = None) -> tuple[int, int]:
        """(line, column) in the original file of a character offset of the text, from 1.

        ``line``: the offset's line in the text, when known (saves counting from the top).
        """
        anchors = self.positions
        if not anchors:
            line_start = self.text.rfind("\n", 0, offset) + 1
            return (line or self.line_of(offset)), offset - line_start + 1
        index = bisect.bisect_right(range(len(anchors) // 3), offset, key=lambda i: anchors[3 * i])
        if index == 0:
            return anchors[1], anchors[2]
        text_offset, file_line, column = anchors[3 * index - 3 : 3 * index]
        return file_line, column + offset - text_offset


class Sentence(_Frozen):
    """A sentence as a span of its source's text."""

    source: str
    start: int
    end: int
    text: str
    line: int
    occurrences: int = Field(
        default=1, description="How often this sentence's text occurs in its source."
    )


class Citation(_Frozen):
    """Where a claim stands: source, offsets of the quantity, line, quote, sentence."""

    source: str
    start: int = Field(description="Offset of the quantity's first character in the source text.")
    end: int = Field(description="Offset just past the quantity's last character.")
    line: int = Field(
        description="The quantity's line in the original file (for HTML, in the markup)."
    )
    column: int | None = Field(
        default=None, description="Its column in that line, counted in characters from 1."
    )
    page: int | None = Field(default=None, description="Its page, for a PDF.")
    quote: str = Field(description="Exactly source.text[start:end].")
    sentence: str
    sentence_start: int
    sentence_end: int

    @classmethod
    def from_span(cls, source: Source, start: int, end: int, sentence: Sentence) -> Citation:
        """Build a citation whose quote and line are derived from the source text."""
        # Count from the sentence, whose line is known: counting from the top of the
        # text for every claim would be quadratic in the size of the source.
        line = sentence.line + source.text.count("\n", sentence.start, start)
        line, column = source.position_of(start, line)
        return cls(
            source=source.id,
            start=start,
            end=end,
            line=line,
            column=column,
            page=source.page_of(start),
            quote=source.text[start:end],
            sentence=sentence.text,
            sentence_start=sentence.start,
            sentence_end=sentence.end,
        )


class Kind(StrEnum):
    """What sort of quantity a claim states; only equal kinds are ever compared."""

    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    MONEY = "money"
    COUNT = "count"
    DATE = "date"
    YEAR = "year"
    DURATION = "duration"


class Qualifier(StrEnum):
    """How the stated value bounds the truth."""

    EXACT = "exact"
    APPROXIMATE = "approximate"  # about, around, roughly, nearly, almost
    MORE_THAN = "more_than"  # more than, over, above, well beyond
    AT_LEAST = "at_least"
    LESS_THAN = "less_than"  # less than, under, below
    AT_MOST = "at_most"  # up to, as high as, as much as, at most
    RANGE = "range"  # five to seven, 5-7%, between 3 and 4 million


class Modality(StrEnum):
    """Whether a quantity is asserted as fact, expected, threatened, or in the past."""

    STATED = "stated"
    FORECAST = "forecast"  # forecast or target
    THREATENED = "threatened"  # threatened or proposed
    PAST = "past"


Number = float
DateValue = str  # ISO 8601: "2025-11-10", "2025-11", or "--11-10" when the year is unknown


class Quantity(_Frozen):
    """A normalised stated quantity and the interval of values it allows.

    Numbers are scaled (6 million dollars is 6000000 with unit USD) but keep the unit
    they were written in (36 km stays 36 with unit 'km'; ``factcheck.units`` converts
    when quantities are compared).
    Dates are ISO 8601 strings; ``low``/``high`` are of the same type as
    ``value``; ``None`` means unbounded on that side.
    """

    kind: Kind
    value: Number | DateValue
    unit: str = Field(
        description="'%', 'pp', an ISO 4217 code, a symbol of factcheck.units "
        "('km', 'kg', 'year', '°C'...), 'date', or ''."
    )
    qualifier: Qualifier = Qualifier.EXACT
    low: Number | DateValue | None = None
    high: Number | DateValue | None = None
    year_inferred: bool = Field(
        default=False, description="For dates: the year was completed, not stated."
    )


class Frame(_Frozen):
    """What a quantity measures, when, and how it is asserted."""

    subject: str = Field(description="The phrase that says what is measured.")
    time: str | None = Field(default=None, description="The time the claim refers to, if given.")
    modality: Modality = Modality.STATED
    measure: str | None = Field(
        default=None, description="What is measured, by canonical name: 'deaths', 'share'."
    )
    entity: str | None = Field(
        default=None,
        description="Who or what it is measured of: the nearest proper name, as written.",
    )
    period: str | None = Field(
        default=None, description="The period the figure refers to: '2023', '2023-Q4', 'FY'."
    )
    attribution: str | None = Field(
        default=None, description="Who the figure is credited to ('according to IDC')."
    )


class Claim(_Frozen):
    """One stated quantity with its citation and frame."""

    id: str
    quantity: Quantity
    citation: Citation
    frame: Frame
    context: str = Field(
        description="The claim's clause with its own quantity masked: what is embedded."
    )
    occurrences: int = Field(default=1, description="How often its sentence repeats in the source.")
    copies: tuple[str, ...] = Field(
        default=(),
        description="Other sources that state this claim's sentence word for word (wire copy, "
        "syndication): one piece of evidence, counted, not compared again.",
    )

    @property
    def source(self) -> str:
        return self.citation.source

    # Flat, read-only views of the nested parts: the names of the JSON and CSV columns.
    @property
    def kind(self) -> Kind:
        return self.quantity.kind

    @property
    def value(self) -> Number | DateValue:
        return self.quantity.value

    @property
    def unit(self) -> str:
        return self.quantity.unit

    @property
    def qualifier(self) -> Qualifier:
        return self.quantity.qualifier

    @property
    def low(self) -> Number | DateValue | None:
        return self.quantity.low

    @property
    def high(self) -> Number | DateValue | None:
        return self.quantity.high

    @property
    def display(self) -> str:
        """The value as a reader would say it: 'about 70%', '$6.28 million'."""
        from factcheck.render.display import format_quantity  # lazy: render sits above

        return format_quantity(self.quantity)

    @property
    def quote(self) -> str:
        return self.citation.quote

    @property
    def line(self) -> int:
        return self.citation.line

    @property
    def sentence(self) -> str:
        return self.citation.sentence

    @property
    def subject(self) -> str:
        return self.frame.subject

    @property
    def measure(self) -> str | None:
        return self.frame.measure

    @property
    def entity(self) -> str | None:
        return self.frame.entity

    @property
    def period(self) -> str | None:
        return self.frame.period

    @property
    def attribution(self) -> str | None:
        return self.frame.attribution

    @staticmethod
    def make_id(source_id: str, start: int, end: int) -> str:
        """Stable id derived from source and offsets."""
        digest = hashlib.sha1(f"{source_id}\x00{start}\x00{end}".encode()).hexdigest()
        return f"c{digest[:12]}"


class ClaimRecord(_Frozen):
    """A claim flattened to one row: the published shape of a claim in JSON and CSV."""

    id: str
    source: str
    start: int
    end: int
    line: int
    column: int | None
    page: int | None
    quote: str
    sentence: str
    kind: Kind
    value: Number | DateValue
    unit: str
    qualifier: Qualifier
    low: Number | DateValue | None
    high: Number | DateValue | None
    subject: str
    time: str | None
    modality: Modality
    measure: str | None
    entity: str | None
    period: str | None
    attribution: str | None
    year_inferred: bool
    occurrences: int
    copies: tuple[str, ...]

    @classmethod
    def of(cls, claim: Claim) -> ClaimRecord:
        q, c, f = claim.quantity, claim.citation, claim.frame
        return cls(
            id=claim.id,
            source=c.source,
            start=c.start,
            end=c.end,
            line=c.line,
            column=c.column,
            page=c.page,
            quote=c.quote,
            sentence=c.sentence,
            kind=q.kind,
            value=q.value,
            unit=q.unit,
            qualifier=q.qualifier,
            low=q.low,
            high=q.high,
            subject=f.subject,
            time=f.time,
            modality=f.modality,
            measure=f.measure,
            entity=f.entity,
            period=f.period,
            attribution=f.attribution,
            year_inferred=q.year_inferred,
            occurrences=claim.occurrences,
            copies=claim.copies,
        )


Table = Literal["claims", "findings", "sources", "clusters"]
"""The tables :meth:`Report.to_pandas` makes."""


class Verdict(StrEnum):
    AGREE = "agree"
    CONFLICT = "conflict"
    CHANGED = "changed"  # a running figure (a toll, a tally) that moved between reports


class Cluster(_Frozen):
    """Claims found to state the same fact (two or more, one kind)."""

    id: str
    kind: Kind
    subject: str = Field(description="A representative subject phrase.")
    claim_ids: tuple[str, ...]


class Finding(_Frozen):
    """The verdict on one cluster."""

    cluster_id: str
    verdict: Verdict
    claim_ids: tuple[str, ...]
    conflicting_pairs: tuple[tuple[str, str], ...] = ()
    relative_gap: float = Field(
        description="Largest gap between the claims' intervals, relative to their magnitude."
    )
    cross_source: bool = Field(description="Whether the claims come from different sources.")
    explanation: str


class Report(_Frozen):
    """Everything a check found: the sources, claims, clusters and findings."""

    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    clusters: tuple[Cluster, ...]
    findings: tuple[Finding, ...]
    settings: dict[str, Any] = Field(default_factory=dict)

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    @property
    def conflicts(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict is Verdict.CONFLICT)

    @property
    def agreements(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict is Verdict.AGREE)

    @property
    def changed(self) -> tuple[Finding, ...]:
        """Running figures (tolls, tallies) that moved between reports."""
        return tuple(f for f in self.findings if f.verdict is Verdict.CHANGED)

    def to_pandas(self, table: Table = "claims") -> pd.DataFrame:
        """The report as a pandas DataFrame: one row per claim (default), finding,
        source or cluster; the columns of :mod:`factcheck.render.tables`."""
        from factcheck.render import tables  # lazy: pandas and render sit above

        frames = {
            "claims": tables.claims_frame,
            "findings": tables.findings_frame,
            "sources": tables.sources_frame,
            "clusters": tables.clusters_frame,
        }
        if table not in frames:
            raise SettingsError(
                f"unknown table {table!r}; expected one of {', '.join(frames)}", field="table"
            )
        return frames[table](self)
