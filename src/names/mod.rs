//! Name tagging against gazetteers and naming rules (issue 4).
