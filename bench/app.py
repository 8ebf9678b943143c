"""App speed: server time of one click, and first page render in Chromium, each against an empty app."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from .load import EMPTY_APP  # noqa: E402  (after the path set-up above)


def bench_clicks() -> bool:
    """Median server time of answer + Next over a full assessment, against an empty app's rerun."""
    from apphelpers import default_value, new_app, set_answer, shown, start
    from streamlit.testing.v1 import AppTest

    from .__main__ import report

    with tempfile.TemporaryDirectory() as tmp:
        at = start(new_app(Path(tmp) / "bench.sqlite3"), ["llama-3.1", "gemma-2025-03"])
        empty = AppTest.from_string(EMPTY_APP).run()
        clicks, reruns = [], []
        while (current := shown(at)) is not None:
            tree, qid = current
            set_answer(at, tree, qid, default_value(tree, qid))
            t = time.perf_counter()
            at.button(key="q_next").click().run()
            clicks.append(time.perf_counter() - t)
            for _ in range(2):  # interleaved, so that drift in the machine's speed hits both alike
                t = time.perf_counter()
                empty.run()
                reruns.append(time.perf_counter() - t)
    click, rerun = statistics.median(clicks), statistics.median(reruns)
    return report(
        f"4. one click (answer + Next), median of {len(clicks)}",
        click,
        rerun,
        "empty app rerun (AppTest)",
        click <= 3 * rerun,
        "<= 3x",
    )


def bench_first_render() -> bool:
    """First page rendered in Chromium after the server reports healthy, against an empty app."""
    from e2e_support import CHROMIUM, CHROMIUM_ARGS, free_port, running_app
    from playwright.sync_api import sync_playwright

    from .__main__ import report
    from .load import command  # both servers start the same way, through ui.serve

    if not Path(CHROMIUM).exists():
        print("5. first render: skipped, Debian's chromium is not installed (apt-get install chromium)")
        return True
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty_app.py"
        empty.write_text(EMPTY_APP, encoding="utf-8")
        os.environ["LICENSE_RISK_DB"] = str(Path(tmp) / "bench.sqlite3")

        results: dict[str, list[float]] = {"app": [], "empty": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(5):  # a fresh server each time: the first render after "healthy" is what users wait for
                for name, script, ready in (("empty", empty, "ready"), ("app", ROOT / "app.py", "Start a new assessment")):
                    port = free_port()
                    with running_app(command(None if script == ROOT / "app.py" else script, port, None), port) as url:
                        page = browser.new_page()
                        t = time.perf_counter()
                        page.goto(url)
                        page.get_by_text(ready).first.wait_for(timeout=60_000)
                        results[name].append(time.perf_counter() - t)
                        page.close()
            browser.close()
    app, base = statistics.median(results["app"]), statistics.median(results["empty"])
    return report(
        "5. first page rendered in Chromium (fresh server)", app, base, "empty app, same way", app <= 1.3 * base, "<= 1.3x"
    )
