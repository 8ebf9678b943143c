"""Start the app as `make run` does: check the store, load the content, then serve.

Loading first means the server only reports healthy once the content is ready,
so the first visitor does not wait for it. A store that cannot be opened (a
damaged file, a folder that cannot be created) stops the start with one line,
rather than failing every visitor's first click.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> int:
    from license_risk.content.problems import ContentError
    from license_risk.store.assessments import Store, StoreError, default_path
    from ui.assessment import content

    try:
        store = Store(default_path())
    except StoreError as exc:
        print(f"Cannot start: the assessment store cannot be opened: {exc.detail}", file=sys.stderr)
        return 2
    if store.read_only:
        print(
            f"warning: the assessment store is read-only; saved assessments open, new answers are not saved ({store.read_only_reason})",
            file=sys.stderr,
        )
    try:
        content()
        from license_risk.memo.pdf import fontset

        fontset()  # parse the memo fonts now, not on the first download (about 2 s)
    except ContentError as exc:  # the page will show the problems too
        print(f"warning: the content has {len(exc.problems)} problem(s):", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *argv]
    return int(cli.main() or 0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
