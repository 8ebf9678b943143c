"""How text reaches the page without being read as Markdown.

Streamlit renders Markdown in st.markdown, st.info/warning/error/success, st.caption,
st.write and st.table cells: emphasis, links, images the browser fetches, colour
directives, LaTeX. Two rules:
- Text from a user, an uploaded file or a saved assessment is never put in Markdown:
  it is shown with `st.text(mark(...))` or in a widget. Escaping is not enough there,
  because Streamlit links bare URLs found in the text after the escapes are resolved.
- Text from the content (maintainers') goes into our Markdown through `plain` or `md`,
  which escape every character Markdown or Streamlit's directives give a meaning to,
  so it shows as written.
`mark` (shared with the CLI and the memo) shows control characters and bidirectional
overrides as [U+XXXX] in both cases.
"""

from __future__ import annotations

import re

from license_risk.content.printable import mark

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:@&=%^\"'])")


def plain(text: object) -> str:
    """Content text, escaped so that Markdown shows it as written (no emphasis, images or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", mark(text)).replace("\n", " ")


def md(template: str, *values: object) -> str:
    """Our own Markdown `template`, with each `{}` filled by a content value shown as written."""
    return template.format(*(plain(v) for v in values))
