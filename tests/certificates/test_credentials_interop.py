"""Credentials that third parties accept: every JSON-LD term of the issuer's key
document is defined by a context it names, the credential passes 1EdTech's Open
Badges 3.0 JSON schema, its criteria say where the thresholds come from, and
Digital Bazaar's verifier (node, offline) accepts it and refuses a tampered copy.

Contexts and the schema are vendored in tests/fixtures/credentials (see README)."""

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft201909Validator, FormatChecker

from assessments.certificates.credentials import issuer_key_document

from .test_credentials import BASE_URL, KEY, SIGNED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "credentials"
VERIFIER = Path(__file__).resolve().parents[1] / "credentials_verifier"
CONTEXT_FILES = {
    "https://www.w3.org/ns/cid/v1": "cid-v1.jsonld",
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-context-3.0.3.json",
}


def defined_terms(context_urls, node_type=None):
    """Terms the named contexts define, plus those scoped to ``node_type``."""
    terms = set()
    for url in context_urls:
        assert isinstance(url, str) and url in CONTEXT_FILES, f"unknown context {url!r}"
        context = json.loads((FIXTURES / CONTEXT_FILES[url]).read_text())["@context"]
        terms |= {term for term in context if not term.startswith("@")}
        scoped = context.get(node_type) if node_type else None
        if isinstance(scoped, dict):
            terms |= {t for t in scoped.get("@context", {}) if not t.startswith("@")}
    return terms


def test_every_term_of_the_issuer_document_is_defined_by_its_contexts():
    document = issuer_key_document(KEY.public_key(), BASE_URL, name="Học vụ số")
    contexts = document["@context"]
    assert set(document) - {"@context"} - defined_terms(contexts) == set()
    for method in document["verificationMethod"]:
        assert set(method) - defined_terms(contexts, method["type"]) == set()


def ob_schema_errors(credential):
    schema = json.loads((FIXTURES / "ob_v3p0_achievementcredential_schema.json").read_text())
    validator = Draft201909Validator(schema, format_checker=FormatChecker())
    return [f"/{'/'.join(map(str, e.path))} {e.message}" for e in validator.iter_errors(credential)]


def test_the_credential_passes_the_open_badges_schema():
    assert ob_schema_errors(SIGNED) == []


def test_the_criteria_say_the_thresholds_are_platform_defaults():
    narrative = SIGNED["credentialSubject"]["achievement"]["criteria"]["narrative"]
    assert "70%" in narrative and "50%" in narrative
    assert "mặc định của nền tảng" in narrative
    assert "không do Phụ lục II" in narrative


# --- Digital Bazaar's verifier -------------------------------------------------------------


def _node_verifier():
    """The verifier folder with node_modules, installed with `npm ci` when missing.
    Skips outside CI when node or npm is absent; in CI (CI=true) it must run."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        if os.environ.get("CI") == "true":
            pytest.fail("node and npm are required in CI for the credential verifier test")
        pytest.skip("node/npm not installed: Digital Bazaar's verifier cannot run here")
    if not (VERIFIER / "node_modules").exists():
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=VERIFIER, check=True, timeout=600
        )
    return node


def run_verifier(node, tmp_path, credential, issuer_document):
    credential_file = tmp_path / "credential.json"
    issuer_file = tmp_path / "issuer.json"
    credential_file.write_text(json.dumps(credential, ensure_ascii=False))
    issuer_file.write_text(json.dumps(issuer_document, ensure_ascii=False))
    completed = subprocess.run(
        [node, str(VERIFIER / "verify.mjs"), str(credential_file), str(issuer_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.stdout, completed.stderr
    return completed.returncode, json.loads(completed.stdout)


@pytest.mark.slow  # npm ci and node in a subprocess
@pytest.mark.django_db
def test_digital_bazaar_verifies_an_issued_credential_and_refuses_a_tampered_one(
    client, certificate, learner, tmp_path
):
    node = _node_verifier()
    issuer_document = client.get("/.well-known/hocvuso-issuer.json").json()
    client.force_login(learner)
    credential = json.loads(client.get(f"/certificates/{certificate.code}/credential.json").content)

    code, result = run_verifier(node, tmp_path, credential, issuer_document)
    assert result == {"verified": True, "error": None, "schemaValid": True, "schemaErrors": []}
    assert code == 0

    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Người Khác"
    code, result = run_verifier(node, tmp_path, tampered, issuer_document)
    assert result["verified"] is False
    assert result["schemaValid"] is True
    assert code == 1
