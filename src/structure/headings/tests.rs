//! Unit tests of the heading detector, on small made-up pages.

use super::super::lines::classify;
use super::*;

fn run(lines: &[&str]) -> Vec<Heading> {
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let fw: HashSet<String> = ["of", "the", "and", "in", "to"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let layout = Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap();
    detect(
        &infos,
        &HashSet::new(),
        &fw,
        &HeadingRules::default(),
        &layout,
    )
}

const PARA: &str = "Running text of a typical length that fills a printed line well.";

#[test]
fn title_case_line_between_blanks() {
    let h = run(&[PARA, "end of it.", "", "New Successes;", "", PARA]);
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].first, h[0].level), (3, Level::TitleCase));
}

#[test]
fn capitals_over_two_lines_are_one_heading() {
    let h = run(&[PARA, "", "SOCIAL SYSTEM", "", "UNCHANGED.", "", PARA]);
    assert_eq!(
        h,
        vec![Heading {
            level: Level::Capitals,
            first: 2,
            last: 4,
            numbering: Numbering::None,
        }]
    );
}

#[test]
fn short_continuation_lines_are_not_headings() {
    let h = run(&[
        "the close of the year the Leader addressed a letter to the Congress",
        "saying:-",
        "",
        "which pave the way for fresh successes in the cause of peace,",
        "Socialism and Working Class Unity.",
        "",
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn broken_sentences_and_form_fields_are_not_headings() {
    for line in [
        "SA JAMES E. ROSS and",
        "ber. (CONFIDENTIAL NO FOREIGN",
        "File # Los Angeles 56-156",
    ] {
        let h = run(&[PARA, "end of it.", "", line, "", PARA, PARA]);
        assert!(h.is_empty(), "{line}: {h:?}");
    }
    // Capitals carried over a blank line stay one heading.
    let h = run(&[
        PARA,
        "end of it.",
        "",
        "THE CULT",
        "",
        "AND ITS",
        "",
        "END.",
        "",
        PARA,
    ]);
    assert_eq!((h.len(), h[0].first, h[0].last), (1, 3, 7), "{h:?}");
}

#[test]
fn a_line_printed_on_every_page_heads_nothing_after_its_first() {
    let mut lines = vec![PARA, "end of it."];
    for _ in 0..3 {
        lines.extend(["", "Gerald Ford Library", "", PARA, PARA, "end of it."]);
    }
    let infos: Vec<LineInfo> = lines.iter().map(|l| classify(l)).collect();
    let h = |starts: &HashSet<usize>| {
        let layout = Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap();
        detect(
            &infos,
            starts,
            &HashSet::new(),
            &HeadingRules::default(),
            &layout,
        )
    };
    // In the text, a repeated heading heads each of its sections.
    assert_eq!(h(&HashSet::new()).len(), 3);
    // Each printing at a page's start: a running head after the first.
    let starts: HashSet<usize> = [3, 9, 15].into();
    let got = h(&starts);
    assert!(got.iter().all(|h| h.first == 3), "{got:?}");
}

#[test]
fn signature_block_at_the_end_is_not_a_heading() {
    let h = run(&[
        PARA,
        PARA,
        PARA,
        "ends here.",
        "",
        "J. SMITH",
        "General Secretary",
        "",
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn levels_follow_the_documents_styles() {
    let caps = Style::Case(Level::Capitals);
    let title = Style::Case(Level::TitleCase);
    let roman = Style::Numbered(Numbering::Roman);
    let letter = Style::Numbered(Numbering::Letter);
    assert_eq!(
        assign_levels(&[title.clone(), caps.clone(), title.clone(), caps.clone()]),
        vec![2, 1, 2, 1]
    );
    assert_eq!(
        assign_levels(&[roman.clone(), letter.clone(), letter, roman]),
        vec![1, 2, 2, 1]
    );
    let deep: Vec<Style> = (0..20)
        .map(|k| Style::Numbered(Numbering::Decimal(k)))
        .collect();
    assert!(assign_levels(&deep).iter().all(|&l| l <= 6));
}

#[test]
fn numbering_kinds() {
    let l = Layout::parse(super::super::layout::DEFAULT_LAYOUT, "t").unwrap();
    assert_eq!(numbering("IV. THE WAR", &l), Numbering::Roman);
    assert_eq!(numbering("3. Bolivia", &l), Numbering::Arabic);
    assert_eq!(numbering("B. Forces", &l), Numbering::Letter);
    assert_eq!(numbering("B, Nature of Forces", &l), Numbering::Letter);
    assert_eq!(numbering("4, Withdrawal", &l), Numbering::Arabic);
    assert_eq!(numbering("I, David Carey, declare", &l), Numbering::None);
    assert_eq!(numbering("1963, the year", &l), Numbering::None);
    assert_eq!(numbering("2.1 Scope", &l), Numbering::Decimal(2));
    assert_eq!(
        numbering("CHAPTER IV.", &l),
        Numbering::Word("chapter".into())
    );
    assert_eq!(numbering("The War", &l), Numbering::None);
    assert_eq!(
        numbering("“*CIA-IR-05 Possible sources.", &l),
        Numbering::Code("cia-ir-".into())
    );
    assert_eq!(numbering("U-2 files", &l), Numbering::Code("u-".into()));
    assert_eq!(numbering("1963-64 budget", &l), Numbering::None);
}

#[test]
fn form_fields_and_schedules_are_not_headings() {
    let h = run(&[
        "Race White",
        "",
        "Sex Female",
        "",
        "Hair Blonde",
        "",
        "Build Slim",
        "",
        PARA,
        PARA,
    ]);
    assert!(h.is_empty(), "{h:?}");
    let h = run(&["AGENCY: ROCKCOM", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn a_line_after_an_open_sentence_goes_on_with_it() {
    let h = run(&[PARA, "so good in the", "", "Administration.", "", PARA]);
    assert!(h.is_empty(), "{h:?}");
    let h = run(&["The President,", "", "The White House.", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn a_caption_under_a_heading_is_not_part_of_it() {
    let h = run(&[
        "",
        "EXAMINATION BY COUNSEL",
        "",
        "BY MR. SMITH:",
        "",
        PARA,
        PARA,
    ]);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].first, h[0].last), (1, 1));
    // A stamp ending on a colon is no field's key.
    let h = run(&["SECRET :", "", "PRESIDENT'S COMMISSION", "", PARA, PARA]);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn a_line_inside_a_sentence_is_no_heading() {
    let open = "and remaining in this state until the dread truth";
    let goes_on = "reveals itself, in acute disease and in prostration";
    let h = run(&[
        PARA,
        open,
        "",
        "Multiplicity of Symptoms.",
        "",
        goes_on,
        PARA,
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn coded_items_of_a_register_head_in_sentence_case() {
    let mut lines = vec![PARA, ""];
    for code in ["CIA-IR-01", "CIA-IR-02", "CIA-IR-03"] {
        lines.extend([code, "", PARA, PARA, ""]);
    }
    let items: Vec<String> = (1..=3)
        .map(|n| format!("CIA-IR-0{n} Possible source for records on the matter."))
        .collect();
    for (k, item) in items.iter().enumerate() {
        lines[2 + 5 * k] = item;
    }
    assert_eq!(run(&lines).len(), 3);
    // Plain numbers number paragraphs: no heading there.
    let plain = [
        "1. No sketches are available here.",
        "2. No notes are available here.",
    ];
    let h = run(&[
        PARA, "", plain[0], "", PARA, PARA, "", plain[1], "", PARA, PARA,
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn debris_with_scraps_of_letters_is_not_a_heading() {
    let h = run(&["", "TO el enero Sm II TESS RS", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn turns_of_a_transcript_are_not_headings() {
    let mut lines = Vec::new();
    for _ in 0..5 {
        lines.extend(["Q And Mr. Fitzgerald?", "", "A Yes.", "", PARA, ""]);
    }
    assert!(run(&lines).is_empty());
}

#[test]
fn a_numbered_paragraph_running_on_is_not_a_heading() {
    let long = "1. Attached are the following pages of the Top Secret Study";
    let h = run(&[
        long,
        "",
        "study entitled, The Examination of the Bona Fides",
        "",
        PARA,
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn long_capitals_head_a_narrow_column() {
    let col = "running text set in a narrow column of it";
    let mut lines = vec!["CYPRUS DISPUTE FLARES AGAIN AT LAST", ""];
    lines.extend([col; 12]);
    let h = run(&lines);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn table_rows_are_not_headings() {
    let h = run(&["", "COLOMBIA 6 14 a 7", "", "BOLIVIA | 3", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
    let h = run(&[
        "",
        "EVENTS OF OCTOBER 22, 1962, IN CUBA AND AFTER",
        "",
        PARA,
        PARA,
    ]);
    assert_eq!(h.len(), 1, "a date's figures are no table: {h:?}");
}

#[test]
fn a_roman_part_is_no_name_with_an_initial() {
    let h = run(&[
        "I. Formal Requests.",
        "",
        PARA,
        PARA,
        "",
        "III. Key Topics.",
        "",
        PARA,
        PARA,
    ]);
    assert_eq!(h.len(), 2, "{h:?}");
    let h = run(&["I. Formal Requests.", "", PARA, PARA]);
    assert!(h.is_empty(), "alone, it may be a name: {h:?}");
}

#[test]
fn a_title_case_line_ending_on_a_function_word_runs_on() {
    let h = run(&["", "Investigation Concerning Woman in", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn numbered_headings_are_siblings() {
    let h = run(&[
        "1. INTRODUCTION",
        "",
        PARA,
        PARA,
        "",
        "2. Causes of the Trouble",
        "",
        PARA,
        PARA,
        "",
    ]);
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].style(), h[1].style());
}

#[test]
fn caps_lines_without_a_blank_are_one_heading() {
    let h = run(&[
        "REPORT OF THE COMMISSION",
        "INTO THE DISTURBANCES",
        "",
        PARA,
        PARA,
    ]);
    assert_eq!(
        h,
        vec![Heading {
            level: Level::Capitals,
            first: 0,
            last: 1,
            numbering: Numbering::None,
        }]
    );
}

#[test]
fn a_line_among_the_entries_of_a_routing_list_heads_nothing() {
    let h = run(&[
        PARA,
        "end of it.",
        "",
        "Chief - Accounts Branch",
        "",
        "Assistant Attorney General for Administration",
        "Immigration and Naturalization Service Office",
        "General Litigation Section, Civil Division",
        "",
    ]);
    assert!(h.is_empty(), "{h:?}");
    // The same line over running text is a heading.
    let h = run(&[PARA, "end of it.", "", "Chief - Accounts Branch", "", PARA]);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn a_caption_in_capitals_ending_on_a_colon_heads_nothing() {
    let h = run(&[PARA, "end of it.", "", "DETAILS:", "", PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
    // A run-in title in title case does.
    let h = run(&[PARA, "end of it.", "", "The Whole Truth:", "", PARA, PARA]);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn no_headings_in_plain_prose() {
    let h = run(&[
        PARA,
        PARA,
        "ends here.",
        "",
        PARA,
        "London, 12 March 1962.",
        "",
    ]);
    assert!(h.is_empty(), "{h:?}");
}

/// A report's paragraph: lines of about sixty characters and a short last one.
const REPORT_PARA: [&str; 5] = [
    "varied greatly. The Central American countries, in general,",
    "began to pay greater attention to the information and act on",
    "it. At the other extreme, the Brazilian Government during",
    "the reporting period showed little inclination to follow up",
    "on the information.",
];

fn report_page(middle: &[&str]) -> Vec<String> {
    let mut page: Vec<String> = Vec::new();
    for _ in 0..4 {
        page.extend(REPORT_PARA.iter().map(|s| s.to_string()));
        page.push(String::new());
    }
    page.extend(middle.iter().map(|s| s.to_string()));
    page.push(String::new());
    for _ in 0..4 {
        page.extend(REPORT_PARA.iter().map(|s| s.to_string()));
        page.push(String::new());
    }
    page
}

fn run_page(middle: &[&str]) -> Vec<Heading> {
    let page = report_page(middle);
    let lines: Vec<&str> = page.iter().map(String::as_str).collect();
    run(&lines)
}

#[test]
fn a_numbered_title_cut_at_the_page_width_runs_on() {
    // Titles of a numbered series (`6.`, `7.`) may be as long as text.
    let series = |title: &str| {
        let mut middle = vec!["6. Exchange of Intelligence", ""];
        middle.extend(REPORT_PARA);
        middle.extend(["", title, "", "Missions"]);
        run_page(&middle)
    };
    let h = series("7. Surveillance of Cuban Diplomatic, Commercial and Cultural");
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!((h[1].first, h[1].last), (32, 34));
    // A short numbered title keeps to its line.
    let h = series("7. Control of Travel");
    assert!(h.iter().all(|h| h.first != 32 || h.last == 32), "{h:?}");
}

#[test]
fn a_long_capital_line_under_a_capital_title_continues_it_where_capitals_are_rare() {
    let h = run_page(&[
        "DRAFT LETTER",
        "TO BE USED AS A BASIS FOR DISCUSSION AT THE NSC EXECUTIVE",
    ]);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].first, h[0].last), (24, 25));
}

#[test]
fn a_chapter_word_under_a_speck_of_ocr_heads_its_chapter() {
    let h = run(&[
        PARA,
        "the end of the chapter",
        "1.1 D",
        "CHAPTER VII",
        "",
        "BONES AND JOINTS.",
        "",
        PARA,
        PARA,
    ]);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].first, h[0].last), (3, 5));
}

#[test]
fn a_title_right_under_a_numbered_heading_heads_a_subsection() {
    let mut middle = vec!["1. Travel to and from Cuba", ""];
    middle.extend(REPORT_PARA);
    middle.extend(["", "2. Movement of Cuban Propaganda", "Guatemala", ""]);
    middle.push("According to an unconfirmed report received in July, a");
    middle.extend(REPORT_PARA);
    let h = run_page(&middle);
    let firsts: Vec<usize> = h.iter().map(|h| h.first).collect();
    assert_eq!(firsts, vec![24, 32, 33], "{h:?}");
    // Sentence case right under it is the paragraph's first line.
    let mut middle = vec!["1. Travel to and from Cuba", ""];
    middle.extend(REPORT_PARA);
    middle.extend(["", "2. Movement of Cuban Propaganda", "Reports show", ""]);
    middle.push("According to an unconfirmed report received in July, a");
    middle.extend(REPORT_PARA);
    let h = run_page(&middle);
    assert!(h.iter().all(|h| h.first != 33), "{h:?}");
}

#[test]
fn titles_ending_on_rising_page_numbers_are_contents_entries() {
    let entry = |title: &'static str| {
        let mut block = vec![
            title,
            "According to an unconfirmed report received in July, a",
        ];
        block.extend(&REPORT_PARA[1..]);
        block.push("");
        block
    };
    let mut middle = Vec::new();
    for title in [
        "CYPRUS DISPUTE FLARES AGAIN 9",
        "THE COMMON MARKET CRISIS 11",
        "UK-US FRICTIONS OVER SHIPPING POLICY... 12",
        "DOMESTIC POLITICS IN CUBA 15",
    ] {
        middle.extend(entry(title));
    }
    let h = run_page(&middle);
    assert!(h.iter().all(|h| !(24..52).contains(&h.first)), "{h:?}");
    // Two such titles are no list.
    let mut middle = entry("CYPRUS DISPUTE FLARES AGAIN 9");
    middle.extend(entry("THE COMMON MARKET CRISIS 11"));
    let h = run_page(&middle);
    assert_eq!(
        h.iter().filter(|h| (24..34).contains(&h.first)).count(),
        2,
        "{h:?}"
    );
}

#[test]
fn a_chapter_heads_paragraphs_printed_one_to_a_line() {
    // Each paragraph on one line: the document's "full line" is very long.
    let long = "Tubercle.—Syphilis is a predisposing cause of tubercle by the debility and bad nutrition it induces, and there is no ground for supposing that syphilis and tubercle are connected together, still less for supposing that tubercle is in any way a form of syphilis.";
    let longer = "The Bones and Periosteum are attacked by syphilis before and during the epoch of the eruptions, and nodes form on the shin, the skull and the collar bone, with pains at night that wake the patient, and the swelling softens, ulcerates or turns to bone in the course of months, unless mercury or iodide of potassium checks it, which they commonly do, and a great deal more is said of it in the larger work.";
    let mut lines = vec![longer; 10];
    lines.extend([
        "",
        "CHAPTER XI.",
        "",
        "DISEASES CONFOUNDED WITH SYPHILIS.",
        "",
        long,
        "",
    ]);
    lines.extend([longer; 10]);
    let h = run(&lines);
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!((h[0].first, h[0].last), (11, 13));
}

#[test]
fn debris_in_signs_is_no_heading_but_specks_at_the_ends_are_tolerated() {
    let h = run_page(&["SECOND EDITION. ^) p£j{"]);
    assert!(h.is_empty(), "{h:?}");
    let h = run_page(&["**THE COMMON MARKET CRISIS °"]);
    assert_eq!(h.len(), 1, "{h:?}");
}

#[test]
fn entries_of_a_list_of_fields_are_no_headings() {
    let page = |entries: &[&str]| {
        let mut lines = vec![PARA, "of the three men seen there:", ""];
        for e in entries {
            lines.extend([*e, ""]);
        }
        lines.extend([PARA, PARA]);
        run(&lines)
    };
    let h = page(&["Weight 150 pounds", "Hair Gray", "Build Slender"]);
    assert!(h.is_empty(), "{h:?}");
    // Two short lines are no list: a title over a subtitle still heads.
    let h = page(&["Hair Gray", "Build Slender"]);
    assert!(!h.is_empty());
}

#[test]
fn a_line_ending_on_a_function_word_heads_nothing() {
    // Specks after the word (`and 9`) are OCR's; a line of figures under
    // it carries no title on.
    for line in ["SA GEORGE KLING and 9", "SA JAMES ROSS and ~ ~"] {
        let h = run(&[
            PARA,
            "",
            line,
            "",
            "SA JOSEPH G. DAVIS, JR. JGD 6/13/68",
            "",
            PARA,
            PARA,
        ]);
        assert!(h.is_empty(), "{line}: {h:?}");
    }
}

#[test]
fn a_numbered_title_in_title_case_may_run_to_the_page_width() {
    let title = "6. Exchange of Intelligence in the Caribbean and the Americas";
    let h = run(&[PARA, PARA, "", title, "", PARA, PARA]);
    assert_eq!(h.iter().map(|h| h.first).collect::<Vec<_>>(), vec![3]);
    // Running text right under a line as wide as the page makes it a
    // numbered paragraph's first line.
    let h = run(&[PARA, PARA, "", title, PARA, PARA]);
    assert!(h.is_empty(), "{h:?}");
    // In sentence case it numbers a paragraph.
    let h = run(&[
        PARA,
        PARA,
        "",
        "6. Exchange of intelligence went on at all stations",
        "",
        PARA,
        PARA,
    ]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn a_lettered_title_read_with_a_comma_heads_the_text_right_under_it() {
    // Shorter than the page's lines, so no wrapped paragraph line; the
    // comma is OCR's period after the letter.
    let title = "C, Summary of the Threat Arising From Soviet Arms";
    assert!(title.len() > 48 && title.len() * 10 < PARA.len() * 9);
    let h = run(&[PARA, PARA, "", title, PARA, PARA, PARA]);
    assert_eq!(h.iter().map(|h| h.first).collect::<Vec<_>>(), vec![3]);
}

#[test]
fn a_line_in_capitals_is_no_heading_where_the_text_is_in_capitals() {
    let body = "THE FBI IS RENDERING ALL POSSIBLE INVESTIGATIVE ASSISTANCE TO THE POLICE.";
    let h = run(&[
        "TO ALL SACS",
        "",
        "FROM DIRECTOR",
        "",
        body,
        body,
        body,
        "",
        "END",
    ]);
    assert!(h.is_empty(), "{h:?}");
    // A numbered line still heads a section there.
    let h = run(&["1. INTRODUCTION", "", body, body, body]);
    assert_eq!(h.len(), 1);
}

#[test]
fn a_heading_word_and_a_colon_is_a_field() {
    let h = run(&[PARA, "", "Title: SIRHAN BISHARA SIRHAN", "", PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn a_typists_reference_is_no_heading() {
    let h = run(&[PARA, "end of it.", "", "AOR/jr", "", PARA]);
    assert!(h.is_empty(), "{h:?}");
}

#[test]
fn a_surname_after_its_initial_goes_on_with_the_sentence() {
    let h = run(&[PARA, "the slaying of ROBERT F.", "KENNEDY.", "", PARA]);
    assert!(h.is_empty(), "{h:?}");
}
