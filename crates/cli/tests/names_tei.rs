//! The name pass in TEI: every `@ref` resolves to a standoff entry, every
//! entry is used, output validates against tei_all with states as orgName and
//! as placeName, the round trip stays exact, headings in capitals and
//! sentence-initial adjectives make no names, and `--gazetteer` adds entries.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_tei-encoder");
const TEI: &str = "http://www.tei-c.org/ns/1.0";
const XML: &str = "http://www.w3.org/XML/1998/namespace";

fn root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn inputs() -> Vec<PathBuf> {
    vec![
        root().join("data/seed/cult-of-the-individual-1956.txt"),
        root().join("tests/data/names/press-release-1972.txt"),
    ]
}

fn encode(input: &Path, output: &Path, extra: &[&str]) -> Output {
    let out = Command::new(BIN)
        .arg("encode")
        .arg(input)
        .arg("-o")
        .arg(output)
        .args(["--date", "2026-01-01", "-q"])
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run tei-encoder");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const NAMES: [&str; 3] = ["persName", "orgName", "placeName"];
const ENTRIES: [&str; 3] = ["person", "org", "place"];

/// (refs of mentions in text, ids of standoff entries, mention count).
fn refs_and_entries(xml: &str) -> (Vec<String>, HashSet<String>) {
    let doc = roxmltree::Document::parse(xml).expect("well-formed");
    let text = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI, "text")))
        .expect("text");
    let refs: Vec<String> = text
        .descendants()
        .filter(|n| NAMES.iter().any(|t| n.has_tag_name((TEI, *t))))
        .map(|n| n.attribute("ref").expect("every name has @ref").to_string())
        .collect();
    let standoff = doc
        .descendants()
        .find(|n| n.has_tag_name((TEI, "standOff")))
        .expect("standOff");
    let ids: HashSet<String> = standoff
        .descendants()
        .filter(|n| ENTRIES.iter().any(|t| n.has_tag_name((TEI, *t))))
        .map(|n| n.attribute((XML, "id")).expect("entry id").to_string())
        .collect();
    (refs, ids)
}

#[test]
fn refs_resolve_entries_are_used_valid_and_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for input in inputs() {
        for states in ["org", "place"] {
            let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
            let out = dir.path().join(format!("{stem}-{states}.xml"));
            encode(&input, &out, &["--states-as", states]);
            let xml = std::fs::read_to_string(&out).unwrap();
            let (refs, ids) = refs_and_entries(&xml);
            assert!(refs.len() > 20, "{stem}: only {} names", refs.len());
            let used: HashSet<String> = refs
                .iter()
                .map(|r| r.strip_prefix('#').expect("local ref").to_string())
                .collect();
            for r in &used {
                assert!(ids.contains(r), "{stem}: @ref #{r} has no entry");
            }
            for id in &ids {
                assert!(used.contains(id), "{stem}: entry {id} is never mentioned");
            }
            let state_element = if states == "org" {
                "<orgName type=\"state\""
            } else {
                "<placeName type=\"state\""
            };
            assert!(xml.contains(state_element), "{stem}: no {state_element}");
            let diplomatic = Command::new(BIN)
                .args(["text", "--diplomatic"])
                .arg(&out)
                .output()
                .unwrap();
            assert!(diplomatic.status.success());
            assert_eq!(
                diplomatic.stdout,
                std::fs::read(&input).unwrap(),
                "{stem}: round trip"
            );
            outputs.push(out);
        }
    }
    let jing = Command::new("jing")
        .arg(root().join("../shared/schema/tei_all.rng"))
        .args(&outputs)
        .output()
        .expect("jing is needed for this test: run `bash .ci/setup`");
    assert!(
        jing.status.success(),
        "jing found errors:\n{}",
        String::from_utf8_lossy(&jing.stdout)
    );
}

#[test]
fn seed_entries_have_readable_ids_authority_ids_and_certainty() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("seed.xml");
    encode(&inputs()[0], &out, &[]);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(xml.contains("<persName ref=\"#stalin\">J.V. Stalin</persName>"));
    assert!(xml.contains("<persName ref=\"#stalin\">Stalin</persName>'s"));
    assert!(xml.contains("<orgName ref=\"#cpsu\">C.P.S.U.</orgName>"));
    assert!(xml.contains("<idno type=\"wikidata\">Q855</idno>"));
    // Found by a rule only: an entry with @cert.
    assert!(
        xml.contains("<org xml:id=\"nuovi-argomenti\" cert=\"medium\">"),
        "no rule-made entry"
    );
    // The body of a party is one organisation, its party a name nested
    // inside it, and the party's state inside that (issue 15).
    assert!(xml.contains("<org xml:id=\"cc-cpsu\" cert=\"medium\">"));
    assert!(
        xml.contains(
            "<orgName ref=\"#cc-cpsu\">Central Committee of the <orgName ref=\"#cpsu\">Communist Party of the <orgName type=\"state\" ref=\"#ussr\">Soviet Union</orgName></orgName></orgName>"
        ),
        "no nested names"
    );
    // The header states the rule.
    assert!(xml.contains("Nested names: an organisation's name holds"));
}

#[test]
fn capitals_and_adjectives_make_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("caps.txt");
    std::fs::write(
        &input,
        "STATEMENT OF THE SOVIET GOVERNMENT ON AMERICAN POLICY\n\n\
         WHAT IT MEANS FOR US AND THE PARTY\n\n\
         Soviet people and Chinese workers welcomed the news. American monopoly\n\
         capital and British Labour opinion were alarmed. The Party Congress met.\n\
         Working people everywhere agree. Every Party member knows it.\n",
    )
    .unwrap();
    let out = dir.path().join("caps.xml");
    encode(&input, &out, &[]);
    let xml = std::fs::read_to_string(&out).unwrap();
    for n in NAMES {
        assert!(!xml.contains(&format!("<{n}")), "false name in:\n{xml}");
    }
    assert!(!xml.contains("<standOff"), "empty standOff written");
}

#[test]
fn user_gazetteer_adds_entries_and_rules() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.txt");
    std::fs::write(
        &input,
        "The Zemblan Freedom Council met Mr. Kinbote in Onhava yesterday.\n",
    )
    .unwrap();
    let gaz = dir.path().join("zembla.toml");
    std::fs::write(
        &gaz,
        "[[place]]\nid = \"onhava\"\nname = \"Onhava\"\n\n\
         [[person]]\nid = \"kinbote\"\nforename = \"Charles\"\nsurname = \"Kinbote\"\nbare = true\n\n\
         [[org]]\nid = \"zfc\"\nname = \"Zemblan Freedom Council\"\nwikidata = \"Q1\"\n",
    )
    .unwrap();
    // `bare`: the surname alone (`Mr. Kinbote`) names this person; without
    // it a surname alone takes the entry only where the document names the
    // person in full (issue 15: a bare `Hoover` is not Herbert Hoover).
    let out = dir.path().join("out.xml");
    encode(&input, &out, &["--gazetteer", gaz.to_str().unwrap()]);
    let xml = std::fs::read_to_string(&out).unwrap();
    assert!(
        xml.contains("<orgName ref=\"#zfc\">Zemblan Freedom Council</orgName>"),
        "{xml}"
    );
    assert!(
        xml.contains("<persName ref=\"#kinbote\">Kinbote</persName>"),
        "{xml}"
    );
    assert!(
        xml.contains("<placeName ref=\"#onhava\">Onhava</placeName>"),
        "{xml}"
    );

    // A broken gazetteer fails with its path and no output.
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[[org]]\nid = \"un\"\nname = \"Duplicate\"\n").unwrap();
    let out2 = dir.path().join("out2.xml");
    let r = Command::new(BIN)
        .arg("encode")
        .arg(&input)
        .arg("-o")
        .arg(&out2)
        .arg("--gazetteer")
        .arg(&bad)
        .output()
        .unwrap();
    assert!(!r.status.success());
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(err.contains("bad.toml") && err.contains("twice"), "{err}");
    assert!(!out2.exists());
}
