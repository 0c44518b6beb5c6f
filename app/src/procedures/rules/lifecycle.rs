//! The lifecycle of a procedure and its comment phases: which status the dates call for,
//! whether a contribution is accepted right now, and which steps staff take by hand.
pub use crate::domain::procedure::{Status, Window};
use chrono::{DateTime, Utc};

/// The status the dates call for. Only announced, open and evaluation follow the dates;
/// a draft waits for its publication, concluded and archived are final.
pub fn scheduled(current: Status, windows: &[Window], now: DateTime<Utc>) -> Status {
    if !current.follows_dates() {
        current
    } else if windows.iter().any(|w| w.contains(now)) {
        Status::Open
    } else if windows.iter().any(|w| w.ends_at <= now) {
        Status::Evaluation
    } else {
        Status::Announced
    }
}

/// Whether a contribution is accepted at `now`. Decided from the phases themselves, not
/// from the stored status, so it is exact to the second even before the worker ran.
pub fn accepts_contributions(status: Status, windows: &[Window], now: DateTime<Utc>) -> bool {
    status.follows_dates() && windows.iter().any(|w| w.contains(now))
}

/// The phase running at `now`, else the next one to start.
pub fn current_or_next(windows: &[Window], now: DateTime<Utc>) -> Option<Window> {
    windows
        .iter()
        .find(|w| w.contains(now))
        .copied()
        .or_else(|| {
            windows
                .iter()
                .filter(|w| w.starts_at > now)
                .min_by_key(|w| w.starts_at)
                .copied()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn window(a: &str, b: &str) -> Window {
        Window {
            starts_at: t(a),
            ends_at: t(b),
        }
    }

    #[test]
    fn the_window_is_exact_to_the_second() {
        let w = window("2026-03-01T08:00:00Z", "2026-03-29T10:00:00Z");
        assert!(!w.contains(t("2026-03-01T07:59:59Z")));
        assert!(w.contains(t("2026-03-01T08:00:00Z")));
        assert!(w.contains(t("2026-03-29T09:59:59Z")));
        assert!(!w.contains(t("2026-03-29T10:00:00Z")));
    }

    #[test]
    fn the_dates_move_announced_open_and_evaluation() {
        let phases = [
            window("2026-03-01T08:00:00Z", "2026-03-10T08:00:00Z"),
            window("2026-04-01T08:00:00Z", "2026-04-10T08:00:00Z"),
        ];
        let cases = [
            ("2026-02-01T00:00:00Z", Status::Announced),
            ("2026-03-05T00:00:00Z", Status::Open),
            ("2026-03-20T00:00:00Z", Status::Evaluation),
            ("2026-04-01T08:00:00Z", Status::Open),
            ("2026-05-01T00:00:00Z", Status::Evaluation),
        ];
        for (now, expected) in cases {
            for from in [Status::Announced, Status::Open, Status::Evaluation] {
                assert_eq!(
                    scheduled(from, &phases, t(now)),
                    expected,
                    "{now} from {from:?}"
                );
            }
            for fixed in [Status::Draft, Status::Concluded, Status::Archived] {
                assert_eq!(scheduled(fixed, &phases, t(now)), fixed);
            }
        }
        assert_eq!(
            scheduled(Status::Announced, &[], t("2026-01-01T00:00:00Z")),
            Status::Announced
        );
    }

    #[test]
    fn contributions_only_in_a_phase_of_a_published_running_procedure() {
        let phases = [window("2026-03-01T08:00:00Z", "2026-03-10T08:00:00Z")];
        let inside = t("2026-03-05T00:00:00Z");
        assert!(accepts_contributions(Status::Open, &phases, inside));
        // The stored status may lag behind the clock: the dates decide.
        assert!(accepts_contributions(Status::Announced, &phases, inside));
        assert!(!accepts_contributions(Status::Draft, &phases, inside));
        assert!(!accepts_contributions(Status::Concluded, &phases, inside));
        assert!(!accepts_contributions(
            Status::Open,
            &phases,
            t("2026-03-10T08:00:00Z")
        ));
    }

    #[test]
    fn manual_steps_and_round_trips() {
        assert_eq!(Status::Draft.manual_next(), Some(Status::Announced));
        assert_eq!(Status::Open.manual_next(), None);
        assert_eq!(Status::Evaluation.manual_next(), Some(Status::Concluded));
        for s in Status::ALL {
            assert_eq!(Status::parse(s.as_str()), Some(*s));
        }
    }

    #[test]
    fn the_current_or_next_phase() {
        let phases = [
            window("2026-04-01T08:00:00Z", "2026-04-10T08:00:00Z"),
            window("2026-03-01T08:00:00Z", "2026-03-10T08:00:00Z"),
        ];
        assert_eq!(
            current_or_next(&phases, t("2026-02-01T00:00:00Z")),
            Some(phases[1])
        );
        assert_eq!(
            current_or_next(&phases, t("2026-03-20T00:00:00Z")),
            Some(phases[0])
        );
        assert_eq!(current_or_next(&phases, t("2026-05-01T00:00:00Z")), None);
    }
}
