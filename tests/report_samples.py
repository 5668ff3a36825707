"""Hand-built reports for renderer tests: real offsets into real text, no pipeline needed.

Each claim is located by a quote that must occur in its source's text; its
sentence is the line holding it, so every citation is ``text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.models import (
    Citation,
    Claim,
    Cluster,
    Finding,
    Frame,
    Kind,
    Qualifier,
    Quantity,
    Report,
    Sentence,
    Source,
    Verdict,
)


@dataclass(frozen=True)
class Spec:
    """One claim to place: the quantity's exact text in the source and what it states."""

    source: str
    quote: str
    kind: Kind
    value: float | str
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    low: float | str | None = None
    high: float | str | None = None
    subject: str = ""


def make_claim(source: Source, spec: Spec) -> Claim:
    start = source.text.index(spec.quote)
    end = start + len(spec.quote)
    line_start = source.text.rfind("\n", 0, start) + 1
    line_end = source.text.find("\n", end)
    line_end = len(source.text) if line_end == -1 else line_end
    sentence = Sentence(
        source=source.id,
        start=line_start,
        end=line_end,
        text=source.text[line_start:line_end],
        line=source.line_of(line_start),
    )
    low = spec.value if spec.low is None and spec.qualifier is Qualifier.EXACT else spec.low
    high = spec.value if spec.high is None and spec.qualifier is Qualifier.EXACT else spec.high
    return Claim(
        id=Claim.make_id(source.id, start, end),
        quantity=Quantity(
            kind=spec.kind,
            value=spec.value,
            unit=spec.unit,
            qualifier=spec.qualifier,
            low=low,
            high=high,
        ),
        citation=Citation.from_span(source, start, end, sentence),
        frame=Frame(subject=spec.subject or sentence.text),
        context=sentence.text.replace(spec.quote, "[NUM]"),
    )


def make_report(
    sources: list[Source],
    specs: list[Spec],
    groups: list[tuple[Verdict, list[int], str]],
) -> Report:
    """A report whose clusters are ``groups`` of indexes into ``specs``."""
    by_id = {s.id: s for s in sources}
    claims = [make_claim(by_id[spec.source], spec) for spec in specs]
    clusters: list[Cluster] = []
    findings: list[Finding] = []
    for number, (verdict, members, explanation) in enumerate(groups):
        ids = tuple(claims[i].id for i in members)
        cluster_id = f"k{number:03d}"
        first = specs[members[0]]
        clusters.append(
            Cluster(
                id=cluster_id,
                kind=first.kind,
                subject=first.subject or "the same fact",
                claim_ids=ids,
            )
        )
        pairs = ((ids[0], ids[1]),) if verdict is Verdict.CONFLICT else ()
        findings.append(
            Finding(
                cluster_id=cluster_id,
                verdict=verdict,
                claim_ids=ids,
                conflicting_pairs=pairs,
                relative_gap=0.22 if verdict is Verdict.CONFLICT else 0.0,
                cross_source=len({specs[i].source for i in members}) > 1,
                explanation=explanation,
            )
        )
    return Report(
        sources=tuple(sources),
        claims=tuple(claims),
        clusters=tuple(clusters),
        findings=tuple(findings),
        settings={
            "model": "test",
            "similarity_threshold": 0.6,
            "tolerance": 0.0,
            "cache_dir": "/tmp/somewhere",
        },
    )


ALPHA = Source(
    id="alpha.txt",
    title="Alpha News",
    text="Markets fell on Monday.\n"
    "Officials said the country accounts for about 70% of the global supply of widgets.\n"
    "New tariffs of 100% take effect on November 1.\n",
)
BETA = Source(
    id="beta.txt",
    title="Beta Daily",
    text="Trade talks stalled again.\n"
    "Analysts note it produces more than 90% of the global supply of widgets.\n"
    "The tariffs of 100% start on November 1, officials said.\n",
)
GAMMA = Source(id="gamma.txt", text="Nothing measurable here.\nSome 12 people attended.\n")

SPECS = [
    Spec(
        "alpha.txt",
        "about 70%",
        Kind.PERCENT,
        70.0,
        "%",
        Qualifier.APPROXIMATE,
        63.0,
        77.0,
        subject="share of the global supply of widgets",
    ),
    Spec("beta.txt", "more than 90%", Kind.PERCENT, 90.0, "%", Qualifier.MORE_THAN, 90.0, None),
    Spec("alpha.txt", "100%", Kind.PERCENT, 100.0, "%", subject="new tariffs"),
    Spec("beta.txt", "100%", Kind.PERCENT, 100.0, "%"),
    Spec("alpha.txt", "November 1", Kind.DATE, "2025-11-01", "date", subject="tariff start"),
    Spec("beta.txt", "November 1", Kind.DATE, "2025-11-01", "date"),
    Spec("gamma.txt", "12", Kind.COUNT, 12.0, ""),
]
GROUPS = [
    (Verdict.CONFLICT, [0, 1], "about 70% vs more than 90%: the ranges do not overlap"),
    (Verdict.AGREE, [2, 3], "100% and 100% agree"),
    (Verdict.AGREE, [4, 5], "2025-11-01 and 2025-11-01 agree"),
]


def sample_report(order: int = 1) -> Report:
    """The sample report; ``order=-1`` feeds sources and claims in reverse."""
    sources = [ALPHA, BETA, GAMMA][::order]
    report = make_report(sources, SPECS, GROUPS)
    return report.model_copy(update={"claims": report.claims[::order]})


def hostile_report() -> Report:
    """A conflict whose sources carry markup, scripts and Markdown syntax."""
    evil = Source(
        id="<b>evil</b>|x.txt",
        title="<script>window.__pwned=1</script>",
        url="javascript:window.__pwned=1",
        text="Intro <script>window.__pwned=1</script> text.\n"
        'It says <img src=x onerror="window.__pwned=1"> *costs* [rose](javascript:alert(1)) '
        "to | $5 million | now.\n",
    )
    calm = Source(id="calm.txt", text="The costs rose to $7 million last year.\n")
    specs = [
        Spec(evil.id, "$5 million", Kind.MONEY, 5e6, "USD", subject="<i>costs</i> _rose_"),
        Spec("calm.txt", "$7 million", Kind.MONEY, 7e6, "USD"),
    ]
    groups = [(Verdict.CONFLICT, [0, 1], "5 vs 7 <million> & more")]
    return make_report([evil, calm], specs, groups)
