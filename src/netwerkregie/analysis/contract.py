"""The analysis of a network as a typed value: what selectors.network_analysis returns.

Frozen dataclasses, so a figure cannot change after it is computed; `to_json` / `from_json` keep it
as JSON (stored results, background tasks, `analyse --json`) and back without changing a float. The
API's response schema is built from these classes (pydantic reads the field descriptions), so the
contract is declared once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from .models import RelationSource

SOURCES = tuple(RelationSource.values)  # every source: the default of a question


@dataclass(frozen=True)
class NodeMetrics:
    """One organisation's position in the network."""

    name: str
    degree: int
    betweenness: Annotated[float, Field(description="Normalised as networkx's default, on the unweighted graph.")]
    closeness: Annotated[float, Field(description="Wasserman–Faust for disconnected graphs, as networkx.")]
    eigenvector: float
    core: Annotated[int, Field(description="k-core number.")]


@dataclass(frozen=True)
class NamedScore:
    name: str
    score: float


@dataclass(frozen=True)
class Broker:
    name: str
    betweenness: float


@dataclass(frozen=True)
class KCore:
    k: int
    members: tuple[str, ...]


@dataclass(frozen=True)
class Received:
    """Trust and value one organisation receives from the others in the relational survey (1–4)."""

    name: str
    trust: Annotated[float | None, Field(description="Mean reported trust (1–4); null below the anonymity minimum.")]
    value: Annotated[float | None, Field(description="Mean reported value (1–4); null below the anonymity minimum.")]
    reports: Annotated[int, Field(description="Organisations that reported about it.")]
    hidden: bool


@dataclass(frozen=True)
class NetworkAnalysis:
    """The `analyse --json` contract (nodes … per_node) plus the structure the page and warnings need."""

    nodes: int
    edges: int
    density: float
    components: int
    degree_centralization: float
    communities: Annotated[tuple[tuple[str, ...], ...], Field(description="Leiden communities, by organisation name.")]
    per_node: tuple[NodeMetrics, ...]
    reciprocity: Annotated[float | None, Field(description="Share of directed ties that are returned.")]
    isolates: tuple[str, ...]
    brokers: tuple[Broker, ...]
    bridges: Annotated[tuple[tuple[str, str], ...],
                       Field(description="Ties whose loss splits the network, as name pairs.")]
    cut_points: tuple[str, ...]
    cut_point_parts: Annotated[dict[str, int],
                               Field(description="Into how many parts each cut point's removal splits.")]
    k_core: KCore
    top: Annotated[dict[str, tuple[NamedScore, ...]], Field(description="Top organisations per centrality.")]
    received: tuple[Received, ...]
    trust: float | None
    value: float | None

    def to_json(self) -> dict[str, Any]:
        return _ADAPTER.dump_python(self, mode="json")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NetworkAnalysis:
        return _ADAPTER.validate_python(data)


_ADAPTER = TypeAdapter(NetworkAnalysis)
