"""Free-text evidence ("what shows this?") for the demo's monitors: varied, in respondents' words.

Each year has the same number of topics as the demo always drew from, so the survey step's
random stream – and with it every number of the dip story – is unchanged: the step still picks a
topic with its own generator, and the wording is drawn from a separate one. A topic has several
phrasings; a respondent may add where they saw it and a closing remark, as people do.
"""

from __future__ import annotations

import random

TOPICS: dict[int, list[list[str]]] = {
    2024: [
        ["In het breed netwerkoverleg van maart waren alle partijen aanwezig en is de regiovisie unaniem omarmd.",
         "De regiovisie is in het netwerkoverleg zonder tegenstemmen vastgesteld.",
         "Iedereen schoof aan bij het netwerkoverleg in het voorjaar; de visie kreeg brede steun.",
         "Bij de vaststelling van de regiovisie zat werkelijk elke partner aan tafel."],
        ["De coalitie Valpreventie 65+ is binnen drie maanden gestart, met inzet van acht partijen.",
         "Valpreventie liep binnen een kwartaal, met fysiotherapeuten, wijkteams en de thuiszorg erbij.",
         "Acht organisaties leverden meteen mensen voor de valpreventiecoalitie.",
         "Het ging snel: van idee tot eerste valcursus in twaalf weken."],
        ["Partners delen zonder aarzelen hun cijfers in het data- en onderzoeksteam.",
         "Zorgverzekeraar en gemeenten leggen hun data gewoon naast elkaar.",
         "Het regiobeeld is gemaakt met cijfers van bijna alle partners; niemand hield iets achter.",
         "In het onderzoeksteam wordt open gesproken over wat de cijfers wel en niet zeggen."],
        ["Bestuurders spreken elkaar buiten de overleggen aan en lossen knelpunten zelf op.",
         "Een wethouder en een bestuurder van de ggz losten een wachtlijstprobleem samen op, zonder vergadering.",
         "Knelpunten worden vaak al met een telefoontje tussen bestuurders opgelost.",
         "Bestuurders weten elkaar te vinden, ook als het lastig wordt."],
        ["Het netwerkbureau bereidt overleggen goed voor; verslagen en actielijsten komen binnen een week.",
         "De stukken zijn op tijd en de actielijst wordt echt afgewerkt.",
         "Het netwerkbureau houdt de draad vast; we weten na elk overleg wie wat doet.",
         "Goede voorbereiding door de netwerkregisseur: korte agenda, duidelijke besluiten."],
        ["Huisartsen en wijkteams kennen elkaar nu bij naam; verwijzen gaat sneller.",
         "Onze praktijkondersteuners bellen het wijkteam direct in plaats van een formulier te sturen.",
         "In Noorddorp zitten huisarts en wijkteam elke maand samen aan tafel.",
         "Doorverwijzen naar welzijn kost nu een dag in plaats van weken."],
        ["Inwoners merken het: de wachttijd voor het ouderenadvies is gehalveerd.",
         "Mantelzorgers vertellen dat ze sneller de juiste hulp vinden.",
         "De cliëntenraad ziet minder klachten over van het kastje naar de muur gestuurd worden.",
         "Ouderen krijgen eerder een huisbezoek; dat horen we terug in de wijk."],
    ],
    2025: [
        ["Twee partijen komen niet meer naar het breed netwerkoverleg sinds de discussie over de IZA-middelen.",
         "Na de ruzie over het transformatiegeld blijven sommige stoelen in het netwerkoverleg leeg.",
         "Het netwerkoverleg is kleiner geworden; de discussie over geld heeft mensen afgeschrikt.",
         "Een paar vaste partners sturen nu alleen nog een vervanger zonder mandaat."],
        ["Over de verdeling van de transformatiegelden is drie keer zonder besluit vergaderd.",
         "De verdeling van de IZA-middelen is al drie overleggen lang vooruitgeschoven.",
         "Er ligt nog steeds geen besluit over het geld; dat zet alles stil.",
         "Elke vergadering eindigt met 'we komen erop terug' als het over de middelen gaat."],
        ["Bestuurders vragen steeds vaker om verantwoording over de uren die hun mensen in coalities steken.",
         "Mijn directie wil per kwartaal weten wat onze inzet in het netwerk oplevert.",
         "Er wordt intern geteld hoeveel fte we in coalities steken, en de vraag is of dat wel loont.",
         "We moeten onze netwerkuren nu verantwoorden alsof het een project is."],
        ["Er worden afspraken buiten het netwerk om gemaakt; dat voelt als een breuk met de spelregels.",
         "Twee grote partijen hebben samen iets afgesproken met de verzekeraar, zonder het netwerk te betrekken.",
         "Besluiten vallen steeds vaker in de wandelgangen.",
         "We hoorden pas achteraf van een afspraak die ons direct raakt."],
        ["Het is onduidelijk wie nu beslist: de regiegroep of de financiers.",
         "Niemand weet precies waar het mandaat ligt; de regiegroep verwijst naar de financiers en andersom.",
         "Voorstellen blijven hangen tussen regiegroep en bestuurders.",
         "Het is zoeken wie de knoop doorhakt."],
        ["De coalitie Schulden en gezondheid is na het vertrek van de trekker stilgevallen.",
         "Sinds de trekker weg is, komt de coalitie Schulden en gezondheid niet meer bij elkaar.",
         "Een coalitie staat stil omdat niemand het trekkerschap wil overnemen.",
         "Na een personeelswissel is onze coalitie zonder voorzitter komen te zitten."],
        ["Door het personeelstekort hebben we minder mensen voor netwerkwerk vrijgemaakt.",
         "Met de huidige wachtlijsten kunnen we niemand meer missen voor overleggen.",
         "Het tekort aan wijkverpleegkundigen gaat ten koste van onze inzet in de coalities.",
         "Onze mensen zitten vol; netwerkwerk schiet er als eerste bij in."],
    ],
    2026: [
        ["Sinds de nieuwe spelregels en het actieplan weten partijen weer wat er van hen verwacht wordt.",
         "Het actieplan maakt duidelijk wie wat doet; dat werkt.",
         "De spelregels geven houvast: afspraken worden weer in het netwerk gemaakt.",
         "Met het actieplan op tafel is de discussie zakelijker geworden."],
        ["De regiegroep rapporteert elk kwartaal over de voortgang; dat geeft rust.",
         "De kwartaalrapportage van de regiegroep laat zien waar we staan.",
         "Er is weer zicht op de voortgang: elke drie maanden een overzicht.",
         "Bestuurders lezen de voortgangsrapportage echt, merk ik."],
        ["De bijeenkomst over vertrouwen in januari heeft veel losgemaakt, maar niet alles is hersteld.",
         "Het gesprek over wat er vorig jaar misging was nodig; de verhoudingen zijn beter, nog niet goed.",
         "Na de vertrouwenssessie praten partijen weer met elkaar, al blijft er wantrouwen.",
         "Sommige partners zijn nog voorzichtig sinds vorig jaar."],
        ["Nieuwe coalities starten weer, al blijven sommige partijen afwachtend.",
         "Er zijn twee nieuwe coalities bijgekomen, maar niet iedereen doet mee.",
         "De energie komt terug: er worden weer voorstellen voor nieuwe coalities gedaan.",
         "We doen weer mee aan een coalitie, voorlopig met beperkte inzet."],
        ["De verdeling van de middelen is nu transparant, met criteria die we samen hebben vastgesteld.",
         "De criteria voor de middelen staan op papier en iedereen kan ze nalezen.",
         "Over geld wordt nu open besloten, op basis van gezamenlijke criteria.",
         "De verdeelsleutel is helder; daar is minder discussie over."],
        ["Wijkteams en huisartsen overleggen weer maandelijks; de lijnen zijn korter dan vorig jaar.",
         "Het maandelijkse wijkoverleg is terug, en dat merken we in de samenwerking.",
         "In Zuidstad is het overleg tussen huisartsen en wijkteams weer opgestart.",
         "De korte lijnen met de huisartsen zijn grotendeels hersteld."],
    ],
}

WHERE = ["In Noorddorp zien we dat het duidelijkst.", "Dat geldt vooral voor de kleinere gemeenten.",
         "Vanuit onze organisatie merken we dat dagelijks.", "Dat bleek ook uit de laatste evaluatie.",
         "Collega's in het wijkteam zeggen hetzelfde.", "Dat zie je terug in de verslagen.",
         "Mijn indruk, maar ik hoor het van meer mensen.", "In de tactische overleggen komt het steeds terug."]
CLOSING = {2024: ["Daar mogen we trots op zijn.", "Dat moeten we vasthouden.", "Een goed begin."],
           2025: ["Dat baart me zorgen.", "Hier moet de regiegroep iets mee.", "Zo houden we het niet vol."],
           2026: ["Het gaat de goede kant op.", "Er is nog werk te doen.", "Voorzichtig positief."]}


def evidence_text(texts: random.Random, year: int, topic: list[str]) -> str:
    """One respondent's note on a topic: a phrasing, sometimes with where and a closing remark."""
    parts = [texts.choice(topic)]
    if texts.random() < 0.4:
        parts.append(texts.choice(WHERE))
    if texts.random() < 0.3:
        parts.append(texts.choice(CLOSING[year]))
    return " ".join(parts)
