"""What a quantity measures, of whom, and when, read from the words around it.

Three parts of a claim's frame decide what it may be compared with:

- **measure**: the canonical name of what is measured (deaths, magnitude, shipments,
  share, growth, fee, ...), from :data:`MEASURES`: the cue nearest the quantity among
  those that fit its class (a "share" is a percentage, "deaths" a plain count, "depth"
  a length);
- **entity**: who or what it is measured of: the proper name nearest the quantity in
  its clause ("Apple", "Turkey"); a name that only says who reports the figure
  ("according to IDC", "Canalys said") is its **attribution** instead;
- **period**: the year, quarter or half the figure refers to ("2023-Q4", "2024", "FY").

Names are told from ordinary words without a tagger: a capital inside a sentence marks
a name, and a capital that opens a sentence marks one only if the source never writes
that word in lower case ("Xiaomi shipped" against "Shipments rose").
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from factcheck.models import Kind, Quantity
from factcheck.sources.dates import MONTHS
from factcheck.units import Dimension, read_unit, unit

__all__ = [
    "MEASURES",
    "RUNNING_MEASURES",
    "Aspects",
    "aspects",
    "contrastive",
    "entities_compatible",
    "lowercase_words",
    "measures_compatible",
    "period_year",
    "periods_compatible",
    "quantity_class",
]

COUNT, PERCENT, MONEY = "count", "percent", "money"
"""Quantity classes a measure can take besides unit dimensions (length, speed, ...)."""

# name -> (cue words and phrases, the quantity classes the measure can be stated in)
MEASURES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "deaths": (
        (
            "death toll",
            "killed",
            "killing",
            "kills",
            "dead",
            "deaths",
            "death",
            "died",
            "dies",
            "fatalities",
            "fatality",
            "lives",
            "perished",
            "bodies",
            "toll",
        ),
        frozenset({COUNT}),
    ),
    "injured": (("injured", "injuring", "injuries", "wounded", "hurt"), frozenset({COUNT})),
    "missing": (("missing", "unaccounted"), frozenset({COUNT})),
    "displaced": (
        ("evacuated", "evacuate", "evacuation", "displaced", "homeless", "shelters", "rescued"),
        frozenset({COUNT}),
    ),
    "buildings": (
        ("buildings", "houses", "homes", "structures", "collapsed", "destroyed"),
        frozenset({COUNT}),
    ),
    "aftershocks": (("aftershocks", "aftershock", "tremors"), frozenset({COUNT})),
    "magnitude": (("magnitude", "richter", "measuring", "quake", "earthquake"), frozenset({COUNT})),
    "depth": (("depth", "deep", "below the surface", "underground"), frozenset({"length"})),
    "distance": (
        (
            "away",
            "from",
            "north",
            "south",
            "east",
            "west",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
            "distance",
            "off",
        ),
        frozenset({"length"}),
    ),
    "rain": (("rain", "rainfall"), frozenset({"length"})),
    "surge": (("surge", "storm surge"), frozenset({"length"})),
    "speed": (("winds", "wind", "gusts", "sustained", "speed", "speeds"), frozenset({"speed"})),
    "damage": (
        ("damage", "damages", "losses", "insured", "destruction", "cost"),
        frozenset({MONEY}),
    ),
    "outages": (("without power", "outages", "power"), frozenset({COUNT})),
    "production": (
        ("output", "production", "produced", "produces", "produce"),
        frozenset({COUNT, "mass", "volume", "energy", "power"}),
    ),
    "shipments": (
        (
            "shipments",
            "shipment",
            "shipped",
            "shipping",
            "ship",
            "units",
            "handsets",
            "smartphones",
            "phones",
            "devices",
            "sold",
            "delivered",
            "sales volume",
        ),
        frozenset({COUNT}),
    ),
    "share": (
        (
            "market share",
            "share",
            "shares",
            "stake",
            "of the market",
            "accounts for",
            "accounted for",
            "of the global",
            "of global",
            "supply",
        ),
        frozenset({PERCENT}),
    ),
    "growth": (
        (
            "growth",
            "grew",
            "grow",
            "rose",
            "rise",
            "risen",
            "increase",
            "increased",
            "jumped",
            "gain",
            "gained",
            "up",
            "fell",
            "fall",
            "declined",
            "decline",
            "decrease",
            "decreased",
            "dropped",
            "drop",
            "down",
            "dipped",
            "slumped",
            "slid",
            "year-on-year",
            "year-over-year",
            "annually",
            "yoy",
        ),
        frozenset({PERCENT}),
    ),
    "revenue": (
        ("revenue", "revenues", "sales", "turnover", "earnings", "profit", "earned"),
        frozenset({MONEY}),
    ),
    "price": (
        ("price", "priced", "costs", "trading", "worth", "valued", "valuation"),
        frozenset({MONEY}),
    ),
    "turnout": (("turnout", "participation", "participation rate"), frozenset({PERCENT})),
    "votes": (
        ("votes", "vote", "ballots", "ballot", "polled", "voted", "won", "support"),
        frozenset({PERCENT, COUNT}),
    ),
    "seats": (("seats", "seat"), frozenset({COUNT})),
    "counted": (
        ("counted", "ballot boxes", "of the ballots", "precincts reporting"),
        frozenset({PERCENT, COUNT}),
    ),
    "fee": (
        (
            "fee",
            "transfer",
            "deal",
            "paid",
            "pay",
            "signing",
            "bid",
            "offer",
            "move",
            "sale",
            "bought",
            "sold",
        ),
        frozenset({MONEY}),
    ),
    # What a contract asks for leaving, not what was paid.
    "release clause": (
        ("release clause", "buyout clause", "buy-out clause", "release fee", "buyout"),
        frozenset({MONEY}),
    ),
    "wage": (
        (
            "wage",
            "wages",
            "salary",
            "a week",
            "per week",
            "weekly",
            "a year",
            "per year",
            "earn",
            "earns",
            "earning",
        ),
        frozenset({MONEY}),
    ),
    "spending": (("spent", "spending", "spend", "outlay", "splashed"), frozenset({MONEY})),
    "investment": (
        ("invest", "invests", "invested", "investment", "investments"),
        frozenset({MONEY}),
    ),
    "trade": (
        ("exported", "exports", "export", "imported", "imports", "import"),
        frozenset({MONEY, COUNT, "mass"}),
    ),
    "population": (("population", "residents", "inhabitants"), frozenset({COUNT})),
    "temperature": (("temperature", "temperatures", "heat"), frozenset({"temperature"})),
}

RUNNING_MEASURES = frozenset(
    {
        "deaths",
        "injured",
        "missing",
        "displaced",
        "buildings",
        "aftershocks",
        "outages",
        "damage",
        "votes",
        "counted",
    }
)
"""Tallies that move as reports come in (a toll, a count of votes): a later figure is news,
not a contradiction."""


def _cue_table() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for name, (cues, _) in MEASURES.items():
        for cue in cues:
            table.setdefault(cue, []).append(name)
    return {cue: tuple(names) for cue, names in table.items()}


_CUE_MEASURES = _cue_table()
_LONGEST_CUE = max(len(cue.split()) for cue in _CUE_MEASURES)
_CUE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_REACH_WORDS = 8  # a cue further than this from the quantity says nothing about it
_REACH_CHARS = 16 * _REACH_WORDS  # enough characters to hold that many words
_WINDOW = 200  # characters either side of the quantity that are read

_NOT_NAMES = frozenset(
    """the a an this that these those it its in on at for from by with and or but as of to
    however meanwhile according after before while when where if though although despite
    he she they we i you his her their our my your there here what which who how why
    mr mrs ms dr prof president minister chief ceo officials official monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow q1 q2 q3 q4 h1 h2 fy yoy qoq mom
    total full global worldwide overall also last next first second third fourth fifth top
    category new old other some many most all both each every several""".split()
) | frozenset(MONTHS)
_WORD = re.compile(r"[^\W\d_][\w’'&.\-]*[^\W_]|[^\W\d_]|\d[\d,.]*|[^\w\s]")
_CLAUSE_STOP = frozenset(';:—–|•()[]"“”')
_CONNECTORS = frozenset("while whereas but compared against versus vs although though".split())
_NAME_REACH = 16  # tokens either side of the quantity searched for its entity
_ATTRIBUTION_BEFORE = (
    "according to",
    "data from",
    "figures from",
    "estimates from",
    "per",
    "said",
    "says",
    "reported by",
    "estimated by",
)
_ATTRIBUTION_AFTER = frozenset(
    """said says say estimated estimates estimate reported reports report data figures
    research analysts analyst tracker shows showed noted note found projected projects
    forecast forecasts put puts pegged counted calculated recorded confirmed announced""".split()
)
# "according to the International Data Corporation (IDC) Worldwide Tracker, ...": every
# name up to the end of the phrase is whom the figure is credited to.
_ATTRIBUTION_PHRASE = re.compile(
    r"\b(?:according\s+to|data\s+from|figures\s+from|estimates\s+from|citing|per)\s+[^,;:.]*",
    re.IGNORECASE,
)
# Nationality adjectives ("the South Korean brand", "a British record") describe, they
# do not name what is measured.
_DEMONYM = re.compile(r"(?:ish|ese|ian|ean|can)$")
_SENTENCE_OPENERS = frozenset(".!?\"“‘'")

_QUARTER = re.compile(
    r"\b(?:q([1-4])|(first|second|third|fourth|1st|2nd|3rd|4th|final)[\s-]+quarter)"
    r"(?:\s*(?:of\s+)?(?:fy\s*)?'?(\d{4}|\d{2})\b)?",
    re.IGNORECASE,
)
_HALF = re.compile(r"\b(?:h([12])|(first|second)[\s-]+half)\b", re.IGNORECASE)
_ROUND = re.compile(
    r"\b(?:(first|second|third|final)[\s-]+(?:round|ballot)|(run-?off))\b", re.IGNORECASE
)
_FULL_YEAR = re.compile(
    r"\b(?:full[\s-]+year|whole\s+year|entire\s+year|annual|for\s+the\s+year|yearly"
    r"|calendar\s+year)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d.,$£€])\b(19[5-9]\d|20\d{2})\b(?![%.,]?\d)")
_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
}
_LOWER_WORD = re.compile(r"\b[a-z][a-z’'\-]*\b")


@dataclass(frozen=True)
class Aspects:
    """The parts of a claim's frame that decide what it may be compared with."""

    measure: str | None
    entity: str | None
    period: str | None
    attribution: str | None


def quantity_class(quantity: Quantity) -> str:
    """What sort of amount a quantity is, as :data:`MEASURES` names them."""
    if quantity.kind in (Kind.PERCENT, Kind.PERCENTAGE_POINTS):
        return PERCENT
    if quantity.kind is Kind.MONEY:
        return MONEY
    if quantity.kind in (Kind.DATE, Kind.YEAR):
        return quantity.kind.value  # a point in time, never a duration
    found = unit(quantity.unit)
    if found is not None:
        return found.dimension.value
    return COUNT if quantity.kind is Kind.COUNT else quantity.kind.value


_MAX_LOWERCASE_WORDS = 200_000
"""Distinct lower-case words kept per source: ordinary English needs far fewer, and a huge
source of unique tokens cannot grow memory without bound."""


def lowercase_words(text: str) -> frozenset[str]:
    """The words a source writes in lower case: a capital on one of them is no name."""
    words: set[str] = set()
    for start in range(0, len(text), _CHUNK):
        words.update(_LOWER_WORD.findall(text, start, start + _CHUNK))
        if len(words) >= _MAX_LOWERCASE_WORDS:
            break
    return frozenset(words)


_CHUNK = 1 << 16  # characters read at a time (a word cut at a chunk's edge is read in two)


def aspects(
    sentence: str, span: tuple[int, int], quantity_class: str, lowercase: frozenset[str]
) -> Aspects:
    """Measure, entity, period and attribution of the quantity at ``span`` in ``sentence``.

    ``quantity_class`` is "percent", "money", "count" or a unit's dimension ("length");
    ``lowercase`` is :func:`lowercase_words` of the whole source.
    """
    entity, attribution = _names(sentence, span, lowercase)
    offset = max(0, span[0] - _WINDOW)
    text = sentence[offset : span[1] + _WINDOW]
    start, end = span[0] - offset, span[1] - offset
    return Aspects(
        measure=_measure(text, (start, end), quantity_class),
        entity=entity,
        period=_period(text, (start, end)),
        attribution=attribution,
    )


def _measure(text: str, span: tuple[int, int], quantity_class: str) -> str | None:
    """The fitting cue nearest the quantity; words after it count a little nearer.

    A change says what changed when it can: "growth:shipments" against "growth:revenue".
    """
    best = _nearest_measure(text, span, quantity_class)
    if best in _CHANGES:
        base = _nearest_measure(text, span, COUNT) or _nearest_measure(text, span, MONEY)
        if base is not None and base not in _CHANGES:
            return f"{best}:{base}"
    if best is not None:
        return best
    # A physical amount says what it measures by its unit alone: a speed, a mass.
    return quantity_class if quantity_class in _DIMENSIONS else None


_CHANGES = frozenset({"growth"})


def measures_compatible(a: str | None, b: str | None, *, strict: bool) -> bool:
    """Whether two measures can be one: equal, or one change of an unnamed thing.

    ``strict`` (for claims whose values differ): both must be named.
    """
    if a is None or b is None:
        return not strict
    head_a, _, base_a = a.partition(":")
    head_b, _, base_b = b.partition(":")
    if head_a != head_b:
        # A bare dimension ("length") may be any measure of it ("depth"), if not strict.
        return not strict and (head_a in _DIMENSIONS or head_b in _DIMENSIONS)
    return not base_a or not base_b or base_a == base_b


def _nearest_measure(text: str, span: tuple[int, int], quantity_class: str) -> str | None:
    """The measure of the cue nearest the quantity that fits its class.

    Cues are looked up as word n-grams on either side, longest first; words after the
    quantity count a little nearer ("80.5 million units" over "Apple's 80.5 million").
    """
    before = _CUE_WORD.findall(text[max(0, span[0] - _REACH_CHARS) : span[0]].lower())[::-1]
    after = _CUE_WORD.findall(text[span[1] : span[1] + _REACH_CHARS].lower())
    # Positions nearest first: (distance, side, words between the quantity and the cue).
    for _, side, k in _POSITIONS:
        words = after if side else before
        for n in range(min(_LONGEST_CUE, len(words) - k), 0, -1):
            if n == 1:
                names = _CUE_MEASURES.get(words[k])
            else:
                gram = words[k : k + n] if side else words[k : k + n][::-1]
                names = _CUE_MEASURES.get(" ".join(gram))
            if names is None:
                continue
            for name in names:
                if quantity_class in MEASURES[name][1]:
                    return name
    return None


_POSITIONS = sorted(
    [(0.9 * k, True, k) for k in range(_REACH_WORDS + 1)]
    + [(float(j), False, j) for j in range(_REACH_WORDS + 1)]
)
"""Where cues are looked for, nearest first: words after the quantity count a little nearer."""


_DIMENSIONS = frozenset(d.value for d in Dimension)


def _period(text: str, span: tuple[int, int]) -> str | None:
    """The year and part of it (quarter, half, round, full year) the sentence names."""

    def outside(match: re.Match[str]) -> bool:
        return match.end() <= span[0] or match.start() >= span[1]

    # Most sentences name no part of a year: one cheap search spares four.
    part, year = _part_of_year(text, outside) if _PART_HINT.search(text) else (None, None)
    if year is None:
        year = next(
            (m.group(1) for m in _YEAR.finditer(text) if outside(m) and not _baseline(text, m)),
            None,
        )
    if part and year:
        return f"{year}-{part}"
    return part or year


def _part_of_year(
    text: str, outside: Callable[[re.Match[str]], bool]
) -> tuple[str | None, str | None]:
    quarter = next((m for m in _QUARTER.finditer(text) if outside(m)), None)
    if quarter is not None:
        year = quarter.group(3)
        if year is not None and len(year) == 2:
            year = f"20{year}"
        return f"Q{quarter.group(1) or _ORDINALS[quarter.group(2).lower()]}", year
    half = next((m for m in _HALF.finditer(text) if outside(m)), None)
    if half is not None:
        return f"H{half.group(1) or (1 if half.group(2).lower() == 'first' else 2)}", None
    stage = next((m for m in _ROUND.finditer(text) if outside(m)), None)
    if stage is not None:
        # An election's rounds are its periods: "first round" against "runoff".
        ordinal = (stage.group(1) or "second").lower()
        return f"R{'F' if ordinal == 'final' else _ORDINALS.get(ordinal, 2)}", None
    if any(outside(m) for m in _FULL_YEAR.finditer(text)):
        return "FY", None
    return None, None


_PART_HINT = re.compile(r"quarter|\bq[1-4]|half|\bh[12]\b|round|ballot|run-?off|year|annual", re.I)

_BASELINE = re.compile(
    r"\b(?:from|than|since|compared\s+(?:with|to)|versus|vs\.?|against|over)\s+(?:the\s+)?"
    r"(?:same\s+\w+\s+(?:of|in)\s+)?$",
    re.IGNORECASE,
)


def _baseline(text: str, year: re.Match[str]) -> bool:
    """Whether a year is what the figure is compared with ("a 4% fall from 2022")."""
    return _BASELINE.search(text[max(0, year.start() - 40) : year.start()]) is not None


def periods_compatible(
    a: str | None, b: str | None, *, strict: bool = False, current: int | None = None
) -> bool:
    """Unknown periods fit anything; named years or parts of a year that differ do not.

    ``strict`` (for claims whose values differ): a part of a year ("Q4") does not fit a
    year named without one ("in 2023" reads as the whole year), and a year named on one
    side only fits the other only if it is the story's own time, the ``current`` year or
    the one before (a quake "in 1939" is not this quake).
    """
    if a is None and b is None:
        return True
    if a is None or b is None:
        named = _split_period(a or b or "")[0]
        return not (strict and named and current is not None and int(named) < current - 1)
    year_a, part_a = _split_period(a)
    year_b, part_b = _split_period(b)
    if year_a and year_b and year_a != year_b:
        return False
    if strict:
        # A year named alone is the whole year: it fits "full year", not a quarter.
        part_a = part_a or ("FY" if year_a else "")
        part_b = part_b or ("FY" if year_b else "")
    if part_a and part_b:
        return part_a == part_b
    return True


def period_year(period: str | None) -> int | None:
    """The year a period names, if any."""
    year = _split_period(period)[0] if period else ""
    return int(year) if year else None


def _split_period(period: str) -> tuple[str, str]:
    if period[:1].isdigit():
        year, _, part = period.partition("-")
        return year, part
    return "", period


def entities_compatible(a: str | None, b: str | None, *, strict: bool) -> bool:
    """Whether two entities can be one: they share a word ("Erdogan", "Recep Tayyip Erdogan").

    ``strict`` (for claims whose values differ): an entity named on one side only keeps
    them apart; otherwise a missing entity fits any.
    """
    if a is None or b is None:
        return not strict or a == b
    return not set(a.lower().split()).isdisjoint(b.lower().split())


def _clause(tokens: list[re.Match[str]], index: int) -> tuple[int, int, frozenset[int]]:
    """Token range of the clause around ``index`` and the tokens of asides inside it.

    An aside in parentheses ("Transsion (parent of Infinix & Tecno) shipped ...") does
    not end the clause, and its names are not the clause's.
    """

    def stops(k: int) -> bool:
        token = tokens[k].group()
        return token in _CLAUSE_STOP or token.lower() in _CONNECTORS

    aside: set[int] = set()

    def walk(step: int, open_: str, close: str) -> int:
        edge, k = index, index + step
        while 0 <= k < len(tokens) and abs(k - index) <= _NAME_REACH:
            token = tokens[k].group()
            if token == open_:
                depth, j = 0, k
                while 0 <= j < len(tokens):
                    depth += {open_: 1, close: -1}.get(tokens[j].group(), 0)
                    if depth == 0:
                        break
                    j += step
                if not 0 <= j < len(tokens):
                    break
                aside.update(range(min(k, j), max(k, j) + 1))
                edge, k = j, j + step
                continue
            if stops(k):
                break
            edge, k = k, k + step
        return edge

    lo = walk(-1, ")", "(")
    hi = walk(1, "(", ")")
    return lo, hi, frozenset(aside)


@functools.lru_cache(maxsize=4096)
def _is_unit(token: str) -> bool:
    return read_unit(token) is not None


def _is_name(tokens: list[re.Match[str]], i: int, lowercase: frozenset[str]) -> bool:
    token = tokens[i].group()
    if not token[:1].isalpha() or token.lower() in _NOT_NAMES or _is_unit(token):
        return False
    if not token[:1].isupper():
        return token[1:] != token[1:].lower()  # iPhone, eBay
    if i == 0 or tokens[i - 1].group() in _SENTENCE_OPENERS:
        return token.lower() not in lowercase
    return True


@dataclass(frozen=True)
class _Reading:
    """A sentence's tokens and credited phrases, read once for all its quantities."""

    tokens: list[re.Match[str]]
    starts: list[int]
    credited: list[tuple[int, int]]


@functools.lru_cache(maxsize=16)
def _read(sentence: str, lowercase: frozenset[str]) -> tuple[_Reading, _Names]:
    # Cached: a sentence is asked about once per quantity in it, one after the other.
    tokens = list(_WORD.finditer(sentence))
    reading = _Reading(
        tokens,
        [t.start() for t in tokens],
        [m.span() for m in _ATTRIBUTION_PHRASE.finditer(sentence)],
    )
    return reading, _Names(tokens, lowercase)


def _names(
    text: str, span: tuple[int, int], lowercase: frozenset[str]
) -> tuple[str | None, str | None]:
    """The proper name nearest the quantity in its clause, and who the figure is credited to."""
    reading, names = _read(text, lowercase)
    tokens, credited = reading.tokens, reading.credited
    if not tokens:
        return None, None
    index = min(bisect.bisect_left(reading.starts, span[0]), len(tokens) - 1)
    lo, hi, aside = _clause(tokens, index)
    respectively = _respectively(tokens, names, lo, hi, index)
    attribution: str | None = None
    nearest: tuple[int, str] | None = None
    for first, last in names.runs(lo, hi):
        if first in aside or (tokens[last].end() > span[0] and tokens[first].start() < span[1]):
            continue  # an aside, or the quantity's own unit ("1.2 GW")
        name = re.sub(r"[’']s$", "", " ".join(t.group() for t in tokens[first : last + 1]))
        before = text[max(0, tokens[first].start() - 16) : tokens[first].start()].lower()
        after = [t.group().lower() for t in tokens[last + 1 : last + 3]]
        if (
            before.rstrip().endswith(_ATTRIBUTION_BEFORE)
            or (after and after[0] in _ATTRIBUTION_AFTER)
            or any(s <= tokens[first].start() < e for s, e in credited)
        ):
            attribution = attribution or name
            continue
        if _DEMONYM.search(name) and after and after[0][:1].islower():
            continue
        distance = first - index if first > index else index - last
        if nearest is None or distance < nearest[0]:
            nearest = (distance, name)
    if respectively is not None:
        return respectively, attribution
    if nearest is None and any(tokens[k].group().lower() in _PRONOUNS for k in range(lo, index)):
        # "..., an area where it produces more than 90%": "it" is the nearest name before.
        earlier = [
            run for run in names.runs(max(0, lo - _NAME_REACH), lo - 1) if run[0] not in aside
        ]
        if earlier:
            first, last = earlier[-1]
            name = " ".join(t.group() for t in tokens[first : last + 1])
            return re.sub(r"[’']s$", "", name), attribution
    return (nearest[1] if nearest else None), attribution


_PRONOUNS = frozenset("it its they their them".split())


_LIST_JOINS = frozenset({",", "and", "&"})


def _respectively(
    tokens: list[re.Match[str]], names: _Names, lo: int, hi: int, index: int
) -> str | None:
    """The name paired with the quantity in "A, B and C held 13%, 9% and 8%, respectively"."""
    if not any(t.group().lower() == "respectively" for t in tokens[index : hi + 2]):
        return None
    listed: list[str] = []
    runs = list(names.runs(lo, index - 1))
    for (first, last), following in zip(runs, [*runs[1:], None], strict=False):
        listed.append(" ".join(t.group() for t in tokens[first : last + 1]))
        if following is not None and not all(
            t.group().lower() in _LIST_JOINS for t in tokens[last + 1 : following[0]]
        ):
            listed = []  # not one coordinated list: start again at the next name
    numbers = [
        k
        for k in range(lo, hi + 1)
        if tokens[k].group()[:1].isdigit() and k > (runs[-1][1] if runs else lo)
    ]
    if len(listed) < 2 or len(listed) != len(numbers) or index not in numbers:
        return None
    return listed[numbers.index(index)]


class _Names:
    """Which tokens of a window are names, each decided once."""

    def __init__(self, tokens: list[re.Match[str]], lowercase: frozenset[str]) -> None:
        self.tokens = tokens
        self.lowercase = lowercase
        self._known: dict[int, bool] = {}

    def __call__(self, i: int) -> bool:
        found = self._known.get(i)
        if found is None:
            found = self._known[i] = _is_name(self.tokens, i, self.lowercase)
        return found

    def runs(self, lo: int, hi: int) -> Iterable[tuple[int, int]]:
        """Token ranges of the names between ``lo`` and ``hi`` ("Bank of America" is one)."""
        tokens, i = self.tokens, lo
        while i <= hi:
            if not self(i):
                i += 1
                continue
            j = i
            while j + 1 <= hi and (
                self(j + 1)
                or (tokens[j + 1].group() in ("&", "of") and j + 2 <= hi and self(j + 2))
            ):
                j += 1
            yield i, j
            i = j + 1


_CONTENT = re.compile(r"[^\W\d_][\w’'\-]*")
_FILLER = frozenset(
    """a an the of to in on at for from by with and or as is are was were be been has have
    had its it this that their his her about around roughly nearly almost approximately some
    over above under below up more less than least most just only estimated""".split()
)


def contrastive(a: str, b: str) -> bool:
    """Whether two contexts read alike but for a swapped name or thing measured.

    "Italy expects ..." against "Argentina expects ...", or "... tonnes of wheat in 2019"
    against "... tonnes of nickel in 2021": such minimal pairs name two facts. A
    paraphrase of one fact differs by more than one substitution, or only in numbers, or
    swaps words that name one measure ("killed" for "died").
    """
    words_a = [w.lower() for w in _CONTENT.findall(a) if w.lower() not in _FILLER]
    words_b = [w.lower() for w in _CONTENT.findall(b) if w.lower() not in _FILLER]
    matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
    if matcher.ratio() < _MINIMAL_PAIR:
        return False
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    if len(changes) != 1:
        return False
    tag, i1, i2, j1, j2 = changes[0]
    if tag != "replace" or i2 - i1 > 2 or j2 - j1 > 2:
        return False
    swapped_a, swapped_b = words_a[i1:i2], words_b[j1:j2]
    if _same_measure(swapped_a, swapped_b):
        return False
    # Only a swap in a slot that names a thing counts ("struck" for "hit" does not): a
    # name, a word after a preposition ("in oil"), or before a measure's cue ("wheat sales").
    return _names_a_thing(swapped_a, a) and _names_a_thing(swapped_b, b)


_THING_SLOT = r"(?:of|in|for|on|from|at|into)"


def _names_a_thing(words: list[str], text: str) -> bool:
    for word in words:
        escaped = re.escape(word)
        if re.search(rf"\b{escaped[:1].upper()}{escaped[1:]}\b", text):
            return True
        if re.search(rf"\b{_THING_SLOT}\s+(?:the\s+)?{escaped}\b", text, re.IGNORECASE):
            return True
        following = re.search(rf"\b{escaped}\s+([\w’'-]+)", text, re.IGNORECASE)
        if following and following.group(1).lower() in _CUE_MEASURES:
            return True
    return False


_MINIMAL_PAIR = 0.75
"""How alike (difflib ratio of content words) two contexts must read to be a minimal pair."""


def _same_measure(words_a: list[str], words_b: list[str]) -> bool:
    """Whether two swapped word groups are cues of one measure ("killed", "died")."""
    measures_a = {m for w in words_a for m in _CUE_MEASURES.get(w, ())}
    measures_b = {m for w in words_b for m in _CUE_MEASURES.get(w, ())}
    return bool(measures_a & measures_b)
