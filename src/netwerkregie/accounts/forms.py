from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerkregie.registry.forms import bootstrap


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app, or one backup code."""

    code = forms.CharField(
        label=_("Code"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)
