"""Thin views of the analysis app: the relations entered by hand and the analysis page.

A viewer reads; a member or more adds, edits and deletes relations. Relations of another
network are a 404, exactly like relations that do not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from netwerkregie.assessments.selectors import counting_round
from netwerkregie.core.forms import save_through_service
from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.selectors import worker_running
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network
from netwerkregie.registry.selectors import PARTICIPANTS_DEFINITION, participant_count

from . import selectors, services, tasks
from .contract import NetworkAnalysis
from .figures import EXPLANATIONS, LABELS
from .forms import AnalysisForm, RelationFilterForm, RelationForm
from .models import Relation, RelationSource
from .stored import Question, question_asked


def _figure(key: str, value: object) -> dict:
    return {"key": key, "label": LABELS[key], "value": value, "explanation": EXPLANATIONS[key]}


# Relations entered by hand -----------------------------------------------------------------------


@network_view()
def relation_list(request: HttpRequest, network: Network) -> HttpResponse:
    form = RelationFilterForm(request.GET or None, network=network)
    relations = Relation.objects.filter(network=network).select_related("source", "target")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            relations = relations.filter(kind=data["kind"])
        if data["organisation"]:
            relations = relations.filter(Q(source=data["organisation"]) | Q(target=data["organisation"]))
        if data["current"]:
            relations = relations.active()
    relations = relations.order_by("source__sort_name", "target__sort_name", "kind", "pk")
    return render(request, "analysis/relation_list.html",
                  {"relations": page_of(request, relations),
                   "filter_form": form,
                   "can_edit": request.membership.has_role(NetworkRole.MEMBER)})


def _list_url(network: Network) -> str:
    return reverse("analysis:relation_list", kwargs={"network": network.slug})


def _relation_form_page(request: HttpRequest, network: Network, relation: Relation, title: str,
                        write) -> HttpResponse:
    form = RelationForm(request.POST or None, network=network, instance=relation)
    if request.method == "POST" and save_through_service(form, write) is not None:
        messages.success(request, _("Relation saved."))
        return redirect(_list_url(network))
    return render(request, "registry/object_form.html",
                  {"form": form, "title": title, "cancel_url": _list_url(network)})


@network_view(NetworkRole.MEMBER)
def relation_create(request: HttpRequest, network: Network) -> HttpResponse:
    return _relation_form_page(request, network, Relation(network=network), _("New relation"),
                               lambda data: services.relation_create(network=network, **data))


@network_view(NetworkRole.MEMBER)
def relation_update(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    relation = get_object_or_404(Relation.objects.select_related("network", "source", "target"),
                                 network=network, pk=pk)
    return _relation_form_page(request, network, relation, _("Edit relation “%(relation)s”") % {"relation": relation},
                               lambda data: services.relation_update(relation=relation, **data))


@network_view(NetworkRole.MEMBER)
def relation_delete(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    relation = get_object_or_404(Relation.objects.select_related("source", "target"), network=network, pk=pk)
    if request.method == "POST":
        services.relation_delete(relation=relation)
        messages.success(request, _("Relation “%(relation)s” deleted.") % {"relation": relation})
        return redirect(_list_url(network))
    return render(request, "registry/object_confirm_delete.html", {
        "title": _("Delete relation “%(relation)s”?") % {"relation": relation},
        "explanation": _("Only this relation is deleted; both organisations stay."),
        "button": _("Delete"), "cancel_url": _list_url(network)})


# The analysis page --------------------------------------------------------------------------------


def _question(request: HttpRequest, network: Network) -> tuple[AnalysisForm, Question, list, object]:
    """The relations the user asked for: sources, round, direction; and the round to compare with.

    Without a chosen round the question is of the round that counts today, so every visit without
    one (and the dashboard's warnings) finds the same stored analysis.
    """
    rounds = selectors.relation_rounds(network=network)
    query = request.GET.copy()
    if query and not query.getlist("sources"):  # no source ticked means all: show them ticked
        query.setlist("sources", list(selectors.SOURCES))
    form = AnalysisForm(query or None, rounds=rounds)
    data = form.cleaned_data if form.is_valid() else {}
    by_id = {str(r.pk): r for r in rounds}
    chosen = by_id.get(data.get("round") or "")
    current = chosen or selectors.relations_round(network=network)
    previous = by_id.get(data.get("compare") or "")
    if previous is None and current is not None:
        older = rounds[rounds.index(current) + 1:]
        previous = older[0] if older else None
    question = question_asked(network_id=network.pk, sources=data.get("sources") or selectors.SOURCES,
                              survey_round=chosen, directed=bool(data.get("directed")),
                              survey_ties=selectors.survey_ties_for(request.membership))
    return form, question, rounds, (current, previous if previous != current else None)


def _figures(analysis: NetworkAnalysis) -> list[dict]:
    return [_figure(key, getattr(analysis, key)) for key in ("nodes", "edges", "density", "reciprocity",
                                                             "components", "degree_centralization")]


@network_view()
def analysis_page(request: HttpRequest, network: Network) -> HttpResponse:
    """Figures of the network's structure, each explained; any member (viewer and up) sees them, survey
    ties as `survey_ties_for` discloses them. Large networks are analysed in the background: meanwhile
    the page says so and shows the previous analysis marked out of date (tasks.analysis_state)."""
    form, question, rounds, (current, previous) = _question(request, network)
    size = network.organisations.count()
    state = tasks.analysis_state(network=network, question=question, size=size)
    structure = selectors.structure_question(network)
    if state.background and question.key != structure.key:
        # the dashboard's structural warnings wait for this one: queue it too when it is not current
        tasks.analysis_state(network=network, question=structure, size=size)
    analysis = state.analysis
    context = {
        "form": form, "analysis": analysis, "state": state, "background": state.background,
        "pending": state.pending, "no_worker": state.pending and not worker_running(),
        "failed": state.failed, "figures": _figures(analysis) if analysis else [],
        "explanations": EXPLANATIONS, "labels": LABELS, "current_round": current, "previous_round": previous,
        "counting": counting_round(network=network, instrument=selectors.RELATIONS_INSTRUMENT, chosen=current),
        "participants": participant_count(network=network), "participants_definition": PARTICIPANTS_DEFINITION,
        "sources": [RelationSource(s).label for s in question.sources], "rounds": rounds,
        "received": sorted(analysis.received, key=lambda r: (-(r.trust or 0), r.name)) if analysis else [],
        "comparison": ([dict(row, label=LABELS[row["figure"]], explanation=EXPLANATIONS[row["figure"]])
                        for row in selectors.figures_then_and_now(network=network, current=current, previous=previous)]
                       if current and previous else []),
        "warnings": [] if state.background else selectors.structural_warnings(network=network),
    }
    if request.htmx:
        return render(request, "analysis/_analysis_body.html", context)
    return render(request, "analysis/analysis.html", context)


@require_POST
@network_view()
def analysis_refresh(request: HttpRequest, network: Network) -> HttpResponse:
    """Compute a large network's analysis again in the background (after the data changed)."""
    _form, question, _rounds, _pair = _question(request, network)
    tasks.enqueue_analysis(question)
    messages.info(request, _("The analysis is being computed again; this page shows it when it is ready."))
    return redirect(f"{reverse('analysis:index', kwargs={'network': network.slug})}?{request.GET.urlencode()}")
