//! One module per subcommand.

pub mod code;
pub mod corpus;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod parse;
pub mod query;
pub mod resolve;
pub mod serve;
pub mod term;
pub mod time;
pub mod train;

use std::io::Read;

/// The text argument if given, else all of stdin.
pub fn text_or_stdin(text: Option<String>) -> anyhow::Result<String> {
    match text {
        Some(t) => Ok(t),
        None => {
            let mut buf = String::new();
            std::io::stdin().read_to_string(&mut buf)?;
            Ok(buf)
        }
    }
}
