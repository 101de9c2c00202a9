"""Indicator values straight from CBS StatLine through the `cbsodata` package (OData v3).

`cbsodata.download_data` keeps the dimension keys (GM0363, 2022JJ00) that `get_data` would
replace by titles, so areas join with every other source. Tests pass a recorded response as
`adapter`: the whole cbsodata path runs, only the HTTP transport differs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import cbsodata
import requests
from cbsodata import cbsodata3
from django.db import transaction
from django.utils.translation import gettext as _
from requests.adapters import BaseAdapter

from netwerkregie.core.tabular import RowError, TableImportError
from netwerkregie.registry.models import Network

from . import services
from .importing import ImportResult, statline_rows
from .models import Indicator


@contextmanager
def _transport(adapter: BaseAdapter | None) -> Iterator[None]:
    """Have cbsodata's sessions send through `adapter`; without one, the ordinary network transport."""
    if adapter is None:
        yield
        return

    def session() -> requests.Session:
        session = requests.Session()
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    original = cbsodata3.Session
    cbsodata3.Session = session
    try:
        yield
    finally:
        cbsodata3.Session = original


def _dimension(data: dict, names: tuple[str, ...]) -> str | None:
    return next((name for name in names if name in data), None)


@transaction.atomic
def import_statline_table(*, network: Network, table_id: str, indicator: Indicator, measure: str,
                          filters: str = "", adapter: BaseAdapter | None = None) -> ImportResult:
    """Fetch `measure` of StatLine table `table_id` (OData filter optional) as values of `indicator`."""
    try:
        with _transport(adapter):
            data = cbsodata.download_data(table_id, typed=True, filters=filters or None)
    except (requests.RequestException, KeyError, ValueError) as error:
        raise TableImportError([RowError(table_id, 0, "", _(
            "StatLine could not be reached or does not know table %(table)s (%(error)s).")
            % {"table": table_id, "error": error})]) from None
    region = _dimension(data, ("RegioS", "WijkenEnBuurten", "Gemeenten"))
    if region is None or "Perioden" not in data:
        raise TableImportError([RowError(table_id, 0, "", _(
            "StatLine table %(table)s has no region and period dimensions.") % {"table": table_id})])
    names = {services.normalise_code(row["Key"]): row["Title"].strip() for row in data[region]}
    # cbsodata 1.3 answers the data set under either name, whichever `typed` asked for.
    records = data.get("TypedDataSet", data.get("UntypedDataSet", []))
    rows = statline_rows(records=records, indicator=indicator, measure=measure, region=region,
                          period="Perioden", source=f"CBS StatLine {table_id}", names=names, where=table_id)
    return ImportResult(services.values_store(network=network, rows=rows), len(rows))
