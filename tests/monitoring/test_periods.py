import datetime

import pytest

from netwerkregie.monitoring.periods import parse_period


@pytest.mark.parametrize(("text", "key", "start", "end"), [
    ("2022JJ00", "2022JJ00", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
    ("2023KW02", "2023KW02", datetime.date(2023, 4, 1), datetime.date(2023, 6, 30)),
    ("2024KW04", "2024KW04", datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)),
    ("2023MM05", "2023MM05", datetime.date(2023, 5, 1), datetime.date(2023, 5, 31)),
    ("2024MM02", "2024MM02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
    (" 2022jj00 ", "2022JJ00", datetime.date(2022, 1, 1), datetime.date(2022, 12, 31)),
    ("2023*", "2023JJ00", datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
    ("2021", "2021JJ00", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)),
    ("2023 3e kwartaal", "2023KW03", datetime.date(2023, 7, 1), datetime.date(2023, 9, 30)),
    ("2023 mei", "2023MM05", datetime.date(2023, 5, 1), datetime.date(2023, 5, 31)),
])
def test_period_keys_and_statline_labels(text, key, start, end):
    period = parse_period(text)
    assert (period.key, period.start, period.end) == (key, start, end)


@pytest.mark.parametrize("text", ["2023KW05", "2023KW00", "2023MM13", "2022JJ01", "22JJ00", "mei 2023", "", "2023X"])
def test_impossible_periods_are_refused_with_the_value(text):
    with pytest.raises(ValueError, match="is not a period"):
        parse_period(text)
