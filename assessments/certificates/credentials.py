"""Certificates as signed Open Badges 3.0 credentials (W3C Verifiable Credentials 2.0).

A third party checks a credential offline with nothing but the platform's public
key: the proof is a W3C Data Integrity proof with the ``eddsa-jcs-2022``
cryptosuite (VC Data Integrity EdDSA Cryptosuites v1.0): the document and the
proof options are canonicalised with JCS (RFC 8785), hashed with SHA-256 and
signed with Ed25519. JCS, unlike RDF canonicalisation, needs no JSON-LD context
loading, which keeps signing and verifying small and offline.

The key is published as a Multikey in a controller document at
``<base_url>/.well-known/hocvuso-issuer.json`` (``issuer_key_document``); the
credential's issuer is that document's URL and the proof's verificationMethod
is ``<that URL>#<publicKeyMultibase>``. ``did_key`` gives the same key as a
``did:key`` for verifiers that prefer DIDs.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from .content import CertificateContent, percent_digits
from .keys import base58btc_decode, base58btc_encode, did_key, public_key_multibase

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
ISSUER_DOCUMENT_PATH = "/.well-known/hocvuso-issuer.json"

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PROOF_PURPOSE = "assertionMethod"

# --- the issuer's published key ---------------------------------------------


def issuer_id(base_url: str) -> str:
    """The issuer's id: the URL of the controller document that publishes its key."""
    return base_url.rstrip("/") + ISSUER_DOCUMENT_PATH


def verification_method_id(base_url: str, public_key: Ed25519PublicKey) -> str:
    return f"{issuer_id(base_url)}#{public_key_multibase(public_key)}"


def issuer_key_document(
    public_key: Ed25519PublicKey, base_url: str, *, name: str | None = None
) -> dict[str, Any]:
    """The JSON document to serve at ``ISSUER_DOCUMENT_PATH``: a controller
    document (W3C Controlled Identifiers) listing the key as a Multikey that may
    make assertions, i.e. sign credentials."""
    controller = issuer_id(base_url)
    method = verification_method_id(base_url, public_key)
    document: dict[str, Any] = {
        # The credentials context defines "name" (schema.org), which the
        # Controlled Identifiers context does not: verifiers that expand the
        # document in JSON-LD safe mode (Digital Bazaar's) refuse undefined terms.
        "@context": [CID_CONTEXT, VC_CONTEXT],
        "id": controller,
        "verificationMethod": [
            {
                "id": method,
                "type": "Multikey",
                "controller": controller,
                "publicKeyMultibase": public_key_multibase(public_key),
            }
        ],
        "assertionMethod": [method],
        "alsoKnownAs": [did_key(public_key)],
    }
    if name:
        document["name"] = name
    return document


# --- building the credential -------------------------------------------------


@dataclass(frozen=True, slots=True)
class Profile:
    """An Open Badges Profile: the platform (issuer) or the unit that assessed."""

    id: str
    name: str
    url: str | None = None

    def as_json(self) -> dict[str, Any]:
        profile = {"id": self.id, "type": ["Profile"], "name": self.name}
        if self.url:
            profile["url"] = self.url
        return profile


def _timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def build_credential(
    content: CertificateContent,
    *,
    issuer: Profile,
    assessed_by: Profile,
    achievement_id: str,
    issued_at: datetime | None = None,
) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential for ``content``.

    The credential's id is the verification URL, so whoever holds it can look up
    its current status (revocation). The holder is identified by name
    (IdentityObject, not hashed: the name is what the paper certificate shows);
    the date of birth is left out, as data a badge need not spread. Percentages
    are strings, as Open Badges' Result.value is, which also keeps floats out of
    the canonical form. ``issued_at`` defaults to midnight UTC of the issue date.
    """
    issued_at = issued_at or datetime.combine(content.issue_date, time(), tzinfo=UTC)
    overall_id = f"{achievement_id}#overall"
    result_descriptions = [
        {
            "id": overall_id,
            "type": ["ResultDescription"],
            "name": "Tổng điểm",
            "resultType": "Percent",
        }
    ]
    results = [
        {
            "type": ["Result"],
            "resultDescription": overall_id,
            "value": percent_digits(content.score_percent),
        }
    ]
    for position, (area, percent) in enumerate(content.competency_profile, start=1):
        area_id = f"{achievement_id}#area-{position}"
        result_descriptions.append(
            {"id": area_id, "type": ["ResultDescription"], "name": area, "resultType": "Percent"}
        )
        results.append(
            {"type": ["Result"], "resultDescription": area_id, "value": percent_digits(percent)}
        )
    framework = f"{content.framework_name} (phiên bản {content.framework_version})"
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": content.verify_url,
        "type": list(CREDENTIAL_TYPES),
        "name": f"Giấy chứng nhận hoàn thành - {content.audience_label}",
        "issuer": issuer.as_json(),
        "validFrom": _timestamp(issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": content.holder_name,
                    "identityType": "name",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": achievement_id,
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": f"Hoàn thành phổ cập kỹ năng số - {content.audience_label}",
                "description": (
                    f"Đạt yêu cầu bài đánh giá theo {framework}, "
                    f"đối tượng {content.audience_label}."
                ),
                "criteria": {"narrative": criteria_narrative(content)},
                "inLanguage": "vi",
                "resultDescription": result_descriptions,
            },
            "result": results,
            "source": assessed_by.as_json(),
            "activityEndDate": _timestamp(issued_at),
        },
    }


def criteria_narrative(content: CertificateContent) -> str:
    """How the achievement was earned, as recorded when the certificate was issued,
    saying where the thresholds come from: the framework (757/QĐ-BKHCN) defines
    the competencies, not the pass marks; those are the platform's defaults, or
    the quiz's own, until an official text sets them."""
    pass_mark = f"{percent_digits(content.pass_mark_percent)}%"
    thresholds, levels = f"tổng điểm từ {pass_mark}", pass_mark
    if content.area_minimum_percent is not None:
        area_minimum = f"{percent_digits(content.area_minimum_percent)}%"
        thresholds += f" và từ {area_minimum} ở mỗi lĩnh vực năng lực"
        levels += f" và {area_minimum}"
    elif content.area_minimums:
        per_area = ", ".join(
            f"{code} từ {percent_digits(value)}%" for code, value in content.area_minimums
        )
        thresholds += f"; theo lĩnh vực năng lực: {per_area}"
        levels += " và các mức theo lĩnh vực"
    quiz = f" «{content.quiz_title}»" if content.quiz_title else ""
    if content.thresholds_from_quiz:
        source = f"là mức riêng của bài đánh giá{quiz}"
    else:
        source = "là mức mặc định của nền tảng Học vụ số (một bài đánh giá có thể đặt mức riêng)"
    taken = f" Bài đánh giá đã đạt: {content.quiz_title}." if content.quiz_title else ""
    return (
        f"Đạt bài đánh giá hoàn thành theo {content.framework_name} "
        f"(phiên bản {content.framework_version}, Quyết định 757/QĐ-BKHCN): {thresholds}. "
        f"Các ngưỡng {levels} {source}, không do Phụ lục II của Quyết định 757/QĐ-BKHCN "
        f"quy định; đây là các ngưỡng áp dụng khi cấp giấy chứng nhận này.{taken}"
    )


# --- signing and verifying (eddsa-jcs-2022) ----------------------------------


def _hash_data(document: Mapping[str, Any], proof_options: Mapping[str, Any]) -> bytes:
    """SHA-256 of the canonical proof configuration, then of the canonical document.

    The configuration carries the document's @context, so the context is signed
    even where the proof does not repeat it.
    """
    config = dict(proof_options)
    if "@context" in document:
        config["@context"] = document["@context"]
    return (
        hashlib.sha256(rfc8785.dumps(config)).digest()
        + hashlib.sha256(rfc8785.dumps(dict(document))).digest()
    )


def sign_credential(
    credential: Mapping[str, Any],
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime,
) -> dict[str, Any]:
    """A copy of ``credential`` with an eddsa-jcs-2022 DataIntegrityProof."""
    if "proof" in credential:
        raise ValueError("the credential already has a proof")
    document = copy.deepcopy(dict(credential))
    proof: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": _timestamp(created),
        "verificationMethod": verification_method,
        "proofPurpose": PROOF_PURPOSE,
    }
    if "@context" in document:
        proof["@context"] = copy.deepcopy(document["@context"])
    signature = private_key.sign(_hash_data(document, proof))
    proof["proofValue"] = "z" + base58btc_encode(signature)
    # A set of one proof: Open Badges 3.0's JSON schema requires the array form.
    return {**document, "proof": [proof]}


def verify_credential(signed: Mapping[str, Any], public_key: Ed25519PublicKey) -> bool:
    """Whether ``signed`` carries a valid eddsa-jcs-2022 proof by ``public_key``
    (one proof, as an object or as a list of one).

    Never raises on malformed input: anything that is not a valid proof is False.
    Only checks the signature; whether the key is the issuer's (resolving the
    verificationMethod) and whether the certificate is revoked are the caller's.
    """
    try:
        return _verify(signed, public_key)
    except (InvalidSignature, ValueError, TypeError, KeyError, AttributeError):
        return False
    except (rfc8785.CanonicalizationError, RecursionError):
        return False


def _single_proof(signed: Any) -> Mapping[str, Any] | None:
    """The document's one proof, given as an object or as a set of one."""
    if not isinstance(signed, Mapping):
        return None
    proof = signed.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    return proof if isinstance(proof, Mapping) else None


def _verify(signed: Mapping[str, Any], public_key: Ed25519PublicKey) -> bool:
    found = _single_proof(signed)
    if found is None:
        return False
    proof = dict(found)
    proof_value = proof.pop("proofValue", None)
    if (
        proof.get("type") != PROOF_TYPE
        or proof.get("cryptosuite") != CRYPTOSUITE
        or proof.get("proofPurpose") != PROOF_PURPOSE
        or not isinstance(proof.get("verificationMethod"), str)
        or not isinstance(proof_value, str)
        or not proof_value.startswith("z")
    ):
        return False
    document = {key: value for key, value in signed.items() if key != "proof"}
    # The specification lets the document's @context merely start with the
    # proof's (and then verifies against the proof's): that would accept a
    # context appended after signing. We require them equal; our own proofs and
    # the specification's test vectors satisfy that.
    if "@context" in proof and proof["@context"] != document.get("@context"):
        return False
    signature = base58btc_decode(proof_value[1:])
    if len(signature) != 64:
        return False
    public_key.verify(signature, _hash_data(document, proof))
    return True
