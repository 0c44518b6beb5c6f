//! The schedule of a permit procedure's public participation (§10 BImSchG, 9. BImSchV),
//! computed as the law counts: §31 VwVfG with §§187, 188, 193 BGB, and the public holidays
//! of the tenant's state. One pure function (`schedule`) serves the staff form, the public
//! page and the server's check of an objection's date, and `mitwirken deadlines` prints it.
//!
//! - The display starts on a day and lasts one month, that day counted (§10(3) BImSchG,
//!   §187(2) BGB): it ends with the day before the day of the next month with the same
//!   number, or with that month's last day when it has no such day (§188(2), (3) BGB).
//! - Objections may be raised until two weeks after the display ends, or one month for an
//!   installation under the Industrial Emissions Directive or with an environmental impact
//!   assessment (§10(3) sentence 4 BImSchG, §12(1) 9. BImSchV); the day the display ended
//!   is not counted (§187(1) BGB), so the period ends on the same weekday two weeks later,
//!   or on the day with the same number one month later (or the month's last day).
//! - A period whose last day is a Saturday, a Sunday or a public holiday of the state ends
//!   with the next working day (§31(3) VwVfG, §193 BGB); the objection period counts from
//!   the display's end so moved.
//! - The announcement must come at least one week before the display starts (§10(3)
//!   sentence 1 BImSchG, §9(2) 9. BImSchV): at the latest seven days before.
//! - A decision announced publicly is displayed for two weeks from the day after the
//!   announcement; with the end of that display it counts as delivered (§10(8) BImSchG).
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

/// The states whose public holidays are known here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum State {
    /// Saxony (Sachsen).
    SN,
    /// Hesse (Hessen).
    HE,
    /// North Rhine-Westphalia (Nordrhein-Westfalen).
    NW,
    /// Saxony-Anhalt (Sachsen-Anhalt).
    ST,
}

impl State {
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim().to_ascii_uppercase().as_str() {
            "SN" => Some(State::SN),
            "HE" => Some(State::HE),
            "NW" => Some(State::NW),
            "ST" => Some(State::ST),
            _ => None,
        }
    }
}

/// Easter Sunday of `year` (Gregorian calendar; the anonymous algorithm of 1876).
pub fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// The statewide public holidays of `state` in `year`.
pub fn holidays(state: State, year: i32) -> Vec<NaiveDate> {
    let e = easter(year);
    let mut days = vec![
        date(year, 1, 1),       // Neujahr
        e - Duration::days(2),  // Karfreitag
        e + Duration::days(1),  // Ostermontag
        date(year, 5, 1),       // Tag der Arbeit
        e + Duration::days(39), // Christi Himmelfahrt
        e + Duration::days(50), // Pfingstmontag
        date(year, 10, 3),      // Tag der Deutschen Einheit
        date(year, 12, 25),     // 1. Weihnachtstag
        date(year, 12, 26),     // 2. Weihnachtstag
    ];
    let reformation = date(year, 10, 31);
    match state {
        State::SN => {
            days.push(reformation);
            // Buß- und Bettag: the Wednesday before 23 November.
            let mut d = date(year, 11, 22);
            while d.weekday() != Weekday::Wed {
                d -= Duration::days(1);
            }
            days.push(d);
        }
        State::HE => days.push(e + Duration::days(60)), // Fronleichnam
        State::NW => {
            days.push(e + Duration::days(60)); // Fronleichnam
            days.push(date(year, 11, 1)); // Allerheiligen
        }
        State::ST => {
            days.push(date(year, 1, 6)); // Heilige Drei Könige
            days.push(reformation);
        }
    }
    // The 500th anniversary of the Reformation was a holiday in every state.
    if year == 2017 && !days.contains(&reformation) {
        days.push(reformation);
    }
    days
}

/// Whether `d` is a working day in `state`: not a Saturday, Sunday or public holiday.
pub fn is_working_day(state: State, d: NaiveDate) -> bool {
    !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays(state, d.year()).contains(&d)
}

/// §193 BGB, §31(3) VwVfG: the last day of a period moved to the next working day.
fn to_working_day(state: State, mut d: NaiveDate) -> NaiveDate {
    while !is_working_day(state, d) {
        d += Duration::days(1);
    }
    d
}

/// The day with `d`'s number `months` later, or that month's last day if it has no such
/// day (§188(3) BGB); `None` when the month has no such day, in the second part.
fn same_day_months_later(d: NaiveDate, months: u32) -> (NaiveDate, bool) {
    let first = d.with_day(1).expect("day 1") + chrono::Months::new(months);
    match first.with_day(d.day()) {
        Some(same) => (same, true),
        None => {
            let last = first + chrono::Months::new(1) - Duration::days(1);
            (last, false)
        }
    }
}

/// A period of one month beginning at the start of `start` (§187(2) BGB): its last day.
fn month_from_start_of(start: NaiveDate) -> NaiveDate {
    match same_day_months_later(start, 1) {
        (same, true) => same - Duration::days(1),
        // No such day: the period ends with the month's last day (§188(3) BGB).
        (last, false) => last,
    }
}

/// A period of one month after an event on `day` (§187(1) BGB): its last day.
fn month_after(day: NaiveDate) -> NaiveDate {
    same_day_months_later(day, 1).0
}

/// The dates of a permit procedure's participation, each with its legal basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Schedule {
    pub state: State,
    /// The installation falls under the Industrial Emissions Directive.
    pub ied: bool,
    /// An environmental impact assessment (UVP) is carried out.
    pub uvp: bool,
    pub latest_announcement: NaiveDate,
    pub display_start: NaiveDate,
    pub display_end: NaiveDate,
    pub objection_deadline: NaiveDate,
    /// From the day a decision was announced: the end of its display, when it counts as
    /// delivered.
    pub decision_announced: Option<NaiveDate>,
    pub decision_display_end: Option<NaiveDate>,
}

/// The legal basis of each date, as shown beside it.
pub const BASIS_ANNOUNCEMENT: &str = "§ 10 Abs. 3 Satz 1 BImSchG, § 9 Abs. 2 der 9. BImSchV";
pub const BASIS_DISPLAY: &str =
    "§ 10 Abs. 3 Satz 2 BImSchG, § 31 VwVfG, §§ 187 Abs. 2, 188 Abs. 2, 193 BGB";
pub const BASIS_OBJECTION: &str = "§ 10 Abs. 3 Satz 4 BImSchG, § 12 Abs. 1 der 9. BImSchV, § 31 VwVfG, §§ 187 Abs. 1, 188 Abs. 2, 193 BGB";
pub const BASIS_DECISION: &str = "§ 10 Abs. 8 BImSchG, § 31 VwVfG, § 193 BGB";

/// The schedule from the first day of the display.
pub fn schedule(
    state: State,
    display_start: NaiveDate,
    ied: bool,
    uvp: bool,
    decision_announced: Option<NaiveDate>,
) -> Schedule {
    let display_end = to_working_day(state, month_from_start_of(display_start));
    let objection_end = if ied || uvp {
        month_after(display_end)
    } else {
        display_end + Duration::weeks(2)
    };
    let decision_display_end = decision_announced.map(|announced| {
        // Displayed from the next day for two weeks, that day counted.
        let first = announced + Duration::days(1);
        to_working_day(state, first + Duration::weeks(2) - Duration::days(1))
    });
    Schedule {
        state,
        ied,
        uvp,
        latest_announcement: display_start - Duration::weeks(1),
        display_start,
        display_end,
        objection_deadline: to_working_day(state, objection_end),
        decision_announced,
        decision_display_end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn easter_sundays() {
        for (year, day) in [
            (2017, "2017-04-16"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2028, "2028-04-16"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter(year), d(day), "{year}");
        }
    }

    #[test]
    fn holidays_of_each_state() {
        let sn = holidays(State::SN, 2026);
        assert!(sn.contains(&d("2026-11-18")), "Buß- und Bettag");
        assert!(sn.contains(&d("2026-10-31")) && !sn.contains(&d("2026-06-04")));
        assert!(holidays(State::SN, 2025).contains(&d("2025-11-19")));
        let he = holidays(State::HE, 2026);
        assert!(he.contains(&d("2026-06-04")) && !he.contains(&d("2026-10-31")));
        let nw = holidays(State::NW, 2026);
        assert!(nw.contains(&d("2026-06-04")) && nw.contains(&d("2026-11-01")));
        let st = holidays(State::ST, 2026);
        assert!(st.contains(&d("2026-01-06")) && st.contains(&d("2026-10-31")));
        assert!(holidays(State::HE, 2017).contains(&d("2017-10-31")));
        assert!(!holidays(State::HE, 2018).contains(&d("2018-10-31")));
        for s in [State::SN, State::HE, State::NW, State::ST] {
            let h = holidays(s, 2026);
            for day in [
                "2026-01-01",
                "2026-04-03",
                "2026-04-06",
                "2026-05-01",
                "2026-05-14",
                "2026-05-25",
                "2026-10-03",
                "2026-12-25",
                "2026-12-26",
            ] {
                assert!(h.contains(&d(day)), "{s:?} {day}");
            }
        }
    }

    /// Worked out by hand with a calendar: state, display start, IED/UVP, display end,
    /// objection deadline.
    #[test]
    fn a_table_of_schedules() {
        use State::*;
        let cases = [
            (SN, "2026-03-02", false, "2026-04-01", "2026-04-15"),
            (SN, "2026-03-02", true, "2026-04-01", "2026-05-04"), // 1 May, weekend
            (SN, "2026-03-04", false, "2026-04-07", "2026-04-21"), // Good Friday → Tuesday
            (SN, "2026-01-31", false, "2026-03-02", "2026-03-16"), // no 31 Feb; 28 Feb a Saturday
            (SN, "2028-01-30", false, "2028-02-29", "2028-03-14"), // leap year
            (SN, "2028-01-30", true, "2028-02-29", "2028-03-29"),
            (SN, "2028-01-29", false, "2028-02-28", "2028-03-13"),
            (SN, "2025-10-01", false, "2025-11-03", "2025-11-17"), // Reformation Day
            (HE, "2025-10-01", false, "2025-10-31", "2025-11-14"),
            (NW, "2025-10-01", false, "2025-10-31", "2025-11-14"),
            (ST, "2025-10-01", false, "2025-11-03", "2025-11-17"),
            (SN, "2025-10-20", false, "2025-11-20", "2025-12-04"), // Buß- und Bettag
            (HE, "2025-10-20", false, "2025-11-19", "2025-12-03"),
            (HE, "2026-05-05", false, "2026-06-05", "2026-06-19"), // Fronleichnam
            (NW, "2026-05-05", false, "2026-06-05", "2026-06-19"),
            (SN, "2026-05-05", false, "2026-06-04", "2026-06-18"),
            (ST, "2025-12-07", false, "2026-01-07", "2026-01-21"), // Epiphany
            (SN, "2025-12-07", false, "2026-01-06", "2026-01-20"),
            (SN, "2026-11-12", false, "2026-12-11", "2026-12-28"), // Christmas
            (SN, "2026-11-02", true, "2026-12-01", "2027-01-04"),  // New Year
            (SN, "2027-03-01", true, "2027-03-31", "2027-04-30"),  // no 31 April
            (SN, "2027-12-01", false, "2027-12-31", "2028-01-14"),
            (SN, "2027-12-01", true, "2027-12-31", "2028-01-31"),
            (SN, "2026-04-12", false, "2026-05-11", "2026-05-26"), // Whit Monday
            (SN, "2026-04-15", false, "2026-05-15", "2026-05-29"), // Ascension
            (SN, "2025-09-04", false, "2025-10-06", "2025-10-20"), // 3 October
            (NW, "2027-10-02", false, "2027-11-02", "2027-11-16"), // All Saints
            (SN, "2027-10-02", false, "2027-11-01", "2027-11-15"),
            (HE, "2017-10-01", false, "2017-11-01", "2017-11-15"), // 2017, everywhere
            (HE, "2018-10-01", false, "2018-10-31", "2018-11-14"),
            (SN, "2026-02-28", false, "2026-03-27", "2026-04-10"),
            (SN, "2026-03-31", false, "2026-04-30", "2026-05-15"), // ends on Ascension
            (SN, "2026-03-31", true, "2026-04-30", "2026-06-01"),
            (SN, "2026-05-31", false, "2026-06-30", "2026-07-14"),
            (SN, "2026-12-01", false, "2026-12-31", "2027-01-14"),
            (SN, "2026-12-01", true, "2026-12-31", "2027-02-01"),
            (SN, "2026-10-05", false, "2026-11-04", "2026-11-19"), // Buß- und Bettag
            (HE, "2026-10-05", false, "2026-11-04", "2026-11-18"),
        ];
        for (state, start, ied, end, deadline) in cases {
            let s = schedule(state, d(start), ied, false, None);
            assert_eq!(
                s.display_end,
                d(end),
                "{state:?} {start} ied={ied}: display end"
            );
            assert_eq!(
                s.objection_deadline,
                d(deadline),
                "{state:?} {start} ied={ied}: objections"
            );
            let uvp = schedule(state, d(start), false, ied, None);
            assert_eq!(uvp.objection_deadline, s.objection_deadline, "UVP as IED");
        }
    }

    #[test]
    fn announcement_and_decision() {
        let s = schedule(
            State::SN,
            d("2026-03-02"),
            false,
            false,
            Some(d("2026-06-01")),
        );
        assert_eq!(s.latest_announcement, d("2026-02-23"));
        assert_eq!(s.decision_display_end, Some(d("2026-06-15")));
        let christmas = schedule(
            State::SN,
            d("2026-03-02"),
            false,
            false,
            Some(d("2026-12-11")),
        );
        assert_eq!(christmas.decision_display_end, Some(d("2026-12-28")));
    }

    /// For every day of nine years and every state: the deadlines are working days, the
    /// display lasts a month (28 to 31 days, or a few more when it ends moved), and the
    /// objection period follows it by at least two weeks (a month with IED).
    #[test]
    fn properties_over_nine_years() {
        let mut day = d("2024-01-01");
        while day < d("2033-01-01") {
            for state in [State::SN, State::HE, State::NW, State::ST] {
                for ied in [false, true] {
                    let s = schedule(state, day, ied, false, Some(day));
                    assert!(is_working_day(state, s.display_end), "{state:?} {day}");
                    assert!(
                        is_working_day(state, s.objection_deadline),
                        "{state:?} {day}"
                    );
                    let display = (s.display_end - day).num_days();
                    assert!((27..=35).contains(&display), "{state:?} {day}: {display}");
                    let objections = (s.objection_deadline - s.display_end).num_days();
                    let least = if ied { 28 } else { 14 };
                    assert!(
                        (least..=least + 8).contains(&objections),
                        "{state:?} {day} ied={ied}: {objections}"
                    );
                    assert_eq!((day - s.latest_announcement).num_days(), 7);
                    let decision = s.decision_display_end.unwrap();
                    assert!((14..=20).contains(&(decision - day).num_days()));
                }
            }
            day += Duration::days(1);
        }
    }
}
