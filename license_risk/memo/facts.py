"""The memo for legal reviewers, as plain data: what it says, not how it looks.

    memo = build_memo(catalog, assessment, answers, date=datetime.date(2026, 11, 22), tool_version=license_risk.__version__)
    pdf_bytes = license_risk.memo.pdf.render_pdf(memo)      # the PDF memo
    html_text = license_risk.memo.html.render_html(memo)    # the same content as one HTML file

`build_memo(catalog, assessment, answers, *, date, tool_version, models=(), lineage=None, conversions=None, history=(), policy=None, reviewed=None) -> Memo`
    `assessment` is `scoring.rating.assess(catalog, licenses, answers)` for the same `answers`
    (tree id -> question id -> value). `date` is the memo's date (a fixed date gives byte-identical
    PDFs); `models` optionally names the model checkpoints the user picked; `lineage` is how the
    model was built (its components and routes), drawn as a graph with the duties it brings;
    `conversions` are the dollar answers given in yen, shown with the yen, rate and date they came from.
    `history` are the answer changes (`AnswerChange`: who, when, in the reader's time zone), summed up in
    the appendix "Answer history"; the caller reads them from wherever they are kept (the memo reads no store).
    `policy` is an organisation policy applied to the assessment, whose verdicts are shown beside the ratings.
    `reviewed` (memo.review.Reviewed) the reviewer's decisions and sign-off, each decision beside the tool's rating.

Every string in a Memo is plain text, never markup. Strings users typed (organisation, prepared
for, text answers, model names) are kept exactly as given; the renderers make them safe to show.
No fpdf or Streamlit here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from license_risk.content.background import ESTABLISHMENT, background_intro, background_notes
from license_risk.content.catalog import INTAKE, Catalog, Profile
from license_risk.content.model import CATEGORIES, LicenseProfile, Severity
from license_risk.content.openness import QUESTION as RELEASED
from license_risk.content.openness import openness_reading
from license_risk.content.plainquote import plain_quote
from license_risk.i18n import ENGLISH, N_, format_date, translator
from license_risk.i18n.labels import LOCAL_USER, SEVERITY
from license_risk.lineage.model import Lineage
from license_risk.memo.duties import Combined, combined_section
from license_risk.memo.policy import PolicySection, policy_section
from license_risk.memo.report import because_text
from license_risk.memo.review import Reviewed, ReviewSection, review_section, with_reviews
from license_risk.memo.versions import VersionsSection, versions_section
from license_risk.numbers import conversion_text
from license_risk.policy import PolicyResult
from scoring.answers import Answers, Conversions
from scoring.rating import Assessment, FindingResult, LicenseResult, answer_text, compare, rating_meaning
from scoring.thresholds import rate_warnings

TITLE = N_("License risk memo")
NOTICE = N_(
    "Not legal advice. This memo applies the license texts named in it to the answers given, as "
    "modelled by an automated tool. It gives information, not legal advice: it may be incomplete or "
    "wrong where the texts are unclear, where facts were not asked or were answered wrongly, or where a "
    "licensor has published a newer version. Findings marked “needs legal review” rest on text whose "
    "meaning is unclear. Have a qualified lawyer review the findings before relying on them."
)
# In a memo in another language: the quotes stay in the English that governs (issue 15).
QUOTES_NOTICE = N_(
    "The license texts are quoted in their official English, the only text that binds. This memo explains "
    "what the clauses mean in its own language; those explanations are not translations of the licenses."
)
COMBINED_HEADING = N_("4. Duties across the lineage, conflicts between its licenses")
BODY_SEVERITY = Severity.medium  # findings from this severity up are set out in full in the body; the others in an appendix
KEY_FINDINGS = 5  # at most this many "findings that matter most" (at least one per license)
KEY_FINDINGS_RULE = N_(
    "The most severe findings of medium severity or above: the worst of each license first, then the "
    "next most severe, {n} at most (or one per license if more licenses are assessed)."
)


def in_body(severity: str) -> bool:
    """Whether a finding of this severity is set out in full in the memo's body (else in its appendix)."""
    return Severity[severity] >= BODY_SEVERITY


def section_ref(section: str, lang: str = ENGLISH) -> str:
    """A clause's place as the memo cites it: '§1.b.iv', or 'unnumbered paragraph'."""
    _ = translator(lang)
    return _("unnumbered paragraph") if section == "unnumbered" else f"§{section}"


# The appendices' letters: the body refers to their entries by number ("B.3", "D.1.2").
ANSWERS_APPENDIX, OPEN_QUESTIONS_APPENDIX, VERSIONS_APPENDIX, CLAUSES_APPENDIX = "A", "B", "C", "D"
OTHER_FINDINGS_APPENDIX, RATING_APPENDIX, BACKGROUND_APPENDIX = "E", "F", "G"


@dataclass(frozen=True)
class Quote:
    """A clause a finding rests on, with its verbatim text."""

    document: str  # the license or policy name
    document_id: str  # profile id
    section: str  # as printed, e.g. "1.b.iv" or "unnumbered"
    title: str
    text: str  # verbatim from the official text
    number: str = ""  # its entry in the appendix of quoted clauses, e.g. "D.1.2" (quoted there, once)

    @property
    def shown(self) -> str:
        """The quote as displayed: the source's Markdown as plain text (`text` stays verbatim)."""
        return plain_quote(self.text)

    @property
    def anchor(self) -> str:
        """Its entry's anchor (HTML id, PDF link name): 'clause-D-1-2'."""
        return "clause-" + self.number.replace(".", "-")

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.document_id, self.section, self.title, self.text)


@dataclass(frozen=True)
class ClauseGroup:
    """The quoted clauses of one license or policy, in the appendix of quoted clauses."""

    number: str  # "D.1"
    document: str
    document_id: str
    clauses: tuple[Quote, ...]  # each numbered, in the order the memo first cites them


@dataclass(frozen=True)
class MemoFinding:
    id: str
    license_id: str
    license_name: str
    title: str
    category: str
    severity: str  # info, low, medium, high, critical
    because: str  # "Because you answered ..."
    explanation: str
    quotes: tuple[Quote, ...]
    action: str | None
    needs_legal_review: bool
    review_note: str | None
    open_questions: tuple[str, ...] = ()  # the unsettled readings it rests on, as the tree states them
    rated: str | None = None  # how the rubric rated it: kind, exposure, rule (and any override with its reason)
    lang: str = ENGLISH
    number: str = ""  # "1.3": the license's place in the memo, then the finding's in that license's section
    open_question_numbers: tuple[str, ...] = ()  # of `open_questions` in their appendix, e.g. "B.4"
    rated_kind: str | None = None  # `rated` without the rubric's rule (the rule is stated once per kind)
    reviewer: str | None = None  # the reviewer's decision, who and when: beside the tool's `severity`, never in its place
    reviewer_reason: str | None = None  # as the reviewer wrote it
    reviewer_stale: str | None = None  # the finding changed since the decision: for another look

    @property
    def review_reasons(self) -> tuple[str, ...]:
        """Why it needs legal review: the open questions, then any note specific to the finding."""
        _ = translator(self.lang)
        unclear = _("The text is unclear.")
        return (*self.open_questions, *([self.review_note] if self.review_note else ())) or (unclear,)


@dataclass(frozen=True)
class Level:
    category: str
    level: str  # none, info, low, medium, high, critical
    findings: tuple[str, ...]  # ids of the findings that set it


@dataclass(frozen=True)
class MemoLicense:
    id: str
    tree_id: str
    name: str
    version: str
    effective_date: str | None  # ISO date the text gives itself; None if it gives none
    date_as_printed: str | None
    licensor: str
    governing_law: str | None  # "law; venue: ... (§section)"
    open_source: str | None  # the license's verdict against the Open Source Definition, with the failed criteria
    policies: tuple[str, ...]  # incorporated policies: "name (version, date)"
    text_notes: tuple[str, ...]  # caveats about the copy of the text
    tree_version: str
    rating: str
    rating_meaning: str
    levels: tuple[Level, ...]  # in CATEGORIES order
    findings: tuple[MemoFinding, ...]  # worst first
    undetermined: tuple[str, ...]  # titles of findings that depend on unanswered questions
    needs_review: int
    lang: str = ENGLISH

    def findings_in(self, category: str) -> list[MemoFinding]:
        return [f for f in self.findings if f.category == category]

    @property
    def shown(self) -> list[MemoFinding]:
        """The findings in the order of their numbers: those of the body, then the others."""
        return sorted(self.findings, key=lambda f: _number_key(f.number))

    @property
    def body_findings(self) -> list[MemoFinding]:
        """Set out in full in the memo's body: medium severity and above."""
        return [f for f in self.shown if in_body(f.severity)]

    @property
    def other_findings(self) -> list[MemoFinding]:
        """Listed in the body by title, set out in full in their appendix: low and info."""
        return [f for f in self.shown if not in_body(f.severity)]

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The labelled facts heading the license's section, shared by the PDF and HTML renderings."""
        _ = translator(self.lang)
        dated = (self.effective_date or _("none given")) + (f" (“{self.date_as_printed}”)" if self.date_as_printed else "")
        out = [
            (_("Rating"), f"{_(SEVERITY[self.rating])}: {self.rating_meaning}"),
            (_("Effective date"), dated),
            (_("Licensor"), self.licensor),
        ]
        if self.governing_law:
            out.append((_("Governing law"), self.governing_law))
        if self.open_source:
            out.append((_("Open Source Definition"), self.open_source))
        return out + [(_("Note on the text"), note) for note in self.text_notes]

    @property
    def body_facts(self) -> list[tuple[str, str]]:
        """The facts the memo's body gives: the rating is in the heading and the summary, the Open Source
        Definition verdict in the background appendix, the notes on the text with the quoted clauses."""
        _ = translator(self.lang)
        dated = (self.effective_date or _("none given")) + (f" (“{self.date_as_printed}”)" if self.date_as_printed else "")
        out = [(_("Effective date"), dated), (_("Licensor"), self.licensor)]
        return out + ([(_("Governing law"), self.governing_law)] if self.governing_law else [])


@dataclass(frozen=True)
class AnswerRow:
    tree: str
    question_id: str
    question: str
    answer: str  # "" when not answered


@dataclass(frozen=True)
class AnswerGroup:
    tree: str
    title: str  # e.g. "About your company and your plans (question tree v1.0.0)": the tree's (localized) title
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class OpenQuestion:
    source: str  # the tree or license it comes from
    id: str  # "" for a license profile's open questions, which carry no id
    text: str
    clauses: tuple[str, ...]  # e.g. "Llama 3.1 Community License Agreement §1.b.iv"
    number: str = ""  # its entry in the appendix of open questions, e.g. "B.4"
    cited: tuple[Quote, ...] = ()  # the clauses it names that the catalog holds, numbered like the findings' quotes
    source_tree: str = ""  # the tree it comes from

    @property
    def anchor(self) -> str:
        return open_question_anchor(self.number)


def open_question_anchor(number: str) -> str:
    """An open question's anchor (HTML id, PDF link name): 'open-question-B-3'."""
    return "open-question-" + number.replace(".", "-")


def clause_ref(q: Quote, license_id: str, lang: str = ENGLISH) -> str:
    """Where a finding's clause is quoted: '§6, Termination for breach (Appendix D.1.1)'; a clause of another
    document (an incorporated policy) is named with it."""
    _ = translator(lang)
    where = section_ref(q.section, lang)
    if q.document_id != license_id:
        where = f"{q.document} {where}"
    return _("{where}, {title} (Appendix {number})").format(where=where, title=q.title, number=q.number)


def review_refs(f: MemoFinding) -> list[tuple[str, str | None]]:
    """Why a finding needs legal review, each with the anchor of the open question it names (or None)."""
    _ = translator(f.lang)
    out: list[tuple[str, str | None]] = [
        (_("Open question {number} (Appendix B)").format(number=n), open_question_anchor(n)) for n in f.open_question_numbers if n
    ]
    if f.review_note:
        out.append((f.review_note, None))
    return out or [(_("The text is unclear."), None)]


SOURCE_KIND = {
    "question tree": N_("Question tree"),
    "license profile": N_("License profile"),
    "official text": N_("Official text"),
}


@dataclass(frozen=True)
class Source:
    """One file the memo rests on, with what identifies it exactly."""

    kind: str  # "question tree", "license profile", "official text"
    name: str
    version: str
    file: str
    sha256: str
    origin: str = ""  # where an official text was taken from


@dataclass(frozen=True)
class AnswerChange:
    """One change of an answer, as the memo's history appendix needs it."""

    author: str  # as stored: an email once people sign in, LOCAL_USER before
    at: dt.datetime  # in the reader's time zone: its date is the one shown


@dataclass(frozen=True)
class HistoryPerson:
    who: str  # as shown: the local user in the memo's language
    changes: int
    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class AnswerHistory:
    """The appendix "Answer history": who answered, from when to when, how many changes each."""

    people: tuple[HistoryPerson, ...]  # the first to answer first
    changes: int
    first: dt.date
    last: dt.date


def answer_history(changes: Sequence[AnswerChange], lang: str = ENGLISH) -> AnswerHistory | None:
    """The summary of the changes; None when there are none (the memo then has no history appendix)."""
    if not changes:
        return None
    _ = translator(lang)
    by_author: dict[str, list[dt.datetime]] = {}
    for c in sorted(changes, key=lambda c: c.at):
        by_author.setdefault(c.author, []).append(c.at)
    people = tuple(
        HistoryPerson(_(LOCAL_USER) if author == LOCAL_USER else author, len(times), times[0].date(), times[-1].date())
        for author, times in by_author.items()
    )
    return AnswerHistory(people, len(changes), min(p.first for p in people), max(p.last for p in people))


@dataclass(frozen=True)
class Memo:
    title: str
    date: dt.date
    organisation: str  # "" if not given
    prepared_for: str  # "" if not given
    models: tuple[str, ...]
    tool_version: str
    notice: str
    complete: bool
    answered: int
    to_ask: int
    categories: tuple[str, ...]
    licenses: tuple[MemoLicense, ...]  # in the order assessed
    ranking: tuple[str, ...]  # license ids, worst rating first
    key_findings: tuple[MemoFinding, ...]
    key_findings_rule: str
    first_actions: tuple[str, ...]
    answers: tuple[AnswerGroup, ...]
    set_aside: tuple[AnswerRow, ...]
    unanswered: tuple[AnswerRow, ...]
    open_questions: tuple[OpenQuestion, ...]
    severity_scale: tuple[tuple[str, str], ...]  # (level, what it means), worst first: the rubric's scale
    background: tuple[tuple[str, str], ...]  # labelled notes not taken from any license text
    background_intro: str
    sources: tuple[Source, ...]
    answers_sha256: str
    combined: Combined | None = None  # with a lineage: the graph, every duty across its licenses, the conflicts
    versions: VersionsSection | None = None  # with several versions of one license: what changed between them
    lang: str = ENGLISH  # of the memo's own words and the content's; quotes stay in English
    clauses: tuple[ClauseGroup, ...] = ()  # every clause cited by a finding or an open question, quoted once
    rating_rules: tuple[tuple[str, str], ...] = ()  # (kind of risk, the rubric's rule) for each kind rated
    policy: PolicySection | None = None  # with an organisation policy applied: its verdict beside each rating
    history: AnswerHistory | None = None  # who answered, when, how many changes: the last appendix

    @property
    def history_heading(self) -> str:
        _ = translator(self.lang)
        return _("Appendix H. Answer history")

    @property
    def history_lines(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        """The history appendix as the renderers show it: its summary line, then (who, what they did) per person."""
        _ = translator(self.lang)
        h = self.history
        if h is None:
            return "", ()
        intro = _("{n} change(s) to the answers, from {first} to {last}, kept as they were made.").format(
            n=h.changes, first=format_date(h.first, self.lang), last=format_date(h.last, self.lang)
        )
        rows = tuple(
            (
                p.who,
                _("{n} change(s), from {first} to {last}").format(
                    n=p.changes, first=format_date(p.first, self.lang), last=format_date(p.last, self.lang)
                ),
            )
            for p in h.people
        )
        return intro, rows

    review: ReviewSection | None = None  # with a reviewer's decisions or a sign-off: them, beside the ratings

    @property
    def background_heading(self) -> str:
        _ = translator(self.lang)
        return _("Appendix G. Jurisdiction and openness: background")

    @property
    def subject(self) -> str:
        _ = translator(self.lang)
        names = "; ".join(f"{lic.name} {lic.version}" for lic in self.licenses)
        if self.organisation:
            return _("Risks under {names} for {organisation}").format(names=names, organisation=self.organisation)
        return _("Risks under {names}").format(names=names)

    def license(self, license_id: str) -> MemoLicense:
        return next(lic for lic in self.licenses if lic.id == license_id)

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The labelled facts at the top of the memo, shared by the PDF and HTML renderings."""
        _ = translator(self.lang)
        return [
            (_("Organisation"), self.organisation or _("(not given)")),
            (_("Prepared for"), self.prepared_for or _("(not given)")),
            (_("Date"), format_date(self.date, self.lang)),
            (_("Models"), "; ".join(self.models) if self.models else _("Not named: any model under the licenses below")),
            (_("Tool"), f"open-model-license-risk {self.tool_version}"),
        ]


def build_memo(
    catalog: Catalog,
    assessment: Assessment,
    answers: Answers,
    *,
    date: dt.date,
    tool_version: str,
    models: Sequence[str] = (),
    lineage: Lineage | None = None,
    conversions: Conversions | None = None,
    history: Sequence[AnswerChange] = (),
    policy: PolicyResult | None = None,
    reviewed: Reviewed | None = None,
) -> Memo:
    """The memo's content for an assessment of `answers`; see the module docstring. Its language is the
    catalog's (`localized(catalog, "ja")` gives a Japanese memo; assess with that same catalog)."""
    lang = catalog.lang
    _ = translator(lang)
    w = assessment.walk
    tree_ids = list(w.licenses)
    open_questions = _open_questions(catalog, tree_ids)
    oq_numbers = {(oq.source_tree, oq.id): oq.number for oq in open_questions}
    licenses = tuple(
        _license(catalog, n, tree_id, r, oq_numbers)
        for n, (tree_id, r) in enumerate(zip(tree_ids, assessment.results, strict=True), 1)
    )
    licenses, open_questions, clause_groups = _number_clauses(licenses, open_questions)
    if reviewed is not None:
        licenses = tuple(
            dataclasses.replace(lic, findings=with_reviews(lic.findings, lic.tree_id, reviewed, lang)) for lic in licenses
        )
    intake = answers.get(INTAKE, {})
    key = _key_findings(licenses)
    notice = _(NOTICE) + ("\n\n" + _(QUOTES_NOTICE) if lang != ENGLISH else "")
    return Memo(
        title=_(TITLE),
        date=date,
        organisation=_text(intake.get("organisation")),
        prepared_for=_text(intake.get("prepared_for")),
        models=tuple(str(m) for m in models),
        tool_version=tool_version,
        notice=notice,
        complete=w.complete,
        answered=w.progress.answered,
        to_ask=w.progress.to_ask,
        categories=tuple(CATEGORIES),
        licenses=licenses,
        ranking=tuple(row.license for row in compare(assessment)),
        key_findings=key,
        key_findings_rule=_(KEY_FINDINGS_RULE).format(n=KEY_FINDINGS),
        first_actions=_first_actions(key, w.complete, w.progress.to_ask, licenses, lang),
        answers=_answer_groups(catalog, tree_ids, w.path, conversions or {}),
        set_aside=tuple(_row(s.tree, s.question, answer_text(s.question, s.value, lang)) for s in w.set_aside),
        unanswered=tuple(_row(t, q, "") for t, q in [*w.pending, *w.undetermined]),
        open_questions=open_questions,
        clauses=clause_groups,
        rating_rules=_rating_rules(assessment),
        severity_scale=tuple(catalog.rubric.scale.items()) if catalog.rubric else (),
        background=background_notes(catalog.background, intake.get(ESTABLISHMENT), lang)
        + openness_reading(catalog.mof, intake.get(RELEASED), lang, catalog.intake.questions.get(RELEASED)),
        background_intro=background_intro(catalog.background, lang),
        sources=_sources(catalog, tree_ids, licenses),
        lang=lang,
        answers_sha256=answers_digest(answers, tree_ids),
        # Licenses picked without a lineage are alternatives, compared: their duties do not add up.
        combined=combined_section(catalog, assessment, lineage) if lineage is not None and lineage.components else None,
        versions=versions_section(catalog, assessment),
        history=answer_history(history, lang),
        policy=policy_section(policy, lang, assessment) if policy is not None else None,
        review=review_section(reviewed, licenses, lang) if reviewed is not None else None,
    )


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _license(catalog: Catalog, n: int, tree_id: str, r: LicenseResult, oq_numbers: dict[tuple[str, str], str]) -> MemoLicense:
    m = r.license.model
    lang = catalog.lang
    # numbered in the order the memo shows them: those in its body first, then by category, then worst first
    shown = sorted(r.findings, key=lambda f: (not in_body(f.finding.severity), _category_order(f.finding.category)))
    number = {id(f): f"{n}.{i}" for i, f in enumerate(shown, 1)}
    policies = tuple(f"{p.model.name} ({_dated(p, lang)})" for p in catalog.policies_of(m.id))
    return MemoLicense(
        id=m.id,
        tree_id=tree_id,
        name=m.name,
        version=m.version,
        effective_date=m.effective_date.isoformat() if m.effective_date else None,
        date_as_printed=m.date_as_printed,
        licensor=m.licensor,
        governing_law=_governing_law(m, lang),
        open_source=_open_source(catalog, m),
        policies=policies,
        text_notes=tuple(m.text.caveats),
        tree_version=r.tree_version,
        rating=r.rating.name,
        rating_meaning=rating_meaning(catalog, r.rating),
        levels=tuple(Level(c, r.levels[c].level.name, tuple(r.levels[c].findings)) for c in CATEGORIES),
        findings=tuple(
            _finding(f, m.name, lang, number[id(f)], tuple(oq_numbers.get((tree_id, oq.id), "") for oq in f.open_questions))
            for f in r.findings
        ),
        undetermined=tuple(f.title for f in r.undetermined),
        needs_review=len(r.needs_review),
        lang=lang,
    )


def _number_key(number: str) -> tuple[int, ...]:
    """'1.10' sorts after '1.9'; a finding made without a number keeps its place (stable sort)."""
    parts = number.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


def _category_order(category: str) -> int:
    return CATEGORIES.index(category) if category in CATEGORIES else len(CATEGORIES)


def _governing_law(m: LicenseProfile, lang: str) -> str | None:
    if m.governing_law is None:
        return None
    clause = next((c for c in m.clauses if c.id == m.governing_law.clause), None)
    cited = f" (§{clause.section})" if clause and clause.section != "unnumbered" else ""
    law, venue = " ".join(m.governing_law.law.split()), " ".join(m.governing_law.venue.split())
    _ = translator(lang)
    return _("{law}; venue: {venue}").format(law=law, venue=venue) + cited


def _open_source(catalog: Catalog, m: LicenseProfile) -> str | None:
    # The note and the reasons come in the catalog's language (localized profiles), the criteria's titles too.
    _ = translator(catalog.lang)
    o = m.open_source
    if o is None:
        return None
    contested = _("Contested: the verdict could reasonably go the other way; for counsel's review.") + " " if o.contested else ""
    if o.osd_compliant:
        return contested + _("Meets it on this tool's reading (not an OSI approval).") + " " + " ".join(o.note.split())
    failed = []
    for f in o.osd_failures:
        resolved = catalog.clause(m.id, f.criterion)
        criterion = (
            _("criterion {section}, {title}").format(section=resolved[1].section, title=resolved[1].title)
            if resolved
            else f.criterion
        )
        arguable = _(" (arguable, not settled by the text)") if f.contested else ""
        failed.append(f"{criterion}{arguable}: {' '.join(f.reason.split())}")
    fails = _("Fails 1 criterion.") if len(failed) == 1 else _("Fails {n} criteria.").format(n=len(failed))
    return contested + fails + " " + " ".join(f"({i}) {text}" for i, text in enumerate(failed, 1))


def _dated(p: Profile, lang: str = ENGLISH) -> str:
    """'3.1, 2024-07-23', or the date alone when it is the version, or 'no date'."""
    m = p.model
    if m.effective_date is None:
        _ = translator(lang)
        return f"{m.version}, " + _("no date")
    date = m.effective_date.isoformat()
    return date if m.version == date else f"{m.version}, {date}"


def _finding(f: FindingResult, license_name: str, lang: str, number: str, open_question_numbers: tuple[str, ...]) -> MemoFinding:
    rated = f.rated
    return MemoFinding(
        id=f.finding.id,
        license_id=f.license,
        license_name=license_name,
        title=f.finding.title,
        category=f.finding.category,
        severity=f.finding.severity,
        because=because_text(f, lang),
        explanation=f.finding.explanation,
        quotes=tuple(
            Quote(cc.profile.model.name, cc.profile.model.id, cc.clause.section, cc.clause.title, cc.clause.quote)
            for cc in f.clauses
        ),
        action=f.finding.action,
        needs_legal_review=f.finding.needs_legal_review,
        review_note=f.finding.review_note,
        open_questions=tuple(" ".join(oq.text.split()) for oq in f.open_questions),
        rated=rated,
        lang=lang,
        number=number,
        open_question_numbers=open_question_numbers,
        rated_kind=rated.replace(f": {f.kind.rule}", "", 1) if rated and f.kind else rated,
    )


def numbered(memo: Memo) -> Memo:
    """A memo assembled by hand (tests, other tools) numbered as `build_memo` numbers one: its findings per
    license, its open questions, and every clause cited, once, in the appendix of quoted clauses."""
    licenses = []
    for n, lic in enumerate(memo.licenses, 1):
        shown = sorted(lic.findings, key=lambda f: (not in_body(f.severity), _category_order(f.category)))
        number = {id(f): f"{n}.{i}" for i, f in enumerate(shown, 1)}
        licenses.append(
            dataclasses.replace(lic, findings=tuple(dataclasses.replace(f, number=number[id(f)]) for f in lic.findings))
        )
    questions = tuple(
        dataclasses.replace(oq, number=f"{OPEN_QUESTIONS_APPENDIX}.{i}") for i, oq in enumerate(memo.open_questions, 1)
    )
    by_text = {oq.text: oq.number for oq in questions}
    licenses = [
        dataclasses.replace(
            lic,
            findings=tuple(
                dataclasses.replace(f, open_question_numbers=tuple(by_text.get(t, "") for t in f.open_questions))
                for f in lic.findings
            ),
        )
        for lic in licenses
    ]
    out_licenses, out_questions, groups = _number_clauses(tuple(licenses), questions)
    renumbered = {(f.license_id, f.id): f for lic in out_licenses for f in lic.findings}
    key = tuple(renumbered.get((f.license_id, f.id), f) for f in memo.key_findings)
    return dataclasses.replace(memo, licenses=out_licenses, open_questions=out_questions, clauses=groups, key_findings=key)


def _rating_rules(assessment: Assessment) -> tuple[tuple[str, str], ...]:
    """Each kind of risk the findings were rated as, with the rubric's rule, once."""
    rules: dict[str, str] = {}
    for r in assessment.results:
        for f in r.findings:
            if f.kind is not None:
                rules.setdefault(f.kind.title, f.kind.rule)
    return tuple(rules.items())


def _number_clauses(
    licenses: tuple[MemoLicense, ...], open_questions: tuple[OpenQuestion, ...]
) -> tuple[tuple[MemoLicense, ...], tuple[OpenQuestion, ...], tuple[ClauseGroup, ...]]:
    """Every clause cited, numbered once per license or policy in the order the memo first cites it
    ("D.1.2"); the findings' and open questions' quotes carry those numbers."""
    groups: dict[str, list[Quote]] = {}
    numbered: dict[tuple[str, str, str, str], Quote] = {}

    def entry(q: Quote) -> Quote:
        if q.key not in numbered:
            group = groups.setdefault(q.document_id, [])
            g = list(groups).index(q.document_id) + 1
            numbered[q.key] = dataclasses.replace(q, number=f"{CLAUSES_APPENDIX}.{g}.{len(group) + 1}")
            group.append(numbered[q.key])
        return numbered[q.key]

    out_licenses = []
    for lic in licenses:
        for f in lic.shown:
            for q in f.quotes:
                entry(q)
        findings = tuple(dataclasses.replace(f, quotes=tuple(entry(q) for q in f.quotes)) for f in lic.findings)
        out_licenses.append(dataclasses.replace(lic, findings=findings))
    out_questions = tuple(dataclasses.replace(oq, cited=tuple(entry(q) for q in oq.cited)) for oq in open_questions)
    clause_groups = tuple(
        ClauseGroup(f"{CLAUSES_APPENDIX}.{g}", quotes[0].document, document_id, tuple(quotes))
        for g, (document_id, quotes) in enumerate(groups.items(), 1)
    )
    return tuple(out_licenses), out_questions, clause_groups


def _key_findings(licenses: tuple[MemoLicense, ...]) -> tuple[MemoFinding, ...]:
    limit = max(KEY_FINDINGS, len(licenses))
    order = {lic.id: i for i, lic in enumerate(licenses)}

    def rank(f: MemoFinding) -> tuple[int, int, int]:
        lic = licenses[order[f.license_id]]
        return (-Severity[f.severity], order[f.license_id], lic.findings.index(f))

    eligible = [f for lic in licenses for f in lic.findings if Severity[f.severity] >= Severity.medium]
    chosen: list[MemoFinding] = []
    for lic in licenses:  # the worst finding of each license first
        worst = [f for f in lic.findings if f in eligible]
        if worst:
            chosen.append(min(worst, key=rank))
    for f in sorted(eligible, key=rank):
        if len(chosen) >= limit:
            break
        if f not in chosen:
            chosen.append(f)
    return tuple(sorted(chosen[:limit], key=rank))


def _first_actions(
    key: tuple[MemoFinding, ...], complete: bool, to_ask: int, licenses: tuple[MemoLicense, ...], lang: str
) -> tuple[str, ...]:
    _ = translator(lang)
    out: list[str] = []
    if not complete:
        out.append(
            _(
                "Answer the {n} question(s) still open (listed in the appendix): findings that depend on them are not shown."
            ).format(n=to_ask)
        )
    by_action: dict[str, list[str]] = {}  # the same action for several licenses is one step naming them all
    for f in key:
        if f.action:
            names = by_action.setdefault(f.action, [])
            if f.license_name not in names:
                names.append(f.license_name)
    out += [f"{'; '.join(names)}: {action}" for action, names in by_action.items()]
    review = sum(lic.needs_review for lic in licenses)
    if review:
        out.append(
            _("Have counsel review the {n} finding(s) marked “needs legal review”, where the license text is unclear.").format(
                n=review
            )
        )
    return tuple(out)


def _row(tree_id: str, q: Any, answer: str) -> AnswerRow:
    return AnswerRow(tree_id, q.id, " ".join(q.text.split()), answer)


def _answer_groups(catalog: Catalog, tree_ids: list[str], path: list[Any], conversions: Conversions) -> tuple[AnswerGroup, ...]:
    def shown(s: Any) -> str:
        c = conversions.get((s.tree, s.question.id))
        if c is None or c.usd != s.value:  # no yen, or a record left behind by a later dollar answer
            return answer_text(s.question, s.value, catalog.lang)
        # Entered in yen: the dollars scored, what was typed and the rate, and whether another rate could matter.
        near = rate_warnings(catalog, tree_ids, s.tree, s.question.id, c, catalog.lang)
        return ("" if catalog.lang == "ja" else " ").join([conversion_text(c, catalog.lang), *near])

    _ = translator(catalog.lang)
    groups = []
    for tree_id in [INTAKE, *tree_ids]:
        tree = catalog.trees[tree_id]
        rows = tuple(_row(s.tree, s.question, shown(s)) for s in path if s.tree == tree_id)
        # the reader knows the license by its name; the tree's id is for the tool (Appendix C lists it)
        title = _("{title} (question tree v{version})").format(
            title=" ".join(tree.model.title.split()), version=tree.model.version
        )
        groups.append(AnswerGroup(tree_id, title, rows))
    return tuple(groups)


def _open_questions(catalog: Catalog, tree_ids: list[str]) -> tuple[OpenQuestion, ...]:
    out: list[OpenQuestion] = []
    for tree_id in [INTAKE, *tree_ids]:
        tree = catalog.trees[tree_id]
        for oq in tree.model.open_questions:
            refs, cited = [], []
            for ref in oq.clauses:
                resolved = catalog.clause(tree_id, ref)
                refs.append(f"{resolved[0].model.name} {section_ref(resolved[1].section, catalog.lang)}" if resolved else ref)
                if resolved:
                    p, c = resolved
                    cited.append(Quote(p.model.name, p.model.id, c.section, c.title, c.quote))
            number = f"{OPEN_QUESTIONS_APPENDIX}.{len(out) + 1}"
            text = " ".join(oq.text.split())
            out.append(OpenQuestion(tree.model.title, oq.id, text, tuple(refs), number, tuple(cited), tree_id))
    return tuple(out)


def _sources(catalog: Catalog, tree_ids: list[str], licenses: tuple[MemoLicense, ...]) -> tuple[Source, ...]:
    out: list[Source] = []
    for tree_id in [INTAKE, *tree_ids]:
        tree = catalog.trees[tree_id]
        out.append(
            Source(
                "question tree", tree.model.title, f"{tree.model.version} ({tree.model.date.isoformat()})", tree.file, tree.sha256
            )
        )
    profiles: list[Profile] = []
    for tree_id in tree_ids:
        profile = catalog.license_of(tree_id)
        profiles += [profile, *catalog.policies_of(profile.model.id)]
    cited = {q.document_id for lic in licenses for f in lic.findings for q in f.quotes}
    profiles += [catalog.profiles[pid] for pid in sorted(cited) if pid in catalog.profiles]
    seen: set[str] = set()
    for p in profiles:
        if p.model.id in seen:
            continue
        seen.add(p.model.id)
        m = p.model
        version = _dated(p, catalog.lang)
        out.append(Source("license profile", m.name, version, p.file, p.sha256))
        text = catalog.texts.get(m.text.file)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else m.text.sha256
        origin = f"{m.text.repository}, {m.text.path} at commit {m.text.commit}"
        out.append(Source("official text", m.name, version, f"licenses/texts/{m.text.file}", digest, origin))
    return tuple(out)


def answers_digest(answers: Answers, tree_ids: Sequence[str]) -> str:
    """SHA-256 of the answers used (intake and the licenses assessed) as canonical JSON."""
    used = {t: answers[t] for t in [INTAKE, *tree_ids] if answers.get(t)}
    canonical = json.dumps(used, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def memo_strings(memo: Any) -> Iterator[str]:
    """Every string in a memo (for tests and for choosing fonts)."""
    if isinstance(memo, str):
        yield memo
    elif is_dataclass(memo) and not isinstance(memo, type):
        for f in fields(memo):
            yield from memo_strings(getattr(memo, f.name))
    elif isinstance(memo, (tuple, list)):
        for item in memo:
            yield from memo_strings(item)
