"""Bringing the user to what a link on the results page asked for: the findings a heat map cell filtered,
or one finding's card (opened).

Those links reload the page (see `ui.assessment.link_target`), which opens at its top; the script here
scrolls to the element once it is drawn, again for about two seconds while pictures above it load
and move it, and not after the user scrolls or types. The selector is written as a JSON string with
`<` escaped, so no text can end the script. No Streamlit here: the page draws it with `st.html`.
"""

from __future__ import annotations

import json

FINDINGS_KEY = "lr_findings"  # the key of the findings' container: Streamlit gives it the class st-key-<key>
FINDINGS_SELECTOR = f".st-key-{FINDINGS_KEY}"

_SCRIPT = """<script>(function () {
  var selector = SELECTOR, tries = 0, stopped = false, focused = false;
  function stop() { stopped = true; }
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (e) { window.addEventListener(e, stop, {once: true, capture: true}); });
  function go() {
    if (stopped) { return; }
    var el = document.querySelector(selector);
    if (el) {
      if (el.tagName === "DETAILS") { el.open = true; }
      el.style.scrollMarginTop = "4.5rem";  // below Streamlit's header, which stays over the page's top
      el.scrollIntoView({block: "start"});
      var summary = el.tagName === "DETAILS" ? el.querySelector("summary") : null;
      if (summary && !focused) { focused = true; summary.focus({preventScroll: true}); }
    }
    if (++tries < 20) { setTimeout(go, 100); }
  }
  go();
})();</script>"""


def scroll_script(selector: str) -> str:
    """A script that scrolls to (and, for a finding's card, opens and focuses) the element `selector` finds."""
    return _SCRIPT.replace("SELECTOR", json.dumps(selector).replace("<", "\\u003c"))


def card_selector(anchor: str) -> str:
    """The CSS selector of a finding's card by its id (ids hold dots, as in llama-3.1: quoted, not #id)."""
    return f"[id={json.dumps(anchor)}]"
