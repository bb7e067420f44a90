//! Unit tests of the running furniture.

use super::super::lines::classify;
use super::*;

fn layout() -> Layout {
    Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap()
}

#[test]
fn repeated_damaged_header_is_found() {
    let mut lines: Vec<String> = Vec::new();
    let heads = [
        "DECLASSIFIED E.O. 12958 SEC 3.6",
        "DECLASSIFIED E.O. 12958 SEC 3.6",
        "DECLASS1FIED E.O. 12958 SEC 3.6",
        "DECLASSIFIED E.0. 12958 SFC 3.6",
    ];
    let mut seams = Vec::new();
    for h in heads {
        seams.push(lines.len());
        lines.push(h.into());
        for k in 0..30 {
            lines.push(format!("body text line {k} with words of the page"));
        }
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let groups = groups(
        &infos,
        &[],
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    let got = detect(
        &infos,
        &[],
        &groups,
        &seams,
        31.0,
        &layout(),
        &mut Vec::new(),
    );
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got.iter().all(|(_, k)| *k == FwKind::Header));
}

#[test]
fn a_stamp_with_a_speck_is_no_caption() {
    let mut lines: Vec<String> = Vec::new();
    let mut seams = Vec::new();
    for h in ["SECRET", "SECRET :", "SECRET", "SECRET", "Date:"] {
        seams.push(lines.len());
        lines.push(h.into());
        for k in 0..30 {
            lines.push(format!("body text line {k} with words of the page"));
        }
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let groups = groups(
        &infos,
        &[],
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    let got = detect(
        &infos,
        &[],
        &groups,
        &seams,
        31.0,
        &layout(),
        &mut Vec::new(),
    );
    let lines: Vec<usize> = got.iter().map(|x| x.0).collect();
    assert_eq!(lines, [0, 31, 62, 93]);
    assert!(!stamp_with_speck("Date :", &layout()));
    assert!(!stamp_with_speck("SECRET:", &layout()));
}

#[test]
fn a_repeated_speaker_label_is_not_furniture() {
    let mut lines: Vec<String> = Vec::new();
    for k in 0..10 {
        lines.push("THE CHAIRMAN:".into());
        lines.push(format!("a question number {k} is put"));
        lines.push("MR. SMITH".into());
        lines.push("an answer follows".into());
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let groups = groups(
        &infos,
        &[],
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    assert!(detect(&infos, &[], &groups, &[], 0.0, &layout(), &mut Vec::new()).is_empty());
}

#[test]
fn a_letter_continuation_head_is_furniture() {
    let body = "The Board has recently considered how it can best show the public";
    let lines = [
        body,
        "",
        "The Honorable John Smith",
        "",
        "November 27, 1996",
        "",
        "Page 2",
        "",
        body,
    ];
    let texts: Vec<&str> = lines.to_vec();
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let labels = super::super::labels::detect(&texts, &infos, &[], &[], &[], &layout());
    let got: Vec<usize> = continuation_heads(&infos, &labels, &layout())
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(got, [4, 2]);
}

#[test]
fn chapter_openings_in_a_series_are_not_furniture() {
    let mut lines: Vec<String> = Vec::new();
    let mut seams = Vec::new();
    for n in ["I.", "II.", "III.", "IV.", "V."] {
        seams.push(lines.len());
        lines.push(format!("CHAPTER {n}"));
        for k in 0..30 {
            lines.push(format!("body text line {k} with words of the page"));
        }
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let found = groups(
        &infos,
        &[],
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    assert!(
        detect(
            &infos,
            &[],
            &found,
            &seams,
            31.0,
            &layout(),
            &mut Vec::new()
        )
        .is_empty()
    );
    // The same chapter's number, page after page, is a running head.
    let heads: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.starts_with("CHAPTER") {
                "CHAPTER II.".to_string()
            } else {
                l.clone()
            }
        })
        .collect();
    let infos: Vec<LineInfo> = heads.iter().map(|l| classify(l)).collect();
    let found = groups(
        &infos,
        &[],
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    assert_eq!(
        detect(
            &infos,
            &[],
            &found,
            &seams,
            31.0,
            &layout(),
            &mut Vec::new()
        )
        .len(),
        5
    );
}

#[test]
fn banded_distance() {
    assert!(within_edits(b"declassified", b"declasslfied", 2));
    assert!(!within_edits(b"declassified", b"secret", 2));
}
