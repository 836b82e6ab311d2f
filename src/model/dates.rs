//! Due dates as a rapporteur types them: `2017-03-31`, `+3d`, `+2w`, `+3m`, `eom`, `eoq`,
//! `eoy`, weekday names, all relative to the meeting's date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How dates are shown to people (the `dates` setting): the one place that formats a date
/// for a screen, a table or the Markdown. Files (TOML, JSON) always carry ISO dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateStyle {
    /// `2017-03-31`.
    #[default]
    Iso,
    /// `31 Mar 2017`.
    Day,
}

impl DateStyle {
    /// Formats a date in this style.
    pub fn format(self, d: NaiveDate) -> String {
        match self {
            // The common case written directly: chrono's format parses its pattern per call,
            // which showed in writing minutes of thousands of decisions.
            DateStyle::Iso if (0..=9999).contains(&d.year()) => {
                format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
            }
            DateStyle::Iso => d.format("%Y-%m-%d").to_string(),
            DateStyle::Day => d.format("%-d %b %Y").to_string(),
        }
    }

    /// The date with its weekday in front (`Fri 2017-03-31`, `Fri 31 Mar 2017`), where a
    /// person checks a relative date they typed.
    pub fn with_weekday(self, d: NaiveDate) -> String {
        format!("{} {}", d.format("%a"), self.format(d))
    }

    /// The widest date this style writes, in columns, for table layout.
    pub fn width(self) -> usize {
        match self {
            DateStyle::Iso => 10,
            DateStyle::Day => 11,
        }
    }

    /// The setting's word in `config.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            DateStyle::Iso => "iso",
            DateStyle::Day => "day",
        }
    }
}

/// The one long form of a date in prose (the report, the public distribution line, a
/// digest's sentences and subject): `21 November 2016`. Prose keeps it whatever the
/// `dates` setting; tables and columns use [`DateStyle::format`].
pub fn long_date(d: NaiveDate) -> String {
    // Written directly in the common case: chrono's format parses its pattern per call,
    // which shows in the report of a meeting of thousands of decisions.
    if (0..=9999).contains(&d.year()) {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        return format!(
            "{} {} {:04}",
            d.day(),
            MONTHS[d.month0() as usize],
            d.year()
        );
    }
    d.format("%-d %B %Y").to_string()
}

/// Day and month only (`31 Mar`), where a column is too narrow for the year.
pub fn day_month(d: NaiveDate) -> String {
    d.format("%-d %b").to_string()
}

/// Why a typed date was refused; the message is written for the person typing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct DateError(pub String);

/// Two example dates for prompts and messages, drawn from the meeting's date (the end of
/// its month) so that a 2025 meeting is not shown 2017: `2025-05-31, 31 May 2025`.
pub fn examples(base: NaiveDate) -> String {
    let d = end_of_month(base.year(), base.month());
    format!("{}, {}", d.format("%Y-%m-%d"), d.format("%-d %b %Y"))
}

/// The forms a due date may take, with examples from the meeting's date.
fn forms(base: NaiveDate) -> String {
    format!(
        "use {}, +3d, +2w, +3m, eom, eoq, eoy or a weekday (fri)",
        examples(base)
    )
}

/// A date written with slashes when only one reading is a date (`30/07/2025`: 30 cannot
/// be a month); `None` when both are (`03/04/2025`) or neither is.
fn slash_date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split('/').map(str::trim).collect();
    let num = |p: &str| {
        (!p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (Some(a), Some(b), Some(y)) = (
        parts.first().copied().and_then(num),
        parts.get(1).copied().and_then(num),
        parts.get(2).copied().filter(|p| p.len() == 4).and_then(num),
    ) else {
        return Err("is not a date".into());
    };
    if parts.len() != 3 {
        return Err("is not a date".into());
    }
    let y = y as i32;
    let day_month = NaiveDate::from_ymd_opt(y, b, a);
    let month_day = NaiveDate::from_ymd_opt(y, a, b);
    match (day_month, month_day) {
        (Some(d), Some(m)) if d == m => Ok(d),
        (Some(_), Some(_)) => Err("is ambiguous (day/month or month/day?)".into()),
        (Some(d), None) | (None, Some(d)) => Ok(d),
        (None, None) => Err("is not a day of the calendar".into()),
    }
}

/// The forms the app shows dates in (`31 Mar 2017`, `31 March 2017`, with or without the
/// weekday in front), read back as typed.
fn display_form(s: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let words = match words.as_slice() {
        [day, rest @ ..] if rest.len() == 3 && day.parse::<Weekday>().is_ok() => rest,
        all => all,
    };
    let [day, month, year] = words else {
        return None;
    };
    let text = format!("{day} {month} {year}");
    NaiveDate::parse_from_str(&text, "%d %b %Y")
        .or_else(|_| NaiveDate::parse_from_str(&text, "%d %B %Y"))
        .ok()
}

/// Parses a typed due date relative to `base` (the meeting's date).
pub fn parse_due(input: &str, base: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim().to_lowercase();
    if s.is_empty() {
        return Err(DateError(format!("no date typed: {}", forms(base))));
    }
    if s.contains('/') {
        return slash_date(&s)
            .map_err(|why| DateError(format!("'{}' {why}: write it as YYYY-MM-DD", input.trim())));
    }
    if let Some(rest) = s.strip_prefix('+') {
        return relative(rest, base);
    }
    match s.as_str() {
        "today" => return Ok(base),
        "eom" => return Ok(end_of_month(base.year(), base.month())),
        "eoq" => {
            let q_end = ((base.month() - 1) / 3 + 1) * 3;
            return Ok(end_of_month(base.year(), q_end));
        }
        "eoy" => return Ok(end_of_month(base.year(), 12)),
        _ => {}
    }
    if let Ok(day) = s.parse::<Weekday>() {
        let ahead = (7 + day.num_days_from_monday() as i64
            - base.weekday().num_days_from_monday() as i64)
            % 7;
        let ahead = if ahead == 0 { 7 } else { ahead };
        return Ok(base + chrono::Duration::days(ahead));
    }
    if let Some(d) = display_form(&s) {
        return Ok(d);
    }
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|_| {
        if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
            DateError(format!("'{}' is not a day of the calendar", input.trim()))
        } else {
            DateError(format!("'{}' is not a date: {}", input.trim(), forms(base)))
        }
    })
}

fn relative(rest: &str, base: NaiveDate) -> Result<NaiveDate, DateError> {
    let unit_at = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (num, unit) = rest.split_at(unit_at);
    let n: u32 = num
        .parse()
        .map_err(|_| DateError(format!("'+{rest}' needs a number: {}", forms(base))))?;
    let out = match unit {
        "d" | "" => base.checked_add_days(Days::new(n.into())),
        "w" => base.checked_add_days(Days::new(u64::from(n) * 7)),
        "m" => base.checked_add_months(Months::new(n)),
        "y" => base.checked_add_months(Months::new(n.saturating_mul(12))),
        _ => {
            return Err(DateError(format!(
                "'{unit}' is not a unit: use d, w, m or y (+3d, +2w, +3m, +1y)"
            )));
        }
    };
    out.ok_or_else(|| DateError(format!("'+{rest}' is too far ahead")))
}

fn end_of_month(year: i32, month: u32) -> NaiveDate {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    };
    first_next
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_are_written_as_chrono_writes_them() {
        for (y, m, d) in [(2017, 3, 31), (5, 1, 1), (9999, 12, 31), (1, 10, 9)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(
                DateStyle::Iso.format(date),
                date.format("%Y-%m-%d").to_string()
            );
        }
        assert_eq!(
            DateStyle::Iso.format(NaiveDate::from_ymd_opt(2017, 3, 31).unwrap()),
            "2017-03-31"
        );
    }

    #[test]
    fn typed_dates() {
        // Monday 21 November 2016, the day of CONSLE 17.
        let base = NaiveDate::from_ymd_opt(2016, 11, 21).unwrap();
        let ok = [
            ("2017-03-31", "2017-03-31"),
            (" 2017-03-31 ", "2017-03-31"),
            ("+3d", "2016-11-24"),
            ("+2w", "2016-12-05"),
            ("+3m", "2017-02-21"),
            ("+1y", "2017-11-21"),
            ("eom", "2016-11-30"),
            ("eoq", "2016-12-31"),
            ("eoy", "2016-12-31"),
            ("fri", "2016-11-25"),
            ("Friday", "2016-11-25"),
            ("mon", "2016-11-28"),
            ("today", "2016-11-21"),
            ("31 Mar 2017", "2017-03-31"),
            ("31 March 2017", "2017-03-31"),
            ("31 mar 2017", "2017-03-31"),
            ("1 Apr 2017", "2017-04-01"),
            ("Fri 31 Mar 2017", "2017-03-31"),
            (" 31  Mar  2017 ", "2017-03-31"),
        ];
        for (input, want) in ok {
            assert_eq!(
                parse_due(input, base).unwrap().to_string(),
                want,
                "input {input:?}"
            );
        }
        // Examples come from the meeting's date, not the sample's 2017.
        let may = NaiveDate::from_ymd_opt(2025, 5, 12).unwrap();
        assert_eq!(examples(may), "2025-05-31, 31 May 2025");
        assert!(
            parse_due("soon", may)
                .unwrap_err()
                .to_string()
                .contains("2025-05-31")
        );
        // One reading only: 30 cannot be a month, so 30/07 is the 30th of July.
        assert_eq!(
            parse_due("30/07/2025", base).unwrap().to_string(),
            "2025-07-30"
        );
        assert_eq!(
            parse_due("7/30/2025", base).unwrap().to_string(),
            "2025-07-30"
        );
        assert_eq!(
            parse_due("05/05/2025", base).unwrap().to_string(),
            "2025-05-05"
        );
        let bad = [
            ("03/04/2017", "ambiguous"),
            ("31/02/2025", "not a day of the calendar"),
            ("30/07", "not a date"),
            ("30/07/25", "not a date"),
            ("2017-02-30", "not a day of the calendar"),
            ("soon", "not a date"),
            ("31 Feb 2017", "not a date"),
            ("31 Mar", "not a date"),
            ("+3x", "not a unit"),
            ("+w", "needs a number"),
            ("", "no date typed"),
        ];
        for (input, words) in bad {
            let err = parse_due(input, base).unwrap_err().to_string();
            assert!(err.contains(words), "{input:?} gave {err:?}");
        }
    }

    #[test]
    fn end_of_quarter_in_each_quarter() {
        let d = |m| NaiveDate::from_ymd_opt(2017, m, 15).unwrap();
        assert_eq!(parse_due("eoq", d(2)).unwrap().to_string(), "2017-03-31");
        assert_eq!(parse_due("eoq", d(6)).unwrap().to_string(), "2017-06-30");
        assert_eq!(parse_due("eoq", d(9)).unwrap().to_string(), "2017-09-30");
    }
}
