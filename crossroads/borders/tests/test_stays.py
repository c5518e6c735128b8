"""Stay rules as a border officer checks them: days used, days left, the date to leave."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crossroads.borders.stays import Rule, RuleKind, Stay, assess, days_in_window

NINETY_180 = Rule(RuleKind.ROLLING, days=90, window=180)


def test_a_first_stay_of_ninety_days_ends_on_the_ninetieth_day() -> None:
    result = assess([Stay(date(2026, 1, 1))], NINETY_180, date(2026, 1, 1))
    assert result.days_used == 1
    assert result.must_leave_by == date(2026, 3, 31)  # 1 January + 89 days
    assert result.days_left == 89 and not result.is_overstaying


def test_earlier_stays_in_the_window_shorten_the_current_one() -> None:
    stays = [Stay(date(2026, 1, 1), date(2026, 1, 30)), Stay(date(2026, 3, 1))]
    result = assess(stays, NINETY_180, date(2026, 3, 1))
    assert result.days_used == 31
    # 30 days in January, so 60 more from 1 March: 29 April; by then January is still
    # inside the window, so the traveller must leave on 29 April.
    assert result.must_leave_by == date(2026, 4, 29)


def test_an_overstayer_is_told_by_how_many_days() -> None:
    result = assess([Stay(date(2026, 1, 1))], NINETY_180, date(2026, 4, 10))
    assert result.days_used == 100 and result.overstay_days == 10 and result.days_left == 0


def test_days_out_of_the_country_free_days_again() -> None:
    stays = [Stay(date(2025, 1, 1), date(2025, 3, 31))]  # 90 days used
    assert assess(stays, NINETY_180, date(2025, 4, 1)).days_left == 0
    later = assess(stays, NINETY_180, date(2025, 9, 27))  # January has left the window
    assert later.days_used is not None and later.days_used < 90
    assert later.days_left is not None and later.days_left > 0


def test_per_entry_and_validity_rules() -> None:
    per_entry = assess([Stay(date(2026, 5, 1))], Rule(RuleKind.PER_ENTRY, days=30),
                       date(2026, 5, 10))
    assert (per_entry.days_used, per_entry.days_left) == (10, 20)
    assert per_entry.must_leave_by == date(2026, 5, 30)
    visa = Rule(RuleKind.VALIDITY, valid_until=date(2026, 6, 30))
    assert assess([Stay(date(2026, 6, 1))], visa, date(2026, 7, 2)).overstay_days == 2
    assert assess([Stay(date(2026, 6, 1))], Rule(RuleKind.UNLIMITED),
                  date(2030, 1, 1)).must_leave_by is None


def test_impossible_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="before its entry"):
        assess([Stay(date(2026, 2, 1), date(2026, 1, 1))], NINETY_180, date(2026, 2, 1))
    with pytest.raises(ValueError, match="overlap"):
        assess([Stay(date(2026, 1, 1), date(2026, 1, 20)), Stay(date(2026, 1, 10))],
               NINETY_180, date(2026, 1, 15))
    with pytest.raises(ValueError, match="greater than zero"):
        assess([], Rule(RuleKind.ROLLING, days=0, window=180), date(2026, 1, 1))


@st.composite
def histories(draw: st.DrawFn) -> tuple[list[Stay], date]:
    day, stays = date(2024, 1, 1), []
    for _ in range(draw(st.integers(0, 6))):
        day += timedelta(days=draw(st.integers(1, 60)))
        length = draw(st.integers(0, 80))
        stays.append(Stay(day, day + timedelta(days=length)))
        day += timedelta(days=length)
    day += timedelta(days=draw(st.integers(1, 40)))
    stays.append(Stay(day))  # present now
    return stays, day + timedelta(days=draw(st.integers(0, 120)))


@given(histories())
def test_the_date_to_leave_is_the_last_day_within_the_rule(history: tuple[list[Stay], date]
                                                             ) -> None:
    stays, on = history
    result = assess(stays, NINETY_180, on)
    if result.is_overstaying:
        assert days_in_window(stays, on, 180, on) > 90
        return
    leave = result.must_leave_by
    assert leave is not None and leave >= on
    assert days_in_window(stays, leave, 180, leave) <= 90
    after = leave + timedelta(days=1)
    assert days_in_window(stays, after, 180, after) > 90
