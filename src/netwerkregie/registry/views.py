"""Thin views of the registry: resolve the network, call a selector or a service, render.

Who may do what in the UI (the API follows the same ranks):
- viewer: reads everything of the network, writes nothing (a write is a 403);
- member and coordinator: keep the registry – create, edit, end and delete themes and their
  roles, coalitions with their participations and initiatives, governance units and their
  memberships; create, edit, archive and restore organisations and people;
- admin: all of that, plus erasing an organisation or person for good (AVG), the network's
  settings (among them who sees contact details) and its members and their roles.
Any logged-in user may start a new network and becomes its admin. Objects of another network
are a 404, exactly like objects that do not exist.

Creating, editing and deleting the registry's objects share one set of generic views, driven
by an `Editable` per kind: which form, which objects of the network, which services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from netwerkregie.core.deletion import deletion_consequences
from netwerkregie.core.forms import save_through_service
from netwerkregie.core.pagination import page_of
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view

from . import filters, forms, selectors, services
from .models import (
    ApiToken,
    Coalition,
    CoalitionParticipation,
    GovernanceUnit,
    GovernanceUnitMembership,
    Initiative,
    Network,
    NetworkMembership,
    Organisation,
    Person,
    Theme,
    ThemeRole,
)

Write = Callable[..., Any]


# Networks and profile -------------------------------------------------------------------


@login_required
def network_list(request: HttpRequest) -> HttpResponse:
    return render(request, "registry/network_list.html",
                  {"networks": selectors.network_list_for_user(user=request.user)})


@login_required
def network_create(request: HttpRequest) -> HttpResponse:
    """Anyone with an account may start a network; they become its first admin."""
    form = forms.NetworkSettingsForm(request.POST or None)
    if request.method == "POST":
        network = save_through_service(form, lambda data: services.network_create(creator=request.user, **data))
        if network is not None:
            messages.success(request, _("Network “%(name)s” created. You are its admin.")
                             % {"name": network.name})
            return redirect(network)
    return render(request, "registry/object_form.html",
                  {"form": form, "title": _("New network"),
                   "cancel_url": reverse("registry:network_list")})


@network_view(NetworkRole.ADMIN)
def network_settings(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.NetworkSettingsForm(request.POST or None, instance=network)
    if request.method == "POST":
        saved = save_through_service(form, lambda data: services.network_update(network=network, **data))
        if saved is not None:
            messages.success(request, _("Settings saved."))
            return redirect("registry:network_settings", network=saved.slug)
        network.refresh_from_db()  # the navigation keeps showing the stored name and slug
    return render(request, "registry/network_settings.html", {"form": form})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = request.user.network_memberships.select_related("network").order_by("network__name")
    return render(request, "registry/profile.html", {"memberships": memberships})


@never_cache
@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List and create the user's own API tokens; a new token's plain text is shown once."""
    form = forms.ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST":
        created = save_through_service(form, lambda data: services.api_token_create(user=request.user, **data))
        if created is not None:
            new_token = created[1]
            form = forms.ApiTokenForm()
    tokens = ApiToken.objects.filter(user=request.user).order_by("-created_at")
    return render(request, "registry/api_tokens.html",
                  {"form": form, "tokens": tokens, "new_token": new_token})


@require_POST
@login_required
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    services.api_token_delete(token=token)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("registry:api_tokens")


# Members ----------------------------------------------------------------------------------


@network_view(NetworkRole.ADMIN)
def member_list(request: HttpRequest, network: Network) -> HttpResponse:
    """The network's members and their roles; admins add people here, by e-mail address.

    Adding gives the same outcome whether or not the address has an account (services), so the
    page cannot be used to find out who has one.
    """
    form = forms.MemberAddForm(request.POST or None)
    if request.method == "POST":
        membership = save_through_service(form, lambda data: services.membership_add(
            network=network, user_identifier=data["user"], role=data["role"], added_by=request.user,
            base_url=request.build_absolute_uri("/")))
        if membership is not None:
            messages.success(request, _("%(user)s added as %(role)s.")
                             % {"user": form.cleaned_data["user"].strip(), "role": membership.get_role_display()})
            return redirect("registry:member_list", network=network.slug)
    memberships = (network.memberships.select_related("user")
                   .order_by("user__username"))
    return render(request, "registry/member_list.html",
                  {"form": form, "memberships": memberships, "roles": NetworkRole.choices,
                   "invite_form": forms.MemberInviteForm(), "invitation_days": settings.MEMBER_INVITATION_DAYS,
                   "invitations": network.member_invitations.open().select_related("invited_by")})


def _membership(network: Network, pk: int) -> NetworkMembership:
    return get_object_or_404(network.memberships.select_related("user", "network"), pk=pk)


def _after_own_change(request: HttpRequest, network: Network) -> HttpResponse:
    """Where to go after a membership change: an admin who stepped down can't manage members."""
    membership = network.memberships.filter(user=request.user).first()
    if membership is None:
        return redirect("registry:network_list")
    if membership.role != NetworkRole.ADMIN:
        return redirect(network)
    return redirect("registry:member_list", network=network.slug)


@network_view(NetworkRole.ADMIN)
@require_POST
def member_role(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    membership = _membership(network, pk)
    form = forms.MemberRoleForm(request.POST)
    if save_through_service(form, lambda data: services.membership_change_role(membership=membership, by=request.user,
                                                                               **data)):
        messages.success(request, _("%(user)s is now %(role)s.")
                         % {"user": membership.user, "role": membership.get_role_display()})
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return _after_own_change(request, network)


@network_view(NetworkRole.ADMIN)
def member_remove(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    membership = _membership(network, pk)
    if request.method == "POST":
        try:
            services.membership_remove(network=network, user=membership.user, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(user)s no longer has access to %(network)s.")
                             % {"user": membership.user, "network": network.name})
        return _after_own_change(request, network)
    return render(request, "registry/object_confirm_delete.html", {
        "title": _("Remove %(user)s from %(network)s?") % {"user": membership.user,
                                                          "network": network.name},
        "explanation": _("They lose access to this network. Their account and the registry "
                         "stay as they are."),
        "button": _("Remove"),
        "cancel_url": reverse("registry:member_list", kwargs={"network": network.slug}),
    })


# Generic create, edit, end, delete ------------------------------------------------------


@dataclass(frozen=True)
class Editable:
    """How the UI writes one kind of registry object: its form, its scope and its services.

    Objects created inside another one (a theme role inside its theme) name that parent's
    field in `parent_field`; `parent_scope` finds the parent among the network's objects.
    """

    model: type[models.Model]
    form: type[forms.NetworkScopedForm]
    scope: Callable[[Network], models.QuerySet]
    create: Write
    update: Write
    delete: Write | None  # None: not deleted here (a person's erasure is the survey app's page)
    list_url: str = ""
    parent_field: str = ""
    end: Write | None = None  # a role with a period: ended today rather than deleted, to keep history
    parent_scope: Callable[[Network], models.QuerySet] | None = None
    # Organisations and people are archived to keep history; deleting them is an admin's
    # erasure of personal data (AVG).
    archive: Write | None = None
    restore: Write | None = None

    def home(self, obj: models.Model) -> str:
        """The page that shows the object: its own, or its parent's."""
        return (getattr(obj, self.parent_field) if self.parent_field else obj).get_absolute_url()

    def new_instance(self, network: Network, parent: models.Model | None) -> models.Model:
        return self.model(**{self.parent_field: parent} if self.parent_field else {"network": network})


EDITABLES: dict[str, Editable] = {
    "organisation": Editable(
        Organisation, forms.OrganisationForm,
        scope=lambda n: Organisation.objects.filter(network=n).select_related("network"),
        create=lambda network, parent, data: services.organisation_create(network=network, **data),
        update=lambda obj, data: services.organisation_update(organisation=obj, **data),
        delete=lambda obj: services.organisation_erase(organisation=obj),
        archive=lambda obj: services.organisation_archive(organisation=obj),
        restore=lambda obj: services.organisation_restore(organisation=obj),
        list_url="registry:organisation_list"),
    "person": Editable(
        Person, forms.PersonForm,
        scope=lambda n: Person.objects.filter(network=n).select_related("network"),
        create=lambda network, parent, data: services.person_create(network=network, **data),
        update=lambda obj, data: services.person_update(person=obj, **data),
        delete=None,  # erasing a person also erases their survey trace: assessments.erasure_views
        archive=lambda obj: services.person_archive(person=obj),
        restore=lambda obj: services.person_restore(person=obj),
        list_url="registry:person_list"),
    "theme": Editable(
        Theme, forms.ThemeForm,
        scope=lambda n: Theme.objects.filter(network=n).select_related("network"),
        create=lambda network, parent, data: services.theme_create(network=network, **data),
        update=lambda obj, data: services.theme_update(theme=obj, **data),
        delete=lambda obj: services.theme_delete(theme=obj),
        list_url="registry:theme_list"),
    "coalition": Editable(
        Coalition, forms.CoalitionEditForm,
        scope=lambda n: Coalition.objects.filter(network=n).select_related("network"),
        create=lambda network, parent, data: services.coalition_create(network=network, **data),
        update=lambda obj, data: services.coalition_update(coalition=obj, **data),
        delete=lambda obj: services.coalition_delete(coalition=obj),
        list_url="registry:coalition_list"),
    "governance_unit": Editable(
        GovernanceUnit, forms.GovernanceUnitForm,
        scope=lambda n: GovernanceUnit.objects.filter(network=n).select_related("network"),
        create=lambda network, parent, data: services.governance_unit_create(network=network,
                                                                             **data),
        update=lambda obj, data: services.governance_unit_update(unit=obj, **data),
        delete=lambda obj: services.governance_unit_delete(unit=obj),
        list_url="registry:governance_unit_list"),
    "initiative": Editable(
        Initiative, forms.InitiativeForm,
        scope=lambda n: Initiative.objects.filter(coalition__network=n)
        .select_related("coalition__network"),
        create=lambda network, parent, data: services.initiative_create(coalition=parent, **data),
        update=lambda obj, data: services.initiative_update(initiative=obj, **data),
        delete=lambda obj: services.initiative_delete(initiative=obj),
        parent_scope=lambda n: Coalition.objects.filter(network=n).select_related("network"),
        parent_field="coalition"),
    "theme_role": Editable(
        ThemeRole, forms.ThemeRoleForm,
        scope=lambda n: ThemeRole.objects.filter(theme__network=n)
        .select_related("theme__network", "person"),
        create=lambda network, parent, data: services.theme_role_add(theme=parent, **data),
        update=lambda obj, data: services.theme_role_update(role=obj, **data),
        delete=lambda obj: services.theme_role_delete(role=obj),
        parent_scope=lambda n: Theme.objects.filter(network=n).select_related("network"),
        parent_field="theme", end=lambda obj: services.theme_role_end(role=obj)),
    "participation": Editable(
        CoalitionParticipation, forms.ParticipationForm,
        scope=lambda n: CoalitionParticipation.objects.filter(coalition__network=n)
        .select_related("coalition__network", "organisation"),
        create=lambda network, parent, data: services.participation_add(coalition=parent, **data),
        update=lambda obj, data: services.participation_update(participation=obj, **data),
        delete=lambda obj: services.participation_delete(participation=obj),
        parent_scope=lambda n: Coalition.objects.filter(network=n).select_related("network"),
        parent_field="coalition",
        end=lambda obj: services.participation_end(participation=obj)),
    "unit_membership": Editable(
        GovernanceUnitMembership, forms.UnitMembershipForm,
        scope=lambda n: GovernanceUnitMembership.objects.filter(unit__network=n)
        .select_related("unit__network", "person"),
        create=lambda network, parent, data: services.unit_membership_add(unit=parent, **data),
        update=lambda obj, data: services.unit_membership_update(membership=obj, **data),
        delete=lambda obj: services.unit_membership_delete(membership=obj),
        parent_scope=lambda n: GovernanceUnit.objects.filter(network=n).select_related("network"),
        parent_field="unit", end=lambda obj: services.unit_membership_end(membership=obj)),
}


def _form_page(request: HttpRequest, form: BaseForm, title: str,
               cancel_url: str) -> HttpResponse:
    if request.htmx:  # an inline form on a detail page: show its errors in place
        return render(request, "registry/_inline_form.html",
                      {"form": form, "action": request.path})
    return render(request, "registry/object_form.html",
                  {"form": form, "title": title, "cancel_url": cancel_url})


def _saved(request: HttpRequest, message: str, url: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


@network_view(NetworkRole.MEMBER)
def object_create(request: HttpRequest, network: Network, kind: str,
                  parent: int | None = None) -> HttpResponse:
    editable = EDITABLES[kind]
    parent_obj = (get_object_or_404(editable.parent_scope(network), pk=parent)
                  if editable.parent_scope else None)
    # A link may prefill fields, e.g. "add a person" on an organisation's page.
    form = editable.form(request.POST or None, network=network, initial=request.GET.dict(),
                         instance=editable.new_instance(network, parent_obj))
    verbose_name = editable.model._meta.verbose_name
    if request.method == "POST":
        obj = save_through_service(form, lambda data: editable.create(network, parent_obj, data))
        if obj is not None:
            return _saved(request, _("%(kind)s “%(name)s” saved.")
                          % {"kind": capfirst(verbose_name), "name": obj}, editable.home(obj))
    cancel_url = (parent_obj.get_absolute_url() if parent_obj
                  else reverse(editable.list_url, kwargs={"network": network.slug}))
    title = _("New %(kind)s") % {"kind": verbose_name}
    if parent_obj:
        title = _("%(title)s in %(parent)s") % {"title": title, "parent": parent_obj}
    return _form_page(request, form, title, cancel_url)


@network_view(NetworkRole.MEMBER)
def object_update(request: HttpRequest, network: Network, kind: str, pk: int) -> HttpResponse:
    editable = EDITABLES[kind]
    obj = get_object_or_404(editable.scope(network), pk=pk)
    title = _("Edit %(kind)s “%(name)s”") % {"kind": editable.model._meta.verbose_name,
                                             "name": obj}
    form = editable.form(request.POST or None, network=network, instance=obj)
    if request.method == "POST":
        saved = save_through_service(form, lambda data: editable.update(obj, data))
        if saved is not None:
            return _saved(request, _("Changes saved."), editable.home(saved))
    return _form_page(request, form, title, editable.home(obj))


@network_view(NetworkRole.MEMBER)
@require_POST
def object_end(request: HttpRequest, network: Network, kind: str, pk: int) -> HttpResponse:
    """End a role today: it stays in the history instead of disappearing."""
    editable = EDITABLES[kind]
    obj = get_object_or_404(editable.scope(network), pk=pk)
    try:
        editable.end(obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(name)s” ended today; it stays in the history.")
                         % {"name": obj})
    return redirect(editable.home(obj))


@network_view(NetworkRole.MEMBER)
def object_delete(request: HttpRequest, network: Network, kind: str, pk: int) -> HttpResponse:
    """Delete after a page saying what goes with it. Organisations and people are archived
    by members; deleting one is an admin's erasure (AVG) and the page says so."""
    editable = EDITABLES[kind]
    erasure = editable.archive is not None
    if erasure and not request.membership.has_role(NetworkRole.ADMIN):
        raise PermissionDenied
    obj = get_object_or_404(editable.scope(network), pk=pk)
    verbose_name = editable.model._meta.verbose_name
    after = (editable.home(obj) if editable.parent_field
             else reverse(editable.list_url, kwargs={"network": network.slug}))
    deleted, unlinked, protected = deletion_consequences(obj)
    if request.method == "POST" and not protected:
        name = str(obj)
        editable.delete(obj)
        messages.success(request, (_("%(kind)s “%(name)s” erased.") if erasure
                                   else _("%(kind)s “%(name)s” deleted."))
                         % {"kind": capfirst(verbose_name), "name": name})
        return redirect(after)
    if erasure:
        return render(request, "registry/object_confirm_delete.html", {
            "title": _("Erase %(kind)s “%(name)s” for good?") % {"kind": verbose_name, "name": obj},
            "explanation": _("Erasing removes this record and what hangs on it from the database "
                             "(right to erasure, AVG); it cannot be undone. When someone or an "
                             "organisation simply left the network, archive instead: that keeps "
                             "the history."),
            "deleted": deleted, "unlinked": unlinked, "protected": protected, "erasure": True,
            "button": _("Erase for good"), "cancel_url": editable.home(obj),
        })
    return render(request, "registry/object_confirm_delete.html", {
        "title": _("Delete %(kind)s “%(name)s”?") % {"kind": verbose_name, "name": obj},
        "deleted": deleted, "unlinked": unlinked, "protected": protected,
        "button": _("Delete"), "cancel_url": editable.home(obj), "ends": editable.end is not None,
    })


@network_view(NetworkRole.MEMBER)
def object_archive(request: HttpRequest, network: Network, kind: str, pk: int) -> HttpResponse:
    """Member and up: archive after a page saying what ends; nothing is deleted."""
    editable = EDITABLES[kind]
    obj = get_object_or_404(editable.scope(network), pk=pk)
    if request.method == "POST":
        editable.archive(obj)
        messages.success(request, _("“%(name)s” archived; its history stays.") % {"name": obj})
        return redirect(obj)
    return render(request, "registry/object_confirm_delete.html", {
        "title": _("Archive %(kind)s “%(name)s”?") % {"kind": editable.model._meta.verbose_name,
                                                      "name": obj},
        "explanation": _("It leaves the current lists and choices, and its current roles and "
                         "coalition participations end today. Survey answers, relations and "
                         "past roles stay, and you can restore it later."),
        "button": _("Archive"), "cancel_url": obj.get_absolute_url(),
    })


@network_view(NetworkRole.MEMBER)
@require_POST
def object_restore(request: HttpRequest, network: Network, kind: str, pk: int) -> HttpResponse:
    editable = EDITABLES[kind]
    obj = get_object_or_404(editable.scope(network), pk=pk)
    editable.restore(obj)
    messages.success(request, _("“%(name)s” is current again.") % {"name": obj})
    return redirect(obj)


# Coalition creation with its first organisations -----------------------------------------


@network_view(NetworkRole.MEMBER)
def coalition_create(request: HttpRequest, network: Network) -> HttpResponse:
    form = forms.CoalitionCreateForm(request.POST or None, network=network)
    if request.method == "POST":
        coalition = save_through_service(form, lambda data: services.coalition_create(network=network, **data))
        if coalition is not None:
            messages.success(request, _("Coalition “%(name)s” created.") % {"name": coalition.name})
            return redirect(coalition)
    return render(request, "registry/coalition_form.html", {"form": form})


# Reading ---------------------------------------------------------------------------------

PARTNERS_SHOWN = 5  # partners named per coalition in the coalition list; the rest are counted


def _can_edit(request: HttpRequest) -> bool:
    return request.membership.has_role(NetworkRole.MEMBER)


def _inline_form(request: HttpRequest, kind: str, network: Network) -> forms.NetworkScopedForm | None:
    """An empty add form for a detail page, only for those who may use it."""
    return EDITABLES[kind].form(network=network) if _can_edit(request) else None


@network_view()
def search(request: HttpRequest, network: Network) -> HttpResponse:
    q = request.GET.get("q", "")
    return render(request, "registry/search.html",
                  {"q": q, "results": selectors.network_search(network=network, q=q)})


@network_view()
def organisation_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role: the current organisations (archived ones on request), searchable, paged."""
    list_filter = filters.OrganisationFilter(request.GET, network=network)
    return render(request, "registry/organisation_list.html",
                  {"filter": list_filter, "page": page_of(request, list_filter.queryset())})


@network_view()
def organisation_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("type", "municipality"),
                                      network=network, pk=pk)
    return render(request, "registry/organisation_detail.html",
                  {"organisation": organisation,
                   **selectors.organisation_involvement(organisation=organisation)})


@network_view()
def person_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role; e-mail and phone only for the roles the network's setting allows."""
    list_filter = filters.PersonFilter(request.GET, network=network)
    return render(request, "registry/person_list.html", {
        "filter": list_filter, "page": page_of(request, list_filter.queryset()),
        "sees_contact_details": selectors.sees_contact_details(membership=request.membership)})


@network_view()
def person_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), network=network, pk=pk)
    return render(request, "registry/person_detail.html", {
        "person": person, **selectors.person_involvement(person=person),
        "sees_contact_details": selectors.sees_contact_details(membership=request.membership)})


@network_view()
def initiative_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role: the initiatives of all coalitions, by theme, coalition or status."""
    list_filter = filters.InitiativeFilter(request.GET, network=network)
    return render(request, "registry/initiative_list.html",
                  {"filter": list_filter, "page": page_of(request, list_filter.queryset())})


@network_view()
def theme_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role: the themes with their coalition counts, paged."""
    return render(request, "registry/theme_list.html",
                  {"page": page_of(request, selectors.theme_list(network=network))})


@network_view()
def theme_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    theme = get_object_or_404(Theme, network=network, pk=pk)
    return render(request, "registry/theme_detail.html",
                  {"theme": theme, "role_form": _inline_form(request, "theme_role", network),
                   **selectors.theme_detail(theme=theme)})


@network_view()
def coalition_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role: the coalitions by theme with their first partners, paged."""
    return render(request, "registry/coalition_list.html",
                  {"page": page_of(request, selectors.coalition_list(network=network)),
                   "partners_shown": PARTNERS_SHOWN})


@network_view()
def coalition_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    coalition = get_object_or_404(Coalition.objects.select_related("theme"), network=network, pk=pk)
    return render(request, "registry/coalition_detail.html", {
        "coalition": coalition,
        "participation_form": _inline_form(request, "participation", network),
        "initiative_form": _inline_form(request, "initiative", network),
        **selectors.coalition_detail(coalition=coalition)})


@network_view()
def governance_unit_list(request: HttpRequest, network: Network) -> HttpResponse:
    """Every role: the governance units with their member counts, paged."""
    return render(request, "registry/governance_unit_list.html",
                  {"page": page_of(request, selectors.governance_unit_list(network=network))})


@network_view()
def governance_unit_detail(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    unit = get_object_or_404(GovernanceUnit, network=network, pk=pk)
    return render(request, "registry/governance_unit_detail.html",
                  {"unit": unit, "members": selectors.governance_unit_members(unit=unit),
                   "membership_form": _inline_form(request, "unit_membership", network)})
