"""Relations entered by hand: services, the relations page, and the JSON export/import round trip."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from relation_helpers import org, orgs, relation

from netwerkregie.analysis import exchange, services
from netwerkregie.analysis.models import Relation
from netwerkregie.core.roles import NetworkRole
from netwerkregie.registry import services as registry

pytestmark = pytest.mark.django_db


# Services ---------------------------------------------------------------------------------------


def test_create_update_delete(network):
    a, b, c = orgs(network, "Gemeente", "Welzijn", "GGD")
    made = services.relation_create(network=network, source=a, target=b, kind="funding", description="Subsidie",
                                    start_date=datetime.date(2024, 1, 1))
    assert Relation.objects.get(pk=made.pk).description == "Subsidie"
    services.relation_update(relation=made, target=c, end_date=datetime.date(2025, 12, 31))
    made.refresh_from_db()
    assert (made.target, made.end_date) == (c, datetime.date(2025, 12, 31))
    services.relation_delete(relation=made)
    assert not Relation.objects.exists()


def test_refusals_name_the_field(network, make_network):
    a, b = orgs(network, "A", "B")
    stranger = org(make_network("elders"), "Elders")
    cases = [
        ({"source": a, "target": stranger}, "target"),
        ({"source": stranger, "target": a}, "source"),
        ({"source": a, "target": a}, "target"),
        ({"source": a, "target": b, "start_date": datetime.date(2025, 1, 1), "end_date": datetime.date(2024, 1, 1)},
         "end_date"),
        ({"source": a, "target": b, "kind": "rumour"}, "kind"),
    ]
    for data, field in cases:
        data.setdefault("kind", "contract")
        with pytest.raises(ValidationError) as error:
            services.relation_create(network=network, **data)
        assert field in error.value.message_dict, (data, error.value.message_dict)
    made = relation(network, a, b)
    with pytest.raises(ValidationError) as error:
        services.relation_update(relation=made, target=a)
    assert "target" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.relation_update(relation=made, end_date=datetime.date(1999, 1, 1),
                                 start_date=datetime.date(2000, 1, 1))
    assert "end_date" in error.value.message_dict
    assert Relation.objects.count() == 1


# Export and import ---------------------------------------------------------------------------


def test_export_import_round_trip(network, make_network):
    a, b, c = orgs(network, "Gemeente", "Welzijn", "GGD")
    relation(network, a, b, "funding", description="Subsidie welzijn", start_date=datetime.date(2024, 1, 1),
             end_date=datetime.date(2024, 12, 31))
    relation(network, c, a, "covenant")
    relation(network, a, b, "contract", start_date=datetime.date(2025, 1, 1))
    exported = exchange.relations_export(network=network)
    assert exported[0] == {"source": "GGD", "target": "Gemeente", "kind": "covenant", "description": "",
                           "start_date": None, "end_date": None}
    copy = make_network("kopie")
    organisations = {o.name: o for o in orgs(copy, "Gemeente", "Welzijn", "GGD")}
    exchange.relations_import(network=copy, rows=exported, organisations=organisations)
    assert exchange.relations_export(network=copy) == exported
    assert Relation.objects.filter(network=copy).count() == 3


def test_import_is_atomic_and_reports_every_bad_row(network):
    organisations = {o.name: o for o in orgs(network, "A", "B")}
    rows = [
        {"source": "A", "target": "B", "kind": "funding"},
        {"source": "A", "target": "Nobody", "kind": "funding"},
        {"source": "A", "target": "B", "kind": "funding", "start_date": "gisteren"},
        {"source": "B", "target": "B", "kind": "referral"},
    ]
    with pytest.raises(ValidationError) as error:
        exchange.relations_import(network=network, rows=rows, organisations=organisations)
    assert set(error.value.message_dict) == {"relations[2].target", "relations[3].start_date", "relations[4].target"}
    assert not Relation.objects.exists()


# Pages ------------------------------------------------------------------------------------------


def test_list_with_filters(network, logged_in_client):
    a, b, c = orgs(network, "Gemeente", "Welzijn", "GGD")
    relation(network, a, b, "funding")
    relation(network, c, b, "referral", end_date=datetime.date(2020, 1, 1), start_date=datetime.date(2019, 1, 1))
    url = reverse("analysis:relation_list", kwargs={"network": network.slug})
    page = logged_in_client.get(url).content.decode()
    assert "Gemeente" in page and "GGD" in page and "/edit/" in page
    only_current = logged_in_client.get(url, {"current": "on"}).context["relations"]
    assert [r.kind for r in only_current] == ["funding"]
    by_kind = logged_in_client.get(url, {"kind": "referral"}).context["relations"]
    assert [r.source.name for r in by_kind] == ["GGD"]
    by_org = logged_in_client.get(url, {"organisation": a.pk}).context["relations"]
    assert [r.target.name for r in by_org] == ["Welzijn"]


def test_add_edit_delete_through_the_pages(network, logged_in_client):
    a, b = orgs(network, "Gemeente", "Welzijn")
    slug = network.slug
    response = logged_in_client.post(reverse("analysis:relation_create", kwargs={"network": slug}), {
        "source": a.pk, "target": b.pk, "kind": "funding", "description": "Subsidie", "start_date": "2024-01-01"})
    assert response.status_code == 302
    made = Relation.objects.get()
    assert (made.source, made.target, made.start_date) == (a, b, datetime.date(2024, 1, 1))
    refused = logged_in_client.post(reverse("analysis:relation_create", kwargs={"network": slug}), {
        "source": a.pk, "target": a.pk, "kind": "funding"})
    assert refused.status_code == 200 and refused.context["form"].errors["target"]
    edit = reverse("analysis:relation_update", kwargs={"network": slug, "pk": made.pk})
    assert logged_in_client.get(edit).status_code == 200
    logged_in_client.post(edit, {"source": b.pk, "target": a.pk, "kind": "referral", "start_date": "2024-01-01",
                                 "end_date": "2023-01-01"})
    made.refresh_from_db()
    assert made.kind == "funding"  # refused: end before start
    logged_in_client.post(edit, {"source": b.pk, "target": a.pk, "kind": "referral"})
    made.refresh_from_db()
    assert (made.source, made.kind) == (b, "referral")
    delete = reverse("analysis:relation_delete", kwargs={"network": slug, "pk": made.pk})
    assert logged_in_client.get(delete).status_code == 200
    assert logged_in_client.post(delete).status_code == 302
    assert not Relation.objects.exists()


def test_viewers_read_only_and_other_networks_are_404(network, make_network, make_user, client):
    a, b = orgs(network, "A", "B")
    made = relation(network, a, b)
    viewer = make_user("kijker")
    make_network("eigen", user=viewer)
    client.force_login(viewer)
    slug = network.slug
    list_url = reverse("analysis:relation_list", kwargs={"network": slug})
    assert client.get(list_url).status_code == 404  # not a member yet
    other_network_url = reverse("analysis:relation_update", kwargs={"network": "eigen", "pk": made.pk})
    assert client.get(other_network_url).status_code == 404
    registry.membership_set(network=network, user=viewer, role=NetworkRole.VIEWER)
    page = client.get(list_url)
    assert page.status_code == 200 and "/edit/" not in page.content.decode()
    assert not page.context["can_edit"]
    assert client.post(reverse("analysis:relation_create", kwargs={"network": slug}),
                       {"source": a.pk, "target": b.pk, "kind": "funding"}).status_code == 403
    assert client.post(reverse("analysis:relation_delete", kwargs={"network": slug, "pk": made.pk})).status_code == 403
    assert Relation.objects.count() == 1
