"""Verification codes: typos are caught by the check character alone."""

import random
import secrets
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assessments.certificates.codes import (
    ALPHABET,
    CODE_LENGTH,
    check_character,
    format_for_print,
    is_well_formed,
    new_code,
    normalize,
)

valid_codes = st.text(alphabet=ALPHABET, min_size=9, max_size=9).map(
    lambda payload: payload + check_character(payload)
)
# Anything a person might type in place of a character: the alphabet, the
# excluded look-alikes, lower case, punctuation.
typed_characters = st.sampled_from(string.ascii_letters + string.digits + "-_ .")


def test_alphabet_has_no_look_alikes_and_a_prime_size():
    assert not set("01OIL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert all(len(ALPHABET) % d for d in range(2, len(ALPHABET)))


@given(st.randoms(use_true_random=False))
def test_generated_codes_are_well_formed(rng):
    code = new_code(rng)
    assert len(code) == CODE_LENGTH
    assert is_well_formed(code)


def test_default_generator_is_secrets_and_codes_differ():
    generated = {new_code() for _ in range(200)}
    assert len(generated) == 200
    assert all(is_well_formed(code) for code in generated)
    assert new_code.__defaults__ == (secrets,)


@given(valid_codes, st.integers(0, CODE_LENGTH - 1), typed_characters)
def test_every_single_substitution_is_rejected(code, position, replacement):
    typo = code[:position] + replacement + code[position + 1 :]
    if typo != code:
        assert not is_well_formed(typo)


def test_every_single_substitution_of_one_code_is_rejected_exhaustively():
    code = new_code(random.Random(757))
    for position in range(CODE_LENGTH):
        for replacement in ALPHABET:
            typo = code[:position] + replacement + code[position + 1 :]
            assert is_well_formed(typo) == (typo == code)


@given(valid_codes, st.integers(0, CODE_LENGTH - 2))
def test_every_adjacent_transposition_is_rejected(code, position):
    swapped = code[:position] + code[position + 1] + code[position] + code[position + 2 :]
    if swapped != code:
        assert not is_well_formed(swapped)


@given(valid_codes, st.integers(0, CODE_LENGTH - 1), st.integers(0, CODE_LENGTH - 1))
def test_any_transposition_is_rejected_too(code, i, j):
    letters = list(code)
    letters[i], letters[j] = letters[j], letters[i]
    swapped = "".join(letters)
    if swapped != code:
        assert not is_well_formed(swapped)


@given(valid_codes)
def test_normalize_undoes_format_for_print(code):
    printed = format_for_print(code)
    assert printed == f"{code[:5]}-{code[5:]}"
    assert normalize(printed) == code
    assert normalize(printed.lower()) == code
    assert normalize(f"  {printed[:3]} {printed[3:]} ".replace("-", " – ")) == code


def test_normalize_forgives_phone_keyboards_but_not_look_alikes():
    code = new_code(random.Random(1))
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert normalize(full_width) == code
    assert normalize(f"{code[:5]}\u00a0{code[5:]}") == code
    # O, 0, I, 1 and L are never in a code; they are not guessed into one.
    assert normalize("abcd0-o1il9") == "ABCD0O1IL9"
    assert not is_well_formed(normalize("abcd0-o1il9"))


@pytest.mark.parametrize(
    "text", ["", "ABC", "23456789AB2", None, 1234567890, "23456789A?", "abcdefghjk"]
)
def test_malformed_input_is_not_well_formed(text):
    assert not is_well_formed(text)


def test_format_for_print_refuses_invalid_codes():
    code = new_code(random.Random(2))
    wrong_check = code[:-1] + next(c for c in ALPHABET if c != code[-1])
    with pytest.raises(ValueError):
        format_for_print(wrong_check)


def test_check_character_refuses_bad_payloads():
    with pytest.raises(ValueError):
        check_character("ABC")
    with pytest.raises(ValueError):
        check_character("ABCDEFGH0")
