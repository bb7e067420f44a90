//! James Clark's RELAX NG conformance suite (spectest.xml, 385 cases, 965
//! tests as jing's TestDriver counts them): every incorrect schema must be
//! rejected, every correct one compiled, every valid instance accepted and
//! every invalid one rejected.

use std::collections::HashMap;
use tei_rng::{Resolver, Schema, Session};

/// Beside the repository (tests run in `crates/rng`).
const SUITE: &str = "../../../shared/relaxng-testsuite/spectest.xml";

/// Resources of one test case, by path relative to the schema.
struct Resources(HashMap<String, String>);

impl Resolver for Resources {
    fn load(&self, target: &str) -> Result<String, String> {
        self.0
            .get(target)
            .cloned()
            .ok_or_else(|| format!("{target}: no such resource"))
    }
}

fn slice<'a>(text: &'a str, node: roxmltree::Node) -> &'a str {
    &text[node.range()]
}

fn first_element<'a, 'i>(node: roxmltree::Node<'a, 'i>) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.is_element())
}

fn collect_resources(
    text: &str,
    node: roxmltree::Node,
    dir: &str,
    out: &mut HashMap<String, String>,
) {
    for c in node.children().filter(|c| c.is_element()) {
        let name = c.attribute("name").unwrap_or_default();
        let path = format!("{dir}{name}");
        match c.tag_name().name() {
            "resource" => {
                let body = match first_element(c) {
                    Some(e) => slice(text, e).to_string(),
                    None => c.text().unwrap_or_default().to_string(),
                };
                out.insert(path, body);
            }
            "dir" => collect_resources(text, c, &format!("{path}/"), out),
            _ => {}
        }
    }
}

#[derive(Default, Debug)]
struct Tally {
    passed: usize,
    failed: Vec<String>,
}

fn run_case(text: &str, case: roxmltree::Node, number: usize, t: &mut Tally) {
    let mut resources = HashMap::new();
    collect_resources(text, case, "", &mut resources);
    let resolver = Resources(resources);
    let base = "c.rng";
    if let Some(incorrect) = case.children().find(|c| c.has_tag_name("incorrect")) {
        let schema = slice(text, first_element(incorrect).expect("schema"));
        match Schema::compile(schema, base, &resolver) {
            Err(_) => t.passed += 1,
            Ok(_) => t
                .failed
                .push(format!("case {number}: incorrect schema accepted")),
        }
        return;
    }
    let correct = case
        .children()
        .find(|c| c.has_tag_name("correct"))
        .expect("correct or incorrect");
    let schema_text = slice(text, first_element(correct).expect("schema"));
    let schema = match Schema::compile(schema_text, base, &resolver) {
        Ok(s) => {
            t.passed += 1;
            s
        }
        Err(e) => {
            t.failed
                .push(format!("case {number}: correct schema rejected: {e}"));
            return;
        }
    };
    let mut session = Session::new(&schema);
    for (k, inst) in case
        .children()
        .filter(|c| c.has_tag_name("valid") || c.has_tag_name("invalid"))
        .enumerate()
    {
        let want_valid = inst.has_tag_name("valid");
        let doc_text = slice(text, first_element(inst).expect("instance"));
        let doc = match roxmltree::Document::parse(doc_text) {
            Ok(d) => d,
            Err(e) => {
                t.failed
                    .push(format!("case {number} instance {k}: unparsable: {e}"));
                continue;
            }
        };
        let errors = session.validate(&doc);
        if errors.is_empty() == want_valid {
            t.passed += 1;
        } else {
            t.failed.push(format!(
                "case {number} instance {k}: expected {}, got {:?}",
                if want_valid { "valid" } else { "invalid" },
                errors.first().map(|e| &e.message)
            ));
        }
    }
}

#[test]
fn conformance_suite_965_of_965() {
    let Ok(raw) = std::fs::read_to_string(SUITE) else {
        panic!(
            "{SUITE} is missing: the shared test data must be checked out next to the repository"
        );
    };
    // roxmltree cannot expand an entity whose text is markup; put its replacement text in place.
    let text = raw.replace("&dii;", "<\u{E14}\u{E35}/>");
    let doc = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .expect("spectest.xml parses");
    let mut tally = Tally::default();
    for (i, case) in doc
        .descendants()
        .filter(|n| n.has_tag_name("testCase"))
        .enumerate()
    {
        run_case(&text, case, i + 1, &mut tally);
    }
    for f in &tally.failed {
        eprintln!("{f}");
    }
    let total = tally.passed + tally.failed.len();
    eprintln!("conformance: {} of {total} pass", tally.passed);
    assert_eq!(total, 965, "the suite has 965 tests");
    assert!(tally.failed.is_empty(), "{} tests fail", tally.failed.len());
}
