//! Tests of the clock: ordering, text form, ticking, observing and overflow.

use super::*;
use proptest::prelude::*;

fn device(n: u8) -> DeviceId {
    DeviceId::from_time_and_random(1_700_000_000_000, [n; 10]).unwrap()
}

fn stamp(millis: u64, counter: u16, n: u8) -> Hlc {
    Hlc::new(millis, counter, device(n)).unwrap()
}

#[test]
fn stamps_order_by_millis_then_counter_then_device() {
    assert!(stamp(1, 9, 9) < stamp(2, 0, 0));
    assert!(stamp(2, 0, 9) < stamp(2, 1, 0));
    assert!(stamp(2, 1, 0) < stamp(2, 1, 9));
}

#[test]
fn encoding_round_trips_and_has_fixed_width() {
    let hlc = stamp(1_700_000_000_123, 42, 5);
    let text = hlc.encode();
    assert_eq!(text.len(), HLC_TEXT_LEN);
    assert_eq!(Hlc::parse(&text).unwrap(), hlc);
    let json = serde_json::to_string(&hlc).unwrap();
    assert_eq!(json, format!("\"{text}\""));
    assert_eq!(serde_json::from_str::<Hlc>(&json).unwrap(), hlc);
}

#[test]
fn parse_rejects_non_canonical_text_with_a_reason() {
    let text = stamp(1, 2, 3).encode();
    assert!(matches!(
        Hlc::parse(&text[1..]),
        Err(HlcParseError::WrongLength { len: 49, .. })
    ));
    let upper = text.to_uppercase();
    assert!(matches!(
        Hlc::parse(&upper),
        Err(HlcParseError::Malformed { .. })
    ));
    let err = Hlc::parse(&text.replace('-', "_")).unwrap_err();
    assert!(err.to_string().contains("is not a clock stamp"));
    assert!(serde_json::from_str::<Hlc>("\"nonsense\"").is_err());
}

#[test]
fn tick_follows_the_wall_clock_and_counts_when_it_stalls_or_goes_back() {
    let mut clock = HlcClock::new(device(1));
    assert_eq!(clock.tick(1000).unwrap(), stamp(1000, 0, 1));
    assert_eq!(clock.tick(1000).unwrap(), stamp(1000, 1, 1));
    assert_eq!(clock.tick(400).unwrap(), stamp(1000, 2, 1));
    assert_eq!(clock.tick(1001).unwrap(), stamp(1001, 0, 1));
}

#[test]
fn observe_moves_past_a_remote_stamp() {
    let mut clock = HlcClock::new(device(1));
    clock.tick(1000).unwrap();
    let seen = clock.observe(&stamp(5000, 7, 2), 1200).unwrap();
    assert_eq!(seen, stamp(5000, 8, 1));
    assert!(clock.tick(1300).unwrap() > stamp(5000, 7, 2));
    // Same millisecond on both sides: the larger counter plus one.
    let mut clock = HlcClock::resume(stamp(5000, 3, 1));
    assert_eq!(
        clock.observe(&stamp(5000, 9, 2), 10).unwrap(),
        stamp(5000, 10, 1)
    );
    // The wall clock ahead of both: counter starts again.
    assert_eq!(
        clock.observe(&stamp(5000, 9, 2), 6000).unwrap(),
        stamp(6000, 0, 1)
    );
}

#[test]
fn counter_overflow_is_an_error_and_leaves_the_clock_alone() {
    let mut clock = HlcClock::resume(stamp(1000, u16::MAX, 1));
    assert_eq!(clock.tick(1000), Err(ClockError::CounterExhausted));
    assert_eq!(clock.last(), stamp(1000, u16::MAX, 1));
    assert_eq!(
        clock.observe(&stamp(1000, u16::MAX, 2), 999),
        Err(ClockError::CounterExhausted)
    );
    // Time moving on frees the counter again.
    assert_eq!(clock.tick(1001).unwrap(), stamp(1001, 0, 1));
}

#[test]
fn time_beyond_48_bits_is_an_error() {
    let mut clock = HlcClock::new(device(1));
    assert!(matches!(
        clock.tick(MAX_UNIX_MILLIS + 1),
        Err(ClockError::TimeOutOfRange { .. })
    ));
    assert!(Hlc::new(MAX_UNIX_MILLIS + 1, 0, device(1)).is_err());
    assert!(clock.tick(MAX_UNIX_MILLIS).is_ok());
}

#[test]
fn clock_state_round_trips_and_bad_state_is_refused() {
    let mut clock = HlcClock::new(device(1));
    clock.tick(123_456).unwrap();
    let json = serde_json::to_value(&clock).unwrap();
    assert_eq!(serde_json::from_value::<HlcClock>(json).unwrap(), clock);
    let bad = serde_json::json!({
        "device": device(1), "millis": MAX_UNIX_MILLIS + 1, "counter": 0
    });
    assert!(serde_json::from_value::<HlcClock>(bad).is_err());
}

proptest! {
    #[test]
    fn text_order_is_stamp_order(
        a in (0..=MAX_UNIX_MILLIS, any::<u16>(), any::<u8>()),
        b in (0..=MAX_UNIX_MILLIS, any::<u16>(), any::<u8>()),
    ) {
        let (a, b) = (stamp(a.0, a.1, a.2), stamp(b.0, b.1, b.2));
        prop_assert_eq!(a.cmp(&b), a.encode().cmp(&b.encode()));
        prop_assert_eq!(Hlc::parse(&a.encode()).unwrap(), a);
    }

    #[test]
    fn every_stamp_is_greater_than_the_last(
        events in proptest::collection::vec((any::<bool>(), 0u64..10_000, 0u64..10_000, any::<u16>()), 1..50)
    ) {
        let mut clock = HlcClock::new(device(1));
        let mut last = clock.last();
        for (is_local, now, remote_ms, remote_counter) in events {
            let remote = stamp(remote_ms, remote_counter, 2);
            let made = if is_local { clock.tick(now) } else { clock.observe(&remote, now) };
            let Ok(made) = made else { continue };
            prop_assert!(made > last);
            if !is_local { prop_assert!(made > remote); }
            prop_assert!(made.millis() >= now);
            last = made;
        }
    }
}
