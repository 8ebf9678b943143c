"""Start the app as `make run` does: check the store, load the content, then serve.

Loading first means the server only reports healthy once the content is ready,
so the first visitor does not wait for it. A store that cannot be opened (a
damaged file, a folder that cannot be created) stops the start with one line,
rather than failing every visitor's first click.

`launch()` is the server part alone (socket option, frozen heap, Streamlit's CLI);
the benchmarks start their baseline apps through it too, so that both sides of a
ratio run on the same server.
"""

from __future__ import annotations

import gc
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

APP = Path(__file__).resolve().parent / "script" / "app.py"  # inside the package: an installed wheel serves it too


def no_delayed_sends() -> bool:
    """Make the server send each message at once (TCP_NODELAY), as asyncio means to.

    asyncio disables Nagle's algorithm only on sockets whose protocol is IPPROTO_TCP, and
    Streamlit binds its listening socket with protocol 0, so every connection kept Nagle:
    a rerun's second message waited for the browser's delayed ACK, 40 ms on every click.
    Accepted sockets inherit the option from the listening one (Linux, macOS).
    Returns False, and changes nothing, if Streamlit no longer binds the socket this way.
    """
    try:
        from streamlit.web.server.starlette import starlette_server as server
    except ImportError:
        return False
    bind: Callable[..., Any] | None = getattr(server, "_bind_socket", None)
    if bind is None or hasattr(bind, "original"):
        return bind is not None

    def bind_without_delay(*args: Any, **kwargs: Any) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    bind_without_delay.original = bind  # type: ignore[attr-defined]
    server._bind_socket = bind_without_delay
    return True


def freeze_heap() -> None:
    """Move everything alive now out of the collector's sight.

    A full collection walks every tracked object: the catalog, the fonts, pandas, the
    server itself. Frozen objects are skipped (refcounting still frees them), so a
    collection costs what sessions hold, not what the process holds for its whole life.
    """
    gc.collect()
    gc.freeze()


def freeze_when_serving(poll: float = 0.1) -> threading.Thread:
    """Freeze again once the server is up: starting it imports and builds some 17,000 more objects."""

    def wait_then_freeze() -> None:
        from streamlit import runtime
        from streamlit.runtime.runtime import RuntimeState

        while not runtime.exists() or runtime.get_instance().state == RuntimeState.INITIAL:
            time.sleep(poll)
        freeze_heap()

    thread = threading.Thread(target=wait_then_freeze, name="freeze-when-serving", daemon=True)
    thread.start()
    return thread


def skip_direct_run_check() -> bool:
    """Skip Streamlit's check, on the first element a process draws, that it runs under `streamlit run`.

    The check calls `inspect.stack()`, which resolves the file of every loaded module: some 50 ms
    of the first visitor's page in this process. It can only print a warning, and `launch` always
    runs under Streamlit's CLI. Returns False, and changes nothing, if Streamlit no longer has it.
    """
    from streamlit import delta_generator

    if not hasattr(delta_generator, "_use_warning_has_been_displayed"):
        return False
    delta_generator._use_warning_has_been_displayed = True
    return True


def one_wakeup_per_batch() -> bool:
    """Wake the server's event loop once for a batch of script events, not once per element.

    A script thread hands every element it draws to the event loop with `call_soon_threadsafe`,
    and each call writes to the loop's wake-up pipe: on a results page of some 20 elements, the
    writes and wake-ups were a third of the server's CPU for a rerun. Events are queued per
    session and drained in order by one callback; a new wake-up is asked for only when the queue
    was empty. The order of events, the thread they run on and what they do are unchanged.
    Returns False, and changes nothing, if Streamlit no longer has the method.
    """
    from streamlit.runtime.app_session import AppSession

    original: Callable[..., Any] | None = getattr(AppSession, "_call_soon_on_event_loop", None)
    if original is None or hasattr(original, "original"):
        return original is not None

    def call_soon_batched(self: Any, callback: Callable[[], None]) -> None:
        with _BATCH_LOCK:
            queue: list[Callable[[], None]] | None = self.__dict__.get("_batched_events")
            if queue:  # a drain is already scheduled: it will run this callback too, in order
                queue.append(callback)
                return
            self.__dict__["_batched_events"] = [callback]

        def drain() -> None:
            with _BATCH_LOCK:
                callbacks = self.__dict__.pop("_batched_events", None) or []
            for cb in callbacks:
                try:
                    cb()
                except Exception as exc:  # as the loop would for a separate callback: report, go on
                    self._event_loop.call_exception_handler({"message": "error in a script event", "exception": exc})

        try:
            original(self, drain)
        except BaseException:  # nothing will drain this queue: let the next event ask again
            with _BATCH_LOCK:
                self.__dict__.pop("_batched_events", None)
            raise

    call_soon_batched.original = original  # type: ignore[attr-defined]
    AppSession._call_soon_on_event_loop = call_soon_batched  # type: ignore[method-assign]
    return True


_BATCH_LOCK = threading.Lock()


def no_wakeup_from_the_loop() -> bool:
    """Flag "messages to send" directly when a message is queued on the event loop's own thread.

    Each message a session queues tells the runtime with `call_soon_threadsafe`, which writes to the
    loop's wake-up pipe even when the caller is the loop itself, as it is for every element the
    batched script events deliver: a write, a read and a callback per element. On the loop the
    event is set at once; from any other thread the original method runs, as before.
    Returns False, and changes nothing, if Streamlit no longer has the method.
    """
    import asyncio

    from streamlit.runtime.runtime import Runtime

    original: Callable[..., Any] | None = getattr(Runtime, "_enqueued_some_message", None)
    if original is None or hasattr(original, "original"):
        return original is not None

    def enqueued(self: Any) -> None:
        objects = self._get_async_objs()
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is not None and running is getattr(objects, "eventloop", None):
            objects.need_send_data.set()
        else:
            original(self)

    enqueued.original = original  # type: ignore[attr-defined]
    Runtime._enqueued_some_message = enqueued  # type: ignore[method-assign]
    return True


def quick_style_only_check() -> bool:
    """Answer Streamlit's "is this HTML only <style> tags?" without two regex passes over every block.

    `st.html` asks it on every call, and the results page's blocks are tens of kilobytes: both passes
    were about a tenth of that page's rerun. Without a comment, a block is only style tags when, from
    its start, style tags and whitespace follow one another to its end: the first other character
    answers no. A block with a comment gets Streamlit's own check (removing a comment can join text
    into a tag). Returns False, and changes nothing, if Streamlit no longer has it.
    """
    import re

    from streamlit.elements import html

    original: Callable[[str], bool] | None = getattr(html, "_html_only_style_tags", None)
    if original is None or hasattr(original, "original"):
        return original is not None
    style = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)  # Streamlit's own pattern

    def style_only(content: str) -> bool:
        if "<!--" in content:
            return original(content)
        at, end = 0, len(content)
        while True:
            while at < end and content[at].isspace():
                at += 1
            if at == end:
                return True
            tag = style.match(content, at)
            if tag is None:
                return False
            at = tag.end()

    style_only.original = original  # type: ignore[attr-defined]
    html._html_only_style_tags = style_only
    return True


def theme_message_once() -> bool:
    """Build the theme part of Streamlit's new-session message once per parse of the config, not on every run.

    Streamlit sends that message at the start of every script run, and fills its six theme sections
    by reading each theme option of the config again: 0.3 ms of CPU per click, on a 2-core server.
    The sections depend on the config alone, so each is built once and copied into later messages;
    a new parse of the config (Streamlit's own watcher, when one is on) clears them. Returns False, and
    changes nothing, if Streamlit no longer has the function.
    """
    from streamlit import config
    from streamlit.runtime import app_session

    original: Callable[..., None] | None = getattr(app_session, "_populate_theme_msg", None)
    if original is None or hasattr(original, "original"):
        return original is not None
    built: dict[str, Any] = {}  # section -> its part of the message, built from an empty one; None: left out

    def populate_once(msg: Any, section: str = "theme") -> None:
        part = built.get(section, built)  # `built` itself: not built yet (None means left out)
        if part is built:
            part = type(msg)()
            original(part, section)
            # Streamlit leaves a section with no option set out of the message, and marks any other present
            # even when what it sets reads as empty: the same rule, so that the message is the same
            if all(value is None for value in config.get_options_for_section(section).values()):
                part = None
            built[section] = part  # two threads building it at once build the same
        if part is not None:
            msg.SetInParent()
            msg.MergeFrom(part)  # Streamlit fills each section into an empty message: the same as building it there

    populate_once.original = original  # type: ignore[attr-defined]
    app_session._populate_theme_msg = populate_once
    config.on_config_parsed(built.clear, force_connect=True)
    return True


def launch(script: Path, argv: list[str]) -> int:
    """Serve `script` with Streamlit's own CLI, on the tuned server."""
    import streamlit.runtime.scriptrunner  # noqa: F401  (imported now, so it is frozen with the rest)
    from streamlit.web import cli

    no_delayed_sends()
    one_wakeup_per_batch()
    no_wakeup_from_the_loop()
    skip_direct_run_check()
    quick_style_only_check()
    theme_message_once()
    freeze_heap()
    freeze_when_serving()
    sys.argv = ["streamlit", "run", str(script), *argv]
    return int(cli.main() or 0)


def preload() -> None:
    """Import now what pages use later, so that no user's click waits for it: the pages' modules,
    the emoji list the page icon is checked against (a 30 ms regex compile), and the memo's fonts
    (about 0.1 s from the font cache; 1.5 s to parse them the first time on a machine, which also
    fills the cache). Business users' pages draw no chart or dataframe, so pandas and pyarrow
    (1 s and some 70 MiB) are not loaded; the maintainers' page loads them on first use. The
    interface's translations are compiled now too (Babel reads the .po catalog once per process)."""
    import streamlit.emojis  # noqa: F401

    import ui.assessment
    import ui.maintainer  # noqa: F401
    from license_risk.i18n import LANGUAGES, translations
    from license_risk.memo.pdf import fontset

    fontset()
    for lang in LANGUAGES:
        translations(lang)


def roles_file_usable() -> bool:
    """A roles file (LICENSE_RISK_ROLES_FILE) that cannot be used stops the start, every problem listed with
    its line: otherwise every signed-in person would meet the error, and nobody could sign in usefully."""
    from license_risk.access.person import ROLES_FILE_ENV, AccessSettings
    from license_risk.access.roles import read_roles_file
    from license_risk.content.problems import ContentError, InputError

    path = AccessSettings.from_environ().roles_file
    if path is None:
        return True
    try:
        read_roles_file(path)
    except ContentError as exc:
        print(f"Cannot start: the roles file ({ROLES_FILE_ENV}) has {len(exc.problems)} problem(s):", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
        return False
    except InputError as exc:
        print(f"Cannot start: the roles file ({ROLES_FILE_ENV}) cannot be read: {exc.problem}", file=sys.stderr)
        return False
    return True


def main(argv: list[str]) -> int:
    from license_risk.content.problems import ContentError
    from license_risk.store.assessments import Store, StoreError
    from ui.assessment import content

    try:
        store = Store()  # the SQLite file or LICENSE_RISK_DATABASE_URL, migrated to the newest schema here
    except StoreError as exc:
        print(f"Cannot start: the assessment store cannot be opened: {exc.detail}", file=sys.stderr)
        return 2
    if store.read_only:
        print(
            f"warning: the assessment store is read-only; saved assessments open, new answers are not saved ({store.read_only_reason})",
            file=sys.stderr,
        )
    store.close()  # the pages open their own (ui.assessment.store)
    if not roles_file_usable():
        return 2
    try:
        content()
    except ContentError as exc:  # the page will show the problems too
        print(f"warning: the content has {len(exc.problems)} problem(s):", file=sys.stderr)
        for p in exc.problems:
            print(f"  {p}", file=sys.stderr)
    preload()
    return launch(APP, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
