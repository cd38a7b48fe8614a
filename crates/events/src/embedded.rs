//! How an embedded data file that does not parse fails: loudly, at first use, naming its file and line.

use dyad_core::DataError;

/// The parsed value of an embedded data file, or a panic naming the file and line of the first bad row. The
/// files are compiled into the binary and tested, so a parse error is a build defect, not bad input: it must
/// stop the program rather than leave an empty list that quietly codes nothing.
pub(crate) fn loaded<T>(parsed: Result<T, DataError>) -> T {
    parsed.unwrap_or_else(|e| panic!("bad embedded data file data/{e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "bad embedded data file data/x.tsv:7: expected 2 tab-separated columns")]
    fn a_bad_file_panics_with_its_file_and_line() {
        let bad: Result<(), DataError> =
            Err(DataError { file: "x.tsv", line: 7, message: "expected 2 tab-separated columns".into() });
        loaded(bad);
    }

    #[test]
    fn a_good_file_is_its_value() {
        assert_eq!(loaded(Ok::<_, DataError>(3)), 3);
    }
}
