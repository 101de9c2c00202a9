"""Starting points for a network's rules of play: a ten-rule set after Salland United (seed 004, in our own
wording) and one example per topic. Texts are data in both languages, chosen when they are applied."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from .models import RuleTopic


@dataclass(frozen=True)
class RuleTemplate:
    key: str
    topic: str
    title_nl: str
    title_en: str
    text_nl: str
    text_en: str

    def texts(self, language: str | None = None) -> tuple[str, str]:
        """(title, text) in the given or current language; Dutch unless English is asked for."""
        english = (language or get_language() or "nl").startswith("en")
        return (self.title_en, self.text_en) if english else (self.title_nl, self.text_nl)


# Rule 8 ("two_parties_start") is the one the coalition form refers to: a coalition of two or more needs no approval.
TWO_PARTIES_START = "two_parties_start"

SALLAND_UNITED: list[RuleTemplate] = [
    RuleTemplate("commit_to_take_part", RuleTopic.PARTICIPATION, "Meedoen is niet vrijblijvend",
                 "Taking part is a commitment",
                 "Wie meedoet, staat achter de gezamenlijke opgave, brengt mensen, middelen of kennis in en remt "
                 "de samenwerking niet af.",
                 "Whoever takes part supports the shared task, brings in people, means or knowledge and does not "
                 "slow the cooperation down."),
    RuleTemplate("board_commitment", RuleTopic.BEHAVIOUR, "Bestuurders committeren zich zichtbaar",
                 "Boards commit visibly",
                 "Onze bestuurders spreken hun commitment uit en handelen er in hun eigen organisatie naar.",
                 "Our board members state their commitment and act on it within their own organisation."),
    RuleTemplate("open_about_interests", RuleTopic.GIVE_AND_TAKE, "Open over belangen",
                 "Open about interests",
                 "We maken onze belangen bespreekbaar, respecteren die van de ander en zoeken naar wat het samen "
                 "meer oplevert dan alleen.",
                 "We put our interests on the table, respect those of others and look for what we gain together "
                 "beyond what each gains alone."),
    RuleTemplate("no_surprises", RuleTopic.INFORMING, "Geen verrassingen",
                 "No surprises",
                 "Belangrijke ontwikkelingen melden we elkaar vooraf; niemand hoort het eerst uit de krant.",
                 "We tell each other about important developments in advance; nobody reads it first in the paper."),
    RuleTemplate("speak_up_directly", RuleTopic.CONFLICTS, "Direct aanspreken",
                 "Speak up directly",
                 "Als iets schuurt, spreken we elkaar er meteen en rechtstreeks op aan, niet via anderen.",
                 "When something chafes we raise it with each other straight away and directly, not through others."),
    RuleTemplate("ambassadors", RuleTopic.OUTWARD, "Ambassadeur in eigen huis",
                 "Ambassadors at home",
                 "We laten in onze eigen organisatie zien wat het netwerk bereikt en houden onze achterban actief "
                 "op de hoogte.",
                 "We show in our own organisation what the network achieves and keep our constituency informed."),
    RuleTemplate("autonomy", RuleTopic.FUNDING, "Autonoom en zelf verantwoordelijk",
                 "Autonomous and responsible",
                 "Elke organisatie blijft zelf verantwoordelijk voor haar kwaliteit en financiële gezondheid; het "
                 "netwerk neemt die verantwoordelijkheid niet over.",
                 "Each organisation remains responsible for its own quality and financial health; the network does "
                 "not take that responsibility over."),
    RuleTemplate(TWO_PARTIES_START, RuleTopic.DECISION_MAKING, "Twee partijen mogen starten",
                 "Two parties may start",
                 "We moedigen professionals aan initiatief te nemen. Willen twee of meer partijen samen iets "
                 "oppakken, dan mag dat altijd: een coalitie van twee of meer organisaties heeft geen goedkeuring "
                 "nodig en anderen hebben geen veto.",
                 "We encourage professionals to take initiative. When two or more parties want to start something "
                 "together they may: a coalition of two or more organisations needs no approval and others have "
                 "no veto."),
    RuleTemplate("evaluate_regularly", RuleTopic.OVERSIGHT, "Regelmatig evalueren",
                 "Evaluate regularly",
                 "Het netwerk verandert. Daarom evalueren we geregeld de voortgang, de samenwerking, deze spelregels "
                 "en of de partijen in de regiegroep nog passend vertegenwoordigd zijn.",
                 "The network keeps changing, so we regularly evaluate progress, cooperation, these rules and "
                 "whether the parties are still fairly represented in the direction group."),
    RuleTemplate("keep_it_simple", RuleTopic.BEHAVIOUR, "Zo eenvoudig mogelijk",
                 "As simple as possible",
                 "We organiseren de samenwerking zo licht als het kan: niet meer overleg en structuur dan nodig.",
                 "We organise the cooperation as lightly as we can: no more meetings and structure than needed."),
]

TOPIC_EXAMPLES: dict[str, RuleTemplate] = {t.topic: t for t in [
    RuleTemplate("example_behaviour", RuleTopic.BEHAVIOUR, "Gelijkwaardig aan tafel", "Equals at the table",
                 "Aan tafel zijn alle partijen gelijkwaardig, ongeacht omvang of budget.",
                 "At the table every party is an equal, whatever its size or budget."),
    RuleTemplate("example_participation", RuleTopic.PARTICIPATION, "Open deur", "An open door",
                 "Elke organisatie die bijdraagt aan de regiovisie kan aansluiten; de regiegroep heet haar welkom.",
                 "Any organisation contributing to the regional vision may join; the direction group welcomes it."),
    RuleTemplate("example_give_and_take", RuleTopic.GIVE_AND_TAKE, "Halen en brengen in balans",
                 "Give and take in balance",
                 "Wie opbrengsten van het netwerk haalt, brengt ook iets in: tijd, kennis of middelen.",
                 "Whoever takes from the network also brings something: time, knowledge or means."),
    RuleTemplate("example_decision_making", RuleTopic.DECISION_MAKING, "Consent in het fundament",
                 "Consent in the fundament",
                 "Het breed netwerkoverleg besluit bij consent: een voorstel gaat door tenzij er een onderbouwd "
                 "bezwaar is. Coalities besluiten bij consensus.",
                 "The broad network meeting decides by consent: a proposal passes unless there is a reasoned "
                 "objection. Coalitions decide by consensus."),
    RuleTemplate("example_conflicts", RuleTopic.CONFLICTS, "Eerst samen, dan de regiegroep",
                 "First together, then the direction group",
                 "Een conflict lossen de betrokken partijen eerst samen op; lukt dat niet, dan bemiddelt de "
                 "netwerkregisseur.",
                 "The parties involved first resolve a conflict together; failing that, the network director "
                 "mediates."),
    RuleTemplate("example_oversight", RuleTopic.OVERSIGHT, "Jaarlijks verslag", "An annual account",
                 "De regiegroep legt jaarlijks in het fundament verantwoording af over voortgang en middelen.",
                 "Each year the direction group accounts to the fundament for progress and funds."),
    RuleTemplate("example_informing", RuleTopic.INFORMING, "Eén plek voor informatie", "One place for information",
                 "Verslagen, besluiten en planningen staan voor alle partners op één plek.",
                 "Minutes, decisions and plans are in one place for every partner."),
    RuleTemplate("example_outward", RuleTopic.OUTWARD, "Samen naar buiten", "Together in public",
                 "Over netwerkresultaten communiceren we als netwerk, met de namen van alle betrokken partijen.",
                 "We present network results as the network, naming every party involved."),
    RuleTemplate("example_funding", RuleTopic.FUNDING, "Advies bij elke financiering", "Advice on every grant",
                 "Elke financiële afspraak krijgt vooraf een advies van het netwerk aan de financier.",
                 "Every financial agreement first receives the network's advice to the financier."),
    RuleTemplate("example_initiative_information", RuleTopic.INITIATIVE_INFORMATION, "Initiatieven melden",
                 "Report initiatives",
                 "Nieuwe initiatieven melden we in het overzicht van het netwerk, zodat anderen kunnen aanhaken.",
                 "We report new initiatives in the network's overview so others can join."),
    RuleTemplate("example_learning", RuleTopic.LEARNING, "Leren in de open", "Learning in the open",
                 "Twee keer per jaar delen coalities wat werkte en wat niet, ook als het tegenviel.",
                 "Twice a year coalitions share what worked and what did not, also when it disappointed."),
    RuleTemplate("example_effect", RuleTopic.EFFECT, "Effect meten we samen", "We measure effect together",
                 "Elke coalitie kiest vooraf indicatoren en deelt de uitkomsten met het hele netwerk.",
                 "Every coalition chooses indicators beforehand and shares the results with the whole network."),
]}
