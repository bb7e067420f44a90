//! Unit tests of the running furniture.

use super::super::lines::classify;
use super::*;

fn layout() -> Layout {
    Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap()
}

/// Pages of 30 lines of body text, each under its head; the lines and the
/// page seams.
fn paged(heads: &[&str]) -> (Vec<String>, Vec<usize>) {
    let (mut lines, mut seams) = (Vec::new(), Vec::new());
    for h in heads {
        seams.push(lines.len());
        lines.push(h.to_string());
        for k in 0..30 {
            lines.push(format!("body text line {k} with words of the page"));
        }
    }
    (lines, seams)
}

/// The running furniture the pass finds on `lines`.
fn furniture(
    lines: &[String],
    labels: &[Label],
    seams: &[usize],
    page_len: f64,
) -> Vec<(usize, FwKind)> {
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let groups = groups(
        &infos,
        labels,
        &vec![false; infos.len()],
        &mut Keys::new(infos.len()),
        &layout(),
    );
    detect(
        &infos,
        labels,
        &groups,
        seams,
        page_len,
        &layout(),
        &LineFormulas::new(infos.len()),
        &Dates::new(&infos, &layout()),
        &mut Vec::new(),
    )
}

#[test]
fn repeated_damaged_header_is_found() {
    let (lines, seams) = paged(&[
        "DECLASSIFIED E.O. 12958 SEC 3.6",
        "DECLASSIFIED E.O. 12958 SEC 3.6",
        "DECLASS1FIED E.O. 12958 SEC 3.6",
        "DECLASSIFIED E.0. 12958 SFC 3.6",
    ]);
    let got = furniture(&lines, &[], &seams, 31.0);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got.iter().all(|(_, k)| *k == FwKind::Header));
}

#[test]
fn a_stamp_with_a_speck_is_no_caption() {
    let (lines, seams) = paged(&["SECRET", "SECRET :", "SECRET", "SECRET", "Date:"]);
    let got = furniture(&lines, &[], &seams, 31.0);
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
    assert!(furniture(&lines, &[], &[], 0.0).is_empty());
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
    let (lines, seams) = paged(&[
        "CHAPTER I.",
        "CHAPTER II.",
        "CHAPTER III.",
        "CHAPTER IV.",
        "CHAPTER V.",
    ]);
    assert!(furniture(&lines, &[], &seams, 31.0).is_empty());
    // The same chapter's number, page after page, is a running head.
    let (lines, seams) = paged(&["CHAPTER II."; 5]);
    assert_eq!(furniture(&lines, &[], &seams, 31.0).len(), 5);
}

#[test]
fn banded_distance() {
    assert!(within_edits(b"declassified", b"declasslfied", 2));
    assert!(!within_edits(b"declassified", b"secret", 2));
}

#[test]
fn a_footer_over_its_second_line_is_no_chapter_title() {
    use super::super::labels::{Family, Style};
    let notice = "This notice is the property of the office and is loaned to you";
    let rest = "your office; it and its contents are not to be given outside it";
    let (mut lines, mut seams, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    for page in 1..=5u32 {
        seams.push(lines.len());
        for k in 0..25 {
            lines.push(format!("body text line {k} with words of the page"));
        }
        lines.push(String::new());
        lines.push(notice.to_string());
        lines.push(rest.to_string());
        // Every page but the first prints its number under the notice.
        if page > 1 {
            labels.push(Label {
                line: lines.len(),
                place: Place::Alone,
                range: 0..1,
                label: page.to_string(),
                value: page,
                family: Family {
                    roman: false,
                    prefix: String::new(),
                    style: Style::Dashed,
                },
                repaired: false,
            });
            lines.push(format!("- {page} -"));
        }
    }
    let got = furniture(&lines, &labels, &seams, 29.0);
    let notices: Vec<usize> = got
        .iter()
        .map(|x| x.0)
        .filter(|&i| lines[i] == notice)
        .collect();
    assert_eq!(notices.len(), 5, "{got:?}");
}

/// Pages of 30 lines of body text, each under the lines of its `heads`.
fn paged_blocks(heads: &[&[&str]]) -> (Vec<String>, Vec<usize>) {
    let (mut lines, mut seams) = (Vec::new(), Vec::new());
    for h in heads {
        seams.push(lines.len());
        lines.extend(h.iter().map(|l| l.to_string()));
        for k in 0..30 {
            lines.push(format!("body text line {k} with words of the page"));
        }
    }
    (lines, seams)
}

#[test]
fn a_letterhead_over_its_date_is_no_running_head() {
    // Each form opens under the office's name and its date line; the
    // letterhead repeats form after form, the dates differ.
    let (lines, seams) = paged_blocks(&[
        &["OFFICE OF THE REGIONAL BOARD", "", "Date 6/17/68"],
        &["OFFICE OF THE REGIONAL BOARD", "", "Date 6/14 /68"],
        &["OFFICE OF THE REGIONAL BOARD", "", "Date"],
        &["OFFICE OF THE REGIONAL BOARD", "", "Date 6/12/68"],
    ]);
    assert!(furniture(&lines, &[], &seams, 33.0).is_empty());
    // Under a running head the page's text goes on.
    let (lines, seams) = paged(&["OFFICE OF THE REGIONAL BOARD"; 4]);
    assert_eq!(furniture(&lines, &[], &seams, 31.0).len(), 4);
}

#[test]
fn a_periodical_date_is_a_running_head_letters_dates_are_none() {
    let (lines, seams) = paged(&["27 Dec 63"; 4]);
    assert_eq!(furniture(&lines, &[], &seams, 31.0).len(), 4);
    let (lines, seams) = paged(&[
        "26 March 1963",
        "March 28, 1963",
        "29 March 1963",
        "23 March 1963",
    ]);
    assert!(furniture(&lines, &[], &seams, 31.0).is_empty());
}

#[test]
fn date_lines() {
    let l = layout();
    for t in [
        "Date__ 6/17/68",
        "L pate 6/24 /68",
        "26 March 1963",
        "March 28, 1963 :",
    ] {
        assert!(dated(t, &l), "{t}");
    }
    for t in [
        "TCM 452 23 August 1949",
        "04/16/97 WED 16:11 FAX 202 724 0457 ARRB",
        "LA 56-156",
        "(SEVENTH DEPARTMENT - January 1962-January 1964)",
    ] {
        assert!(!dated(t, &l), "{t}");
    }
    assert!(figure_date("6/24 /68"));
    assert!(!figure_date("624/68"));
}
