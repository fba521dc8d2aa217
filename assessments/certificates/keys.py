"""The platform's Ed25519 signing key and its public encodings (Multikey,
``did:key``): base58btc as multibase "z" uses it, PEM in and out, and the key
file created once, race-free, on first use."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# Multicodec "ed25519-pub" (0xed) as an unsigned varint: what makes keys "z6Mk…".
ED25519_PUB_MULTICODEC = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(BASE58_ALPHABET)}


def base58btc_encode(data: bytes) -> str:
    """Bitcoin's base58, as multibase "z" uses it (leading zero bytes → "1")."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    number = 0
    for character in text:
        if character not in _BASE58_INDEX:
            raise ValueError(f"not a base58 character: {character!r}")
        number = number * 58 + _BASE58_INDEX[character]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """The key as a Multikey ``publicKeyMultibase``: "z" + base58btc(0xed01 + 32 bytes)."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58btc_encode(ED25519_PUB_MULTICODEC + raw)


def public_key_from_multibase(text: str) -> Ed25519PublicKey:
    if not text.startswith("z"):
        raise ValueError("expected a base58btc multibase value (starting with 'z')")
    data = base58btc_decode(text[1:])
    if len(data) != 34 or not data.startswith(ED25519_PUB_MULTICODEC):
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def did_key(public_key: Ed25519PublicKey) -> str:
    return f"did:key:{public_key_multibase(public_key)}"


def did_key_verification_method(public_key: Ed25519PublicKey) -> str:
    multibase = public_key_multibase(public_key)
    return f"did:key:{multibase}#{multibase}"


# --- the platform's key ------------------------------------------------------


def key_from_pem(pem: bytes | str) -> Ed25519PrivateKey:
    """An unencrypted PKCS#8 PEM Ed25519 private key (e.g. from a secret store)."""
    data = pem.encode() if isinstance(pem, str) else pem
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the signing key must be an Ed25519 private key")
    return key


def key_to_pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_or_create_signing_key(path: str | os.PathLike) -> Ed25519PrivateKey:
    """The key in ``path``, created (mode 0600) on first use.

    Creation is exclusive, so two processes starting together end up with the
    same key: the loser of the race reads the winner's file. Losing this file
    means old credentials can only be checked against the published key, so
    back it up with the database.
    """
    path = Path(path)
    if path.exists():
        return key_from_pem(path.read_bytes())
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(8)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_to_pem(key))
        # link() fails if the key appeared meanwhile: never overwrite a key.
        os.link(temporary, path)
    except FileExistsError:
        return key_from_pem(path.read_bytes())
    finally:
        temporary.unlink(missing_ok=True)
    return key
