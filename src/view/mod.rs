//! Reading-edition HTML pages for TEI documents (issue 6).
