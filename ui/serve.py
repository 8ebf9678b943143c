"""Start the app as `make run` does: load and check the content, then serve.

Loading first means the server only reports healthy once the content is ready,
so the first visitor does not wait for it.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str]) -> int:
    from license_risk.content.problems import ContentError
    from ui.assessment import content

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
