//! XSD datatypes as jing checks them: each case is one element of a document
//! validated against tests/data/validate/datatypes.rng. The lines jing
//! rejects were recorded from jing 20181222; when jing is installed they are
//! checked live as well.

use std::process::Command;
use tei_encoder::validate::Severity;
use tei_encoder::validate::{Options, SchemaSpec, Validator};

const SCHEMA: &str = "tests/data/validate/datatypes.rng";

/// (element, content, jing accepts it).
const CASES: &[(&str, &str, bool)] = &[
    ("date", "1956-06-30", true),
    ("date", "1781-02-30", false),
    ("date", "2000-02-29", true),
    ("date", "1900-02-29", false),
    ("date", "0000-01-01", false),
    ("date", "-0044-03-15", true),
    ("date", "1956-6-30", false),
    ("date", "1956-06-30Z", true),
    ("date", "1956-06-30+14:00", true),
    ("date", "1956-06-30+15:00", false),
    ("gYear", "1956", true),
    ("gYear", "0000", false),
    ("gYear", "56", false),
    ("gYear", "-0001", true),
    ("gYear", "12345", true),
    ("gYear", "01956", false),
    ("gYearMonth", "1956-07", true),
    ("gYearMonth", "1956-13", false),
    ("gMonth", "--05", true),
    ("gMonth", "--13", false),
    ("gMonthDay", "--02-29", true),
    ("gMonthDay", "--04-31", false),
    ("gDay", "---31", true),
    ("gDay", "---32", false),
    ("dateTime", "1956-06-30T12:00:00", true),
    ("dateTime", "1956-06-30T24:00:00", false),
    ("dateTime", "1956-06-30T25:00:00", false),
    ("dateTime", "1956-06-30", false),
    ("time", "13:20:00.5", true),
    ("time", "13:60:00", false),
    ("duration", "P1Y2M3DT4H", true),
    ("duration", "P", false),
    ("duration", "PT", false),
    ("anyURI", "http://example.org/a", true),
    ("anyURI", "a b", true),
    ("anyURI", "%zz", false),
    ("anyURI", "a#b#c", false),
    ("pointer", "", false),
    ("pointer", "#x", true),
    ("word", "ſchön", true),
    ("word", "a b", false),
    ("word", "a\u{a0}b", false),
    ("nonNegativeInteger", "0", true),
    ("nonNegativeInteger", "-1", false),
    ("nonNegativeInteger", "+5", true),
    ("decimal", "-.5", true),
    ("decimal", ".", false),
    ("boolean", "true", true),
    ("boolean", "yes", false),
    ("language", "en-GB", true),
    ("language", "english-language", true),
    ("language", "languages-of-europe", false),
    ("NCName", "a:b", false),
    ("NCName", "_x", true),
    ("Name", "1abc", false),
    ("double", "1e10", true),
    ("double", "INF", true),
    ("double", "1e", false),
    ("version", "0.1.0", true),
    ("version", "v1", false),
];

/// The document: case k on line k + 2, then three IDs of which the last repeats the first.
fn document() -> String {
    let mut s = String::from("<cases>\n");
    for (e, v, _) in CASES {
        s.push_str(&format!("<{e}>{v}</{e}>\n"));
    }
    s.push_str("<id xml:id=\"a\"/>\n<id xml:id=\"b\"/>\n<id xml:id=\"a\"/>\n</cases>\n");
    s
}

fn expected_lines() -> Vec<u32> {
    let mut lines: Vec<u32> = CASES
        .iter()
        .enumerate()
        .filter(|(_, (_, _, ok))| !ok)
        .map(|(i, _)| i as u32 + 2)
        .collect();
    let first_id = CASES.len() as u32 + 2;
    lines.push(first_id);
    lines.push(first_id + 2);
    lines.sort();
    lines
}

#[test]
fn datatypes_are_checked_as_jing_checks_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("cases.xml");
    std::fs::write(&file, document()).expect("write");
    let mut v = Validator::new(Options {
        schema: Some(SchemaSpec::File(SCHEMA.into())),
        cache_dir: None,
    });
    let r = v.validate_file(&file).expect("readable");
    let mut lines: Vec<u32> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.line)
        .collect();
    lines.sort();
    lines.dedup();
    let expected = expected_lines();
    for (i, (e, v, ok)) in CASES.iter().enumerate() {
        let line = i as u32 + 2;
        assert_eq!(
            !lines.contains(&line),
            *ok,
            "<{e}>{v}</{e}>: jing says {}",
            if *ok { "valid" } else { "invalid" }
        );
    }
    assert_eq!(lines, expected);
    let calendar = r
        .diagnostics
        .iter()
        .find(|d| d.line == 3)
        .expect("1781-02-30 is reported");
    assert!(
        calendar
            .message
            .contains("element \"date\" invalid; must be an ISO date"),
        "{}",
        calendar.message
    );
    if let Ok(out) = Command::new("jing").arg(SCHEMA).arg(&file).output() {
        let text = String::from_utf8_lossy(&out.stdout);
        let mut live: Vec<u32> = text
            .lines()
            .filter_map(|l| l.split(':').nth(1)?.parse().ok())
            .collect();
        live.sort();
        live.dedup();
        assert_eq!(
            live, expected,
            "jing's verdicts changed from the recorded ones"
        );
    }
}
