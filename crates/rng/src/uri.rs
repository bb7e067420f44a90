//! URI references in schemas: `href` resolution against the base URI
//! (RFC 3986, section 5.2) and the syntax checks of spec sections 4.3 and 4.5.

/// Resolves `reference` against `base`.
pub(crate) fn resolve(base: &str, reference: &str) -> String {
    if scheme(reference).is_some() {
        return remove_dot_segments_in(reference);
    }
    let (base_prefix, base_path) = split_authority(base);
    if reference.starts_with("//") {
        let scheme = scheme(base).map(|s| format!("{s}:")).unwrap_or_default();
        return format!("{scheme}{reference}");
    }
    if reference.is_empty() {
        return base.split('#').next().unwrap_or("").to_string();
    }
    let path = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "",
        };
        format!("{dir}{reference}")
    };
    format!("{base_prefix}{}", remove_dot_segments(&path))
}

fn scheme(uri: &str) -> Option<&str> {
    let colon = uri.find(':')?;
    let s = &uri[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(s)
}

/// Splits `scheme://authority` (or `scheme:`) from the path.
fn split_authority(uri: &str) -> (&str, &str) {
    let after_scheme = scheme(uri).map(|s| s.len() + 1).unwrap_or(0);
    let rest = &uri[after_scheme..];
    if let Some(r) = rest.strip_prefix("//") {
        let end = r.find('/').map(|i| i + 2).unwrap_or(rest.len());
        let cut = after_scheme + end;
        (&uri[..cut], &uri[cut..])
    } else {
        (&uri[..after_scheme], rest)
    }
}

fn remove_dot_segments_in(uri: &str) -> String {
    let (prefix, path) = split_authority(uri);
    format!("{prefix}{}", remove_dot_segments(path))
}

fn remove_dot_segments(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > usize::from(absolute) {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    out.join("/")
}

/// Whether `s` is a URI reference once the characters XLink escapes are
/// escaped (spec 4.5): only `%XX` escapes must be well formed, `#` at most once.
pub(crate) fn is_uri_reference(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| b.is_ascii_hexdigit();
            if i + 2 >= bytes.len() || !hex(bytes[i + 1]) || !hex(bytes[i + 2]) {
                return false;
            }
            i += 3;
        } else {
            i += 1;
        }
    }
    s.matches('#').count() <= 1
}

pub(crate) fn has_fragment(s: &str) -> bool {
    s.contains('#')
}

/// A `datatypeLibrary` value must be empty or an absolute URI without a fragment (spec 4.3).
pub(crate) fn is_valid_datatype_library(s: &str) -> bool {
    s.is_empty()
        || (is_uri_reference(s)
            && scheme(s).is_some_and(|sc| s.len() > sc.len() + 1)
            && !has_fragment(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_references() {
        assert_eq!(resolve("a/b/c.rng", "x"), "a/b/x");
        assert_eq!(resolve("a/b/c.rng", "../x"), "a/x");
        assert_eq!(resolve("sub1/", "sub2"), "sub1/sub2");
        assert_eq!(resolve("sub1/sub2", "sub3/y"), "sub1/sub3/y");
        assert_eq!(resolve("file:///s/t.rng", "u.rng"), "file:///s/u.rng");
        assert_eq!(resolve("c.rng", "http://e.org/x"), "http://e.org/x");
    }

    #[test]
    fn checks_library_uris() {
        assert!(is_valid_datatype_library(""));
        assert!(is_valid_datatype_library(
            "http://www.w3.org/2001/XMLSchema-datatypes"
        ));
        assert!(!is_valid_datatype_library("xyzzy"));
        assert!(!is_valid_datatype_library("http://www.example.com#"));
        assert!(!is_valid_datatype_library("http://www.example.com/%xx"));
        assert!(is_valid_datatype_library("http://www.example.com/%Aa"));
    }
}
