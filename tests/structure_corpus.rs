//! The structure pass on the development corpus (`tests/corpus/`): floors
//! per layout, so that a change which helps one layout and breaks another
//! fails. The same numbers print with
//! `cargo run --release --example structure_eval`.

mod corpus_support;

use tei_encoder::pipeline::EncodeOptions;
use tei_encoder::structure::eval::Score;
use tei_encoder::tei::{reader, write_tei};
use tei_encoder::validate::{Options, SchemaSpec, Validator};

/// (layout, heading F1, page-label precision, page-label recall, running-head recall).
/// Set from the measured values (README, "Structure on the corpus"), a
/// little below them: raise them as the pass improves, never lower them
/// for a change of code. Adding held-out documents to the corpus resets
/// them from the new measurement (the commit that adds them says so).
///
/// Reset for the held-out batch y (session 28, six `y-*` documents): the
/// floors the batch brought down are the measured value less 0.02 (book
/// heading F1 0.627, running-head recall 0.814; release F1 0.562, page
/// labels 0.878 / 0.766, running heads 0.624; report page-label recall
/// 0.855, running heads 0.900; transcript F1 0.476, page labels 0.912 /
/// 0.852, running heads 0.867).
///
/// Raised at the end of session 28 (stacked titles, page headlines,
/// teletypes in capitals, the furn round): book F1 0.83, running heads
/// 0.93; release F1 0.63, running heads 0.64; report page labels 0.86,
/// running heads 0.90; transcript F1 0.50, running heads 0.89.
const FLOORS: &[(&str, f64, f64, f64, f64)] = &[
    ("book", 0.81, 0.98, 0.93, 0.91),
    ("minutes", 1.0, 1.0, 1.0, 1.0),
    ("release", 0.61, 0.87, 0.87, 0.62),
    ("report", 0.74, 0.94, 0.84, 0.88),
    ("seed", 1.0, 1.0, 1.0, 1.0),
    ("transcript", 0.48, 0.89, 0.83, 0.87),
];

#[test]
fn every_layout_stays_above_its_floor() {
    let entries = corpus_support::load(&corpus_support::corpus_dir());
    assert!(
        entries.len() >= 12,
        "the corpus has {} documents",
        entries.len()
    );
    let layouts = corpus_support::by_layout(&entries);
    println!("{}", corpus_support::table(&entries));
    let mut failures = Vec::new();
    for (layout, s) in &layouts {
        let Some(&(_, f1, pp, pr, fr)) = FLOORS.iter().find(|f| f.0 == layout) else {
            failures.push(format!("{layout}: no floor set"));
            continue;
        };
        let checks = [
            ("heading F1", s.headings.f1(), f1),
            ("page-label precision", s.pages.precision(), pp),
            ("page-label recall", s.pages.recall(), pr),
            ("running-head recall", s.furniture.recall(), fr),
        ];
        for (what, got, floor) in checks {
            if got + 1e-9 < floor {
                failures.push(format!(
                    "{layout}: {what} {got:.3} below its floor {floor:.3}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Contents lists and document starts over the whole corpus: (contents
/// precision, contents recall, document-start precision, document-start
/// recall), set a little below the measured values like `FLOORS`. Reset for
/// the held-out batch y (contents 0.543 / 0.595, document-start recall
/// 0.375, each less 0.02).
const WHOLE_CORPUS_FLOORS: (f64, f64, f64, f64) = (0.52, 0.57, 0.55, 0.35);

#[test]
fn contents_and_document_starts_stay_above_their_floors() {
    let entries = corpus_support::load(&corpus_support::corpus_dir());
    let mut total = Score::default();
    for e in &entries {
        total.add(&e.score);
    }
    let (cp, cr, dp, dr) = WHOLE_CORPUS_FLOORS;
    let checks = [
        ("contents precision", total.contents.precision(), cp),
        ("contents recall", total.contents.recall(), cr),
        ("document-start precision", total.documents.precision(), dp),
        ("document-start recall", total.documents.recall(), dr),
    ];
    let failures: Vec<String> = checks
        .iter()
        .filter(|(_, got, floor)| got + 1e-9 < *floor)
        .map(|(what, got, floor)| format!("{what} {got:.3} below its floor {floor:.3}"))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_seed_keeps_all_its_headings_and_page_numbers() {
    let entries = corpus_support::load(&corpus_support::corpus_dir().join("seed"));
    let s: &Score = &entries[0].score;
    assert_eq!(
        (s.headings.matched, s.headings.expected, s.headings.found),
        (40, 40, 40)
    );
    assert_eq!(s.levels_agree, 40, "nesting");
    assert_eq!((s.pages.matched, s.pages.found), (3, 3));
}

/// Held-out documents with no heading in which the pass, measured once, still
/// invents some (batch y, session 28): (layout/name, headings found). A
/// ceiling, like the floors: lower it as the pass improves, never raise it;
/// every other document with no heading must get none.
const INVENTED_HEADINGS: &[(&str, usize)] = &[
    // a file number, "BH 44-new" (the teletype routing lines, "FROM
    // DIRECTOR", are no longer taken: 18 -> 1)
    ("release/y-fbi-birmingham-kensalt-file-1968", 1),
    // ". SHAEF" over "STAFF MESSAGE CONTROL", a form's caption
    ("release/y-shaef-night-phenomena-correspondence-1945", 1),
];

#[test]
fn no_heading_is_invented_where_there_is_none() {
    for e in corpus_support::load(&corpus_support::corpus_dir()) {
        if e.ann.heading.is_empty() {
            let id = format!("{}/{}", e.layout, e.name);
            let allowed = INVENTED_HEADINGS
                .iter()
                .find(|(d, _)| *d == id)
                .map_or(0, |&(_, n)| n);
            assert!(
                e.score.headings.found <= allowed,
                "{id}: {} headings invented (at most {allowed})",
                e.score.headings.found
            );
        }
        assert_eq!(
            e.score.numbered_paragraphs_as_headings, 0,
            "{}/{}: a numbered paragraph became a heading",
            e.layout, e.name
        );
    }
}

#[test]
fn every_corpus_document_round_trips_and_is_well_formed() {
    let opts = EncodeOptions::default();
    for e in corpus_support::load(&corpus_support::corpus_dir()) {
        let xml = write_tei(&e.doc, &opts.write);
        let back = reader::diplomatic_text(&xml).unwrap();
        assert_eq!(back, e.doc.diplomatic_text(), "{}/{}", e.layout, e.name);
        let source: String = e.doc.source.reassemble(
            &e.doc
                .source
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        assert_eq!(back, source, "{}/{}", e.layout, e.name);
        assert_eq!(reader::reading_text(&xml).unwrap(), e.doc.reading_text());
    }
}

#[test]
fn every_corpus_document_is_valid_against_the_project_schema_and_tei_all() {
    let opts = EncodeOptions::default();
    let tei_all =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schema/tei_all.rng");
    let mut project = Validator::new(Options {
        schema: Some(SchemaSpec::Project),
        cache_dir: None,
    });
    let mut all = Validator::new(Options {
        schema: Some(SchemaSpec::File(tei_all)),
        cache_dir: None,
    });
    for e in corpus_support::load(&corpus_support::corpus_dir()) {
        let xml = write_tei(&e.doc, &opts.write);
        let path = std::path::PathBuf::from(format!("{}.tei.xml", e.name));
        for (which, v) in [("project schema", &mut project), ("tei_all", &mut all)] {
            let report = v.validate_text(&xml, &path).unwrap();
            assert!(
                report.is_valid(true),
                "{}/{} against {which}: {:?}",
                e.layout,
                e.name,
                report.diagnostics.iter().take(3).collect::<Vec<_>>()
            );
        }
    }
}
