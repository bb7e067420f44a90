//! RELAX NG validation of TEI documents (issue 5).
