"""Pages of the monitoring app.

Every member (viewer and up) reads indicators, goals, effect pages, reports and legitimation;
coordinators and admins add indicators, goals, reports, evidence and import values.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.core.charts import svg_download
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.tabular import TableImportError
from netwerkregie.core.views import create_view, network_view
from netwerkregie.registry.models import Network

from . import forms, importing, selectors, services, statline


@network_view()
def index(request: HttpRequest, network: Network) -> HttpResponse:
    goals = list(selectors.goal_queryset(network=network))
    return render(request, "monitoring/index.html", {
        "indicators": selectors.indicator_list(network=network),
        "goals": selectors.goal_views(network=network, goals=goals, values=[]),
        "reports": network.data_reports.all(), "overdue": {r.pk for r in selectors.overdue_reports(network=network)},
        "themes": network.themes.prefetch_related("coalitions"),
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR),
    })


def _effect(request: HttpRequest, network: Network, page: selectors.EffectPage) -> HttpResponse:
    download = svg_download(request, page.charts)
    if download is not None:
        return download
    return render(request, "monitoring/effect.html", {"page": page})


@network_view()
def theme_effect(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    theme = get_object_or_404(network.themes, pk=pk)
    return _effect(request, network, selectors.effect_page(network=network, theme=theme))


@network_view()
def coalition_effect(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    coalition = get_object_or_404(network.coalitions, pk=pk)
    return _effect(request, network, selectors.effect_page(network=network, coalition=coalition))


@network_view()
def legitimation(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "monitoring/legitimation.html", {
        "legitimation": selectors.legitimation(network=network),
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


@network_view(NetworkRole.COORDINATOR)
def value_import(request: HttpRequest, network: Network) -> HttpResponse:
    """Upload or fetch values; every bad row is listed and nothing is stored until all are right."""
    form = forms.ImportForm(request.POST or None, request.FILES or None, network=network)
    errors = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data.get("file")
        try:
            if data["kind"] == form.LONG:
                result = importing.import_long_format(network=network, name=upload.name, handle=upload)
            elif data["kind"] == form.STATLINE_CSV:
                result = importing.import_statline_csv(network=network, name=upload.name, handle=upload,
                                                       indicator=data["indicator"], measure=data["measure"])
            else:
                result = statline.import_statline_table(network=network, table_id=data["table_id"],
                                                        indicator=data["indicator"], measure=data["measure"],
                                                        filters=data["filters"])
        except TableImportError as error:
            errors = error.errors
        else:
            messages.success(request, _("%(created)d values added, %(updated)d updated.")
                             % {"created": result.written.created, "updated": result.written.updated})
            return redirect("monitoring:index", network=network.slug)
    return render(request, "monitoring/import.html", {"form": form, "errors": errors})


def _create_view(form_class: type, write: Callable, title: str, back: str = "monitoring:index") -> Callable:
    return create_view(form_class, write, title, back=back)


indicator_create = _create_view(forms.IndicatorForm, services.indicator_create, gettext_lazy("New indicator"))
goal_create = _create_view(forms.GoalForm, services.goal_create, gettext_lazy("New goal"))
report_create = _create_view(forms.DataReportForm, services.data_report_create, gettext_lazy("New data-team report"))
evidence_create = _create_view(forms.EvidenceForm, services.evidence_create,
                               gettext_lazy("New story or lesson learned"))
value_function_create = _create_view(
    forms.CoalitionValueForm, lambda *, network, **data: services.coalition_value_add(**data),
    gettext_lazy("New value function"))
legitimation_create = _create_view(forms.LegitimationEvidenceForm, services.legitimation_evidence_add,
                                   gettext_lazy("New legitimation evidence"), back="monitoring:legitimation")
