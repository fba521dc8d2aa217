"""The encrypted backup file format: round trip, and every way a file can be
bad is caught before anything is restored."""

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.backup import crypto
from lms.backup.errors import BackupCorrupt, BackupKeyMissing, BackupTruncated, BackupWrongKey

KEY = "k" * 43
OTHER_KEY = "o" * 43


def encrypt(data: bytes, key=KEY, chunk_size=64) -> bytes:
    out = io.BytesIO()
    with crypto.EncryptingWriter(out, key, chunk_size=chunk_size) as writer:
        writer.write(data)
    return out.getvalue()


def decrypt(blob: bytes, key=KEY) -> bytes:
    reader = crypto.DecryptingReader(io.BytesIO(blob), key)
    data = reader.read()
    reader.finish()
    return data


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=700), st.integers(min_value=1, max_value=300))
def test_round_trip_any_length_and_chunk_size(data, chunk_size):
    assert decrypt(encrypt(data, chunk_size=chunk_size)) == data


def test_the_same_input_encrypts_differently_each_time():
    assert encrypt(b"abc") != encrypt(b"abc")
    assert b"secret words" not in encrypt(b"secret words" * 10)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_truncation_is_refused(data):
    blob = encrypt(bytes(range(256)) * 2)
    cut = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
    with pytest.raises((BackupTruncated, BackupCorrupt)):
        decrypt(blob[:cut])


def test_truncation_at_a_chunk_boundary_is_called_truncated():
    blob = encrypt(b"x" * 640, chunk_size=64)
    frame = 1 + 4 + 64 + 16
    with pytest.raises(BackupTruncated):
        decrypt(blob[:-frame])


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_flipped_bit_is_refused(data):
    blob = bytearray(encrypt(b"hello world" * 30))
    position = data.draw(st.integers(min_value=0, max_value=len(blob) - 1))
    blob[position] ^= 1 << data.draw(st.integers(min_value=0, max_value=7))
    with pytest.raises((BackupCorrupt, BackupTruncated, BackupWrongKey)):
        decrypt(bytes(blob))


def test_appended_bytes_are_refused():
    with pytest.raises(BackupCorrupt):
        decrypt(encrypt(b"data") + b"more")


def test_a_wrong_key_is_named_as_such():
    with pytest.raises(BackupWrongKey):
        decrypt(encrypt(b"data"), key=OTHER_KEY)


def test_not_a_backup_file():
    with pytest.raises(BackupCorrupt):
        decrypt(b"PK\x03\x04 a zip file, not ours")


def test_no_key_or_a_short_key_is_refused():
    with pytest.raises(BackupKeyMissing):
        encrypt(b"data", key="")
    with pytest.raises(BackupKeyMissing):
        encrypt(b"data", key="short")
