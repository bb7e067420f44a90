//! Untrusted input: documents are parsed without external entities (roxmltree
//! never fetches them), with bounds on nodes, nesting depth and the text that
//! internal entities expand to, so that a small hostile file cannot exhaust
//! memory or the stack.

/// Deepest element nesting accepted (validation recurses once per level).
pub(crate) const MAX_DEPTH: usize = 1000;
/// Most nodes a document may have (roxmltree stops parsing beyond this).
pub(crate) const MAX_NODES: u32 = 20_000_000;
/// Most characters that entity references in a document may expand to, in all.
pub(crate) const MAX_ENTITY_EXPANSION: usize = 10_000_000;

/// Why a document is refused before or while parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1.
    pub column: u32,
    /// Why, with the limit passed.
    pub message: String,
}

/// Parses an untrusted document within the limits: no external entities,
/// bounded nodes, nesting depth and entity expansion.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, Refused> {
    let expansion = entity_expansion(text);
    if expansion > MAX_ENTITY_EXPANSION {
        return Err(Refused {
            line: 1,
            column: 1,
            message: format!(
                "entity references would expand to more than {MAX_ENTITY_EXPANSION} characters; refused"
            ),
        });
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        entity_resolver: None,
    };
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        Refused {
            line: pos.row,
            column: pos.col,
            message: format!("not well-formed XML: {e}"),
        }
    })?;
    for node in doc.root().descendants().filter(|n| n.is_element()) {
        // Ancestors are cheap to count; stop at the first element too deep.
        if node.ancestors().nth(MAX_DEPTH).is_some() {
            let pos = doc.text_pos_at(node.range().start);
            return Err(Refused {
                line: pos.row,
                column: pos.col,
                message: format!("elements nested more than {MAX_DEPTH} deep; refused"),
            });
        }
    }
    Ok(doc)
}

/// Characters the general entity references of `text` expand to, computed
/// from the internal DTD subset before the parser expands anything.
pub(crate) fn entity_expansion(text: &str) -> usize {
    let Some(start) = text.find("<!DOCTYPE") else {
        return 0;
    };
    let Some(open) = text[start..].find('[').map(|i| start + i) else {
        return 0;
    };
    let Some(close) = text[open..].find("]>").map(|i| open + i) else {
        return 0;
    };
    let subset = &text[open + 1..close];
    let mut entities: Vec<(&str, &str)> = Vec::new();
    let mut rest = subset;
    while let Some(i) = rest.find("<!ENTITY") {
        rest = &rest[i + 8..];
        let decl = rest.trim_start();
        if decl.starts_with('%') {
            continue;
        }
        let name_end = decl.find(|c: char| c.is_whitespace()).unwrap_or(decl.len());
        let name = &decl[..name_end];
        let after = decl[name_end..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue; // external (SYSTEM/PUBLIC): never fetched
        };
        let body = &after[1..];
        let Some(end) = body.find(q) else { break };
        entities.push((name, &body[..end]));
    }
    if entities.is_empty() {
        return 0;
    }
    let mut sizes: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    fn size<'a>(
        name: &'a str,
        entities: &[(&'a str, &'a str)],
        sizes: &mut std::collections::HashMap<&'a str, usize>,
        depth: usize,
    ) -> usize {
        if let Some(&s) = sizes.get(name) {
            return s;
        }
        if depth > 16 {
            return usize::MAX / 4;
        }
        let Some(&(_, body)) = entities.iter().find(|(n, _)| *n == name) else {
            return 0;
        };
        let mut total = body.len();
        for r in references(body) {
            total = total.saturating_add(size(r, entities, sizes, depth + 1));
        }
        sizes.insert(name, total);
        total
    }
    let body = &text[close..];
    let mut total = 0usize;
    for r in references(body) {
        total = total.saturating_add(size(r, &entities, &mut sizes, 0));
        if total > MAX_ENTITY_EXPANSION {
            break;
        }
    }
    total
}

/// Names of the general entity references (`&name;`) in a text.
fn references(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices('&').filter_map(move |(i, _)| {
        let rest = &s[i + 1..];
        let end = rest.find(';')?;
        let name = &rest[..end];
        (!name.is_empty() && !name.starts_with('#') && !name.contains(char::is_whitespace))
            .then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn billion_laughs_is_refused_before_parsing() {
        let mut doc = String::from("<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">");
        let mut prev = "a".to_string();
        for i in 0..9 {
            let name = format!("e{i}");
            doc.push_str(&format!(
                "<!ENTITY {name} \"{}\">",
                format!("&{prev};").repeat(10)
            ));
            prev = name;
        }
        doc.push_str(&format!("]><d>&{prev};</d>"));
        assert!(entity_expansion(&doc) > MAX_ENTITY_EXPANSION);
        assert!(parse(&doc).is_err());
    }

    #[test]
    fn small_entities_are_fine() {
        let doc = "<!DOCTYPE d [<!ENTITY x \"<b/>\">]><d>&x;&amp;</d>";
        assert!(entity_expansion(doc) < 10);
        assert!(parse(doc).is_ok());
    }

    #[test]
    fn external_entities_are_never_fetched() {
        let doc = "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>";
        let err = parse(doc).unwrap_err();
        assert!(err.message.contains("not well-formed"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        let err = parse(&deep).unwrap_err();
        assert!(err.message.contains("nested"), "{}", err.message);
        let ok = "<a>".repeat(50) + &"</a>".repeat(50);
        assert!(parse(&ok).is_ok());
    }
}
