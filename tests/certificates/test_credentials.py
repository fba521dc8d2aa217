"""Signed Open Badges 3.0 credentials: any change breaks the signature."""

import copy
import json
import os
import random
import stat
from datetime import UTC, date, datetime
from multiprocessing.pool import ThreadPool

import pytest
import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from assessments.certificates.codes import new_code
from assessments.certificates.content import CertificateContent
from assessments.certificates.credentials import (
    CREDENTIAL_TYPES,
    OB_CONTEXT,
    VC_CONTEXT,
    Profile,
    build_credential,
    issuer_id,
    issuer_key_document,
    sign_credential,
    verification_method_id,
    verify_credential,
)
from assessments.certificates.keys import (
    base58btc_decode,
    base58btc_encode,
    did_key,
    key_from_pem,
    key_to_pem,
    load_or_create_signing_key,
    public_key_from_multibase,
    public_key_multibase,
)

BASE_URL = "https://hocvuso.example.vn"
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
CREATED = datetime(2025, 6, 5, 9, 30, tzinfo=UTC)


def certificate_content():
    code = new_code(random.Random(5))
    return CertificateContent(
        holder_name="Nguyễn Thị Hồng Nhung",
        audience_label="Người dân",
        framework_name="Khung kiến thức, kỹ năng số cơ bản",
        framework_version="1.0",
        issuing_unit_name="Ủy ban nhân dân phường Hoàn Kiếm",
        signer_title="Chủ tịch",
        signer_name="Đặng Ỷ Lan",
        issue_date=date(2025, 6, 5),
        score_percent=85.5,
        verification_code=code,
        verify_url=f"{BASE_URL}/certificates/verify/{code}/",
        competency_profile=(("Sử dụng thiết bị", 90), ("An toàn thông tin", 72.25)),
    )


def unsigned_credential():
    return build_credential(
        certificate_content(),
        issuer=Profile(issuer_id(BASE_URL), "Học vụ số", BASE_URL),
        assessed_by=Profile(f"{BASE_URL}/units/00070/", "Phường Hoàn Kiếm"),
        achievement_id=f"{BASE_URL}/achievements/757-v1.0/resident/",
    )


def signed_credential(key=KEY):
    return sign_credential(
        unsigned_credential(), key, verification_method_id(BASE_URL, key.public_key()), CREATED
    )


SIGNED = signed_credential()


def test_the_credential_is_an_open_badge():
    credential = SIGNED
    assert credential["@context"] == [VC_CONTEXT, OB_CONTEXT]
    assert credential["@context"][1] == (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
    )
    assert credential["type"] == CREDENTIAL_TYPES == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == f"{BASE_URL}/.well-known/hocvuso-issuer.json"
    assert credential["validFrom"] == "2025-06-05T00:00:00Z"
    subject = credential["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"][0]["identityHash"] == "Nguyễn Thị Hồng Nhung"
    assert subject["achievement"]["type"] == ["Achievement"]
    assert subject["achievement"]["criteria"]["narrative"]
    assert [r["value"] for r in subject["result"]] == ["85.5", "90", "72.3"]
    described = {d["id"] for d in subject["achievement"]["resultDescription"]}
    assert {r["resultDescription"] for r in subject["result"]} == described
    (proof,) = credential["proof"]
    assert proof["type"] == "DataIntegrityProof"
    assert proof["cryptosuite"] == "eddsa-jcs-2022"
    assert proof["proofPurpose"] == "assertionMethod"
    assert proof["created"] == "2025-06-05T09:30:00Z"
    assert proof["verificationMethod"].endswith("#" + public_key_multibase(KEY.public_key()))
    # survives a round trip through JSON text, as it will travel
    assert verify_credential(json.loads(json.dumps(credential)), KEY.public_key())


def test_a_signed_credential_verifies():
    assert verify_credential(SIGNED, KEY.public_key())
    # a proof given as a plain object (not a set of one) is read the same way
    assert verify_credential({**SIGNED, "proof": SIGNED["proof"][0]}, KEY.public_key())
    # two proofs are not what we sign: refused rather than half-checked
    assert not verify_credential({**SIGNED, "proof": SIGNED["proof"] * 2}, KEY.public_key())


def test_signing_leaves_the_input_alone():
    credential = unsigned_credential()
    before = copy.deepcopy(credential)
    sign_credential(credential, KEY, "urn:example#key", CREATED)
    assert credential == before
    with pytest.raises(ValueError):
        sign_credential(SIGNED, KEY, "urn:example#key", CREATED)


def test_another_key_does_not_verify():
    other = Ed25519PrivateKey.generate()
    assert not verify_credential(SIGNED, other.public_key())
    assert not verify_credential(signed_credential(other), KEY.public_key())


def leaf_paths(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))
    else:
        yield path


LEAVES = sorted(leaf_paths(SIGNED), key=repr)


def changed(value, salt):
    if isinstance(value, bool):
        return not value
    if isinstance(value, str):
        return value + salt if salt else value[:-1]
    return [value]


def with_change(document, path, salt):
    tampered = copy.deepcopy(document)
    target = tampered
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = changed(target[path[-1]], salt)
    return tampered


@given(st.sampled_from(LEAVES), st.sampled_from(["", "x", " ", "ễ", "\u0000"]))
def test_changing_any_field_breaks_the_signature(path, salt):
    tampered = with_change(SIGNED, path, salt)
    assert tampered != SIGNED
    assert not verify_credential(tampered, KEY.public_key())


def test_every_field_is_covered():
    # Not a sample: each leaf, changed once.
    for path in LEAVES:
        assert not verify_credential(with_change(SIGNED, path, "x"), KEY.public_key()), path


@given(
    st.sampled_from([(), ("credentialSubject",), ("issuer",), ("proof", 0)]), st.text(max_size=5)
)
def test_adding_or_removing_a_field_breaks_the_signature(where, key):
    tampered = copy.deepcopy(SIGNED)
    target = tampered
    for step in where:
        target = target[step]
    if key in target:
        del target[key]
    else:
        target[key] = "thêm"
    assert not verify_credential(tampered, KEY.public_key())


def test_appending_a_context_breaks_the_signature():
    tampered = copy.deepcopy(SIGNED)
    tampered["@context"].append("https://evil.example/context.json")
    assert not verify_credential(tampered, KEY.public_key())


@pytest.mark.parametrize(
    "document",
    [
        {},
        [],
        "text",
        None,
        {"proof": "x"},
        {"proof": {"proofValue": "z!!"}},
        {"proof": {}},
        {"proof": []},
        {"proof": [{}]},
        {"proof": [{"proofValue": "z!!"}, {}]},
    ],
)
def test_malformed_documents_are_false_not_errors(document):
    assert not verify_credential(document, KEY.public_key())


def test_verifies_the_specifications_eddsa_jcs_2022_test_vector():
    # The signed example of VC Data Integrity EdDSA Cryptosuites v1.0 (eddsa-jcs-2022),
    # produced by another implementation: proves interoperability, not just round trips.
    multibase = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
    contexts = [
        "https://www.w3.org/ns/credentials/v2",
        "https://www.w3.org/ns/credentials/examples/v2",
    ]
    signed = {
        "@context": contexts,
        "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
        "type": ["VerifiableCredential", "AlumniCredential"],
        "name": "Alumni Credential",
        "description": "A minimum viable example of an Alumni Credential.",
        "issuer": f"did:key:{multibase}",
        "validFrom": "2023-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
        "proof": {
            "type": "DataIntegrityProof",
            "created": "2023-02-24T23:36:38Z",
            "verificationMethod": f"did:key:{multibase}#{multibase}",
            "cryptosuite": "eddsa-jcs-2022",
            "proofPurpose": "assertionMethod",
            "@context": contexts,
            "proofValue": "z5EhYRJkfPLkoT92FPXN8KK6M9rsBhq3xs19GBSsA6VdNYH4QMKSyNuA2Gfznz9QthVD7Rz3HTAfqxxay23htUpTg",
        },
    }
    public_key = public_key_from_multibase(multibase)
    assert public_key_multibase(public_key) == multibase
    assert verify_credential(signed, public_key)
    signed["credentialSubject"]["alumniOf"] = "Another School"
    assert not verify_credential(signed, public_key)


def test_multikey_and_did_key_forms():
    multibase = public_key_multibase(KEY.public_key())
    assert multibase.startswith("z6Mk")
    assert public_key_from_multibase(multibase).public_bytes_raw() == (
        KEY.public_key().public_bytes_raw()
    )
    assert did_key(KEY.public_key()) == f"did:key:{multibase}"
    with pytest.raises(ValueError):
        public_key_from_multibase("u" + multibase[1:])


@pytest.mark.parametrize(
    ("raw", "encoded"),
    [
        (b"", ""),
        (b"\0", "1"),
        (b"\0\0\x01", "112"),
        (b"Hello World!", "2NEpo7TZRRrLZSi2U"),
        (bytes.fromhex("0000287fb4cd"), "11233QC4"),
    ],
)
def test_base58btc_known_values(raw, encoded):
    assert base58btc_encode(raw) == encoded
    assert base58btc_decode(encoded) == raw


@given(st.binary(max_size=80))
def test_base58btc_round_trips(data):
    assert base58btc_decode(base58btc_encode(data)) == data


def test_the_published_key_document_names_the_signing_method():
    document = issuer_key_document(KEY.public_key(), BASE_URL + "/", name="Học vụ số")
    method = document["verificationMethod"][0]
    assert document["id"] == issuer_id(BASE_URL) == SIGNED["issuer"]["id"]
    assert method["id"] == SIGNED["proof"][0]["verificationMethod"]
    assert document["assertionMethod"] == [method["id"]]
    assert method["type"] == "Multikey"
    assert method["controller"] == document["id"]
    # a verifier needs nothing else: the published key checks the credential
    assert verify_credential(SIGNED, public_key_from_multibase(method["publicKeyMultibase"]))


def test_the_key_file_is_created_once_private_and_reused(tmp_path):
    path = tmp_path / "keys" / "issuer.pem"
    created = load_or_create_signing_key(path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = load_or_create_signing_key(path)
    assert again.private_bytes_raw() == created.private_bytes_raw()
    assert key_from_pem(path.read_text()).private_bytes_raw() == created.private_bytes_raw()
    assert list(path.parent.iterdir()) == [path]


def test_racing_processes_end_up_with_one_key(tmp_path):
    path = tmp_path / "issuer.pem"
    with ThreadPool(8) as pool:
        keys = pool.map(lambda _: load_or_create_signing_key(path).private_bytes_raw(), range(16))
    assert len(set(keys)) == 1


def test_a_pem_that_is_not_ed25519_is_refused():
    from cryptography.hazmat.primitives.asymmetric import ec

    other = ec.generate_private_key(ec.SECP256R1())
    from cryptography.hazmat.primitives import serialization

    pem = other.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with pytest.raises(ValueError):
        key_from_pem(pem)
    assert key_from_pem(key_to_pem(KEY)).private_bytes_raw() == KEY.private_bytes_raw()


@pytest.mark.parametrize(
    ("value", "canonical"),
    [
        # RFC 8785, section 3.2.2.3 and appendix B: numbers as ECMAScript prints them
        (
            {"numbers": [333333333.33333329, 1e30, 4.50, 2e-3, 0.000000000000000000000000001]},
            '{"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27]}',
        ),
        # RFC 8785, section 3.2.3: properties sorted by UTF-16 code units, not code points
        (
            {
                "\u20ac": "Euro Sign",
                "\r": "Carriage Return",
                "\ufb33": "Hebrew Letter Dalet With Dagesh",
                "1": "One",
                "\U0001f600": "Emoji: Grinning Face",
                "\u0080": "Control",
                "\u00f6": "Latin Small Letter O With Diaeresis",
            },
            '{"\\r":"Carriage Return","1":"One","\u0080":"Control",'
            '"\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign",'
            '"\U0001f600":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
        ),
        (
            {"b": [True, False, None], "a": '\u0000\u001f"\\/'},
            '{"a":"\\u0000\\u001f\\"\\\\/","b":[true,false,null]}',
        ),
    ],
)
def test_jcs_matches_rfc_8785(value, canonical):
    assert rfc8785.dumps(value).decode("utf-8") == canonical
