//! `tei-encoder view` (a reading-edition page with the TEI embedded) and
//! `tei-encoder serve` (a loopback server for a directory of TEI files).

use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tei_encoder::Error;
use tei_view::{Ceteicean, PageSource, ScriptSource, Server, Site, TeiFacts, render_page};

#[derive(Debug, Args)]
pub(crate) struct ViewArgs {
    /// The TEI file to show.
    pub(crate) file: PathBuf,
    /// Where to write the page. Default: beside the file, `NAME.html`
    /// (`NAME.tei.xml` becomes `NAME.html`).
    #[arg(short, long)]
    pub(crate) output: Option<PathBuf>,
    /// CETEIcean's `CETEI.js` (or its npm package directory). Default: the
    /// TEI_ENCODER_CETEICEAN variable, else viewer/node_modules/CETEIcean
    /// installed by the set-up.
    #[arg(long, value_name = "PATH")]
    pub(crate) ceteicean: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Directory of TEI files (`*.tei.xml`).
    pub(crate) dir: PathBuf,
    /// Port to listen on; 0 picks a free one (the URL is printed).
    #[arg(long, default_value_t = 8000)]
    pub(crate) port: u16,
    /// Address to listen on. The default, 127.0.0.1, is reachable from this
    /// machine only.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub(crate) host: IpAddr,
    /// CETEIcean's `CETEI.js` (or its npm package directory); as for `view`.
    #[arg(long, value_name = "PATH")]
    pub(crate) ceteicean: Option<PathBuf>,
}

pub(super) fn run_view(args: ViewArgs) -> anyhow::Result<ExitCode> {
    let xml = std::fs::read_to_string(&args.file).map_err(|source| Error::Io {
        path: args.file.clone(),
        source,
    })?;
    let facts = TeiFacts::read(&xml).map_err(|message| Error::Tei {
        path: args.file.clone(),
        message,
    })?;
    let cetei = Ceteicean::locate(args.ceteicean.as_deref())?;
    let out = args.output.unwrap_or_else(|| default_output(&args.file));
    if same_file(&out, &args.file) {
        return Err(Error::WouldOverwriteInput { path: out }.into());
    }
    let page = render_page(
        &facts,
        PageSource::Embedded(&xml),
        ScriptSource::Embedded(&cetei),
    );
    if out == Path::new("-") {
        std::io::stdout()
            .write_all(page.as_bytes())
            .context("writing the page to standard output")?;
    } else {
        std::fs::write(&out, page).map_err(|source| Error::Io {
            path: out.clone(),
            source,
        })?;
        eprintln!("tei-encoder: wrote {}", out.display());
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn run_serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let cetei = Ceteicean::locate(args.ceteicean.as_deref())?;
    let site = Site::new(&args.dir, cetei)?;
    if !args.host.is_loopback() {
        eprintln!(
            "tei-encoder: warning: listening on {}, which other machines may reach",
            args.host
        );
    }
    let server = Server::bind(SocketAddr::new(args.host, args.port), site)?;
    let addr = server.local_addr().context("reading the bound address")?;
    let host = match addr.ip() {
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    let mut stdout = std::io::stdout();
    writeln!(
        stdout,
        "Serving {} at http://{host}:{}/ (Ctrl-C to stop)",
        args.dir.display(),
        addr.port()
    )
    .and_then(|_| stdout.flush())
    .context("writing to standard output")?;
    server.run();
    Ok(ExitCode::SUCCESS)
}

/// `NAME.tei.xml` or `NAME.xml` becomes `NAME.html` beside it.
fn default_output(input: &Path) -> PathBuf {
    let name = input
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".tei.xml")
        .or_else(|| name.strip_suffix(".xml"))
        .unwrap_or(&name);
    input.with_file_name(format!("{stem}.html"))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_output_replaces_the_tei_suffix() {
        assert_eq!(
            default_output(Path::new("out/a.tei.xml")),
            PathBuf::from("out/a.html")
        );
        assert_eq!(default_output(Path::new("b.xml")), PathBuf::from("b.html"));
        assert_eq!(default_output(Path::new("c")), PathBuf::from("c.html"));
    }
}
