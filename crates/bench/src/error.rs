//! The one error type of the benchmarks.

use std::error::Error as StdError;

/// A boxed error of any stage crate.
type Boxed = Box<dyn StdError + Send + Sync>;

/// Why a benchmark could not run: its data is missing or malformed, or a stage crate failed on it. Printed with
/// its sources (`{:#}` through anyhow), the messages read as they did when the benchmarks lived in the CLI.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    /// A file or folder could not be read or written.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// A JSON benchmark file is malformed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// A stage crate (page, syntax, stories, ...) failed on the benchmark's data.
    #[error(transparent)]
    Stage(Boxed),
    /// Benchmark data that is missing or not what the benchmark expects.
    #[error("{0}")]
    Data(String),
    /// Any of the above, with what was being done when it happened.
    #[error("{context}")]
    Context {
        /// What was being done ("reading FILE").
        context: String,
        /// What went wrong.
        #[source]
        source: Boxed,
    },
}

/// The stage crates' errors, each boxed as [`BenchError::Stage`].
macro_rules! stage_errors {
    ($($t:ty),* $(,)?) => {$(
        impl From<$t> for BenchError {
            fn from(e: $t) -> Self {
                BenchError::Stage(Box::new(e))
            }
        }
    )*};
}

stage_errors!(
    dyad_core::DateError,
    dyad_core::SpanError,
    dyad_eval::NewsError,
    dyad_ingest::IngestError,
    dyad_store::StoreError,
    dyad_events::PetrarchError,
    dyad_page::PageError,
    dyad_stories::StoriesError,
    dyad_pipeline::ModelFileError,
    dyad_syntax::ModelError,
    dyad_syntax::ConlluError,
    dyad_syntax::TreebankError,
    dyad_syntax::eval::EvalError,
);

/// `ensure!` for benchmark data: returns [`BenchError::Data`] with the message when the condition fails.
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        if !$cond {
            return Err($crate::BenchError::Data(format!($($msg)+)));
        }
    };
}
pub(crate) use ensure;

/// What was being done, added to an error or to a missing value.
pub(crate) trait Context<T> {
    /// The error (or `None`) with `context` in front.
    fn context(self, context: impl Into<String>) -> Result<T, BenchError>;
    /// As [`Context::context`], the message built only on failure.
    fn with_context<S: Into<String>>(self, context: impl FnOnce() -> S) -> Result<T, BenchError>;
}

impl<T, E: Into<Boxed>> Context<T> for Result<T, E> {
    fn context(self, context: impl Into<String>) -> Result<T, BenchError> {
        self.map_err(|e| BenchError::Context { context: context.into(), source: e.into() })
    }
    fn with_context<S: Into<String>>(self, context: impl FnOnce() -> S) -> Result<T, BenchError> {
        self.map_err(|e| BenchError::Context { context: context().into(), source: e.into() })
    }
}

impl<T> Context<T> for Option<T> {
    fn context(self, context: impl Into<String>) -> Result<T, BenchError> {
        self.ok_or_else(|| BenchError::Data(context.into()))
    }
    fn with_context<S: Into<String>>(self, context: impl FnOnce() -> S) -> Result<T, BenchError> {
        self.ok_or_else(|| BenchError::Data(context().into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_keeps_the_cause_as_source() {
        let e = Err::<(), _>(std::io::Error::other("gone")).context("reading x.json").unwrap_err();
        assert_eq!(e.to_string(), "reading x.json");
        assert_eq!(e.source().map(|s| s.to_string()).as_deref(), Some("gone"));
        let missing = None::<u8>.with_context(|| "no pages").unwrap_err();
        assert!(matches!(missing, BenchError::Data(m) if m == "no pages"));
    }
}
