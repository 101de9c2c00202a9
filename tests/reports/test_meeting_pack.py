"""The meeting pack lays out what the organising app gives it: agenda, proposals with objections, minutes."""

from __future__ import annotations

import datetime
import io

from pypdf import PdfReader

from netwerkregie.reports.meeting import (
    ActionPoint,
    AgendaItem,
    MeetingPack,
    Minutes,
    Objection,
    Proposal,
    ResultSummary,
    meeting_pack_html,
    meeting_pack_pdf,
)

PACK = MeetingPack(
    network_name="Regio Kustland", title="Regiegroep 12 maart 2026", date=datetime.date(2026, 3, 12),
    body="Bestuurlijke regiegroep", location="Gemeentehuis Strandhoven", language="nl",
    agenda=[AgendaItem("Opening en mededelingen"), AgendaItem("Spelregels coalities", kind="ter besluitvorming"),
            AgendaItem("Resultaten netwerkmonitor", "Toelichting door de netwerkregisseur.")],
    proposals=[
        Proposal("Instemmen met de spelregels voor coalities", "Elke coalitie heeft minstens twee partijen.",
                 [Objection("Te weinig ruimte voor kleine partijen.", by="Welzijn Strandhoven"),
                  Objection("Termijn onduidelijk.", by="GGZ Duinstreek", resolved=True)]),
        Proposal("Budget valpreventie 2027", "€ 25.000 uit het regiobudget."),
    ],
    previous_minutes=Minutes("Regiegroep 14 januari 2026", datetime.date(2026, 1, 14),
                             "De regiegroep besprak de opgave.\n\nBesluit: de netwerkmonitor gaat door."),
    action_points=[ActionPoint("Conceptspelregels rondsturen", "Anne de Vries", datetime.date(2026, 2, 1))],
    results=[ResultSummary("Netwerkmonitor 2026", ["Vertrouwen 3,4 (was 3,1).", "31 respondenten."])],
)


def test_the_pack_contains_the_proposals_their_objections_and_the_minutes(db):
    reader = PdfReader(io.BytesIO(meeting_pack_pdf(PACK)))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for proposal in PACK.proposals:
        assert proposal.title in text
    assert "Welzijn Strandhoven: Te weinig ruimte voor kleine partijen." in text
    assert "Termijn onduidelijk. (opgelost)" in text and "Tot nu toe geen bezwaren." in text
    assert "Besluit: de netwerkmonitor gaat door." in text and "Conceptspelregels rondsturen Anne de Vries" in text
    assert "Vertrouwen 3,4 (was 3,1)." in text and "12 maart 2026" in text
    assert reader.metadata.title == "Vergaderstukken: Regiegroep 12 maart 2026"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[:3] == ["Regiegroep 12 maart 2026", "Agenda", "Voorstellen ter besluitvorming"]
    assert len(reader.pages) >= 5 and "Pagina 2 van" in text


def test_an_empty_pack_says_so_in_english(db):
    html = meeting_pack_html(MeetingPack(network_name="Regio Kustland", title="Fundament", language="en",
                                         date=datetime.date(2026, 5, 1)))
    assert "No proposals to decide." in html and "There is no previous meeting." in html
    assert 'id="section-results"' not in html and '<html lang="en">' in html
