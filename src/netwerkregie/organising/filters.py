"""Filters of the decision log, the action points and the objections, declared once for page and API.

See core.filters: the page renders these fields, the API list endpoint takes the same names as
query parameters and refuses the values the page marks as invalid.
"""

from __future__ import annotations

from functools import cache

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from netwerkregie.core.filters import ListFilter, NetworkChoiceField

from .models import ObjectionStatus, ProposalState
from .selectors import decisions as decision_selectors
from .selectors import meetings as meeting_selectors
from .selectors.bodies import BODY_KEY, body_choices


class ProposalFilter(ListFilter):
    """The decision log: `q` searches titles, texts, reasoning and outcomes; `body` is a body key."""

    order = ("-created_at", "-pk")

    q = forms.CharField(label=_("Search"), required=False, max_length=200,
                        widget=forms.TextInput(attrs={"type": "search",
                                                      "placeholder": _("Search texts, reasoning and outcomes")}))
    state = forms.ChoiceField(label=_("state"), required=False,
                              choices=[("", _("every state")), *ProposalState.choices])
    body = NetworkChoiceField(label=_("body"), required=False, pattern=BODY_KEY)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # Looked up once, when rendered or when a body is asked for: the API without one skips the queries.
        self.fields["body"].choices = cache(lambda: [("", _("every body")), *body_choices(network=self.network)])

    def base(self) -> QuerySet:
        return decision_selectors.proposal_list(network=self.network)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        if data["q"]:
            q = data["q"]
            queryset = queryset.filter(Q(title__icontains=q) | Q(versions__text__icontains=q)
                                       | Q(responses__reason__icontains=q) | Q(outcome__icontains=q)).distinct()
        if data["state"]:
            queryset = queryset.filter(state=data["state"])
        if data["body"]:
            kind, _sep, pk = data["body"].partition(":")
            queryset = queryset.filter(**{f"{kind}_id": int(pk)})
        return queryset


class TaskFilter(ListFilter):
    """The action points: `view` is mine (owner's e-mail is the reader's), open (default) or overdue."""

    order = ("due_date",)

    view = forms.ChoiceField(label=_("Show"), required=False, choices=meeting_selectors.TaskView.choices)

    def base(self) -> QuerySet:
        return meeting_selectors.action_point_list(network=self.network)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        return meeting_selectors.in_view(queryset, view=data["view"] or meeting_selectors.TaskView.OPEN,
                                         user=self.user)


class ObjectionFilter(ListFilter):
    """Every objection with its reasoning and resolution; `status` keeps standing, resolved or withdrawn ones."""

    order = ("-recorded_at", "-pk")

    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("every status")), *ObjectionStatus.choices])

    def base(self) -> QuerySet:
        return decision_selectors.objection_list(network=self.network)

    def narrow(self, queryset: QuerySet, data: dict) -> QuerySet:
        return queryset.filter(objection_status=data["status"]) if data["status"] else queryset
