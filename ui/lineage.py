"""The model step's lineage panel: import a model card or an AI BOM, see the lineage as a graph, add and remove components.

It only displays and collects: reading files is `license_risk.lineage` (readers, catalog links, edits),
drawing the graph `license_risk.combined`. Text from a file or a user is shown with `st.text(mark(...))`
or inside escaped HTML, never as Markdown.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from license_risk.combined.alt import graph_alt
from license_risk.combined.graph import lineage_graph
from license_risk.combined.svg import graph_svg
from license_risk.content.catalog import Catalog
from license_risk.content.checkpoints import Checkpoint
from license_risk.content.printable import mark
from license_risk.content.problems import InputError, Problem
from license_risk.identify.read import MAX_BYTES as MAX_LICENSE_BYTES
from license_risk.lineage.edit import USES, ids_of, with_components, without
from license_risk.lineage.from_catalog import catalog_components
from license_risk.lineage.imported import MAX_IMPORT_BYTES, Imported, clip
from license_risk.lineage.model import NOTE_NOT_GIVEN, Component
from license_risk.lineage.read import read_lineage
from scoring.interview import Interview
from ui.labels import USES as USE_LABELS
from ui.lang import _, per_language
from ui.uploader import file_uploader

MODEL = "@model"  # "used to build" the assessed model itself


def _read(catalog: Catalog, file_id: str, name: str, raw: Any) -> Imported | InputError:
    """The upload parsed once, however many times the page reruns while it sits in the uploader."""
    cached = st.session_state.get("lineage_parsed")
    if cached is not None and cached[0] == file_id:
        return cached[1]
    kind = "bom" if name.casefold().endswith(".json") else "card"
    try:
        result: Imported | InputError = read_lineage(raw(), name, catalog, kind)
    except InputError as exc:
        result = exc
    st.session_state.lineage_parsed = (file_id, result)
    return result


def _lines(problems: tuple[Problem, ...] | list[Problem]) -> str:
    return "\n".join("• " + mark(str(p)) for p in problems)


def lineage_section(catalog: Catalog, models: list[Checkpoint], iv: Interview, save: Any) -> None:
    st.subheader(_("How your model was built (optional)"))
    st.caption(
        _(
            "If your model is built from other models (fine-tuned, merged, quantized, distilled from a teacher's outputs) "
            "or trained on datasets, list them here: each license is then assessed by the route that brings it. "
            "Import a Hugging Face model card or an AI BOM, or add components one by one."
        )
    )
    upload = file_uploader(
        _("Import a model card (README.md) or an AI BOM (CycloneDX 1.6 or SPDX 3.0 JSON)"),
        key="lineage_upload",
        limit=MAX_IMPORT_BYTES,
        types=["md", "json"],
    )
    if upload is not None:
        imported = _read(catalog, upload.file_id, upload.name, upload.getvalue)
        if isinstance(imported, InputError):
            st.error(_("This file cannot be imported. Nothing was changed."))
            st.text(_lines(list(getattr(imported, "problems", (imported.problem,)))))
        else:
            lost = [p for p in imported.unmapped if p.level == "error"]
            assumed = [p for p in imported.unmapped if p.level != "error"]
            if lost:
                st.warning(_("{n} item(s) in this file could not be mapped and will not be assessed:").format(n=len(lost)))
                st.text(_lines(lost))
            if assumed:
                st.info(_("Assumed where the file does not say:"))
                st.text(_lines(assumed))

            def use_it() -> None:
                iv.lineage = imported.lineage
                for tree, given in imported.answers.items():  # never over an answer the user gave
                    for qid, value in given.items():
                        iv.answers.setdefault(tree, {}).setdefault(qid, value)
                save()

            names = ", ".join(c.name for c in imported.lineage.components)
            built = _("{format}: {model}, built from {n} component(s): {names}").format(
                format=imported.format, model=imported.lineage.model_name, n=len(imported.lineage.components), names=names
            )
            st.text(mark(built))
            st.button(_("Use this lineage (replaces the one below)"), on_click=use_it, key="lineage_use", type="primary")
    _identify(catalog)
    if iv.lineage is not None:
        _release(catalog, iv, save)
        # st.image, not st.html: its sanitizer drops inline SVG
        graph = lineage_graph(iv.lineage, None, catalog.lang, catalog.model_word)
        st.image(
            graph_svg(graph),
            alt=graph_alt(graph),  # the picture's words for screen readers: Streamlit's <img> has no alt otherwise
            caption=_("Your model's lineage (ratings come after the questions)"),
        )
        _remove(iv, save)
    _add_form(catalog, models, iv, save)


def _identify(catalog: Catalog) -> None:
    """A license file (a card's `license: other` points to one, never fetched): which held license it is.

    An identified license is chosen for the next component added below; a modified one is flagged
    for legal review, and an unknown one is never mapped.
    """
    upload = file_uploader(_("Identify a license file (LICENSE, .txt or .md)"), key="license_upload", limit=MAX_LICENSE_BYTES)
    if upload is None:
        return
    cached = st.session_state.get("license_identified")
    if cached is None or cached[0] != upload.file_id:
        from license_risk.identify import identify_text
        from license_risk.identify.read import decode_license

        try:
            result: Any = identify_text(decode_license(upload.getvalue(), upload.name), catalog)
        except InputError as exc:
            result = exc
        cached = (upload.file_id, result)
        st.session_state.license_identified = cached
        held = result.asserted if not isinstance(result, InputError) else None
        usable = [p for p in (held.profiles if held else ()) if p in catalog.license_ids]
        if usable:
            st.session_state.lineage_license = usable[0]  # once per file: the user may choose another
    result = cached[1]
    if isinstance(result, InputError):
        st.error(_("This file cannot be read as a license."))
        st.text(mark(str(result.problem)))
        return
    from license_risk.identify.report import identification_text

    if result.verdict == "identical":
        official = _("{name} ({version}): the official text. Chosen as the license below.")
        st.success(mark(official.format(name=result.best.name, version=result.best.version)))
    elif result.verdict == "modified":
        modified = _(
            "{name} ({version}), modified: needs legal review. It is assessed as the held text; the differences below are not."
        )
        st.warning(mark(modified.format(name=result.best.name, version=result.best.version)))
    else:
        st.error(_("Unknown: no held license text is close enough. It is not mapped to any license."))
    with st.expander(_("The comparison in full")):
        st.text(mark(identification_text(result, upload.name)))


def _modified_note(license_id: str) -> str | None:
    """When the license was identified from a modified copy: say so on the component, for legal review."""
    cached = st.session_state.get("license_identified")
    result = cached[1] if cached else None
    if result is None or isinstance(result, InputError) or result.verdict != "modified" or result.best is None:
        return None
    if license_id not in result.best.profiles:
        return None
    return f"its license file is a modified copy of {result.best.name} ({result.best.version}): needs legal review"


def _release(catalog: Catalog, iv: Interview, save: Any) -> None:
    """The license the model will be released under: pass-through and copyleft conflicts turn on it."""
    key = "lineage_release"
    if key not in st.session_state and iv.lineage is not None:
        st.session_state[key] = iv.lineage.release_license

    def changed() -> None:
        if iv.lineage is not None:
            iv.lineage = iv.lineage.model_copy(update={"release_license": st.session_state.get(key)})
            save()

    st.selectbox(
        _("Your model's license, if you release it"),
        catalog.license_ids,
        format_func=lambda lic: f"{catalog.license_of(lic).model.name} ({catalog.license_of(lic).model.version})",
        index=None,
        placeholder=_("Not released, or not decided"),
        key=key,
        on_change=changed,
    )


def _remove(iv: Interview, save: Any) -> None:
    lineage = iv.lineage
    assert lineage is not None
    names = {c.id: c.name for c in lineage.components}

    def remove() -> None:
        chosen = st.session_state.get("lineage_remove")
        if chosen and iv.lineage is not None:
            iv.lineage = without(iv.lineage, chosen)
            st.session_state.lineage_remove = None
            save()

    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.selectbox(
            _("Remove a component (and what was used to build it)"),
            list(names),
            index=None,
            format_func=lambda cid: mark(names[cid]),
            key="lineage_remove",
            placeholder=_("Choose a component"),
        )
        st.button(_("Remove"), on_click=remove, key="lineage_remove_go")


def _add_form(catalog: Catalog, models: list[Checkpoint], iv: Interview, save: Any) -> None:
    lineage = iv.lineage
    targets = [MODEL, *(c.id for c in lineage.components)] if lineage is not None else [MODEL]
    names = {MODEL: _("your model"), **({c.id: c.name for c in lineage.components} if lineage else {})}
    by_name = {m.name: m for m in models if m.license is not None}
    with st.form("lineage_add", clear_on_submit=True, border=True):
        st.markdown("**" + _("Add a component") + "**")
        model_name = st.text_input(
            _("Your model's name"), value=lineage.model_name if lineage else "", max_chars=300, key="lineage_name"
        )
        picked = st.selectbox(
            _("A model from the catalog"), list(by_name), index=None, key="lineage_model", placeholder=_("Or name it below")
        )
        name = st.text_input(
            _("Or its name (a model, dataset or code not in the catalog)"), max_chars=300, key="lineage_component"
        )
        license_id = st.selectbox(
            _("Its license (for one not in the catalog)"),
            catalog.license_ids,
            index=None,
            format_func=lambda lic: f"{catalog.license_of(lic).model.name} ({catalog.license_of(lic).model.version})",
            key="lineage_license",
            placeholder=_("Unknown"),
        )
        use = st.selectbox(
            _("How it was used"),
            list(USES),
            format_func={u: _(label) for u, label in USE_LABELS.items()}.__getitem__,
            key=per_language("lineage_use_kind"),
        )
        into = st.selectbox(_("Used to build"), targets, format_func=lambda t: mark(names[t]), key=per_language("lineage_into"))
        submitted = st.form_submit_button(_("Add to the lineage"))
    if not submitted:
        return
    title = " ".join(model_name.split()) or (lineage.model_name if lineage else "")
    if not title:
        st.error(_("Give your model's name: the lineage's graph and the memo name it."))
        return
    if picked is None and not name.strip():
        st.error(_("Choose a model from the catalog, or give the component's name."))
        return
    route, relation = use
    ids = ids_of(lineage)
    target = None if into == MODEL else into
    if picked is not None:
        new = catalog_components(catalog, by_name[picked], route=route, relation=relation, ids=ids, into=target)
    else:
        new = [
            Component(
                id=ids.make(name),
                name=clip(name, 300),
                licenses=[license_id] if license_id else [],
                license_note=_modified_note(license_id) if license_id else NOTE_NOT_GIVEN,
                route=route,  # type: ignore[arg-type]
                relation=relation,
                into=target,
                source="added in the app",
            )
        ]
    try:
        iv.lineage = with_components(lineage, title, new)
    except ValueError as exc:  # over 200 components: the model's own check, in words
        st.error(_("Cannot add it: {reason}").format(reason=mark(str(exc).splitlines()[-1])))
        return
    save()
    st.rerun()
