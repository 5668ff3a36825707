"""Accuracy of the cross-check on real news: conflicts flagged against hand-read gold.

Each story under ``benchmarks/data/`` (see its README) is one event told by 5+ outlets,
with a gold file of conflicts, agreements, running figures that changed over time, and
look-alike traps, every claim located by an exact quote and the number inside it.

The unit of judgement is a **pair** of claims that a conflict finding sets against
each other (its conflicting pairs, or every pair of its claims when it names none):

- true: both claims are in one gold conflict, with different values, and not in one
  gold agreement;
- false: the pair is a trap, or both claims are in one agreement or one running figure,
  or they belong to different gold facts, or to one conflict with the same value;
- unjudged: a claim is in no gold entry (the gold is not exhaustive; counted apart).

Printed per story and per split (``dev`` stories may be used for tuning; ``heldout``
stories never are): precision of flagged cross-source pairs, recall of gold conflicts
(a conflict is found when one true pair of it is flagged), the share of traps flagged,
the share of agreements kept in one cluster, and how many gold claims extraction found.

Run: ``.venv/bin/python benchmarks/accuracy.py [--split dev|heldout] [--story ID] [-v]``
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import factcheck
import factcheck.crosscheck.pipeline
from factcheck.models import Claim, Report, Verdict

DATA = Path(__file__).resolve().parent / "data"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class GoldClaim:
    section: str
    entry: str
    source: str
    quote: str
    mention: str

    @property
    def value(self) -> float | str:
        """The mention's first number, for telling values apart; its words if none."""
        found = _NUMBER.search(self.mention)
        if found is None:
            return " ".join(self.mention.lower().split())
        return float(found.group().replace(",", ""))


@dataclass
class Judged:
    true: list[tuple[Claim, Claim, str]] = field(default_factory=list)
    false: list[tuple[Claim, Claim, str]] = field(default_factory=list)
    unjudged: list[tuple[Claim, Claim]] = field(default_factory=list)


@dataclass
class StoryScore:
    story: str
    split: str
    documents: int
    claims: int
    seconds: float
    true_pairs: int
    false_pairs: int
    unjudged_pairs: int
    conflicts: int
    conflicts_found: int
    traps: int
    traps_flagged: int
    agreements: int
    agreements_grouped: int
    gold_claims: int
    gold_claims_extracted: int
    differences: int = 0
    """Gold disagreements of any time: conflicts and running figures that changed."""
    differences_found: int = 0
    """Of them, those a conflict or changed finding sets a pair of against each other."""
    details: list[str] = field(default_factory=list)


def entries(gold: dict[str, Any]) -> Iterator[GoldClaim]:
    for section in ("conflicts", "agreements", "changed_over_time"):
        for entry in gold.get(section) or []:
            for claim in entry["claims"]:
                yield GoldClaim(
                    section, entry["id"], claim["source"], claim["quote"], claim["mention"]
                )


def locate(report: Report, gold: GoldClaim) -> Claim | None:
    """The extracted claim whose quantity overlaps the gold mention inside the quote."""
    text = next((s.text for s in report.sources if Path(s.id).name == gold.source), None)
    if text is None:
        raise SystemExit(f"gold names a source that was not loaded: {gold.source}")
    spans: list[tuple[int, int]] = []
    for found in re.finditer(re.escape(gold.quote), text):
        offset = gold.quote.find(gold.mention)
        if offset < 0:
            raise SystemExit(f"{gold.source}: mention {gold.mention!r} not in its quote")
        spans.append((found.start() + offset, found.start() + offset + len(gold.mention)))
    if not spans:
        raise SystemExit(f"{gold.source}: quote not found: {gold.quote!r}")
    best: tuple[int, Claim] | None = None
    for claim in report.claims:
        if Path(claim.source).name == gold.source:
            candidates = spans
        elif gold.source in {Path(c).name for c in claim.copies}:
            # A copy's claims are folded into the first source that states the sentence:
            # the gold mention is found at the same place in that sentence.
            candidates = _spans_in_copy(claim, gold)
        else:
            continue
        for start, end in candidates:
            overlap = min(end, claim.citation.end) - max(start, claim.citation.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, claim)
    return best[1] if best else None


def trap_pairs(gold: dict[str, Any]) -> list[tuple[GoldClaim, GoldClaim]]:
    """The gold's look-alike traps, each as its two claims."""
    return [
        (
            GoldClaim("trap", str(i), t["a"]["source"], t["a"]["quote"], t["a"]["mention"]),
            GoldClaim("trap", str(i), t["b"]["source"], t["b"]["quote"], t["b"]["mention"]),
        )
        for i, t in enumerate(gold.get("not_conflicts") or [])
    ]


def _spans_in_copy(claim: Claim, gold: GoldClaim) -> list[tuple[int, int]]:
    """Where the gold mention would lie in ``claim``'s source, had the copy been kept."""
    citation = claim.citation
    offset = gold.quote.find(gold.mention)
    return [
        (
            citation.sentence_start + m.start() + offset,
            citation.sentence_start + m.start() + offset + len(gold.mention),
        )
        for m in re.finditer(re.escape(gold.quote), citation.sentence)
    ]


def _flagged_pairs(
    report: Report, verdicts: tuple[Verdict, ...] = (Verdict.CONFLICT,)
) -> Iterator[tuple[Claim, Claim]]:
    """Every pair of claims that a conflict (or ``verdicts``) finding sets against each other."""
    by_id = {c.id: c for c in report.claims}
    for finding in report.findings:
        if finding.verdict not in verdicts:
            continue
        pairs: Iterable[tuple[str, str]] = finding.conflicting_pairs or itertools.combinations(
            finding.claim_ids, 2
        )
        for a, b in pairs:
            yield by_id[a], by_id[b]


def score_story(folder: Path, settings: factcheck.Settings | None = None) -> StoryScore:
    story = yaml.safe_load((folder / "story.yaml").read_text("utf-8"))
    gold = yaml.safe_load((folder / "gold.yaml").read_text("utf-8"))
    began = time.perf_counter()
    sources = factcheck.load_sources([folder / "docs"])
    report = factcheck.report(sources, settings)
    seconds = time.perf_counter() - began

    located: dict[GoldClaim, Claim | None] = {g: locate(report, g) for g in entries(gold)}
    traps = trap_pairs(gold)
    trap_claims = [(locate(report, a), locate(report, b)) for a, b in traps]
    gold_of: dict[str, list[GoldClaim]] = {}
    for g, claim in located.items():
        if claim is not None:
            gold_of.setdefault(claim.id, []).append(g)
    trap_ids = {frozenset((a.id, b.id)) for a, b in trap_claims if a is not None and b is not None}

    judged = Judged()
    flagged_ids: set[frozenset[str]] = set()
    for a, b in _flagged_pairs(report):
        flagged_ids.add(frozenset((a.id, b.id)))
        if a.source == b.source:
            continue  # precision is over conflicts between sources
        verdict = _judge(a, b, gold_of, trap_ids)
        if verdict is None:
            judged.unjudged.append((a, b))
        elif verdict[0]:
            judged.true.append((a, b, verdict[1]))
        else:
            judged.false.append((a, b, verdict[1]))

    conflict_ids = {g.entry for g in located if g.section == "conflicts"}
    moved = {
        frozenset((a.id, b.id))
        for a, b in _flagged_pairs(report, (Verdict.CONFLICT, Verdict.CHANGED))
        if a.source != b.source
    }
    differing: dict[str, bool] = {}
    for section in ("conflicts", "changed_over_time"):
        for entry in gold.get(section) or []:
            members = [
                (g, c)
                for g, c in located.items()
                if g.section == section and g.entry == entry["id"]
            ]
            differing[f"{section}:{entry['id']}"] = any(
                ca is not None
                and cb is not None
                and ga.value != gb.value
                and frozenset((ca.id, cb.id)) in moved
                for (ga, ca), (gb, cb) in itertools.combinations(members, 2)
            )
    found = {why for _, _, why in judged.true}
    cluster_of = {cid: cl.id for cl in report.clusters for cid in cl.claim_ids}
    agreements = [e for e in gold.get("agreements") or [] if len(e["claims"]) > 1]
    grouped = 0
    for entry in agreements:
        members = [
            c for g, c in located.items() if g.section == "agreements" and g.entry == entry["id"]
        ]
        clusters = {cluster_of.get(c.id) if c else None for c in members}
        grouped += len(clusters) == 1 and None not in clusters
    details = [
        *(f"  TRUE  {_show(a)}  <>  {_show(b)}  [{why}]" for a, b, why in judged.true),
        *(f"  FALSE {_show(a)}  <>  {_show(b)}  [{why}]" for a, b, why in judged.false),
        *(f"  ?     {_show(a)}  <>  {_show(b)}" for a, b in judged.unjudged),
        *(f"  MISSED conflict {cid}" for cid in sorted(conflict_ids - found)),
        *(
            f"  NOT EXTRACTED {g.source}: {g.mention!r} in {g.quote!r}"
            for g, c in located.items()
            if c is None
        ),
    ]
    return StoryScore(
        story=story["id"],
        split=story["split"],
        documents=len(sources),
        claims=len(report.claims),
        seconds=seconds,
        true_pairs=len(judged.true),
        false_pairs=len(judged.false),
        unjudged_pairs=len(judged.unjudged),
        conflicts=len(conflict_ids),
        conflicts_found=len(found & conflict_ids),
        traps=len(traps),
        traps_flagged=sum(
            a is not None and b is not None and frozenset((a.id, b.id)) in flagged_ids
            for a, b in trap_claims
        ),
        agreements=len(agreements),
        agreements_grouped=grouped,
        differences=len(differing),
        differences_found=sum(differing.values()),
        gold_claims=len(located) + 2 * len(traps),
        gold_claims_extracted=sum(c is not None for c in located.values())
        + sum((a is not None) + (b is not None) for a, b in trap_claims),
        details=details,
    )


def _judge(
    a: Claim, b: Claim, gold_of: dict[str, list[GoldClaim]], trap_ids: set[frozenset[str]]
) -> tuple[bool, str] | None:
    if frozenset((a.id, b.id)) in trap_ids:
        return False, "trap"
    ga, gb = gold_of.get(a.id), gold_of.get(b.id)
    if not ga or not gb:
        return None
    for x, y in itertools.product(ga, gb):
        if x.entry == y.entry and x.section in ("agreements", "changed_over_time"):
            return False, f"{x.section}:{x.entry}"
    for x, y in itertools.product(ga, gb):
        if x.section == y.section == "conflicts" and x.entry == y.entry and x.value != y.value:
            return True, x.entry
    return False, f"different facts {ga[0].entry} / {gb[0].entry}"


def _show(claim: Claim) -> str:
    return f"{Path(claim.source).name}:{claim.citation.quote!r} ({claim.frame.subject[:40]!r})"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} {100 * part / whole:5.1f}%" if whole else f"{part}/0    -  "


def _print_table(scores: list[StoryScore], label: str) -> None:
    header = (
        f"{'story':34} {'docs':>4} {'claims':>6} {'precision (pairs)':>19} "
        f"{'recall (conflicts)':>19} {'all differences':>16} {'traps flagged':>15} "
        f"{'agreements kept':>17} "
        f"{'unjudged':>8} {'extracted':>17}"
    )
    print(f"\n{label}\n{header}")
    for s in [*scores, _total(scores, "TOTAL " + label)]:
        print(
            f"{s.story:34} {s.documents:>4} {s.claims:>6} "
            f"{_ratio(s.true_pairs, s.true_pairs + s.false_pairs):>19} "
            f"{_ratio(s.conflicts_found, s.conflicts):>19} "
            f"{_ratio(s.differences_found, s.differences):>16} "
            f"{_ratio(s.traps_flagged, s.traps):>15} "
            f"{_ratio(s.agreements_grouped, s.agreements):>17} "
            f"{s.unjudged_pairs:>8} {_ratio(s.gold_claims_extracted, s.gold_claims):>17}"
        )


def _total(scores: list[StoryScore], name: str) -> StoryScore:
    total = StoryScore(name, "", *([0] * 2), 0.0, *([0] * 11))
    for s in scores:
        for key, value in vars(s).items():
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                setattr(total, key, getattr(total, key) + value)
    return total


@dataclass
class FrameScore:
    """How often the frame read for a hand-labelled claim is right, part by part."""

    labelled: int = 0
    located: int = 0
    measure: int = 0
    entity: int = 0
    period: int = 0
    misses: list[str] = field(default_factory=list)


_LEMMA_CUT = re.compile(r"(?:ies|es|s|ed|ing)$")


def _stem(word: str) -> str:
    word = word.lower()
    return _LEMMA_CUT.sub("", word) if len(word) > 4 else word


def measure_right(predicted: str | None, accepted: list[str]) -> bool:
    """A measure is right when it shares a content word (stemmed) with an accepted phrasing."""
    if not predicted:
        return not accepted
    words = {_stem(w) for w in re.findall(r"[a-z]+", predicted.lower())}
    return any(
        words & {_stem(w) for w in re.findall(r"[a-z]+", phrase.lower())} for phrase in accepted
    )


def entity_right(predicted: str | None, accepted: list[str]) -> bool:
    """An entity is right when it names an accepted name (one inside the other), or none is."""
    if not accepted:
        return not predicted
    if not predicted:
        return False
    got = predicted.lower().removeprefix("the ")
    return any(got in name.lower() or name.lower().removeprefix("the ") in got for name in accepted)


def period_right(predicted: str | None, gold: str | None) -> bool:
    """A period is right when it is the labelled one, or at the labelled precision."""
    if gold is None:
        return predicted is None or predicted in ("FY",)
    return predicted is not None and (predicted == str(gold) or predicted.startswith(f"{gold}-"))


def score_frames(folder: Path) -> FrameScore | None:
    """Frame accuracy on the story's hand-labelled claims (``frames.yaml``), if it has them."""
    path = folder / "frames.yaml"
    if not path.is_file():
        return None
    labels = yaml.safe_load(path.read_text("utf-8"))["claims"]
    sources = factcheck.load_sources([folder / "docs"])
    claims = list(factcheck.crosscheck.pipeline.claims(sources))
    report = Report(sources=tuple(sources), claims=tuple(claims), clusters=(), findings=())
    score = FrameScore(labelled=len(labels))
    for label in labels:
        gold = GoldClaim("frame", "", label["source"], label["quote"], label["mention"])
        claim = locate(report, gold)
        if claim is None:
            score.misses.append(f"  NOT EXTRACTED {label['source']}: {label['mention']!r}")
            continue
        score.located += 1
        frame = claim.frame
        right = (
            measure_right(frame.measure, list(label.get("measure") or [])),
            entity_right(frame.entity, list(label.get("entity") or [])),
            period_right(frame.period, label.get("period")),
        )
        score.measure += right[0]
        score.entity += right[1]
        score.period += right[2]
        if not all(right):
            score.misses.append(
                f"  {label['source']}: {label['mention']!r} measure={frame.measure!r} "
                f"(gold {label.get('measure')}) entity={frame.entity!r} (gold "
                f"{label.get('entity')}) period={frame.period!r} (gold {label.get('period')})"
            )
    return score


def _print_frames(scores: dict[str, FrameScore]) -> None:
    print("\nframe accuracy on hand-labelled claims (frames.yaml), of the claims extracted")
    print(
        f"{'story':34} {'labelled':>8} {'extracted':>9} {'measure':>13} {'entity':>13} "
        f"{'period':>13}"
    )
    total = FrameScore()
    for story, s in [*scores.items(), ("TOTAL", total)]:
        if story != "TOTAL":
            for key in ("labelled", "located", "measure", "entity", "period"):
                setattr(total, key, getattr(total, key) + getattr(s, key))
        print(
            f"{story:34} {s.labelled:>8} {s.located:>9} {_ratio(s.measure, s.located):>13} "
            f"{_ratio(s.entity, s.located):>13} {_ratio(s.period, s.located):>13}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout"], help="only this split")
    parser.add_argument("--story", action="append", help="only this story (repeatable)")
    parser.add_argument("-v", "--verbose", action="store_true", help="every judged pair")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="a folder of stories [default: benchmarks/data]"
    )
    args = parser.parse_args(argv)
    scores: list[StoryScore] = []
    frame_scores: dict[str, FrameScore] = {}
    for folder in sorted(p for p in args.data.iterdir() if (p / "gold.yaml").is_file()):
        story = yaml.safe_load((folder / "story.yaml").read_text("utf-8"))
        if args.split and story["split"] != args.split:
            continue
        if args.story and story["id"] not in args.story:
            continue
        score = score_story(folder)
        scores.append(score)
        frames = score_frames(folder)
        if frames is not None:
            frame_scores[score.story] = frames
        if args.verbose:
            print(f"\n== {score.story} ({score.split})", *score.details, sep="\n")
            if frames is not None:
                print(*frames.misses, sep="\n")
    for split in ("dev", "heldout"):
        chosen = [s for s in scores if s.split == split]
        if chosen:
            _print_table(chosen, split)
    if frame_scores:
        _print_frames(frame_scores)
    seconds = sum(s.seconds for s in scores)
    print(f"\n{len(scores)} stories, {sum(s.claims for s in scores)} claims, {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
