"""The assessment pages: a guided assessment from model choice to results and export.

It only displays and collects. Walking and scoring come from `scoring` (the state
transitions are `scoring.interview`), the export content from `license_risk.memo`,
saving from `license_risk.store`.
Text from a user, an uploaded file or a saved assessment is shown only with
`st.text(mark(...))` or in widgets: never in a Markdown element, where escaping does not
stop bare URLs from becoming links. Text from the content (written by maintainers)
goes into Markdown through `plain()`/`md()`, so it shows as written (see ui/plain.py).
A storage fault never loses an answer: it stays in this session, the page says why it
was not saved, and the next step saves everything. Two browsers on one assessment see each
other's answers on their next interaction; an answer both changed is shown with both values
until the user keeps theirs or takes the other (`ui.conflicts`), never overwritten silently.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from license_risk.combined.alt import graph_alt
from license_risk.combined.svg import graph_svg
from license_risk.content.background import ESTABLISHMENT, background_intro, background_notes
from license_risk.content.catalog import INTAKE, Catalog
from license_risk.content.checkpoints import Checkpoint, checkpoint_lines, search
from license_risk.content.load import load_catalog
from license_risk.content.localized import localized
from license_risk.content.model import CATEGORIES, Question, Severity
from license_risk.content.openness import QUESTION as RELEASED
from license_risk.content.openness import openness_reading
from license_risk.content.printable import mark
from license_risk.content.problems import ContentError, InputError, Problem, listed
from license_risk.decisions import Decision
from license_risk.i18n import N_
from license_risk.memo.decision import decisions
from license_risk.memo.duties import combined_section
from license_risk.memo.listing import license_rows
from license_risk.memo.report import assessment_data
from license_risk.memo.versions import versions_section
from license_risk.numbers import Conversion, Fault, convert, read_number, reading_text, show_number
from license_risk.numbers.money import show_rate
from license_risk.policy import PolicyResult, apply_policy, assessed_model
from license_risk.policy.report import policy_data
from license_risk.review import (
    FindingReview,
    Recorded,
    ReviewStatus,
    SignOff,
    carried_data,
    finding_review,
    read_carried,
    review_status,
    reviewer_decisions,
    sign_off_outdated,
    state_of,
)
from license_risk.store.assessments import (
    ID_PATTERN,
    Conflict,
    Glance,
    Saved,
    Seen,
    Store,
    StoreError,
    keep_mine,
    take_theirs,
)
from license_risk.store.database import default_location
from scoring.answers import MAX_ANSWERS_BYTES, LoadedAnswers, dump_answers, in_dollars, parse_answers
from scoring.interview import (
    Change,
    FromCatalog,
    Interview,
    answer,
    answer_from_models,
    answered_by_catalog,
    back,
    choose_licenses,
    current,
    earlier_answers,
    review,
    stored_answer,
    stored_conversion,
)
from scoring.rating import Assessment, answer_text, assess, compare, rating_meaning
from scoring.thresholds import rate_warnings
from ui import identity
from ui.blocks import (
    Built,
    answers_heading,
    answers_summary,
    card_block,
    caution,
    decision_block,
    finding_anchor,
    finding_card,
    folded_lines,
    license_section,
    lineage_block,
    notes_section,
    severity_scale,
    table,
)
from ui.conflicts import conflict_notice
from ui.focus import FOCUS_CSS
from ui.heat_map import heat_map_html
from ui.labels import CATEGORY, SEVERITY
from ui.lang import _, language_switch, per_language, set_current
from ui.lang import current as session_lang
from ui.lineage import lineage_section
from ui.plain import md, plain
from ui.policy import Kept, in_use, policy_panel
from ui.review import Review, read_review, review_control, reviewing, sign_off_panel
from ui.scroll import FINDINGS_KEY, FINDINGS_SELECTOR, card_selector, scroll_script
from ui.uploader import file_uploader
from ui.user import reader_zone
from ui.version_block import versions_block

log = logging.getLogger("license_risk.ui")

STEPPED = "stepped"  # set by Back and Next for the run they ask for

SEVERITY_COLOUR = {
    Severity.none: "gray",
    Severity.info: "blue",
    Severity.low: "green",
    Severity.medium: "orange",
    Severity.high: "red",
    Severity.critical: "violet",
}


def badge(level: Severity) -> str:
    return f":{SEVERITY_COLOUR[level]}-badge[{level.name.upper()}]"


@functools.cache
def content() -> tuple[Catalog, list[Checkpoint]]:
    """The content, loaded once per process (ui.serve loads it before the server starts)."""
    catalog = load_catalog()
    return catalog, catalog.models


_LOCALIZED: dict[tuple[int, str], tuple[Catalog, Catalog]] = {}


def in_language(catalog: Catalog, lang: str) -> Catalog:
    """The content's words in the page's language where a current translation exists (ids, conditions
    and severities are the same objects: the language changes words, never results). Once per process."""
    key = (id(catalog), lang)
    if key not in _LOCALIZED:  # a race builds it twice, harmlessly; the source is kept so its id stays unique
        _LOCALIZED[key] = (catalog, localized(catalog, lang))
    return _LOCALIZED[key][1]


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def store() -> Store:
    """The process's store for the configured location (LICENSE_RISK_DB may differ between runs).

    A plain dict, not st.cache_resource: that inspects the function's signature on every call, and the
    results page asks for the store several times a rerun."""
    location = default_location()
    found = _STORES.get(location)
    if found is None:
        with _STORES_LOCK:  # one Store (one connection pool) per location, whichever session asks first
            found = _STORES.get(location)
            if found is None:
                found = _STORES[location] = Store(location)
    return found


# ---------------------------------------------------------------- state


def flash(kind: str, message: str, details: list[str] | None = None) -> None:
    """Queue a message for the next run. `message` is our own Markdown; `details` may hold text
    from a user or a file, and are shown as plain text."""
    st.session_state.setdefault("flash", []).append((kind, message, details or []))


def show_flash() -> None:
    for kind, message, details in st.session_state.pop("flash", []):
        getattr(st, kind)(message)
        for line in details:
            st.text("• " + mark(line))


def problem_lines(problems: list[Problem]) -> list[str]:
    """Problems as lines of plain text in the page's language (where they carry their words): the first 50, then how many more."""
    lang = session_lang()
    shown, more = listed(problems, lang=lang)
    return [p.in_language(lang) for p in shown] + ([more] if more else [])


def _seen() -> dict[str, Seen]:
    """Per assessment id, what this session last read or wrote: the base of its next save."""
    return st.session_state.setdefault("seen", {})


def save(catalog: Catalog, iv: Interview) -> None:
    """Save what changed since this session last saw the assessment. If the store fails, everything stays
    in this session and the page says so; the next step (or "Try saving again") saves all of it."""
    try:
        saved = store().save(catalog, iv, _seen().get(iv.id), author=identity.author())
    except StoreError as exc:
        log.warning("assessment %s not saved: %s", iv.id, exc.detail)
        st.session_state.unsaved = exc.message
        return
    st.session_state.pop("unsaved", None)
    st.query_params["a"] = iv.id
    _took(iv, saved)
    st.session_state.conflicts = saved.conflicts


def _took(iv: Interview, saved: Saved) -> None:
    """Remember what was seen; answers from another browser need fresh widgets and a word."""
    _seen()[iv.id] = saved.seen
    if saved.merged:
        st.session_state.epoch = st.session_state.get("epoch", 0) + 1
        flash("info", _("{n} answer(s) given in another window or by a colleague were added.").format(n=len(saved.merged)))


GLANCE = "glance"  # this run's Glance of its assessment, (id, Glance); None when the run took none


def _sync(catalog: Catalog, iv: Interview) -> None:
    """Take in what others saved since this session's last look (one small read when nothing changed)."""
    st.session_state[GLANCE] = None  # never last run's: the results page would miss a colleague's decision
    seen = _seen().get(iv.id)
    if seen is None:
        return  # not saved yet: nobody else has it
    if st.session_state.pop(STEPPED, False):
        # The run after Back or Next: its save merged others' answers already, or it refused the answer
        # typed, and taking in others' answers now would redraw that widget empty.
        return
    try:
        look = store().glance(iv.id)
        st.session_state[GLANCE] = (iv.id, look)
        synced = store().sync(catalog, iv, seen, look)
    except StoreError as exc:
        log.warning("assessment %s not refreshed: %s", iv.id, exc.detail)
        return  # the next save says what is wrong
    if synced is not None:
        _took(iv, synced)


def _keep_mine(catalog: Catalog, iv: Interview, conflict: Conflict) -> None:
    _seen()[iv.id] = keep_mine(_seen().get(iv.id) or Seen(), conflict)
    save(catalog, iv)


def _take_theirs(catalog: Catalog, iv: Interview, conflict: Conflict) -> None:
    _seen()[iv.id] = take_theirs(catalog, iv, _seen().get(iv.id) or Seen(), conflict)
    st.session_state.epoch = st.session_state.get("epoch", 0) + 1  # the widget shows their answer
    save(catalog, iv)


def conflicts_notice(catalog: Catalog, iv: Interview) -> None:
    conflict_notice(
        catalog,
        st.session_state.get("conflicts") or [],
        lambda c: _keep_mine(catalog, iv, c),
        lambda c: _take_theirs(catalog, iv, c),
    )


def unsaved_notice(catalog: Catalog, iv: Interview) -> None:
    reason = st.session_state.get("unsaved")
    if not reason:
        return
    st.warning(
        md(
            _(
                "Your answers are kept in this page but are not saved on the server: {}. "
                "They are saved with your next step; keep this page open until then, or download your answers "
                "(Answers, YAML) on the results page."
            ),
            reason,
        )
    )
    st.button(_("Try saving again"), on_click=save, args=(catalog, iv), key="retry_save")


def switch_to(catalog: Catalog, iv: Interview, seen: Seen | None = None) -> None:
    st.session_state.iv = iv
    st.session_state.conflicts = []
    if seen is not None:
        _seen()[iv.id] = seen
    set_current(iv.lang)
    st.session_state.epoch = st.session_state.get("epoch", 0) + 1  # fresh widgets for new answers
    save(catalog, iv)


def interview(catalog: Catalog) -> Interview | None:
    """This browser session's assessment: the one in the URL, or a new one."""
    wanted = st.query_params.get("a")
    iv: Interview | None = st.session_state.get("iv")
    if iv is not None and (wanted is None or wanted == iv.id):
        _sync(catalog, iv)
        return iv
    if wanted:
        try:
            loaded = store().load(catalog, wanted)
        except (InputError, StoreError) as exc:
            st.error(md(_("Cannot open this assessment: {}."), _why(exc)))
            if st.button(_("Start a new assessment"), type="primary"):
                st.query_params.clear()
                st.session_state.pop("iv", None)
                st.rerun()
            return None
        if loaded.notes:
            flash(
                "info",
                _("Since this assessment was saved, the questions have changed:"),
                [note.in_language(session_lang()) for note in loaded.notes],
            )
        if loaded.problems:
            flash("warning", _("Saved answers that no longer fit the questions were set aside:"), problem_lines(loaded.problems))
        st.session_state.iv = loaded.interview
        st.session_state.conflicts = []
        _seen()[wanted] = loaded.seen
        set_current(loaded.interview.lang)  # the language it was answered in, whatever the browser's
        return loaded.interview
    iv = Interview(Store.new_id(), lang=session_lang())
    st.session_state.iv = iv
    return iv


def _why(exc: InputError | StoreError) -> str:
    return exc.problem.message if isinstance(exc, InputError) else exc.message


# ---------------------------------------------------------------- steps


def start_step(catalog: Catalog, iv: Interview) -> None:
    st.title(_("Open-model license risk assessment"))
    st.write(
        _(
            "Before you build on an open-weight model, find out what its license lets the licensor do to you: "
            "end your rights, reach into your derived models, or bind your users. Answer a short questionnaire; "
            "every finding cites the clause it rests on, quoted word for word, and says what to do."
        )
    )
    st.write(_("For business users planning a project, and for the legal reviewers who check it."))
    st.info(_("This tool gives information, not legal advice. Have counsel review the findings before you rely on them."))

    def begin() -> None:
        iv.step = "model"
        save(catalog, iv)

    def resume() -> None:
        iv.step = "resume"

    left, right = st.columns([1, 3])
    left.button(_("Start a new assessment"), type="primary", on_click=begin)
    right.button(_("Resume from a link or an answers file"), on_click=resume)
    names = [f"{catalog.license_of(i).model.name} ({catalog.license_of(i).model.version})" for i in catalog.license_ids]
    with st.expander(_("Covers {n} license versions").format(n=len(names))):
        st.caption("; ".join(names))


def resume_step(catalog: Catalog, iv: Interview) -> None:
    """Open a saved assessment, or load an answers file as a new one; the open assessment is untouched."""
    st.header(_("Resume an assessment"))
    left, right = st.columns(2)
    with left:
        st.caption(_("From a saved link or its assessment id"))
        link = st.text_input(_("Assessment link or id"), key="resume_link", max_chars=300)
        if st.button(_("Open"), key="open_link") and link:
            found = re.search(r"[A-Za-z0-9_-]{22}", link.split("a=")[-1])
            target = found.group(0) if found and ID_PATTERN.match(found.group(0)) else link.strip()
            try:
                loaded = store().load(catalog, target)
            except (InputError, StoreError) as exc:
                st.error(md(_("Cannot open this assessment: {}."), _why(exc)))
            else:
                switch_to(catalog, loaded.interview, loaded.seen)
                st.rerun()
    with right:
        st.caption(_("From an answers file (YAML or JSON, up to 1 MB)"))
        upload = file_uploader(_("Answers file"), key="upload", limit=MAX_ANSWERS_BYTES, types=["yaml", "yml", "json"])
        if upload is not None:
            upload_preview(catalog, upload.file_id, upload.name, upload.getvalue)

    def go_back() -> None:
        iv.step = "start"

    st.button(_("Back"), on_click=go_back, key="resume_back")
    covered = _("Licenses this tool covers")
    with st.expander(covered):
        show_html(table(*license_rows(catalog), label=covered))  # HTML, not st.table: that would import pandas on a user's click


def read_upload(catalog: Catalog, file_id: str, name: str, data: Callable[[], bytes]) -> LoadedAnswers | InputError:
    """The upload parsed once, however many times the page reruns while it sits in the uploader."""
    cached = st.session_state.get("upload_parsed")
    if cached is not None and cached[0] == file_id:
        return cached[1]
    try:
        result: LoadedAnswers | InputError = parse_answers(data(), name, catalog)
    except InputError as exc:
        result = exc
    if isinstance(result, LoadedAnswers):
        # the reviewer's decisions and sign-off it carries (version 4), each bad one listed with its line
        result.review = read_carried(result.review, result.document, catalog, result.problems)
    st.session_state.upload_parsed = (file_id, result)
    return result


def upload_preview(catalog: Catalog, file_id: str, name: str, data: Callable[[], bytes]) -> None:
    """Check an uploaded answers file and show what would be kept; the current assessment is untouched."""
    loaded = read_upload(catalog, file_id, name, data)
    if isinstance(loaded, InputError):
        st.error(_("This file cannot be used. Nothing was changed."))
        st.text(mark(loaded.problem.in_language(session_lang())))
        return
    kept = sum(len(a) for a in loaded.answers.values())
    if loaded.problems:
        st.warning(_("{n} answer(s) in this file cannot be used and will not be loaded:").format(n=f"{len(loaded.problems):,}"))
        st.text("\n".join("• " + mark(line) for line in problem_lines(loaded.problems)))
    if loaded.notes:
        st.info(_("This file was answered against other versions of the questions:"))
        st.text("\n".join("• " + mark(note.in_language(session_lang())) for note in loaded.notes))
    names = ", ".join(catalog.license_of(lic).model.name for lic in loaded.licenses) or _("no license yet")
    st.write(md(_("{} answer(s) can be loaded, for: {}."), kept, names))
    decided, signed = loaded.review
    if decided or signed:
        st.write(
            _("{n} reviewer decision(s) will be restored with them.").format(n=len(decided))
            + (" " + _("The sign-off too.") if signed else "")
        )

    def load_it() -> None:
        has = bool(loaded.licenses or (loaded.lineage and loaded.lineage.licenses))
        step = "questions" if has else "model"
        iv = Interview(
            Store.new_id(),
            loaded.licenses,
            loaded.answers,
            step,
            lineage=loaded.lineage,
            lang=session_lang(),
            conversions=loaded.conversions,
        )
        switch_to(catalog, iv)
        restore_review(iv.id, decided, signed)

    st.button(_("Continue with these answers (as a new assessment)"), on_click=load_it, type="primary")


def restore_review(assessment_id: str, decided: list[Decision], signed: SignOff | None) -> None:
    """The decisions and sign-off of an imported file, recorded on the new assessment as they were made."""
    if not decided and signed is None:
        return
    now = dt.datetime.now(dt.UTC)
    try:
        store().decide(assessment_id, [Recorded(d.license, d.finding, d.by, now, d) for d in decided])
        if signed is not None:
            store().sign_off(assessment_id, signed)
    except StoreError as exc:
        log.warning("review of %s not restored: %s", assessment_id, exc.detail)
        flash("warning", _("The reviewer decisions in the file were not saved: {why}.").format(why=exc.message))


def model_step(catalog: Catalog, models: list[Checkpoint], iv: Interview) -> None:
    st.header(_("Which model, or which license?"))
    labels = {
        lic: f"{catalog.license_of(lic).model.name} ({catalog.license_of(lic).model.version})" for lic in catalog.license_ids
    }
    if "chosen_licenses" not in st.session_state:
        st.session_state.chosen_licenses = [lic for lic in iv.licenses if lic in labels]

    def add(license_ids: list[str], model_name: str) -> None:
        chosen = st.session_state.chosen_licenses
        st.session_state.chosen_licenses = [*chosen, *(lic for lic in license_ids if lic not in chosen)]
        if model_name not in iv.models:
            iv.models.append(model_name)  # named in the memo

    query = st.text_input(
        _("Search models by name"), placeholder=_("e.g. Llama-3.1-8B-Instruct, gemma-2-9b"), key="model_query", max_chars=200
    )
    if query:
        matches = search(models, query)
        if not matches:
            st.warning(_("No model in the catalog matches. Choose a license version below instead."))
        for hit in matches[:20]:
            m = hit.model
            cols = st.columns([6, 1])
            note = hit.describe(catalog.lang)
            lines = [*checkpoint_lines(m, labels, catalog.lang, catalog.model_word), *([note] if note else [])]
            cols[0].markdown("  \n".join([md("**{}**", m.name), *map(plain, lines)]))
            cols[1].button(
                _("Add"),
                key=f"add:{m.id}",
                on_click=add,
                args=(m.licenses, m.name),
                disabled=set(m.licenses) <= set(st.session_state.chosen_licenses),  # also when none can be added
            )
    st.multiselect(
        _("Licenses to assess (choose several to compare them)"),
        options=catalog.license_ids,
        format_func=labels.__getitem__,
        key="chosen_licenses",
        placeholder=_("Choose one or more licenses"),  # Streamlit's own "Choose options" is English on every page
    )
    selection = list(st.session_state.chosen_licenses)
    lineage_section(catalog, models, iv, lambda: save(catalog, iv))

    def go_on() -> None:
        choose_licenses(catalog, iv, selection)
        governing = {m.name: m.license for m in models}
        iv.models = [m for m in iv.models if governing.get(m) in selection]  # drop models whose license was removed
        given = answer_from_models(catalog, iv)
        if given:
            flash(
                "info",
                _("Answered from the model catalog, so not asked (change them under Your answers if they are wrong):"),
                [
                    f"{g.question.text.strip()} → {answer_text(g.question, g.value, session_lang())} ({', '.join(g.models)})"
                    for g in given
                ],
            )
        iv.step = "questions"
        save(catalog, iv)

    def go_back() -> None:
        iv.step = "start"
        save(catalog, iv)

    left, right = st.columns([1, 6])
    left.button(_("Back"), on_click=go_back, key="model_back")
    from_lineage = iv.lineage is not None and bool(iv.lineage.licenses)
    right.button(_("Continue"), type="primary", on_click=go_on, disabled=not (selection or from_lineage), key="model_next")


def widget_key(tree_id: str, q: Question) -> str:
    return f"w{st.session_state.get('epoch', 0)}:{tree_id}:{q.id}"


def question_widget(
    tree_id: str,
    q: Question,
    stored: Any,
    conversion: Conversion | None = None,
    warn: Callable[[Conversion], list[str]] | None = None,
) -> None:
    """The question's input; `conversion` is the yen and rate a dollar answer was given in, `warn` what
    to say about a converted amount (near a license's threshold)."""
    key = widget_key(tree_id, q)
    label = q.text
    if q.kind == "yes_no":
        options = [True, False]
        st.radio(
            label,
            options,
            index=options.index(stored) if isinstance(stored, bool) else None,
            format_func={True: _("Yes"), False: _("No")}.__getitem__,  # labels made now, not when AppTest formats
            key=key,
        )
    elif q.kind == "one_of":
        values = q.option_values()
        st.radio(label, values, index=values.index(stored) if stored in values else None, format_func=q.option_label, key=key)
    elif q.kind == "many_of":
        st.write(label)
        for o in q.options or []:
            box = f"{key}:{o.value}"
            if box not in st.session_state:  # set once: a default beside a value the callbacks set would warn
                st.session_state[box] = bool(stored) and o.value in stored
            st.checkbox(o.label, key=box, help=o.help, on_change=_ticked, args=(key, q, o.value))
    elif q.kind == "number":
        # Typed as text and read by license_risk.numbers ("200万", "50M"), which the answers files share:
        # a number field would drop what it cannot read ("50M" became 50) without a word.
        value = f"{int(stored):,}" if isinstance(stored, (int, float)) and not isinstance(stored, bool) else ""
        if key not in st.session_state:
            st.session_state[key] = conversion.entered if conversion is not None else value  # yen: as typed
        st.text_input(label, key=key, max_chars=60, placeholder=q.unit or _("a number"))
        typed = st.session_state.get(key) or ""
        if typed.strip():
            reading = read_number(typed, session_lang())
            if reading.ok and reading.value is not None and is_yen_for_dollars(q, reading.currency):
                yen_inputs(key, conversion, warn)
            elif reading.ok and reading.value is not None:
                _value, out_of_range = typed_answer(q, typed)  # said now, not only after Next
                if out_of_range:
                    show_html(caution(out_of_range))
                else:
                    st.caption(plain(_("Read as {value}").format(value=show_number(reading.value, session_lang()))))
            else:
                show_html(caution(reading.problem or ""))
    else:
        st.text_input(label, value=stored or "", max_chars=2000, key=key)


def _ticked(key: str, q: Question, value: str) -> None:
    """A checkbox changed: ticking an exclusive option ("None of these") clears the others, and
    ticking another clears the exclusive one (Question.after_ticking). Unticking changes nothing else."""
    if not q.exclusive_values() or not st.session_state.get(f"{key}:{value}"):
        return
    chosen = [o.value for o in q.options or [] if st.session_state.get(f"{key}:{o.value}")]
    keep = q.after_ticking(value, chosen)
    for o in q.options or []:
        st.session_state[f"{key}:{o.value}"] = o.value in keep


def is_yen_for_dollars(q: Question, currency: str | None) -> bool:
    return currency == "JPY" and in_dollars(q)


def yen_inputs(key: str, conversion: Conversion | None, warn: Callable[[Conversion], list[str]] | None) -> None:
    """Under a dollar question answered in yen: the exchange rate, its date and source, and the result."""
    lang = session_lang()
    defaults = {
        f"{key}:rate": show_rate(conversion.rate) if conversion else "",
        f"{key}:rate_date": conversion.rate_date if conversion else None,
        f"{key}:rate_source": conversion.source if conversion else "",
    }
    for k, v in defaults.items():
        if k not in st.session_state:  # kept while the question is shown; restored from the record when it is again
            st.session_state[k] = v
    st.caption(plain(_("This is in yen. The licenses' thresholds are in US dollars: give the exchange rate you use.")))
    with st.container(horizontal=True):
        st.text_input(_("Exchange rate (yen per US dollar)"), key=f"{key}:rate", max_chars=30, placeholder="150.25")
        st.date_input(
            _("Date of the rate"),
            key=f"{key}:rate_date",
            min_value=dt.date(1949, 1, 1),  # the first fixed rate; anything earlier is a typo
            max_value=dt.date.today(),
            format="YYYY/MM/DD",
        )
    st.text_input(_("Source of the rate (optional)"), key=f"{key}:rate_source", max_chars=200, placeholder=_("e.g. MUFG TTM"))
    typed = st.session_state.get(key) or ""
    got, faults = convert_yen(key, typed)
    if got is not None:
        st.caption(plain(reading_text(got, lang)))
        for line in warn(got) if warn else []:
            show_html(caution(line))
    else:
        # Only what the user has started to give is faulted; the rest is asked for once, quietly.
        given = {
            f.field
            for f in faults
            if f.field == "yen" or st.session_state.get(f"{key}:{f.field if f.field != 'source' else 'rate_source'}")
        }
        for f in faults:
            if f.field in given:
                show_html(caution(f.message))
        if not given:
            st.caption(plain(_("Give the rate and its date to convert the yen to US dollars.")))


def convert_yen(key: str, typed: str) -> tuple[Conversion | None, list[Fault]]:
    """The conversion the question's fields hold now (the yen typed, the rate, its date and source)."""
    return convert(
        typed,
        st.session_state.get(f"{key}:rate") or "",
        st.session_state.get(f"{key}:rate_date"),
        st.session_state.get(f"{key}:rate_source") or "",
        today=dt.date.today(),
        lang=session_lang(),
    )


def yen_answer(tree_id: str, q: Question) -> tuple[Conversion | None, str | None] | None:
    """For a dollar question answered in yen: (the conversion, None) or (None, why not); None otherwise."""
    key = widget_key(tree_id, q)
    typed = st.session_state.get(key)
    if q.kind != "number" or not isinstance(typed, str) or not typed.strip():
        return None
    reading = read_number(typed, session_lang())
    if not reading.ok or not is_yen_for_dollars(q, reading.currency):
        return None
    got, faults = convert_yen(key, typed)
    if got is None:
        return None, " ".join(f.message for f in faults)
    return got, None


def widget_value(tree_id: str, q: Question) -> Any:
    key = widget_key(tree_id, q)
    if q.kind == "many_of":
        return [o.value for o in q.options or [] if st.session_state.get(f"{key}:{o.value}")]
    return st.session_state.get(key)


def typed_answer(q: Question, raw: Any) -> tuple[Any, str | None]:
    """What the widget holds, read as the question needs it: (value, None), (None, why not) in the
    page's language, or (None, None) for no answer (blank text included). Numbers are read from the text as typed."""
    if raw is None or (q.kind == "many_of" and not raw) or (isinstance(raw, str) and not raw.strip()):
        return None, None  # blank text is no answer
    if q.kind != "number" or not isinstance(raw, str):
        return raw, None
    reading = read_number(raw, session_lang())
    if reading.value is None:
        return None, reading.problem
    if reading.currency == "JPY" and in_dollars(q):
        return None, _("This question asks for US dollars, and “{text}” is in yen: convert it first.").format(text=raw.strip())
    if q.minimum is not None and reading.value < q.minimum:
        return None, _("Give a number of at least {n}.").format(n=show_number(int(q.minimum), session_lang()))
    if q.maximum is not None and reading.value > q.maximum:
        return None, _("Give a number of at most {n}.").format(n=show_number(int(q.maximum), session_lang()))
    return reading.value, None


@st.fragment
def question_area(
    catalog: Catalog,
    tree_id: str,
    q: Question,
    stored: Any,
    conversion: Conversion | None = None,
    licenses: list[str] | None = None,
    earlier: list[tuple[Question, Any]] | None = None,
    from_catalog: FromCatalog | None = None,
) -> None:
    """The question and its clause text. A fragment: choosing an option redraws this part only;
    Next (outside it) reruns the page, which records the answer and moves on. `earlier` are the
    answers the question shows (its `shows`), `from_catalog` where its answer came from the model catalog."""

    def warn(c: Conversion) -> list[str]:
        return rate_warnings(catalog, licenses or [], tree_id, q.id, c, session_lang())

    if from_catalog is not None:
        st.info(
            _("This answer comes from the model catalog, for {models}. Change it here if it is wrong.").format(
                models=", ".join(from_catalog.models)
            )
        )
        if from_catalog.source:
            st.caption(plain(_("Source: {source}").format(source=" ".join(from_catalog.source.split()))))
    question_widget(tree_id, q, stored, conversion, warn)
    lang = session_lang()
    for earlier_q, value in earlier or []:
        # what the user typed: plain text only (see the module's docstring)
        st.text(
            mark(
                _("Your answer to “{question}”: {answer}").format(
                    question=earlier_q.text.strip(), answer=answer_text(earlier_q, value, lang)
                )
            )
        )
    if q.help:
        st.caption(plain(q.help))
    if q.probes:
        with st.expander(_("The clause text this question tests")):
            quoted = []
            for ref in q.probes:
                resolved = catalog.clause(tree_id, ref)
                if resolved:
                    profile, clause = resolved
                    quoted.append(md("**{} §{}: {}**", profile.model.name, clause.section, clause.title))
                    quoted.append("> " + plain(clause.quote).replace("\n", "\n> "))
            st.markdown("\n\n".join(quoted))


def _step(step: Callable[[], None]) -> None:
    """Back or Next, as a callback: the page run the click started then draws the step.

    Typing in a field and then clicking Next sends both at once, and Streamlit takes that as a rerun of
    the question's fragment only: then the step asks for a run of the whole page, or it (or its error
    message) would show only after the next click.
    """
    step()
    st.session_state[STEPPED] = True
    ctx = get_script_run_ctx()
    if ctx is not None and ctx.fragment_ids_this_run:
        st.rerun()


def questions_step(catalog: Catalog, iv: Interview) -> None:
    shown = current(catalog, iv)
    w = iv.walk(catalog)
    p = w.progress
    if shown is None:
        iv.step = "results"
        save(catalog, iv)
        st.rerun()
    tree_id, q = shown
    section = _("About your company and your plans") if tree_id == INTAKE else catalog.license_of(tree_id).model.name
    counted = _("{answered} of {total} questions answered").format(answered=p.answered, total=p.total)
    st.progress(p.fraction, text=plain(f"{section} · {counted}"))

    def on_next() -> None:
        yen = yen_answer(tree_id, q)
        if yen is not None:  # yen for a question in dollars: its dollars are the answer, the record is kept
            conversion, problem = yen
            if conversion is None:  # the yen, rate, date and source stay in their fields
                flash("error", _("This answer cannot be used:"), [problem or ""])
                return
            record(*answer(catalog, iv, tree_id, q.id, None, conversion=conversion))
            return
        raw, problem = typed_answer(q, widget_value(tree_id, q))
        if raw is None:  # the typed text stays in its field
            if problem is None:
                flash("error", _("Please answer this question before going on."))
            else:
                flash("error", _("This answer cannot be used:"), [problem])
            return
        record(*answer(catalog, iv, tree_id, q.id, raw))

    def record(change: Change | None, error: str | None) -> None:
        if error:
            flash("error", _("This answer cannot be used:"), [error])
            return
        assert change is not None
        if change.set_aside:
            flash(
                "warning",
                _(
                    "Because of this change, {n} later answer(s) no longer apply. "
                    "They are kept, not scored, and come back if you change this answer again:"
                ).format(n=len(change.set_aside)),
                [f"{s.question.text.strip()} → {answer_text(s.question, s.value, session_lang())}" for s in change.set_aside],
            )
        if change.restored:
            flash("info", _("{n} earlier answer(s) apply again and are counted.").format(n=len(change.restored)))
        iv.step = "questions" if iv.walk(catalog).next is not None else "results"
        save(catalog, iv)

    def on_back() -> None:
        back(catalog, iv)
        save(catalog, iv)

    question_area(
        catalog,
        tree_id,
        q,
        stored_answer(iv, tree_id, q.id),
        stored_conversion(iv, tree_id, q.id),
        list(w.licenses),
        earlier_answers(catalog, iv, tree_id, q),
        answered_by_catalog(catalog, iv).get((tree_id, q.id)),
    )
    with st.container(horizontal=True):
        st.button(_("Back"), key="q_back", on_click=_step, args=(on_back,))
        st.button(_("Next"), type="primary", key="q_next", on_click=_step, args=(on_next,))


@dataclass(frozen=True)
class ResultsView:
    """What the results page shows that depends only on the answers: built once per change, not per rerun.

    The page costs the server per element and per byte on every rerun, so it is a few blocks of HTML:
    the decision first, then one license's findings at a time, each one line until opened.
    """

    assessment: Assessment
    top: str  # HTML: the decision in brief, the severity scale, the heat map, background notes, answers set aside
    lineage: str | None  # HTML: with a lineage, the duties across its licenses and the conflicts
    graph: str | None  # SVG: the lineage's graph
    cards: dict[tuple[str, str], str]  # (license, finding) -> the finding's card, as HTML
    names: dict[str, str]  # license -> its name and version, for the findings' switch
    answers_yaml: str
    results_json: str
    graph_alt: str | None = None  # the graph in words: the image's text alternative, for screen readers
    policy: PolicyResult | None = None  # the organisation policy's verdicts, when one is in use
    review: Review | None = None  # the reviewer's decisions and sign-off, as the store has them
    state: str = ""  # license_risk.review.state_of the assessment: what a sign-off now would be given on
    status: ReviewStatus = ReviewStatus.in_progress
    reviews: dict[tuple[str, str], FindingReview] | None = None  # (license, finding) -> the tool's rating and the decision


def results_view(catalog: Catalog, iv: Interview, policy: Kept | None = None, review: Review | None = None) -> ResultsView:
    lang = session_lang()
    decided = review.decisions if review is not None else []
    signed = review.signed if review is not None else None
    key = (iv.state_key(), lang, policy.file_id if policy is not None else None, repr(decided), repr(signed))
    cached = st.session_state.get("results_view")
    if cached is not None and cached[0] == key:
        return cached[1]
    a = assess(catalog, iv.licenses, iv.answers, iv.lineage)
    intake = iv.answers.get(INTAKE, {})
    who = [str(intake[k]) for k in ("prepared_for", "organisation") if isinstance(intake.get(k), str) and intake[k].strip()]
    unanswered = 0 if a.walk.complete else a.walk.progress.to_ask
    to_finding = finding_link(iv.id)
    verdicts = None
    if policy is not None and policy.loaded is not None:
        model = assessed_model(iv.answers, iv.lineage)
        # the reviewer's decisions go through the policy's exceptions: one mechanism
        verdicts = apply_policy(
            policy.loaded, a, content()[0], model=model, today=dt.date.today(), decisions=reviewer_decisions(decided)
        )
    top = decision_block(
        _("Results"),
        " · ".join(who),
        unanswered,
        decisions(catalog, a),
        lang=lang,
        link=to_finding,
        verdicts={v.license: v for v in verdicts.licenses} if verdicts is not None else None,
        policy_name=verdicts.name if verdicts is not None else "",
    ) + (severity_scale(catalog.rubric.scale, lang=lang) if catalog.rubric is not None else "")
    lineage_html, graph, alt = None, None, None
    if iv.lineage is not None and iv.lineage.components:
        combined = combined_section(catalog, a, iv.lineage)
        lineage_html = lineage_block(combined, lang=lang)
        graph = graph_svg(combined.graph) if combined.graph is not None else None
        alt = graph_alt(combined.graph) if combined.graph is not None else None
    if len(a.results) > 1:
        top += heat_map_html(
            [(_version_name(catalog, row.license), row) for row in compare(a)],
            lang=lang,
            link=lambda license_id, category: "?" + urlencode({"a": iv.id, CELL_LICENSE: license_id, CELL_CATEGORY: category}),
        )
    changes = versions_section(catalog, a)
    if changes is not None:
        top += versions_block(changes, lang=lang, link=to_finding)
    notes = background_notes(catalog.background, intake.get(ESTABLISHMENT), catalog.lang) + openness_reading(
        catalog.mof, intake.get(RELEASED), catalog.lang, catalog.intake.questions.get(RELEASED)
    )
    if notes:
        top += notes_section(
            _("Jurisdiction and openness: background for counsel's review"),
            background_intro(catalog.background, catalog.lang),
            notes,
        )
    if a.walk.set_aside:
        top += folded_lines(
            _("{n} answer(s) set aside (their questions no longer apply; not scored)").format(n=len(a.walk.set_aside)),
            [f"{s.question.text.strip()} → {answer_text(s.question, s.value, session_lang())}" for s in a.walk.set_aside],
        )
    english = content()[0]
    today = dt.date.today()
    reviews = {
        (t, f.finding.id): finding_review(t, english.trees[t].findings[f.finding.id], f.severity, decided, today)
        for t, r in zip(a.walk.licenses, a.results, strict=True)
        for f in r.findings
    }
    state = state_of(iv.licenses, iv.answers, iv.lineage, decided)
    view = ResultsView(
        a,
        top,
        lineage_html,
        graph,
        {
            (t, f.finding.id): finding_card(f, lang=lang, review=reviews[t, f.finding.id])
            for t, r in zip(a.walk.licenses, a.results, strict=True)
            for f in r.findings
        },
        {t: _version_name(catalog, t) for t in a.walk.licenses},
        dump_answers(
            catalog,
            iv.licenses,
            iv.answers,
            lineage=iv.lineage,
            conversions=iv.conversions,
            review=carried_data(decided, signed),
        ),
        json.dumps(_results_data(catalog, a, iv, verdicts), ensure_ascii=False, indent=2),
        graph_alt=alt,
        policy=verdicts,
        review=review,
        state=state,
        status=review_status(a, english, decided, signed, state, today),
        reviews=reviews,
    )
    st.session_state.results_view = (key, view)
    return view


def _results_data(catalog: Catalog, a: Assessment, iv: Interview, verdicts: PolicyResult | None) -> dict[str, Any]:
    data = assessment_data(catalog, a, iv.conversions)
    if verdicts is not None:
        data["policy"] = policy_data(verdicts)
    return data


def _version_name(catalog: Catalog, license_id: str) -> str:
    model = catalog.license_of(license_id).model
    return f"{model.name} ({model.version})"


def show_html(body: str) -> None:
    """An HTML block of ui.blocks, given to st.html as built (see Built: no dedent per rerun)."""
    st.html(Built(body))


# A heat map cell's link: the findings behind it; a link to one finding (from the decision or the
# versions): its license's findings, unfiltered, that card opened.
CELL_LICENSE, CELL_CATEGORY, LINKED_FINDING = "findings", "category", "finding"


def finding_link(assessment_id: str) -> Callable[[str, str], str]:
    """The address that shows a finding's card, whichever license and filters the page shows now."""
    return lambda license_id, finding_id: (
        "?" + urlencode({"a": assessment_id, CELL_LICENSE: license_id, LINKED_FINDING: finding_id})
    )


def link_target(view: ResultsView) -> str | None:
    """A heat map cell or a finding's link was clicked (its link reloads the page): set the findings'
    switch and filters to show it, and return where the page should bring the user (a CSS selector)."""
    license_id = st.query_params.get(CELL_LICENSE)
    category, finding = st.query_params.get(CELL_CATEGORY), st.query_params.get(LINKED_FINDING)
    if license_id is None and category is None and finding is None:
        return None
    for name in (CELL_LICENSE, CELL_CATEGORY, LINKED_FINDING):
        st.query_params.pop(name, None)  # once: a later reload shows the page as the user left it
    if license_id not in view.names:
        return None
    if category in CATEGORIES:
        st.session_state.f_license, st.session_state.f_categories = license_id, [category]
        return FINDINGS_SELECTOR
    if (license_id, finding) in view.cards:  # every filter that could hide the card cleared
        st.session_state.f_license, st.session_state.f_categories = license_id, list(CATEGORIES)
        st.session_state.f_lowest, st.session_state.f_review = SEVERITIES[0], False
        return card_selector(finding_anchor(license_id, str(finding)))
    return None


def results_step(catalog: Catalog, iv: Interview) -> None:
    top = st.container()  # drawn after the policy panel, which may take in a new policy first
    policy_panel(content()[0])
    glanced: tuple[str, Glance] | None = st.session_state.get(GLANCE)
    state = glanced[1].review if glanced is not None and glanced[0] == iv.id else None
    view = results_view(catalog, iv, in_use(), read_review(store(), iv.id, state))
    target = link_target(view)
    with top:
        show_html(view.top)
        if view.review is not None:
            sign_off_panel(store(), iv.id, view.review, view.status, view.state)
    if view.graph is not None:
        caption = _("How your model was built: each component, its licenses and rating, and its route")
        st.image(view.graph, caption=caption, alt=view.graph_alt)  # alt: Streamlit's <img> has none otherwise
    if view.lineage is not None:
        show_html(view.lineage)
    findings(catalog, view, finding_link(iv.id))
    if target is not None:  # after the findings, so that the element is drawn when the script looks for it
        st.html(scroll_script(target), unsafe_allow_javascript=True)  # our script, no user text: see ui.scroll
    export(catalog, iv, view)


SEVERITIES = [level.name for level in Severity if level > Severity.none]


def _unless_set(key: str, default: Any) -> Any:
    """A widget's default, unless a heat map cell set its value already (both would make Streamlit warn)."""
    return None if key in st.session_state else default


@st.fragment
def findings(catalog: Catalog, view: ResultsView, link: Callable[[str, str], str]) -> None:
    """One license's findings at a time, with filters. A fragment: a filter change redraws this part only."""
    licenses = list(view.names)
    with st.container(key=FINDINGS_KEY), st.container(horizontal=True, vertical_alignment="bottom"):
        shown_license = licenses[0]
        if len(licenses) > 1:
            shown_license = (
                st.segmented_control(
                    _("Findings of"),
                    licenses,
                    default=_unless_set("f_license", licenses[0]),
                    format_func=view.names.get,
                    key="f_license",
                )
                or licenses[0]
            )
        categories = st.pills(
            _("Categories shown"),
            CATEGORIES,
            selection_mode="multi",
            default=_unless_set("f_categories", list(CATEGORIES)),
            format_func={c: _(label) for c, label in CATEGORY.items()}.__getitem__,
            key="f_categories",
        )
        lowest = (
            st.segmented_control(
                _("Lowest severity shown"),
                SEVERITIES,
                default=_unless_set("f_lowest", SEVERITIES[0]),
                format_func={s: _(label) for s, label in SEVERITY.items()}.__getitem__,
                key="f_lowest",
            )
            or SEVERITIES[0]
        )
        review_only = st.toggle(_("Only what needs legal review"), key="f_review")
    floor = Severity[lowest]
    r = view.assessment.results[licenses.index(shown_license)]
    shown = [
        f
        for f in r.findings
        if f.finding.category in categories and f.severity >= floor and (f.finding.needs_legal_review or not review_only)
    ]
    ordered = [f for category in CATEGORIES for f in shown if f.finding.category == category]
    cards = [view.cards[shown_license, f.finding.id] for f in ordered]
    hidden = len(r.findings) - len(shown)
    review = view.review if reviewing() else None
    # For a reviewer each card is followed by its Review control: the section's cards are then drawn one by one.
    show_html(
        license_section(
            shown_license,
            r,
            rating_meaning(catalog, r.rating),
            cards,
            hidden,
            lang=session_lang(),
            shown=[f.finding.id for f in shown],
            link=link,
            drawn=review is None,
        )
    )
    if review is None:
        return
    english = content()[0]
    decided = {(d.license, d.finding): d for d in review.decisions}
    iv: Interview = st.session_state.iv
    for f, card in zip(ordered, cards, strict=True):
        show_html(card_block(card))
        review_control(
            store(),
            iv.id,
            shown_license,
            english.trees[shown_license].findings[f.finding.id],
            decided.get((shown_license, f.finding.id)),
            lambda: st.rerun(scope="app"),
        )


def _reviewed(view: ResultsView) -> Any:
    """The reviewer's decisions and sign-off for the memo, when there are any."""
    from license_risk.memo.review import Reviewed

    if view.review is None or view.reviews is None or (not view.review.decisions and view.review.signed is None):
        return None
    signed = view.review.signed
    return Reviewed(view.reviews, signed, signed is not None and sign_off_outdated(signed, view.state), view.status)


MEMO_LANGUAGES = ["ja", "en", "both"]
DOWNLOADS = "downloads"  # the results page's download panel: open or closed
MEMO_CHOICE = "memo_lang"  # the memo language chosen (a code): kept when the page's language changes
MEMO_LANGUAGE_NAMES = {"ja": N_("Memo in Japanese"), "en": N_("Memo in English"), "both": N_("Memo in Japanese and English")}


def export(catalog: Catalog, iv: Interview, view: ResultsView) -> None:
    """The downloads, and the way back to the questions: one row."""

    english = content()[0]
    zone = reader_zone()  # read now: the memo is built later, when its button is clicked
    # The memo's language is chosen at export: the page's, the other, or both (for foreign counsel).
    choice = st.session_state.get(MEMO_CHOICE) or session_lang()

    def memo_in(lang: str) -> Any:
        from license_risk import __version__
        from license_risk.memo.facts import build_memo

        words = in_language(english, lang)
        assessment = view.assessment if words is catalog else assess(words, iv.licenses, iv.answers, iv.lineage)
        return build_memo(
            words,
            assessment,
            iv.answers,
            date=dt.date.today(),
            tool_version=__version__,
            models=[m for m in iv.models],
            lineage=iv.lineage,
            conversions=iv.conversions,
            history=changes(),
            policy=view.policy,
            reviewed=_reviewed(view),
        )

    def changes() -> list[Any]:
        """The answer changes for the memo's history appendix; none if the store cannot be read now."""
        from license_risk.workspace.history import memo_changes

        try:
            return memo_changes(store().history(iv.id), zone)
        except StoreError as exc:
            log.warning("history of %s not read for the memo: %s", iv.id, exc.detail)
            return []

    def memos() -> list[Any]:
        return [memo_in("ja"), memo_in("en")] if choice == "both" else [memo_in(choice)]

    def pdf() -> bytes:
        from license_risk.memo.both import render_pdf_both
        from license_risk.memo.pdf import render_pdf

        built = memos()
        return render_pdf_both(*built) if len(built) == 2 else render_pdf(built[0])

    def html() -> str:
        from license_risk.memo.both import render_html_both
        from license_risk.memo.html import render_html

        built = memos()
        return render_html_both(*built) if len(built) == 2 else render_html(built[0])

    def word() -> bytes:
        from license_risk.memo.docx import render_docx, render_docx_both

        built = memos()
        return render_docx_both(*built) if len(built) == 2 else render_docx(built[0])

    def on_back() -> None:
        back(catalog, iv)
        save(catalog, iv)

    # Lazy (on_change="rerun"), as the policy panel: closed, its six widgets are not drawn, which every
    # rerun of the results page paid for (benchmark 9). Inline, not a popover: at the page's foot a
    # popover has no room to open downwards.
    panel = st.expander(_("Download the memo and answers"), icon=":material/download:", key=DOWNLOADS, on_change="rerun")
    st.button(_("Back to the questions"), on_click=on_back, key="r_back")
    if not panel.open:
        return
    row = panel.container(horizontal=True, vertical_alignment="bottom")
    widget = per_language(MEMO_CHOICE)  # its choice kept apart, so that it outlives a change of language
    row.selectbox(
        _("Memo language"),
        MEMO_LANGUAGES,
        index=MEMO_LANGUAGES.index(choice),
        format_func={k: _(v) for k, v in MEMO_LANGUAGE_NAMES.items()}.__getitem__,  # labels made now, not when formatted
        key=widget,
        on_change=lambda: st.session_state.update({MEMO_CHOICE: st.session_state[widget]}),
        width=270,  # the longest choice, "Memo in Japanese and English", whole
    )
    # The memo is built only when its button is clicked (deferred data), not on every rerun.
    row.download_button(
        _("Memo for legal review (PDF)"),
        data=pdf,
        file_name="license-risk-memo.pdf",
        mime="application/pdf",
        on_click="ignore",
        type="primary",
    )
    row.download_button(
        _("Memo for legal review (Word)"),
        data=word,
        file_name="license-risk-memo.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        on_click="ignore",
    )
    row.download_button(_("Memo (HTML)"), data=html, file_name="license-risk-memo.html", mime="text/html", on_click="ignore")
    # Deferred too: the texts are built once per change (ResultsView), and handed over only when asked for.
    row.download_button(
        _("Answers (YAML)"),
        data=lambda: view.answers_yaml,
        file_name="answers.yaml",
        mime="application/x-yaml",
        on_click="ignore",
    )
    row.download_button(
        _("Results (JSON)"),
        data=lambda: view.results_json,
        file_name="results.json",
        mime="application/json",
        on_click="ignore",
    )


@dataclass(frozen=True)
class AnswersView:
    """The side panel's summary of the answers so far: built once per change, not per rerun."""

    summary: str | None  # HTML, None before the first answer
    choices: list[tuple[str, str]]  # (tree, question) of each answer, in order
    texts: dict[tuple[str, str], str]  # the question of each choice


def answers_view(catalog: Catalog, iv: Interview) -> AnswersView:
    key = (iv.state_key(), session_lang())
    cached = st.session_state.get("answers_view")
    if cached is not None and cached[0] == key:
        return cached[1]
    path = iv.walk(catalog).path
    groups = [
        (
            _("Your company") if tree_id == INTAKE else catalog.license_of(tree_id).model.name,
            [s for s in path if s.tree == tree_id],
        )
        for tree_id in [INTAKE, *iv.walk(catalog).licenses]
    ]
    from_catalog = {ref: _("from the model catalog") for ref in answered_by_catalog(catalog, iv)}
    view = AnswersView(
        answers_summary(
            [(heading, steps) for heading, steps in groups if steps],
            lang=session_lang(),
            conversions=iv.conversions,
            notes=from_catalog,
        )
        if path
        else None,
        [(s.tree, s.question.id) for s in path],
        {(s.tree, s.question.id): s.question.text.strip() for s in path},
    )
    st.session_state.answers_view = (key, view)
    return view


def sidebar(catalog: Catalog, iv: Interview) -> None:
    """Answers so far, and a picker to open any of them again (few elements: every rerun redraws them)."""
    with st.sidebar:
        view = answers_view(catalog, iv)
        saved = (
            _("This assessment is saved as you go. Keep this page's address to come back to it.") if iv.step != "start" else ""
        )
        show_html(
            answers_heading(_("Your answers"), saved, view.summary, lang=session_lang())
        )  # one element: every rerun redraws the side panel
        if view.summary is not None:
            key = "change_answer"
            st.selectbox(
                _("Change an answer"),
                view.choices,
                index=None,
                format_func=lambda ref: view.texts.get(ref, ref[1]),
                placeholder=_("Choose a question to open it"),
                key=key,
                on_change=_review_chosen,
                args=(catalog, iv, key),
            )

        restart_button()


def restart_button() -> None:
    """Start over asks first: the assessment open now stays saved, and listed under Assessments."""

    def restart() -> None:
        st.session_state.pop(RESTART_ASKED, None)
        st.query_params.clear()
        st.session_state.pop("iv", None)

    if not st.session_state.get(RESTART_ASKED):
        st.button(
            _("Start over (new assessment)"), on_click=st.session_state.update, args=({RESTART_ASKED: True},), key="restart"
        )
        return
    st.warning(_("Start a new assessment? This one stays saved: open it again from Assessments."))
    with st.container(horizontal=True):
        st.button(_("Yes, start a new one"), on_click=restart, key="restart_yes", type="primary")
        st.button(_("Cancel"), on_click=st.session_state.pop, args=(RESTART_ASKED, None), key="restart_no")


RESTART_ASKED = "restart_asked"


def _review_chosen(catalog: Catalog, iv: Interview, key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen:
        review(iv, *chosen)
        save(catalog, iv)
        st.session_state[key] = None  # back to the placeholder, ready for the next change


def assessed(iv: Interview) -> bool:
    """Something to assess: licenses picked, or brought by the lineage."""
    return bool(iv.licenses or (iv.lineage is not None and iv.lineage.licenses))


def main() -> None:
    """Draw the page for this browser session's current step."""
    try:
        catalog, models = content()
    except ContentError as exc:
        st.error(_("The license content has {n} problem(s); fix them and reload the page.").format(n=len(exc.problems)))
        st.text("\n".join("• " + mark(line) for line in problem_lines(exc.problems)))
        return
    iv = interview(catalog)
    if iv is None:
        return
    catalog = in_language(catalog, session_lang())

    def switched(lang: str) -> None:
        iv.lang = lang
        if iv.step != "start":  # a visitor who only looks at the start page leaves no row behind
            save(catalog, iv)

    language_switch(switched)
    if iv.step != "start":  # nothing to list yet; a page without a side panel also draws sooner
        # The start page has no option or checkbox to ring; without an HTML element there, a first
        # visit does not wait for the browser to fetch Streamlit's HTML renderer (and DOMPurify).
        st.html(FOCUS_CSS)  # style only: Streamlit puts it where it takes no space
        sidebar(catalog, iv)
    unsaved_notice(catalog, iv)
    conflicts_notice(catalog, iv)
    show_flash()
    if iv.step == "model":
        model_step(catalog, models, iv)
    elif iv.step == "resume":
        resume_step(catalog, iv)
    elif iv.step == "questions" and assessed(iv):
        questions_step(catalog, iv)
    elif iv.step == "results" and assessed(iv):
        results_step(catalog, iv)
    else:
        start_step(catalog, iv)
