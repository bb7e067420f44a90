//! Unit tests of the page-label grammar, chains and passes.

use super::super::layout::{DEFAULT_LAYOUT, Layout};
use super::super::lines::classify;
use super::grammar::*;
use super::*;

fn run(lines: &[&str]) -> Vec<(usize, String)> {
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    detect(lines, &infos, &[], &[], &[], &layout)
        .into_iter()
        .map(|l| (l.line, l.label))
        .collect()
}

fn doc(labels: &[&str], page: usize) -> Vec<String> {
    let mut out = Vec::new();
    for l in labels {
        out.push(l.to_string());
        for k in 0..page {
            out.push(format!(
                "running text line {k} of the page, long enough to read"
            ));
        }
    }
    out
}

#[test]
fn prefixed_labels_with_damage_are_repaired() {
    let d = doc(&["B-9", "B- IO", "B-ll", "8- 12", "B-13"], 30);
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    let got = run(&r);
    let labels: Vec<&str> = got.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(labels, ["B-9", "B-10", "B-11", "B-12", "B-13"]);
}

#[test]
fn running_heads_with_numbers_alternate_sides() {
    let d = doc(
        &[
            "12 THE HISTORY OF ROME",
            "EARLY KINGS 13",
            "14 THE HISTORY OF ROME",
        ],
        35,
    );
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    assert_eq!(run(&r).len(), 3);
}

#[test]
fn numbered_paragraphs_and_contents_are_not_pages() {
    let lines = [
        "1. The Committee met on the first day.",
        "2. It noted the report.",
        "3. It adjourned.",
        "Introduction 5",
        "The Early Years 9",
        "The War 14",
    ];
    assert!(run(&lines).is_empty());
}

#[test]
fn a_dashed_number_alone_counts() {
    let mut d = doc(&["first"], 20);
    d.push("- 2 -".into());
    d.extend(doc(&["x"], 20));
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    assert_eq!(run(&r), vec![(21, "2".to_string())]);
}

#[test]
fn numbering_that_restarts_is_two_sequences() {
    let d = doc(&["2", "3", "4", "5", "1", "2", "3", "4"], 40);
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    assert_eq!(run(&r).len(), 8);
}

#[test]
fn a_page_word_closes_a_running_head() {
    let d = doc(
        &[
            "WEEKLY REVIEW Page i",
            "WEEKLY REVIEW Page ii",
            "WEEKLY REVIEW Page iii",
        ],
        40,
    );
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
    assert_eq!(got, ["i", "ii", "iii"]);
}

#[test]
fn export_page_markers() {
    let l = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    assert!(page_marker("--- Page 12 ---", &l));
    assert!(page_marker("=== Page 3 of 40 ===", &l));
    assert!(!page_marker("- 12 -", &l));
    assert!(!page_marker("--- Page twelve ---", &l));
    assert!(!page_marker("Page 12", &l));
}

#[test]
fn a_number_alone_after_an_export_page_marker_is_a_label() {
    let mut d = doc(&["first"], 30);
    d.push("--- Page 2 ---".into());
    d.push("2".into());
    d.extend(doc(&["x"], 30));
    let r: Vec<&str> = d.iter().map(String::as_str).collect();
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    let infos: Vec<LineInfo> = r.iter().map(|l| classify(l)).collect();
    let got = detect(&r, &infos, &[], &[], &[31], &layout);
    assert_eq!(got.len(), 1);
    assert_eq!((got[0].line, got[0].label.as_str()), (32, "2"));
    // Without the marker, a lone bare number is nothing.
    assert!(run(&r).is_empty());
}

/// The candidate a line gives, if any.
fn cand(t: &str) -> Option<Candidate> {
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    candidate(0, t, &classify(t), &layout)
}

#[test]
fn contents_leaders_dates_and_prose_are_no_running_heads() {
    for t in [
        "THE COMMON MARKET CRISIS _. 11",
        "SHIPPING POLICY... 12",
        "27 Dec 63",
        "5 And in 1973 did you see him",
    ] {
        assert!(cand(t).is_none(), "{t}");
    }
    let head = cand("CURRENT INTELLIGENCE WEEKLY 12").expect("a running head");
    assert_eq!(head.label.family.style, Style::InHead);
}

#[test]
fn a_page_word_run_into_its_number() {
    let c = cand("Page5").expect("a label");
    assert_eq!((c.label.value, c.label.family.style), (5, Style::PageWord));
    assert!(cand("Pages").is_none_or(|c| c.label.family.style != Style::PageWord));
}

#[test]
fn a_dashed_folio_run_into_a_line_of_words() {
    let c = cand("SAS MARTIN LAUER and - 10 -").expect("a label");
    assert_eq!((c.label.value, c.label.place), (10, Place::End));
    assert_eq!(c.label.family.style, Style::Dashed);
    assert!(cand("the years 1962 - 1963 -").is_none_or(|c| c.label.family.style != Style::Dashed));
    assert!(cand("SA JAMES ROSS and 43").is_none_or(|c| c.label.family.style != Style::Dashed));
}

#[test]
fn a_letters_continuation_page_stands_alone() {
    let mut lines: Vec<String> = doc(&["Dear Sir,"], 30);
    lines.extend(["".into(), "Page 2".into(), "".into()]);
    lines.extend(doc(&["Yours faithfully,"], 30));
    lines.extend(["".into(), "P.374".into(), "".into()]);
    lines.extend(doc(&["end"], 5));
    let r: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
    assert_eq!(got, ["2"]);
}

#[test]
fn an_archive_stamp_is_the_last_choice() {
    let c = cand("HW 50955 DocId: 32275518 Page 6").expect("a stamp");
    assert_eq!(c.label.family.style, Style::Stamp);
    assert!(Style::Stamp > Style::PageWord && Style::Stamp > Style::InHead);
    assert!(cand("HW 50955 DocId 32275518 12").is_none());
}

#[test]
fn a_page_word_inside_a_contents_list_still_marks_its_page() {
    let lines = [
        "WEEKLY REVIEW Page i",
        "SOVIET TRADE 3",
        "CYPRUS DISPUTE 4",
        "WEEKLY REVIEW Page ii",
    ];
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let got = detect(&lines, &infos, &[false; 4], &[true; 4], &[], &layout);
    let labels: Vec<&str> = got.iter().map(|l| l.label.as_str()).collect();
    assert!(
        !labels.contains(&"3") && !labels.contains(&"4"),
        "{labels:?}"
    );
}

#[test]
fn stamped_scan_pages_give_way_to_printed_folios_and_margin_numbers_to_both() {
    let mut lines: Vec<String> = Vec::new();
    for p in 2..=9 {
        lines.push(format!("HW 50955 DocId: 32275518 Page {}", p + 3));
        lines.push(format!("SECRET {p}"));
        for k in 1..=5 {
            lines.push(k.to_string());
            for _ in 0..8 {
                lines.push("Q And did you see him at the office that week in June?".into());
            }
        }
    }
    let r: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
    let want: Vec<String> = (2..=9).map(|p| p.to_string()).collect();
    assert_eq!(got, want);
}

#[test]
fn an_excerpts_folios_rise_beside_its_furniture() {
    let mut lines: Vec<String> = Vec::new();
    let mut running = Vec::new();
    for n in [50, 278, 294, 324] {
        running.push((lines.len(), crate::model::FwKind::Header));
        lines.push("TOP SECRET".into());
        lines.extend(doc(&["x"], 30).into_iter().skip(1));
        lines.push(String::new());
        lines.push(n.to_string());
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let got: Vec<String> = beside_furniture(Vec::new(), &infos, &running, &[])
        .into_iter()
        .map(|l| l.label)
        .collect();
    assert_eq!(got, ["50", "278", "294"]);
}

#[test]
fn romans() {
    assert_eq!(roman("xiv"), Some(14));
    assert_eq!(roman("iiii"), None);
    assert_eq!(roman("civil"), None);
}

/// A document of `pages` pages of `len` lines, bare folios first on each
/// page but the one at `gap`, which shows `printed` there instead; the
/// labels read elsewhere, and what the gap repair adds.
fn mend(printed: &[&str], len: usize, gap: usize, style: Style) -> Vec<Label> {
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    let mut lines: Vec<String> = Vec::new();
    let mut out = Vec::new();
    let family = Family {
        roman: false,
        prefix: String::new(),
        style,
    };
    for p in 0..6u32 {
        if p as usize == gap {
            lines.extend(printed.iter().map(|s| s.to_string()));
        } else {
            out.push(Label {
                line: lines.len(),
                place: Place::Alone,
                range: 0..2,
                label: (10 + p).to_string(),
                value: 10 + p,
                family: family.clone(),
                repaired: false,
            });
            lines.push((10 + p).to_string());
        }
        lines.push(String::new());
        while !lines.len().is_multiple_of(len) {
            lines.push("running text of the page, long enough to read as prose".into());
        }
    }
    let r: Vec<&str> = lines.iter().map(String::as_str).collect();
    let infos: Vec<LineInfo> = r.iter().map(|l| classify(l)).collect();
    repair::mend_gaps(&out, &r, &infos, &[], &[], &layout)
}

#[test]
fn a_damaged_folio_in_a_sequence_gap_is_repaired() {
    let got = mend(&["SECRET 1Z"], 30, 2, Style::InHead);
    assert_eq!(got.len(), 1);
    let l = &got[0];
    assert_eq!((l.line, l.label.as_str(), l.value), (60, "12", 12));
    assert!(l.repaired && l.place == Place::End);
    assert_eq!(&"SECRET 1Z"[l.range.clone()], "1Z");
    // One glyph wrong, in a running head.
    let got = mend(&["THE BOARD'S REPORT 1b"], 30, 2, Style::InHead);
    assert_eq!(got.iter().map(|l| l.value).collect::<Vec<_>>(), [12]);
    // Folios that stand alone: a number beside words is something else.
    assert!(mend(&["SECRET 1Z"], 30, 2, Style::Bare).is_empty());
    let got = mend(&["= I2-="], 30, 2, Style::Bare);
    assert_eq!(
        got.iter().map(|l| (l.line, l.value)).collect::<Vec<_>>(),
        [(60, 12)]
    );
}

#[test]
fn a_speck_where_the_folio_stood_but_not_among_debris() {
    let got = mend(&["", "o", ""], 30, 3, Style::Bare);
    assert_eq!(
        got.iter().map(|l| (l.line, l.value)).collect::<Vec<_>>(),
        [(91, 13)]
    );
    assert!(got[0].repaired);
    // Among other scraps of a bad scan, a speck is debris.
    assert!(mend(&["nm", "o", "tl"], 30, 3, Style::Bare).is_empty());
    // Another number is no speck: a margin's `2` is not folio 13.
    assert!(mend(&["", "2", ""], 30, 3, Style::Bare).is_empty());
}

#[test]
fn page_words_fold_without_allocating() {
    let layout = Layout::parse(DEFAULT_LAYOUT, "t").unwrap();
    assert!(contains_folded(&layout.page_words, "PAGE"));
    assert!(contains_folded(&layout.page_words, "Page"));
    assert!(!contains_folded(
        &layout.page_words,
        "PAGES OF A LONG WORD THAT IS NOT"
    ));
    assert!(contains_folded(&layout.months, "DECEMBER"));
}

#[test]
fn a_prefix_ends_at_its_dash() {
    assert_eq!(prefix_end("B-12"), Some(1));
    assert_eq!(prefix_end("B -12"), Some(2));
    assert_eq!(prefix_end("AB.3"), Some(2));
    assert_eq!(prefix_end("ABC-3"), None);
    assert_eq!(prefix_end("A B-3"), None);
    assert_eq!(prefix_end("-12-"), Some(0));
}

#[test]
fn a_line_without_figures_is_a_label_only_after_a_page_word() {
    let c = cand("WEEKLY REVIEW Page ii");
    assert_eq!(c.map(|c| c.label.label).as_deref(), Some("ii"));
    assert!(cand("THE WEEKLY REVIEW OF EVENTS").is_none());
}

#[test]
fn a_page_number_spelled_out_after_its_page_word() {
    for (t, v, place) in [
        ("PAGE TWO", 2, Place::Alone),
        ("Page three", 3, Place::Alone),
        ("PAGE THREE _", 3, Place::Alone),
        ("PAGE TWO, PD 164-41 - UNCLAS", 2, Place::Start),
    ] {
        let c = cand(t).expect(t);
        assert_eq!((c.label.value, c.label.place), (v, place), "{t}");
        assert_eq!(c.label.family.style, Style::PageWord, "{t}");
    }
    for t in [
        "END PAGE TWO",
        "TWO",
        "Page two of the report says so",
        "Page two, he said",
    ] {
        assert!(cand(t).is_none(), "{t}");
    }
}

#[test]
fn teletypes_continuation_pages_restart() {
    let mut lines: Vec<String> = doc(&["TELETYPE ONE"], 30);
    lines.extend(["PAGE TWO, PD 164-41 - UNCLAS".into()]);
    lines.extend(doc(&["more"], 30));
    lines.extend(["PAGE THREE".into()]);
    lines.extend(doc(&["TELETYPE TWO"], 30));
    lines.extend(["PAGE THREE _".into()]);
    lines.extend(doc(&["end"], 5));
    let r: Vec<&str> = lines.iter().map(String::as_str).collect();
    let got: Vec<String> = run(&r).into_iter().map(|(_, l)| l).collect();
    assert_eq!(got, ["2", "3", "3"]);
}

#[test]
fn a_page_word_between_dashes() {
    for t in ["- PAGE 2)-", "- Page 3 -"] {
        let c = cand(t).expect(t);
        assert_eq!(c.label.family.style, Style::Dashed, "{t}");
        assert!(c.strong && c.label.place == Place::Alone, "{t}");
    }
    assert_eq!(cand("- PAGE 2)-").unwrap().label.value, 2);
    assert!(cand("- see 2 -").is_none());
    assert!(cand("--- Page 2 ---").is_none());
}

#[test]
fn a_dashed_folio_among_debris() {
    let c = cand("} -2- ©@").expect("a label");
    assert_eq!((c.label.value, c.label.place), (2, Place::Alone));
    assert_eq!(c.label.family.style, Style::Dashed);
    for t in ["} -2- a@", "-2- -3-", "1962 -2- ©"] {
        assert!(
            cand(t).is_none_or(|c| c.label.family.style != Style::Dashed),
            "{t}"
        );
    }
}
