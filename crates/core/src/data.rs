/// Why one of dyad's built-in data files (under `data/`) could not be read: the file, the 1-based line (0 for a
/// whole-file check) and what is wrong. Every crate that parses a data file reports errors with this type, so a bad
/// edit fails the same way wherever it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    /// The data file's name.
    pub file: &'static str,
    /// 1-based line number (0 for a whole-file check).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}
