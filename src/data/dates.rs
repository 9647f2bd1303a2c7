//! Dates of reduced precision, as used throughout the data set (`2022`, `2022-10`, `2022-10-26`).

use std::fmt;

/// A date known to the year, the month or the day. Orders chronologically, a less precise date
/// sorting before the more precise dates it contains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month 1–12, or 0 when unknown.
    pub month: u8,
    /// Day 1–31, or 0 when unknown.
    pub day: u8,
}

impl PartialDate {
    /// The last day this date could stand for, as a comparable key (e.g. `2022-10` → 2022-10-31).
    pub fn latest_day(self) -> (u16, u8, u8) {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year, month)
        } else {
            self.day
        };
        (self.year, month, day)
    }
}

impl PartialDate {
    /// The date in words, as a reader would say it: "30 September 2022", "September 2022", "2022".
    pub fn in_words(self) -> String {
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
        let month = (1..=12)
            .contains(&self.month)
            .then(|| MONTHS[usize::from(self.month) - 1]);
        match (month, self.day) {
            (None, _) => format!("{}", self.year),
            (Some(m), 0) => format!("{m} {}", self.year),
            (Some(m), d) => format!("{d} {m} {}", self.year),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (0, _) => write!(f, "{:04}", self.year),
            (m, 0) => write!(f, "{:04}-{m:02}", self.year),
            (m, d) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, rejecting impossible months and days.
pub fn parse_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.split('-');
    let year = parse_fixed(parts.next()?, 4)?;
    let month = match parts.next() {
        Some(m) => parse_fixed(m, 2)?,
        None => 0,
    };
    let day = match parts.next() {
        Some(d) => parse_fixed(d, 2)?,
        None => 0,
    };
    if parts.next().is_some() || year < 1000 || month > 12 {
        return None;
    }
    // `parse_fixed` never returns 0 for a two-digit field, so a day implies a month.
    if day > u16::from(days_in_month(year, month as u8)) {
        return None;
    }
    Some(PartialDate {
        year,
        month: month as u8,
        day: day as u8,
    })
}

fn parse_fixed(text: &str, len: usize) -> Option<u16> {
    if text.len() != len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value = text.parse().ok()?;
    if len == 2 && value == 0 {
        return None;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            parse_date("2022").map(|d| d.to_string()),
            Some("2022".into())
        );
        assert_eq!(
            parse_date("2022-10").map(|d| d.to_string()),
            Some("2022-10".into())
        );
        assert_eq!(
            parse_date("2022-10-26").map(|d| d.to_string()),
            Some("2022-10-26".into())
        );
    }

    #[test]
    fn rejects_impossible_or_malformed_dates() {
        for bad in [
            "",
            "22",
            "2022-13",
            "2022-00",
            "2022-02-30",
            "2023-02-29",
            "2022-1-5",
            "2022/10/26",
            "n.d.",
            "2022-10-26-1",
            "２０２２",
        ] {
            assert_eq!(parse_date(bad), None, "{bad:?} should be rejected");
        }
        assert!(parse_date("2024-02-29").is_some());
    }

    #[test]
    fn less_precise_dates_sort_first_and_end_last() {
        let month = parse_date("2022-10").unwrap();
        let day = parse_date("2022-10-26").unwrap();
        assert!(month < day);
        assert_eq!(month.latest_day(), (2022, 10, 31));
    }
}
