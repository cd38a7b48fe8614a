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

/// The data lines of one of dyad's plain-text data files, with their 1-based line numbers: blank lines and `#`
/// comment lines are skipped and trailing whitespace (a stray `\r` included) is cut. Every data file shares this
/// outline, so every loader reads it through here.
pub fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(n, line)| (n + 1, line.trim_end()))
        .filter(|(_, line)| !line.trim_start().is_empty() && !line.starts_with('#'))
}

/// The `N` tab-separated columns of data line `line` of `file`, each trimmed, or a [`DataError`] saying how many
/// there were.
pub fn tsv_columns<'a, const N: usize>(
    file: &'static str,
    line: usize,
    text: &'a str,
) -> Result<[&'a str; N], DataError> {
    let mut out = [""; N];
    let mut count = 0;
    for column in text.split('\t') {
        if let Some(slot) = out.get_mut(count) {
            *slot = column.trim();
        }
        count += 1;
    }
    if count == N {
        Ok(out)
    } else {
        Err(DataError { file, line, message: format!("expected {N} tab-separated columns, found {count}") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_lines_skip_comments_and_blanks_and_keep_line_numbers() {
        let src = "# header\n\nalpha\tA\r\n   \n#x\tcomment\nbeta\tB  \n";
        let lines: Vec<_> = data_lines(src).collect();
        assert_eq!(lines, [(3, "alpha\tA"), (6, "beta\tB")]);
    }

    #[test]
    fn tsv_columns_count_exactly() {
        assert_eq!(tsv_columns::<2>("f.tsv", 3, "a \t b"), Ok(["a", "b"]));
        let err = tsv_columns::<3>("f.tsv", 3, "a\tb").unwrap_err();
        assert_eq!(err.to_string(), "f.tsv:3: expected 3 tab-separated columns, found 2");
        assert!(tsv_columns::<1>("f.tsv", 1, "a\tb").is_err());
    }
}
