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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_tasks import TaskResultStatus

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.selectors import worker_running
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network, NetworkRole

from . import selectors, services, tasks
from .forms import SOURCE_LABELS, AnalysisForm, RelationFilterForm, RelationForm
from .models import Relation

# One plain-language line per figure, for board members who are no network scientists.
EXPLANATIONS = {
    "nodes": gettext_lazy("Organisations in the analysis."),
    "edges": gettext_lazy("Ties between them; several relations between the same two organisations count as one tie."),
    "density": gettext_lazy("Share of all possible ties that exist: 1 means everyone works with everyone."),
    "reciprocity": gettext_lazy("Share of one-way relations (reported or entered) that the other organisation "
                                "returns."),
    "components": gettext_lazy("Separate parts without any tie between them; 1 means the network hangs together."),
    "degree_centralization": gettext_lazy("How much the ties concentrate on one organisation: 0 means all equal, "
                                          "1 a star around one."),
    "k_core": gettext_lazy("The core: the largest group in which every organisation has at least k ties inside the "
                           "group."),
    "communities": gettext_lazy("Groups of organisations with more ties among themselves than with the rest."),
    "brokers": gettext_lazy("Organisations on many shortest routes between others: they connect parts of the "
                            "network."),
    "bridges": gettext_lazy("Ties that are the only link between two parts: if one ends, the network splits."),
    "cut_points": gettext_lazy("Organisations whose departure would split the network."),
    "isolates": gettext_lazy("Organisations without any tie in the chosen relations."),
    "degree": gettext_lazy("Number of organisations it has a tie with."),
    "betweenness": gettext_lazy("Share of shortest routes between others that run through it (0–1)."),
    "closeness": gettext_lazy("How close it is to all others, in steps through the network (0–1)."),
    "eigenvector": gettext_lazy("Tied to organisations that are well tied themselves (0–1)."),
    "trust": gettext_lazy("Mean trust the others report in it: reliability, openness, shared mission (1–4)."),
    "value": gettext_lazy("Mean value the others see in it: influence, involvement, resources (1–4)."),
    "ties": gettext_lazy("Relations reported in the survey."),
    "trust_density": gettext_lazy("Share of all pairs of participating organisations with trust of 3 or more."),
}
LABELS = {
    "nodes": gettext_lazy("Size"), "edges": gettext_lazy("Ties"), "density": gettext_lazy("Density"),
    "reciprocity": gettext_lazy("Reciprocity"), "components": gettext_lazy("Components"),
    "degree_centralization": gettext_lazy("Degree centralisation"), "k_core": gettext_lazy("Core (k-core)"),
    "communities": gettext_lazy("Communities"), "brokers": gettext_lazy("Brokers"),
    "bridges": gettext_lazy("Bridges"), "cut_points": gettext_lazy("Cut points"),
    "isolates": gettext_lazy("Isolated organisations"), "degree": gettext_lazy("Degree"),
    "betweenness": gettext_lazy("Betweenness"), "closeness": gettext_lazy("Closeness"),
    "eigenvector": gettext_lazy("Eigenvector"), "trust": gettext_lazy("Trust"), "value": gettext_lazy("Value"),
    "ties": gettext_lazy("Reported relations"), "trust_density": gettext_lazy("Trust density"),
}


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
    return render(request, "analysis/relation_list.html",
                  {"relations": relations.order_by("source__name", "target__name", "kind", "pk"),
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


def _question(request: HttpRequest, network: Network) -> tuple[AnalysisForm, tasks.Question, list, object]:
    """The relations the user asked for: sources, round, direction; and the round to compare with."""
    rounds = selectors.relation_rounds(network=network)
    query = request.GET.copy()
    if query and not query.getlist("sources"):  # no source ticked means all: show them ticked
        query.setlist("sources", list(selectors.SOURCES))
    form = AnalysisForm(query or None, rounds=rounds)
    data = form.cleaned_data if form.is_valid() else {}
    by_id = {str(r.pk): r for r in rounds}
    current = by_id.get(data.get("round") or "") or (rounds[0] if rounds else None)
    previous = by_id.get(data.get("compare") or "")
    if previous is None and current is not None:
        older = rounds[rounds.index(current) + 1:]
        previous = older[0] if older else None
    question = tasks.Question(network_id=network.pk, sources=tuple(sorted(data.get("sources") or selectors.SOURCES)),
                              round_id=current.pk if current else None, directed=bool(data.get("directed")))
    return form, question, rounds, (current, previous if previous != current else None)


def _figures(analysis: dict) -> list[dict]:
    return [_figure(key, analysis[key]) for key in ("nodes", "edges", "density", "reciprocity", "components",
                                                     "degree_centralization")]


@network_view()
def analysis_page(request: HttpRequest, network: Network) -> HttpResponse:
    """Figures of the network's structure, each explained; large networks are analysed in the background."""
    form, question, rounds, (current, previous) = _question(request, network)
    size = network.organisations.count()
    background = size > selectors.INLINE_MAX
    task_result = None
    if background:
        task_result = tasks.stored_analysis(question)
        if task_result is None:
            tasks.enqueue_analysis(question)
            task_result = tasks.stored_analysis(question)
        analysis = task_result.return_value if task_result.status == TaskResultStatus.SUCCESSFUL else None
    else:
        analysis = selectors.network_analysis(network=network, sources=question.sources, survey_round=current,
                                              directed=question.directed)
    pending = background and task_result.status in (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    context = {
        "form": form, "analysis": analysis, "task_result": task_result, "background": background,
        "pending": pending, "no_worker": pending and not worker_running(),
        "failed": background and task_result.status == TaskResultStatus.FAILED,
        "figures": _figures(analysis) if analysis else [],
        "explanations": EXPLANATIONS, "labels": LABELS, "current_round": current, "previous_round": previous,
        "sources": [SOURCE_LABELS[s] for s in question.sources], "rounds": rounds,
        "received": sorted(analysis["received"], key=lambda r: (-(r["trust"] or 0), r["name"])) if analysis else [],
        "comparison": ([dict(row, label=LABELS[row["figure"]], explanation=EXPLANATIONS[row["figure"]])
                        for row in selectors.round_comparison(network=network, current=current, previous=previous)]
                       if current and previous else []),
        "warnings": [] if background else selectors.structural_warnings(network=network),
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
