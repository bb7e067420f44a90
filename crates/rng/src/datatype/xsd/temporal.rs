//! Durations, dates and times: lexical forms checked against the Gregorian
//! calendar (no 30 February, no year 0000) and read as values.

use super::*;

/// `PnYnMnDTnHnMnS` as (months, seconds).
pub(super) fn parse_duration(s: &str) -> Option<(i64, Decimal)> {
    let (negative, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let body = body.strip_prefix('P')?;
    let (date, time) = match body.split_once('T') {
        Some((d, t)) => {
            if t.is_empty() {
                return None;
            }
            (d, Some(t))
        }
        None => (body, None),
    };
    let mut months: i64 = 0;
    let mut seconds: i128 = 0;
    let mut fraction = String::new();
    let mut any = false;
    let mut parse_part = |part: &str, units: &[(char, i64)], is_time: bool| -> Option<()> {
        let mut rest = part;
        let mut last = 0;
        while !rest.is_empty() {
            let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
            let (num, tail) = rest.split_at(end);
            let unit = tail.chars().next()?;
            let idx = units.iter().position(|(u, _)| *u == unit)?;
            if idx < last || num.is_empty() {
                return None;
            }
            last = idx + 1;
            let factor = units[idx].1;
            if num.contains('.') {
                if !(is_time && unit == 'S') {
                    return None;
                }
                let (i, f) = num.split_once('.')?;
                if i.is_empty() && f.is_empty() {
                    return None;
                }
                seconds += i.parse::<i128>().unwrap_or(0);
                fraction = f.trim_end_matches('0').to_string();
            } else if is_time {
                seconds += num.parse::<i128>().ok()? * i128::from(factor);
            } else if unit == 'D' {
                seconds += num.parse::<i128>().ok()? * 86_400;
            } else {
                months = months.checked_add(num.parse::<i64>().ok()?.checked_mul(factor)?)?;
            }
            any = true;
            rest = &tail[1..];
        }
        Some(())
    };
    parse_part(date, &[('Y', 12), ('M', 1), ('D', 1)], false)?;
    if let Some(t) = time {
        parse_part(t, &[('H', 3600), ('M', 60), ('S', 1)], true)?;
    }
    if !any {
        return None;
    }
    let text = format!("{}{seconds}.{fraction}", if negative { "-" } else { "" });
    let secs = Decimal::parse(&text, true)?;
    Some((if negative { -months } else { months }, secs))
}

pub(super) fn is_leap(year: i64) -> bool {
    // XSD 1.0 has no year 0: year -1 is 1 BCE, astronomical year 0, a leap year.
    let y = if year < 0 { year + 1 } else { year };
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

pub(super) fn days_in_month(year: Option<i64>, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 31,
    }
}

pub(super) fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// A year: at least four digits, no leading zero beyond four, not 0000.
pub(super) fn parse_year(s: &str) -> Option<(i64, &str)> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let y = &body[..end];
    if y.len() < 4 || (y.len() > 4 && y.starts_with('0')) {
        return None;
    }
    let v: i64 = y.parse().ok()?;
    if v == 0 {
        return None;
    }
    Some((if neg { -v } else { v }, &body[end..]))
}

/// Splits a trailing timezone (`Z`, `+hh:mm`, `-hh:mm`) and returns its offset in minutes.
pub(super) fn split_timezone(s: &str) -> Option<(&str, Option<i64>)> {
    if let Some(rest) = s.strip_suffix('Z') {
        return Some((rest, Some(0)));
    }
    if s.len() >= 6 {
        let (rest, tz) = s.split_at(s.len() - 6);
        let b = tz.as_bytes();
        if (b[0] == b'+' || b[0] == b'-') && b[3] == b':' {
            let h = digits(&tz[1..3], 2)?;
            let m = digits(&tz[4..6], 2)?;
            if h > 14 || m > 59 || (h == 14 && m != 0) {
                return None;
            }
            let off = i64::from(h * 60 + m);
            return Some((rest, Some(if b[0] == b'-' { -off } else { off })));
        }
    }
    Some((s, None))
}

pub(super) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if y < 0 { y + 1 } else { y };
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(super) fn parse_time(s: &str) -> Option<(i128, String)> {
    let b = s.as_bytes();
    if s.len() < 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let h = digits(&s[0..2], 2)?;
    let mi = digits(&s[3..5], 2)?;
    let sec = digits(&s[6..8], 2)?;
    let frac = match &s[8..] {
        "" => "",
        f => {
            let f = f.strip_prefix('.')?;
            if f.is_empty() || !f.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            f
        }
    };
    let frac = frac.trim_end_matches('0').to_string();
    // jing does not accept the end-of-day form 24:00:00.
    if mi > 59 || sec > 59 || h > 23 {
        return None;
    }
    Some((i128::from(h * 3600 + mi * 60 + sec), frac))
}

pub(super) fn parse_temporal(kind: Kind, s: &str) -> Option<Temporal> {
    let (body, tz) = split_timezone(s)?;
    let (mut seconds, fraction): (i128, String) = match kind {
        Kind::DateTime => {
            let (date, time) = body.split_once('T')?;
            let days = parse_date(date)?;
            let (t, f) = parse_time(time)?;
            (i128::from(days) * 86_400 + t, f)
        }
        Kind::Time => parse_time(body)?,
        Kind::Date => (i128::from(parse_date(body)?) * 86_400, String::new()),
        Kind::GYearMonth => {
            let (y, rest) = parse_year(body)?;
            let m = digits(rest.strip_prefix('-')?, 2)?;
            if !(1..=12).contains(&m) {
                return None;
            }
            (i128::from(days_from_civil(y, m, 1)) * 86_400, String::new())
        }
        Kind::GYear => {
            let (y, rest) = parse_year(body)?;
            if !rest.is_empty() {
                return None;
            }
            (i128::from(days_from_civil(y, 1, 1)) * 86_400, String::new())
        }
        Kind::GMonthDay => {
            let rest = body.strip_prefix("--")?;
            let (m, d) = rest.split_once('-')?;
            let (m, d) = (digits(m, 2)?, digits(d, 2)?);
            if !(1..=12).contains(&m) || d < 1 || d > days_in_month(None, m) {
                return None;
            }
            (
                i128::from(days_from_civil(2000, m, d)) * 86_400,
                String::new(),
            )
        }
        Kind::GDay => {
            let d = digits(body.strip_prefix("---")?, 2)?;
            if !(1..=31).contains(&d) {
                return None;
            }
            (i128::from(d) * 86_400, String::new())
        }
        Kind::GMonth => {
            let rest = body.strip_prefix("--")?;
            // XSD 1.0 wrote `--MM--`; the errata and jing accept `--MM`.
            let m = digits(rest.strip_suffix("--").unwrap_or(rest), 2)?;
            if !(1..=12).contains(&m) {
                return None;
            }
            (
                i128::from(days_from_civil(2000, m, 1)) * 86_400,
                String::new(),
            )
        }
        _ => return None,
    };
    if let Some(off) = tz {
        seconds -= i128::from(off) * 60;
    }
    Some(Temporal {
        seconds,
        fraction,
        timezone: tz.is_some(),
    })
}

/// `yyyy-mm-dd` as days since 1970-01-01, checked against the calendar.
pub(super) fn parse_date(s: &str) -> Option<i64> {
    let (y, rest) = parse_year(s)?;
    let rest = rest.strip_prefix('-')?;
    let (m, d) = rest.split_once('-')?;
    let (m, d) = (digits(m, 2)?, digits(d, 2)?);
    if !(1..=12).contains(&m) || d < 1 || d > days_in_month(Some(y), m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}
