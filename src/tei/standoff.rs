//! `standOff` with `listPerson`, `listOrg`, `listPlace`: one entry per entity.
//! The writer calls in here, never the other way: [`StateElement`] lives here
//! because the standoff lists are where a state's element is decided first.

use super::xml::XmlOut;
use crate::model::{Entity, NameKind, Standoff};

/// Which element a state's name becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum StateElement {
    /// `<orgName type="state">`: a state acting as a body (the default).
    #[default]
    Org,
    /// `<placeName type="state">`.
    Place,
}

/// Writes the standoff lists, states under `listOrg` or `listPlace`.
pub fn write_standoff(x: &mut XmlOut, s: &Standoff, state: StateElement, d: usize) {
    x.indent(d);
    x.start("standOff", &[]);
    let states_as_orgs = state == StateElement::Org;
    let people: Vec<&Entity> = s.of_kind(NameKind::Person).collect();
    let orgs: Vec<&Entity> = s
        .entities
        .iter()
        .filter(|e| e.kind == NameKind::Org || (states_as_orgs && e.kind == NameKind::State))
        .collect();
    let places: Vec<&Entity> = s
        .entities
        .iter()
        .filter(|e| e.kind == NameKind::Place || (!states_as_orgs && e.kind == NameKind::State))
        .collect();
    if !people.is_empty() {
        x.indent(d + 1);
        x.start("listPerson", &[]);
        for e in people {
            entry(x, e, "person", d + 2);
        }
        x.indent(d + 1);
        x.end("listPerson");
    }
    if !orgs.is_empty() {
        x.indent(d + 1);
        x.start("listOrg", &[]);
        for e in orgs {
            entry(x, e, "org", d + 2);
        }
        x.indent(d + 1);
        x.end("listOrg");
    }
    if !places.is_empty() {
        x.indent(d + 1);
        x.start("listPlace", &[]);
        for e in places {
            entry(x, e, "place", d + 2);
        }
        x.indent(d + 1);
        x.end("listPlace");
    }
    x.indent(d);
    x.end("standOff");
}

fn entry(x: &mut XmlOut, e: &Entity, element: &str, d: usize) {
    let mut attrs: Vec<(&str, &str)> = vec![("xml:id", e.id.as_str())];
    if e.kind == NameKind::State {
        attrs.push(("type", "state"));
    }
    if let Some(c) = e.cert {
        attrs.push(("cert", c.as_str()));
    }
    x.indent(d);
    x.start(element, &attrs);
    x.indent(d + 1);
    match e.kind {
        NameKind::Person => {
            x.start("persName", &[("type", "normalised")]);
            match (&e.forename, &e.surname) {
                (Some(f), Some(s)) => {
                    x.element("forename", &[], f);
                    x.text(" ");
                    x.element("surname", &[], s);
                }
                (None, Some(s)) => x.element("surname", &[], s),
                _ => x.text(&e.name),
            }
            x.end("persName");
        }
        NameKind::Org | NameKind::State if element == "org" => {
            x.element("orgName", &[("type", "normalised")], &e.name)
        }
        _ => x.element("placeName", &[("type", "normalised")], &e.name),
    }
    for (ty, value) in &e.idnos {
        x.indent(d + 1);
        x.element("idno", &[("type", ty.as_str())], value);
    }
    x.indent(d);
    x.end(element);
}
