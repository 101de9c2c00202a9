"""Password reset by e-mail with Django's auth views and our templates; password change."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "nieuw-wachtwoord-voor-2026"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_login_page_offers_a_reset(db):
    html = Client().get("/accounts/login/").content.decode()
    assert 'href="/accounts/password_reset/"' in html


def test_a_reset_mail_sets_a_new_password(user):
    client = Client()
    response = client.get("/accounts/password_reset/")
    assert 'id="password-reset-form"' in response.content.decode()  # our template, in the site's layout
    assert "navbar" in response.content.decode()

    response = client.post("/accounts/password_reset/", {"email": user.email})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert client.get(response["Location"]).status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email] and "\n" not in message.subject and message.subject
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)

    response = client.get(link)  # Django moves the token into the session and redirects
    assert response.status_code == 302
    set_url = response["Location"]
    assert 'id="password-set-form"' in client.get(set_url).content.decode()

    response = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert 'id="id_new_password2_errors"' in response.content.decode()  # too short, too common

    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/reset/done/"
    assert client.get(response["Location"]).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert Client().login(username=user.username, password=NEW_PASSWORD)

    # The link works once.
    response = Client().get(link, follow=True)
    assert 'id="invalid-link"' in response.content.decode()


def test_an_unknown_address_gets_the_same_answer_but_no_mail(db):
    response = Client().post("/accounts/password_reset/", {"email": "onbekend@example.org"})
    assert response["Location"] == "/accounts/password_reset/done/"
    assert mail.outbox == []


def test_a_logged_in_user_changes_their_password(logged_in_client, user):
    assert "/accounts/password_change/" in logged_in_client.get("/profile/").content.decode()
    assert 'id="password-change-form"' in logged_in_client.get("/accounts/password_change/").content.decode()
    response = logged_in_client.post("/accounts/password_change/", {
        "old_password": "fout", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert 'id="id_old_password_errors"' in response.content.decode()
    response = logged_in_client.post("/accounts/password_change/", {
        "old_password": "geheim-wachtwoord-42", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password_change/done/"
    assert logged_in_client.get(response["Location"]).status_code == 200
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
