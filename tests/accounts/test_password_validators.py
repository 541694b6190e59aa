"""Passwords: at least 12 characters, and none known from breaches (a local list: the site
has no internet), with messages in the reader's language."""

import gzip
import hashlib

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation

from ctc.accounts.validators import BUNDLED_LIST, password_breached

BREACHED = (
    "This password appears in a list of passwords exposed in data breaches. Choose another one."
)


def _errors(password) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return error.messages
    return []


def test_a_long_unbreached_password_is_accepted():
    assert _errors("plum tram orbit 4417") == []


def test_eleven_characters_are_refused_twelve_accepted():
    assert _errors("zq8#Lw2!vRt") == [
        "This password is too short. It must contain at least 12 characters."
    ]
    assert _errors("zq8#Lw2!vRtY") == []


def test_a_password_from_the_bundled_breach_list_is_refused():
    assert BREACHED in _errors("password1234")
    assert BREACHED in _errors("PASSWORD1234")
    assert password_breached("correct horse battery") is False


def test_the_bundled_list_holds_sha1_hashes_not_passwords():
    with gzip.open(BUNDLED_LIST, "rt") as lines:
        first = [next(lines).strip() for _ in range(3)]

    assert all(len(line) == 40 and line == line.upper() for line in first)
    assert first == sorted(first)


def test_a_bigger_corpus_is_read_from_the_file_the_setting_names(settings, tmp_path):
    passwords = ["zebra-kite-lantern-91", "aardvark-moon-slide-02", "mango-violet-echo-77"]
    hashes = sorted(hashlib.sha1(p.encode()).hexdigest().upper() for p in passwords)
    corpus = tmp_path / "pwned.txt"
    corpus.write_text("".join(f"{h}:{n}\n" for n, h in enumerate(hashes, 3)))
    settings.BREACHED_PASSWORDS_FILE = str(corpus)

    assert [password_breached(p) for p in passwords] == [True, True, True]
    assert password_breached("zebra-kite-lantern-92") is False
    assert BREACHED in _errors("mango-violet-echo-77")


@pytest.mark.parametrize(
    "language,message",
    [
        (
            "fr",
            "Ce mot de passe figure dans une liste de mots de passe divulgués lors de fuites de "
            "données. Choisissez-en un autre.",
        ),
        (
            "es",
            "Esta contraseña figura en una lista de contraseñas expuestas en filtraciones de "
            "datos. Elija otra.",
        ),
    ],
)
def test_the_breach_message_is_in_the_readers_language(language, message):
    with translation.override(language):
        assert message in _errors("password1234")
