"""The server start: messages go out at once (no Nagle delay), and the long-lived heap is frozen."""

from __future__ import annotations

import gc
import socket
from types import SimpleNamespace

import pytest
from streamlit.web.server.starlette import starlette_server

from ui import serve


@pytest.fixture
def patched_bind(monkeypatch):
    monkeypatch.setattr(starlette_server, "_bind_socket", starlette_server._bind_socket)  # restored after the test
    assert serve.no_delayed_sends() is True
    return starlette_server._bind_socket


def test_connections_to_the_server_send_without_delay(patched_bind):
    listener = patched_bind("127.0.0.1", 0, 8)  # as Streamlit binds its socket, now wrapped
    try:
        assert listener.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        with socket.create_connection(listener.getsockname()):
            listener.setblocking(True)
            accepted, _ = listener.accept()
            with accepted:
                # what a browser's connection gets: asyncio skips sockets of protocol 0, as Streamlit's are
                assert accepted.proto == 0
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_the_wrapper_is_applied_once(patched_bind):
    assert serve.no_delayed_sends() is True
    assert starlette_server._bind_socket is patched_bind  # not wrapped twice


def test_without_the_patch_the_accepted_socket_keeps_nagle(patched_bind):
    """Why the patch exists: Streamlit's own socket leaves Nagle's algorithm on for every connection."""
    listener = patched_bind.original("127.0.0.1", 0, 8)
    try:
        with socket.create_connection(listener.getsockname()):
            listener.setblocking(True)
            accepted, _ = listener.accept()
            with accepted:
                assert not accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        listener.close()


def test_freezing_moves_the_heap_out_of_collections():
    try:
        serve.freeze_heap()
        assert gc.get_freeze_count() > 10_000  # the interpreter, streamlit and the project's modules
    finally:
        gc.unfreeze()


def test_the_first_element_of_a_process_does_not_walk_the_stack(monkeypatch):
    """Streamlit's "run it with `streamlit run`" check calls inspect.stack() on the first element
    a process draws (50 ms with the app's modules loaded); the launcher skips it."""
    from streamlit import delta_generator, env_util

    def stack_walked() -> bool:
        raise AssertionError("inspect.stack() walked on a user's page")

    monkeypatch.setattr(env_util, "is_repl", stack_walked)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    with pytest.raises(AssertionError, match="walked"):  # what Streamlit does by itself
        delta_generator._maybe_print_use_warning()
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    assert serve.skip_direct_run_check() is True
    delta_generator._maybe_print_use_warning()


class _Session:
    """Stands in for an AppSession: only the event loop the patched method uses."""

    def __init__(self, loop) -> None:
        self._event_loop = loop


@pytest.fixture
def batched(monkeypatch):
    from streamlit.runtime.app_session import AppSession

    monkeypatch.setattr(AppSession, "_call_soon_on_event_loop", AppSession._call_soon_on_event_loop)  # restored after
    assert serve.one_wakeup_per_batch() is True
    assert serve.one_wakeup_per_batch() is True  # applied once
    assert hasattr(AppSession._call_soon_on_event_loop, "original")
    assert not hasattr(AppSession._call_soon_on_event_loop.original, "original")
    return AppSession._call_soon_on_event_loop


def test_script_events_run_in_order_with_one_wakeup_per_batch(batched):
    import asyncio
    import threading

    loop = asyncio.new_event_loop()
    try:
        session, ran, wakeups = _Session(loop), [], []
        real = loop.call_soon_threadsafe
        loop.call_soon_threadsafe = lambda cb, *a: (wakeups.append(cb), real(cb, *a))[1]  # count the wake-ups

        def script_thread() -> None:  # as a script run: many elements, from another thread
            for i in range(50):
                batched(session, lambda i=i: ran.append(i))

        worker = threading.Thread(target=script_thread)
        worker.start()
        worker.join()
        loop.run_until_complete(asyncio.sleep(0))
        assert ran == list(range(50))  # every event, in the order sent
        assert len(wakeups) == 1  # the loop was not running meanwhile: one wake-up for all
        batched(session, lambda: ran.append("next"))  # a later event asks for a new wake-up
        loop.run_until_complete(asyncio.sleep(0))
        assert ran[-1] == "next" and len(wakeups) == 2
    finally:
        loop.close()


def test_an_event_that_fails_is_reported_and_the_rest_still_run(batched):
    import asyncio

    loop = asyncio.new_event_loop()
    reported = []
    loop.set_exception_handler(lambda _loop, context: reported.append(context["exception"]))
    try:
        session, ran = _Session(loop), []
        batched(session, lambda: ran.append(1))
        batched(session, lambda: 1 / 0)
        batched(session, lambda: ran.append(3))
        loop.run_until_complete(asyncio.sleep(0))
        assert ran == [1, 3]
        assert len(reported) == 1 and isinstance(reported[0], ZeroDivisionError)
    finally:
        loop.close()


class _Runtime:
    """Stands in for Streamlit's Runtime: only the asyncio objects the patched method uses."""

    def __init__(self, loop) -> None:
        import asyncio

        self.objects = SimpleNamespace(eventloop=loop, need_send_data=asyncio.Event())

    def _get_async_objs(self):
        return self.objects


def test_a_message_queued_on_the_loop_flags_it_without_a_wakeup_and_from_a_thread_as_before(monkeypatch):
    import asyncio
    import threading

    from streamlit.runtime.runtime import Runtime

    monkeypatch.setattr(Runtime, "_enqueued_some_message", Runtime._enqueued_some_message)  # restored after
    assert serve.no_wakeup_from_the_loop() is True
    assert serve.no_wakeup_from_the_loop() is True  # applied once
    enqueued = Runtime._enqueued_some_message
    assert not hasattr(enqueued.original, "original")
    loop = asyncio.new_event_loop()
    try:
        runtime, wakeups = _Runtime(loop), []
        real = loop.call_soon_threadsafe
        loop.call_soon_threadsafe = lambda cb, *a: (wakeups.append(cb), real(cb, *a))[1]

        async def on_the_loop() -> bool:
            enqueued(runtime)
            return runtime.objects.need_send_data.is_set()

        assert loop.run_until_complete(on_the_loop()) is True
        assert wakeups == []  # set at once, no write to the loop's wake-up pipe
        runtime.objects.need_send_data.clear()
        worker = threading.Thread(target=enqueued, args=(runtime,))  # a script thread: the original way
        worker.start()
        worker.join()
        assert len(wakeups) == 1 and not runtime.objects.need_send_data.is_set()
        loop.run_until_complete(asyncio.sleep(0))
        assert runtime.objects.need_send_data.is_set()
    finally:
        loop.close()


PIECES = [
    "<style>",
    "<STYLE media='x'>",
    "</style>",
    "</STYLE>",
    "<styles>",
    "<!--",
    "-->",
    "<div>",
    "<st",
    "yle>",
    ">",
    " ",
    "\n",
    "\u3000",
    "\x1f",
    "x",
    "p{}",
]


@pytest.fixture
def quick_check(monkeypatch):
    from streamlit.elements import html

    monkeypatch.setattr(html, "_html_only_style_tags", html._html_only_style_tags)  # restored after the test
    assert serve.quick_style_only_check() is True
    assert serve.quick_style_only_check() is True  # applied once
    return html._html_only_style_tags


def test_the_quick_style_only_check_answers_as_streamlits_own(quick_check):
    from hypothesis import given, settings
    from hypothesis import strategies as s

    original = quick_check.original
    assert not hasattr(original, "original")
    for block in ["<style>p{}</style>", "  <style>a</style><!-- c -->", "<st<!--x-->yle>a</style>", "<div>x</div>", ""]:
        assert quick_check(block) == original(block), block

    @settings(max_examples=400, deadline=None)
    @given(s.lists(s.sampled_from(PIECES), max_size=12).map("".join))
    def same(block: str) -> None:
        assert quick_check(block) == original(block)

    same()


def test_only_a_block_that_may_be_style_only_gets_streamlits_regex_passes(monkeypatch):
    from streamlit.elements import html

    scanned: list[str] = []
    original = html._html_only_style_tags
    monkeypatch.setattr(html, "_html_only_style_tags", lambda c: scanned.append(c) or original(c))
    assert serve.quick_style_only_check() is True
    assert html._html_only_style_tags("<div>" + "<p>finding</p>" * 10_000 + "</div>") is False
    assert scanned == []  # a results page's block: no pass over its 150 kB
    assert html._html_only_style_tags(" <style>p{}</style>\n") is True
    assert html._html_only_style_tags("<div><!-- c --></div>") is False
    assert len(scanned) == 1  # the block with a comment
    css_then_cards = "<style>.lr p{margin:0}</style>" + "<details><p>finding</p></details>" * 10_000
    assert html._html_only_style_tags(css_then_cards) is False and len(scanned) == 1


SECTIONS = ["theme", "theme.light", "theme.dark", "theme.sidebar", "theme.light.sidebar", "theme.dark.sidebar"]


def new_session_theme(populate) -> bytes:
    """The theme of a new-session message, filled as Streamlit fills it: each section into its part."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    theme = ForwardMsg().new_session.custom_theme
    parts = {"theme": theme, "theme.light": theme.light, "theme.dark": theme.dark, "theme.sidebar": theme.sidebar}
    parts |= {"theme.light.sidebar": theme.light.sidebar, "theme.dark.sidebar": theme.dark.sidebar}
    for section in SECTIONS:
        populate(parts[section], section)
    return theme.SerializeToString(deterministic=True)


def test_the_theme_is_built_once_per_config_and_is_streamlits_own(monkeypatch):
    from streamlit import config
    from streamlit.runtime import app_session

    monkeypatch.setattr(app_session, "_populate_theme_msg", app_session._populate_theme_msg)  # restored after
    original = app_session._populate_theme_msg
    assert serve.theme_message_once() is True
    assert serve.theme_message_once() is True  # applied once
    patched = app_session._populate_theme_msg
    assert patched.original is original
    reads: list[str] = []
    real_read = config.get_options_for_section
    monkeypatch.setattr(config, "get_options_for_section", lambda section: reads.append(section) or real_read(section))
    try:
        config.get_config_options(force_reparse=True)  # the project's .streamlit/config.toml: light and dark colours
        assert new_session_theme(patched) == new_session_theme(original) != b""
        reads.clear()
        assert new_session_theme(patched) == new_session_theme(original)
        assert reads == SECTIONS, "the patched sections read the config again"  # only the original's reads
        # every kind of option: plain, base, fonts with their faces (a list), and one Streamlit warns about
        config.set_option("theme.base", "dark")
        config.set_option("theme.primaryColor", "#123456")
        config.set_option("theme.fontFaces", [{"family": "Noto", "url": "app/static/n.woff2", "weight": 400}])
        config.set_option("theme.sidebar.backgroundColor", "#eeeeee")
        config.set_option("theme.paddingTop", 0)  # not a string: Streamlit leaves it out, with a warning
        config._on_config_parsed.send()  # as a new parse of the config does
        assert new_session_theme(patched) == new_session_theme(original)
        assert b"#123456" in new_session_theme(patched) and b"Noto" in new_session_theme(patched)
    finally:
        config.get_config_options(force_reparse=True)
