"""Importing indicator values: the long format, a StatLine CSV and StatLine directly (recorded)."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from requests.adapters import BaseAdapter
from requests.exceptions import ConnectionError as Refused

from netwerkregie.core.tabular import TableImportError
from netwerkregie.monitoring import importing, services
from netwerkregie.monitoring.models import Area, IndicatorValue
from netwerkregie.monitoring.statline import import_statline_table

pytestmark = pytest.mark.django_db


def csv_file(text: str) -> io.BytesIO:
    return io.BytesIO(text.encode("utf-8"))


def test_long_format_csv_with_dutch_headers_and_decimal_comma(network, indicator):
    result = importing.import_long_format(network=network, name="waarden.csv", handle=csv_file(
        "indicator;gebiedscode;periode;waarde;bron;gebiedsnaam\n"
        "Inwoners;GM0400;2022JJ00;56360;CBS;Den Helder\n"
        "inwoners;gm0400;2023;56.650,0;CBS;\n"
        "Inwoners;RG-NHN;2023KW02;1.234,5;eigen telling;Noord-Holland Noord\n"))
    assert (result.written.created, result.written.updated) == (3, 0)
    values = {(v.area.code, v.period): v.value for v in IndicatorValue.objects.select_related("area")}
    assert values == {("GM0400", "2022JJ00"): Decimal("56360"), ("GM0400", "2023JJ00"): Decimal("56650"),
                      ("RG-NHN", "2023KW02"): Decimal("1234.5")}
    assert {a.code: (a.kind, a.name) for a in Area.objects.all()} == {
        "GM0400": ("GM", "Den Helder"), "RG-NHN": ("RG", "Noord-Holland Noord")}


def test_a_second_import_updates_known_values(network, indicator):
    first = "indicator,area,period,value\nInwoners,GM0400,2022JJ00,100\n"
    importing.import_long_format(network=network, name="a.csv", handle=csv_file(first))
    result = importing.import_long_format(network=network, name="a.csv", handle=csv_file(
        first.replace("100", "101") + "Inwoners,GM0400,2023JJ00,102\n"))
    assert (result.written.created, result.written.updated) == (1, 1)
    assert IndicatorValue.objects.get(period="2022JJ00").value == Decimal("101")


def test_every_bad_row_is_reported_at_once_and_nothing_is_stored(network, indicator):
    with pytest.raises(TableImportError) as caught:
        importing.import_long_format(network=network, name="fout.csv", handle=csv_file(
            "indicator;gebied;periode;waarde\n"
            "Inwoners;GM0400;2022JJ00;10\n"
            "Onbekend;GM0400;2022JJ00;10\n"
            "Inwoners;;2022KW05;tien\n"
            "Inwoners;GM0400;2022JJ00;11\n"
            "Inwoners;GM0441;2022JJ00;\n"))
    reasons = [(e.row, e.column) for e in caught.value.errors]
    assert reasons == [(3, "indicator"), (4, "gebied"), (4, "periode"), (4, "waarde"), (5, "periode"),
                       (6, "waarde")]
    messages = [str(e) for e in caught.value.errors]
    assert "fout.csv row 3, column indicator: Unknown indicator “Onbekend”" in messages[0]
    assert "Row 2 has a value for the same indicator" in messages[4]
    assert not IndicatorValue.objects.exists() and not Area.objects.exists()


def test_missing_columns_are_named(network, indicator):
    with pytest.raises(TableImportError) as caught:
        importing.import_long_format(network=network, name="x.csv", handle=csv_file("indicator;waarde\nInwoners;1\n"))
    assert [(e.row, e.column) for e in caught.value.errors] == [(1, "area"), (1, "period")]


def test_long_format_xlsx(network, indicator):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["indicator", "area code", "period", "value", "source"])
    sheet.append(["Inwoners", "GM0448", "2022JJ00", 13730.0, "CBS"])
    sheet.append(["Inwoners", "GM0448", "2023MM05", 13790.5, "CBS"])
    handle = io.BytesIO()
    workbook.save(handle)
    handle.seek(0)
    result = importing.import_long_format(network=network, name="waarden.xlsx", handle=handle)
    assert result.written.created == 2
    assert IndicatorValue.objects.get(period="2023MM05").value == Decimal("13790.5")


def test_other_files_are_refused(network, indicator):
    with pytest.raises(TableImportError, match="Only .xlsx workbooks and .csv files"):
        importing.import_long_format(network=network, name="waarden.ods", handle=csv_file("x"))


def test_statline_csv_export(network, indicator, data_dir):
    with (data_dir / "70072ned_UntypedDataSet.csv").open("rb") as handle:
        result = importing.import_statline_csv(network=network, name="70072ned_UntypedDataSet.csv", handle=handle,
                                               indicator=indicator, measure="TotaleBevolking_1", table_id="70072ned")
    assert result.rows == 3  # the "." of Texel 2022 is a missing value, not an error
    assert sorted(IndicatorValue.objects.values_list("area__code", "period", "value", "source")) == [
        ("GM0400", "2021JJ00", Decimal("56100"), "70072ned"), ("GM0400", "2022JJ00", Decimal("56360"), "70072ned"),
        ("GM0448", "2023JJ00", Decimal("13790"), "70072ned")]


def test_statline_csv_with_an_unknown_measure_lists_the_columns(network, indicator, data_dir):
    with (data_dir / "70072ned_UntypedDataSet.csv").open("rb") as handle, \
            pytest.raises(TableImportError, match="no column Bevolking; its columns are: ID, RegioS"):
        importing.import_statline_csv(network=network, name="t.csv", handle=handle, indicator=indicator,
                                      measure="Bevolking")


def test_statline_direct_through_cbsodata_with_the_recorded_response(network, indicator, statline):
    filters = "RegioS eq 'GM0400' or RegioS eq 'GM0441' or RegioS eq 'GM0448' or RegioS eq 'GM1911'"
    result = import_statline_table(network=network, table_id="70072ned", indicator=indicator,
                                   measure="TotaleBevolking_1", filters=filters, adapter=statline)
    assert result.rows == 11  # Texel 2023 has no value yet
    data_url = next(url for url in statline.urls if "DataSet?" in url)
    assert data_url.startswith("https://opendata.cbs.nl/ODataFeed/odata/70072ned/")
    assert "%24filter=RegioS+eq+%27GM0400%27" in data_url
    areas = {a.code: a.name for a in Area.objects.all()}
    assert areas == {"GM0400": "Den Helder", "GM0441": "Schagen", "GM0448": "Texel", "GM1911": "Hollands Kroon"}
    value = IndicatorValue.objects.get(area__code="GM1911", period="2023JJ00")
    assert (value.value, value.source, value.period_end.isoformat()) == (Decimal("49620"), "CBS StatLine 70072ned",
                                                                         "2023-12-31")


def test_statline_direct_decimal_measure(network, statline):
    share = services.indicator_create(network=network, name="65-plussers", unit="%", source="cbs")
    import_statline_table(network=network, table_id="70072ned", indicator=share, measure="k_65JaarOfOuder_12",
                          adapter=statline)
    assert IndicatorValue.objects.get(area__code="GM0448", period="2023JJ00").value == Decimal("30.7")


def test_statline_unreachable_is_a_clear_error(network, indicator):
    class Offline(BaseAdapter):
        def send(self, request, **kwargs):
            raise Refused("no network")

        def close(self):
            pass

    with pytest.raises(TableImportError, match="StatLine could not be reached or does not know table 70072ned"):
        import_statline_table(network=network, table_id="70072ned", indicator=indicator, measure="x",
                              adapter=Offline())
    assert not IndicatorValue.objects.exists()
