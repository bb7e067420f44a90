//! Finds CETEIcean's browser script (`dist/CETEI.js`) installed by npm in
//! `viewer/node_modules`: pages embed it, so they work offline, and it is
//! never fetched from a CDN nor committed to the repository.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Environment variable naming the CETEIcean script (or its package directory).
pub(crate) const ENV_VAR: &str = "TEI_ENCODER_CETEICEAN";

/// The script inside the npm package.
const DIST_SCRIPT: &str = "dist/CETEI.js";

/// The package directory relative to a project checkout.
const PACKAGE_DIR: &str = "viewer/node_modules/CETEIcean";

/// CETEIcean's script and version, ready to embed or serve.
#[derive(Debug, Clone)]
pub struct Ceteicean {
    /// The script itself.
    pub script: String,
    /// From the package's `package.json` when it is beside the script.
    pub version: String,
    /// Where the script was read from.
    pub path: PathBuf,
}

impl Ceteicean {
    /// Loads CETEIcean from, in order: `explicit` (a `--ceteicean` flag), the
    /// environment variable `TEI_ENCODER_CETEICEAN`, `viewer/node_modules/CETEIcean` under
    /// the current directory, and the same under the project directory this
    /// binary was built from. Each may name the script or the package directory.
    pub fn locate(explicit: Option<&Path>) -> Result<Self> {
        if let Some(p) = explicit {
            return Self::load(p);
        }
        if let Some(p) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
            return Self::load(Path::new(&p));
        }
        let candidates = [
            PathBuf::from(PACKAGE_DIR),
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../..")).join(PACKAGE_DIR),
        ];
        for c in &candidates {
            if c.join(DIST_SCRIPT).is_file() {
                return Self::load(c);
            }
        }
        let looked: Vec<String> = candidates
            .iter()
            .map(|c| c.join(DIST_SCRIPT).display().to_string())
            .collect();
        Err(Error::Usage(format!(
            "CETEIcean is not installed (looked for {}); run the set-up, `bash .ci/setup` \
             (or `npm ci` in viewer/), or name the script with --ceteicean or {ENV_VAR}",
            looked.join(" and ")
        )))
    }

    /// Loads the script from a path to `CETEI.js` or to the package directory.
    pub fn load(path: &Path) -> Result<Self> {
        let script_path = if path.is_dir() {
            path.join(DIST_SCRIPT)
        } else {
            path.to_path_buf()
        };
        let script = std::fs::read_to_string(&script_path).map_err(|source| Error::Io {
            path: script_path.clone(),
            source,
        })?;
        if !script.contains("CETEI") {
            return Err(Error::Data {
                path: script_path,
                message: "this is not CETEIcean's script (no CETEI in it)".into(),
            });
        }
        let version = script_path
            .parent()
            .and_then(Path::parent)
            .and_then(|pkg| std::fs::read_to_string(pkg.join("package.json")).ok())
            .and_then(|json| package_version(&json))
            .unwrap_or_else(|| "(unknown version)".to_string());
        Ok(Ceteicean {
            script,
            version,
            path: script_path,
        })
    }
}

/// The `"version"` of a `package.json`, without a JSON parser: the first
/// `"version": "…"` pair, which npm writes at the top level.
fn package_version(json: &str) -> Option<String> {
    let at = json.find("\"version\"")?;
    let rest = json[at + "\"version\"".len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start().strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_version_from_package_json() {
        let json = "{\n  \"name\": \"CETEIcean\",\n  \"version\" : \"1.9.5\",\n  \"x\": 1}";
        assert_eq!(package_version(json).as_deref(), Some("1.9.5"));
        assert_eq!(package_version("{}"), None);
    }

    #[test]
    fn loads_a_package_directory_and_its_version() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("dist")).unwrap();
        std::fs::write(
            dir.path().join("dist/CETEI.js"),
            "var CETEI=function(){}();",
        )
        .unwrap();
        std::fs::write(dir.path().join("package.json"), "{\"version\": \"9.8.7\"}").unwrap();
        let c = Ceteicean::load(dir.path()).unwrap();
        assert_eq!(c.version, "9.8.7");
        assert!(c.script.starts_with("var CETEI"));
    }

    #[test]
    fn rejects_a_script_that_is_not_ceteicean() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("other.js");
        std::fs::write(&p, "console.log(1)").unwrap();
        let e = Ceteicean::load(&p).unwrap_err().to_string();
        assert!(e.contains("not CETEIcean"), "{e}");
    }

    #[test]
    fn missing_explicit_path_names_the_file() {
        let e = Ceteicean::locate(Some(Path::new("/nonexistent/CETEI.js")))
            .unwrap_err()
            .to_string();
        assert!(e.contains("/nonexistent/CETEI.js"), "{e}");
    }
}
