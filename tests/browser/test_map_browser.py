"""A network director on the map: filter by theme, click an organisation, read its details, switch to the table."""

import xml.etree.ElementTree as ET

import pytest

from netwerkregie.analysis.models import RelationKind
from netwerkregie.analysis.services import relation_create
from netwerkregie.registry import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_director_filters_the_map_by_theme_and_opens_an_organisation(live_server, page, browser_login, user,
                                                                       network, org_type):
    hospital = services.organisation_create(network=network, name="Ziekenhuis Noord", type=org_type("hospital"))
    municipality = services.organisation_create(network=network, name='Gemeente Zuidstad & "Ommeland"',
                                                type=org_type("municipality"))
    outsider = services.organisation_create(network=network, name="Welzijn West", type=org_type("welfare"))
    theme = services.theme_create(network=network, name="Gezond ouder worden")
    coalition = services.coalition_create(network=network, theme=theme, name="Valpreventie")
    for organisation in (hospital, municipality):
        services.participation_add(coalition=coalition, organisation=organisation)
    relation_create(network=network, source=hospital, target=outsider, kind=RelationKind.FUNDING)

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    browser_login(user.username)
    page.goto(f"{live_server.url}/n/{network.slug}/analysis/map/")
    page.wait_for_function("() => window.networkMap && window.networkMap.nodes().length === 3")
    assert page.evaluate("window.networkMap.edges().length") == 2

    page.select_option("select[name=theme]", label="Gezond ouder worden")
    page.wait_for_function("() => window.networkMap.nodes().length === 2")
    assert "theme=" in page.url  # the filtered map can be shared by its address

    # In braces, so nothing comes back: Playwright would serialise the returned Cytoscape element with
    # the whole graph and renderer behind it, which hangs the page ("Target crashed").
    page.evaluate("id => { window.networkMap.getElementById(id).emit('tap'); }", str(hospital.pk))
    details = page.locator("#map-details")
    assert details.locator("#map-details-name").inner_text() == "Ziekenhuis Noord"
    assert "Valpreventie" in details.inner_text()
    assert details.locator("a").get_attribute("href") == hospital.get_absolute_url()
    # Its neighbourhood stays bright; with only two organisations nothing is faded.
    assert page.evaluate(f"window.networkMap.getElementById('{municipality.pk}').hasClass('faded')") is False

    page.select_option("#map-layout", "theme")
    assert page.evaluate("window.networkMap.nodes('.group-label').map(n => n.data('label'))") == ["Gezond ouder worden"]

    with page.expect_download() as download:
        page.click("#map-export-svg")
    assert download.value.suggested_filename == "network-map.svg"
    svg = ET.parse(download.value.path()).getroot()  # well-formed XML, names escaped
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert svg.tag == "{http://www.w3.org/2000/svg}svg" and svg.get("viewBox")
    assert svg.find("svg:rect", ns).get("fill") == "#ffffff"
    circles = svg.findall("svg:g[@class='nodes']/svg:circle", ns)
    assert len(circles) == 2  # one per organisation; the theme's heading is text only
    assert sorted(c.get("fill") for c in circles) == sorted(
        page.evaluate("window.networkMap.nodes(':visible').not('.group-label').map(n => n.style('background-color'))"))
    shown_edges = page.evaluate("window.networkMap.edges(':visible').map(e => [e.style('line-color'), e.data('src')])")
    lines = svg.findall("svg:g[@class='edges']/svg:path", ns)
    assert len(lines) == len(shown_edges) >= 1
    for line, (colour, source) in zip(lines, shown_edges, strict=True):
        assert line.get("stroke") == colour
        assert (line.get("stroke-dasharray") is not None) == (source in ("comembership", "manual"))
    texts = [t.text for t in svg.findall("svg:g[@class='labels']/svg:text", ns)]
    assert sorted(texts) == ['Gemeente Zuidstad & "Ommeland"', "Gezond ouder worden", "Ziekenhuis Noord"]

    page.click("#map-table-toggle")
    assert page.locator("#network-map").is_hidden()
    nodes_table = page.locator("#map-table-nodes")
    assert nodes_table.is_visible()
    assert nodes_table.locator("tbody tr").count() == 2
    assert "Gemeente Zuidstad" in nodes_table.inner_text()
    assert page.locator("#map-table-edges tbody tr").count() == 1
    assert errors == []


def test_the_map_draws_the_strongest_ties_with_names_apart_and_shows_all_on_request(live_server, page, browser_login,
                                                                                 user, network, org_type):
    """Six partners in one coalition are 15 ties: each keeps its three strongest (12 drawn) until "show all"."""
    members = [services.organisation_create(network=network, name=f"Partner {letter}", type=org_type(key))
               for letter, key in zip("ABCDEF", ("municipality", "hospital", "gp", "welfare", "housing", "police"),
                                      strict=True)]
    theme = services.theme_create(network=network, name="Samen")
    coalition = services.coalition_create(network=network, theme=theme, name="Iedereen")
    for organisation in members:
        services.participation_add(coalition=coalition, organisation=organisation)

    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    browser_login(user.username)
    page.goto(f"{live_server.url}/n/{network.slug}/analysis/map/")
    page.wait_for_function("() => document.getElementById('network-map').dataset.loaded")
    # Only the strongest ties are sent; the page says how many more there are.
    assert page.evaluate("window.networkMap.edges().length") == 12
    assert page.evaluate("window.networkMap.edges(':visible').length") == 12
    assert "15 verbindingen" in page.locator("#map-tie-count").inner_text()
    assert "12 van de 15" in page.locator("#map-thinned").inner_text()
    assert page.locator("#map-not-sent").inner_text().startswith("Nog 3 relaties worden niet getoond")
    button = page.locator("#map-show-all")
    assert button.inner_text() == "Toon alle verbindingen (15)"

    button.click()  # loads the other ties
    page.wait_for_function("() => window.networkMap.edges(':visible').length === 15")
    assert "ties=all" in page.url and page.locator("#map-not-sent").count() == 0
    assert button.get_attribute("aria-pressed") == "true"
    assert button.inner_text() == "Toon alleen de sterkste verbindingen (12)"
    button.click()
    assert page.evaluate("window.networkMap.edges(':visible').length") == 12

    # The names shown never overlap one another.
    boxes = page.evaluate("""window.networkMap.nodes('.named').map(n => {
        const b = n.boundingBox({includeNodes: false, includeLabels: true}); return [b.x1, b.y1, b.x2, b.y2]; })""")
    assert boxes
    for i, one in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not (one[0] < other[2] and other[0] < one[2] and one[1] < other[3] and other[1] < one[3])
    # Zoomed far out there is room for fewer names; pointing at an unnamed organisation names it.
    page.evaluate("() => { window.networkMap.zoom({level: 0.05, renderedPosition: {x: 10, y: 10}}); }")
    page.wait_for_function("() => window.networkMap.nodes('.named').length < 6")
    unnamed = page.evaluate("window.networkMap.nodes().not('.named')[0].id()")
    page.evaluate("id => { window.networkMap.getElementById(id).emit('mouseover'); }", unnamed)
    assert page.evaluate("id => window.networkMap.getElementById(id).style('label')", unnamed).startswith("Partner ")
    page.evaluate("id => { window.networkMap.getElementById(id).emit('mouseout'); }", unnamed)
    assert page.evaluate("id => window.networkMap.getElementById(id).style('label')", unnamed) == ""
    assert errors == []
