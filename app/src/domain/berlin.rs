//! Dates and times as people in Germany read and type them: Europe/Berlin, German format.
//! (Server only: the time zone database stays out of the WebAssembly bundle; pages get
//! their dates already formatted.)
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Berlin;

/// Reads a local Berlin time as typed into a form: `2026-03-29T12:00` (what a
/// `datetime-local` field sends) or `29.03.2026 12:00` (typed by hand). A time that does
/// not exist (the hour skipped in March) is refused; of a repeated one (October) the
/// first is taken.
pub fn parse_local(input: &str) -> Result<DateTime<Utc>, &'static str> {
    let s = input.trim();
    if s.is_empty() {
        return Err("error.datetime.missing");
    }
    let naive = [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y, %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    .ok_or("error.datetime.invalid")?;
    Berlin
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .ok_or("error.datetime.nonexistent")
}

/// The value of a `datetime-local` field for `t`.
pub fn input_value(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// `29.03.2026, 12:00 Uhr` (German) or `29.03.2026, 12:00` (English pages keep the
/// German date format: the portal's dates are German dates).
pub fn format(t: DateTime<Utc>, lang: Lang) -> String {
    let local = t.with_timezone(&Berlin);
    match lang {
        Lang::De => local.format("%d.%m.%Y, %H:%M Uhr").to_string(),
        Lang::En => local.format("%d.%m.%Y, %H:%M").to_string(),
    }
}

/// The end of a period, as authorities write it: like [`format`], but an end at midnight
/// is the end of the day before, "03.03.2027, 24:00 Uhr", not "04.03.2027, 00:00 Uhr"
/// (a phase that runs "until 4 March, 00:00" reads as if the 4th were still open).
pub fn format_end(t: DateTime<Utc>, lang: Lang) -> String {
    let Some(day) = day_ended_by(t) else {
        return format(t, lang);
    };
    let day = day.format("%d.%m.%Y");
    match lang {
        Lang::De => format!("{day}, 24:00 Uhr"),
        Lang::En => format!("{day}, 24:00"),
    }
}

/// The day whose end `t` is, when `t` is midnight in Berlin.
pub fn day_ended_by(t: DateTime<Utc>) -> Option<chrono::NaiveDate> {
    let local = t.with_timezone(&Berlin);
    (local.time() == chrono::NaiveTime::MIN).then(|| local.date_naive() - chrono::Duration::days(1))
}

/// `29.03.2026`.
pub fn format_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Berlin).format("%d.%m.%Y").to_string()
}

/// What is left until `end`, in the largest unit that fits: "3 Tage", "5 Stunden".
pub fn time_left(now: DateTime<Utc>, end: DateTime<Utc>, lang: Lang) -> String {
    let left = end - now;
    let (n, one, many) = if left.num_days() >= 2 {
        (left.num_days(), "time.day", "time.days")
    } else if left.num_hours() >= 2 {
        (left.num_hours(), "time.hour", "time.hours")
    } else if left.num_minutes() >= 1 {
        (left.num_minutes(), "time.minute", "time.minutes")
    } else {
        return lang.t("time.less_than_a_minute").to_string();
    };
    let unit = if n == 1 { one } else { many };
    lang.tf(unit, &[("n", &n.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn reads_local_times_in_both_seasons() {
        assert_eq!(
            parse_local("2026-01-15T12:00"),
            Ok(utc("2026-01-15T11:00:00Z"))
        );
        assert_eq!(
            parse_local("15.07.2026 12:00"),
            Ok(utc("2026-07-15T10:00:00Z"))
        );
        // 29 March 2026: 02:00 → 03:00. 02:30 does not exist.
        assert_eq!(
            parse_local("2026-03-29T02:30"),
            Err("error.datetime.nonexistent")
        );
        assert_eq!(
            parse_local("2026-03-29T03:00"),
            Ok(utc("2026-03-29T01:00:00Z"))
        );
        // 25 October 2026: 02:30 happens twice; the first (CEST) is taken.
        assert_eq!(
            parse_local("2026-10-25T02:30"),
            Ok(utc("2026-10-25T00:30:00Z"))
        );
        assert_eq!(parse_local(""), Err("error.datetime.missing"));
        assert_eq!(parse_local("morgen"), Err("error.datetime.invalid"));
        assert_eq!(
            parse_local("2026-02-30T10:00"),
            Err("error.datetime.invalid")
        );
    }

    #[test]
    fn formats_round_trip_through_the_form_field() {
        let t = utc("2026-07-15T10:00:00Z");
        assert_eq!(input_value(t), "2026-07-15T12:00");
        assert_eq!(parse_local(&input_value(t)), Ok(t));
        assert_eq!(format(t, Lang::De), "15.07.2026, 12:00 Uhr");
        assert_eq!(format_date(t), "15.07.2026");
    }

    #[test]
    fn an_end_at_midnight_is_the_end_of_the_day_before() {
        // 4 March 2027, 00:00 in Berlin (CET) and 1 August 2027, 00:00 (CEST).
        assert_eq!(
            format_end(utc("2027-03-03T23:00:00Z"), Lang::De),
            "03.03.2027, 24:00 Uhr"
        );
        assert_eq!(
            format_end(utc("2027-07-31T22:00:00Z"), Lang::En),
            "31.07.2027, 24:00"
        );
        // Any other time is shown as it is.
        assert_eq!(
            format_end(utc("2027-03-03T23:01:00Z"), Lang::De),
            "04.03.2027, 00:01 Uhr"
        );
    }

    #[test]
    fn time_left_in_the_largest_unit() {
        let now = utc("2026-07-15T10:00:00Z");
        let de = |end: &str| time_left(now, utc(end), Lang::De);
        assert_eq!(de("2026-07-20T10:00:00Z"), "5 Tage");
        assert_eq!(de("2026-07-16T15:00:00Z"), "29 Stunden");
        assert_eq!(de("2026-07-15T11:01:00Z"), "61 Minuten");
        assert_eq!(de("2026-07-15T10:01:00Z"), "1 Minute");
        assert_eq!(de("2026-07-15T10:00:30Z"), "weniger als eine Minute");
    }
}
