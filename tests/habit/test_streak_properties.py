"""Property-based tests: completion moments in many zones, through practice_day."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from habit.day import practice_day
from habit.streak import FREEZE_EVERY, MAX_FREEZES, summarize
from tests.helpers.streak_reference import reference_freezes, reference_plain

ONE = timedelta(days=1)

ZONES = [
    ZoneInfo("UTC"),
    ZoneInfo("Europe/Berlin"),  # DST
    ZoneInfo("America/New_York"),  # DST
    ZoneInfo("Australia/Lord_Howe"),  # 30-minute DST shift
    ZoneInfo("Asia/Kolkata"),  # +05:30
    ZoneInfo("Asia/Kathmandu"),  # +05:45
    ZoneInfo("Pacific/Kiritimati"),  # +14
    ZoneInfo("Pacific/Pago_Pago"),  # -11
    ZoneInfo("Pacific/Apia"),  # skipped 30 Dec 2011 entirely
    timezone(timedelta(hours=-3, minutes=-30)),  # a fixed offset
]



@st.composite
def completion_story(draw):
    """A user's completions: a clock that mostly moves on about a day at a time,
    sometimes jumps back or far ahead, while the user travels between zones.

    Returns (finished practice days, today).
    """
    start = draw(st.datetimes(datetime(2011, 1, 1), datetime(2029, 1, 1)))
    moment = start.replace(tzinfo=timezone.utc)
    day_start_hour = draw(st.integers(0, 23))
    step = st.one_of(
        st.integers(18 * 60, 30 * 60),  # about a day later (most of the time)
        st.integers(-3 * 24 * 60, 5 * 24 * 60),  # clock jumps back or far ahead
        st.integers(0, 90),  # repeats on the same day
    )
    n = draw(st.integers(0, 60))
    finished = set()
    for _ in range(n):
        moment = moment + timedelta(minutes=draw(step))
        zone = draw(st.sampled_from(ZONES))
        if draw(st.booleans()):
            # the instant seen in the zone (always a valid local time)
            local = moment.astimezone(zone)
        else:
            # a wall-clock reading tagged with the zone, maybe in a DST gap/fold
            local = moment.replace(tzinfo=zone, fold=draw(st.integers(0, 1)))
        finished.add(practice_day(local, day_start_hour))
    now = moment + timedelta(minutes=draw(st.integers(-2 * 24 * 60, 4 * 24 * 60)))
    today = practice_day(now.astimezone(draw(st.sampled_from(ZONES))), day_start_hour)
    return finished, today


def protected_run_practised(finished, frozen, today: date) -> int:
    """Practised days in the run (practised or frozen days) ending today/yesterday."""
    cursor = today if today in finished else today - ONE
    count = 0
    while cursor in finished or cursor in frozen:
        count += cursor in finished
        cursor -= ONE
    return count


@settings(max_examples=400)
@given(completion_story())
def test_longest_at_least_current(story):
    finished, today = story
    for enabled in (True, False):
        s = summarize(finished, today, enabled)
        assert s.longest >= s.current >= 0


@settings(max_examples=400)
@given(completion_story())
def test_without_freezes_equals_reference(story):
    finished, today = story
    assert asdict(summarize(finished, today, freezes_enabled=False)) == reference_plain(finished, today)


@settings(max_examples=400)
@given(completion_story())
def test_with_freezes_equals_day_by_day_simulation(story):
    finished, today = story
    assert asdict(summarize(finished, today)) == reference_freezes(finished, today)


@settings(max_examples=400)
@given(completion_story())
def test_a_freeze_never_adds_a_day(story):
    finished, today = story
    on = summarize(finished, today, True)
    off = summarize(finished, today, False)
    # total_days never depends on freezes
    assert on.total_days == off.total_days == len({d for d in finished if d <= today})
    # the count is the practised days of the protected run, never more
    assert on.current == protected_run_practised(finished, on.frozen_days, today)
    assert on.current <= on.total_days
    # freezes only ever join runs: never shorter, never a phantom day
    assert on.current >= off.current
    assert on.longest >= off.longest
    # frozen days are missed days before today
    assert not (on.frozen_days & finished)
    assert all(d < today for d in on.frozen_days)
    # each frozen day was paid for by 7 practised days in a row
    assert len(on.frozen_days) <= on.total_days // FREEZE_EVERY
    assert 0 <= on.freezes_held <= MAX_FREEZES
    assert off.freezes_held == 0 and off.frozen_days == frozenset()


@settings(max_examples=300)
@given(completion_story())
def test_today_being_open_spends_nothing(story):
    finished, today = story
    past = {d for d in finished if d < today}
    open_today = summarize(past, today)
    done_today = summarize(past | {today}, today)
    # finishing today changes nothing about freezes spent on earlier days
    assert open_today.frozen_days == done_today.frozen_days
    assert done_today.current == open_today.current + 1
    assert today not in open_today.frozen_days


@settings(max_examples=300)
@given(completion_story(), st.integers(1, 10))
def test_time_passing_without_practice(story, later):
    finished, today = story
    now = summarize(finished, today)
    then = summarize({d for d in finished if d <= today}, today + timedelta(days=later))
    assert then.current in (now.current, 0)
    assert then.longest == now.longest
    assert then.total_days == now.total_days
    assert then.freezes_held <= now.freezes_held


@settings(max_examples=200)
@given(completion_story())
def test_repeats_and_order_do_not_matter(story):
    finished, today = story
    as_list = sorted(finished, reverse=True) * 2
    assert summarize(as_list, today) == summarize(finished, today)
