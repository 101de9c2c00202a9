from django.http import HttpRequest


def current_network(request: HttpRequest) -> dict:
    """The network and membership the view resolved, for the navigation."""
    return {
        "network": getattr(request, "network", None),
        "membership": getattr(request, "membership", None),
    }
