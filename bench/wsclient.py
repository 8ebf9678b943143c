"""A small Streamlit client over the websocket, for load benchmarks: it reruns the script as a browser does.

A browser sends one BackMsg per interaction: "rerun the script with these widget values" (every
widget on the page with its current value, plus the button pressed); the server answers with
ForwardMsgs, the page's elements, and ends with `script_finished`. This client does the same, so
a benchmark can drive many sessions against a real server (`make run`) without the cost of many
browsers, and time each click as a user would see it: from sending the values to the end of the
rerun. Like a browser, it keeps each widget's value between reruns (the server only sends a value
when the script sets one), and a click inside an `st.fragment` reruns only that fragment.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass, field
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.NumberInput_pb2 import NumberInput
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import ClientConnection, connect

Path_ = tuple[int, ...]


@dataclass
class Page:
    """The elements on screen, by their place on the page, with the fragment that drew each."""

    placed: dict[Path_, tuple[str, Element]] = field(default_factory=dict)

    @property
    def elements(self) -> list[Element]:
        return [element for _, (_, element) in sorted(self.placed.items())]

    def widgets(self, kind: str) -> list[Any]:
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    def fragment_of(self, widget_id: str) -> str:
        for fragment, element in self.placed.values():
            kind = element.WhichOneof("type")
            if kind and getattr(getattr(element, kind), "id", None) == widget_id:
                return fragment
        return ""

    def button(self, label: str) -> Any | None:
        return next((b for b in self.widgets("button") if b.label == label and not b.disabled), None)

    def texts(self) -> str:
        out = []
        for e in self.elements:
            kind = e.WhichOneof("type")
            if kind in ("markdown", "text", "heading", "alert"):
                out.append(getattr(e, kind).body)
        return "\n".join(out)


def shown_value(kind: str, w: Any) -> WidgetState | None:
    """The value a browser holds for a widget it has just drawn: the one the script set, else the default."""
    state = WidgetState(id=w.id)
    if kind in ("radio", "selectbox"):
        if w.set_value:
            if not w.HasField("raw_value"):
                return None
            state.string_value = w.raw_value
        elif w.HasField("default"):
            state.string_value = w.options[w.default]
        else:
            return None
    elif kind == "multiselect":
        state.string_array_value.data.extend(w.raw_values if w.set_value else [w.options[i] for i in w.default])
    elif kind == "button_group":  # st.pills, st.segmented_control
        state.string_array_value.data.extend(w.raw_values if w.set_value else [w.options[i].content for i in w.default])
    elif kind in ("text_input", "text_area"):
        if w.set_value or w.HasField("default"):
            state.string_value = w.value if w.set_value else w.default
        else:
            return None
    elif kind == "number_input":
        if not (w.set_value or w.HasField("default")):
            return None
        number = w.value if w.set_value else w.default
        if w.data_type == NumberInput.INT:
            state.int_value = int(number)
        else:
            state.double_value = number
    elif kind == "checkbox":
        state.bool_value = w.value if w.set_value else w.default
    else:
        return None  # buttons hold no value, only a trigger
    return state


VALUED = ("radio", "selectbox", "multiselect", "button_group", "text_input", "text_area", "number_input", "checkbox")


class Session:
    """One browser tab's worth of server session."""

    def __init__(self, ws: ClientConnection, query: str = "") -> None:
        self.ws = ws
        self.query = query
        self.page_hash = ""
        self.page = Page()
        self.values: dict[str, WidgetState] = {}
        self.cached: dict[str, ForwardMsg] = {}  # large messages already received, by hash, as a browser keeps them

    @classmethod
    async def open(cls, url: str, query: str = "") -> Session:
        ws = await connect(url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream", max_size=64 << 20)
        # A browser sends each message at once; without this, Nagle's algorithm holds small
        # messages for the server's delayed ACK and every click would seem to take 40 ms more.
        ws.transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        session = cls(ws, query)
        await session.run([])
        return session

    async def run(self, changed: list[WidgetState]) -> float:
        """Rerun with these widgets changed (values or triggers); return the seconds until the rerun finished.

        Every other widget on the page is sent with the value it holds, as a browser does. A change
        to a widget drawn inside a fragment reruns that fragment only.
        """
        triggers = [s for s in changed if s.WhichOneof("value") == "trigger_value"]
        for state in changed:
            if state.WhichOneof("value") != "trigger_value":
                self.values[state.id] = state
        fragment = self.page.fragment_of(changed[0].id) if changed else ""
        msg = BackMsg()
        msg.rerun_script.query_string = self.query
        msg.rerun_script.page_script_hash = self.page_hash
        msg.rerun_script.fragment_id = fragment
        msg.rerun_script.widget_states.widgets.extend([*self.values.values(), *triggers])
        msg.rerun_script.cached_message_hashes.extend(self.cached)  # the server sends a reference for these
        start = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        placed = {p: v for p, v in self.page.placed.items() if fragment and v[0] != fragment}
        while True:
            raw = await self.ws.recv()
            fwd = ForwardMsg()
            fwd.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            if fwd.WhichOneof("type") == "ref_hash":  # a message this client has: take it from the cache
                path = list(fwd.metadata.delta_path)
                fwd = self.cached[fwd.ref_hash]
                fwd.metadata.delta_path[:] = path
            elif fwd.metadata.cacheable:
                self.cached[fwd.hash] = fwd
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                placed[tuple(fwd.metadata.delta_path)] = (fwd.delta.fragment_id, fwd.delta.new_element)
            elif kind == "script_finished" and fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                placed = {}  # the script called st.rerun(): a new run follows
            elif kind == "script_finished":
                if fwd.script_finished not in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    raise RuntimeError(f"the script did not finish: {fwd.script_finished}")
                self._settle(Page(placed))
                return time.perf_counter() - start

    def _settle(self, page: Page) -> None:
        """Keep the values of the widgets still on screen, take the script's values and the new widgets' defaults."""
        values: dict[str, WidgetState] = {}
        for element in page.elements:
            kind = element.WhichOneof("type")
            if kind not in VALUED:
                continue
            w = getattr(element, kind)
            if not w.set_value and w.id in self.values:
                values[w.id] = self.values[w.id]
            elif (state := shown_value(kind, w)) is not None:
                values[w.id] = state
        self.page, self.values = page, values

    async def close(self) -> None:
        await self.ws.close()


def trigger(widget: Any) -> WidgetState:
    return WidgetState(id=widget.id, trigger_value=True)


def value(widget: Any, **kwargs: Any) -> WidgetState:
    """A widget's value: string_value=..., bool_value=..., double_value=..."""
    return WidgetState(id=widget.id, **kwargs)
