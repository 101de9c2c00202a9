"""Thin views of the registry: resolve the network, call a selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from netwerkregie.core.views import network_view

from . import selectors, services
from .forms import CoalitionCreateForm
from .models import Coalition, GovernanceUnit, Network, NetworkRole, Organisation, OrganisationType, Person, Theme


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/network_list.html",
                  {"networks": selectors.network_list_for_user(user=request.user)})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.network_memberships.select_related("network").order_by("network__name")
    return render(request, "registry/profile.html", {"memberships": memberships})


@network_view()
def dashboard(request: HttpRequest, network: Network) -> HttpResponse:
    matrix = selectors.contribution_matrix(
        network=network, type_key=request.GET.get("type") or None,
        municipality=request.GET.get("municipality") or None, sort=request.GET.get("sort", "name"))
    context = {"matrix": matrix, "types": OrganisationType.objects.all(),
               "municipalities": network.municipalities.all()}
    if request.htmx:
        return render(request, "registry/_matrix.html", context)
    context.update(counts=selectors.network_counts(network=network),
                   warnings=selectors.network_warnings(network=network),
                   themes=selectors.theme_list(network=network))
    return render(request, "registry/dashboard.html", context)


@network_view()
def search(request: HttpRequest, network: Network) -> HttpResponse:
    q = request.GET.get("q", "")
    return render(request, "registry/search.html",
                  {"q": q, "results": selectors.network_search(network=network, q=q)})


@network_view()
def organisation_list(request: HttpRequest, network: Network) -> HttpResponse:
    organisations = selectors.organisation_list(
        network=network, type_key=request.GET.get("type") or None,
        municipality=request.GET.get("municipality") or None, q=request.GET.get("q") or None)
    return render(request, "registry/organisation_list.html", {"organisations": organisations})


@network_view()
def organisation_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("type", "municipality"),
                                      network=network, pk=pk)
    return render(request, "registry/organisation_detail.html",
                  {"organisation": organisation,
                   **selectors.organisation_involvement(organisation=organisation)})


@network_view()
def person_list(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "registry/person_list.html",
                  {"people": selectors.person_list(network=network, q=request.GET.get("q"))})


@network_view()
def person_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), network=network, pk=pk)
    return render(request, "registry/person_detail.html",
                  {"person": person, **selectors.person_involvement(person=person)})


@network_view()
def theme_list(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "registry/theme_list.html", {"themes": selectors.theme_list(network=network)})


@network_view()
def theme_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme, network=network, pk=pk)
    return render(request, "registry/theme_detail.html",
                  {"theme": theme, **selectors.theme_detail(theme=theme)})


@network_view()
def coalition_list(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "registry/coalition_list.html",
                  {"coalitions": selectors.coalition_list(network=network)})


@network_view(NetworkRole.MEMBER)
def coalition_create(request: HttpRequest, network: Network) -> HttpResponse:
    form = CoalitionCreateForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        try:
            coalition = services.coalition_create(network=network, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Coalition “%(name)s” created.") % {"name": coalition.name})
            return redirect(coalition)
    return render(request, "registry/coalition_form.html", {"form": form})


@network_view()
def coalition_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    coalition = get_object_or_404(Coalition.objects.select_related("theme"), network=network, pk=pk)
    return render(request, "registry/coalition_detail.html",
                  {"coalition": coalition, **selectors.coalition_detail(coalition=coalition)})


@network_view()
def governance_unit_list(request: HttpRequest, network: Network) -> HttpResponse:
    return render(request, "registry/governance_unit_list.html",
                  {"units": selectors.governance_unit_list(network=network)})


@network_view()
def governance_unit_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    unit = get_object_or_404(GovernanceUnit, network=network, pk=pk)
    return render(request, "registry/governance_unit_detail.html",
                  {"unit": unit, "members": selectors.governance_unit_members(unit=unit)})
