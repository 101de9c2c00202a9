"""Pages of the monitoring app.

Every member (viewer and up) reads indicators with their values, goals, effect pages, reports and
legitimation; coordinators and admins add, edit and delete indicators, values, goals, reports,
evidence, value functions and legitimation evidence, and import values (viewers and members: 403).
Deleting refuses while history depends on the object (an indicator's values and goals, a goal's
funding applications) and the page says so.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from netwerkregie.core.charts import svg_download
from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.tabular import TableImportError
from netwerkregie.core.views import create_view, delete_view, edit_view, network_view
from netwerkregie.registry.models import Network

from . import forms, importing, selectors, services, statline
from .models import CoalitionValue, Evidence, effect_url


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


@network_view()
def indicator_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """Every member: one indicator's values per area and period, paged; coordinators correct or delete them."""
    indicator = get_object_or_404(network.indicators, pk=pk)
    return render(request, "monitoring/indicator_detail.html", {
        "indicator": indicator, "page": page_of(request, selectors.indicator_values(indicator=indicator)),
        "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


def _effect(request: HttpRequest, network: Network, page: selectors.EffectPage) -> HttpResponse:
    download = svg_download(request, page.charts)
    if download is not None:
        return download
    return render(request, "monitoring/effect.html", {
        "page": page, "can_edit": request.membership.has_role(NetworkRole.COORDINATOR)})


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


def _indicator_page(obj) -> str:
    return reverse("monitoring:indicator_detail", kwargs={"network": obj.indicator.network.slug,
                                                          "pk": obj.indicator_id})


def effect_of(obj: Evidence | CoalitionValue) -> str:
    """The effect page a story, lesson or value function is shown on."""
    if isinstance(obj, CoalitionValue):
        return effect_url(obj.coalition.network, coalition=obj.coalition)
    return effect_url(obj.network, theme=obj.theme, coalition=obj.coalition)


NO_HISTORY = gettext_lazy("Nothing else depends on it; it is deleted for good.")
indicator_update = edit_view(forms.IndicatorForm, lambda n: n.indicators.all(),
                             lambda obj, **data: services.indicator_update(indicator=obj, **data),
                             back="monitoring:index")
indicator_delete = delete_view(
    lambda n: n.indicators.all(), lambda obj: services.indicator_delete(indicator=obj), back="monitoring:index",
    rule=gettext_lazy("An indicator with measured values or goals is not deleted: those are the network's history. "
                      "Delete its values and goals first, or keep it."))
value_update = edit_view(forms.IndicatorValueForm, lambda n: selectors.network_values(network=n),
                         lambda obj, **data: services.value_update(indicator_value=obj, **data),
                         back=_indicator_page)
value_delete = delete_view(lambda n: selectors.network_values(network=n),
                           lambda obj: services.value_delete(indicator_value=obj), back=_indicator_page,
                           rule=NO_HISTORY)
goal_update = edit_view(forms.GoalForm, lambda n: n.goals.all(),
                        lambda obj, **data: services.goal_update(goal=obj, **data), back="monitoring:index")
goal_delete = delete_view(
    lambda n: n.goals.all(), lambda obj: services.goal_delete(goal=obj), back="monitoring:index",
    rule=gettext_lazy("A goal that funding applications refer to is not deleted: they were judged on it."))
report_update = edit_view(forms.DataReportForm, lambda n: n.data_reports.all(),
                          lambda obj, **data: services.data_report_update(report=obj, **data), back="monitoring:index")
report_delete = delete_view(lambda n: n.data_reports.all(), lambda obj: services.data_report_delete(report=obj),
                            back="monitoring:index", rule=NO_HISTORY)
evidence_update = edit_view(forms.EvidenceForm, lambda n: n.evidence.all(),
                            lambda obj, **data: services.evidence_update(evidence=obj, **data), back=effect_of)
evidence_delete = delete_view(lambda n: n.evidence.all(), lambda obj: services.evidence_delete(evidence=obj),
                              back=effect_of, rule=NO_HISTORY)
value_function_update = edit_view(
    forms.CoalitionValueForm, lambda n: selectors.network_coalition_values(network=n),
    lambda obj, **data: services.coalition_value_update(value=obj, **data), back=effect_of)
value_function_delete = delete_view(lambda n: selectors.network_coalition_values(network=n),
                                    lambda obj: services.coalition_value_delete(value=obj), back=effect_of,
                                    rule=NO_HISTORY)
legitimation_update = edit_view(
    forms.LegitimationEvidenceForm, lambda n: n.legitimation_evidence.all(),
    lambda obj, **data: services.legitimation_evidence_update(evidence=obj, **data), back="monitoring:legitimation")
legitimation_delete = delete_view(lambda n: n.legitimation_evidence.all(),
                                  lambda obj: services.legitimation_evidence_delete(evidence=obj),
                                  back="monitoring:legitimation", rule=NO_HISTORY)
