"""Form widgets every app's forms share."""

from __future__ import annotations

from django import forms


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """A multi-select as a list of checkboxes with a filter box and a count of what is ticked.

    Replaces <select multiple>, which needs Ctrl-click and loses a selection with one careless
    click. Filtering only hides options, so ticked ones stay ticked and are submitted. The
    behaviour lives in static/js/checklist.js (no inline script); without JavaScript the list
    still works, only the filter box stays hidden.
    """

    template_name = "core/widgets/checklist.html"

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")
