"""Shared by the memo tests: a fixed multilingual memo, glyph checks, text extraction and renders."""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

import pypdf

from license_risk.content.model import CATEGORIES
from license_risk.memo.facts import (
    AnswerGroup,
    AnswerRow,
    Level,
    Memo,
    MemoFinding,
    MemoLicense,
    OpenQuestion,
    Quote,
    Source,
    numbered,
)

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts" / "memo"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "memo"

JAPANESE = "株式会社サンプル・テクノロジーズ"
PREPARED_FOR = (
    "法務部 山田 花子 様。本メモは、オープンウェイトモデルのライセンス条項が当社の計画にどのように適用されるかを"
    "まとめたものです。 契約の解釈に不明確な点があるため、必ず弁護士の確認を受けてください。 "
    "ライセンスの改訂や利用規約の変更があった場合は、再評価が必要です。"
)
SCRIPTS = {
    "latin": "Société Générale — Ærøskøbing “quoted” ß",
    "japanese": JAPANESE,
    "chinese": "简体中文的公司名称 繁體中文的公司名稱",
    "korean": "한국어 회사 이름 주식회사",
    "greek": "Ελληνική Εταιρεία Λογισμικού",
    "cyrillic": "Общество с ограниченной ответственностью",
}
EMOJI = "Smile 😀 and 🚀"


@contextmanager
def glyph_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect every warning fpdf2 logs (a missing glyph is only a warning on logger fpdf.output)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(level=logging.WARNING)
    logger = logging.getLogger("fpdf")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


@contextmanager
def expected_glyph_warnings() -> Iterator[list[logging.LogRecord]]:
    """Collect fpdf2's output warnings without letting them reach glyph_warnings() (for testing the check)."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("fpdf.output")
    handler, propagate = Collect(level=logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def assert_no_glyph_warnings(records: list[logging.LogRecord]) -> None:
    messages = [r.getMessage() for r in records]
    assert not messages, "fpdf2 warned (a dropped character?):\n" + "\n".join(messages)


def _quote(doc: str, section: str, title: str, text: str) -> Quote:
    return Quote(doc, doc.lower().replace(" ", "-"), section, title, text)


def _finding(license_id: str, license_name: str, n: int, category: str, severity: str, *, review: bool = False) -> MemoFinding:
    return MemoFinding(
        id=f"{category}-{severity}-{n}",
        license_id=license_id,
        license_name=license_name,
        title=f"{severity.capitalize()} {category} finding number {n} of {license_name}",
        category=category,
        severity=severity,
        because=f"Because you answered “Organisation name” → {JAPANESE}; “Do you distribute the model?” → yes.",
        explanation=(
            f"Finding {n}: section {n}.b applies to what you plan. The license says what must happen, and the consequence "
            "is spelt out here at length so that the paragraph wraps over several lines, as real explanations do. "
            "Ελληνικά and Кириллица appear too."
        ),
        quotes=(
            _quote(
                license_name,
                f"{n}.b",
                "Grant of rights",
                f"You may use the Materials for any lawful purpose, subject to section {n}.",
            ),
            _quote(license_name, "unnumbered", "Definitions (first paragraph)", "“Materials” means the model weights and code."),
        ),
        action=f"Do the thing required by section {n}.b before launch, and keep evidence that you did.",
        needs_legal_review=review,
        review_note=None,
        open_questions=("Which version of the policy binds?",) if review else (),
        rated=f"A duty of kind {n} (unmet): high when the plan breaks it; low when met.",
    )


def _license(license_id: str, name: str, severities: list[tuple[str, str]], rating: str) -> MemoLicense:
    findings = tuple(_finding(license_id, name, n, cat, sev, review=n % 2 == 0) for n, (cat, sev) in enumerate(severities, 1))
    levels = []
    for cat in CATEGORIES:
        mine = [f for f in findings if f.category == cat]
        levels.append(Level(cat, mine[0].severity if mine else "none", tuple(f.id for f in mine[:1])))
    return MemoLicense(
        id=license_id,
        tree_id=license_id,
        name=name,
        version="1.0",
        effective_date="2025-01-31",
        date_as_printed="Last modified: January 31, 2025",
        licensor="Example Licensor, Inc.",
        governing_law="State of Example (without regard to conflict of laws); venue: the courts of Example (§9)",
        open_source="Fails 1 criterion. (1) criterion 6, No Discrimination Against Fields of Endeavor: the policy bans a field.",
        policies=(f"{name} Acceptable Use Policy (1.0, no date)",),
        text_notes=("This copy of the text is a test fixture, not a real license.",),
        tree_version="1.0.0",
        rating=rating,
        rating_meaning=f"Meaning of {rating}.",
        levels=tuple(levels),
        findings=findings,
        undetermined=(),
        needs_review=sum(f.needs_legal_review for f in findings),
    )


def sample_memo(organisation: str = JAPANESE, prepared_for: str = PREPARED_FOR) -> Memo:
    """A fixed memo with every part filled, independent of the shipped content (for reference renders)."""
    alpha = _license(
        "alpha-1.0",
        "Alpha Community License",
        [("termination", "critical"), ("propagation", "high"), ("obligation", "medium"), ("openness", "info")],
        "critical",
    )
    beta = _license("beta-2.0", "Beta Model Terms", [("restriction", "medium"), ("obligation", "low")], "medium")
    key = (alpha.findings[0], alpha.findings[1], beta.findings[0], alpha.findings[2])
    rows = tuple(
        AnswerRow("intake", f"q{i}", f"Question {i} of the intake, asked in order?", a)
        for i, a in enumerate(["yes", "no", JAPANESE, "3,000,000 monthly active users"])
    )
    return numbered(
        Memo(
            title="License risk memo",
            date=dt.date(2026, 1, 15),
            organisation=organisation,
            prepared_for=prepared_for,
            models=("Alpha-7B-Instruct", "Beta-2-27B"),
            tool_version="0.0.0-test",
            notice="Not legal advice. This memo is a test fixture.",
            complete=True,
            answered=10,
            to_ask=0,
            categories=tuple(CATEGORIES),
            licenses=(alpha, beta),
            ranking=("alpha-1.0", "beta-2.0"),
            key_findings=key,
            key_findings_rule="The most severe findings.",
            first_actions=tuple(f"{f.license_name}: {f.action}" for f in key),
            answers=(
                AnswerGroup("intake", "About your company (intake 1.0.0)", rows),
                AnswerGroup("alpha-1.0", "Alpha questions (alpha-1.0 1.0.0)", rows[:2]),
                AnswerGroup("beta-2.0", "Beta questions (beta-2.0 1.0.0)", ()),
            ),
            set_aside=(AnswerRow("alpha-1.0", "old", "A question that no longer applies?", "yes"),),
            unanswered=(),
            open_questions=(
                OpenQuestion(
                    "Alpha questions", "aup-version", "Which version of the policy binds?", ("Alpha Community License §1.b",)
                ),
            ),
            severity_scale=(
                ("critical", "The rights have ended, or were never granted for the plan."),
                ("high", "A prohibited use or unlicensed act is planned."),
                ("medium", "A breach the licensor can act on."),
                ("low", "An obligation that must be met."),
                ("info", "A note."),
            ),
            background=(
                ("Your place of establishment: Japan", f"Background for a company in Japan ({JAPANESE})."),
                ("EU AI Act open-source exemption", "Whether the exemption applies is contested."),
            ),
            background_intro="General background, not taken from any license text; needs counsel's review.",
            sources=(
                Source("question tree", "Intake", "1.0.0 (2026-01-01)", "questionnaires/intake.yaml", "a" * 64),
                Source("license profile", "Alpha Community License", "1.0 (2025-01-31)", "licenses/alpha-1.0.yaml", "b" * 64),
                Source(
                    "official text",
                    "Alpha Community License",
                    "1.0 (2025-01-31)",
                    "licenses/texts/alpha.txt",
                    "c" * 64,
                    "example/repo, LICENSE at commit " + "d" * 40,
                ),
            ),
            answers_sha256="e" * 64,
            rating_rules=(("A duty of some kind", "high when the plan breaks it; low when met."),),
        )
    )


# ---------------------------------------------------------------- reading PDFs


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(BytesIO(pdf)).pages]


def squash(text: str) -> str:
    """Text without any whitespace, so wrapped lines compare equal to the unwrapped source."""
    return re.sub(r"\s+", "", text)


def body_text(pdf: bytes) -> str:
    """All pages' text, whitespace removed, without the running header and footer.

    The header and footer are drawn last on each page, so they come last in its text; a paragraph
    that runs onto the next page reads on without them.
    """
    out = []
    for n, text in enumerate(page_texts(pdf), 1):
        t = squash(text)
        cut = t.rfind("Licenseriskmemo") if n > 1 else t.rfind("Information,notlegaladvice.")
        out.append(t[:cut] if cut >= 0 else t)
    return "".join(out)


def outline_titles(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(BytesIO(pdf))
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def render_pages(
    pdf_path: Path, prefix: Path, *, dpi: int = 50, first: int = 1, last: int | None = None, gray: bool = True
) -> list[Path]:
    """Render pages with poppler's pdftoppm to PNG files prefix-N.png; return them in page order."""
    args = ["pdftoppm", "-r", str(dpi), "-png", "-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    if gray:
        args.append("-gray")
    for old in prefix.parent.glob(f"{prefix.name}-*.png"):
        old.unlink()
    subprocess.run([*args, str(pdf_path), str(prefix)], check=True, capture_output=True, timeout=120)
    return sorted(prefix.parent.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def word_boxes(pdf_path: Path) -> list[dict]:
    """Every word poppler finds, with its page, line and box in points (pdftotext -bbox-layout)."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf_path), "-"], check=True, capture_output=True, timeout=120
    ).stdout.decode()
    words = []
    page_re = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
    line_no = 0
    page = 0
    size = (0.0, 0.0)
    for line in out.splitlines():
        m = page_re.search(line)
        if m:
            page += 1
            size = (float(m.group(1)), float(m.group(2)))
            continue
        if "<line " in line:
            line_no += 1
            continue
        m = re.search(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)</word>', line)
        if m:
            x0, y0, x1, y1 = (float(v) for v in m.groups()[:4])
            words.append({"page": page, "line": line_no, "box": (x0, y0, x1, y1), "text": m.group(5), "page_size": size})
    return words


def internal_ids(memo: Memo) -> set[str]:
    """The ids of a memo (findings, licenses, trees, questions, open questions): for machines, never shown as text."""
    ids = {lic.id for lic in memo.licenses} | {lic.tree_id for lic in memo.licenses}
    ids |= {f.id for lic in memo.licenses for f in lic.findings} | {f.license_id for lic in memo.licenses for f in lic.findings}
    ids |= {i for lic in memo.licenses for level in lic.levels for i in level.findings}
    ids |= {r.question_id for g in memo.answers for r in g.rows} | {g.tree for g in memo.answers}
    ids |= {r.question_id for r in (*memo.set_aside, *memo.unanswered)} | {r.tree for r in (*memo.set_aside, *memo.unanswered)}
    ids |= {oq.id for oq in memo.open_questions} | {oq.source_tree for oq in memo.open_questions}
    ids |= {q.document_id for g in memo.clauses for q in g.clauses} | {g.document_id for g in memo.clauses}
    ids |= {q.document_id for lic in memo.licenses for f in lic.findings for q in f.quotes}
    return {i for i in ids if i} - set(memo.categories)
