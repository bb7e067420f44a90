//! A possible name mention: a span of a block's reading text and what it names.

use crate::model::{Certainty, NameKind};

/// Who proposed a candidate; on equal spans the stronger source wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A full gazetteer form.
    Gazetteer,
    /// A gazetteer surname.
    Surname,
    /// A naming rule.
    Rule,
}

/// An entity the gazetteer does not know, made from what the text prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntity {
    pub kind: NameKind,
    /// Mentions with the same key are one entity.
    pub key: String,
    pub preferred_id: String,
    pub name: String,
    pub forename: Option<String>,
    pub surname: Option<String>,
    pub cert: Certainty,
}

impl NewEntity {
    /// An organisation, state or place known only by the printed name.
    pub fn new(kind: NameKind, name: &str, cert: Certainty) -> Self {
        let name = crate::model::fold_whitespace(name);
        NewEntity {
            kind,
            key: format!("{}:{}", kind.as_str(), name.to_lowercase()),
            preferred_id: slug(&name),
            name,
            forename: None,
            surname: None,
            cert,
        }
    }

    /// A person: one entity per surname and forename initial in a document.
    pub fn person(forename: Option<String>, surname: &str, cert: Certainty) -> Self {
        let name = match &forename {
            Some(f) => format!("{f} {surname}"),
            None => surname.to_string(),
        };
        NewEntity {
            kind: NameKind::Person,
            // Two forenames of other initials are two people (`Harry F. Byrd`,
            // `Robert C. Byrd`); a bare surname is linked by `cluster`.
            key: match forename.as_deref().and_then(|f| f.chars().next()) {
                Some(c) => format!("person:{}:{}", surname.to_lowercase(), c.to_lowercase()),
                None => format!("person:{}", surname.to_lowercase()),
            },
            preferred_id: slug(surname),
            name,
            forename,
            surname: Some(surname.to_string()),
            cert,
        }
    }
}

/// What a candidate names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A gazetteer entry (index).
    Entry(usize),
    /// One of several entries: the one the document names most explicitly.
    OneOf {
        entries: Vec<usize>,
        fallback: Fallback,
    },
    New(NewEntity),
}

/// What an ambiguous candidate becomes when the document names none of its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// The first entry.
    First,
    /// Nothing: the form is not a name on its own (a common surname).
    Drop,
    New(NewEntity),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub kind: NameKind,
    pub target: Target,
    pub source: Source,
    /// Names tagged inside this one (issue 15): the states and bodies an
    /// organisation's name holds (`Communist Party of the Soviet Union`
    /// holds `Soviet Union`), each a mention with its own target; sorted,
    /// not overlapping, inside `start..end`.
    pub inner: Vec<Candidate>,
}

impl Candidate {
    /// Length of the span in bytes of reading text.
    pub fn span_len(&self) -> usize {
        self.end - self.start
    }
}

/// A readable `xml:id` from a name: `Ishevik Party` → `ishevik-party`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') && c != '.' && c != '\'' && c != '\u{2019}'
        {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => out,
        Some(_) => format!("n-{out}"),
        None => "name".to_string(),
    }
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_ids() {
        assert_eq!(slug("Ishevik Party"), "ishevik-party");
        assert_eq!(slug("N.A.T.O."), "nato");
        assert_eq!(slug("Workers' Party of Korea"), "workers-party-of-korea");
        assert_eq!(slug("Poznań"), "poznan");
        assert_eq!(slug("20th Congress"), "n-20th-congress");
        assert_eq!(slug("..."), "name");
    }
}
