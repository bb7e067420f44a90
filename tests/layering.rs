//! Imports flow one way (issue 17): `model` imports no pass and no writer,
//! `tei` does not import `validate`, the validator imports nothing of the
//! encoder but its schema, and no two top-level modules import each other,
//! directly or through others. Read from the sources: a `crate::NAME` path
//! in a file under `src/A` is an import of `NAME` by `A`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("src/ is readable")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Top-level module of each file under `src/` → the top-level modules it names.
fn imports() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let module_of = |p: &Path| -> Option<String> {
        let rel = p.strip_prefix(&src).ok()?;
        let first = rel.components().next()?.as_os_str().to_str()?;
        let name = first.strip_suffix(".rs").unwrap_or(first);
        (name != "lib").then(|| name.to_string())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|p| module_of(p)).collect();
    let mut graph = Graph::new();
    for file in &files {
        let Some(from) = module_of(file) else {
            continue;
        };
        let text = std::fs::read_to_string(file).expect("source is UTF-8");
        let targets = graph.entry(from.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name != from && modules.contains(&name) {
                targets.insert(name);
            }
        }
    }
    graph
}

#[test]
fn model_imports_no_pass_and_no_writer() {
    let graph = imports();
    let model: Vec<_> = graph["model"].iter().filter(|m| *m != "error").collect();
    assert!(model.is_empty(), "model imports {model:?}");
}

#[test]
fn writer_and_validator_stay_apart() {
    let graph = imports();
    assert!(
        !graph["tei"].contains("validate"),
        "tei imports validate: {:?}",
        graph["tei"]
    );
    let validate: Vec<_> = graph["validate"]
        .iter()
        .filter(|m| !["schema", "error"].contains(&m.as_str()))
        .collect();
    assert!(validate.is_empty(), "validate imports {validate:?}");
}

#[test]
fn no_module_imports_itself_through_others() {
    let graph = imports();
    for start in graph.keys() {
        // Everything `start` reaches; `start` must not be among it.
        let mut seen = BTreeSet::new();
        let mut todo: Vec<&String> = graph[start].iter().collect();
        while let Some(m) = todo.pop() {
            if seen.insert(m.clone()) {
                todo.extend(graph.get(m).into_iter().flatten());
            }
        }
        assert!(
            !seen.contains(start),
            "{start} imports itself through {:?}",
            graph[start]
        );
    }
}
