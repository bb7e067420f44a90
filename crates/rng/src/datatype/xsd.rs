//! XML Schema 1.0 built-in datatypes: lexical checks, typed values (for
//! equality and ordering) and facets. Dates are checked against the
//! Gregorian calendar (no 30 February, no year 0000), as jing does.

use super::NsContext;
use super::names::{is_name, is_name_char, is_ncname};
use std::cmp::Ordering;

mod temporal;

use temporal::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    BuiltinString,
    BuiltinToken,
    String,
    NormalizedString,
    Token,
    Language,
    Name,
    NcName,
    NmToken,
    NmTokens,
    Id,
    IdRef,
    IdRefs,
    Entity,
    Entities,
    AnyUri,
    QName,
    Notation,
    Boolean,
    Decimal,
    /// An integer type with its bounds.
    Integer(Option<i128>, Option<i128>),
    Float,
    Double,
    Duration,
    DateTime,
    Time,
    Date,
    GYearMonth,
    GYear,
    GMonthDay,
    GDay,
    GMonth,
    HexBinary,
    Base64Binary,
}

/// A typed value, compared for `value` patterns and ordered for bounds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Str(String),
    List(Vec<String>),
    QName(String, String),
    Bool(bool),
    Dec(Decimal),
    Float(FloatValue),
    Duration(i64, Decimal),
    Temporal(Temporal),
    Bytes(Vec<u8>),
}

/// A float whose equality follows XSD (NaN equals NaN).
#[derive(Debug, Clone, Copy)]
pub(crate) struct FloatValue(pub f64);

impl PartialEq for FloatValue {
    fn eq(&self, other: &Self) -> bool {
        (self.0.is_nan() && other.0.is_nan()) || self.0 == other.0
    }
}

/// An arbitrary-precision decimal: sign, integer digits (no leading zeros),
/// fraction digits (no trailing zeros). Zero is never negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

impl Decimal {
    fn parse(s: &str, allow_point: bool) -> Option<Decimal> {
        let (negative, body) = match s.as_bytes().first()? {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some(_) if !allow_point => return None,
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let int = int.trim_start_matches('0').to_string();
        let frac = frac.trim_end_matches('0').to_string();
        let zero = int.is_empty() && frac.is_empty();
        Some(Decimal {
            negative: negative && !zero,
            int,
            frac,
        })
    }

    fn cmp_abs(&self, o: &Decimal) -> Ordering {
        self.int
            .len()
            .cmp(&o.int.len())
            .then_with(|| self.int.cmp(&o.int))
            .then_with(|| self.frac.cmp(&o.frac))
    }

    fn total_digits(&self) -> usize {
        (self.int.len() + self.frac.len()).max(1)
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(match (self.negative, o.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_abs(o),
            (true, true) => o.cmp_abs(self),
        })
    }
}

/// A date/time value: the time line position in seconds (as a decimal
/// string of fractions kept apart) and whether a timezone was given.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Temporal {
    seconds: i128,
    fraction: String,
    timezone: bool,
}

impl PartialOrd for Temporal {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(
            self.seconds
                .cmp(&o.seconds)
                .then_with(|| self.fraction.cmp(&o.fraction)),
        )
    }
}

impl Kind {
    pub(super) fn lookup(name: &str) -> Option<Kind> {
        use Kind::*;
        const I64: (i128, i128) = (i64::MIN as i128, i64::MAX as i128);
        Some(match name {
            "string" => String,
            "normalizedString" => NormalizedString,
            "token" => Token,
            "language" => Language,
            "Name" => Name,
            "NCName" => NcName,
            "NMTOKEN" => NmToken,
            "NMTOKENS" => NmTokens,
            "ID" => Id,
            "IDREF" => IdRef,
            "IDREFS" => IdRefs,
            "ENTITY" => Entity,
            "ENTITIES" => Entities,
            "anyURI" => AnyUri,
            "QName" => QName,
            "NOTATION" => Notation,
            "boolean" => Boolean,
            "decimal" => Decimal,
            "integer" => Integer(None, None),
            "nonNegativeInteger" => Integer(Some(0), None),
            "positiveInteger" => Integer(Some(1), None),
            "nonPositiveInteger" => Integer(None, Some(0)),
            "negativeInteger" => Integer(None, Some(-1)),
            "long" => Integer(Some(I64.0), Some(I64.1)),
            "int" => Integer(Some(i32::MIN.into()), Some(i32::MAX.into())),
            "short" => Integer(Some(i16::MIN.into()), Some(i16::MAX.into())),
            "byte" => Integer(Some(i8::MIN.into()), Some(i8::MAX.into())),
            "unsignedLong" => Integer(Some(0), Some(u64::MAX.into())),
            "unsignedInt" => Integer(Some(0), Some(u32::MAX.into())),
            "unsignedShort" => Integer(Some(0), Some(u16::MAX.into())),
            "unsignedByte" => Integer(Some(0), Some(u8::MAX.into())),
            "float" => Float,
            "double" => Double,
            "duration" => Duration,
            "dateTime" => DateTime,
            "time" => Time,
            "date" => Date,
            "gYearMonth" => GYearMonth,
            "gYear" => GYear,
            "gMonthDay" => GMonthDay,
            "gDay" => GDay,
            "gMonth" => GMonth,
            "hexBinary" => HexBinary,
            "base64Binary" => Base64Binary,
            _ => return None,
        })
    }

    /// The value after the type's whitespace rule, which facets see.
    pub(super) fn normalize(self, s: &str) -> std::string::String {
        match self {
            Kind::String | Kind::BuiltinString => s.to_string(),
            Kind::NormalizedString => s.replace(['\t', '\n', '\r'], " "),
            _ => collapse(s),
        }
    }

    /// Parses a lexical form into a value; `None` if it is not one of the type's.
    pub(super) fn parse(self, raw: &str, ctx: &NsContext) -> Option<Value> {
        use Kind::*;
        let s = self.normalize(raw);
        let v = match self {
            BuiltinString | String | NormalizedString | Token | BuiltinToken => Value::Str(s),
            Language => {
                let mut parts = s.split('-');
                let first = parts.next()?;
                let ok = |p: &str, alpha: bool| {
                    (1..=8).contains(&p.len())
                        && p.chars()
                            .all(|c| c.is_ascii_alphabetic() || (!alpha && c.is_ascii_digit()))
                };
                if !ok(first, true) || !parts.all(|p| ok(p, false)) {
                    return None;
                }
                Value::Str(s)
            }
            Name => is_name(&s).then_some(Value::Str(s))?,
            NcName | Id | IdRef | Entity => is_ncname(&s).then_some(Value::Str(s))?,
            NmToken => (!s.is_empty() && s.chars().all(is_name_char)).then_some(Value::Str(s))?,
            NmTokens => list(&s, |t| t.chars().all(is_name_char))?,
            IdRefs | Entities => list(&s, is_ncname)?,
            AnyUri => crate::uri::is_uri_reference(&s).then_some(Value::Str(s))?,
            QName | Notation => {
                let (prefix, local) = match s.split_once(':') {
                    Some((p, l)) => (p, l),
                    None => ("", s.as_str()),
                };
                if !is_ncname(local) || (!prefix.is_empty() && !is_ncname(prefix)) {
                    return None;
                }
                let ns = ctx.resolve(prefix)?;
                Value::QName(ns.to_string(), local.to_string())
            }
            Boolean => Value::Bool(match s.as_str() {
                "true" | "1" => true,
                "false" | "0" => false,
                _ => return None,
            }),
            Kind::Decimal => Value::Dec(self::Decimal::parse(&s, true)?),
            Integer(min, max) => {
                let d = self::Decimal::parse(&s, false)?;
                let within = |bound: Option<i128>, want: Ordering| {
                    bound.is_none_or(|b| {
                        let b = self::Decimal::parse(&b.to_string(), false).expect("integer");
                        d.partial_cmp(&b) != Some(want)
                    })
                };
                if !within(min, Ordering::Less) || !within(max, Ordering::Greater) {
                    return None;
                }
                Value::Dec(d)
            }
            Float | Double => Value::Float(FloatValue(parse_float(&s)?)),
            Duration => {
                let (m, secs) = parse_duration(&s)?;
                Value::Duration(m, secs)
            }
            DateTime | Time | Date | GYearMonth | GYear | GMonthDay | GDay | GMonth => {
                Value::Temporal(parse_temporal(self, &s)?)
            }
            HexBinary => {
                if !s.len().is_multiple_of(2) || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return None;
                }
                let bytes = (0..s.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&s[i..i + 2], 16))
                    .collect::<Result<Vec<u8>, _>>()
                    .ok()?;
                Value::Bytes(bytes)
            }
            Base64Binary => Value::Bytes(decode_base64(&s)?),
        };
        Some(v)
    }

    fn is_ordered(self) -> bool {
        use Kind::*;
        matches!(
            self,
            Decimal
                | Integer(..)
                | Float
                | Double
                | Duration
                | DateTime
                | Time
                | Date
                | GYearMonth
                | GYear
                | GMonthDay
                | GDay
                | GMonth
        )
    }

    fn has_length(self) -> bool {
        use Kind::*;
        matches!(
            self,
            String
                | NormalizedString
                | Token
                | Language
                | Name
                | NcName
                | NmToken
                | NmTokens
                | Id
                | IdRef
                | IdRefs
                | Entity
                | Entities
                | AnyUri
                | QName
                | Notation
                | HexBinary
                | Base64Binary
        )
    }

    pub(super) fn describe(self) -> &'static str {
        use Kind::*;
        match self {
            BuiltinString | String => "a string",
            BuiltinToken | Token => "a string",
            NormalizedString => "a normalized string",
            Language => "a language identifier",
            Name => "an XML name",
            NcName => "an XML name without colons",
            NmToken => "a name token",
            NmTokens => "a list of name tokens",
            Id => "an XML name without a colon (an ID)",
            IdRef => "an XML name without a colon (an ID reference)",
            IdRefs => "a list of ID references",
            Entity => "an entity name",
            Entities => "a list of entity names",
            AnyUri => "a URI",
            QName => "a QName with a declared prefix",
            Notation => "a notation name",
            Boolean => "a boolean",
            Decimal => "a decimal number",
            Integer(Some(0), None) => "an integer greater than or equal to 0",
            Integer(Some(1), None) => "an integer greater than or equal to 1",
            Integer(None, Some(0)) => "a non-positive integer",
            Integer(None, Some(-1)) => "a negative integer",
            Integer(None, None) => "an integer",
            Integer(..) => "an integer in the range of its type",
            Float | Double => "a floating-point number",
            Duration => "a duration",
            DateTime => "an ISO date and time",
            Time => "an ISO time",
            Date => "an ISO date",
            GYearMonth => "an ISO year and month",
            GYear => "a year",
            GMonthDay => "an ISO month and day (of the form --MM-DD)",
            GDay => "an ISO day of the month (of the form ---DD)",
            GMonth => "an ISO month (of the form --MM)",
            HexBinary => "hexadecimal binary data",
            Base64Binary => "base64 binary data",
        }
    }
}

fn collapse(s: &str) -> String {
    s.split([' ', '\t', '\n', '\r'])
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn list(s: &str, item: impl Fn(&str) -> bool) -> Option<Value> {
    let items: Vec<String> = s
        .split(' ')
        .filter(|t| !t.is_empty())
        .map(String::from)
        .collect();
    (!items.is_empty() && items.iter().all(|t| item(t))).then_some(Value::List(items))
}

fn parse_float(s: &str) -> Option<f64> {
    match s {
        "INF" => return Some(f64::INFINITY),
        "-INF" => return Some(f64::NEG_INFINITY),
        "NaN" => return Some(f64::NAN),
        _ => {}
    }
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    Decimal::parse(mantissa, true)?;
    if let Some(e) = exponent {
        Decimal::parse(e, false)?;
    }
    s.parse().ok()
}

fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let chars: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    if !chars.len().is_multiple_of(4) {
        return None;
    }
    let val = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let mut out = Vec::new();
    for (i, chunk) in chars.chunks(4).enumerate() {
        let last = i == chars.len() / 4 - 1;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = (n << 6) | val(c)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - pad]);
    }
    Some(out)
}

/// A facet other than `pattern`.
#[derive(Debug, Clone)]
pub(super) enum Facet {
    Length(usize),
    MinLength(usize),
    MaxLength(usize),
    MinInclusive(Value),
    MaxInclusive(Value),
    MinExclusive(Value),
    MaxExclusive(Value),
    TotalDigits(usize),
    FractionDigits(usize),
}

impl Facet {
    pub(super) fn new(kind: Kind, name: &str, value: &str) -> Result<Facet, String> {
        let count = || {
            value
                .trim()
                .parse::<usize>()
                .map_err(|_| format!("parameter `{name}` needs a non-negative integer"))
        };
        let bound = || {
            kind.parse(value, &NsContext::default())
                .ok_or_else(|| format!("parameter `{name}`: `{value}` is not a value of the type"))
        };
        let facet = match name {
            "length" | "minLength" | "maxLength" if kind.has_length() => match name {
                "length" => Facet::Length(count()?),
                "minLength" => Facet::MinLength(count()?),
                _ => Facet::MaxLength(count()?),
            },
            "minInclusive" if kind.is_ordered() => Facet::MinInclusive(bound()?),
            "maxInclusive" if kind.is_ordered() => Facet::MaxInclusive(bound()?),
            "minExclusive" if kind.is_ordered() => Facet::MinExclusive(bound()?),
            "maxExclusive" if kind.is_ordered() => Facet::MaxExclusive(bound()?),
            "totalDigits" if matches!(kind, Kind::Decimal | Kind::Integer(..)) => {
                let n = count()?;
                if n == 0 {
                    return Err("parameter `totalDigits` must be positive".into());
                }
                Facet::TotalDigits(n)
            }
            "fractionDigits" if matches!(kind, Kind::Decimal | Kind::Integer(..)) => {
                Facet::FractionDigits(count()?)
            }
            _ => {
                return Err(format!(
                    "parameter `{name}` is not allowed for this datatype"
                ));
            }
        };
        Ok(facet)
    }

    pub(super) fn allows(&self, v: &Value, kind: Kind) -> bool {
        let len = || -> usize {
            match v {
                Value::Str(s) => s.chars().count(),
                Value::List(items) => items.len(),
                Value::Bytes(b) => b.len(),
                Value::QName(_, l) => l.chars().count(),
                _ => 0,
            }
        };
        let cmp = |b: &Value| -> Option<Ordering> {
            match (v, b) {
                (Value::Dec(a), Value::Dec(b)) => a.partial_cmp(b),
                (Value::Float(a), Value::Float(b)) => a.0.partial_cmp(&b.0),
                (Value::Temporal(a), Value::Temporal(b)) => a.partial_cmp(b),
                (Value::Duration(am, a), Value::Duration(bm, b)) => {
                    let ord = am.cmp(bm);
                    let sec = a.partial_cmp(b)?;
                    if ord == sec || sec == Ordering::Equal {
                        Some(ord)
                    } else if ord == Ordering::Equal {
                        Some(sec)
                    } else {
                        None
                    }
                }
                _ => None,
            }
        };
        let _ = kind;
        match self {
            Facet::Length(n) => len() == *n,
            Facet::MinLength(n) => len() >= *n,
            Facet::MaxLength(n) => len() <= *n,
            Facet::MinInclusive(b) => matches!(cmp(b), Some(Ordering::Greater | Ordering::Equal)),
            Facet::MaxInclusive(b) => matches!(cmp(b), Some(Ordering::Less | Ordering::Equal)),
            Facet::MinExclusive(b) => cmp(b) == Some(Ordering::Greater),
            Facet::MaxExclusive(b) => cmp(b) == Some(Ordering::Less),
            Facet::TotalDigits(n) => match v {
                Value::Dec(d) => d.total_digits() <= *n,
                _ => false,
            },
            Facet::FractionDigits(n) => match v {
                Value::Dec(d) => d.frac.len() <= *n,
                _ => false,
            },
        }
    }

    pub(super) fn describe(&self) -> String {
        match self {
            Facet::Length(n) => format!("of length {n}"),
            Facet::MinLength(n) => format!("of length at least {n}"),
            Facet::MaxLength(n) => format!("of length at most {n}"),
            Facet::MinInclusive(_) => "at or above the minimum".into(),
            Facet::MaxInclusive(_) => "at or below the maximum".into(),
            Facet::MinExclusive(_) => "above the minimum".into(),
            Facet::MaxExclusive(_) => "below the maximum".into(),
            Facet::TotalDigits(n) => format!("with at most {n} digits"),
            Facet::FractionDigits(n) => format!("with at most {n} fraction digits"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(kind: &str, s: &str) -> bool {
        Kind::lookup(kind)
            .unwrap()
            .parse(s, &NsContext::default())
            .is_some()
    }

    #[test]
    fn dates_follow_the_calendar() {
        assert!(ok("date", "1956-06-30"));
        assert!(ok("date", "2024-02-29"));
        assert!(!ok("date", "1781-02-30"));
        assert!(!ok("date", "1900-02-29"));
        assert!(ok("date", "2000-02-29"));
        assert!(!ok("date", "0000-01-01"));
        assert!(!ok("gYear", "0000"));
        assert!(ok("gYear", "-0044"));
        assert!(!ok("gYear", "56"));
        assert!(!ok("gYear", "01956"));
        assert!(ok("gYear", "12345"));
        assert!(ok("gYearMonth", "1956-07"));
        assert!(!ok("gYearMonth", "1956-13"));
        assert!(ok("gMonthDay", "--02-29"));
        assert!(!ok("gMonthDay", "--04-31"));
        assert!(ok("gMonth", "--05"));
        assert!(ok("gDay", "---31"));
        assert!(ok("dateTime", "1956-06-30T12:00:00Z"));
        assert!(!ok("dateTime", "1956-06-30T24:00:00"));
        assert!(!ok("date", "1956-06-30+15:00"));
        assert!(ok("time", "13:20:00.5-05:00"));
    }

    #[test]
    fn numbers_and_bounds() {
        assert!(ok("nonNegativeInteger", "0"));
        assert!(!ok("nonNegativeInteger", "-1"));
        assert!(!ok("positiveInteger", "0"));
        assert!(ok("integer", "123456789012345678901234567890123456789012"));
        assert!(!ok("byte", "128"));
        assert!(ok("decimal", "-.5"));
        assert!(!ok("decimal", "."));
        assert!(ok("double", "1e10"));
        assert!(ok("double", "INF"));
        assert!(!ok("double", "1e"));
        assert!(ok("duration", "P1Y2M3DT4H5M6.7S"));
        assert!(!ok("duration", "P"));
        assert!(!ok("duration", "P1YT"));
        let d = Decimal::parse("007.50", true).unwrap();
        assert_eq!(d, Decimal::parse("7.5", true).unwrap());
        assert_eq!(Decimal::parse("-0", false), Decimal::parse("0", false));
    }

    #[test]
    fn names_and_binary() {
        assert!(ok("NCName", " a-b "));
        assert!(!ok("NCName", "a:b"));
        assert!(ok("language", "en-GB"));
        assert!(!ok("language", "languages-of-europe"));
        assert!(ok("IDREFS", "a b"));
        assert!(!ok("IDREFS", ""));
        assert!(ok("base64Binary", "SGVsbG8="));
        assert!(!ok("base64Binary", "SGVsbG8"));
        assert!(ok("hexBinary", "0aFF"));
        assert!(ok("anyURI", "http://example.org/a b"));
        assert!(!ok("anyURI", "a#b#c"));
    }

    #[test]
    fn facets_restrict_values() {
        let f = Facet::new(Kind::Integer(None, None), "maxInclusive", "10").unwrap();
        let v = Kind::Integer(None, None)
            .parse("11", &NsContext::default())
            .unwrap();
        assert!(!f.allows(&v, Kind::Integer(None, None)));
        assert!(Facet::new(Kind::Token, "minInclusive", "1").is_err());
        assert!(Facet::new(Kind::Token, "maxLength", "x").is_err());
    }
}
