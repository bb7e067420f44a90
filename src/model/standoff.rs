//! Standoff authority entries that name mentions point to (`listPerson`, `listOrg`, `listPlace`).

use super::{Certainty, NameKind};

/// One person, organisation, state or place the text names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// `xml:id`, the target of mentions' `@ref="#id"`.
    pub id: String,
    /// Person, organisation, state or place.
    pub kind: NameKind,
    /// The normalised name (`persName`, `orgName` or `placeName` in the entry).
    pub name: String,
    /// Forename and surname, for people where known.
    pub forename: Option<String>,
    /// Surname, for people where known.
    pub surname: Option<String>,
    /// Authority identifiers: (`wikidata`, `Q855`), (`viaf`, …), (`geonames`, …).
    pub idnos: Vec<(String, String)>,
    /// Set for entries made from rules the gazetteer does not know.
    pub cert: Option<Certainty>,
}

/// The standoff lists, in the order entries were first mentioned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standoff {
    /// The entries, in the order they were first mentioned.
    pub entities: Vec<Entity>,
}

impl Standoff {
    /// True when no entry was made.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Entries of one kind.
    pub fn of_kind(&self, kind: NameKind) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == kind)
    }

    /// The entry with this `xml:id`.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }
}
