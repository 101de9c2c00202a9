"""Fixtures of the monitoring tests: an indicator, and StatLine answering from recorded responses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import translation
from requests import Response
from requests.adapters import BaseAdapter

from netwerkregie.monitoring import services

DATA = Path(__file__).parent / "data"


class RecordedStatLine(BaseAdapter):
    """Answers cbsodata's requests with the recorded files of one table; remembers every URL asked."""

    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder
        self.urls: list[str] = []

    def send(self, request, **kwargs) -> Response:
        self.urls.append(request.url)
        name = request.path_url.split("?")[0].rstrip("/").rsplit("/", 1)[-1]
        path = self.folder / f"{name}.json"
        if not path.exists():
            path = self.folder / "index.json"
        response = Response()
        response.status_code = 200
        response._content = path.read_bytes()
        response.url = request.url
        response.request = request
        response.headers["Content-Type"] = "application/json"
        json.loads(response._content)  # a broken recording fails here, not deep inside cbsodata
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def statline() -> RecordedStatLine:
    return RecordedStatLine(DATA / "statline-70072ned")


@pytest.fixture
def indicator(network):
    return services.indicator_create(network=network, name="Inwoners", unit="aantal", source="cbs",
                                     direction="higher", definition="Totale bevolking op 1 januari.")


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in their English source text."""
    with translation.override("en"):
        yield
