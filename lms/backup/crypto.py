"""A streaming authenticated encryption of one byte stream (the backup's tar).

Layout::

    MAGIC (8 bytes) | header length (4, big-endian) | header (JSON)
    then frames: final flag (1) | ciphertext length (4) | AES-256-GCM ciphertext + tag

Each file draws a random salt; HKDF-SHA256 turns the operator's key and the salt
into a fresh AES-256 key (so nonces never repeat across files) and a "key check"
stored in the header, which tells a wrong key apart from a damaged file. Chunk
``i`` is sealed with the nonce ``prefix(7) | i (4) | final (1)`` and the whole
header as associated data (the STREAM construction of Hoang et al.): a chunk
cannot be altered, reordered, dropped or moved from another file, and a file cut
anywhere (even between chunks) lacks its final chunk. Memory use is one chunk.
"""

from __future__ import annotations

import hmac
import io
import json
import os
import struct
from base64 import b64decode, b64encode

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .errors import BackupCorrupt, BackupKeyMissing, BackupTruncated, BackupWrongKey

MAGIC = b"HVSBAK\x00\x01"
CHUNK_SIZE = 1024 * 1024
MIN_KEY_LENGTH = 32
_TAG = 16
_FRAME = struct.Struct(">BI")
_MAX_HEADER = 64 * 1024


def key_from_environment() -> str:
    return os.environ.get("BACKUP_ENCRYPTION_KEY", "")


def _derive(key: str, salt: bytes) -> tuple[bytes, bytes]:
    if len(key or "") < MIN_KEY_LENGTH:
        raise BackupKeyMissing()
    material = HKDF(
        algorithm=hashes.SHA256(), length=64, salt=salt, info=b"hocvuso-backup-v1"
    ).derive(key.encode("utf-8"))
    return material[:32], material[32:48]


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= 2**32:
        raise BackupCorrupt()
    return prefix + struct.pack(">IB", index, 1 if final else 0)


class EncryptingWriter(io.RawIOBase):
    """A write-only stream: what is written comes out encrypted in ``target``."""

    def __init__(self, target, key: str, *, chunk_size: int = CHUNK_SIZE):
        salt, self._prefix = os.urandom(32), os.urandom(7)
        self._aes_key, check = _derive(key, salt)
        self._aead = AESGCM(self._aes_key)
        header = {
            "format": 1,
            "cipher": "AES-256-GCM",
            "kdf": "HKDF-SHA256",
            "salt": b64encode(salt).decode(),
            "nonce_prefix": b64encode(self._prefix).decode(),
            "chunk_size": chunk_size,
            "key_check": b64encode(check).decode(),
        }
        encoded = json.dumps(header, sort_keys=True).encode()
        self._aad = MAGIC + struct.pack(">I", len(encoded)) + encoded
        self._target = target
        self._target.write(self._aad)
        self._chunk_size = chunk_size
        self._buffer = bytearray()
        self._index = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # Keep at least one byte back: the last chunk must be sealed as final.
        while len(self._buffer) > self._chunk_size:
            self._seal(bytes(self._buffer[: self._chunk_size]), final=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _seal(self, plain: bytes, *, final: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._index, final), plain, self._aad)
        self._target.write(_FRAME.pack(1 if final else 0, len(sealed)) + sealed)
        self._index += 1

    def close(self) -> None:
        if not self.closed:
            self._seal(bytes(self._buffer), final=True)
            self._buffer.clear()
        super().close()


def _read_exactly(source, size: int) -> bytes:
    data = source.read(size)
    while data is not None and len(data) < size:
        more = source.read(size - len(data))
        if not more:
            break
        data += more
    return data or b""


class DecryptingReader(io.RawIOBase):
    """A read-only stream of the plaintext; raises a ``BackupUnreadable`` error
    the moment anything fails to authenticate. Call ``finish()`` after reading
    to make sure the file ended with its final chunk and nothing after it."""

    def __init__(self, source, key: str):
        self._source = source
        magic = _read_exactly(source, len(MAGIC) + 4)
        if len(magic) < len(MAGIC) + 4:
            raise BackupTruncated() if magic == MAGIC[: len(magic)] and magic else BackupCorrupt()
        if magic[: len(MAGIC)] != MAGIC:
            raise BackupCorrupt()
        (length,) = struct.unpack(">I", magic[len(MAGIC) :])
        if length > _MAX_HEADER:
            raise BackupCorrupt()
        encoded = _read_exactly(source, length)
        if len(encoded) < length:
            raise BackupTruncated()
        try:
            header = json.loads(encoded)
            salt = b64decode(header["salt"], validate=True)
            self._prefix = b64decode(header["nonce_prefix"], validate=True)
            check = b64decode(header["key_check"], validate=True)
            self._chunk_size = int(header["chunk_size"])
            supported = header["format"] == 1 and len(self._prefix) == 7
        except (ValueError, KeyError, TypeError) as error:
            raise BackupCorrupt() from error
        if not supported or self._chunk_size <= 0:
            raise BackupCorrupt()
        aes_key, expected_check = _derive(key, salt)
        if not hmac.compare_digest(check, expected_check):
            raise BackupWrongKey()
        self._aead = AESGCM(aes_key)
        self._aad = magic + encoded
        self._plain = memoryview(b"")
        self._index = 0
        self._final_seen = False

    def readable(self) -> bool:
        return True

    def _next_chunk(self) -> bytes:
        frame = _read_exactly(self._source, _FRAME.size)
        if len(frame) < _FRAME.size:
            raise BackupTruncated()
        final, length = _FRAME.unpack(frame)
        if final not in (0, 1) or not _TAG <= length <= self._chunk_size + _TAG:
            raise BackupCorrupt()
        sealed = _read_exactly(self._source, length)
        if len(sealed) < length:
            raise BackupTruncated()
        try:
            plain = self._aead.decrypt(
                _nonce(self._prefix, self._index, bool(final)), sealed, self._aad
            )
        except InvalidTag as error:
            raise BackupCorrupt() from error
        self._index += 1
        self._final_seen = bool(final)
        return plain

    def readinto(self, buffer) -> int:
        while not self._plain and not self._final_seen:
            self._plain = memoryview(self._next_chunk())
        count = min(len(buffer), len(self._plain))
        buffer[:count] = self._plain[:count]
        self._plain = self._plain[count:]  # a view: no copy of the rest
        return count

    def finish(self) -> None:
        """Read to the end: the final chunk must come, and nothing after it."""
        while not self._final_seen:
            self._next_chunk()
        if self._source.read(1):
            raise BackupCorrupt()
