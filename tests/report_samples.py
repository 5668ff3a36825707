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


_PLACES = """Argentina Australia Brazil Canada Chile China Egypt France Germany India Indonesia
Italy Japan Kenya Mexico Nigeria Norway Peru Poland Spain Sweden Turkey Vietnam Zambia""".split()
_GOODS = """wheat rice maize coffee cocoa sugar cotton copper nickel lithium cobalt zinc steel
gold silver oil gas coal timber salmon beef wine batteries textiles cement paper glass""".split()
_MEASURES = ["output", "exports", "imports", "prices", "reserves", "stocks"]


def synthetic_report(claims: int, *, per_source: int = 20, seed: int = 0) -> Report:
    """A report of ``claims`` claims built directly as models: no extraction, no embedding.

    Facts are stated about six times each, in sources of ``per_source`` claims; about a
    third of the statements repeat another source's sentence word for word (copies), and
    about one fact in five has a source stating another value (a conflict). Every citation
    is ``text[start:end]`` of its source, so the report renders as a real one does.
    """
    import random

    rng = random.Random(seed)
    facts = max(1, claims // 6)
    topics = [
        (rng.choice(_PLACES), rng.choice(_MEASURES), rng.choice(_GOODS), rng.randint(5, 95))
        for _ in range(facts)
    ]
    wording: dict[int, str] = {}
    members: dict[int, list[tuple[str, float]]] = {}
    plan: list[tuple[int, float, str]] = []
    for _ in range(claims):
        fact = rng.randrange(facts)
        place, measure, good, value = topics[fact]
        stated = float(value)
        if fact % 4 == 0 and rng.random() < 0.3:
            stated = float(value + 20)  # the odd one out: a conflict
        if fact in wording and rng.random() < 0.35:
            template = wording[fact]
        else:
            verb = rng.choice(["rose", "reached", "stood at", "grew to", "hit"])
            said = rng.choice(["officials said", "analysts said", "a report found", "data show"])
            template = f"{place}'s {good} {measure} {verb} {{}} last year, {said}."
            wording.setdefault(fact, template)
        plan.append((fact, stated, template))
    sources: list[Source] = []
    claim_models: list[Claim] = []
    for first in range(0, claims, per_source):
        source_id = f"wire-{first // per_source:05d}.txt"
        text_parts: list[str] = [f"Report {first // per_source} on commodities.\n"]
        cursor = len(text_parts[0])
        spans = []
        for number, (fact, stated, template) in enumerate(plan[first : first + per_source]):
            quote = f"{stated:g}%"
            sentence = template.format(quote)
            start = cursor + sentence.index(quote)
            spans.append((fact, stated, sentence, cursor, start, start + len(quote)))
            gap = "\n" if number % 3 == 2 else " "
            text_parts.append(sentence + gap)
            cursor += len(sentence) + len(gap)
        text = "".join(text_parts)
        source = Source(id=source_id, title=f"Commodities wire {first // per_source}", text=text)
        sources.append(source)
        for fact, stated, sentence, sentence_start, start, end in spans:
            claim = Claim(
                id=Claim.make_id(source_id, start, end),
                quantity=Quantity(
                    kind=Kind.PERCENT, value=stated, unit="%", low=stated, high=stated
                ),
                citation=Citation(
                    source=source_id,
                    start=start,
                    end=end,
                    line=text.count("\n", 0, start) + 1,
                    quote=text[start:end],
                    sentence=sentence,
                    sentence_start=sentence_start,
                    sentence_end=sentence_start + len(sentence),
                ),
                frame=Frame(subject=" ".join(topics[fact][:3])),
                context=sentence,
            )
            claim_models.append(claim)
            members.setdefault(fact, []).append((claim.id, stated))
    clusters: list[Cluster] = []
    findings: list[Finding] = []
    for fact, stated in sorted(members.items()):
        if len(stated) < 2:
            continue
        ids = tuple(claim_id for claim_id, _ in stated)
        values = {value for _, value in stated}
        pairs = tuple(
            (a, b) for index, (a, x) in enumerate(stated) for b, y in stated[index + 1 :] if x != y
        )
        verdict = Verdict.CONFLICT if len(values) > 1 else Verdict.AGREE
        low, high = min(values), max(values)
        cluster_id = f"k{fact:06d}"
        clusters.append(
            Cluster(
                id=cluster_id, kind=Kind.PERCENT, subject=" ".join(topics[fact][:3]), claim_ids=ids
            )
        )
        findings.append(
            Finding(
                cluster_id=cluster_id,
                verdict=verdict,
                claim_ids=ids,
                conflicting_pairs=pairs,
                relative_gap=(high - low) / high if verdict is Verdict.CONFLICT else 0.0,
                cross_source=True,
                explanation=(
                    f"{low:g}% vs {high:g}%: the ranges do not overlap"
                    if verdict is Verdict.CONFLICT
                    else f"{low:g}%: the ranges overlap"
                ),
            )
        )
    return Report(
        sources=tuple(sources),
        claims=tuple(claim_models),
        clusters=tuple(clusters),
        findings=tuple(findings),
        settings={"model": "synthetic", "similarity_threshold": 0.6, "tolerance": 0.0},
    )
