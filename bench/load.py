"""The real server under load: sessions answering the questionnaire over websockets, against baseline apps.

    python -m bench.load [--gc on|off|shipped] [--sessions 1,10,25,50] [--servers 2]   (or: make bench-load GC=off SERVERS=2)

With --servers 2 (or more), the servers share a throwaway PostgreSQL database (Debian's postgresql) and
the sessions are spread over them in turn, as behind a load balancer.

`make bench` runs the quick figures from here (benchmarks 8 and 9). AppTest cannot show these costs:
it skips Streamlit's collection after each run and sends no messages.

Every server is started the way `make run` starts it (`ui.serve`), with the same Streamlit options;
a baseline app goes through the same launcher (`ui.serve.launch`), so both sides of a ratio run on
the same server with the same garbage-collection settings. Each session does a fixed number of
clicks, as a browser sends them: start, search a model, add it, continue, then for each question
an answer (which reruns the question's fragment) and Next; then, on the results page, filter
changes until its clicks are done. One user goes through first, not counted (a server in use has
been warmed by earlier visitors; what a process does once is benchmark 5's). Reported per run: p50 and p95 of a click (from sending it to
the end of the rerun, as a user waits), server CPU per click (from /proc/<pid>/stat), the server's
memory, errors, and whether every session's stored answers equal what it sent.
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .wsclient import Page, Session, trigger, value

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

TRIVIAL_APP = """import streamlit as st
st.title("Trivial")
choice = st.radio("Pick one", ["a", "b", "c"], key="pick")
if st.button("Next", key="next"):
    st.session_state.n = st.session_state.get("n", 0) + 1
st.write(f"clicks: {st.session_state.get('n', 0)} ({choice})")
"""
EMPTY_APP = 'import streamlit as st\nst.write("ready")\n'
# The results page's widgets and blocks alone, nothing computed: what Streamlit itself costs to draw
# that page (benchmark 9 prints it beside the app, for information).
SAME_WIDGETS_APP = """import streamlit as st
H = "<div>" + "<p>finding text " * 300 + "</div>"
st.segmented_control("Language", ["en", "ja"], default="en", key="lang")
with st.sidebar:
    st.html(H[:4000])
    st.selectbox("Change an answer", [f"question {i}" for i in range(40)], index=None, key="chg")
    st.button("Start over", key="restart")
top = st.container()
with st.expander("Organisation policy", key="pol", on_change="rerun"):
    pass
with top:
    st.html(H)
    with st.expander("Sign off", key="so", on_change="rerun"):
        pass
with st.container(key="findings"), st.container(horizontal=True):
    st.segmented_control("Findings of", ["a", "b"], default="a", key="f_license")
    st.pills("Categories", ["x", "y", "z"], selection_mode="multi", default=["x", "y", "z"], key="f_cat")
    st.segmented_control("Lowest", ["low", "medium", "high"], default="low", key="f_low")
    st.toggle("Only review", key="f_review")
st.html(H + "x")
downloads = st.expander("Downloads", key="dl", on_change="rerun")  # closed: its six widgets not drawn
st.button("Back", key="back")
if downloads.open:
    row = downloads.container(horizontal=True)
    row.selectbox("Memo language", ["ja", "en", "both"], key="ml")
    for i in range(5):
        row.download_button(f"Download {i}", data=lambda: b"x", file_name=f"f{i}.txt", on_click="ignore")
"""
CLICKS = 60  # per session, whatever the answers, so that every N does the same work per session
MODELS = ["Llama-3.1-8B"]  # what each load-test user assesses
COMPARED = ["Llama-3.1-8B", "gemma-2-9b"]  # the results page of benchmark 9: two licenses side by side


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sent: list[tuple[str, dict[str, dict[str, Any]]]] = field(default_factory=list)  # (assessment id, answers sent)
    clicks: int = 0


# ---------------------------------------------------------------- servers


@dataclass
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime

    def memory_mib(self) -> tuple[float, float]:
        """(resident now, peak resident), MiB."""
        status = dict(line.split(":", 1) for line in Path(f"/proc/{self.pid}/status").read_text().splitlines() if ":" in line)
        return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def command(script: Path | None, port: int, gc_after_run: bool | None) -> list[str]:
    """The app as `make run` starts it (script None), or another script through the same launcher.

    gc_after_run None keeps the shipped setting (.streamlit/config.toml, read by both: they start in the checkout).
    """
    flags = ["--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port)]
    flags += ["--browser.gatherUsageStats", "false"]
    if gc_after_run is not None:
        flags += ["--runner.postScriptGC", str(gc_after_run).lower()]
    if script is None:
        return [sys.executable, "-m", "ui.serve", *flags]
    launcher = (
        "import sys; from pathlib import Path; from ui.serve import launch; sys.exit(launch(Path(sys.argv[1]), sys.argv[2:]))"
    )
    return [sys.executable, "-c", launcher, str(script), *flags]


@contextmanager
def serving(script: Path | None, gc_after_run: bool | None, db: Path | str) -> Iterator[Server]:
    """A server on a free port, its output in a file (a pipe nobody reads would fill and stall it).

    `db` is a SQLite file, or a PostgreSQL URL that several servers share."""
    from e2e_support import free_port, wait_healthy

    port = free_port()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            command(script, port, gc_after_run),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=os.environ | ({"LICENSE_RISK_DATABASE_URL": db} if isinstance(db, str) else {"LICENSE_RISK_DB": str(db)}),
        )
        try:
            url = f"http://127.0.0.1:{port}"
            try:
                wait_healthy(url, proc)
            except (RuntimeError, TimeoutError):
                log.seek(0)
                print(log.read().decode(errors="replace")[-3000:], file=sys.stderr)
                raise
            yield Server(url, proc.pid)  # ui.serve runs Streamlit in its own process, so this pid is the server
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def script_file(text: str) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "baseline_app.py"
        path.write_text(text, encoding="utf-8")
        yield path


# ---------------------------------------------------------------- what a user does


def _key(widget: Any) -> str:
    return widget.id.split("-", 2)[-1] if widget.id.startswith("$$ID-") else ""


def _widget(page: Page, kind: str, key: str) -> Any:
    return next(w for w in page.widgets(kind) if _key(w) == key)


def question_on_screen(page: Page) -> tuple[str, str, list[Any]] | None:
    """(tree, question, widgets) of the question shown, read from the widget keys (w<epoch>:<tree>:<question>)."""
    for kind in ("radio", "text_input", "checkbox"):
        widgets = [w for w in page.widgets(kind) if _key(w).startswith("w") and _key(w).count(":") >= 2]
        if widgets:
            _, tree, qid = _key(widgets[0]).split(":")[:3]
            return tree, qid, widgets
    return None


def answer_states(catalog: Any, tree: str, qid: str, widgets: list[Any], rng: random.Random) -> tuple[list[Any], Any]:
    """The widget values for one answer, and the answer the app must store for them."""
    q = catalog.question(tree, qid)[1]
    if q.kind in ("yes_no", "one_of"):
        w = widgets[0]
        label = rng.choice(list(w.options))
        stored = {"Yes": True, "No": False}[label] if q.kind == "yes_no" else next(o.value for o in q.options if o.label == label)
        return [value(w, string_value=label)], stored
    if q.kind == "many_of":  # the last option ("none of these", where there is one)
        return [value(w, bool_value=w is widgets[-1]) for w in widgets], [q.options[-1].value]
    if q.kind == "number":  # typed as a person types it
        typed, n = rng.choice([("0", 0), ("1,000", 1000), ("5万", 50_000)])
        return [value(widgets[0], string_value=typed)], n
    return [value(widgets[0], string_value="Load test KK")], "Load test KK"


Clicker = Callable[[list[Any]], Awaitable[None]]


async def to_results(
    s: Session, catalog: Any, click: Clicker, rng: random.Random, budget: int, models: list[str]
) -> dict[str, dict[str, Any]]:
    """Start an assessment of these models (searched by name, the first match added) and answer
    until the results page; return the answers sent."""
    await click([trigger(s.page.button("Start a new assessment"))])
    for name in models:
        await click([value(s.page.widgets("text_input")[0], string_value=name)])
        await click([trigger(s.page.button("Add"))])
    await click([trigger(s.page.button("Continue"))])
    sent: dict[str, dict[str, Any]] = {}
    clicks = 2 + 2 * len(models)
    while (shown := question_on_screen(s.page)) is not None:
        if clicks + 2 > budget:
            raise RuntimeError(f"the questionnaire took more than {budget} clicks")
        tree, qid, widgets = shown
        states, stored = answer_states(catalog, tree, qid, widgets, rng)
        sent.setdefault(tree, {})[qid] = stored
        await click(states)  # choosing reruns the question's fragment, as in a browser
        await click([trigger(s.page.button("Next"))])
        clicks += 2
    if s.page.button("Back to the questions") is None:
        raise RuntimeError("no question and no results page on screen")
    return sent


async def assessment(url: str, catalog: Any, run: Run, think: tuple[float, float], rng: random.Random) -> None:
    """One user: an assessment to the results page, then filter changes there, CLICKS clicks in all."""
    s = await Session.open(url)
    done = 0

    async def click(states: list[Any]) -> None:
        nonlocal done
        await asyncio.sleep(rng.uniform(*think))
        run.latencies.append(await s.run(states))
        run.clicks += 1
        done += 1

    try:
        sent = await to_results(s, catalog, click, rng, CLICKS, MODELS)
        run.sent.append((dict(p.split("=", 1) for p in s.query.split("&") if "=" in p).get("a", ""), sent))
        while done < CLICKS:
            lowest = _widget(s.page, "button_group", "f_lowest")
            await click([value(lowest, string_array_value={"data": [rng.choice(lowest.options).content]})])
    except Exception as exc:  # a benchmark reports errors; it does not stop at the first
        run.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await s.close()


async def trivial(url: str, catalog: Any, run: Run, think: tuple[float, float], rng: random.Random) -> None:
    """The baseline user: a radio change and a button press, CLICKS clicks in all."""
    s = await Session.open(url)
    try:
        for i in range(CLICKS):
            await asyncio.sleep(rng.uniform(*think))
            if i % 2:
                states = [trigger(s.page.button("Next"))]
            else:
                radio = s.page.widgets("radio")[0]
                states = [value(radio, string_value=rng.choice(list(radio.options)))]
            run.latencies.append(await s.run(states))
            run.clicks += 1
        run.sent.append(("", {}))
    except Exception as exc:
        run.errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        await s.close()


# ---------------------------------------------------------------- one run against one server


@dataclass
class Measured:
    run: Run
    cpu: float  # server CPU seconds during the run
    memory: tuple[float, float, float]  # MiB: resident before, after, peak
    lost: list[str]

    def line(self, name: str) -> str:
        r = self.run
        before, after, peak = self.memory
        return (
            f"{name:<36} p50 {statistics.median(r.latencies) * 1000:7.1f} ms   p95 {p95(r.latencies) * 1000:7.1f} ms   "
            f"CPU/click {self.cpu / max(r.clicks, 1) * 1000:6.1f} ms   clicks {r.clicks:5}   errors {len(r.errors)}   "
            f"lost answers {len(self.lost)}   memory {before:.0f} -> {after:.0f} MiB (peak {peak:.0f})"
        )


def measure(
    script: Path | None,
    sessions: int,
    think: tuple[float, float],
    *,
    gc_after_run: bool | None,
    seed: int = 1,
    database: str | None = None,
    servers: int = 1,
) -> Measured:
    """Start servers (the app if script is None), run the sessions, check the stored answers.

    With `database` (a PostgreSQL URL), `servers` app servers share it and the sessions are spread
    over them in turn, as a load balancer would; CPU is the servers' sum, memory the first one's."""
    from license_risk.content.load import load_catalog

    catalog = load_catalog()
    user = trivial if script is not None else assessment
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        db: Path | str = database or Path(tmp) / "load.sqlite3"
        pool = [stack.enter_context(serving(script, gc_after_run, db)) for _ in range(servers)]
        server = pool[0]
        run = Run()

        async def everyone() -> None:
            rngs = [random.Random(seed * 1000 + i) for i in range(sessions)]
            await asyncio.gather(*(user(pool[i % len(pool)].url, catalog, run, think, rng) for i, rng in enumerate(rngs)))

        # One user first per server, not counted, on both sides of every ratio: what happens once per process (first
        # use of a code path, lazy imports) is not a click's cost, and a server in use has had visitors.
        for warm in pool:
            asyncio.run(user(warm.url, catalog, Run(), (0.0, 0.0), random.Random(seed - 1)))
        before_cpu, (before_mem, _) = sum(s.cpu_seconds() for s in pool), server.memory_mib()
        asyncio.run(everyone())
        used = sum(s.cpu_seconds() for s in pool) - before_cpu
        after_mem, peak = server.memory_mib()
        stack.close()
        lost = lost_answers(catalog, db, run) if script is None else []
    return Measured(run, used, (before_mem, after_mem, peak), lost)


def lost_answers(catalog: Any, db: Path | str, run: Run) -> list[str]:
    """The answers the sessions sent that the store does not hold."""
    from license_risk.store.assessments import Store

    store = Store(db)
    lost = []
    for assessment_id, sent in run.sent:
        stored = store.load(catalog, assessment_id).interview.answers
        lost += [f"{assessment_id}: {t}/{q}" for t, qs in sent.items() for q, v in qs.items() if stored.get(t, {}).get(q) != v]
    store.close()
    return lost


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


# ---------------------------------------------------------------- the quick figures in `make bench`


def bench_click_cpu(gc_after_run: bool | None = None, rounds: int = 4) -> bool:
    """8. Server CPU per click: a user's whole assessment against a trivial app's clicks, no think time.

    Both servers run side by side, and their users take turns, `rounds` each: the kernel counts CPU in
    10 ms ticks (60 clicks of the trivial app are some 15), and this machine's speed drifts between runs,
    so one user per side, measured one side after the other, moved the ratio by a fifth from run to run.
    """
    from license_risk.content.load import load_catalog

    from .__main__ import report

    catalog = load_catalog()
    app_run, base_run = Run(), Run()
    cpu = [0.0, 0.0]  # server CPU seconds: the app's, the trivial app's
    with tempfile.TemporaryDirectory() as tmp, script_file(TRIVIAL_APP) as script, ExitStack() as stack:
        app_server = stack.enter_context(serving(None, gc_after_run, Path(tmp) / "a.sqlite3"))
        base_server = stack.enter_context(serving(script, gc_after_run, Path(tmp) / "t.sqlite3"))
        for server, user in ((app_server, assessment), (base_server, trivial)):  # what happens once per process
            asyncio.run(user(server.url, catalog, Run(), (0.0, 0.0), random.Random(0)))
        sides = ((app_server, assessment, app_run), (base_server, trivial, base_run))
        for round_ in range(rounds):
            for side, (server, user, run) in enumerate(sides):
                before = server.cpu_seconds()
                asyncio.run(user(server.url, catalog, run, (0.0, 0.0), random.Random(1 + round_)))
                cpu[side] += server.cpu_seconds() - before
        stack.close()
        lost = lost_answers(catalog, Path(tmp) / "a.sqlite3", app_run)
    per_app, per_base = cpu[0] / max(app_run.clicks, 1), cpu[1] / max(base_run.clicks, 1)
    for problem in [*app_run.errors, *lost, *base_run.errors]:
        print(f"   problem: {problem}")
    ok = per_app <= 1.5 * per_base and not app_run.errors and not lost and not base_run.errors
    return report(
        f"8. server CPU per click, real server ({app_run.clicks} clicks)",
        per_app,
        per_base,
        "trivial app, same client, turn about",
        ok,
        "<= 1.5x",
    )


def bench_results_rerun(gc_after_run: bool | None = None, reruns: int = 30) -> bool:
    """9. A full rerun of the results page (two licenses compared), against an empty app's rerun, same server."""
    from license_risk.content.load import load_catalog

    from .__main__ import report

    catalog = load_catalog()

    async def timings(app_url: str, empty_url: str, same_url: str) -> tuple[list[float], list[float], list[float]]:
        app, empty, same = await Session.open(app_url), await Session.open(empty_url), await Session.open(same_url)

        async def click(states: list[Any]) -> None:
            await app.run(states)

        await to_results(app, catalog, click, random.Random(9), 400, COMPARED)
        a, e, w = [], [], []
        for _ in range(reruns):  # interleaved, so that drift in machine speed hits all alike
            a.append(await app.run([]))
            e.append(await empty.run([]))
            w.append(await same.run([]))
        for s in (app, empty, same):
            await s.close()
        return a, e, w

    with (
        tempfile.TemporaryDirectory() as tmp,
        script_file(EMPTY_APP) as empty_script,
        script_file(SAME_WIDGETS_APP) as same_script,
    ):
        with (
            serving(None, gc_after_run, Path(tmp) / "a.sqlite3") as app_server,
            serving(empty_script, gc_after_run, Path(tmp) / "e.sqlite3") as empty_server,
            serving(same_script, gc_after_run, Path(tmp) / "w.sqlite3") as same_server,
        ):
            a, e, w = asyncio.run(timings(app_server.url, empty_server.url, same_server.url))
    rerun, base, same = statistics.median(a), statistics.median(e), statistics.median(w)
    ok = report(
        f"9. results page rerun, real server (median of {reruns})",
        rerun,
        base,
        "empty app rerun, same way",
        rerun <= 3 * base,
        "<= 3x",
    )
    print(f"   (the same widgets and blocks alone, nothing computed: {same * 1000:.2f} ms, {same / base:.2f}x the empty app)")
    return ok


# ---------------------------------------------------------------- make bench-load


def main() -> int:
    setting = sys.argv[sys.argv.index("--gc") + 1] if "--gc" in sys.argv else "shipped"
    gc_after_run = {"on": True, "off": False, "shipped": None}[setting]
    servers = int(sys.argv[sys.argv.index("--servers") + 1]) if "--servers" in sys.argv else 1
    think = (2.0, 8.0)
    where = "one server on SQLite" if servers == 1 else f"{servers} servers sharing one PostgreSQL database"
    print(
        f"Load on {where}, {os.cpu_count()} cores, think time {think[0]:g}-{think[1]:g} s, {CLICKS} clicks per session, "
        f"runner.postScriptGC {setting}"
    )
    counts = (
        [int(n) for n in sys.argv[sys.argv.index("--sessions") + 1].split(",")] if "--sessions" in sys.argv else [1, 10, 25, 50]
    )
    with ExitStack() as stack:
        postgres = None
        if servers > 1:
            from postgres_support import throwaway_postgres

            postgres = stack.enter_context(throwaway_postgres())
        ok = True
        single_p95 = 0.0
        for n in counts:
            started = time.perf_counter()
            database = postgres.new_database() if postgres else None
            m = measure(None, n, think, gc_after_run=gc_after_run, database=database, servers=servers)
            print(m.line(f"app, {n:>2} session(s)") + f"   ({time.perf_counter() - started:.0f} s)")
            for error in [*m.run.errors[:3], *m.lost[:3]]:
                print(f"   problem: {error}")
            single_p95 = single_p95 or (p95(m.run.latencies) if n == 1 else 0.0)
            if n == 50 and single_p95:
                ratio = p95(m.run.latencies) / single_p95
                met = ratio <= 3 and not m.run.errors and not m.lost
                print(
                    f"   p95 at 50 sessions / p95 of one session: {ratio:.2f} (target <= 3, no error, no lost answer): {'ok' if met else 'MISSED'}"
                )
                ok &= met
    with script_file(TRIVIAL_APP) as script:
        print(measure(script, 50, think, gc_after_run=gc_after_run).line("trivial app, 50 sessions (baseline)"))
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
