"""The analysis figures in plain language: one label and one explanation per figure, for page and report."""

from django.utils.translation import gettext_lazy

# One plain-language line per figure, for board members who are no network scientists.
EXPLANATIONS = {
    "nodes": gettext_lazy("Organisations in the analysis."),
    "edges": gettext_lazy("Ties between them; several relations between the same two organisations count as one tie."),
    "density": gettext_lazy("Share of all possible ties that exist: 1 means everyone works with everyone."),
    "reciprocity": gettext_lazy("Share of one-way relations (reported or entered) that the other organisation "
                                "returns."),
    "components": gettext_lazy("Separate parts without any tie between them; 1 means the network hangs together."),
    "degree_centralization": gettext_lazy("How much the ties concentrate on one organisation: 0 means all equal, "
                                          "1 a star around one."),
    "k_core": gettext_lazy("The core: the largest group in which every organisation has at least k ties inside the "
                           "group."),
    "communities": gettext_lazy("Groups of organisations with more ties among themselves than with the rest."),
    "brokers": gettext_lazy("Organisations on many shortest routes between others: they connect parts of the "
                            "network."),
    "bridges": gettext_lazy("Ties that are the only link between two parts: if one ends, the network splits."),
    "cut_points": gettext_lazy("Organisations whose departure would split the network."),
    "isolates": gettext_lazy("Organisations without any tie in the chosen relations."),
    "degree": gettext_lazy("Number of organisations it has a tie with."),
    "betweenness": gettext_lazy("Share of shortest routes between others that run through it (0–1)."),
    "closeness": gettext_lazy("How close it is to all others, in steps through the network (0–1)."),
    "eigenvector": gettext_lazy("Tied to organisations that are well tied themselves (0–1)."),
    "trust": gettext_lazy("Mean trust the others report in it: reliability, openness, shared mission (1–4)."),
    "value": gettext_lazy("Mean value the others see in it: influence, involvement, resources (1–4)."),
    "ties": gettext_lazy("Relations reported in the survey."),
    "trust_density": gettext_lazy("Share of all pairs of participating organisations with trust of 3 or more."),
}
LABELS = {
    "nodes": gettext_lazy("Size"), "edges": gettext_lazy("Ties"), "density": gettext_lazy("Density"),
    "reciprocity": gettext_lazy("Reciprocity"), "components": gettext_lazy("Components"),
    "degree_centralization": gettext_lazy("Degree centralisation"), "k_core": gettext_lazy("Core (k-core)"),
    "communities": gettext_lazy("Communities"), "brokers": gettext_lazy("Brokers"),
    "bridges": gettext_lazy("Bridges"), "cut_points": gettext_lazy("Cut points"),
    "isolates": gettext_lazy("Isolated organisations"), "degree": gettext_lazy("Degree"),
    "betweenness": gettext_lazy("Betweenness"), "closeness": gettext_lazy("Closeness"),
    "eigenvector": gettext_lazy("Eigenvector"), "trust": gettext_lazy("Trust"), "value": gettext_lazy("Value"),
    "ties": gettext_lazy("Reported relations"), "trust_density": gettext_lazy("Trust density"),
}
