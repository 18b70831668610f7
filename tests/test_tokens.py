"""Unsubscribe tokens: HMAC-signed, bound to one subscriber's id and address on one list."""

import pytest

from newsletter.errors import NewsletterError
from newsletter.tokens import make_token, secret_from, token_subscriber, verify_token

SECRET = b"a-long-enough-secret-for-tests"
LIST = "the-briefing.example.com"


def test_a_token_verifies_for_its_subscriber_only():
    token = make_token(SECRET, LIST, 42, "ann@example.org")
    assert token.startswith("42.") and len(token) == len("42.") + 22
    assert token_subscriber(token) == 42
    assert verify_token(SECRET, LIST, 42, "ann@example.org", token)
    assert verify_token(SECRET, LIST, 42, "ANN@example.org", token)  # addresses compare case-insensitively
    assert not verify_token(SECRET, LIST, 42, "bob@example.org", token)  # another address under the same id
    assert not verify_token(SECRET, LIST, 43, "ann@example.org", token)  # another id
    assert not verify_token(SECRET, "other.example.com", 42, "ann@example.org", token)  # another list
    assert not verify_token(b"another-secret-of-some-length", LIST, 42, "ann@example.org", token)


def test_a_token_moved_to_another_subscriber_or_tampered_with_is_refused():
    ann = make_token(SECRET, LIST, 1, "ann@example.org")
    bob = make_token(SECRET, LIST, 2, "bob@example.org")
    moved = "2." + ann.split(".")[1]  # Ann's signature with Bob's id
    assert not verify_token(SECRET, LIST, 2, "bob@example.org", moved)
    signature = ann.split(".")[1]
    for changed in ("1." + ("A" if signature[0] != "A" else "B") + signature[1:],
                    "1." + signature[:-1] + ("A" if signature[-1] != "A" else "Q"), ann + "x", ann[:-1]):
        assert not verify_token(SECRET, LIST, 1, "ann@example.org", changed), changed
    assert verify_token(SECRET, LIST, 2, "bob@example.org", bob)


SIGNATURE = "A" * 22


@pytest.mark.parametrize("token", ["", "abc", "1", "1.", "." + SIGNATURE, "0." + SIGNATURE, "01." + SIGNATURE,
                                   "-1." + SIGNATURE, "1.AAAA" + " " + "A" * 17, "1." + "A" * 21 + "=",
                                   "1." + SIGNATURE + "\n", "1e3." + SIGNATURE, "1." + "A" * 23])
def test_malformed_tokens_name_no_subscriber_and_never_verify(token):
    assert token_subscriber(token) is None
    assert not verify_token(SECRET, LIST, 1, "ann@example.org", token)


def test_the_secret_comes_from_the_environment_and_must_be_long_enough():
    assert secret_from({"NEWSLETTER_SECRET": "x" * 16}) == b"x" * 16
    with pytest.raises(NewsletterError) as missing:
        secret_from({})
    assert str(missing.value) == ("NEWSLETTER_SECRET is not set: it signs the unsubscribe links "
                                  "(use a random string of at least 16 characters)")
    with pytest.raises(NewsletterError) as short:
        secret_from({"NEWSLETTER_SECRET": "abc"})
    assert str(short.value) == "NEWSLETTER_SECRET is too short (3 characters; use at least 16 random ones)"
