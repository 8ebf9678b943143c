"""Skipping a GGUF string array (a vocabulary, merges) lands exactly where reading each length would.

The vectorized skip guesses where short strings start and keeps only a chain it has checked; these
tests give it what could mislead it: empty and long strings, zero bytes and length-like bytes inside
a text, a window or a first read block that ends inside a string, an array cut short by the file.
"""

from __future__ import annotations

import os
import struct
import tempfile
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from license_risk.scan import headers
from license_risk.scan.headers import BadHeader, _Buffer, _skip_strings

FAKE_LENGTH = struct.pack("<Q", 3)  # inside a text: the pattern of a short string's length

texts = st.one_of(
    st.binary(min_size=1, max_size=12),  # a vocabulary's usual token
    st.just(b""),
    st.binary(min_size=256, max_size=300),
    st.builds(lambda a, b: a + FAKE_LENGTH + b, st.binary(max_size=4), st.binary(max_size=4)),
    st.builds(lambda a: a + b"\0" * 9, st.binary(max_size=3)),
)


def _array(strings: list[bytes], order: str) -> bytes:
    return b"".join(struct.pack(order + "Q", len(s)) + s for s in strings)


def _skip(data: bytes, start: int, count: int, order: str, first: int, limit: int) -> int:
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        fd = os.open(f.name, os.O_RDONLY)
        try:
            return _skip_strings(_Buffer(fd, data[:first], len(data), limit), start, count, order)
        finally:
            os.close(fd)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    strings=st.lists(texts, max_size=120),
    before=st.binary(max_size=20),
    after=st.binary(max_size=40),
    first=st.integers(0, 400),
    window=st.sampled_from([8, 16, 64, 300, 1 << 20]),
    order=st.sampled_from(["<", ">"]),
)
def test_the_skip_ends_where_the_strings_end(strings, before, after, first, window, order):
    data = before + _array(strings, order) + after
    with mock.patch.object(headers, "_WINDOW", window):
        end = _skip(data, len(before), len(strings), order, first, 1 << 20)
    assert end == len(data) - len(after)


@settings(max_examples=100, deadline=None)
@given(strings=st.lists(texts, min_size=1, max_size=60), cut=st.integers(1, 300), window=st.sampled_from([16, 1 << 20]))
def test_an_array_cut_short_by_the_end_of_the_file_is_a_bad_header(strings, cut, window):
    data = _array(strings, "<")
    cut = min(cut, len(data))
    with mock.patch.object(headers, "_WINDOW", window), pytest.raises(BadHeader):
        _skip(data[:-cut], 0, len(strings), "<", 64, 1 << 20)


def test_an_array_larger_than_the_header_limit_is_a_bad_header():
    data = _array([b"token"] * 1000, "<")
    with pytest.raises(BadHeader, match="larger than"):
        _skip(data + b"\0" * (2 << 20), 0, 1000, "<", 64, len(data) // 2)


def test_a_vocabulary_of_short_tokens_is_skipped_without_the_loop():
    """The vectorized pass alone gets past a 32,000-token vocabulary read from a small first block."""
    tokens = [f"tok{i}".encode() for i in range(32_000)] + ["\u2581日本".encode(), b"<0x00>"]
    data = _array(tokens, "<") + struct.pack("<Q", 21) + b"tokenizer.ggml.scores"
    with mock.patch.object(headers, "_step_strings", side_effect=AssertionError("the loop ran")):
        assert _skip(data, 0, len(tokens), "<", 1 << 16, 1 << 30) == len(data) - 29
