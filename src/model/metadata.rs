//! Bibliographic metadata the user supplies (TOML), read through serde.
//!
//! Nothing bibliographic is written in code: a document without a metadata
//! file gets a header built from what is known (file name, checksum, date).

use serde::Deserialize;
use std::path::Path;

use crate::error::Error;

/// Everything the header says about the work, its printed edition and the encoding.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Metadata {
    /// The work's title, normalised (not as broken over lines in the source).
    pub title: Option<String>,
    /// A subtitle or title note.
    pub subtitle: Option<String>,
    /// Authors of the work: people or bodies.
    pub authors: Vec<Agent>,
    /// Language of the text.
    pub language: Language,
    /// The printed edition the OCR text was made from.
    pub edition: Option<Edition>,
    /// The original text the edition reprints (a resolution, a speech).
    pub original: Option<Original>,
    /// Who encoded the text and on what terms it is published.
    pub encoding: Encoding,
    /// Subject keywords for `textClass`.
    pub keywords: Vec<String>,
}

/// A person or a body responsible for a text.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    /// The name as it is to be printed.
    pub name: String,
    /// `person` or `org`.
    #[serde(default = "default_agent_kind")]
    pub kind: AgentKind,
    /// An authority identifier such as a Wikidata Q-number.
    #[serde(default)]
    pub wikidata: Option<String>,
}

/// Whether an agent is a person or an organisation.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum AgentKind {
    /// A person (`persName`, `author`).
    #[default]
    Person,
    /// An organisation (`orgName`).
    Org,
}

fn default_agent_kind() -> AgentKind {
    AgentKind::Person
}

/// The language of the text (`langUsage`, `xml:lang`).
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Language {
    /// BCP 47 tag.
    pub tag: String,
    /// Its name in English.
    pub name: String,
}

impl Default for Language {
    fn default() -> Self {
        Language {
            tag: "en".into(),
            name: "English".into(),
        }
    }
}

/// The printed edition the OCR was made from.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Edition {
    /// Title of the edition.
    pub title: Option<String>,
    /// Its publisher.
    pub publisher: Option<String>,
    /// Where it was published.
    pub pub_place: Option<String>,
    /// ISO 8601 date or year (`1956`, `1956-07`).
    pub date: Option<String>,
    /// Physical description: format, pages.
    pub extent: Option<String>,
    /// A note on the edition.
    pub note: Option<String>,
}

/// The original the edition reprints.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Original {
    /// Title of the original.
    pub title: Option<String>,
    /// Its author (a person or a body).
    pub author: Option<Agent>,
    /// ISO 8601 date of adoption, delivery or first publication.
    pub date: Option<String>,
    /// What happened on that date (`adopted`, `delivered`, `published`).
    pub event: Option<String>,
    /// Where the event took place.
    pub place: Option<String>,
    /// A note on the original.
    pub note: Option<String>,
}

/// The encoding: responsibility, publication and licence of the TEI file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Encoding {
    /// Who encoded the text (a person or project), for `respStmt`.
    pub encoder: Option<String>,
    /// Who publishes or distributes the TEI file.
    pub publisher: Option<String>,
    /// Where the TEI file is published.
    pub pub_place: Option<String>,
    /// Licence statement of the encoding.
    pub licence: Option<String>,
    /// Licence URL.
    pub licence_url: Option<String>,
    /// Why the text was encoded (`projectDesc`).
    pub project: Option<String>,
    /// Date of this encoding (`YYYY-MM-DD`), used when neither `--date` nor
    /// `SOURCE_DATE_EPOCH` is given, so a shipped document encodes reproducibly.
    pub date: Option<String>,
}

impl Metadata {
    /// Reads a metadata file (TOML).
    pub fn from_path(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::from_toml(&text).map_err(|message| Error::Metadata {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Parses metadata from TOML text; the error message names the bad key.
    pub fn from_toml(text: &str) -> Result<Self, String> {
        let meta: Metadata = toml::from_str(text).map_err(|e| e.to_string())?;
        meta.check()?;
        Ok(meta)
    }

    /// Rejects values the header could not carry validly (dates that are not ISO 8601).
    fn check(&self) -> Result<(), String> {
        let dates = [
            (
                "edition.date",
                self.edition.as_ref().and_then(|e| e.date.as_deref()),
            ),
            (
                "original.date",
                self.original.as_ref().and_then(|o| o.date.as_deref()),
            ),
            ("encoding.date", self.encoding.date.as_deref()),
        ];
        for (key, date) in dates {
            if let Some(d) = date
                && !is_iso_date(d)
            {
                return Err(format!(
                    "{key} = {d:?} is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)"
                ));
            }
        }
        Ok(())
    }
}

/// True for `YYYY`, `YYYY-MM` and calendar-valid `YYYY-MM-DD`.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_full_metadata() {
        let m = Metadata::from_toml(
            r#"
title = "A title"
[[authors]]
name = "Some Committee"
kind = "org"
[edition]
publisher = "A Society"
date = "1956"
[original]
date = "1956-06-30"
event = "adopted"
"#,
        )
        .unwrap();
        assert_eq!(m.authors[0].kind, AgentKind::Org);
        assert_eq!(m.original.unwrap().date.as_deref(), Some("1956-06-30"));
    }

    #[test]
    fn rejects_unknown_keys_and_bad_dates() {
        assert!(
            Metadata::from_toml("titel = \"x\"")
                .unwrap_err()
                .contains("titel")
        );
        let e = Metadata::from_toml("[original]\ndate = \"1956-02-30\"").unwrap_err();
        assert!(e.contains("original.date"), "{e}");
    }
}
