"""Compare a text with every held official text: rank, decide, and list the differences.

The held texts are prepared once per catalog (`library`): a set of word shingles for each, cheap to
compare, and the full token list only when a text is among the few closest. See the package's
docstring for the thresholds and how they were chosen.
"""

from __future__ import annotations

import difflib
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

from license_risk.identify.normalize import WORD, Normalized, normalize

if TYPE_CHECKING:
    from license_risk.content.catalog import Catalog, Profile

HELD_KINDS = ("license", "policy")  # a definition (the OSD) is not a license a file could carry

# Thresholds, measured on the held texts (the package docstring gives the figures). A text that is
# not identical is a modified copy of its closest held text if it is at least SIMILAR to it, or holds
# at least CONTAINED of its words in order (the license with additions), or is made of it for at
# least CONTAINED of its own words while keeping at least KEPT of the held text (parts removed).
SIMILAR = 0.8
CONTAINED = 0.95
KEPT = 0.5
SHINGLE = 4  # words per shingle in the prefilter
DETAILED = 4  # held texts compared word by word: the closest by the prefilter
PREFILTER_FLOOR = 0.1  # below this shingle overlap a held text is not compared word by word
EDIT_GAP = 3  # edits at most this many equal words apart are shown as one
EDIT_CONTEXT = 2  # equal words shown on each side of words only added or only removed
TITLE_WORDS = 12  # a first paragraph this short with no full stop is a title, which SPDX lets a copy omit

Verdict = Literal["identical", "modified", "unknown"]


@dataclass(frozen=True)
class ClauseRef:
    profile: str
    id: str
    section: str
    title: str


@dataclass(frozen=True)
class Edit:
    """One run of words that differs: what the held text says and what the file says instead."""

    old: str
    new: str


@dataclass(frozen=True)
class Difference:
    """A paragraph added, removed or changed, against the held text.

    `paragraph` counts the held text's paragraphs from 1; an added one names the paragraph it
    follows (0: before the first). `clauses` are the modelled clauses whose quoted words an edit
    touches, else those quoted in the paragraphs concerned (for an added paragraph: in the
    paragraph it follows).
    """

    kind: Literal["added", "removed", "changed"]
    paragraph: int
    context: str  # the opening words of that held paragraph
    old: str  # the held text's words ("" for an added paragraph)
    new: str  # the file's words ("" for a removed paragraph)
    edits: tuple[Edit, ...] = ()  # within a changed paragraph: each run of words that differs
    clauses: tuple[ClauseRef, ...] = ()


@dataclass(frozen=True)
class Candidate:
    """A held text and how close the file is to it."""

    file: str  # under licenses/texts/
    profiles: tuple[str, ...]  # the profiles whose official text this is, the likeliest first
    name: str
    version: str
    score: float  # similarity in [0, 1]: 2 x words in common / all words (difflib's ratio)
    held_coverage: float  # share of the held text's words found in the file
    file_coverage: float  # share of the file's words found in the held text


@dataclass(frozen=True)
class Identification:
    verdict: Verdict
    best: Candidate | None  # for "unknown": the closest held text, not asserted
    runner_up: Candidate | None  # the next closest other text (another version, often)
    differences: tuple[Difference, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def asserted(self) -> Candidate | None:
        """The held license the file is said to be (identical or modified), or None."""
        return self.best if self.verdict != "unknown" else None

    @property
    def needs_legal_review(self) -> bool:
        return self.verdict != "identical"

    @property
    def review_reason(self) -> str | None:
        if self.verdict == "modified" and self.best is not None:
            n = len(self.differences)
            return (
                f"the text is {self.best.name} with {n} difference{'s' if n != 1 else ''} from the official text: "
                "what the held profile says about that license may not hold for this copy"
            )
        if self.verdict == "unknown":
            return "the text is not close enough to any license text this tool holds: it cannot be assessed here"
        return None


@dataclass(eq=False)
class _Held:
    file: str
    text: str
    profiles: tuple[Profile, ...]
    shingles: frozenset[int]
    n_words: int  # words as the prefilter counts them

    @cached_property
    def normalized(self) -> Normalized:
        return normalize(self.text)

    @cached_property
    def clause_spans(self) -> list[tuple[ClauseRef, int, int]]:
        """Each modelled clause's quote as a range of compared words (quotes not found are left out)."""
        words = self.normalized.words
        joined, starts = _joined(words)
        spans: list[tuple[ClauseRef, int, int]] = []
        for profile in self.profiles:
            for clause in profile.model.clauses:
                quote = normalize(clause.quote).words
                if not quote:
                    continue
                at = joined.find("\x00" + "\x00".join(quote) + "\x00")
                if at < 0:
                    continue
                first = bisect_right(starts, at + 1) - 1
                if not any(ref.id == clause.id and q1 == first for ref, q1, _ in spans):  # profiles sharing a text share clauses
                    spans.append(
                        (ClauseRef(profile.model.id, clause.id, clause.section, clause.title), first, first + len(quote))
                    )
        return spans


@dataclass
class Library:
    """The held official texts of a catalog, prepared for comparison."""

    held: list[_Held]
    by_file: dict[str, _Held] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_file = {h.file: h for h in self.held}


def _joined(words: tuple[str, ...]) -> tuple[str, list[int]]:
    """The words joined by NULs (with one before and after), and where each word's NUL stands."""
    starts: list[int] = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    return "\x00" + "\x00".join(words) + "\x00", starts


_LIBRARIES: dict[tuple[tuple[str, str, int], ...], Library] = {}


def library(catalog: Catalog) -> Library:
    """The held texts of this catalog, prepared once per process for the same content."""
    by_file: dict[str, list[Profile]] = {}
    for profile in catalog.profiles.values():
        if profile.model.kind in HELD_KINDS and profile.model.text.file in catalog.texts:
            by_file.setdefault(profile.model.text.file, []).append(profile)
    key = tuple(sorted((p.model.id, p.sha256, hash(catalog.texts[f])) for f, ps in by_file.items() for p in ps))
    if key not in _LIBRARIES:
        held = []
        for file, ps in sorted(by_file.items()):
            words = _prefilter_words(catalog.texts[file])
            held.append(_Held(file, catalog.texts[file], tuple(sorted(ps, key=_base_first)), _shingles(words), len(words)))
        _LIBRARIES.clear()  # one catalog at a time is all a process uses
        _LIBRARIES[key] = Library(held)
    return _LIBRARIES[key]


def _base_first(profile: Profile) -> tuple[int, str]:
    """Of the profiles sharing one text, the one that extends no other comes first."""
    return (profile.model.extends is not None, profile.model.id)


# ---------------------------------------------------------------- identification

Opcode = tuple[str, int, int, int, int]


@dataclass
class _Comparison:
    held: _Held
    ops: list[Opcode]  # difflib's opcodes, held text as a, the file as b
    significant: list[Opcode]  # the differences that count
    score: float
    held_coverage: float
    file_coverage: float
    notes: list[str]


def identify(text: str, catalog: Catalog) -> Identification:
    """Which held license and version `text` is; see the package docstring."""
    lib = library(catalog)
    words = _prefilter_words(text)
    if not words:
        return Identification("unknown", None, None, notes=("the text has no words to compare",))
    shingles = _shingles(words)
    ranked = sorted(((_dice(shingles, h.shingles), h.file, h) for h in lib.held), key=lambda r: (-r[0], r[1]))
    chosen = _worth_comparing(ranked, shingles, len(words))
    if not chosen:
        dice, _, held = ranked[0]
        if not dice:
            return Identification("unknown", None, None, notes=("no held text shares a run of four words with it",))
        note = "no held text is near enough to compare word by word: the similarity is estimated from shared 4-word sequences"
        return Identification("unknown", _estimate(held, dice), None, notes=(note,))
    mine = normalize(text)
    if not mine.words:  # every word was inside markup (an HTML tag, a link's address)
        return Identification("unknown", None, None, notes=("the text has no words to compare",))
    compared = sorted((_compare(h, mine) for h in chosen), key=lambda c: (-c.score, c.held.file))
    best = compared[0]
    candidate = _candidate(best, mine)
    runner_up = _candidate(compared[1], mine) if len(compared) > 1 else None
    if not best.significant:
        return Identification("identical", candidate, runner_up, notes=tuple(best.notes))
    if not _clearly(best):
        return Identification("unknown", candidate, runner_up)
    return Identification("modified", candidate, runner_up, tuple(_differences(best, mine)), tuple(best.notes))


def _prefilter_words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFKC", text).lower())


def _shingles(words: list[str]) -> frozenset[int]:
    if len(words) < SHINGLE:
        return frozenset({hash(tuple(words))}) if words else frozenset()
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1))


def _dice(a: frozenset[int], b: frozenset[int]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _worth_comparing(ranked: list[tuple[float, str, _Held]], shingles: frozenset[int], n_words: int) -> list[_Held]:
    """The held texts to compare word by word: the prefilter.

    Of the closest by shared shingles (two at least, for a runner-up; up to DETAILED if at least
    half as close as the first) and of any other held text the file seems to hold, those the file
    could be a copy of: of a length that can reach SIMILAR, or sharing enough shingles to hold the
    held text (additions) or to be held by it (parts removed).
    """
    floor = max(PREFILTER_FLOOR, ranked[0][0] / 2)
    near = [h for i, (dice, _, h) in enumerate(ranked[:DETAILED]) if dice >= (PREFILTER_FLOOR if i < 2 else floor)]
    near += [
        h for _, _, h in ranked if all(h is not x for x in near) and len(shingles & h.shingles) >= CONTAINED * len(h.shingles)
    ]

    def possible(h: _Held) -> bool:
        shared = len(shingles & h.shingles)
        length_allows = 2 * min(n_words, h.n_words) / (n_words + h.n_words) >= SIMILAR * 0.9
        return length_allows or shared >= len(h.shingles) / 2 or (n_words <= h.n_words and shared >= len(shingles) / 2)

    return [h for h in near if possible(h)]


def _estimate(held: _Held, dice: float) -> Candidate:
    first = held.profiles[0]
    return Candidate(
        held.file, tuple(p.model.id for p in held.profiles), first.model.name, first.model.version, round(dice, 4), 0.0, 0.0
    )


def _clearly(c: _Comparison) -> bool:
    """True if the file is clearly the held text, edited: see the package docstring."""
    return c.score >= SIMILAR or c.held_coverage >= CONTAINED or (c.file_coverage >= CONTAINED and c.held_coverage >= KEPT)


def _compare(held: _Held, mine: Normalized) -> _Comparison:
    h = held.normalized
    # autojunk: words in more than 1% of a long text ("the", ",") do not start a match, only extend
    # one; on the largest texts (GPL) it is 8 times faster, with the same ratio within 0.01.
    matcher = difflib.SequenceMatcher(None, h.words, mine.words, autojunk=True)
    ops = _slide(matcher.get_opcodes(), h, mine)
    significant: list[Opcode] = []
    notes: list[str] = []
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    ignored_held = ignored_mine = 0
    for op in ops:
        tag, i1, i2, j1, j2 = op
        if tag == "equal":
            continue
        if all(t.notice for t in h.tokens[i1:i2]) and all(t.notice for t in mine.tokens[j1:j2]):
            note = "the copyright notice differs from the held copy's (SPDX treats it as replaceable)"
        elif tag == "delete" and i1 == 0 and _is_title(h, i2):
            note = f"the title line '{h.paragraph_text(0)}' is missing (SPDX lets a copy omit a title)"
        else:
            significant.append(op)
            continue
        ignored_held += i2 - i1
        ignored_mine += j2 - j1
        if note not in notes:
            notes.append(note)
    total = len(h.words) + len(mine.words)
    return _Comparison(
        held,
        ops,
        significant,
        score=(2 * matched + ignored_held + ignored_mine) / total if total else 0.0,
        held_coverage=(matched + ignored_held) / len(h.words) if h.words else 0.0,
        file_coverage=(matched + ignored_mine) / len(mine.words),
        notes=notes,
    )


def _slide(ops: list[Opcode], h: Normalized, mine: Normalized) -> list[Opcode]:
    """Move each pure insertion or deletion to paragraph boundaries where the words allow it.

    "A. B. C." less "B." can be aligned as a deletion of "B. " or of ". B": the same edit, but only
    the first reads as a removed paragraph. A deletion of a[i1:i2] can slide by one word left while
    a[i1-1] == a[i2-1], or right while a[i1] == a[i2], within the equal words around it (likewise
    an insertion in the file's words); the shift that puts it on paragraph boundaries is kept.
    """
    edits = [list(op) for op in ops if op[0] != "equal"]
    a, b = h.words, mine.words
    a_para = [t.paragraph for t in h.tokens]
    b_para = [t.paragraph for t in mine.tokens]

    def starts(para: list[int], i: int) -> bool:
        return i in (0, len(para)) or para[i] != para[i - 1]

    for k, (tag, i1, i2, j1, j2) in enumerate(edits):
        if tag not in ("delete", "insert"):
            continue
        low = edits[k - 1][2] - i1 if k else -i1  # how far left the equal words before it reach
        high = edits[k + 1][1] - i2 if k + 1 < len(edits) else len(a) - i2
        seq, p1, p2 = (a, i1, i2) if tag == "delete" else (b, j1, j2)
        shifts = [0]
        while shifts[-1] > low and seq[p1 + shifts[-1] - 1] == seq[p2 + shifts[-1] - 1]:
            shifts.append(shifts[-1] - 1)
        right = 0
        while right < high and seq[p1 + right] == seq[p2 + right]:
            right += 1
            shifts.append(right)
        if len(shifts) == 1:
            continue

        def rank(d: int, i1: int = i1, i2: int = i2, j1: int = j1, j2: int = j2) -> tuple[bool, bool, int]:
            held_edge = starts(a_para, i1 + d) and starts(a_para, i2 + d)
            file_edge = starts(b_para, j1 + d) and starts(b_para, j2 + d)
            return (held_edge and file_edge, held_edge, -abs(d))

        d = max(shifts, key=rank)
        edits[k] = [tag, i1 + d, i2 + d, j1 + d, j2 + d]
    out: list[Opcode] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in edits:
        if i1 > i or j1 > j:
            out.append(("equal", i, i1, j, j1))
        out.append((tag, i1, i2, j1, j2))
        i, j = i2, j2
    if i < len(a) or j < len(b):
        out.append(("equal", i, len(a), j, len(b)))
    return out


def _is_title(h: Normalized, end: int) -> bool:
    """True if tokens [0, end) are the whole first paragraph, and it is a title: short, no full stop."""
    return (
        len(h.paragraphs) > 1
        and 0 < end <= TITLE_WORDS
        and h.tokens[end - 1].paragraph == 0
        and (end == len(h.tokens) or h.tokens[end].paragraph != 0)
        and "." not in h.words[:end]
    )


def _candidate(c: _Comparison, mine: Normalized) -> Candidate:
    profiles = _likeliest(c.held, mine)
    return Candidate(
        file=c.held.file,
        profiles=tuple(p.model.id for p in profiles),
        name=profiles[0].model.name,
        version=profiles[0].model.version,
        score=round(c.score, 4),
        held_coverage=round(c.held_coverage, 4),
        file_coverage=round(c.file_coverage, 4),
    )


def _likeliest(held: _Held, mine: Normalized) -> list[Profile]:
    """The profiles of a held text whose every quote the file has (all of them if none has).

    Two profiles can share a text and differ in a clause that is not compared (the MIT profile and
    DeepSeek's copy of it, which models DeepSeek's copyright line): a file with another copyright
    line is the generic one only.
    """
    if len(held.profiles) == 1:
        return list(held.profiles)
    joined = "\x00" + "\x00".join(mine.words) + "\x00"

    def has_all(profile: Profile) -> bool:
        for clause in profile.model.clauses:
            words = normalize(clause.quote).words
            if words and "\x00" + "\x00".join(words) + "\x00" not in joined:
                return False
        return True

    return [p for p in held.profiles if has_all(p)] or list(held.profiles)


# ---------------------------------------------------------------- differences


def _differences(c: _Comparison, mine: Normalized) -> list[Difference]:
    held, h = c.held, c.held.normalized
    para = [t.paragraph for t in h.tokens]
    n = len(para)
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    for i, p in enumerate(para):
        starts.setdefault(p, i)
        ends[p] = i + 1

    def boundary(i: int) -> bool:  # token i starts a paragraph (or is the end)
        return i in (0, n) or para[i] != para[i - 1]

    out: list[tuple[int, Difference]] = []
    groups: list[tuple[int, int, list[Opcode]]] = []  # changed paragraphs [first, last] and the edits in them
    for op in c.significant:
        tag, i1, i2, j1, j2 = op
        if tag == "insert" and boundary(i1):
            after = para[i1 - 1] if i1 > 0 else -1
            clauses = _clauses(held, starts[after], ends[after]) if after >= 0 else ()
            context = _opening(h, after) if after >= 0 else ""
            out.append((i1, Difference("added", after + 1, context, "", mine.excerpt(j1, j2), (), clauses)))
        elif tag == "delete" and boundary(i1) and boundary(i2):
            removed = Difference(
                "removed", para[i1] + 1, _opening(h, para[i1]), h.excerpt(i1, i2), "", (), _clauses(held, i1, i2)
            )
            out.append((i1, removed))
        else:
            first = para[min(i1, n - 1)]
            last = para[i2 - 1] if i2 > i1 else first
            if groups and first <= groups[-1][1]:
                groups[-1] = (groups[-1][0], max(groups[-1][1], last), [*groups[-1][2], op])
            else:
                groups.append((first, last, [op]))
    for first, last, edits in groups:
        i1, i2 = starts[first], ends[last]
        j1, j2 = _to_mine(c.ops, i1, start=True), _to_mine(c.ops, i2, start=False)
        changed = Difference(
            "changed",
            first + 1,
            _opening(h, first),
            h.excerpt(i1, i2),
            mine.excerpt(j1, j2),
            tuple(_edit(h, mine, *span) for span in _merged(edits)),
            _edited_clauses(held, edits) or _clauses(held, i1, i2),
        )
        out.append((i1, changed))
    out.sort(key=lambda pair: pair[0])
    return [d for _, d in out]


def _merged(edits: list[Opcode], gap: int = EDIT_GAP) -> list[tuple[int, int, int, int]]:
    """Edits a few words apart read as one: "the [Licensor] may [change] these" as one change."""
    out: list[tuple[int, int, int, int]] = []
    for _, a1, a2, b1, b2 in edits:
        if out and a1 - out[-1][1] <= gap:
            out[-1] = (out[-1][0], a2, out[-1][2], b2)
        else:
            out.append((a1, a2, b1, b2))
    return out


def _edit(h: Normalized, mine: Normalized, a1: int, a2: int, b1: int, b2: int) -> Edit:
    """An edit's words; words only added or only removed are shown with up to EDIT_CONTEXT equal
    words of their paragraph on each side."""
    if a1 == a2 or b1 == b2:
        paragraph = h.tokens[a1 - 1 if a1 == a2 and a1 > 0 else min(a1, len(h.tokens) - 1)].paragraph
        before = after = words = 0
        while words < EDIT_CONTEXT and before < min(a1, b1) and h.tokens[a1 - before - 1].paragraph == paragraph:
            before += 1
            words += h.words[a1 - before].isalnum()
        words = 0
        limit = min(len(h.words) - a2, len(mine.words) - b2)
        while words < EDIT_CONTEXT and after < limit and h.tokens[a2 + after].paragraph == paragraph:
            words += h.words[a2 + after].isalnum()
            after += 1
        a1, b1, a2, b2 = a1 - before, b1 - before, a2 + after, b2 + after
    return Edit(h.excerpt(a1, a2), mine.excerpt(b1, b2))


def _to_mine(ops: list[Opcode], i: int, *, start: bool) -> int:
    """The index in the file's tokens that held token boundary i corresponds to."""
    for tag, i1, i2, j1, j2 in ops:
        if (i1 <= i < i2) if start else (i1 < i <= i2):
            return j1 + (i - i1) if tag == "equal" else (j1 if start else j2)
    return ops[-1][4] if ops else 0


def _opening(h: Normalized, paragraph: int, words: int = 12) -> str:
    parts = h.paragraph_text(paragraph).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _edited_clauses(held: _Held, edits: list[Opcode]) -> tuple[ClauseRef, ...]:
    """The modelled clauses whose quoted words an edit touches (an insertion: falls strictly within)."""
    found: list[ClauseRef] = []
    for _, i1, i2, _, _ in edits:
        for ref in _clauses(held, i1, i2) if i2 > i1 else _clauses(held, i1, i1 + 1, inside=True):
            if ref not in found:
                found.append(ref)
    return tuple(found)


def _clauses(held: _Held, i1: int, i2: int, *, inside: bool = False) -> tuple[ClauseRef, ...]:
    """The modelled clauses whose quotes overlap held tokens [i1, i2)."""
    found: list[ClauseRef] = []
    for ref, q1, q2 in held.clause_spans:
        if (q1 < i1 < q2 if inside else q1 < i2 and i1 < q2) and ref not in found:
            found.append(ref)
    return tuple(found)
