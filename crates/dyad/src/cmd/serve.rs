//! `dyad serve [--db FILE] [--addr 127.0.0.1:8080] [--allow-ingest --token T]`: the HTTP API and web UI.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Arguments of `dyad serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The database file (written by `dyad ingest`; opened read-only).
    #[arg(long, default_value = "dyad.db")]
    pub db: PathBuf,
    /// Where to listen. Only loopback addresses unless --public is given.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Allow listening on a non-loopback address (the API has no users or rate limits: put it behind a proxy).
    #[arg(long)]
    pub public: bool,
    /// Accept pages over HTTP (`POST /api/pages`), from clients that send `Authorization: Bearer TOKEN`.
    #[arg(long, requires = "token")]
    pub allow_ingest: bool,
    /// The ingest token (or set DYAD_TOKEN).
    #[arg(long, env = "DYAD_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

/// Runs the command until Ctrl-C.
pub fn run(args: Args) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.addr.ip().is_loopback() || args.public,
        "{} is not a loopback address: pass --public to listen on it",
        args.addr
    );
    anyhow::ensure!(args.db.is_file(), "no database at {} (run `dyad ingest` first)", args.db.display());
    let mut config = dyad_serve::Config::new(&args.db);
    if args.allow_ingest {
        config.ingest_token = args.token;
    }
    let app = dyad_serve::app(config)?;
    let runtime = tokio::runtime::Runtime::new().context("cannot start the runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        eprintln!("dyad serve: http://{} (database {})", listener.local_addr()?, args.db.display());
        dyad_serve::serve(listener, app).await?;
        Ok(())
    })
}
