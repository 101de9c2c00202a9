"""The admin's erasure of one person's personal data (AVG) under /n/<network>/assessments/people/<pk>/erase/.

It lives with the surveys because erasing a person also cuts their survey trace, which the registry
(a lower layer) cannot reach. Admins only: viewers, members and coordinators get 403 (they archive a
person who left instead); someone outside the network gets 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from netwerkregie.core.forms import save_through_service
from netwerkregie.core.roles import NetworkRole
from netwerkregie.core.views import network_view
from netwerkregie.registry.models import Network, Person

from . import forms, retention


@network_view(NetworkRole.ADMIN)
def person_erase(request: HttpRequest, network: Network, pk: int) -> HttpResponse:
    """GET: what erasing changes (retention.erasure_plan); POST with the typed name: erase, in one transaction."""
    person = get_object_or_404(Person.objects.select_related("organisation", "network"), network=network, pk=pk)
    plan = retention.erasure_plan(person=person)
    form = forms.PersonEraseForm(request.POST or None, person=person)
    if request.method == "POST" and not plan.blocked:
        name = person.name
        summary = save_through_service(form, lambda data: retention.person_erase(person=person, actor=request.user))
        if summary is not None:
            messages.success(request, _("The personal data of “%(name)s” are erased: %(kept)s answers stay "
                                        "anonymously in the results, %(deleted)s are deleted.")
                             % {"name": name, "kept": summary.answers_kept, "deleted": summary.answers_deleted})
            return redirect("registry:person_list", network=network.slug)
    return render(request, "assessments/person_erase.html", {"person": person, "plan": plan, "form": form},
                  status=422 if form.errors else 200)
